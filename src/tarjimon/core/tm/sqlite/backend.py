"""The SQLite translation memory: units in the project's database, a persisted stem index (index.py), bulk
writes (bulk.py), concordance (concordance.py) and a parallel import of big TMX files (parallel.py).

It holds no connection of its own: every call takes the calling thread's connection from the Store, so TUI
worker threads can share one instance. Scoring, file reading and TMX export come from the shared layer
(tarjimon.core.tm.api.MemoryBase), so another backend gives the same matches.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from tarjimon.core import faults, langs
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import Candidate, ConcordanceHit, Match, NewUnit, Unit, dedup_hash
from tarjimon.core.store import Store, now
from tarjimon.core.text.tags import has_written_tags
from tarjimon.core.tm.api import Progress, TMStatus
from tarjimon.core.tm.base import MemoryBase
from tarjimon.core.tm.browse import edited_texts, rows_sql
from tarjimon.core.tm.sqlite.bulk import BulkWriter, add_one, confirm, unit_count
from tarjimon.core.tm.sqlite.compact import merge_lists
from tarjimon.core.tm.sqlite.index import PostingCache, add_unit, candidates, remove_unit, set_count, token
from tarjimon.core.tm.sqlite.schema import TM_MIGRATIONS, NothingAdded, bump, meta, unit_from_row
from tarjimon.core.tm.text import query_key, unit_key_and_tokens, unit_tokens
from tarjimon.core.tm.units import UnitFilter, dumps

#: Bytes of the database file a lookup's connection reads through a memory map (SQLite caps it at 2 GB): the
#: candidates' rows and posting lists come straight from the OS page cache instead of being copied into
#: SQLite's own 2 MB page cache, which a 1M-unit TM overruns on every lookup (the row fetch costs a third less).
MMAP_SIZE = 1 << 31

#: The TM's migrations: schema.py's SQL ones, then 3: one row per stem (each posting list's rows, one per import
#: batch or confirmed unit, merged into one; compact.py).
MIGRATIONS: list[str | Callable[[sqlite3.Connection], object]] = [*TM_MIGRATIONS, merge_lists]

_CANDIDATE_COLUMNS = ("id, source, target, skey, source_lang, target_lang, source_markup, target_markup, fuzzy,"
                      " context_prev, context_next, origin, changed_at")


def _no_rows(ids: list[int]) -> dict[int, Candidate]:
    return {}


def _fetch(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Candidate]:
    """The whole candidates of these unit ids (missing ones left out)."""
    if not ids:
        return {}
    cur = conn.cursor()
    cur.row_factory = None
    return {r[0]: Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11], r[12])
            for r in cur.execute(f"SELECT {_CANDIDATE_COLUMNS} FROM tm_units WHERE id IN ({','.join('?' * len(ids))})",
                                 ids)}


class SqliteMemory(MemoryBase):
    """The TM stored in a SQLite database (a project's project.db).

    `source_lang` / `target_langs` (primary subtags) restrict imports to the pairs a project needs; leave
    them None for a TM that keeps every pair (as the benchmark does).

    `lazy_schema` (`tarjimon tm import`): in a project that has no TM yet, the TM's tables are created by the
    first import, inside its transaction, and only when it adds units; a refused import, or one that keeps
    nothing, leaves the database as it was. Until then such an instance only imports and counts.
    """

    def __init__(self, store: Store, source_lang: str | None = None,
                 target_langs: Iterable[str] | None = None, *, lazy_schema: bool = False) -> None:
        super().__init__(source_lang, target_langs)
        self.store = store
        self._schema_pending = lazy_schema and not store.read_only and store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'tm_units'").fetchone() is None
        if not self._schema_pending:
            # a read-only TM made before the df index (migration 2) still opens: its lookups sum the lists' rows
            store.migrate("tm", MIGRATIONS[:1] if store.read_only else MIGRATIONS)
        self._cache = PostingCache()
        self._mapped = threading.local()  # the connection of this thread already given MMAP_SIZE

    # ---- reading ----------------------------------------------------------------------------------
    def count(self) -> int:
        """How many units the TM holds (a counter: counting a million units costs nothing)."""
        return 0 if self._schema_pending else unit_count(self.store.conn)

    def _create_schema(self, tx: sqlite3.Connection) -> None:
        """Inside an import's transaction: the TM's tables when they are still to be made (lazy_schema)."""
        if self._schema_pending:
            self.store.migrate("tm", MIGRATIONS)  # (joins the open transaction)

    def _imported(self, run: Callable[[], tuple[int, ...] | None]) -> tuple[int, ...] | None:
        """`run`, an import whose transaction calls _create_schema first and raises NothingAdded, to roll back,
        when it adds no unit (then None: a file that keeps nothing changes nothing, not even the TM's counters).
        With the schema still pending, a failure, a fallback or nothing added leaves it pending."""
        try:
            return run()
        except NothingAdded:
            return None
        finally:
            if self._schema_pending:
                if self.store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tm_units'").fetchone():
                    self._schema_pending = False
                else:  # (its migrations were rolled back)
                    self.store.forget_migrated("tm")

    def status(self) -> TMStatus:
        pairs = [] if self._schema_pending else [(r[0], r[1]) for r in self.store.conn.execute(
            "SELECT source_lang, target_lang FROM tm_pairs ORDER BY source_lang, target_lang")]
        return TMStatus("sqlite", str(self.store.path), self.count(), pairs)

    def unit(self, unit_id: int) -> Unit:
        row = self.store.conn.execute("SELECT * FROM tm_units WHERE id = ?", (unit_id,)).fetchone()
        if row is None:
            raise TarjimonError(f"no TM unit {unit_id}")
        return unit_from_row(row)

    def units(self, target_lang: str | None = None) -> Iterator[Unit]:
        sql = "SELECT * FROM tm_units" + (" WHERE target_lang = ?" if target_lang else "") + " ORDER BY id"
        args = (langs.primary(target_lang),) if target_lang else ()
        for row in self.store.conn.execute(sql, args):
            yield unit_from_row(row)

    def _rows(self, before: int | None, source_lang: str | None, target_lang: str | None,
              limit: int) -> list[tuple[int, str, str, str]]:
        sql, args = rows_sql("?", before, source_lang, target_lang, limit)
        return [(r[0], r[1], r[2], r[3]) for r in self.store.conn.execute(sql, args)]

    def _units(self, ids: list[int]) -> list[Unit]:
        out: list[Unit] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out += [unit_from_row(r) for r in self.store.conn.execute(
                f"SELECT * FROM tm_units WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        return out

    def lookup(self, text: str, target_lang: str, *, limit: int = 5, min_score: int = 50,
               context: tuple[str | None, str | None] | None = None,
               source_lang: str | None = None) -> list[Match]:
        """MemoryBase.lookup in one read transaction: the lookup's 5-9 statements (generation, document
        frequencies, posting lists, the candidates' keys, their rows) share one snapshot and one WAL read lock
        instead of taking and dropping it for each (three system calls a statement, ~4 us each on a VM)."""
        conn = self.store.conn
        if conn.in_transaction:  # the caller's transaction (a write in progress) holds the snapshot already
            return super().lookup(text, target_lang, limit=limit, min_score=min_score, context=context,
                                  source_lang=source_lang)
        self._map(conn)
        conn.execute("BEGIN")
        try:
            return super().lookup(text, target_lang, limit=limit, min_score=min_score, context=context,
                                  source_lang=source_lang)
        finally:
            conn.execute("COMMIT")  # (a read transaction: nothing to write, the snapshot is released)

    def _map(self, conn: sqlite3.Connection) -> None:
        if getattr(self._mapped, "conn", None) is not conn:
            conn.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
            self._mapped.conn = conn

    def _candidates(self, text: str, source_lang: str, target_lang: str) -> list[Candidate]:
        keys, fetch = self._candidate_keys(text, source_lang, target_lang)
        rows = fetch([i for i, _ in keys])
        return [c for c in (rows.get(i) for i, _ in keys) if c is not None]

    def _candidate_keys(self, text: str, source_lang: str, target_lang: str
                        ) -> tuple[list[tuple[int, str]], Callable[[list[int]], dict[int, Candidate]]]:
        conn = self.store.conn
        self._map(conn)
        self._cache.check(meta(conn, "generation"))
        ids = candidates(conn, f"{source_lang}>{target_lang}", query_key(text, source_lang)[1], self._cache)
        if not ids:
            return [], _no_rows
        cur = conn.cursor()
        cur.row_factory = None  # plain tuples: cheaper than sqlite3.Row for 60 rows read once
        # the keys alone for the 60 (two columns of 13: a third of the row read's time), whole rows for the few
        # ranking reaches (fetch)
        keys = dict(cur.execute(f"SELECT id, skey FROM tm_units WHERE id IN ({','.join('?' * len(ids))})", ids))
        return [(i, k) for i in ids if (k := keys.get(i)) is not None], partial(_fetch, conn)

    def concordance(self, text: str, *, target_lang: str | None = None, limit: int = 50,
                    source_lang: str | None = None) -> list[ConcordanceHit]:
        """Units whose source or target contains the words of `text` (any inflected form), with highlights."""
        from tarjimon.core.tm.sqlite.concordance import search

        sl = langs.primary(source_lang or self.source_lang or "en")
        tl = langs.primary(target_lang) if target_lang else None
        return search(self.store.conn, text, sl, tl, limit)

    # ---- writing ----------------------------------------------------------------------------------
    def add(self, source: str, target: str, source_lang: str, target_lang: str, *, origin: str = "",
            context: tuple[str | None, str | None] = (None, None), notes: list[str] | None = None) -> int:
        """Add one unit (or find the identical one); return its id."""
        u = NewUnit(langs.primary(source_lang), langs.primary(target_lang), source_lang, target_lang, source,
                    target, context_prev=context[0], context_next=context[1], origin=origin, notes=dumps(notes))
        with self.store.transaction() as tx:
            row = tx.execute("SELECT id FROM tm_units WHERE dedup = ?", (u.dedup(),)).fetchone()
            return int(row[0]) if row else add_one(tx, u)

    def confirm(self, unit: NewUnit) -> int:
        """A target confirmed in the project becomes (or updates) its segment's unit."""
        with self.store.transaction() as tx:
            return confirm(tx, unit)

    def delete(self, unit_id: int) -> None:
        """Remove one unit and its index entries (`tarjimon check` stays clean)."""
        with self.store.transaction() as tx:
            row = tx.execute("SELECT source, source_lang, target_lang FROM tm_units WHERE id = ?",
                             (unit_id,)).fetchone()
            if row is None:
                return
            tx.execute("DELETE FROM tm_units WHERE id = ?", (unit_id,))
            self._unindex(tx, unit_id, row[0], row[1], row[2])
            bump(tx, "units", -1)
            bump(tx, "generation")

    @staticmethod
    def _unindex(tx: sqlite3.Connection, unit_id: int, source: str, source_lang: str, target_lang: str,
                 keep: Iterable[str] = ()) -> None:
        pair, kept = f"{source_lang}>{target_lang}", set(keep)
        toks = [token(pair, t) for t in unit_tokens(source, source_lang) if t not in kept]
        remove_unit(tx, unit_id, toks or [token(pair, "")])

    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit:
        """Correct a unit's texts in place (its id, origin and dates kept; changed_at now). A new source is
        indexed at once; the old source's postings go stale (dropped or outscored when candidates are ranked).
        When the corrected unit equals another, that one is kept and this one removed."""
        with self.store.transaction() as tx:
            old = self.unit(unit_id)
            src, tgt, src_markup, tgt_markup = edited_texts(old, source, target)
            h = dedup_hash(old.source_lang, old.target_lang, src_markup or src, tgt_markup or tgt)
            same = tx.execute("SELECT id FROM tm_units WHERE dedup = ? AND id != ?", (h, unit_id)).fetchone()
            if same is not None:
                tx.execute("DELETE FROM tm_units WHERE id = ?", (unit_id,))
                self._unindex(tx, unit_id, old.source, old.source_lang, old.target_lang)
                bump(tx, "units", -1)
                bump(tx, "generation")
                return self.unit(int(same[0]))
            key, toks = unit_key_and_tokens(src, old.source_lang)
            tx.execute("UPDATE tm_units SET source = ?, target = ?, source_markup = ?, target_markup = ?, dedup = ?,"
                       " skey = ?, ntok = ?, fuzzy = 0, changed_at = ? WHERE id = ?",
                       (src, tgt, src_markup, tgt_markup, h, key, len(toks), now(), unit_id))
            if src != old.source and has_written_tags(old.source):
                # indexed as written or without its tags (unit_tokens): out of every list, then in its own
                self._unindex(tx, unit_id, old.source, old.source_lang, old.target_lang)
                add_unit(tx, unit_id, [token(f"{old.source_lang}>{old.target_lang}", t) for t in toks], len(toks))
            elif src != old.source:
                known = set(unit_key_and_tokens(old.source, old.source_lang)[1])
                pair = f"{old.source_lang}>{old.target_lang}"
                add_unit(tx, unit_id, [token(pair, t) for t in toks if t not in known], len(toks))
                self._unindex(tx, unit_id, old.source, old.source_lang, old.target_lang, keep=toks)
                # the lists it stays on carry its new size too
                set_count(tx, unit_id, [token(pair, t) for t in toks if t in known], len(toks))
            bump(tx, "generation")
            return self.unit(unit_id)

    def import_units(self, units: Iterable[NewUnit], *, progress: Progress | None = None,
                     big: bool = False) -> tuple[int, int]:
        """Add many units in one transaction; (added, duplicates)."""
        counts: list[int] = []

        def run() -> tuple[int, int]:
            with self.store.transaction() as tx:
                self._create_schema(tx)
                writer = BulkWriter(tx, big=big)
                for n, u in enumerate(units, 1):
                    writer.add(u)
                    if progress is not None and n % 10_000 == 0:
                        progress(n)
                writer.finish()
                counts[:] = [writer.added, writer.duplicates]
                if not writer.added:
                    raise NothingAdded
                faults.checkpoint("tm.commit")
            return writer.added, writer.duplicates

        got = self._imported(run)
        return (got[0], got[1]) if got is not None else (counts[0], counts[1])

    def optimize(self) -> int:
        """Key and index again without their tags the units indexed with the tags written in their source
        (rekey.py), then merge each posting list's rows (one per import batch, one per confirmed unit) into one,
        as TM migration 3 did (compact.py): fewer, longer reads for a lookup. How many lists were merged."""
        from tarjimon.core.tm.sqlite.rekey import rekey_tagged

        with self.store.transaction() as tx:
            rekey_tagged(tx)
            return merge_lists(tx)

    def import_fast(self, path: Path) -> tuple[int, int, int] | None:
        """A big UTF-8 TMX imported by several processes (parallel.py), still one transaction."""
        from tarjimon.core.tm.sqlite import parallel

        if self.store.conn.in_transaction or not parallel.eligible(path):
            return None
        counts: list[int] = []

        def run() -> tuple[int, int, int] | None:
            return parallel.import_parallel(self.store, UnitFilter(self.source_lang, self.target_langs), path,
                                            self.last_import_stats, ready=self._create_schema, counts=counts)

        got = self._imported(run)
        if got is None and counts:  # nothing added: nothing kept
            return (counts[0], counts[1], counts[2])
        return (got[0], got[1], got[2]) if got is not None else None

    def close(self) -> None:
        """The store belongs to the project: nothing to close here."""


__all__ = ["SqliteMemory"]
