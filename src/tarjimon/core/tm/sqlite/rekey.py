"""Units indexed with the tags written in their source, keyed and indexed again without them (`tm optimize`).

Since the twelfth session a unit's source is keyed and indexed without the tags written in it (`<b>`, `{1}`,
`%s`, ⟨1⟩: tm/text.unit_key_and_tokens); before, "<b>%{name}</b> is now an administrator" was indexed under the
stems "b" and "name" and a sentence without the tags found it through fewer of its stems (and scored it on a
key holding them). A lookup already scores such a candidate on its source without tags (tm/tagged.py); what
the old index costs is finding it. `tm optimize` (SqliteMemory.optimize, maintenance.optimize_tm) takes those
units out of the lists of the stems only their tags gave, into those of their words, and gives them their new
key and size, not a migration: finding them means reading every source (3.5-6.4 s at 1M units), and a TM's
first open after an upgrade would pay it (with a backup of the whole database) for the few units that have tags.
Each list is read and rewritten once whatever the number of units leaving it or whose count changes in it (a
common word's list read once per unit made 300,000 units with 2% tagged take 37 s).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import numpy as np

from tarjimon.core.text.tags import has_written_tags
from tarjimon.core.tm.sqlite.index import add_unit, token
from tarjimon.core.tm.sqlite.schema import bump
from tarjimon.core.tm.text import key_and_tokens, unit_key_and_tokens

_MARKED = "SELECT id, source, source_lang, target_lang, skey FROM tm_units WHERE instr(source, '<')" \
          " OR instr(source, '{') OR instr(source, '%') OR instr(source, '⟨')"  # fmt: skip


def rekey_tagged(conn: sqlite3.Connection) -> int:
    """Inside the caller's transaction: every unit whose stored key still holds the tags written in its source
    keyed and indexed without them; return how many."""
    leave: dict[str, set[int]] = defaultdict(set)
    recount: dict[str, dict[int, int]] = defaultdict(dict)  # token -> unit -> its new number of stems
    done = 0
    for uid, source, sl, tl, skey in conn.execute(_MARKED).fetchall():
        if not has_written_tags(source):
            continue
        key, toks = unit_key_and_tokens(source, sl)
        if key == skey:
            continue  # (keyed without its tags already)
        pair, old = f"{sl}>{tl}", key_and_tokens(source, sl)[1]
        for t in old - toks:
            leave[token(pair, t)].add(uid)
        add_unit(conn, uid, [token(pair, t) for t in toks - old], len(toks))
        for t in toks & old:
            recount[token(pair, t)][uid] = min(len(toks), 255)
        conn.execute("UPDATE tm_units SET skey = ?, ntok = ? WHERE id = ?", (key, len(toks), uid))
        done += 1
    for tok, ids in leave.items():
        gone = np.fromiter(ids, dtype="<u4", count=len(ids))
        for rowid, blob, lens in conn.execute("SELECT rowid, ids, lens FROM tm_postings WHERE token = ?",
                                              (tok,)).fetchall():
            arr = np.frombuffer(blob, dtype="<u4")
            stay = ~np.isin(arr, gone)
            if bool(stay.all()):
                continue
            if not bool(stay.any()):
                conn.execute("DELETE FROM tm_postings WHERE rowid = ?", (rowid,))
            else:
                conn.execute("UPDATE tm_postings SET ids = ?, lens = ? WHERE rowid = ?",
                             (arr[stay].tobytes(), np.frombuffer(lens, dtype=np.uint8)[stay].tobytes(), rowid))
    for tok, counts in recount.items():
        _set_counts(conn, tok, counts)
    if done:
        bump(conn, "generation")
    return done


def _set_counts(conn: sqlite3.Connection, tok: str, counts: dict[int, int]) -> None:
    """Give the units of `counts` their new number of stems in every row of `tok`'s list (index.set_count's
    rule for many units at once: only rows whose bytes change are written)."""
    ids = np.fromiter(counts, dtype="<u4", count=len(counts))
    order = np.argsort(ids)
    ids = ids[order]
    vals = np.fromiter(counts.values(), dtype=np.uint8, count=len(counts))[order]
    for rowid, blob, lens in conn.execute("SELECT rowid, ids, lens FROM tm_postings WHERE token = ?",
                                          (tok,)).fetchall():
        arr = np.frombuffer(blob, dtype="<u4")
        at = np.minimum(np.searchsorted(ids, arr), len(ids) - 1)
        hit = ids[at] == arr
        old = np.frombuffer(lens, dtype=np.uint8)
        new = old.copy()
        new[hit] = vals[at[hit]]
        if not np.array_equal(new, old):
            conn.execute("UPDATE tm_postings SET lens = ? WHERE rowid = ?", (new.tobytes(), rowid))
