"""A page that stops reading gives its place back; a live page that reads slowly keeps its session (twelfth
session).

Found: a page that connected and then stopped reading (a frozen tab, a connection dropped without a FIN, a
script) held one of serve's MAX_SESSIONS places for good: textual-serve's WebSocket pinged it and noticed the
missing answer, but the workbench's output waited for the page to take it, for ever, so the session never
ended, its workbench never quit, and after 8 such pages nobody got in. Now a page that does not answer a ping,
or does not take a write within WRITE_STALL, is cut off and its workbench quits.

A stand-in workbench (a small script speaking textual-serve's packets: a screen of output per resize, a tick
of output every 0.1 s) keeps this cheap; everything is on loopback and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import socket
import struct
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="textual-serve (the serve extra, also in the test extra) is missing")
import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from testkit import free_port  # noqa: E402

from tarjimon.cli import serve  # noqa: E402

TOKEN = "s3cret-token"
STAND_IN = r'''
import json, os, struct, sys, threading, time
out = sys.stdout.buffer
lock = threading.Lock()
def send(kind, payload):
    with lock:
        out.write(kind + struct.pack("!I", len(payload)) + payload)
        out.flush()
out.write(b"__GANGLION__\n"); out.flush()
def tick():
    while True:
        send(b"D", b"." * 2000)
        time.sleep(0.1)
threading.Thread(target=tick, daemon=True).start()
stdin = sys.stdin.buffer
if os.environ.get("STAND_IN_DEAF"):  # a hung workbench: it reads nothing more, and never quits
    while True:
        time.sleep(1)
while True:
    head = stdin.read(5)
    if len(head) < 5:
        os._exit(0)
    body = stdin.read(struct.unpack("!I", head[1:])[0])
    if head[:1] == b"M":
        meta = json.loads(body)
        if meta["type"] == "quit" and not os.environ.get("STAND_IN_DEAF"):
            os._exit(0)
        if meta["type"] == "resize":  # a whole screen, as a workbench draws one
            send(b"D", b"x" * (meta["width"] * meta["height"] * 4))
'''


def _frozen_page(port: int) -> socket.socket:
    """A page that opens its WebSocket, asks for the biggest screen a few times, and never reads again."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # (a small window: the server's writes stall soon)
    sock.settimeout(10)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws/{TOKEN}?width=80&height=24 HTTP/1.1\r\nHost: localhost:{port}\r\n"
                  f"Origin: http://localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    for _ in range(4):
        sock.sendall(_masked(json.dumps(["resize", {"width": 1200, "height": 400}]).encode()))
    return sock


def _masked(payload: bytes) -> bytes:
    """A client's text frame (clients mask theirs)."""
    mask = os.urandom(4)
    size = bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + struct.pack("!H", len(payload))
    return b"\x81" + size + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


async def _connect(session: aiohttp.ClientSession, port: int) -> aiohttp.ClientWebSocketResponse | int:
    own = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
    try:
        return await session.ws_connect(f"http://127.0.0.1:{port}/ws/{TOKEN}?width=80&height=24", headers=own)
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status


def _chatter(sock: socket.socket, stop: threading.Event) -> None:
    """Keys from the frozen page every 0.2 s (it sends, it never reads): the server hears from it, so it is not
    pinged; only its writes that are not taken show it is gone."""
    while not stop.wait(0.2):
        try:
            sock.sendall(_masked(json.dumps(["stdin", "a"]).encode()))
        except OSError:  # cut off
            return


