"""Parsed Hunspell dictionaries kept in a per-user cache folder: `tarjimon qa` parsed three of them in pure Python
(spylls) at every run, ~2.3 s of CPU; reading them back takes ~0.2-0.4 s each.

The folder is $XDG_CACHE_HOME/tarjimon/spelling (else ~/.cache/tarjimon/spelling), created 0700. A file holds
what spylls builds from a dictionary's .aff and .dic files (its `aff` and `dic`, pickled), after a header line
naming what it was made from: the two files' paths, sizes and mtimes, spylls', Python's and this format's
versions. A file whose header does not match is refused and made again. Since a pickle runs code when it is
read, no file another user could have written is read: the folder must be ours and writable by no one else
(not a link), and so must the file (opened without following a link); anything else is ignored (and, the
folder aside, replaced). TARJIMON_SPELLING_CACHE=0 turns the cache off.
"""

from __future__ import annotations

import gc
import os
import pickle
import stat
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.files import atomic_write

VERSION = 1
_MAGIC = b"tarjimon-spelling"


def cache_folder() -> Path:
    """Where parsed dictionaries are kept (per user)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "tarjimon" / "spelling"


def _key(stem: str) -> bytes:
    """What a cached dictionary was made from, as its header line."""
    parts: list[object] = [VERSION, _spylls_version(), sys.version_info[:2]]
    for suffix in (".aff", ".dic"):
        path = os.path.abspath(stem + suffix)
        st = os.stat(path)
        parts += [path, st.st_size, st.st_mtime_ns]
    return repr(tuple(parts)).encode("utf-8", "backslashreplace")


def _spylls_version() -> str:
    try:
        return metadata.version("spylls")
    except metadata.PackageNotFoundError:
        return "?"


def _file(stem: str) -> Path:
    return cache_folder() / (Path(stem).name + ".pickle")


def _private(st: os.stat_result) -> bool:
    """Ours, and writable by nobody else."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder_ok(folder: Path, create: bool) -> bool:
    """Whether the folder and its parent (tarjimon/) are private ones of ours (created 0700 when missing and
    `create`)."""
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return False
    for path in (folder.parent, folder):  # (tarjimon/ too: whoever can write it could swap spelling/)
        try:
            st = os.lstat(path)
        except OSError:
            return False
        if not (stat.S_ISDIR(st.st_mode) and _private(st)):
            return False
    return True


def load(stem: str) -> tuple[Any, Any] | None:
    """The (aff, dic) spylls parsed from dictionary `stem`, as cached; None when there is no usable cache."""
    if os.environ.get("TARJIMON_SPELLING_CACHE", "1") == "0" or not _folder_ok(cache_folder(), False):
        return None
    try:
        key = _key(stem)
        fd = os.open(_file(stem), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _private(st):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            if handle.readline() != _MAGIC + b" " + key + b"\n":
                return None
            was = gc.isenabled()
            gc.disable()  # (millions of objects without cycles: the collector would walk them again and again)
            try:
                found = pickle.load(handle)
                gc.freeze()  # (kept for the process: out of the collections that would walk them all once more)
            finally:
                if was:
                    gc.enable()
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    return found if isinstance(found, tuple) and len(found) == 2 else None


def save(stem: str, aff: Any, dic: Any) -> None:
    """Keep what spylls parsed from `stem` for the next process (skipped when it cannot be written)."""
    if os.environ.get("TARJIMON_SPELLING_CACHE", "1") == "0":
        return
    folder = cache_folder()
    if not _folder_ok(folder, True):
        return
    try:
        payload = _MAGIC + b" " + _key(stem) + b"\n" + pickle.dumps((aff, dic), protocol=pickle.HIGHEST_PROTOCOL)
        target = _file(stem)
        atomic_write(target, payload, durable=False)
        os.chmod(target, 0o600)  # (atomic_write refused a link there; the folder is ours alone)
    except (OSError, TarjimonError, pickle.PicklingError, TypeError, AttributeError):
        pass
