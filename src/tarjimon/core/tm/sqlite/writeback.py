"""Early write-back of a big import's pages, so its commit does not wait for all of them at once.

A parallel import of 1M units writes ~500 MB of new pages into the project database inside its one
transaction; with 24 GB of memory the kernel keeps them dirty (its background write-back starts at a tenth of
the memory, or after 30 s), and the commit's fsync then writes them all while everything else waits: ~0.5 s
of a 7 s import with the CPUs idle. :class:`EarlyWriteback` asks the kernel to write what is already in the
file while the import goes on (after each part's copy): `fdatasync` of SQLite's OWN descriptor of the file, in
a thread (the call blocks only that thread, with the GIL released), one at a time.

Nothing about the transaction changes: the pages written early are those SQLite has already written into the
file (its cache spills; pages past the file's old end, which a rollback undoes by truncating the file, or old
pages whose originals are in the journal, synced first by SQLite itself), and the commit still syncs the file
and the journal exactly as before. SQLite's descriptor is found in /proc/self/fd (Linux) and never closed:
opening and closing another descriptor of the file would drop the process's POSIX locks on it (SQLite's
locks). Elsewhere, or when it is not found, nothing is done.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def sqlite_fd(path: Path) -> int | None:
    """A descriptor this process already has open on `path` (SQLite's), or None (not Linux, not found)."""
    proc = Path("/proc/self/fd")
    try:
        target = str(path.resolve())
        fds = list(proc.iterdir())
    except OSError:
        return None
    for entry in fds:
        try:
            if os.readlink(entry) == target:
                return int(entry.name)
        except (OSError, ValueError):
            continue
    return None


class EarlyWriteback:
    """`kick()` after a big write: the file's dirty pages are written out in a thread (one sync at a time)."""

    def __init__(self, path: Path) -> None:
        self.fd = sqlite_fd(path) if hasattr(os, "fdatasync") else None
        self._thread: threading.Thread | None = None
        self.kicks = 0

    def kick(self) -> None:
        if self.fd is None or (self._thread is not None and self._thread.is_alive()):
            return
        self.kicks += 1
        self._thread = threading.Thread(target=self._sync, args=(self.fd,), daemon=True)
        self._thread.start()

    @staticmethod
    def _sync(fd: int) -> None:
        try:
            os.fdatasync(fd)
        except OSError:
            pass  # (the commit's own sync reports what matters)

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
