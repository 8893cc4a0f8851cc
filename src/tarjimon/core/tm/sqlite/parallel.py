"""Parallel import of a big UTF-8 TMX file: one worker process per CPU, each on its own part of the file.

The file is cut just before a `<tu` tag: parts of equal size (up to PARTS_PER_WORKER per worker, each at least
PART_BYTES, at most MAX_PARTS in all), plus a last "tail" part (TAIL of the file); the workers take them in
file order. Each part is read as a document of its own (the first keeps the real prolog and header and gets
`</body></tmx>` appended; the others get `<tmx version="1.4"><body>` put in front): libxml2 checks it whole
with the sequential reader's safe options, then plain tus are read by formats/tmx_fast.py and any other tu by
the normal lxml reader (tm/sqlite/partworker.py). A worker turns its tus into unit rows and postings in a private
scratch SQLite file (a contiguous id range per part): plain units a batch per row (tm/sqlite/batchrows.py).

The main process opens the import's ONE transaction before the parts come back, stores the first part's
batches as they are made (streamed through a pipe), and copies each other part into the project database as
soon as it is parsed, in file order, while the workers parse the next ones. Duplicates across parts and
against the TM are found with numpy on the 64-bit hashes and left out; the main process numbers the units it
keeps, in file order (a part's ids move down past the duplicates left out before them), so the ids are dense
and those of a sequential import whatever the cuts. The dedup index is built while the tail is parsed, so
only the tail's copy and the commit are left at the end. The TM changes all or nothing, exactly like a
sequential import; a kill -9 leaves it as it was.

Anything unusual (another encoding, a cut that lands in a comment or CDATA, any error in a part) makes the
caller fall back to the sequential import, which reports errors with their true line numbers.
"""

from __future__ import annotations

import itertools
import mmap
import multiprocessing
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjimon.core import faults
from tarjimon.core.formats import tmx
from tarjimon.core.tm.sqlite import partcopy, partworker, procmem
from tarjimon.core.tm.sqlite.schema import DF_INDEX, DROP_DF_INDEX, NothingAdded, bump
from tarjimon.core.tm.sqlite.writeback import EarlyWriteback

if TYPE_CHECKING:
    from tarjimon.core.store import Store
    from tarjimon.core.tm.units import UnitFilter

MIN_SIZE = 16 * 1024 * 1024
_TU = re.compile(rb"<tu[\s>]")
_DECL_ENC = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
START_METHOD: str | None = None  # tests force "spawn"
TAIL = 0.03  # the share of the file in the last part, parsed while the main process copies the others
TAIL_FEW = 0.16  # the same with one part per worker: the copy of the part before the tail is longer
# Up to PARTS_PER_WORKER parts per worker (of at least PART_BYTES each) before the tail: the main process copies
# each part as soon as it is parsed, while the workers parse the next ones. A unit whose duplicate is in an
# earlier part (or the TM) is left out and the units after it move down: the ids are those of a sequential
# import whatever the cuts. At most MAX_PARTS parts: each is attached to the import's connection until the
# transaction ends (SQLite attaches at most 10 databases).
PARTS_PER_WORKER = 4
PART_BYTES = 32 << 20
MAX_PARTS = 8
# SQLite page cache of the copy and the dedup index build: 8 MB (64 MB gave no faster copy, and the main
# process's peak counts in the import's summed peak: 16 MB took the 8-part import of 1M units to ~398 MB)
COPY_CACHE_KB = 8192
# ... and of the tail's copy: its units go into the dedup index built before it, one random place each (5 us
# a unit with 8 MB, 1.5-2 us with the index of 1M units (~17 MB) in the cache: 50,000 units 0.32 -> 0.12 s)
TAIL_CACHE_KB = 24576


def workers() -> int:
    """How many processes a big import uses."""
    return max(1, min(4, os.cpu_count() or 1))


