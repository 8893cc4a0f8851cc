"""The team translation memory on a PostgreSQL server (psycopg 3), shared by every project connected to it.

Same tables and index as the SQLite backend (schema.py, index.py), so candidates and scores agree; scoring,
file reading and TMX export come from the shared layer (MemoryBase). What a server adds:
- many writers at once: units are de-duplicated by a unique index (`INSERT ... ON CONFLICT DO NOTHING`), a
  bulk import stages its units with COPY and inserts them per batch under a savepoint (a deadlock with another
  writer retries that batch), and nothing is counted in a shared row (no writer waits on another's counter);
- per-unit author and time: `creationid` / `changeid` (the translator: $TARJIMON_USER or the OS user);
- history: a target changed by a later confirm keeps its earlier version in `tm_unit_history`;
- a project identity (`project`): segment ids are per project, so a confirmed target is the unit of
  (project, segment, language).
A server that cannot be reached raises ServerUnreachable (connection.py); the workbench then queues.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tarjimon.core import langs
from tarjimon.core.errors import TarjimonError
from tarjimon.core.models.tm import Candidate, ConcordanceHit, NewUnit, Unit, dedup_hash
from tarjimon.core.store import now
from tarjimon.core.text.tags import has_written_tags
from tarjimon.core.tm.api import Progress, TMStatus
from tarjimon.core.tm.base import MemoryBase
from tarjimon.core.tm.browse import edited_texts, rows_sql
from tarjimon.core.tm.postgres import index
from tarjimon.core.tm.postgres.connection import Connections, _psycopg, current_user
from tarjimon.core.tm.postgres.schema import (
    MIGRATIONS,
    READ_COLUMNS,
    UNIT_COLUMNS,
    migrate,
    newer_schema,
    unit_from_row,
)
from tarjimon.core.tm.text import query_key, unit_key_and_tokens, unit_tokens
from tarjimon.core.tm.units import dumps

BATCH = 5000
_CANDIDATE_COLUMNS = ("id, source, target, skey, source_lang, target_lang, source_markup, target_markup, fuzzy,"
                      " context_prev, context_next, origin, changed_at")
_INSERT = (f"INSERT INTO tm_units ({UNIT_COLUMNS}) VALUES ({', '.join(['%s'] * 23)})"
           " ON CONFLICT (dedup) DO NOTHING RETURNING id")


class PgMemory(MemoryBase):
    """The TM on a PostgreSQL server at `url` (no password in it: $PGPASSWORD or ~/.pgpass).

    `project` names the project whose confirmed targets this instance records (segment ids are per project).
    """

    def __init__(self, url: str, source_lang: str | None = None, target_langs: Iterable[str] | None = None, *,
                 project: str = "", user: str | None = None, answer_timeout: float | None = None) -> None:
        """`answer_timeout`: what the short exchanges a workbench makes on Enter or on a segment (ping, confirm,
        lookup) wait at most for a server that stopped answering (imports and exports are not limited)."""
        super().__init__(source_lang, target_langs)
        self.db = Connections(url)
        self.quick = answer_timeout
        self.project = project
        self.user = user or current_user()
        self._cache = index.PostingCache()
        with self.db.using() as conn:
            self.schema_version = migrate(conn)

    # ---- reading ----------------------------------------------------------------------------------
    def ping(self) -> None:
        """Ask the server for nothing: ServerUnreachable when it does not answer."""
        with self.db.using(self.quick) as conn:
            conn.execute("SELECT 1")

    def count(self) -> int:
        with self.db.using() as conn:
            return int(conn.execute("SELECT count(*) FROM tm_units").fetchone()[0])

    def status(self) -> TMStatus:
        with self.db.using() as conn:
            pairs = [(r[0], r[1]) for r in conn.execute(
                "SELECT source_lang, target_lang FROM tm_pairs ORDER BY source_lang, target_lang")]
        newer = newer_schema(self.schema_version, len(MIGRATIONS))
        return TMStatus("postgresql", self.db.where, self.count(), pairs,
                        detail={"schema_version": self.schema_version, "user": self.user,
                                **({"warning": newer} if newer else {})})

    def unit(self, unit_id: int) -> Unit:
        with self.db.using() as conn:
            row = conn.execute(f"SELECT {READ_COLUMNS} FROM tm_units WHERE id = %s", (unit_id,)).fetchone()
        if row is None:
            raise TarjimonError(f"no TM unit {unit_id}")
        return unit_from_row(row)

    def units(self, target_lang: str | None = None) -> Iterator[Unit]:
        sql = f"SELECT {READ_COLUMNS} FROM tm_units" + (" WHERE target_lang = %s" if target_lang else "")
        args = (langs.primary(target_lang),) if target_lang else ()
        with self.db.using() as conn, conn.cursor(name="units") as cur:
            # a named (server-side) cursor inside a transaction: a million units are not held in memory
            with conn.transaction():
                cur.itersize = 2000
                cur.execute(sql + " ORDER BY id", args)
                for row in cur:
                    yield unit_from_row(row)

    def _rows(self, before: int | None, source_lang: str | None, target_lang: str | None,
              limit: int) -> list[tuple[int, str, str, str]]:
        sql, args = rows_sql("%s", before, source_lang, target_lang, limit)
        with self.db.using() as conn:
            return [(int(r[0]), r[1], r[2], r[3]) for r in conn.execute(sql, args).fetchall()]

    def _units(self, ids: list[int]) -> list[Unit]:
        with self.db.using() as conn:
            return [unit_from_row(r) for r in conn.execute(
                f"SELECT {READ_COLUMNS} FROM tm_units WHERE id = ANY(%s)", (ids,)).fetchall()]

    def history(self, unit_id: int) -> list[dict[str, str]]:
        """The earlier targets of a unit, oldest first: who wrote each, when, and who replaced it."""
        with self.db.using() as conn:
            rows = conn.execute("SELECT target, changeid, changed_at, replaced_by, replaced_at FROM tm_unit_history"
                                " WHERE unit_id = %s ORDER BY id", (unit_id,)).fetchall()
        keys = ("target", "changeid", "changed_at", "replaced_by", "replaced_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def _candidates(self, text: str, source_lang: str, target_lang: str) -> list[Candidate]:
        with self.db.using(self.quick) as conn:
            ids = index.candidates(conn, f"{source_lang}>{target_lang}", query_key(text, source_lang)[1],
                                   self._cache)
            if not ids:
                return []
            rows = {r[0]: r for r in conn.execute(
                f"SELECT {_CANDIDATE_COLUMNS} FROM tm_units WHERE id = ANY(%s)", (ids,))}
        return [Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11], r[12])
                for r in (rows.get(i) for i in ids) if r is not None]

    def concordance(self, text: str, *, target_lang: str | None = None, limit: int = 50,
                    source_lang: str | None = None) -> list[ConcordanceHit]:
        from tarjimon.core.tm.postgres.concordance import search

        sl = langs.primary(source_lang or self.source_lang or "en")
        tl = langs.primary(target_lang) if target_lang else None
        with self.db.using() as conn:
            return search(conn, text, sl, tl, limit)

    # ---- writing ----------------------------------------------------------------------------------
    def _row(self, u: NewUnit, key: str, ntok: int, stamp: str) -> tuple[Any, ...]:
        project = self.project if u.segment_id is not None else None
        return (u.dedup(), u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.source, u.target,
                u.source_markup, u.target_markup, key, ntok, u.context_prev, u.context_next, u.origin, u.notes,
                u.props, bool(u.fuzzy), project, u.segment_id, u.author or self.user, u.author or self.user,
                u.created_at or stamp,
                u.changed_at or u.created_at or stamp)

    def _written(self, conn: Any) -> None:
        """After a commit: move the generation so every process forgets its cached posting lists."""
        conn.execute("SELECT nextval('tm_generation')")

    def _pairs(self, conn: Any, pairs: set[tuple[str, str]]) -> None:
        """Record language pairs (inside the caller's transaction). Only a pair the server lacks is written:
        writers adding units of a known pair never wait on one another here."""
        for sl, tl in sorted(pairs):
            if conn.execute("SELECT 1 FROM tm_pairs WHERE source_lang = %s AND target_lang = %s",
                            (sl, tl)).fetchone() is None:
                conn.execute("INSERT INTO tm_pairs VALUES (%s, %s) ON CONFLICT DO NOTHING", (sl, tl))

    def _insert(self, conn: Any, u: NewUnit) -> int | None:
        """Insert and index one unit (inside the caller's transaction); None if an identical one exists."""
        key, toks = unit_key_and_tokens(u.source, u.source_lang)
        row = conn.execute(_INSERT, self._row(u, key, len(toks), now())).fetchone()
        if row is None:
            return None
        index.add_unit(conn, int(row[0]), f"{u.source_lang}>{u.target_lang}", toks, len(toks))
        self._pairs(conn, {(u.source_lang, u.target_lang)})
        return int(row[0])

    def add(self, source: str, target: str, source_lang: str, target_lang: str, *, origin: str = "",
            context: tuple[str | None, str | None] = (None, None), notes: list[str] | None = None) -> int:
        """Add one unit (or find the identical one); return its id."""
        u = NewUnit(langs.primary(source_lang), langs.primary(target_lang), source_lang, target_lang, source,
                    target, context_prev=context[0], context_next=context[1], origin=origin, notes=dumps(notes))
        errors = _psycopg().errors
        with self.db.using(self.quick) as conn:
            for attempt in range(5):
                try:
                    with conn.transaction():
                        uid = self._insert(conn, u)
                        if uid is None:
                            found = conn.execute("SELECT id FROM tm_units WHERE dedup = %s", (u.dedup(),)).fetchone()
                            if found is None:  # deleted by another writer in between: add it again
                                raise errors.UniqueViolation("unit deleted concurrently")
                            uid = int(found[0])
                    break
                except (errors.UniqueViolation, errors.DeadlockDetected):
                    if attempt == 4:
                        raise
            self._written(conn)
        return int(uid)  # type: ignore[arg-type]  # set by the attempt that did not raise

    def confirm(self, unit: NewUnit) -> int:
        """A target confirmed in project `self.project`: update its segment's unit (its earlier target goes to
        the history), or reuse the identical unit, or add one. Safe against another writer at the same time."""
        errors = _psycopg().errors
        with self.db.using(self.quick) as conn:
            for attempt in range(5):
                try:
                    with conn.transaction():
                        uid = self._confirm(conn, unit)
                    break
                except (errors.UniqueViolation, errors.DeadlockDetected):
                    if attempt == 4:
                        raise
            self._written(conn)
        return uid

    def _confirm(self, conn: Any, u: NewUnit) -> int:
        stamp, who = now(), u.author or self.user  # (a colleague's target this desk pulled: theirs)
        mine = conn.execute(
            "SELECT id, target, changeid, changed_at FROM tm_units WHERE project = %s AND segment_id = %s"
            " AND target_lang = %s FOR UPDATE", (self.project, u.segment_id, u.target_lang)).fetchone()
        h = u.dedup()
        same = conn.execute("SELECT id FROM tm_units WHERE dedup = %s FOR UPDATE", (h,)).fetchone()
        if mine is not None and same is not None and mine[0] == same[0]:
            conn.execute("UPDATE tm_units SET changed_at = %s, context_prev = %s, context_next = %s, origin = %s"
                         " WHERE id = %s", (stamp, u.context_prev, u.context_next, u.origin, mine[0]))
            return int(mine[0])
        if mine is not None:
            conn.execute("INSERT INTO tm_unit_history (unit_id, target, changeid, changed_at, replaced_by,"
                         " replaced_at) VALUES (%s, %s, %s, %s, %s, %s)",
                         (mine[0], mine[1], mine[2], mine[3], who, stamp))
            if same is not None:  # the new text is already a unit: keep that one, drop the old version
                conn.execute("UPDATE tm_unit_history SET unit_id = %s WHERE unit_id = %s", (same[0], mine[0]))
                conn.execute("DELETE FROM tm_units WHERE id = %s", (mine[0],))
            else:
                conn.execute(
                    "UPDATE tm_units SET target = %s, target_markup = NULL, dedup = %s, changed_at = %s,"
                    " changeid = %s, context_prev = %s, context_next = %s, origin = %s, fuzzy = false WHERE id = %s",
                    (u.target, h, stamp, who, u.context_prev, u.context_next, u.origin, mine[0]))
                return int(mine[0])
        if same is not None:
            conn.execute(
                "UPDATE tm_units SET project = COALESCE(project, %s), segment_id = COALESCE(segment_id, %s),"
                " changed_at = %s, context_prev = COALESCE(context_prev, %s), context_next = COALESCE(context_next, %s)"
                " WHERE id = %s", (self.project, u.segment_id, stamp, u.context_prev, u.context_next, same[0]))
            return int(same[0])
        uid = self._insert(conn, u)
        if uid is None:  # another writer added the same unit a moment ago: take it on the next attempt
            raise _psycopg().errors.UniqueViolation("unit added concurrently")
        return uid

    def delete(self, unit_id: int) -> None:
        """Remove one unit and its index entries (as the SQLite backend does)."""
        with self.db.using() as conn:
            with conn.transaction():
                row = conn.execute("DELETE FROM tm_units WHERE id = %s RETURNING source, source_lang, target_lang",
                                   (unit_id,)).fetchone()
                if row is not None:
                    index.remove_unit(conn, unit_id, f"{row[1]}>{row[2]}", unit_tokens(row[0], row[1]))
            self._written(conn)

    def edit(self, unit_id: int, *, source: str | None = None, target: str | None = None) -> Unit:
        """Correct a unit's texts in place (its id, origin and creation kept; the earlier target goes to the
        history, the change to this user). When the corrected unit equals another, that one is kept."""
        old = self.unit(unit_id)
        src, tgt, src_markup, tgt_markup = edited_texts(old, source, target)
        h = dedup_hash(old.source_lang, old.target_lang, src_markup or src, tgt_markup or tgt)
        stamp = now()
        pair = f"{old.source_lang}>{old.target_lang}"
        with self.db.using() as conn:
            with conn.transaction():
                row = conn.execute("SELECT target, changeid, changed_at FROM tm_units WHERE id = %s FOR UPDATE",
                                   (unit_id,)).fetchone()
                if row is None:
                    raise TarjimonError(f"no TM unit {unit_id}")
                if row[0] != tgt:
                    conn.execute("INSERT INTO tm_unit_history (unit_id, target, changeid, changed_at, replaced_by,"
                                 " replaced_at) VALUES (%s, %s, %s, %s, %s, %s)",
                                 (unit_id, row[0], row[1], row[2], self.user, stamp))
                same = conn.execute("SELECT id FROM tm_units WHERE dedup = %s AND id <> %s FOR UPDATE",
                                    (h, unit_id)).fetchone()
                if same is not None:
                    kept = int(same[0])
                    conn.execute("UPDATE tm_unit_history SET unit_id = %s WHERE unit_id = %s", (kept, unit_id))
                    conn.execute("DELETE FROM tm_units WHERE id = %s", (unit_id,))
                    index.remove_unit(conn, unit_id, pair, unit_tokens(old.source, old.source_lang))
                else:
                    kept = unit_id
                    key, toks = unit_key_and_tokens(src, old.source_lang)
                    conn.execute("UPDATE tm_units SET source = %s, target = %s, source_markup = %s, target_markup = %s,"
                                 " dedup = %s, skey = %s, ntok = %s, fuzzy = false, changed_at = %s, changeid = %s"
                                 " WHERE id = %s", (src, tgt, src_markup, tgt_markup, h, key, len(toks), stamp,
                                                    self.user, unit_id))
                    if src != old.source and has_written_tags(old.source):  # (indexed as written or not: out of
                        index.remove_unit(conn, unit_id, pair, unit_tokens(old.source, old.source_lang))  # all)
                        index.add_unit(conn, unit_id, pair, toks, len(toks))
                    elif src != old.source:  # the new words indexed, the old source's own entries removed
                        known = set(unit_key_and_tokens(old.source, old.source_lang)[1])
                        index.add_unit(conn, unit_id, pair, [t for t in toks if t not in known], len(toks))
                        if known - set(toks):
                            index.remove_unit(conn, unit_id, pair, known - set(toks))
                        index.set_count(conn, unit_id, pair, known & set(toks), len(toks))  # (its new size)
            self._written(conn)
        return self.unit(kept)

    def import_units(self, units: Iterable[NewUnit], *, progress: Progress | None = None,
                     big: bool = False) -> tuple[int, int]:
        """Add many units in one transaction (all or nothing); (added, duplicates). Another writer may add
        units at the same time: a unit either of them adds is stored once."""
        added = duplicates = 0
        seen: set[int] = set()
        buffers: dict[str, index.PostingBuffer] = {}
        stamp = now()
        with self.db.using() as conn:
            with conn.transaction():
                conn.execute(f"CREATE TEMP TABLE tm_stage ON COMMIT DROP AS SELECT 0::bigint AS ord, {UNIT_COLUMNS}"
                             " FROM tm_units WITH NO DATA")
                batch: list[tuple[NewUnit, str, set[str]]] = []
                n = 0
                for n, u in enumerate(units, 1):
                    h = u.dedup()
                    if h in seen:
                        duplicates += 1
                        continue
                    seen.add(h)
                    key, toks = unit_key_and_tokens(u.source, u.source_lang)
                    batch.append((u, key, toks))
                    if len(batch) >= BATCH:
                        a = self._import_batch(conn, batch, buffers, stamp)
                        added, duplicates = added + a, duplicates + len(batch) - a
                        batch = []
                    if progress is not None and n % 10_000 == 0:
                        progress(n)
                a = self._import_batch(conn, batch, buffers, stamp)
                added, duplicates = added + a, duplicates + len(batch) - a
                index.flush(conn, buffers)
            self._written(conn)
        return added, duplicates

    def _import_batch(self, conn: Any, batch: list[tuple[NewUnit, str, set[str]]],
                      buffers: dict[str, index.PostingBuffer], stamp: str) -> int:
        if not batch:
            return 0
        deadlock = _psycopg().errors.DeadlockDetected
        for attempt in range(5):
            try:
                with conn.transaction():  # a savepoint: a deadlock with another writer retries this batch
                    self._pairs(conn, {(u.source_lang, u.target_lang) for u, _, _ in batch})
                    conn.execute("TRUNCATE tm_stage")
                    with conn.cursor().copy(f"COPY tm_stage (ord, {UNIT_COLUMNS}) FROM STDIN") as copy:
                        for i, (u, key, toks) in enumerate(batch):
                            copy.write_row((i, *self._row(u, key, len(toks), stamp)))
                    got = conn.execute(f"INSERT INTO tm_units ({UNIT_COLUMNS}) SELECT {UNIT_COLUMNS} FROM tm_stage"
                                       " ORDER BY ord ON CONFLICT (dedup) DO NOTHING RETURNING id, dedup").fetchall()
                break
            except deadlock:
                if attempt == 4:
                    raise
        by_hash = {h: uid for uid, h in got}
        for u, _key, toks in batch:
            uid = by_hash.get(u.dedup())
            if uid is None:
                continue
            pair = f"{u.source_lang}>{u.target_lang}"
            buf = buffers.get(pair)
            if buf is None:
                buf = buffers[pair] = index.PostingBuffer()
            buf.add(uid, toks, len(toks))
        if sum(b.size for b in buffers.values()) >= 2_000_000:
            index.flush(conn, buffers)
        return len(by_hash)

    def rekey_tagged(self) -> int:
        """Key and index again without their tags the units stored with them (before the twelfth session);
        how many (rekey.py: `tm optimize` on a connected project)."""
        from tarjimon.core.tm.postgres.rekey import rekey_tagged

        return rekey_tagged(self.db)

    def close(self) -> None:
        self.db.close()


__all__ = ["PgMemory"]
