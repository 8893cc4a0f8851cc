"""Glossary files as tables: the git-friendly TSV that glossaries/ holds, and CSV for spreadsheets.

Format: UTF-8, LF line ends, a header row of language codes (uz, kk, ru, en, ...) followed by optional
columns (note, domain, status, pos, id, definition, x-anything). One concept per row; synonyms share a cell,
separated by " | ", preferred term first. Written sorted by the first language's term, with a fixed column
order and no trailing spaces, so a diff shows exactly the rows that changed and two people adding different
terms touch different lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tarjimon.core import langs as langtags
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.files import atomic_write_text
from tarjimon.core.formats import table_header
from tarjimon.core.models.glossary import (
    META_COLUMNS,
    STATUSES,
    Concept,
    Glossary,
    concept_key,
    merge_concepts,
    split_synonyms,
    synonym_cell,
)
from tarjimon.core.textio import decode_text, read_bytes

#: Languages written first, in this order; others follow alphabetically.
LEAD_LANGS = ("uz", "kk", "ru", "en")


def parse_table(rows: list[tuple[int, list[str]]], path: str | Path, name: str,
                langs: tuple[str, str] | None = None) -> Glossary:
    """Build a Glossary from (line number, cells) rows, the first being the header (or the first row, when
    table_header finds none: then `langs` names the two term columns). Raises BadInput.

    A source term repeated with another translation adds that translation as a synonym of the first row's
    concept; rows with ids (an `id` column) are concepts of their own whatever their terms."""
    if not rows:
        return Glossary(name)
    header_line, header = rows[0]
    width = max(len(cells) for _n, cells in rows)
    cols, has_header = table_header.understand(header, path, header_line, langs)
    if not has_header:
        cols = table_header.headerless(width, langs)  # type: ignore[arg-type]
    glossary = Glossary(name, understood=table_header.describe(cols))
    for col in cols:
        if col.kind == "lang" and col.name not in glossary.langs:
            glossary.langs.append(col.name)
        elif col.kind != "lang" and col.name not in glossary.columns and (col.label or col.kind == "meta"):
            # (a column without a header is kept only where a row fills it: a spreadsheet's trailing empty
            # columns, `uz;kk;ru;en;;;`, would otherwise come back as empty "column 6" cells on every row)
            glossary.columns.append(col.name)
    if not glossary.langs:
        raise BadInput(
            "header: no language column (expected codes like uz, kk, ru, en)", path=path, line=header_line
        )
    seen: dict[object, int] = {}
    for line, cells in rows[1:] if has_header else rows:
        if len(cells) > len(cols) and any(c.strip() for c in cells[len(cols):]):
            raise BadInput(
                f"ragged row: {len(cells)} cells, the header has {len(cols)}", path=path, line=line
            )
        cells = cells + [""] * (len(cols) - len(cells))
        terms: dict[str, tuple[str, ...]] = {}
        meta: dict[str, str] = {}
        extra: list[tuple[str, str]] = []
        for col, cell in zip(cols, cells, strict=False):
            value = " ".join(cell.split())
            if col.kind == "lang":
                found = split_synonyms(value)
                if found:
                    terms[col.name] = terms.get(col.name, ()) + found
            elif col.kind == "meta":
                meta[col.name] = value
            elif value:
                extra.append((col.name, value))
        if not terms:
            if any(c.strip() for c in cells):
                raise BadInput("row has no term in any language", path=path, line=line)
            continue
        status = meta.get("status", "").lower()
        if status and status not in STATUSES:
            raise BadInput(f"unknown status {status!r} (use {', '.join(STATUSES)})", path=path, line=line)
        concept = Concept(
            terms, meta.get("note", ""), meta.get("domain", ""), status, meta.get("pos", ""), meta.get("id", ""),
            tuple(extra),
        )  # fmt: skip
        key: object = ("id", concept.id) if concept.id else concept_key(concept, glossary.langs)
        concept = concept.with_id()
        if key in seen and not _another_sense(glossary.concepts[seen[key]], concept):
            i = seen[key]  # a repeated source term: its other translations become synonyms
            glossary.concepts[i] = merge_concepts(glossary.concepts[i], concept)
            continue
        if key in seen:  # the same term in another sense (IATI's "download", a verb, then a noun): its own
            glossary.concepts.append(concept)  # concept, not a synonym losing its part of speech and definition
            continue
        seen[key] = len(glossary.concepts)
        glossary.concepts.append(concept)
    return glossary


#: The lines git leaves around a merge conflict (`|||||||`: the common ancestor's, in diff3 style).
_CONFLICT_MARKS = ("<<<<<<<", ">>>>>>>", "=======", "|||||||")


def conflict_line(text: str | bytes) -> tuple[int, str] | None:
    """The first line of `text` (or of UTF-8 bytes) that is a git merge conflict marker, with its number, or
    None. Four substring scans (~4 ms each at 13 MB) before any line is looked at: a glossary without a
    marker costs only those (a leftover marker line may be any of the four)."""
    if isinstance(text, bytes):
        if not any(mark.encode() in text for mark in _CONFLICT_MARKS):
            return None
        text = text.decode("utf-8", "replace")
    if not any(mark in text for mark in _CONFLICT_MARKS):
        return None
    for n, line in enumerate(text.split("\n"), 1):
        line = line.lstrip("\ufeff").rstrip("\r")
        if line.startswith(_CONFLICT_MARKS) and line[7:8] in ("", " "):
            return n, line
    return None


def refuse_conflict(text: str | bytes, path: str | Path) -> None:
    """BadInput naming the line when `text` holds a git merge conflict marker: its lines would otherwise be
    read as concepts ("<<<<<<< HEAD") and both sides of the conflict kept, silently."""
    found = conflict_line(text)
    if found is not None:
        raise BadInput(
            f"a git merge conflict marker ({found[1][:40]!r}): resolve the conflict first (keep one row of the "
            "concept, delete the marker lines), then run again", path=path, line=found[0],
        )  # fmt: skip


def _another_sense(old: Concept, new: Concept) -> bool:
    """Whether a row repeating `old`'s source term says something else of it: another part of speech, note or
    value in another column (a definition, a source), where both rows have one."""
    if (old.pos and new.pos and old.pos != new.pos) or (old.note and new.note and old.note != new.note):
        return True
    had = dict(old.extra)
    return any(had.get(k) and v and had[k] != v for k, v in new.extra)


def read_tsv_text(text: str, path: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Parse TSV text (tabs separate cells, one row per line; blank lines and OmegaT's `#` comments ignored)."""
    refuse_conflict(text, path)
    rows = [(n, line.rstrip("\r").split("\t")) for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.lstrip("\ufeff").startswith("#")]  # fmt: skip
    return parse_table(rows, path, name, langs)


