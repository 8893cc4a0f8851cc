"""A TBX's transactions and cross-references as the glossary keeps them (the `x-tbx` column's JSON: see
tbx_extras.py, which reads and writes them in TBX), and the history a translator is shown: who made or changed
an entry or a term, and when. Without lxml, for the CLI's and the workbench's quick paths."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tarjimon.core.models.glossary import Concept

COLUMN = "x-tbx"
TERM_INFO = "x-term-info"  # each term's own status, notes and contexts (JSON: formats/tbx.py)
_FIELDS = ("note", "domain", "status", "pos")


def dumps(found: dict[str, Any]) -> str:
    """The `x-tbx` cell of what was found ("" when nothing)."""
    return json.dumps(found, ensure_ascii=False, sort_keys=True) if found else ""


def loads(extra: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A concept's `x-tbx` (its `extra`), {} when it has none or the cell is not JSON; a part of another shape
    (a hand-edited cell) left out."""
    raw = dict(extra).get(COLUMN, "")
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    out: dict[str, Any] = {"entry": _part(found.get("entry"))}
    if isinstance(found.get("id"), str):
        out["id"] = found["id"]
    langs = found.get("langs")
    out["langs"] = {k: _part(v) for k, v in langs.items()} if isinstance(langs, dict) else {}
    terms = found.get("terms")
    out["terms"] = {lang: {t: _part(p) for t, p in by.items()} for lang, by in terms.items()
                    if isinstance(by, dict)} if isinstance(terms, dict) else {}  # fmt: skip
    return out


def _part(found: Any) -> dict[str, Any]:
    if not isinstance(found, dict):
        return {}
    out: dict[str, Any] = {key: [{k: v for k, v in item.items() if isinstance(v, str)} for item in found[key]
                                 if isinstance(item, dict)]
                           for key in ("transactions", "refs", "info") if isinstance(found.get(key), list)}  # fmt: skip
    if isinstance(found.get("definition_at"), str):
        out["definition_at"] = found["definition_at"]
    return out


def transactions(extra: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """A concept's transactions, entry's first, then each language's and each term's: each with "level"
    (entry, lang, term), "lang" and "term" where they apply, "type", "by", "date"."""
    found = loads(extra)
    out = [{"level": "entry", **t} for t in found.get("entry", {}).get("transactions", ())]
    for lang, part in found.get("langs", {}).items():
        out += [{"level": "lang", "lang": lang, **t} for t in part.get("transactions", ())]
    for lang, terms in found.get("terms", {}).items():
        for term, part in terms.items():
            out += [{"level": "term", "lang": lang, "term": term, **t} for t in part.get("transactions", ())]
    return out


def history_lines(extra: Iterable[tuple[str, str]]) -> list[str]:
    """One line per transaction: `en "unscheduled operation": origination 2007-07-22 by Jane`."""
    lines = []
    for t in transactions(extra):
        where = "entry" if t["level"] == "entry" else t["lang"] if t["level"] == "lang" else f'{t["lang"]} "{t["term"]}"'
        what = " ".join(v for v in (t.get("type", ""), t.get("date", ""), f"by {t['by']}" if t.get("by") else "") if v)
        lines.append(f"{where}: {what}")
    return lines


def _clean(found: dict[str, Any]) -> dict[str, Any]:
    """`found` (as loads gives it) without its empty parts."""
    out: dict[str, Any] = {}
    if found.get("id"):
        out["id"] = found["id"]
    if found.get("entry"):
        out["entry"] = found["entry"]
    langs = {lang: part for lang, part in found.get("langs", {}).items() if part}
    terms = {lang: {t: p for t, p in by.items() if p} for lang, by in found.get("terms", {}).items()}
    out.update((k, v) for k, v in (("langs", langs), ("terms", {k: v for k, v in terms.items() if v})) if v)
    return out


def after_edit(old: Concept, new: Concept, *, by: str, when: str | None = None) -> Concept:
    """`new` (an edit of `old`) with what a TBX said about `old` carried over and the edit recorded, for a
    concept imported from TBX (one with the x-tbx or x-term-info column; any other is returned as it is). A
    renamed term (a language's term replaced by another: paired in order) keeps its transactions, notes,
    status and contexts and gets a modification transaction; a new term an origination; a removed term's
    go with it; a changed note, domain, status, part of speech or definition is a modification of the
    entry. Each transaction says when (UTC) and `by` whom."""
    columns = dict(old.extra)
    if COLUMN not in columns and TERM_INFO not in columns:
        return new
    when = when or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = loads(new.extra)
    try:
        info = json.loads(dict(new.extra).get(TERM_INFO, "") or "{}")
    except ValueError:
        info = {}
    info = info if isinstance(info, dict) else {}
    stamp = {"type": "modification", "date": when, "by": by}
    changed = False
    for lang in dict.fromkeys([*old.terms, *new.terms]):
        before, after = list(old.terms.get(lang, ())), list(new.terms.get(lang, ()))
        gone = [t for t in before if t not in after]
        came = [t for t in after if t not in before]
        parts = found["terms"].setdefault(lang, {})
        found_own = info.get(lang)
        own: dict[str, Any] = found_own if isinstance(found_own, dict) else {}
        for i, term in enumerate(came):
            if i < len(gone):  # renamed: what the file said about it follows it
                parts[term] = parts.pop(gone[i], {})
                if gone[i] in own:
                    own[term] = own.pop(gone[i])
            kind = "modification" if i < len(gone) else "origination"
            parts.setdefault(term, {}).setdefault("transactions", []).append({**stamp, "type": kind})
            changed = True
        for term in gone[len(came):]:
            parts.pop(term, None)
            own.pop(term, None)
            changed = True
        if own:
            info[lang] = own
        else:
            info.pop(lang, None)
    if any(getattr(old, f) != getattr(new, f) for f in _FIELDS) or (
            dict(old.extra).get("definition", "") != dict(new.extra).get("definition", "")):  # fmt: skip
        found["entry"].setdefault("transactions", []).append(dict(stamp))
        changed = True
    if not changed:
        return new
    extra = dict(new.extra)
    extra[COLUMN] = dumps(_clean(found))
    if TERM_INFO in extra or info:
        extra[TERM_INFO] = json.dumps(info, ensure_ascii=False, sort_keys=True) if info else ""
    return replace(new, extra=tuple(extra.items()))
