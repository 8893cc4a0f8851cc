"""The worker side of a parallel TMX import: one part of the file -> one scratch SQLite file.

Its tus are read by tmx_fast.scan_chunks (plain tus without lxml elements, their characters checked as an
XML parser would, any other chunk checked by libxml2 and read tu by tu, through the normal reader where
needed; a part the fast reader cannot start on is checked whole by libxml2 and read by the streaming
reader) and turned into
narrow unit rows, shared "profiles" and postings in a private scratch database (journal and fsync off: it
is thrown away after the merge, the project database is never written here). Plain tus go a batch at a
time: their texts stay UTF-8 bytes (stored as blobs, cast to text by the copy), keys and stems come from
batchkeys.py, duplicates are found by dedup.py. Dated tus read as columns (formats/tmx_dated.py) are stored
by partdated.py: a unit made once per shape, each tu's texts and dates into the same batches.
"""

from __future__ import annotations

import mmap
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from hashlib import blake2b
from itertools import compress
from pathlib import Path
from typing import Any

import numpy as np

from tarjimon.core.formats import tmx, tmx_check, tmx_dated, tmx_fast, tmx_tags
from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.sqlite import batchrows, partdated
from tarjimon.core.tm.sqlite.batchkeys import Codes, batch_codes
from tarjimon.core.tm.sqlite.dedup import SeenHashes
from tarjimon.core.tm.sqlite.partread import Part
from tarjimon.core.tm.sqlite.partread import records as _records
from tarjimon.core.tm.sqlite.postcodes import Dense, PartPostings
from tarjimon.core.tm.sqlite.procmem import peak_rss_mb, trim
from tarjimon.core.tm.text import unit_key_and_tokens
from tarjimon.core.tm.units import UnitFilter, primary

OPEN, CLOSE = tmx_check.OPEN, tmx_check.CLOSE
_TU = re.compile(rb"<tu[\s>]")
# A part stores what varies per unit in `n`, and what most units of a file share (languages, tags, origin,
# dates, notes, props, context) once per distinct combination in `prof`: narrow rows are cheaper to write.
N_COLUMNS = "id INTEGER PRIMARY KEY, dedup, source, target, source_markup, target_markup, skey, ntok, pid"
PROF_FIELDS = ("source_lang", "target_lang", "source_tag", "target_tag", "context_prev", "context_next",
               "origin", "notes", "props", "fuzzy", "created_at", "changed_at")
BATCH = 10000
# Postings buffered per worker before a flush: 8 bytes each until then, ~18 at the flush's peak. 1M instead of
# 1.5M took each worker's peak at 1M units from 123 to 104 MB. A flush before the part's end writes only the
# stems with many postings (postcodes.MIN_ROW): the others wait for the next flush, so a part has no more
# posting rows than with one flush (1.5M: 14,240 rows for a part of the 1M file; 1M: 16,136; 1M keeping the
# rare stems back: 9,764).
POSTINGS_FLUSH = 1_000_000
_MISSING = object()
# A unit with inline codes is stored alone, in file order: the batch of plain units before it is closed. Units
# of the general reader without codes join the batches only CODED_GAP units after the last one with codes: a
# file with codes in one tu of seven (Trados Studio's) made batches of ~6 units, 30% more CPU than one by one.
CODED_GAP = 64
# Profiles a worker remembers to share them (dated units each have their own: an OmegaT file's 125,000 units a
# part kept ~75 MB of them, 460 MB for all processes at 1M units)
PROFILES_KEPT = 20_000
FAST = True  # tests compare the fast reader with the normal one (False)
# The writing end of a pipe to the main process (parallel.py sets it before forking the workers): the first
# part's packed batches go there as they are made, so the main process stores them while the parts are parsed.
STREAM: Any = None


