"""The team TM's tables on the server: versioned migrations and row <-> Unit conversion.

Migrations are recorded in `schema_migrations(component, version, applied_at)` (as in a project database),
each applied in one transaction under an advisory lock, so two translators opening the TM at once do not
both migrate it.

The layout mirrors the SQLite backend's (tm/sqlite/schema.py) so both give the same candidates and scores:
- `tm_units`: one row per (languages, source, target) (`dedup`, unique); a unit confirmed in a project
  remembers its project and segment (unique together with the target language), who created and who last
  changed it (`creationid`, `changeid`: TMX's names) and when;
- `tm_postings(token, part, n, ids, lens)`: the stem index, one row per token per bulk part (part < 0) or per
  single unit (part = its id); ids are little-endian uint32 arrays, lens the units' numbers of stems;
- `tm_unit_history`: the earlier targets of a unit someone changed, with who wrote them and who replaced them;
- the sequence `tm_generation`, advanced after every committed write: processes forget their cached posting
  lists when it moves (a sequence, not a counter row, so concurrent writers never wait on each other).
"""

from __future__ import annotations

import json
from typing import Any

from tarjimon.core.models.tm import Unit

COMPONENT = "tm"
_LOCK_KEY = 0x7461726A  # "tarj": the advisory lock migrations take
MIGRATION_WAIT = 10.0  # seconds a migration waits for that lock (a colleague's migration takes well under one)

MIGRATIONS: list[str] = [
    """
    CREATE TABLE tm_units (
        id bigserial PRIMARY KEY,
        dedup bigint NOT NULL,
        source_lang text NOT NULL,
        target_lang text NOT NULL,
        source_tag text NOT NULL,
        target_tag text NOT NULL,
        source text NOT NULL,
        target text NOT NULL,
        source_markup text,
        target_markup text,
        skey text NOT NULL,
        ntok integer NOT NULL,
        context_prev text,
        context_next text,
        origin text NOT NULL DEFAULT '',
        notes text,
        props text,
        fuzzy boolean NOT NULL DEFAULT false,
        project text,
        segment_id bigint,
        creationid text NOT NULL DEFAULT '',
        changeid text NOT NULL DEFAULT '',
        created_at text NOT NULL,
        changed_at text NOT NULL
    );
    CREATE UNIQUE INDEX tm_units_dedup ON tm_units (dedup);
    CREATE UNIQUE INDEX tm_units_segment ON tm_units (project, segment_id, target_lang)
        WHERE segment_id IS NOT NULL;
    CREATE INDEX tm_units_target ON tm_units (target_lang, id);
    CREATE TABLE tm_postings (
        token text COLLATE "C" NOT NULL,
        part bigint NOT NULL,
        n integer NOT NULL,
        ids bytea NOT NULL,
        lens bytea NOT NULL,
        PRIMARY KEY (token, part)
    );
    ALTER TABLE tm_postings ALTER COLUMN ids SET STORAGE EXTERNAL;
    ALTER TABLE tm_postings ALTER COLUMN lens SET STORAGE EXTERNAL;
    CREATE TABLE tm_pairs (
        source_lang text NOT NULL,
        target_lang text NOT NULL,
        PRIMARY KEY (source_lang, target_lang)
    );
    CREATE TABLE tm_unit_history (
        id bigserial PRIMARY KEY,
        unit_id bigint NOT NULL,
        target text NOT NULL,
        changeid text NOT NULL,
        changed_at text NOT NULL,
        replaced_by text NOT NULL,
        replaced_at text NOT NULL
    );
    CREATE INDEX tm_unit_history_unit ON tm_unit_history (unit_id, id);
    CREATE SEQUENCE tm_generation;
    CREATE SEQUENCE tm_part;
    """,
]

UNIT_COLUMNS = (
    "dedup, source_lang, target_lang, source_tag, target_tag, source, target, source_markup, target_markup,"
    " skey, ntok, context_prev, context_next, origin, notes, props, fuzzy, project, segment_id, creationid,"
    " changeid, created_at, changed_at"
)
READ_COLUMNS = (
    "id, source, target, source_lang, target_lang, source_tag, target_tag, source_markup, target_markup,"
    " context_prev, context_next, origin, notes, props, fuzzy, created_at, changed_at, creationid, changeid"
)


def migrate(conn: Any, component: str = COMPONENT, migrations: list[str] | None = None) -> int:
    """Apply the migrations of `component` this server lacks (each in one transaction); return its version.

    A server that has them all is only read (no lock). Otherwise each migration waits at most MIGRATION_WAIT
    seconds for the advisory lock, then ends as a busy server (psycopg's LockNotAvailable, which `using()` makes a
    ServerUnreachable): before, a colleague's migration left holding it (a paused process) made every first
    connection, `tm status` included, wait for as long as it did."""
    migrations = MIGRATIONS if migrations is None else migrations
    have = applied(conn, component)
    if have >= set(range(1, len(migrations) + 1)):
        return max(have | {len(migrations)})  # (a newer Tarjimon may have migrated it further: newer_schema)
    with conn.transaction():
        _locked(conn)
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (component text NOT NULL, version integer "
                     "NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))")
    version = 0
    for number, sql in enumerate(migrations, 1):
        with conn.transaction():
            _locked(conn)
            done = conn.execute("SELECT 1 FROM schema_migrations WHERE component = %s AND version = %s",
                                (component, number)).fetchone()
            if done is None:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations (component, version) VALUES (%s, %s)",
                             (component, number))
        version = number
    return version


def newer_schema(version: int, known: int, what: str = "team TM") -> str:
    """What to tell a desk whose Tarjimon is older than the server's tables ("" when it is not): it goes on
    working (a newer Tarjimon's migrations keep older desks working, and refusing would stop a newsroom that
    upgrades one desk at a time), but the translator should know why something may be missing."""
    if version <= known:
        return ""
    return (f"the {what} on the server is at schema version {version}, newer than this Tarjimon knows ({known}):"
            " upgrade Tarjimon on this desk")


def applied(conn: Any, component: str) -> set[int]:
    """The versions of `component` this server has (none when it has no schema_migrations table yet)."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return set()
    return {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations WHERE component = %s",
                                            (component,))}


def _locked(conn: Any) -> None:
    """Take the migrations' advisory lock for this transaction, waiting MIGRATION_WAIT seconds at most."""
    conn.execute(f"SET LOCAL lock_timeout = {int(MIGRATION_WAIT * 1000)}")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))


def unit_from_row(r: tuple[Any, ...]) -> Unit:
    """A Unit from a row of READ_COLUMNS; who created and changed it are in its props."""
    props = json.loads(r[13]) if r[13] else {}
    if r[17] or r[18]:
        props = {**props, "creationid": r[17], "changeid": r[18]}
    return Unit(
        id=r[0], source=r[1], target=r[2], source_lang=r[3], target_lang=r[4], source_tag=r[5], target_tag=r[6],
        source_markup=r[7], target_markup=r[8], context=(r[9], r[10]), origin=r[11],
        notes=tuple(json.loads(r[12])) if r[12] else (), props=props, fuzzy=bool(r[14]), created_at=r[15],
        changed_at=r[16],
    )
