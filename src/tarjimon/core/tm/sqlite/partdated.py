"""How a part worker stores the tus of one shape of formats/tmx_dated.py (dated tus read as columns).

A shape's record (placeholder texts "a" and "b", placeholder dates) goes once through the code that stores a
record read tu by tu (partworker: its `dated` shortcut, else UnitFilter.pairs on a filter of its own, so no
reason is counted twice): when that makes exactly one unit without inline codes, the plan says which text is
the source, the unit's profile row but its two dates, and where each date comes from (a slot of the tu's
dates, by the placeholder found there, or a value all tus of the shape share). Any other outcome (a pair
filtered out, no unit, two) leaves the tus of that shape to the record-by-record code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tarjimon.core.formats import tmx, tmx_dated, tmx_tags
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.units import UnitFilter

_SLOTS = {tmx.iso_date(tmx_dated.placeholder(k)): k for k in range(tmx_dated.MAX_SLOTS + 1)}


class Plan:
    """sl, tl; `swap` when the second text is the source; `head` the profile row's first ten fields; `created`
    and `changed` the last two: a slot's index (int) or the value itself (str); `gap` when the unit came from
    UnitFilter.pairs (partworker stores those a batch at a time only far from units with inline codes)."""

    __slots__ = ("changed", "created", "gap", "head", "sl", "swap", "tl")

    def __init__(self, sl: str, tl: str, swap: bool, prof: tuple[Any, ...], gap: bool) -> None:
        self.sl, self.tl, self.swap, self.gap = sl, tl, swap, gap
        self.head = prof[:10]
        self.created: int | str = _SLOTS.get(prof[10], prof[10])
        self.changed: int | str = _SLOTS.get(prof[11], prof[11])


def plan(rec: tmx.TranslationUnitRecord, keep: UnitFilter, head_src: str | None, path: Path, stamp: str,
         dated: Callable[[tmx.TranslationUnitRecord], Any], profile: Callable[[NewUnit, str], tuple[Any, ...]],
         ) -> Plan | None:
    """The plan for a shape's record `rec` (see the module doc); `dated` and `profile` are partworker's."""
    if rec.line == tmx_tags.ATTR_LINE:
        got = dated(rec)
        if got is not None:
            sl, tl, src, _, prof = got
            return None if prof is None else Plan(sl, tl, src == "b", prof, False)
    probe = UnitFilter(keep.source_lang, keep.target_langs)
    skipped = [0]
    units = list(probe.pairs(rec, head_src, path, skipped))
    if skipped[0] or len(units) != 1:
        return None
    u = units[0]
    if u.source_markup is not None or u.target_markup is not None or {u.source, u.target} != {"a", "b"}:
        return None
    return Plan(u.source_lang, u.target_lang, u.source == "b", profile(u, stamp), True)


def store(item: tmx_dated.Dated, plan_of: Callable[[tmx.TranslationUnitRecord], Plan | None],
          add_plain: Callable[[tuple[str, str], list[bytes], list[bytes], list[int]], None],
          record: Callable[[tmx.TranslationUnitRecord], None], profile: Callable[[tuple[Any, ...]], int],
          near_codes: Callable[[], bool]) -> None:
    """Store the tus of one chunk (partworker's functions): each shape's plan made once (`plan_of`), then per
    tu its texts and its profile row with its dates, consecutive tus of one pair together (`add_plain`); a tu
    no plan covers (an empty seg, a unit of UnitFilter.pairs while `near_codes()`) goes as its record, in file
    order."""
    plans: list[Plan | bool] = []
    for shape in item.shapes:
        if shape.plan is None:
            shape.plan = plan_of(shape.record) or False
        plans.append(shape.plan)
    first = plans[0] if plans else False
    if (isinstance(first, Plan) and all(isinstance(p, Plan) and (p.sl, p.tl, p.swap) == (first.sl, first.tl, first.swap)
                                        for p in plans) and -1 not in item.kinds and all(item.texts_a)
            and all(item.texts_b) and not (any(p.gap for p in plans) and near_codes())):  # type: ignore[union-attr]
        # (the common chunk: every tu stored whole, one language pair): its columns at once
        ways = [(p.head, p.created, p.changed) for p in plans]  # type: ignore[union-attr]
        ids = [profile((*head, c if type(c) is str else dates[c], ch if type(ch) is str else dates[ch]))  # type: ignore[index]
               for (head, c, ch), dates in zip([ways[k] for k in item.kinds], item.dates, strict=True)]
        if first.swap:
            add_plain((first.sl, first.tl), item.texts_b, item.texts_a, ids)
        else:
            add_plain((first.sl, first.tl), item.texts_a, item.texts_b, ids)
        return
    pair: tuple[str, str] = ("", "")
    srcs: list[bytes] = []
    tgts: list[bytes] = []
    pids: list[int] = []
    for i, (k, a, b, dates) in enumerate(zip(item.kinds, item.texts_a, item.texts_b, item.dates, strict=True)):
        p = plans[k] if k >= 0 else False
        if p is False or not a or not b or (p.gap and near_codes()):  # type: ignore[union-attr]
            if srcs:
                add_plain(pair, srcs, tgts, pids)
                srcs, tgts, pids = [], [], []
            record(item.record(i))
            continue
        assert isinstance(p, Plan)
        if (p.sl, p.tl) != pair:
            if srcs:
                add_plain(pair, srcs, tgts, pids)
                srcs, tgts, pids = [], [], []
            pair = (p.sl, p.tl)
        c, ch = p.created, p.changed
        if p.swap:
            srcs.append(b)
            tgts.append(a)
        else:
            srcs.append(a)
            tgts.append(b)
        pids.append(profile((*p.head, c if type(c) is str else dates[c],  # type: ignore[index]
                             ch if type(ch) is str else dates[ch])))  # type: ignore[index]
    if srcs:
        add_plain(pair, srcs, tgts, pids)
