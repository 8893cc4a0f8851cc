"""The team TM's units indexed with the tags written in their source, keyed and indexed again without them
(`tarjimon tm optimize` on a connected project), as tm/sqlite/rekey.py does for a project's own TM.

Units written to the server before the twelfth session were keyed and indexed on their source as written
(`<b>%{name}</b> is now an administrator` under the stems "b", "name"...). Not a migration: finding them reads
every source (a sequential scan), and a migration runs at the first connection of whichever desk upgrades
first, holding the migrations' lock while colleagues' first connections wait MIGRATION_WAIT seconds for it and
then go "busy" (offline), and a workbench opening the TM gives the server ANSWER_TIMEOUT seconds: it would cut
its own migration. Here the scan takes no lock, and the units found are re-keyed a few at a time, each in a
short transaction that locks the unit's row and checks it again (a colleague may have edited, deleted or
re-keyed it since): writers keep working meanwhile and wait at most one batch; a deadlock with one of them
retries the batch. Running it twice, or on two desks at once, re-keys each unit once.
"""

from __future__ import annotations

from typing import Any

from tarjimon.core.text.tags import has_written_tags
from tarjimon.core.tm.postgres import index
from tarjimon.core.tm.postgres.connection import Connections, _psycopg
from tarjimon.core.tm.text import key_and_tokens, unit_key_and_tokens

BATCH = 200  # units re-keyed per transaction: the rows (and posting lists) a writer may wait for at most
_MARKED = ("SELECT id, source, source_lang, skey FROM tm_units WHERE strpos(source, '<') > 0"
           " OR strpos(source, '{') > 0 OR strpos(source, %s) > 0 OR strpos(source, %s) > 0 ORDER BY id")


def stale_ids(conn: Any) -> list[int]:
    """The units whose stored key still holds the tags written in their source (no lock taken)."""
    out = []
    with conn.transaction(), conn.cursor(name="tm_rekey") as cur:
        cur.itersize = 5000
        cur.execute(_MARKED, ("%", "⟨"))
        for uid, source, sl, skey in cur:
            if has_written_tags(source) and unit_key_and_tokens(source, sl)[0] != skey:
                out.append(int(uid))
    return out


def rekey_one(conn: Any, uid: int) -> bool:
    """Inside the caller's transaction: key and index one unit again without its tags (its row locked and read
    again); False when it is gone or keyed without them already."""
    row = conn.execute("SELECT source, source_lang, target_lang, skey FROM tm_units WHERE id = %s FOR UPDATE",
                       (uid,)).fetchone()
    if row is None:
        return False
    source, sl, tl, skey = row
    key, toks = unit_key_and_tokens(source, sl)
    if key == skey:
        return False
    pair, old = f"{sl}>{tl}", key_and_tokens(source, sl)[1]
    if old - toks:
        index.remove_unit(conn, uid, pair, old - toks)
    if toks - old:
        index.add_unit(conn, uid, pair, toks - old, len(toks))
    index.set_count(conn, uid, pair, toks & old, len(toks))
    conn.execute("UPDATE tm_units SET skey = %s, ntok = %s WHERE id = %s", (key, len(toks), uid))
    return True


def rekey_tagged(db: Connections, batch: int = BATCH) -> int:
    """Every unit of the server still keyed and indexed with its tags, keyed and indexed without them, `batch`
    units per transaction; how many. The generation moves after each batch (processes forget cached lists)."""
    deadlock = _psycopg().errors.DeadlockDetected
    done = 0
    with db.using() as conn:
        ids = stale_ids(conn)
        for start in range(0, len(ids), batch):
            for attempt in range(5):
                try:
                    with conn.transaction():
                        n = sum(rekey_one(conn, uid) for uid in ids[start:start + batch])
                    break
                except deadlock:
                    if attempt == 4:
                        raise
            done += n
            conn.execute("SELECT nextval('tm_generation')")
    return done