def eligible(path: Path) -> bool:
    """Big, UTF-8 (declared or by default, no UTF-16 BOM), on a machine with more than one CPU, numpy there."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    try:
        if path.stat().st_size < MIN_SIZE or workers() < 2:
            return False
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    m = _DECL_ENC.match(head)
    return m is None or m.group(1).lower() in (b"utf-8", b"utf8")


def _cuts(mm: mmap.mmap, n: int, tail: float = 0.0) -> list[int] | None:
    """Offsets cutting the file into n parts of equal size (plus a last part of `tail` of the file)."""
    size = len(mm)
    body = int(size * (1.0 - tail))
    marks = [body * k // n for k in range(1, n)] + ([body] if tail else [])
    cuts = [0]
    for mark in marks:
        m = _TU.search(mm, mark)
        if m is None or m.start() <= cuts[-1]:
            return None
        cuts.append(m.start())
    cuts.append(size)
    return cuts


_STAMP: list[str] = []


def tm_stamp() -> str:
    if not _STAMP:
        from tarjimon.core.store import now

        _STAMP.append(now())
    return _STAMP[0]


def body_parts(n: int, size: int) -> int:
    """How many parts of equal size come before the tail, for n workers and a file of `size` bytes."""
    return max(n, min(PARTS_PER_WORKER * n, size // PART_BYTES, MAX_PARTS - 1))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def sweep(folder: Path, age: float = 6 * 3600) -> int:
    """Remove scratch folders left by killed imports: their process is gone (or they are older than `age`).

    Returns how many were removed. Folders are named .tm-import-PID-XXXX by the import that made them.
    """
    removed = 0
    for old in folder.glob(".tm-import-*"):
        parts = old.name.split("-")
        pid = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
        try:
            stale = time.time() - old.stat().st_mtime > age
        except OSError:
            continue
        if (pid is not None and pid != os.getpid() and not _alive(pid)) or stale:
            shutil.rmtree(old, ignore_errors=True)
            removed += 1
    return removed


_sweep = sweep


class _Fallback(Exception):
    """A part failed: roll the import back and let the caller import sequentially."""


_member = partcopy.member

def import_parallel(store: Store, keep: UnitFilter, path: Path, stats: dict[str, Any],
                    ready: Callable[[sqlite3.Connection], None] | None = None,
                    counts: list[int] | None = None) -> tuple[int, int, int] | None:
    """Import `path` into the TM in `store` with several processes, keeping the pairs `keep` keeps;
    (added, duplicates, skipped), or None to fall back. How it went (parts, times) is put in `stats`.
    `ready(tx)`, first in the import's transaction, makes the TM's tables when they are still to be made. An
    import that adds nothing puts (0, duplicates, skipped) in `counts` and raises schema.NothingAdded: the
    rollback leaves the database as it was (tables made by `ready` included)."""

    if store.conn.execute("PRAGMA encoding").fetchone()[0] != "UTF-8":
        return None  # the parts' texts are UTF-8 bytes, cast to text in the database's encoding
    records = tmx.read_tmx(path)  # checks the prolog, the root and reads the header
    header = next(records)
    records.close()
    head_src = header.get("srclang") if isinstance(header, dict) else None
    n = workers()
    conn = store.conn
    _sweep(store.path.parent)
    folder = Path(tempfile.mkdtemp(prefix=f".tm-import-{os.getpid()}-", dir=store.path.parent))
    attached: list[str] = []
    started = time.perf_counter()
    steps: dict[str, float] = {"parts": 0.0}
    timeline: list[list[float]] = []
    cpu_steps: dict[str, list[float]] = {}  # user and system CPU time of this process per step
    early = EarlyWriteback(store.path)
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            cuts = None  # fewer parts when a file has too few tus (a small file in the tests)
            for body, tail in [(b, TAIL if b > n else TAIL_FEW) for b in range(body_parts(n, len(mm)), n - 1, -1)] \
                    + [(n, TAIL_FEW), (n, 0.0)]:
                cuts = _cuts(mm, body, tail)
                if cuts is not None:
                    break
        if cuts is None:
            return None
        _STAMP.clear()
        # fork is cheap, but forking a process with other threads (the TUI's workers) can inherit a held
        # lock: then the workers are spawned instead.
        method = START_METHOD or ("fork" if threading.active_count() == 1 else "spawn")
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{COPY_CACHE_KB}")  # for the copy and the index build
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS tm_import_skip (id INTEGER PRIMARY KEY, below INTEGER NOT NULL)")
        # forked workers inherit a pipe: the first part's batches come through it as they are made
        reader, partworker.STREAM = multiprocessing.get_context("fork").Pipe(duplex=False) if method == "fork" \
            else (None, None)
        try:
            with multiprocessing.get_context(method).Pool(n) as pool:
                try:
                    with store.bulk_journal() as journal, store.transaction() as tx:
                        mode = "delete" if journal else "wal"
                        if ready is not None:
                            ready(tx)
                        done = _run_parts(keep, tx, pool, path, cuts, head_src, folder, attached, steps, cpu_steps,
                                          reader, timeline, early.kick)
                        if not done[1]:
                            rows = sum(r["rows"] for r in done[0])
                            if counts is not None:
                                counts[:] = [0, rows, sum(r["skipped"] for r in done[0])]
                            raise NothingAdded
                        committing = _cpu()
                except _Fallback:
                    return None
                finally:
                    conn.execute(f"PRAGMA cache_size = {int(cache)}")
                    conn.execute("DELETE FROM temp.tm_import_skip")
        finally:
            for end in (reader, partworker.STREAM):
                if end is not None:
                    end.close()
            partworker.STREAM = None
        results, added = done
        steps["commit"] = round(time.perf_counter() - started - sum(steps.values()), 2)
        user, system = _cpu()
        cpu_steps["commit"] = [round(user - committing[0], 2), round(system - committing[1], 2)]
        stats.clear()
        stats.update({
            "workers": n,
            "parts": len(cuts) - 1,
            "journal": mode,
            "early_syncs": early.kicks,  # the file's pages sent to the disk during the import (writeback.py)
            "worker_cpu_s": [round(r["cpu"], 2) for r in results],
            "worker_wall_s": [round(r["wall"], 2) for r in results],
            # peak RSS per worker process (a process may have parsed several parts) and of this process
            "worker_peak_mb": {r["pid"]: r["peak_mb"] for r in results},
            "main_peak_mb": procmem.peak_rss_mb(),
            "steps_s": steps,
            "steps_cpu_user_sys_s": cpu_steps,
            "timeline_s": timeline,
        })
        rows = sum(r["rows"] for r in results)
        dups = sum(r["dups"] for r in results) + rows - added
        return added, dups, sum(r["skipped"] for r in results)
    finally:
        early.wait()
        for name in attached:
            try:
                conn.execute(f"DETACH DATABASE {name}")
            except sqlite3.Error:
                pass
        shutil.rmtree(folder, ignore_errors=True)


def _cpu() -> tuple[float, float]:
    """This process's user and system CPU time so far."""
    t = os.times()
    return t.user, t.system