def _scratch(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA page_size=16384")
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute(f"CREATE TABLE n ({N_COLUMNS})")
    conn.execute(f"CREATE TABLE prof (pid INTEGER PRIMARY KEY, {', '.join(PROF_FIELDS)})")
    conn.execute("CREATE TABLE p (token TEXT, part INTEGER, ids BLOB, lens BLOB)")
    conn.execute(batchrows.SCRATCH)
    conn.execute("BEGIN")  # one transaction for the whole part (it is a scratch file)
    return conn


def work(job: tuple[Any, ...]) -> dict[str, Any]:
    """Import one part into its scratch file; a dict of counts and hashes, or {"error": ...}."""
    k, n, path, a, b, head_src, first, span, scratch, source_lang, target_langs, stamp = job
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        conn = _scratch(scratch)
        prefix, suffix = (b"" if k == 0 else OPEN), (b"" if k == n - 1 else CLOSE)
        if k == 0:  # what the main process checked already: the prolog (entities refused), the root, the header
            head = tmx.read_tmx(path)
            next(head)
            head.close()
        with open(path, "rb") as f:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                start: int | None = a
                if k == 0:
                    m = _TU.search(mm, 0, b)
                    start = tmx_fast.body_start(mm, m.start()) if m else None
                if start is None or not FAST:
                    tmx_check.check_wellformed(Part(f, a, b, prefix, suffix))
                    items: Iterator[Any] = _records(f, path, a, b, prefix, suffix)
                else:  # the fast reader checks each chunk (its own checks, or libxml2's), the head here
                    if k == 0:
                        tmx_check.check_head(mm, start)
                    items = tmx_fast.scan_chunks(mm, start, b, k == n - 1, path,
                                          lambda pos: _records(f, path, pos, b, OPEN, suffix))
                blobs = batchrows.BatchFile(scratch)
                try:
                    done = _fill(UnitFilter(source_lang, target_langs), conn, items, path, head_src, first, span,
                                 stamp, STREAM if k == 0 else None, blobs)
                finally:
                    blobs.close()
        done["cpu"], done["wall"] = time.process_time() - cpu0, time.perf_counter() - wall0
        done["pid"], done["peak_mb"] = os.getpid(), peak_rss_mb()
        trim()  # the worker parses another part next
        return done
    except Exception as exc:  # noqa: BLE001 - any problem: the caller falls back to a sequential import
        return {"error": f"{type(exc).__name__}: {exc}"}


def _digests(head: bytes, srcs: list[bytes], tgts: list[bytes]) -> bytes:
    """The units' dedup hashes (models.tm.dedup_hash: blake2b of "sl US tl US source US target", 8 bytes,
    little-endian), one after the other."""
    start = blake2b(head, digest_size=8)
    out: list[bytes] = []
    add = out.append
    for a, b in zip(srcs, tgts, strict=True):
        h = start.copy()
        h.update(a)
        h.update(b"\x1f")
        h.update(b)
        add(h.digest())
    return b"".join(out)


def _profile(u: NewUnit, stamp: str) -> tuple[Any, ...]:
    """A unit's profile row (PROF_FIELDS), as BulkWriter stores those columns."""
    return (u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.context_prev, u.context_next, u.origin,
            u.notes, u.props, int(u.fuzzy), u.created_at or stamp, u.changed_at or u.created_at or stamp)


def _fill(tm: UnitFilter, conn: sqlite3.Connection, items: Iterator[Any], path: Path, head_src: str | None,
          first_id: int, span: int, stamp: str, stream: Any, blobs: batchrows.BatchFile) -> dict[str, Any]:
    skipped = [0]
    seen = SeenHashes()
    codes, dense = Codes(), Dense()
    postings: dict[str, PartPostings] = {}
    lens = bytearray()  # per unit of the part (id - first_id): its number of distinct stems, capped at 255
    rows: list[tuple[Any, ...]] = []
    uid, parts, dups = first_id, 0, 0
    last_id = first_id + span
    insert = "INSERT INTO n VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    profiles: dict[tuple[Any, ...], int] = {}
    # plain tus: (source tag, target tag) -> (swap, sl, tl, profile id or 0 to skip), or None when filtered out
    plain: dict[tuple[bytes, bytes], Any] = {}
    declared = head_src if head_src and head_src.strip().lower() != "*all*" else None
    hsl = primary(declared) if declared else None
    origin = path.name

    unsent: list[tuple[Any, ...]] = []  # profile rows the main process has not been sent yet (streaming)
    unwritten: list[tuple[Any, ...]] = []  # profile rows not yet in the scratch file (written together)
    insert_prof = f"INSERT INTO prof VALUES ({', '.join('?' * 13)})"

    made = [0]  # profile ids given

    def profile(prof: tuple[Any, ...]) -> int:
        pid = profiles.get(prof)
        if pid is None:
            if len(profiles) >= PROFILES_KEPT:  # (a profile made again gets a new id: rows only point at one)
                profiles.clear()
            made[0] += 1
            pid = profiles[prof] = made[0]
            row = (pid, *prof)
            unwritten.append(row)
            if stream is not None:  # (only the streamed part sends them: kept otherwise, a part's dated units'
                unsent.append(row)  # profiles took ~40 MB a worker at 1M units)
        return pid

    def write_profiles() -> None:
        if unwritten:
            conn.executemany(insert_prof, unwritten)
            unwritten.clear()

    def pair_postings(sl: str, tl: str) -> PartPostings:
        pair = f"{sl}>{tl}"
        got = postings.get(pair)
        if got is None:
            got = postings[pair] = PartPostings()
        return got

    # A part's posting rows, one per token and flush, kept until its end and written one per token: the
    # flushes' ids (and lens) joined in flush order, under the token's first flush (what the main process did
    # with the part's rows, partcopy.per_token, reading them back: ~0.03 s of its CPU a part of 140,000 units).
    # The rows come in the order each token was first flushed.
    flushed: dict[str, list[tuple[int, bytes, bytes]]] = {}

    def flush_postings(final: bool = False) -> None:
        nonlocal parts
        counts = np.frombuffer(bytes(lens), dtype=np.uint8)
        for pair, post in postings.items():
            if post.size:
                parts += 1
                for t, ids, ls in post.rows(dense, codes, first_id, counts, final):
                    flushed.setdefault(f"{pair}:{t}", []).append((parts, ids, ls))
        if final:
            conn.executemany("INSERT INTO p VALUES (?, ?, ?, ?)",
                             ((tok, got[0][0], b"".join([g[1] for g in got]), b"".join([g[2] for g in got]))
                              for tok, got in flushed.items()))
            flushed.clear()

    def flush_rows() -> None:
        if uid > last_id:
            raise OverflowError("more units than the part's id range")
        write_profiles()
        conn.executemany(insert, rows)
        rows.clear()
        if sum(p.size for p in postings.values()) > POSTINGS_FLUSH:
            flush_postings()

    def packed(first: int, hashes: Any, srcs: list[bytes], tgts: list[bytes], keys: list[str], sizes: Any,
               pids: list[int]) -> None:
        """Plain units as one packed scratch row (batchrows.py); the general rows before them first."""
        nonlocal stream
        if rows:
            flush_rows()
            stream = None  # units of the general code: the rest of the part goes through the scratch file
        if uid > last_id:
            raise OverflowError("more units than the part's id range")
        row = batchrows.pack(first, hashes, srcs, tgts, keys, sizes, pids)
        write_profiles()
        if stream is not None:
            stream.send((list(unsent), hashes.tobytes(), row))
            unsent.clear()
        else:
            blobs.add(conn, row)
        if sum(p.size for p in postings.values()) > POSTINGS_FLUSH:
            flush_postings()

    def route(ta: str, tb: str) -> tuple[bool, str, str, int] | None:
        """How plain tus with these two tags are stored: (swap, sl, tl, profile id or 0 to skip), or None
        when they need the general code (no header srclang, same language twice...)."""
        la, lb = primary(ta), primary(tb)
        if hsl is None or la == lb or hsl not in (la, lb):
            return None
        swap = lb == hsl
        sl, tl, src_tag, tgt_tag = (lb, la, tb, ta) if swap else (la, lb, ta, tb)
        if (tm.source_lang and sl != tm.source_lang) or (tm.target_langs and tl not in tm.target_langs):
            return (swap, sl, tl, 0)
        return (swap, sl, tl, profile((sl, tl, src_tag, tgt_tag, None, None, origin, None, None, 0, stamp, stamp)))

    def dated(rec: tmx.TranslationUnitRecord) -> tuple[str, str, str, str, Any] | None:
        """A two-tuv tu with attributes only (tmx_tags.ATTR_LINE): (sl, tl, source, target, profile row or None
        to skip), what UnitFilter.pairs's common case gives; None when it needs the general code."""
        declared = rec.srclang or head_src
        if not declared or declared == "*all*":
            return None
        a, b = rec.variants
        sl, la, lb = primary(declared), primary(a.tag), primary(b.tag)
        if la == lb or sl not in (la, lb):
            return None
        src, tgt, tl = (a, b, lb) if la == sl else (b, a, la)
        if (tm.source_lang and sl != tm.source_lang) or (tm.target_langs and tl not in tm.target_langs):
            return (sl, tl, "", "", None)
        created = tmx.iso_date(src.created or rec.created) if (src.created or rec.created) else None
        changed = tmx.iso_date(tgt.changed or rec.changed) if (tgt.changed or rec.changed) else None
        return (sl, tl, src.plain, tgt.plain, (sl, tl, src.tag, tgt.tag, None, None, origin, None, None, 0,
                                              created or stamp, changed or created or stamp))

    # Plain units (no markup, notes or context) of one language pair are collected in columns and done a
    # batch at a time (hashes, keys and stems at once: batchkeys.py); anything else is done one by one, in
    # file order. Their texts stay UTF-8 bytes (stored as blobs here, cast to text by the copy into the TM).
    p_src: list[bytes] = []
    p_tgt: list[bytes] = []
    p_pid: list[int] = []
    pending_pair: tuple[str, str] = ("", "")

    def flush_pending() -> None:
        nonlocal uid, dups, p_src, p_tgt, p_pid
        if not p_src:
            return
        sl, tl = pending_pair
        srcs, tgts, pids = p_src, p_tgt, p_pid
        p_src, p_tgt, p_pid = [], [], []
        hashes = np.frombuffer(_digests(f"{sl}\x1f{tl}\x1f".encode("ascii"), srcs, tgts), dtype="<i8")
        new = seen.add_batch(hashes)
        if not new.all():
            keep = new.tolist()
            dups += len(srcs) - int(new.sum())
            srcs, tgts, pids = list(compress(srcs, keep)), list(compress(tgts, keep)), list(compress(pids, keep))
            hashes = hashes[new]
            if not srcs:
                return
        k = len(srcs)
        keys, owners, got = batch_codes(srcs, sl, codes, byte_keys=True)
        sizes = np.bincount(owners, minlength=k)
        pair_postings(sl, tl).add(dense.ids(got), (owners + (uid - first_id)).astype(np.uint32))
        lens.extend(np.minimum(sizes, 255).astype(np.uint8).tobytes())
        uid += k
        packed(uid - k, hashes, srcs, tgts, keys, sizes, pids)

    def add_plain(pair: tuple[str, str], srcs: list[bytes], tgts: list[bytes], pids: list[int]) -> None:
        nonlocal pending_pair
        if pending_pair != pair:
            flush_pending()
            pending_pair = pair
        p_src.extend(srcs)
        p_tgt.extend(tgts)
        p_pid.extend(pids)
        if len(p_src) >= BATCH:
            flush_pending()
            if len(rows) >= BATCH:
                flush_rows()

    def one(u: Any) -> None:
        """A unit of the general code (markup, notes, context...), stored at once."""
        nonlocal uid, dups, stream
        stream = None  # the rest of the part goes through the scratch file
        h = u.dedup()
        if not seen.add_one(h):
            dups += 1
            return
        key, toks = unit_key_and_tokens(u.source, u.source_lang)
        # (sorted: a stem not ASCII gets its code when first seen, and a set's order is the hash's, random per
        # process; the posting rows would come in another order from each import of the same file)
        got = np.fromiter(map(codes.code, sorted(toks)), dtype=np.uint64, count=len(toks))
        pair_postings(u.source_lang, u.target_lang).add(dense.ids(got),
                                                        np.full(len(toks), uid - first_id, dtype=np.uint32))
        lens.append(min(len(toks), 255))
        pid = profile(_profile(u, stamp))
        rows.append((uid, h, u.source, u.target, u.source_markup, u.target_markup, key, len(toks), pid))
        uid += 1

    def general(ta: str, sa: str, tb: str, sb: str) -> tmx.TranslationUnitRecord:
        return tmx.TranslationUnitRecord(None, [tmx.Variant(ta, sa, None), tmx.Variant(tb, sb, None)],
                                         [], [], None, None, 0)

    def add_columns(tags: tuple[bytes, bytes], texts_a: list[bytes], texts_b: list[bytes]) -> None:
        """Plain tus that all have these two tags."""
        how = plain.get(tags, _MISSING)
        if how is _MISSING:
            how = plain[tags] = route(tags[0].decode("ascii"), tags[1].decode("ascii"))
        if how is None:  # the general code, one by one
            flush_pending()
            a, b = tags[0].decode("ascii"), tags[1].decode("ascii")
            for sa, sb in zip(texts_a, texts_b, strict=True):
                for u in tm.pairs(general(a, sa.decode("utf-8"), b, sb.decode("utf-8")), head_src, path, skipped):
                    one(u)
            return
        swap, sl, tl, pid = how
        if not pid:
            skipped[0] += len(texts_a)
            return
        srcs, tgts = (texts_b, texts_a) if swap else (texts_a, texts_b)
        if not (all(srcs) and all(tgts)):  # an empty seg (plain: no markup) translates nothing
            full = [(x, y) for x, y in zip(srcs, tgts, strict=True) if x and y]
            skipped[0] += len(srcs) - len(full)
            srcs, tgts = [x for x, _ in full], [y for _, y in full]
        add_plain((sl, tl), srcs, tgts, [pid] * len(srcs))

    uncoded = CODED_GAP  # units read the general way since the last one with inline codes

    def record(item: tmx.TranslationUnitRecord) -> None:
        """A tu read into a record (tmx_tags, lxml, the streaming reader)."""
        nonlocal uncoded
        if item.line == tmx_tags.ATTR_LINE:
            got = dated(item)
            if got is not None:
                sl, tl, src, tgt, prof = got
                if prof is None or not src or not tgt:
                    skipped[0] += 1
                    return
                add_plain((sl, tl), [src.encode("utf-8")], [tgt.encode("utf-8")], [profile(prof)])
                return
        for u in tm.pairs(item, head_src, path, skipped):
            if u.source_markup is None and u.target_markup is None and uncoded >= CODED_GAP:
                # metadata, no codes, far from units with codes: with the plain units, a batch at a time
                add_plain((u.source_lang, u.target_lang), [u.source.encode("utf-8")], [u.target.encode("utf-8")],
                          [profile(_profile(u, stamp))])
            else:
                uncoded = 0 if u.source_markup is not None or u.target_markup is not None else uncoded + 1
                flush_pending()
                one(u)
        if len(rows) >= BATCH:
            flush_rows()

    def dated_tus(item: tmx_dated.Dated) -> None:
        partdated.store(item, lambda rec: partdated.plan(rec, tm, head_src, path, stamp, dated, _profile),
                        add_plain, record, profile, lambda: uncoded < CODED_GAP)

    for item in items:
        kind = type(item)
        if kind is tmx_fast.Columns or kind is list:  # plain tus (tmx_fast), their texts in UTF-8
            if kind is tmx_fast.Columns and item.tag_a is not None:
                add_columns((item.tag_a, item.tag_b), item.texts_a, item.texts_b)
            else:
                tus = item.rows() if kind is tmx_fast.Columns else item
                a0, b0 = tus[0][0], tus[0][2]
                if all(x[0] == a0 and x[2] == b0 for x in tus):
                    add_columns((a0, b0), [x[1] for x in tus], [x[3] for x in tus])
                else:
                    for a, sa, b, sb in tus:
                        add_columns((a, b), [sa], [sb])
            if len(rows) >= BATCH:
                flush_rows()
            continue
        if kind is tmx_dated.Dated:
            dated_tus(item)
            if len(rows) >= BATCH:
                flush_rows()
            continue
        record(item)
    flush_pending()
    if uid > last_id:
        raise OverflowError("more units than the part's id range")
    write_profiles()
    conn.executemany(insert, rows)
    flush_postings(final=True)
    conn.execute("COMMIT")
    conn.close()
    count = uid - first_id
    return {"error": None, "rows": count, "dups": dups, "skipped": skipped[0], "parts": parts, "joined": True,
            "pairs": sorted({tuple(p.split(">")) for p in postings}), "hashes": seen.kept.tobytes(),
            "first": first_id}
