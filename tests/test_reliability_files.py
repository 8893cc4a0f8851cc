"""core/files.py: atomic writes that never follow symlinks or lose modes, and input checks."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.files import atomic_write, check_input_file, open_for_lock, read_input_bytes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_new_file_gets_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.txt", b"hello")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").read_bytes() == b"hello"
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert _leftovers(tmp_path) == []


def test_atomic_write_keeps_mode_of_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "g.tsv"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_atomic_write_refuses_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    link = tmp_path / "project.toml"
    link.symlink_to(victim)
    with pytest.raises(BadInput, match="symbolic link"):
        atomic_write(link, b"evil")
    assert victim.read_bytes() == b"precious"
    assert link.is_symlink()
    assert _leftovers(tmp_path) == []


def test_atomic_write_refuses_existing_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    target.write_bytes(b"keep")
    with pytest.raises(TarjimonError, match="exists .use --force"):
        atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"keep"
    atomic_write(tmp_path / "fresh.tmx", b"x", overwrite=False)
    assert (tmp_path / "fresh.tmx").read_bytes() == b"x"
    assert _leftovers(tmp_path) == []


def test_atomic_write_read_only_folder_is_one_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BadInput, match="permission denied writing"):
            atomic_write(folder / "x", b"data")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_atomic_write_disk_full_leaves_nothing(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    # /dev/full cannot be a temp file in a folder; simulate ENOSPC with RLIMIT_FSIZE in a child.
    import subprocess
    import sys

    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "from tarjimon.core.files import atomic_write\n"
        "from tarjimon.core.errors import BadInput\n"
        "try:\n"
        f"    atomic_write({str(tmp_path / 'big')!r}, b'x' * 5000)\n"
        "except BadInput as e:\n"
        "    print(e); sys.exit(2)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 2, done.stderr
    assert "writing" in done.stdout or "cannot write" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_open_for_lock_refuses_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (tmp_path / ".edit.lock").symlink_to(victim)
    with pytest.raises(BadInput, match="symbolic link"):
        open_for_lock(tmp_path / ".edit.lock")
    fd = open_for_lock(tmp_path / "real.lock")
    os.close(fd)
    assert victim.read_bytes() == b"precious"


def test_check_input_file_refuses_odd_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.po"
    os.mkfifo(fifo)
    folder = tmp_path / "x.po"
    folder.mkdir()
    sock_path = tmp_path / "s.tsv"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for path, word in [
            (fifo, "pipe"),
            (folder, "folder"),
            (sock_path, "socket"),
            (Path("/dev/zero"), "device"),
        ]:
            with pytest.raises(BadInput, match=word) as info:
                check_input_file(path)
            assert str(path) in str(info.value)
    finally:
        sock.close()
    big = tmp_path / "big.po"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(BadInput, match="too large"):
        check_input_file(big, max_bytes=1000)
    with pytest.raises(NotFound):
        check_input_file(tmp_path / "missing.po")
    assert read_input_bytes(big) == b"x" * 2000
