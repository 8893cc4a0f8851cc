"""An import process's memory: its peak resident size (for the import's statistics) and handing freed heap
pages back to the system between the parts of a parallel import."""

from __future__ import annotations

from typing import Any


def trim() -> None:
    """Hand the heap's free pages back to the system (glibc's malloc_trim): a part's blobs (MBs) are freed into
    the heap, where glibc keeps them, and each process of a many-part import would grow by MBs a part."""
    global _TRIM
    if _TRIM is None:
        import ctypes

        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def peak_rss_mb() -> float | None:
    """This process's peak resident size so far (Linux: VmHWM), for the import's statistics."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None
