"""A TBX's transactions and cross-references as the glossary keeps them (the `x-tbx` column's JSON: see
tbx_extras.py, which reads and writes them in TBX), and the history a translator is shown: who made or changed
an entry or a term, and when. Without lxml, for the CLI's and the workbench's quick paths."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

COLUMN = "x-tbx"


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


def _part(found: Any) -> dict[str, list[dict[str, str]]]:
    if not isinstance(found, dict):
        return {}
    return {key: [{k: v for k, v in item.items() if isinstance(v, str)} for item in found[key] if isinstance(item, dict)]
            for key in ("transactions", "refs") if isinstance(found.get(key), list)}  # fmt: skip


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
