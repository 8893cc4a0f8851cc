"""Parallel import of a big UTF-8 TMX file: one worker process per CPU, each on its own part of the file.

The file is cut just before a `<tu` tag at about equal byte offsets. Each part is read as a document of its
own (the first keeps the real prolog and header and gets `</body></tmx>` appended; the others get
`<tmx version="1.4"><body>` put in front): libxml2 checks it whole with the sequential import's safe options,
then plain tus are read by tm/fastscan.py and any other tu by the normal lxml reader (tm/partworker.py). A
worker turns its tus into unit rows and postings in a private scratch SQLite file (a contiguous id range per
part). The main process then copies the scratch files into the project database in ONE transaction
(duplicates across parts and against the TM found with numpy on the 64-bit hashes, ids shifted so the parts
follow each other without gaps), so the TM changes all or nothing, exactly like a sequential import.

Anything unusual (another encoding, a cut that lands in a comment or CDATA, any error in a part) makes the
caller fall back to the sequential import, which reports errors with their true line numbers.

(Copying each part into the TM while the workers parse the next ones was tried: on 2 cores the copy only
takes CPU from the workers, and it was not faster.)
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core.tm import partworker, tmx
from tarjimon.core.tm.store import UNIT_COLUMNS, bump

if TYPE_CHECKING:
    from tarjimon.core.tm.memory import TranslationMemory

MIN_SIZE = 16 * 1024 * 1024
_TU = re.compile(rb"<tu[\s>]")
_DECL_ENC = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
START_METHOD: str | None = None  # tests force "spawn"
_SELECT_PART = (
    "n.id - ?, n.dedup, f.source_lang, f.target_lang, f.source_tag, f.target_tag, n.source, n.target,"
    " n.source_markup, n.target_markup, n.skey, n.ntok, f.context_prev, f.context_next, f.origin, f.notes,"
    " f.props, f.fuzzy, NULL, f.created_at, f.changed_at"
)


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


def _cuts(mm: mmap.mmap, n: int) -> list[int] | None:
    size = len(mm)
    cuts = [0]
    for k in range(1, n):
        m = _TU.search(mm, size * k // n)
        if m is None or m.start() <= cuts[-1]:
            return None
        cuts.append(m.start())
    cuts.append(size)
    return cuts


def _shift(ids: bytes, shift: int) -> bytes:
    import numpy as np

    if not shift:
        return ids
    return (np.frombuffer(ids, dtype="<u4").astype(np.int64) - shift).astype("<u4").tobytes()


_STAMP: list[str] = []


def tm_stamp() -> str:
    if not _STAMP:
        from tarjimon.core.store import now

        _STAMP.append(now())
    return _STAMP[0]


def _sweep(folder: Path, age: float = 6 * 3600) -> None:
    """Remove scratch folders left by imports that were killed (older than `age` seconds)."""
    for old in folder.glob(".tm-import-*"):
        try:
            if time.time() - old.stat().st_mtime > age:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def import_parallel(tm: TranslationMemory, path: Path) -> tuple[int, int, int] | None:
    """Import `path` with several processes; (added, duplicates, skipped), or None to fall back."""
    import numpy as np

    records = tmx.read_tmx(path)  # checks the prolog, the root and reads the header
    header = next(records)
    records.close()
    head_src = header.get("srclang") if isinstance(header, dict) else None
    n = workers()
    conn = tm.store.conn
    base = (conn.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 0) + 1
    _sweep(tm.store.path.parent)
    folder = Path(tempfile.mkdtemp(prefix=".tm-import-", dir=tm.store.path.parent))
    attached: list[str] = []
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            cuts = _cuts(mm, n)
        if cuts is None:
            return None
        # Contiguous id ranges per part (a part cannot hold more units than bytes/16), so each part's copy
        # appends at the end of the table.
        firsts = [base]
        for k in range(1, n):
            firsts.append(firsts[-1] + (cuts[k] - cuts[k - 1]) // 16 + 1)
        _STAMP.clear()
        jobs = [(k, n, path, cuts[k], cuts[k + 1], head_src, firsts[k], (cuts[k + 1] - cuts[k]) // 16 + 1,
                 folder / f"part{k}.db", tm.source_lang, tm.target_langs, tm_stamp()) for k in range(n)]
        # fork is cheap, but forking a process with other threads (the TUI's workers) can inherit a held
        # lock: then the workers are spawned instead.
        method = START_METHOD or ("fork" if threading.active_count() == 1 else "spawn")
        with multiprocessing.get_context(method).Pool(n) as pool:
            results = pool.map(partworker.work, jobs)
        if any(r["error"] for r in results):
            return None
        merge_started = time.perf_counter()
        steps: dict[str, float] = {}

        def step(name: str, t0: list[float] = [merge_started]) -> None:  # noqa: B006 - a running clock
            t = time.perf_counter()
            steps[name] = round(t - t0[0], 2)
            t0[0] = t
        for k in range(n):
            conn.execute(f"ATTACH DATABASE ? AS tmpart{k}", (str(folder / f"part{k}.db"),))
            attached.append(f"tmpart{k}")
        # Duplicates across parts and against the TM, found with numpy on the 64-bit hashes; the dedup
        # index is dropped for the copy and rebuilt after it (one sort instead of a million inserts).
        hashes = [np.frombuffer(r["hashes"], dtype=np.int64) for r in results]
        ids = [r["first"] + np.arange(len(h), dtype=np.int64) for r, h in zip(results, hashes, strict=True)]
        all_h, all_ids = np.concatenate(hashes), np.concatenate(ids)
        keep = np.zeros(len(all_h), dtype=bool)
        keep[np.unique(all_h, return_index=True)[1]] = True
        if conn.execute("SELECT 1 FROM tm_units LIMIT 1").fetchone() is not None:
            existing = np.fromiter((r[0] for r in conn.execute("SELECT dedup FROM tm_units")), dtype=np.int64)
            keep &= ~np.isin(all_h, existing)
        skip = all_ids[~keep]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS tm_import_skip (id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.tm_import_skip")
        conn.executemany("INSERT INTO temp.tm_import_skip VALUES (?)", ((int(i),) for i in skip))
        step("dedup")
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB for the copy and the index build
        try:
            with tm.store.transaction() as tx:
                if (tx.execute("SELECT MAX(id) FROM tm_units").fetchone()[0] or 0) + 1 != base:
                    return None  # someone added units meanwhile: do it the sequential way
                tx.execute("DROP INDEX IF EXISTS tm_units_dedup")
                added = 0
                where = " WHERE n.id NOT IN (SELECT s.id FROM temp.tm_import_skip AS s)" if len(skip) else ""
                # Each part's ids move down so the parts follow each other without gaps (dense ids keep
                # the lookup's arrays small); the postings blobs get the same shift.
                shifts = []
                next_id = base
                for name, r in zip(attached, results, strict=True):
                    shift = r["first"] - next_id
                    shifts.append(shift)
                    cur = tx.execute(f"INSERT INTO tm_units ({UNIT_COLUMNS}) SELECT {_SELECT_PART}"
                                     f" FROM {name}.n AS n JOIN {name}.prof AS f ON f.pid = n.pid"
                                     f"{where} ORDER BY n.id", (shift,))
                    added += cur.rowcount
                    next_id += r["rows"]
                step("units")
                tx.execute("CREATE UNIQUE INDEX tm_units_dedup ON tm_units (dedup)")
                step("dedup_index")
                offset = bump(tx, "next_part", sum(r["parts"] for r in results) + 1)
                tx.create_function("tm_shift", 2, _shift, deterministic=True)
                for name, r, shift in zip(attached, results, shifts, strict=True):
                    offset -= r["parts"]
                    tx.execute(f"INSERT INTO tm_postings (token, part, ids, lens) SELECT token, -(? + part),"
                               f" tm_shift(ids, ?), lens FROM {name}.p", (offset, shift))
                step("postings")
                pairs = sorted({tuple(p) for r in results for p in r["pairs"]})
                tx.executemany("INSERT OR IGNORE INTO tm_pairs VALUES (?, ?)", pairs)
                bump(tx, "units", added)
                bump(tx, "generation")
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
            conn.execute("DELETE FROM temp.tm_import_skip")
            step("commit")
        tm.last_import_stats = {
            "workers": n,
            "worker_cpu_s": [round(r["cpu"], 2) for r in results],
            "worker_wall_s": [round(r["wall"], 2) for r in results],
            "merge_s": round(time.perf_counter() - merge_started, 2),
            "merge_steps_s": steps,
        }
        rows = sum(r["rows"] for r in results)
        dups = sum(r["dups"] for r in results) + rows - added
        return added, dups, sum(r["skipped"] for r in results)
    finally:
        for name in attached:
            try:
                conn.execute(f"DETACH DATABASE {name}")
            except sqlite3.Error:
                pass
        shutil.rmtree(folder, ignore_errors=True)
