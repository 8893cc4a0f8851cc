"""File safety for everything the core writes or reads from users: the one place that knows how.

- `atomic_write`: a whole file replaced at once (temp file beside it, fsync, rename), never through a
  symlink, keeping the replaced file's mode, nothing left behind on any error.
- `open_for_lock`: a lock file opened without following a symlink planted in its place.
- `check_input_file`: devices, FIFOs, sockets, folders and huge files refused before anything reads them.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tarjimon.core import faults
from tarjimon.core.errors import BadInput, NotFound, TarjimonError

MAX_INPUT_BYTES = 50 * 1024 * 1024

# Errors of the disk rather than of the user's data: shown as one line, never as a traceback.
_DISK_ERRORS = {
    errno.ENOSPC: "disk full writing",
    errno.EDQUOT: "disk quota exceeded writing",
    errno.EROFS: "read-only file system: cannot write",
    errno.EACCES: "permission denied writing",
    errno.EPERM: "permission denied writing",
}


def disk_error(exc: OSError, path: str | Path) -> BadInput:
    """A one-line BadInput for an OSError met while writing `path`."""
    what = _DISK_ERRORS.get(exc.errno or 0)
    if what is None:
        what = f"cannot write ({exc.strerror or exc})"
        return BadInput(what, path=path)
    return BadInput(f"{what} {path}")


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target_mode(target: Path, overwrite: bool) -> int:
    """The mode the new file gets; refuses a symlink, a non-file and (without overwrite) an existing file."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise disk_error(exc, target) from exc
    if stat.S_ISLNK(st.st_mode):
        raise BadInput(f"refusing to write through a symbolic link: {target}")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"not a regular file, refusing to replace it: {target}")
    if not overwrite:
        raise TarjimonError(f"{target} exists (use --force to replace it)")
    return stat.S_IMODE(st.st_mode)


@contextmanager
def atomic_writer(path: str | Path, *, overwrite: bool = True, before_replace: Callable[[], None] | None = None,
                  durable: bool = True) -> Iterator[BinaryIO]:  # fmt: skip
    """A binary file to write `path` through, streaming: it replaces `path` only when the block ends well.

    The same promises as `atomic_write`; on any error (or a kill) no temp file is left behind but by a kill.
    `before_replace` runs once the new file is durable, just before it replaces `path`: raising there (the
    file changed under the writer, say) leaves `path` as it is. `durable=False` (a cache that is checked when
    read and rebuilt when wrong): still atomic against a kill, but not fsynced (a power cut may lose it).
    """
    target = Path(path)
    mode = _target_mode(target, overwrite)
    folder = target.parent
    tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise disk_error(exc, target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if durable:
                os.fsync(handle.fileno())
        if not overwrite:
            # link() fails if the name appeared meanwhile: no silent overwrite even in a race.
            try:
                os.link(tmp, target)
            except FileExistsError as exc:
                raise TarjimonError(f"{target} exists (use --force to replace it)") from exc
            os.unlink(tmp)
        else:
            faults.checkpoint("file.replace")
            if before_replace is not None:
                before_replace()
            os.replace(tmp, target)
        if durable:
            _fsync_dir(folder)
    except OSError as exc:
        _remove_quietly(tmp)
        raise disk_error(exc, target) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def atomic_write(path: str | Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never half.

    Refuses a symlink at `path` (it would redirect the write) and, unless `overwrite`, an existing file.
    A new file gets the usual 0o666 & ~umask; a replaced one keeps its mode. Disk errors (full, read-only,
    permission) become a one-line BadInput, and the temp file is removed on any error. `durable`: see
    atomic_writer.
    """
    with atomic_writer(path, overwrite=overwrite, durable=durable) as handle:
        handle.write(data)


def atomic_write_text(path: str | Path, text: str, *, overwrite: bool = True) -> None:
    """`atomic_write` of UTF-8 text."""
    atomic_write(path, text.encode("utf-8"), overwrite=overwrite)


def sweep_temps(path: str | Path) -> int:
    """Remove the temp files a killed `atomic_writer` of `path` left beside it (`.NAME.<hex>.tmp`); return how
    many. Only for a caller holding the lock every writer of `path` holds: no other write of it is then under
    way, so each such file is a dead process's (a glossary import killed at 90% left its whole copy)."""
    target = Path(path)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")
    removed = 0
    try:
        names = os.listdir(target.parent)
    except OSError:
        return 0
    for name in names:
        if pattern.fullmatch(name):
            leftover = target.parent / name
            if not leftover.is_symlink() and leftover.is_file():
                _remove_quietly(leftover)
                removed += 1
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def open_for_lock(path: str | Path) -> int:
    """Open (creating) a lock file and return its descriptor, refusing a symlink planted at `path`."""
    target = Path(path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666 & ~_umask())
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadInput(f"refusing to follow a symbolic link: {target}") from exc
        raise disk_error(exc, target) from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise BadInput(f"not a regular file, refusing to use it as a lock: {target}")
    return fd


def cache_folder(folder: str | Path) -> Path:
    """Create a cache folder inside ours (glossaries/.cache, a project's .cache) and return it; refused when it
    is a symbolic link: atomic_write refuses a link at the file, not at its folder, so a link planted as the
    folder would carry every cache file written into it out to wherever it points."""
    folder = Path(folder)
    if os.path.islink(folder):
        raise BadInput(f"refusing to use a symbolic link: {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def refuse_links(folder: str | Path, names: tuple[str, ...]) -> None:
    """Refuse a folder where any of `names` is a symbolic link (a write there would land elsewhere)."""
    for name in names:
        if os.path.islink(Path(folder) / name):
            raise BadInput(f"refusing to use a symbolic link: {Path(folder) / name}")


def check_input_file(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> int:
    """Refuse what no importer should read: missing files, folders, devices, FIFOs, sockets, huge files.

    Returns the file's size. Cheap: one stat, no read, so a FIFO or /dev/zero never blocks or fills memory.
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError as exc:
        raise NotFound("no such file", path=p) from exc
    except OSError as exc:
        raise BadInput(f"cannot read file ({exc.strerror or exc})", path=p) from exc
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise BadInput("is a folder, not a file", path=p)
    if stat.S_ISFIFO(mode):
        raise BadInput("is a pipe (FIFO), not a file", path=p)
    if stat.S_ISSOCK(mode):
        raise BadInput("is a socket, not a file", path=p)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise BadInput("is a device, not a file", path=p)
    if not stat.S_ISREG(mode):
        raise BadInput("not a regular file", path=p)
    if st.st_size > max_bytes:
        raise BadInput(f"file too large ({st.st_size} bytes; the limit is {max_bytes})", path=p)
    return st.st_size


def read_input_bytes(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Read a user's input file whole, after `check_input_file`; never blocks on a FIFO swapped in."""
    p = Path(path)
    check_input_file(p, max_bytes)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise BadInput(f"cannot read file ({exc.strerror or exc})", path=p) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BadInput("not a regular file", path=p)
        chunks: list[bytes] = []
        total = 0
        size = min(max(st.st_size + 1, 1 << 20), max_bytes + 1)  # the whole file in one read: no join to copy
        while True:
            chunk = os.read(fd, size)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise BadInput(f"file too large (over {max_bytes} bytes)", path=p)
            chunks.append(chunk)
            size = 1 << 20
        return b"".join(chunks)
    except OSError as exc:
        raise BadInput(f"cannot read file ({exc.strerror or exc})", path=p) from exc
    finally:
        os.close(fd)
