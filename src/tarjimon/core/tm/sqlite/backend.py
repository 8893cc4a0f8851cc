"""TranslationMemory: the TM behind a small interface (add, lookup, concordance, import, export).

It holds no connection of its own: every call takes the calling thread's connection from the Store, so TUI
worker threads can use one instance. A second backend (a team TM on PostgreSQL) would implement the same
methods.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjimon.core import langs
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.formats import tmx
from tarjimon.core.formats.po_units import read_po
from tarjimon.core.models.tm import ConcordanceHit, ImportResult, Match, Unit
from tarjimon.core.store import Store
from tarjimon.core.tm.scoring import Query, base_score, final_score, penalties_for, word_diff
from tarjimon.core.tm.sqlite.bulk import BulkWriter, NewUnit, add_one, confirm, unit_count
from tarjimon.core.tm.sqlite.index import PostingCache, candidates
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS, dumps, meta, unit_from_row
from tarjimon.core.tm.text import key_and_tokens

if TYPE_CHECKING:
    from tarjimon.core.models import Segment, Translation
    from tarjimon.core.project import Project

Progress = Callable[[int], None]
BIG_FILE = 20 * 1024 * 1024
_CONTEXT_PROPS = {"x-context-prev": 0, "prev": 0, "x-context-next": 1, "next": 1}
_PRIMARY: dict[str, str] = {}


def _primary(tag: str) -> str:
    """langs.primary, memoised: a million tuvs carry a handful of distinct tags."""
    got = _PRIMARY.get(tag)
    if got is None:
        got = _PRIMARY[tag] = langs.primary(tag)
    return got


class TranslationMemory:
    """The TM stored in a project's database.

    `source_lang` / `target_langs` (primary subtags) restrict imports to the pairs a project needs; leave
    them None for a TM that keeps every pair (as the benchmark does).
    """

    def __init__(self, store: Store, source_lang: str | None = None, target_langs: Iterable[str] | None = None) -> None:
        self.store = store
        self.source_lang = langs.primary(source_lang) if source_lang else None
        self.target_langs = [langs.primary(t) for t in target_langs] if target_langs else None
        store.migrate("tm", TM_MIGRATIONS)
        self._cache = PostingCache()
        self.last_export_dropped = 0
        self.last_import_stats: dict[str, Any] = {}  # how the last big import went (parallel parts, times)

    # ---- reading ----------------------------------------------------------------------------------
    def count(self) -> int:
        """How many units the TM holds."""
        return unit_count(self.store.conn)

    def unit(self, unit_id: int) -> Unit:
        """One unit by id (TarjimonError if it does not exist)."""
        row = self.store.conn.execute("SELECT * FROM tm_units WHERE id = ?", (unit_id,)).fetchone()
        if row is None:
            raise TarjimonError(f"no TM unit {unit_id}")
        return unit_from_row(row)

    def units(self, target_lang: str | None = None) -> Iterator[Unit]:
        """Every unit (of one target language), oldest first."""
        sql = "SELECT * FROM tm_units" + (" WHERE target_lang = ?" if target_lang else "") + " ORDER BY id"
        args = (langs.primary(target_lang),) if target_lang else ()
        for row in self.store.conn.execute(sql, args):
            yield unit_from_row(row)

    def lookup(
        self,
        text: str,
        target_lang: str,
        *,
        limit: int = 5,
        min_score: int = 50,
        context: tuple[str | None, str | None] | None = None,
        source_lang: str | None = None,
    ) -> list[Match]:
        """The best matches for a sentence, best first (score >= min_score, at most `limit`)."""
        sl = langs.primary(source_lang or self.source_lang or "en")
        tl = langs.primary(target_lang)
        conn = self.store.conn
        self._cache.check(meta(conn, "generation"))
        q = Query.of(text, sl)
        ids = candidates(conn, f"{sl}>{tl}", key_and_tokens(text, sl)[1], self._cache)
        if not ids:
            return []
        rows = conn.execute(
            "SELECT id, source, target, skey, source_markup, target_markup, fuzzy, context_prev, context_next,"
            " origin, changed_at, source_lang, target_lang FROM tm_units"
            f" WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
        scored = [(base_score(q, r["skey"]), r) for r in rows]
        scored = [x for x in scored if x[0] >= min_score]
        rank = {uid: i for i, uid in enumerate(ids)}
        # ties on the key (units differing only in numbers, case, punctuation): the identical text first, then
        # the index's order (which counts shared numbers)
        scored.sort(key=lambda x: (-x[0], x[1]["source"] != text, rank[x[1]["id"]]))
        out: list[tuple[int, bool, Any, list[str]]] = []
        for base, r in scored[: limit + 6]:  # penalties (at most a few points) only reorder near the top
            pens = penalties_for(text, r["source"], sl, tags=bool(r["source_markup"]), fuzzy=bool(r["fuzzy"]))
            identical = text == r["source"]
            score = final_score(base, q.key == r["skey"], identical, pens)
            ctx = context is not None and score == 100 and (r["context_prev"], r["context_next"]) == tuple(context)
            ctx = ctx and (r["context_prev"] is not None or r["context_next"] is not None)
            if ctx:
                score = 101
            if score >= min_score:
                out.append((score, ctx, r, pens))
        out.sort(key=lambda x: (-x[0], x[2]["changed_at"] and -_stamp(x[2]["changed_at"]), -x[2]["id"]))
        return [
            Match(
                source=r["source"],
                target=r["target"],
                score=score,
                source_lang=r["source_lang"],
                target_lang=r["target_lang"],
                origin=r["origin"],
                diff=tuple(word_diff(text, r["source"], sl)),
                penalties=tuple(pens),
                unit_id=r["id"],
                source_display=tmx.display(r["source_markup"], r["source"]),
                target_display=tmx.display(r["target_markup"], r["target"]),
                context_match=ctx,
            )
            for score, ctx, r, pens in out[:limit]
        ]

    def concordance(
        self, text: str, *, target_lang: str | None = None, limit: int = 50, source_lang: str | None = None
    ) -> list[ConcordanceHit]:
        """Units whose source or target contains the words of `text` (any inflected form), with highlights."""
        from tarjimon.core.tm.sqlite.concordance import search

        sl = langs.primary(source_lang or self.source_lang or "en")
        tl = langs.primary(target_lang) if target_lang else None
        return search(self.store.conn, text, sl, tl, limit)

    # ---- writing ----------------------------------------------------------------------------------
    def add(
        self,
        source: str,
        target: str,
        source_lang: str,
        target_lang: str,
        *,
        origin: str = "",
        context: tuple[str | None, str | None] = (None, None),
        notes: list[str] | None = None,
    ) -> int:
        """Add one unit (or find the identical one); return its id."""
        u = NewUnit(langs.primary(source_lang), langs.primary(target_lang), source_lang, target_lang, source,
                    target, context_prev=context[0], context_next=context[1], origin=origin, notes=dumps(notes))
        with self.store.transaction() as tx:
            row = tx.execute("SELECT id FROM tm_units WHERE dedup = ?", (u.dedup(),)).fetchone()
            return int(row[0]) if row else add_one(tx, u)

    def on_confirm(self, project: Project, segment: Segment, saved: Translation) -> None:
        """Listener for Project.on_confirm: the confirmed target becomes (or updates) a unit at once."""
        prev, nxt = project.neighbours(segment)
        doc = project.store.conn.execute(
            "SELECT name FROM documents WHERE id = ?", (segment.document_id,)
        ).fetchone()
        origin = f"{project.name}/{doc[0] if doc else segment.document_id}"
        u = NewUnit(project.source_lang, saved.lang, project.source_lang, saved.lang, segment.source, saved.text,
                    context_prev=prev, context_next=nxt, origin=origin, segment_id=segment.id)
        with self.store.transaction() as tx:
            confirm(tx, u)

    def import_file(
        self,
        path: str | Path,
        *,
        source_lang: str | None = None,
        target_lang: str | None = None,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import a TMX or PO file, all or nothing. PO: msgid is in `source_lang` (default: the TM's source
        language), msgstr in the header's Language (or `target_lang`)."""
        path = Path(path)
        started = time.perf_counter()
        fmt = "po" if path.suffix.lower() in (".po", ".pot") else "tmx"
        skipped = [0]
        if fmt == "po":
            units = self._po_units(path, source_lang, target_lang, skipped)
        else:
            units = self._tmx_units(path, skipped)
        if fmt == "tmx" and not self.store.conn.in_transaction:
            from tarjimon.core.tm.sqlite import parallel

            if parallel.eligible(path):
                done = parallel.import_parallel(self, path)
                if done is not None:
                    if progress is not None:
                        progress(done[0])
                    return ImportResult(str(path), fmt, done[0], done[1], done[2], time.perf_counter() - started)
        big = path.exists() and path.stat().st_size > BIG_FILE
        with self.store.transaction() as tx:
            writer = BulkWriter(tx, big=big)
            for n, u in enumerate(units, 1):
                writer.add(u)
                if progress is not None and n % 10_000 == 0:
                    progress(n)
            writer.finish()
        return ImportResult(str(path), fmt, writer.added, writer.duplicates, skipped[0],
                            time.perf_counter() - started)

    def _po_units(self, path: Path, source_lang: str | None, target_lang: str | None,
                  skipped: list[int]) -> Iterator[NewUnit]:
        header_lang, pairs = read_po(path)
        src_tag = source_lang or self.source_lang or "en"
        tgt_tag = target_lang or header_lang
        if not tgt_tag and self.target_langs and len(self.target_langs) == 1:
            tgt_tag = self.target_langs[0]
        if not tgt_tag:
            raise BadInput("the PO has no Language header; name the target language (--target-lang)", path=path)
        sl, tl = langs.primary(src_tag), langs.primary(tgt_tag)
        for p in pairs:
            if (self.target_langs and tl not in self.target_langs) or (self.source_lang and sl != self.source_lang):
                skipped[0] += 1
                continue
            yield NewUnit(sl, tl, src_tag, tgt_tag, p.source, p.target, origin=path.name, notes=dumps(p.notes),
                          props=dumps({"tu": p.props}), fuzzy=p.fuzzy)

    def _tmx_units(self, path: Path, skipped: list[int]) -> Iterator[NewUnit]:
        records = tmx.read_tmx(path)
        header = next(records)
        assert isinstance(header, dict)
        head_src = header.get("srclang")
        for rec in records:
            assert isinstance(rec, tmx.TranslationUnitRecord)
            yield from self._pairs_of(rec, head_src, path, skipped)

    def _pairs_of(self, rec: tmx.TranslationUnitRecord, head_src: str | None, path: Path,
                  skipped: list[int]) -> Iterator[NewUnit]:
        declared = rec.srclang or head_src
        variants = rec.variants
        if not variants:
            return
        if len(variants) == 2 and declared and not rec.props and not rec.notes and declared != "*all*":
            # the common tu: one source, one target, nothing else (a fast path for big files)
            a, b = variants
            if not (a.props or a.notes or b.props or b.notes):
                sl = _primary(declared)
                la, lb = _primary(a.tag), _primary(b.tag)
                if la != lb and sl in (la, lb):
                    src, tgt, tl = (a, b, lb) if la == sl else (b, a, la)
                    if (self.source_lang and sl != self.source_lang) or (
                        self.target_langs and tl not in self.target_langs
                    ):
                        skipped[0] += 1
                        return
                    created = tmx.iso_date(src.created or rec.created) if (src.created or rec.created) else None
                    changed = tmx.iso_date(tgt.changed or rec.changed) if (tgt.changed or rec.changed) else None
                    yield NewUnit(sl, tl, src.tag, tgt.tag, src.plain, tgt.plain, src.markup, tgt.markup,
                                  origin=path.name, created_at=created, changed_at=changed or created)
                    return
        vlangs = [_primary(v.tag) for v in variants]
        if declared and declared.strip().lower() != "*all*":
            sources = [_primary(declared)]
        elif self.source_lang:
            sources = [self.source_lang]
        else:
            sources = list(dict.fromkeys(vlangs))
        context: list[str | None] = [None, None]
        tu_props = []
        for typ, value in rec.props:
            if typ in _CONTEXT_PROPS:
                context[_CONTEXT_PROPS[typ]] = value
            else:
                tu_props.append([typ, value])
        created = tmx.iso_date(rec.created) if rec.created else None
        changed = tmx.iso_date(rec.changed) if rec.changed else None
        notes = dumps(rec.notes)
        for sl in sources:
            if sl not in vlangs:
                skipped[0] += 1
                continue
            src = variants[vlangs.index(sl)]
            for v, tl in zip(variants, vlangs, strict=True):
                if tl == sl:
                    continue
                if (self.source_lang and sl != self.source_lang) or (self.target_langs and tl not in self.target_langs):
                    skipped[0] += 1
                    continue
                extra: dict[str, Any] = {}
                if tu_props:
                    extra["tu"] = tu_props
                if src.props or src.notes or v.props or v.notes:
                    for name, var in (("src", src), ("tgt", v)):
                        if var.props:
                            extra[name] = var.props
                        if var.notes:
                            extra[name + "_notes"] = var.notes
                yield NewUnit(
                    sl, tl, src.tag, v.tag, src.plain, v.plain, src.markup, v.markup, context[0], context[1],
                    origin=path.name, notes=notes, props=dumps(extra),
                    created_at=(tmx.iso_date(src.created) if src.created else None) or created,
                    changed_at=(tmx.iso_date(v.changed) if v.changed else None) or changed or created,
                )

    # ---- export -----------------------------------------------------------------------------------
    def export_tmx(self, path: str | Path, target_lang: str | None = None, *, overwrite: bool = True) -> int:
        """Write the TM (or its units of one target language) as TMX 1.4b; return the number of units.

        Characters XML 1.0 forbids are dropped; how many is in `last_export_dropped`.
        """
        conn = self.store.conn
        tl = langs.primary(target_lang) if target_lang else None
        srcs = {r[0] for r in conn.execute("SELECT DISTINCT source_lang FROM tm_pairs")}
        srclang = self.source_lang or (next(iter(srcs)) if len(srcs) == 1 else "*all*")
        from tarjimon.core.files import atomic_writer

        with atomic_writer(path, overwrite=overwrite) as f, tmx.TmxWriter(f, srclang) as w:
            for u in self.units(tl):
                write_unit(w, u)
        self.last_export_dropped = w.dropped
        return w.count


def write_unit(w: tmx.TmxWriter, u: Unit) -> None:
    """Write one Unit as a tu, with its context, origin, notes and props."""
    props = [list(p) for p in u.props.get("tu", [])]
    if u.context[0] is not None:
        props.append(["x-context-prev", u.context[0]])
    if u.context[1] is not None:
        props.append(["x-context-next", u.context[1]])
    if u.origin:
        props.append(["x-origin", u.origin])
    if u.fuzzy:
        props.append(["x-fuzzy", "1"])
    w.unit(
        (u.source_tag or u.source_lang, u.source, u.source_markup),
        (u.target_tag or u.target_lang, u.target, u.target_markup),
        props=props,
        notes=list(u.notes),
        source_extra=(u.props.get("src_notes", []), u.props.get("src", [])),
        target_extra=(u.props.get("tgt_notes", []), u.props.get("tgt", [])),
        created=u.created_at,
        changed=u.changed_at,
    )


def _stamp(iso: str) -> float:
    try:
        from datetime import datetime

        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


__all__ = ["TranslationMemory", "write_unit"]
