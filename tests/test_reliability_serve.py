"""`tarjimon serve` answers only its own page: Host, Origin and a per-run token checked (issue 9, item 4)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip(
    "textual_serve", reason="textual-serve (the serve extra, also in the test extra) is missing"
)
aiohttp = pytest.importorskip("aiohttp")

from testkit import REPO, free_port, serving, wait_for_port  # noqa: E402


@pytest.fixture
def server(tmp_path: Path):
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "p"),
               TARJIMON_GLOSSARIES=str(tmp_path / "g"))  # fmt: skip
    with serving([], env, wait=20) as (port, _, token):
        yield port, token


async def _status(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as s, s.get(url, headers=headers or {}) as r:
        await r.read()
        return r.status


async def _ws_status(url: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as s:
        try:
            async with s.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_serve_checks_token_host_and_origin(server) -> None:
    import asyncio

    port, token = server
    base = f"http://127.0.0.1:{port}"
    own = {"Origin": f"http://localhost:{port}", "Host": f"localhost:{port}"}

    async def run() -> None:
        assert await _status(f"{base}/?token={token}") == 200
        assert await _status(f"{base}/") == 403  # no token
        assert await _status(f"{base}/?token=wrong{token}") == 403
        assert (
            await _status(f"{base}/?token={token}", {"Host": f"evil.example:{port}"}) == 403
        )  # DNS rebinding
        ws = f"ws://127.0.0.1:{port}/ws/{token}?width=80&height=24"
        assert await _ws_status(ws, {**own, "Origin": "http://evil.example"}) == 403
        assert (
            await _ws_status(ws, {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"})
            == 403
        )
        assert await _ws_status(f"ws://127.0.0.1:{port}/ws/nottoken?width=80&height=24", own) == 403
        assert await _ws_status(f"ws://127.0.0.1:{port}/ws?width=80&height=24", own) in (403, 404)
        assert await _ws_status(ws, {"Host": f"localhost:{port}"}) == 403  # no Origin: not a browser page
        assert await _ws_status(ws, own) == 101

    asyncio.run(run())


def test_serve_forbids_framing_referers_and_caching_of_its_page(server) -> None:
    """Found trying it with Chromium (tenth session): a page on another local site that had the URL (the token
    leaks with a shared screen or a pasted link) showed the whole workbench in an iframe, to click in it."""
    import asyncio

    port, token = server

    async def run() -> dict[str, dict[str, str]]:
        out = {}
        async with aiohttp.ClientSession() as s:
            for path in (f"/?token={token}", "/static/js/textual.js"):
                async with s.get(f"http://127.0.0.1:{port}{path}", headers={"Host": f"localhost:{port}"}) as r:
                    await r.read()
                    assert r.status == 200
                    out[path.split("?")[0]] = dict(r.headers)
        return out

    got = asyncio.run(run())
    for headers in got.values():
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"].split("; ")
        assert headers["Referrer-Policy"] == "no-referrer"
    assert got["/"]["Cache-Control"] == "no-store"  # the page whose URL holds the token
    # the page may fetch from and connect to this server only (eleventh session: textual-serve's page asked
    # fonts.googleapis.com for its font, and textual.js fetches whatever URL a `?ping=` names)
    policy = dict(d.split(" ", 1) for d in got["/"]["Content-Security-Policy"].split("; "))
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == f"'self' ws://localhost:{port}"
    assert policy["font-src"] == policy["style-src"].split()[0] == "'self'"
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'" and scripts[1].startswith("'nonce-") and len(scripts) == 2



def test_ctrl_c_with_a_tab_open_closes_the_tab_cleanly_and_stops(tmp_path: Path) -> None:
    """Before: with a tab open, Ctrl+C left the server silent for ~20 s, then it dropped the page's socket
    (close code 1006, the workbench killed with it); now each open workbench is told to quit at once and the
    page's socket is closed normally (1000)."""
    import asyncio

    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "p"),
               TARJIMON_GLOSSARIES=str(tmp_path / "g"))  # fmt: skip
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tarjimon", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        m = re.search(r"token=(\S+)", proc.stderr.readline() if proc.stderr else "")
        assert m
        wait_for_port(port)

        async def run() -> int | None:
            own = {"Origin": f"http://localhost:{port}", "Host": f"localhost:{port}"}
            async with aiohttp.ClientSession() as s:
                url = f"ws://127.0.0.1:{port}/ws/{m.group(1)}?width=80&height=24"
                async with s.ws_connect(url, headers=own) as ws:
                    while (await ws.receive(timeout=60)).type != aiohttp.WSMsgType.BINARY:
                        pass  # until the workbench draws
                    proc.send_signal(signal.SIGINT)
                    async for _ in ws:
                        pass
                    return ws.close_code

        assert asyncio.run(run()) == 1000
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serving_beyond_this_machine_says_so(tmp_path: Path) -> None:
    """`--host 0.0.0.0` opens the workbench to the network (the Host check stops DNS rebinding, not a colleague's
    machine, which sends whatever Host it likes): the token, sent in clear, is all that guards it. Said once."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "p"),
               TARJIMON_GLOSSARIES=str(tmp_path / "g"))  # fmt: skip
    for host, warned in (("0.0.0.0", True), ("127.0.0.1", False)):
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "tarjimon", "serve", "--host", host, "--port", str(port)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert proc.stderr is not None
            assert "token=" in proc.stderr.readline()
            wait_for_port(port, 60)  # listening: what it says before serving is said
            proc.send_signal(signal.SIGINT)
            rest = proc.stderr.read()
        finally:
            proc.wait(timeout=60)
        assert ("warning: --host 0.0.0.0 lets other machines reach this server" in rest) is warned, rest