@pytest.mark.parametrize("chatty", [False, True], ids=["silent", "sends-keys"])
def test_a_page_that_stops_reading_gives_its_place_back_and_a_slow_live_one_keeps_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, chatty: bool) -> None:
    monkeypatch.setattr(serve, "HEARTBEAT", 2.0)
    monkeypatch.setattr(serve, "WRITE_STALL", 3.0)
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, "utf-8")

    async def run() -> dict[str, object]:
        port = free_port()
        server = serve.GuardedServer(f"{sys.executable} {script}", host="localhost", port=port, title="T",
                                     token=TOKEN)
        server.max_sessions = 2
        runner = web.AppRunner(await server._make_app())
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        seen: dict[str, object] = {}
        try:
            async with aiohttp.ClientSession() as session:
                slow = await _connect(session, port)
                assert not isinstance(slow, int), slow
                received = 0

                async def read_slowly() -> None:  # a live page on a slow machine: 0.05 s a message, and
                    nonlocal received  # a pause of a second now and then (it keeps up with the ticks)
                    async for _message in slow:
                        received += 1
                        await asyncio.sleep(1.0 if received % 40 == 0 else 0.05)

                reading = asyncio.create_task(read_slowly())
                frozen = await asyncio.get_running_loop().run_in_executor(None, _frozen_page, port)
                stop = threading.Event()
                if chatty:
                    threading.Thread(target=_chatter, args=(frozen, stop), daemon=True).start()
                seen["while frozen"] = await _connect(session, port)  # both places taken
                started, deadline, third = time.monotonic(), time.monotonic() + 60, None
                while time.monotonic() < deadline:  # (before: never)
                    got = await _connect(session, port)
                    if not isinstance(got, int):
                        third = got
                        break
                    await asyncio.sleep(0.5)
                seen["third got in"] = third is not None
                seen["after"] = time.monotonic() - started
                before = received
                await asyncio.sleep(2.0)
                seen["slow still open"] = not slow.closed and not reading.done()
                seen["slow still reading"] = received > before
                reading.cancel()
                stop.set()
                frozen.close()
                for ws in (slow, third):
                    if ws is not None:
                        await ws.close()
                deadline = time.monotonic() + 30
                while server.sessions and time.monotonic() < deadline:  # their stand-ins quit
                    await asyncio.sleep(0.1)
                seen["sessions at the end"] = server.sessions
        finally:
            await runner.cleanup()
        return seen

    with caplog.at_level(logging.WARNING, "tarjimon.serve"):
        seen = asyncio.run(run())
    ended = [r.getMessage() for r in caplog.records if "session ends" in r.getMessage()]
    assert seen["while frozen"] == 503
    assert seen["third got in"], seen
    assert seen["slow still open"] and seen["slow still reading"], seen
    assert seen["sessions at the end"] == 0
    assert len(ended) == 1, ended  # the frozen page's, not the slow one's
    assert ("took nothing" if chatty else "stopped answering") in ended[0]


def test_a_workbench_that_does_not_quit_is_stopped_and_its_place_freed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A hung workbench (here: one that reads nothing after it started, and keeps writing) was left running
    after its tab closed: textual-serve told it to quit, stopped reading its output at the first write that
    failed, and forgot it (holding its project's edit lock, its output blocked for good). With the output now
    read on (and dropped) until the workbench quits, a hung one would hold its place instead: it is terminated
    after QUIT_WAIT."""
    monkeypatch.setattr(serve, "QUIT_WAIT", 1.0)
    monkeypatch.setenv("STAND_IN_DEAF", "1")
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, "utf-8")

    async def run() -> tuple[int, int | None]:
        port = free_port()
        server = serve.GuardedServer(f"exec {sys.executable} {script}", host="localhost", port=port, title="T",
                                     token=TOKEN)
        runner = web.AppRunner(await server._make_app())
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            async with aiohttp.ClientSession() as session:
                page = await _connect(session, port)
                assert not isinstance(page, int), page
                await page.receive()  # the stand-in is running
                children = _children()
                await page.close()  # the tab is closed
                deadline = time.monotonic() + 30
                while server.sessions and time.monotonic() < deadline:  # (before: for ever)
                    await asyncio.sleep(0.1)
                left = server.sessions
        finally:
            await runner.cleanup()
        return left, len(children - _children())

    with caplog.at_level(logging.WARNING, "tarjimon.serve"):
        left, gone = asyncio.run(run())
    assert left == 0
    assert gone == 1  # the stand-in was stopped, not left behind
    assert any("did not quit" in r.getMessage() for r in caplog.records)


def _children() -> set[int]:
    """This process's child processes now."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "stat").read_text().split(") ")[1].split()[1] == str(os.getpid()):
                found.add(int(entry.name))
        except (OSError, IndexError):
            continue
    return found
