"""What the columns of a glossary table mean, as spreadsheets and other tools write them.

A header row names languages by code (`uz`, `en-GB`, `uz-Cyrl`, `uz@cyrillic`) or by name (`Uzbek`, `English`);
`term`/`source term` is the source language's column and `translation`/`target term` the target's (`langs`).
Known columns (note, domain, status, pos, id; comment(s)/notes -> note, subject -> domain, part of speech ->
pos) keep their meaning; any other column is kept as an extra (a note of the concept), under its own name,
suffixed with the language it follows when a name repeats (MateCat's `Notes` after each language).

A first row that names no language, or one beside a 2-3 letter cell that is no known language, is data:
the file has no header, and its columns are OmegaT's glossary layout (source, target, comment), whose
languages must be given (`langs`, from `glossary import --langs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tarjimon.core import langs as langtags
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.models.glossary import META_COLUMNS

#: Non-language columns kept as they are (besides META_COLUMNS and any column starting with "x-").
EXTRA_COLUMNS = ("definition", "source", "context", "match")  # match: context rules, docs/glossaries.md
_ALIASES = {"comment": "note", "comments": "note", "notes": "note", "subject": "domain", "subject field": "domain",
            "part of speech": "pos", "partofspeech": "pos"}  # fmt: skip
_SOURCE_TERM = ("term", "source term", "source_term")
_TARGET_TERM = ("translation", "target term", "target_term")
_TAG_SHAPED = re.compile(r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})+$")  # zz-zz-zz, klingon-xx: a mistyped tag
_NAMES = {name.lower(): code for code, name in langtags.NAMES.items()}


@dataclass(frozen=True)
class Column:
    kind: str  # "lang", "meta" or "extra"
    name: str  # a language code, a META_COLUMNS name, or the extra column's name
    label: str  # as the file writes it


def language_of(label: str) -> str | None:
    """The language a header cell names (`uz-Cyrl`, `Uzbek`), or None."""
    low = label.strip().lower()
    if low in _NAMES:
        return _NAMES[low]
    try:
        return langtags.normalize(label)
    except TarjimonError:
        return None


def understand(header: list[str], path: str | Path, line: int,
               langs: tuple[str, str] | None = None) -> tuple[list[Column], bool]:
    """(the columns, whether `header` is a header row). Raises BadInput for a headerless file without
    `langs`, and for a language named twice."""
    cols: list[Column] = []
    known = nlangs = 0
    seen: set[str] = set()
    last_lang = ""
    for cell in header:
        label = " ".join(cell.split())
        low = label.lower()
        lang = None
        if low in _SOURCE_TERM and langs:
            lang = langs[0]
        elif low in _TARGET_TERM and langs:
            lang = langs[1]
        elif low in _SOURCE_TERM:
            lang = "en"  # IATI's and most English-first glossaries' "term" column
        elif low not in META_COLUMNS and low not in EXTRA_COLUMNS and low not in _ALIASES:
            lang = language_of(label)
        if lang:
            nlangs += 1
            known += 1
            if lang in seen:
                if nlangs >= 2:
                    raise BadInput(f"header: language {lang} appears twice", path=path, line=line)
            seen.add(lang)
            last_lang = lang
            cols.append(Column("lang", lang, label))
            continue
        name = _ALIASES.get(low, low)
        if name in META_COLUMNS or name in EXTRA_COLUMNS or name.startswith("x-"):
            known += 1
        kind = "meta" if name in META_COLUMNS else "extra"
        if any(c.name == name for c in cols) and last_lang:
            kind, name = "extra", f"{name} ({last_lang})"
        cols.append(Column(kind, name or f"column {len(cols) + 1}", label))
    # a 2-3 letter cell that is no language we know: a mistyped code in a header, or a word in a data row
    odd = [c.label for c in cols if c.kind == "extra" and not c.name.startswith("x-")
           and ((len(c.label) in (2, 3) and c.label.isalpha()) or _TAG_SHAPED.match(c.label))]
    if nlangs >= 2 or (nlangs == 1 and not odd):
        return cols, True
    if not langs:
        if odd and nlangs:
            raise BadInput(f"header: unknown language: {odd[0]!r} (a column is a language code or name, or one of "
                           f"{', '.join(META_COLUMNS)})", path=path, line=line)
        raise BadInput("no header row naming the languages (uz, kk, ru, en or Uzbek, ...): give them with "
                       "--langs SOURCE,TARGET (columns: source term, target term, comment)", path=path, line=line)
    return headerless(len(header), langs), False


def headerless(width: int, langs: tuple[str, str]) -> list[Column]:
    """OmegaT's glossary layout: source term, target term, comment, then any further columns as extras."""
    cols = [Column("lang", langs[0], "source"), Column("lang", langs[1], "target")][:width]
    if width > 2:
        cols.append(Column("meta", "note", "comment"))
    cols += [Column("extra", f"column {i + 1}", "") for i in range(3, width)]
    return cols


def describe(cols: list[Column]) -> list[str]:
    """One line per column, for `glossary import --dry-run`."""
    out = []
    for i, c in enumerate(cols, 1):
        what = {"lang": f"terms in {langtags.display_name(c.name)} ({c.name})", "meta": c.name}.get(
            c.kind, f"kept as a note ({c.name})")
        out.append(f"column {i} {c.label!r}: {what}" if c.label else f"column {i}: {what}")
    return out
