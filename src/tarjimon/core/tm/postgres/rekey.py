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

from collections import defaultdict
from typing import Any

import numpy as np

from tarjimon.core.text.tags import has_written_tags
from tarjimon.core.tm.postgres import index
from tarjimon.core.tm.postgres.connection import Connections, _psycopg
from tarjimon.core.tm.postgres.index import token
from tarjimon.core.tm.text import key_and_tokens, unit_key_and_tokens

BATCH = 500  # units re-keyed per transaction: the rows (and posting lists) a writer may wait for at most
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


def rekey_batch(conn: Any, ids: list[int]) -> int:
    """Inside the caller's transaction: key and index again without their tags the units of `ids` still keyed
    with them (their rows locked and read again: one a colleague deleted or re-keyed meanwhile is left); how
    many. Each posting list involved is read and written once for the batch: per unit, the lists of the common
    words it stays on (100,000 entries at 100,000 units) were read for every unit (145 s for 4,920 units)."""
    leave: dict[str, set[int]] = defaultdict(set)  # list -> the units leaving it (stems only their tags gave)
    sizes: dict[str, dict[int, int]] = defaultdict(dict)  # list -> unit -> its new number of stems (staying)
    done = 0
    for uid, source, sl, tl, skey in conn.execute(
            "SELECT id, source, source_lang, target_lang, skey FROM tm_units WHERE id = ANY(%s) ORDER BY id"
            " FOR UPDATE", (ids,)).fetchall():
        key, toks = unit_key_and_tokens(source, sl)
        if key == skey:
            continue
        pair, old = f"{sl}>{tl}", key_and_tokens(source, sl)[1]
        for t in old - toks:
            leave[token(pair, t)].add(uid)
        for t in toks & old:
            sizes[token(pair, t)][uid] = min(len(toks), 255)
        if toks - old:
            index.add_unit(conn, uid, pair, toks - old, len(toks))
        conn.execute("UPDATE tm_units SET skey = %s, ntok = %s WHERE id = %s", (key, len(toks), uid))
        done += 1
    for tok, part, ids_, lens_ in conn.execute(
            "SELECT token, part, ids, lens FROM tm_postings WHERE token = ANY(%s) ORDER BY token, part FOR UPDATE",
            (sorted(set(leave) | set(sizes)),)).fetchall():
        _rewrite(conn, tok, part, np.frombuffer(bytes(ids_), dtype="<u4"),
                 np.frombuffer(bytes(lens_), dtype=np.uint8).copy(), leave.get(tok, set()), sizes.get(tok, {}))
    return done


def _rewrite(conn: Any, tok: str, part: int, ids: Any, lens: Any, leaving: set[int], sizes: dict[int, int]) -> None:
    """One posting row without the units `leaving`, with the new sizes of those staying; untouched if neither."""
    changed = False
    if sizes:
        units = np.fromiter(sorted(sizes), dtype="<u4", count=len(sizes))
        hit = np.flatnonzero(np.isin(ids, units))
        if len(hit):
            new = np.array([sizes[int(u)] for u in ids[hit]], dtype=np.uint8)
            changed = bool((lens[hit] != new).any())
            lens[hit] = new
    keep = ~np.isin(ids, np.fromiter(leaving, dtype="<u4", count=len(leaving))) if leaving else None
    if keep is not None and not keep.all():
        if not keep.any():
            conn.execute("DELETE FROM tm_postings WHERE token = %s AND part = %s", (tok, part))
        else:
            conn.execute("UPDATE tm_postings SET n = %s, ids = %s, lens = %s WHERE token = %s AND part = %s",
                         (int(keep.sum()), ids[keep].tobytes(), lens[keep].tobytes(), tok, part))
    elif changed:
        conn.execute("UPDATE tm_postings SET lens = %s WHERE token = %s AND part = %s", (lens.tobytes(), tok, part))


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
                        n = rekey_batch(conn, ids[start:start + batch])
                    break
                except deadlock:
                    if attempt == 4:
                        raise
            done += n
            conn.execute("SELECT nextval('tm_generation')")
    return done
