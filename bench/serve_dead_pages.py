"""`tarjimon serve` with a page that stops reading, and with a page that sends a million keys in one message: a
real workbench each time, this tree against a before-tree, alternated in one run.

- `frozen`: a page opens its WebSocket, asks for a 1200 x 400 screen N times (`--resizes`), never reads again;
  the seconds until its workbench process has gone (its place among the 8 free), within `--watch`.
- `flood`: a page sends one stdin message of `--keys` characters (`--paste`: as a bracketed paste) and reads
  what comes; the workbench's CPU seconds and RSS 30 and 60 s later.

    python bench/serve_dead_pages.py frozen --before /tmp/before12 [--resizes 30] [--watch 200]
    python bench/serve_dead_pages.py flood --before /tmp/before12 [--keys 1000000] [--paste]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _serve(src: Path, folder: Path) -> tuple[subprocess.Popen[str], int, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(src), TARJIMON_PROJECTS=str(folder / "p"),
               TARJIMON_GLOSSARIES=str(folder / "g"))
    subprocess.run([sys.executable, "-m", "tarjimon", "demo"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "tarjimon", "serve", "demo", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline() if proc.stderr else ""
    token = re.search(r"token=(\S+)", line).group(1)  # type: ignore[union-attr]
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, port, token


def _workbenches(pid: int) -> list[int]:
    """The workbench processes under the server (under their shell when there is one)."""
    def children(p: int) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(p)], capture_output=True, text=True).stdout.split()
        return [int(c) for c in out]
    return [g for c in children(pid) for g in (children(c) or [c])]


def _usage(pid: int) -> tuple[float, int] | None:
    """(CPU seconds, RSS MB) of a process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[21]) * 4096 // 2**20


def _frame(payload: bytes) -> bytes:
    mask = os.urandom(4)
    size = bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + struct.pack("!H", len(payload))
    return b"\x81" + size + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def frozen(src: Path, resizes: int, watch: float) -> float | None:
    """Seconds until the frozen page's workbench has gone; None if it is still running after `watch`."""
    with tempfile.TemporaryDirectory() as tmp:
        proc, port, token = _serve(src, Path(tmp))
        try:
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", port))
            key = base64.b64encode(os.urandom(16)).decode()
            sock.sendall((f"GET /ws/{token}?width=80&height=24 HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: "
                          f"http://localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
            head = b""
            while b"\r\n\r\n" not in head:
                head += sock.recv(1)
            start = time.monotonic()
            for i in range(resizes):
                size = {"width": 1200 - i % 2, "height": 400 - i % 2}
                sock.sendall(_frame(json.dumps(["resize", size]).encode()))
                time.sleep(0.2)
            time.sleep(2)
            while _workbenches(proc.pid) and time.monotonic() - start < watch:
                time.sleep(1)
            gone = not _workbenches(proc.pid)
            sock.close()
            return time.monotonic() - start if gone else None
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def flood(src: Path, keys: int, paste: bool) -> list[tuple[float, int] | None]:
    """The workbench's (CPU s, RSS MB) before, 30 s and 60 s after the message."""
    import aiohttp

    async def run(port: int, token: str, pid: int) -> list[tuple[float, int] | None]:
        own = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"http://127.0.0.1:{port}/ws/{token}?width=100&height=30", headers=own,
                                          max_msg_size=0)

            async def read() -> None:
                async for _ in ws:
                    pass

            reading = asyncio.create_task(read())
            await asyncio.sleep(6)
            [workbench] = _workbenches(pid)
            seen = [_usage(workbench)]
            text = "a" * keys
            await ws.send_str(json.dumps(["stdin", f"\x1b[200~{text}\x1b[201~" if paste else text]))
            for _ in range(2):
                await asyncio.sleep(30)
                seen.append(_usage(workbench))
            await ws.close()
            reading.cancel()
            return seen

    with tempfile.TemporaryDirectory() as tmp:
        proc, port, token = _serve(src, Path(tmp))
        try:
            return asyncio.run(run(port, token, proc.pid))
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["frozen", "flood"])
    ap.add_argument("--before", type=Path, required=True, help="a before-tree (its src/ is used)")
    ap.add_argument("--resizes", type=int, default=30)
    ap.add_argument("--watch", type=float, default=200.0)
    ap.add_argument("--keys", type=int, default=1_000_000)
    ap.add_argument("--paste", action="store_true")
    args = ap.parse_args()
    for name, src in (("before", args.before / "src"), ("after", REPO / "src")):
        if args.what == "frozen":
            took = frozen(src, args.resizes, args.watch)
            print(f"{name}: workbench gone after {took:.0f} s" if took is not None
                  else f"{name}: workbench still running after {args.watch:.0f} s", flush=True)
        else:
            print(f"{name}: (CPU s, RSS MB) at 0, 30, 60 s: {flood(src, args.keys, args.paste)}", flush=True)
    print(os.getloadavg())


if __name__ == "__main__":
    main()