def read_csv_text(text: str, path: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Parse CSV text (comma or semicolon separated, as spreadsheets write it)."""
    refuse_conflict(text, path)
    sample = text[:4096]
    delimiter = ";" if sample.split("\n", 1)[0].count(";") > sample.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        line = 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise BadInput(f"malformed CSV ({exc})", path=path, line=reader.line_num) from exc
    return parse_table(rows, path, name, langs)


def read_table(path: str | Path, name: str) -> Glossary:
    """Read a .tsv or .csv glossary file (UTF-8, UTF-16 or cp1251, as textio accepts)."""
    text, _enc = decode_text(read_bytes(path), path)
    if Path(path).suffix.lower() == ".csv":
        return read_csv_text(text, path, name)
    return read_tsv_text(text, path, name)


def ordered_langs(glossary: Glossary) -> list[str]:
    """Column order: uz, kk, ru, en first, then other languages alphabetically."""
    present = glossary.all_langs()
    return [lang for lang in LEAD_LANGS if lang in present] + sorted(set(present) - set(LEAD_LANGS))


def ordered_columns(glossary: Glossary) -> list[str]:
    metas = set(glossary.columns)
    for c in glossary.concepts:
        metas.update(
            k for k, v in (("note", c.note), ("domain", c.domain), ("status", c.status), ("pos", c.pos)) if v
        )
        metas.update(k for k, _v in c.extra)
    return [m for m in META_COLUMNS if m in metas] + sorted(metas - set(META_COLUMNS))


def table_rows(glossary: Glossary) -> list[list[str]]:
    """Header and rows in the stable order: sorted by the first language's term (case-folded)."""
    lang_cols = ordered_langs(glossary)
    meta_cols = ordered_columns(glossary)
    body = [concept_cells(c, lang_cols, meta_cols) for c in glossary.concepts]
    body.sort(key=row_order)
    return [lang_cols + meta_cols, *body]


def concept_cells(c: Concept, lang_cols: list[str], meta_cols: list[str]) -> list[str]:
    """A concept's row: its terms in `lang_cols` (synonyms joined by " | "), then its `meta_cols` fields."""
    extra = dict(c.extra)
    values = {"note": c.note, "domain": c.domain, "status": c.status, "pos": c.pos, "id": c.id}
    row = [synonym_cell(c.terms.get(lang, ())) for lang in lang_cols]
    row += [_clean(values[m] if m in values else extra.get(m, "")) for m in meta_cols]
    if row and row[0].startswith("#"):  # the line would read back as a comment, the concept gone
        raise TarjimonError(f"{row[0]!r}: a {lang_cols[0] if lang_cols else ''} term cannot start with '#' in a "
                            "glossary (a TSV line starting with '#' is a comment): write it without the '#'")
    return row


def row_order(cells: list[str]) -> tuple[list[str], list[str]]:
    """The sort key of a written row: its cells case-folded, then as written."""
    return ([cell.casefold() for cell in cells], cells)


def _clean(value: str) -> str:
    return " ".join(value.split())  # (a bar in a note or another column is no separator: kept)


def tsv_text(glossary: Glossary) -> str:
    return "".join("\t".join(row) + "\n" for row in table_rows(glossary))


def csv_text(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(table_rows(glossary))
    return out.getvalue()


# ---- the registry's entry points (formats/base.py) ----------------------------------------------------
def read_tsv(path: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Read a TSV glossary (whatever its extension); `langs` name the columns of a file without header."""
    text, _enc = decode_text(read_bytes(path), path)
    return read_tsv_text(text, path, name, langs)


def read_csv(path: str | Path, name: str, langs: tuple[str, str] | None = None) -> Glossary:
    """Read a CSV glossary (whatever its extension); `langs` name the columns of a file without header."""
    text, _enc = decode_text(read_bytes(path), path)
    return read_csv_text(text, path, name, langs)


def write_tsv(glossary: Glossary, path: str | Path) -> None:
    """Write `glossary` as TSV, atomically (the folder is created if needed)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, tsv_text(glossary))


def write_csv(glossary: Glossary, path: str | Path) -> None:
    """Write `glossary` as CSV, atomically (the folder is created if needed)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, csv_text(glossary))


def _header_cells(head: str, sep: str) -> list[str]:
    first = next((line for line in head.split("\n") if line.strip()), "")
    return [c.strip().strip('"') for c in first.split(sep)]


def _names_a_language(cells: list[str]) -> bool:
    for cell in cells:
        try:
            langtags.normalize(cell)
            return True
        except TarjimonError:
            continue
    return False


def sniff_tsv(head: str) -> bool:
    """A tab-separated table: a first line of two or more cells (with or without a language header)."""
    return len(_header_cells(head, "\t")) >= 2


def sniff_csv(head: str) -> bool:
    """A CSV glossary: a first line of two or more comma- or semicolon-separated cells naming a language."""
    return any(
        len(cells) >= 2 and _names_a_language(cells) for cells in (_header_cells(head, sep) for sep in ",;")
    )
