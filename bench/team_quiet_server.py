"""Tarjimon's commands against a team server that lets a connection in and then never answers (PostgreSQL's
handshake, then silence: a server paused right after it, a proxy in front of a frozen machine): how long each
command takes, this tree against a before-tree, alternated in one run, each capped at `--cap` seconds.

    python bench/team_quiet_server.py --before /tmp/before12 [--cap 30] [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quiet_server() -> int:
    """A loopback server that speaks the startup exchange (AuthenticationOk, ReadyForQuery) and then reads
    without answering; returns its port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)

    def greet(client: socket.socket) -> None:
        try:
            while True:
                size, code = struct.unpack("!ii", client.recv(8, socket.MSG_WAITALL))
                if code in (80877103, 80877104):  # SSL or GSS encryption asked: no
                    client.sendall(b"N")
                    continue
                client.recv(size - 8, socket.MSG_WAITALL)
                break
            said = b"R" + struct.pack("!ii", 8, 0)
            for key, value in (("server_version", "15.0"), ("client_encoding", "UTF8"),
                               ("standard_conforming_strings", "on"), ("integer_datetimes", "on")):
                body = f"{key}\0{value}\0".encode()
                said += b"S" + struct.pack("!i", len(body) + 4) + body
            client.sendall(said + b"K" + struct.pack("!iii", 12, 1, 1) + b"Z" + struct.pack("!i", 5) + b"I")
            while client.recv(65536):
                pass
        except OSError:
            pass

    def accept() -> None:
        while True:
            client, _ = sock.accept()
            threading.Thread(target=greet, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return int(sock.getsockname()[1])


def run(src: Path, folder: Path, args: list[str], cap: float) -> tuple[float, float, int | None]:
    """(wall seconds, CPU seconds, exit code or None when killed at `cap`)."""
    env = dict(os.environ, PYTHONPATH=str(src), TARJIMON_PROJECTS=str(folder))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    try:
        code: int | None = subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, capture_output=True,
                                          timeout=cap).returncode
    except subprocess.TimeoutExpired:
        code = None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.monotonic() - start, cpu, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="a before-tree (its src/ is used)")
    ap.add_argument("--cap", type=float, default=30.0)
    ap.add_argument("--runs", type=int, default=2)
    opts = ap.parse_args()
    url = f"postgresql://tester@127.0.0.1:{quiet_server()}/newsroom"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        story = folder / "story.txt"
        story.write_text("Birinchi gap. Ikkinchi gap.\n", "utf-8")
        src = REPO / "src"
        for args in (["new", "story", "--source", "uz", "--targets", "kk"], ["import", "story", str(story)],
                     ["new", "linked", "--source", "uz", "--targets", "kk"]):
            run(src, folder, args, 60)
        toml = folder / "linked" / "project.toml"  # linked to the quiet server, as `tm connect` leaves it
        text = toml.read_text("utf-8")
        settings = f'team_tm = "{url}"\nteam_project = "linked-1"\n'
        toml.write_text(text.rstrip("\n") + "\n" + settings if text.rstrip().endswith("[settings]")
                        else text + "\n[settings]\n" + settings, "utf-8")
        commands = [["tm", "status", "linked"], ["tm", "connect", "story", url], ["join", url, "other"]]
        for _ in range(opts.runs):
            for args in commands:
                for name, tree in (("before", opts.before / "src"), ("after", src)):
                    wall, cpu, code = run(tree, folder, args, opts.cap)
                    shown = f"exit {code}" if code is not None else f"killed at {opts.cap:g} s"
                    label = " ".join(a for a in args[:2] if "://" not in a)
                    print(f"{label:12} {name:6} {wall:6.2f} s wall  {cpu:5.2f} s CPU  {shown}", flush=True)
    print("load", os.getloadavg())


if __name__ == "__main__":
    main()
