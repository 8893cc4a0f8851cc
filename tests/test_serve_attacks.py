"""`tarjimon serve` attacked from the browser's side again (twelfth session): every path and method that is
not our page's, Host tricks, and the headers every answer carries.

Found: a refusal (403), a 404, a 405 and the 503 of a ninth tab carried none of the headers that keep other
pages out (no frame-ancestors, no X-Frame-Options, no Referrer-Policy): only the page and its files had them.
Now every answer has them, with nosniff and same-origin resource and opener policies. The Host and Origin tricks
below were refused before too (kept as a record of what was tried). In-process, loopback only.
"""

from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("textual_serve", reason="textual-serve (the serve extra, also in the test extra) is missing")
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from testkit import free_port  # noqa: E402

from tarjimon.cli.serve import GuardedServer  # noqa: E402

TOKEN = "s3cret-token"
EVERY_ANSWER = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _answers(requests: list[tuple[str, str, dict[str, str]]], max_sessions: int = 8) -> list[tuple[int, dict]]:
    async def run() -> list[tuple[int, dict]]:
        port = free_port()
        server = GuardedServer("true", host="localhost", port=port, title="T", token=TOKEN)
        server.max_sessions = max_sessions
        out = []
        async with TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port)) as client:
            for method, path, headers in requests:
                headers = {"Host": f"localhost:{port}", **{k: v.replace("PORT", str(port))
                                                             for k, v in headers.items()}}
                async with client.request(method, path, headers=headers, allow_redirects=False) as r:
                    await r.read()
                    out.append((r.status, dict(r.headers)))
        return out

    return asyncio.run(run())


def test_every_answer_keeps_other_pages_out() -> None:
    ws = {"Origin": "http://localhost:PORT", "Connection": "Upgrade", "Upgrade": "websocket",
          "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    asked = [
        ("GET", f"/?token={TOKEN}", {}),
        ("GET", "/static/js/textual.js", {}),
        ("GET", "/", {}),  # no token: 403
        ("GET", f"/?token={TOKEN}", {"Host": "evil.example:PORT"}),  # 403
        ("GET", "/nothing", {}),  # 404
        ("GET", "/download/nokey", {}),  # 404
        ("POST", f"/?token={TOKEN}", {}),  # 405
        ("GET", f"/ws/{TOKEN}?width=80&height=24", ws),  # no place left: 503
    ]
    got = _answers(asked, max_sessions=0)
    assert [status for status, _ in got] == [200, 200, 403, 403, 404, 404, 405, 503]
    for (method, path, _), (status, headers) in zip(asked, got, strict=True):
        for name, value in EVERY_ANSWER.items():
            assert headers.get(name) == value, (method, path, status, name)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"].split("; "), (path, status)
    assert got[0][1]["Content-Security-Policy"].startswith("frame-ancestors 'none'; default-src 'none'")


@pytest.mark.parametrize("host", [
    "localhost.:PORT", "LOCALHOST.:PORT", "localhost", "127.0.0.1", "127.1:PORT", "[0:0:0:0:0:0:0:1]:PORT",
    "[::ffff:127.0.0.1]:PORT", "evil.example:PORT", "localhost:PORT.evil.example", "localhost:PORT@evil.example",
    "localhost:1", "",
])
def test_host_tricks_are_refused(host: str) -> None:
    """DNS rebinding and its variants: a trailing dot, no port, another spelling of loopback, another port."""
    [(status, _)] = _answers([("GET", f"/?token={TOKEN}", {"Host": host})])
    assert status == 403


@pytest.mark.parametrize("origin", ["null", "http://evil.example", "http://localhost.:PORT", "https://localhost:PORT",
                                    "http://localhost:PORT.evil.example", "http://127.0.0.1:1"])
def test_origin_tricks_are_refused_even_for_static_files(origin: str) -> None:
    [(status, _)] = _answers([("GET", "/static/js/textual.js", {"Origin": origin})])
    assert status == 403


def test_our_own_names_in_any_case_are_let_in() -> None:
    got = _answers([("GET", f"/?token={TOKEN}", {"Host": host}) for host in
                    ("localhost:PORT", "LocalHost:PORT", "127.0.0.1:PORT", "[::1]:PORT")])
    assert [status for status, _ in got] == [200, 200, 200, 200]


def test_a_flood_of_keys_in_one_message_reaches_the_workbench_as_one_paste() -> None:
    """Found: a stdin message of a million keys (a script, a stuck key repeater) made the workbench grow by
    15 MB a second, past 1 GB in a minute and still growing; as one paste the same text settled
    at 350 MB after 4.2 s of CPU."""
    from aiohttp import WSMessage, WSMsgType

    from tarjimon.cli.serve import MAX_KEYS, PASTE_END, PASTE_START

    flood, typed = "a" * 1_000_000, ["s", "\x1b[A", "\r", "\x1b[<0;10;5M", "салом"]
    sneaky = "x" + PASTE_END + "b" * MAX_KEYS  # a paste's end inside, to make the rest keys again
    pasted = PASTE_START + "bir gap" + PASTE_END  # a browser's paste, bracketed already
    texts = [json.dumps(["stdin", t]) for t in [flood, *typed, sneaky, pasted]]

    class Page:
        def __aiter__(self) -> Page:
            return self

        async def __anext__(self) -> WSMessage:
            if not texts:
                raise StopAsyncIteration
            return WSMessage(WSMsgType.TEXT, texts.pop(0), None)

    class Workbench:
        told: list[bytes] = []

        async def send_bytes(self, data: bytes) -> None:
            self.told.append(data)

    server = GuardedServer("true", host="localhost", port=8000, title="T", token=TOKEN)
    workbench = Workbench()
    asyncio.run(server._process_messages(Page(), workbench))  # type: ignore[arg-type]
    told = [b.decode() for b in workbench.told]
    assert told[0] == PASTE_START + flood + PASTE_END
    assert told[1:6] == typed  # typing is untouched
    assert told[6] == PASTE_START + "x" + "b" * MAX_KEYS + PASTE_END
    assert told[7] == pasted