def _run_parts(keep: UnitFilter, tx: sqlite3.Connection, pool: Any, path: Path, cuts: list[int],
               head_src: str | None, folder: Path, attached: list[str],
               steps: dict[str, float], cpu_steps: dict[str, list[float]],
               reader: Any = None, timeline: list[list[float]] | None = None,
               written: Callable[[], None] | None = None) -> tuple[list[dict[str, Any]], int]:
    """Inside the import's transaction: parse the parts in the pool, copy each into the TM as it comes.
    `timeline` gets, per part, the seconds since the workers started when it was parsed and when it was copied
    (and when the dedup index was built after it)."""
    import numpy as np

    started = time.perf_counter()
    timeline = [] if timeline is None else timeline

    clock = [time.perf_counter(), *_cpu()]

    def step(name: str) -> None:
        t, user, system = time.perf_counter(), *_cpu()
        steps[name] = round(steps.get(name, 0.0) + t - clock[0], 2)
        cpu = cpu_steps.setdefault(name, [0.0, 0.0])
        cpu[0], cpu[1] = round(cpu[0] + user - clock[1], 2), round(cpu[1] + system - clock[2], 2)
        clock[:] = [t, user, system]

    nparts = len(cuts) - 1
    base = (tx.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 0) + 1
    # Duplicates against the TM and across parts, found with numpy on the 64-bit hashes (within a part the
    # worker found them); the dedup index is dropped for the copy and rebuilt after it (one sort instead of
    # a million inserts).
    known: list[Any] = []
    if tx.execute("SELECT 1 FROM tm_units LIMIT 1").fetchone() is not None:
        known.append(np.sort(np.fromiter((r[0] for r in tx.execute("SELECT dedup FROM tm_units")), dtype=np.int64)))
    tx.execute("DROP INDEX IF EXISTS tm_units_dedup")
    tx.execute(DROP_DF_INDEX)  # (built again at the end, as the dedup index)
    # Contiguous id ranges per part (a part cannot hold more units than bytes/16); each part's ids then move
    # down so the parts follow each other without gaps (dense ids keep the lookup's arrays small), and the
    # postings blobs get the same shift.
    firsts = [base]
    for k in range(1, nparts):
        firsts.append(firsts[-1] + (cuts[k] - cuts[k - 1]) // 16 + 1)
    jobs = [(k, nparts, path, cuts[k], cuts[k + 1], head_src, firsts[k], (cuts[k + 1] - cuts[k]) // 16 + 1,
             folder / f"part{k}.db", keep.source_lang, keep.target_langs, tm_stamp()) for k in range(nparts)]
    step("start")
    results: list[dict[str, Any]] = []
    added, next_id = 0, base
    done = pool.imap(partworker.work, jobs)
    streamed = None
    if reader is not None:  # the first part's batches are stored while the parts are parsed
        streamed = partcopy.Streamed(tx, list(known), base)
        done = itertools.chain([streamed.receive(reader, done)], done)
        step("streamed")
    for k, r in enumerate(done):
        step("parts")  # waiting for the workers
        timeline.append([round(time.perf_counter() - started, 2)])
        if r["error"]:
            raise _Fallback(r["error"])
        results.append(r)
        h = np.frombuffer(r.pop("hashes"), dtype=np.int64)  # kept once, sorted, in `known`
        dup, ordered = partcopy.sorted_member(known, h)
        known.append(ordered)
        if len(known) > 3:  # fewer, longer arrays: one search each per later part (sorted runs: merged)
            known[:] = [np.sort(np.concatenate(known), kind="stable")]
        skip = np.flatnonzero(dup).astype(np.int64) + r["first"]  # ascending
        partcopy.set_skip(tx, skip)
        # attached once its worker is done with it (inside the transaction; detached after it ends)
        name, shift = f"tmpart{k}", r["first"] - next_id
        tx.execute(f"ATTACH DATABASE ? AS {name}", (str(folder / f"part{k}.db"),))
        attached.append(name)
        tx.execute(f"PRAGMA {name}.cache_size = -256")  # read once, in order: a small cache is enough
        if k == 0 and streamed is not None:
            added += streamed.added
            streamed.close()
        start = streamed.end if k == 0 and streamed is not None else r["first"]
        added += partcopy.copy_units(tx, name, shift, start, bool(dup.any()))
        next_id += r["rows"] - len(skip)
        offset = bump(tx, "next_part", r["parts"] + 1) - r["parts"] - 1
        step("copy")
        # one row per token of the part: its worker's flushes joined (when it flushed more than once)
        rows: Any = tx.execute(f"SELECT token, part, ids, lens FROM {name}.p")
        if r["parts"] > 1 and not r.get("joined"):  # (the workers join their flushes' rows themselves)
            rows = partcopy.per_token(rows.fetchall())
        if not dup.any():
            tx.executemany("INSERT INTO tm_postings (token, part, ids, lens) VALUES (?, ?, ?, ?)",
                           partcopy.shifted_postings(rows, offset, shift))
        elif not dup.all():
            # postings only for the units copied (their ids moved down past the duplicates left out)
            tx.executemany("INSERT INTO tm_postings (token, part, ids, lens) VALUES (?, ?, ?, ?)",
                           partcopy.kept_postings(rows, skip, offset, shift))
        del rows
        if written is not None:  # what is in the file goes to the disk while the next part is copied
            written()
        step("postings")
        procmem.trim()
        timeline[-1].append(round(time.perf_counter() - started, 2))
        faults.checkpoint("tm.part")
        if k == nparts - 2:  # the tail part is still being parsed: build the index now, the tail adds to it
            tx.execute("CREATE UNIQUE INDEX tm_units_dedup ON tm_units (dedup)")
            tx.execute(f"PRAGMA cache_size = -{TAIL_CACHE_KB}")
            step("dedup_index")
            timeline[-1].append(round(time.perf_counter() - started, 2))
    tx.execute("CREATE UNIQUE INDEX IF NOT EXISTS tm_units_dedup ON tm_units (dedup)")
    tx.execute(DF_INDEX)
    step("df_index")
    pairs = sorted({tuple(p) for r in results for p in r["pairs"]})
    tx.executemany("INSERT OR IGNORE INTO tm_pairs VALUES (?, ?)", pairs)
    bump(tx, "units", added)
    bump(tx, "generation")
    faults.checkpoint("tm.commit")
    return results, added
