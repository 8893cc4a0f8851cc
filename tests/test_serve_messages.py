"""What a page sends on `tarjimon serve`'s WebSocket is checked, and its log never shows the token (eleventh
session, trying it as an attacker who has the URL, or a page gone wrong):
- a resize to 100000 x 100000 made the workbench process take 1.5 GB within seconds (and it outlived its
  session): a size is kept to a screen's, in the resize message and in the WebSocket's URL;
- a malformed message (not JSON, `["stdin", 5]`, a lone surrogate) closed the session and printed a traceback
  with its local variables on the serving terminal: it is dropped, the session goes on;
- every request's log line carried the token (`GET /?token=...`)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("textual_serve", reason="textual-serve (the serve extra, also in the test extra) is missing")
from aiohttp import WSMessage, WSMsgType, web  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from testkit import free_port  # noqa: E402

from tarjimon.cli.serve import MAX_COLUMNS, MAX_ROWS, GuardedServer  # noqa: E402


class Page:
    """The page's side of the WebSocket: its messages, and what the server sent back."""

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.sent: list[Any] = []

    def __aiter__(self) -> Page:
        return self

    async def __anext__(self) -> WSMessage:
        if not self.texts:
            raise StopAsyncIteration
        return WSMessage(WSMsgType.TEXT, self.texts.pop(0), None)

    async def send_json(self, data: Any) -> None:
        self.sent.append(data)


class Workbench:
    """The workbench process's side: what it was told."""

    def __init__(self) -> None:
        self.told: list[tuple[str, Any]] = []

    async def send_bytes(self, data: bytes) -> None:
        self.told.append(("keys", data))

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.told.append(("size", (width, height)))

    async def focus(self) -> None:
        self.told.append(("focus", None))

    async def blur(self) -> None:
        self.told.append(("blur", None))


def _server(port: int = 8000) -> GuardedServer:
    return GuardedServer("true", host="localhost", port=port, title="Tarjimon", token="s3cret-token")


def test_a_huge_size_is_kept_to_a_screens_and_malformed_messages_do_not_end_the_session() -> None:
    page = Page(
        json.dumps(["resize", {"width": 100000, "height": 100000}]),
        "not json",
        json.dumps(["stdin", 5]),
        json.dumps({"stdin": "a"}),
        "[]",
        '["stdin", "\\ud800"]',  # a lone surrogate: not UTF-8
        json.dumps(["resize", {"width": "x", "height": 2}]),
        json.dumps(["resize", {"width": True, "height": 2}]),
        json.dumps(["resize", {"width": 0, "height": -5}]),
        json.dumps(["stdin", "салом"]),
        json.dumps(["resize", {"width": 120, "height": 40}]),
        json.dumps(["ping", "17"]),
        json.dumps(["focus"]),
    )
    workbench = Workbench()
    asyncio.run(_server()._process_messages(page, workbench))  # type: ignore[arg-type]
    assert workbench.told == [
        ("size", (MAX_COLUMNS, MAX_ROWS)),
        ("keys", b"?"),
        ("size", (1, 1)),
        ("keys", "салом".encode()),
        ("size", (120, 40)),
        ("focus", None),
    ]
    assert page.sent == [["pong", "17"]]
    assert MAX_COLUMNS <= 1200 and MAX_ROWS <= 400


def test_the_size_in_the_websockets_url_is_kept_to_a_screens_too() -> None:
    async def run() -> list[tuple[str | None, str | None]]:
        seen: list[tuple[str | None, str | None]] = []
        port = free_port()
        server = _server(port)

        async def session(request: web.Request) -> web.Response:  # in place of starting a workbench
            seen.append((request.query.get("width"), request.query.get("height")))
            return web.Response(text="ok")

        server.handle_websocket = session  # type: ignore[method-assign]
        test = TestServer(await server._make_app(), host="127.0.0.1", port=port)
        async with TestClient(test) as client:
            own = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
            for query in ("width=100000&height=99999", "width=NaN&height=undefined", "width=133&height=33"):
                async with client.get(f"/ws/s3cret-token?{query}", headers=own) as answer:
                    assert answer.status == 200
        return seen

    seen = asyncio.run(run())
    assert seen == [(str(MAX_COLUMNS), str(MAX_ROWS)), ("80", "24"), ("133", "33")]


@pytest.fixture
def root_logging() -> Iterator[None]:
    """initialize_logging sets up the root logger: put it back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_no_log_line_shows_the_token_or_a_traceback(root_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    server = _server()
    server.initialize_logging()
    logging.getLogger("aiohttp.access").info('127.0.0.1 "GET /?token=s3cret-token HTTP/1.1" 200')
    logging.getLogger("aiohttp.server").warning("refused /ws/s3cret-token\nsecond line")
    try:
        {}["width"]
    except KeyError as error:
        logging.getLogger("textual_serve.server").exception(error)
    err = capsys.readouterr().err
    assert "s3cret-token" not in err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "tarjimon serve: refused /ws/<token> second line",
        "tarjimon serve: 'width' (KeyError)",
    ]


def test_at_most_max_sessions_workbenches_at_once_and_a_closed_tab_frees_its_place() -> None:
    """Before: every WebSocket with the token started a workbench process (12 tried: 12 processes); a script
    holding the URL could start hundreds."""
    import time

    import aiohttp

    async def run() -> tuple[list[int], int]:
        port = free_port()
        # a stand-in workbench that stays until told to quit (it ends on the first byte of the quit message)
        server = GuardedServer("head -c 1 >/dev/null", host="localhost", port=port, title="T", token="s3cret-token")
        server.max_sessions = 2
        async with TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port)) as client:
            own = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
            statuses, open_ = [], []
            for _ in range(3):
                try:
                    open_.append(await client.ws_connect("/ws/s3cret-token?width=80&height=24", headers=own))
                    statuses.append(101)
                except aiohttp.WSServerHandshakeError as exc:
                    statuses.append(exc.status)
            await open_[0].close()
            again, deadline = 0, time.monotonic() + 30
            while again != 101 and time.monotonic() < deadline:  # its place is freed once its workbench quits
                try:
                    open_.append(await client.ws_connect("/ws/s3cret-token?width=80&height=24", headers=own))
                    again = 101
                except aiohttp.WSServerHandshakeError as exc:
                    again = exc.status
                    await asyncio.sleep(0.2)
            for ws in open_[1:]:
                await ws.close()
            deadline = time.monotonic() + 30
            while server.sessions and time.monotonic() < deadline:  # their workbenches quit
                await asyncio.sleep(0.1)
            return statuses, again

    statuses, again = asyncio.run(run())
    assert statuses == [101, 101, 503]
    assert again == 101


def test_an_ipv6_host_makes_a_url_a_browser_can_open() -> None:
    """Before: `serve --host ::1` printed http://::1:8000/?token=..., which no browser opens."""
    server = GuardedServer("true", host="::1", port=8000, title="T", token="t0k")
    assert server.url == "http://[::1]:8000/?token=t0k"
    assert server.websocket_origin == "ws://[::1]:8000"
    assert "connect-src 'self';" in server.page_policy("n")  # (CSP cannot name an IPv6 address: 'self' does)
    assert "[::1]:8000" in server.hosts
