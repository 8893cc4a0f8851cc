"""`tarjimon serve`: textual-serve behind three checks, so only its own page on this machine can drive it.

A web page on another site can open a WebSocket to localhost (browsers allow it) and DNS rebinding can make a
foreign name resolve to 127.0.0.1. So every request must carry a Host naming this server (localhost,
127.0.0.1 or ::1 with its port), a WebSocket must come from this server's own page (its Origin), and the
page and its WebSocket need a random token made for this run and printed only in the URL on the terminal
(the way Jupyter does it).

The page is ours (serve_page.html), not textual-serve's: theirs loads its font from a web font service, which an
offline newsroom cannot reach and which would learn when and where a translator works. Ours asks this server
only (its Content-Security-Policy lets nothing else be fetched or connected to) and focuses the terminal.

What the page sends on its WebSocket is checked too (a token holder's script, or a page gone wrong): a terminal
size is kept to what a screen can show (tried: a resize to 100000 x 100000 made the workbench eat 1.5 GB within
seconds, and it outlived its session), a malformed message is dropped with one line on the serving terminal
(before: the session closed and a traceback with its local variables was printed), and no log line carries
the token (before: every request's line did).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
PAGE = Path(__file__).with_name("serve_page.html")
# textual-serve's own copy of Roboto Mono (Apache-2.0), in its static folder: served from there, not copied here
FONT = "fonts/RobotoMono-VariableFont_wght.ttf"
# the largest terminal a page may ask for: a 4K screen at the smallest font size the page allows (6px) has
# about 1070 columns and 330 rows
MAX_COLUMNS, MAX_ROWS = 1200, 400
# workbenches open at once (each WebSocket starts one, 30-65 MB measured): a translator's tabs, not a script's hundreds
MAX_SESSIONS = 8
# the most characters a keyboard sends in one message (a key, an escape sequence, a mouse report, a composed
# word); a longer run is given to the workbench as one paste (see keys())
MAX_KEYS = 256
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # a bracketed paste's marks
# A page must show it is alive: it is pinged after HEARTBEAT seconds without a message from it and must answer
# within half of that, and what the server writes to it must be taken within WRITE_STALL seconds. Else it is
# gone (a frozen tab, a connection dropped without a FIN, a script that stopped reading): its connection is cut,
# its workbench quits and its place is free. Before, such a page held one of the MAX_SESSIONS places for good.
HEARTBEAT = 20.0
WRITE_STALL = 30.0
# A workbench told to quit (its page closed or gone) that is still running after QUIT_WAIT seconds is stopped
# (SIGTERM): a hung one (its output blocked, a server it waits for, a flood of keys) held its place for good.
QUIT_WAIT = 60.0
log = logging.getLogger("tarjimon.serve")
# where the guard leaves the page's script nonce for handle_index (a typed key where aiohttp has them)
NONCE: Any = web.RequestKey("nonce", str) if hasattr(web, "RequestKey") else "tarjimon.nonce"


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host header values this server answers to."""
    names = set(LOCAL_NAMES)
    if host not in ("", "0.0.0.0", "::"):
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    out = {f"{name}:{port}" for name in names}
    if port == 80:
        out |= names
    return out


class GuardedServer(Server):
    """textual-serve's Server, answering only requests with the right Host, Origin and token."""

    def __init__(self, command: str, host: str, port: int, title: str, token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(24)
        self.hosts = allowed_hosts(host, port)
        shown = host if host not in ("", "0.0.0.0", "::") else "localhost"
        if ":" in shown and not shown.startswith("["):  # an IPv6 address: http://[::1]:8000 (was http://::1:8000)
            shown = f"[{shown}]"
        super().__init__(command, host=host, port=port, title=title, public_url=f"http://{shown}:{port}")
        self.websocket_origin = "ws://" + self.public_url.split("://", 1)[1]
        # 'self': the page's own origin, ws: included (CSP cannot name an IPv6 address: [::1] made the policy
        # refuse the page's WebSocket); the printed origin too, for a page opened as 127.0.0.1 (ws to localhost)
        self.connect_sources = "'self'" + ("" if "[" in self.websocket_origin else f" {self.websocket_origin}")
        self.sessions = 0
        self.max_sessions = MAX_SESSIONS
        self.session_tasks: set[asyncio.Task[Any]] = set()

    def page_policy(self, nonce: str) -> str:
        """The page's Content-Security-Policy: scripts, styles, fonts and images from this server, its WebSocket,
        nothing else (textual.js fetches a `?ping=` URL if one is given: refused too)."""
        return "; ".join([
            "frame-ancestors 'none'", "default-src 'none'", f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'", "font-src 'self'", "img-src 'self' data:",
            f"connect-src {self.connect_sources}", "base-uri 'none'", "form-action 'none'",
        ])  # fmt: skip

    @property
    def url(self) -> str:
        """The URL to open (it carries the token)."""
        return f"{self.public_url}/?token={self.token}"

    def _token_ok(self, given: str | None) -> bool:
        return bool(given) and secrets.compare_digest(str(given), self.token)

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Every response, a refusal or a 404 included, carries the headers that keep other pages out
        (`protect`); the page gets its own policy. Before, a refusal or a 404 had none of them."""
        try:
            response = await self._checked(request, handler)
        except web.HTTPException as refused:
            protect(refused.headers)
            raise
        protect(response.headers)
        if request.path == "/":
            response.headers["Content-Security-Policy"] = self.page_policy(request[NONCE])
            response.headers["Cache-Control"] = "no-store"
        return response

    async def _checked(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.headers.get("Host", "").lower() not in self.hosts:
            raise web.HTTPForbidden(text="tarjimon serve: unknown Host\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self.hosts}:
            raise web.HTTPForbidden(text="tarjimon serve: requests from other sites are refused\n")
        path = request.path
        if path == "/" and not self._token_ok(request.query.get("token")):
            raise web.HTTPForbidden(
                text="tarjimon serve: open the URL printed in the terminal (it has a token)\n"
            )
        request[NONCE] = secrets.token_urlsafe(16)
        if path.startswith("/ws"):
            if origin is None or not self._token_ok(request.match_info.get("token")):
                raise web.HTTPForbidden(text="tarjimon serve: refused\n")
            width, height = terminal_size(request.query.get("width"), request.query.get("height")) or (80, 24)
            request = request.clone(rel_url=request.rel_url.update_query(width=width, height=height))
        if path.startswith("/download/") and origin is not None:
            raise web.HTTPForbidden(text="tarjimon serve: refused\n")
        return await handler(request)  # type: ignore[no-any-return]

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        page = PAGE.read_text(encoding="utf-8")
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"page.html": page}), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{token}", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])  # fmt: skip
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @aiohttp_jinja2.template("page.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its WebSocket URL carrying the token in its path (the page adds ?width=&height=)."""
        router = request.app.router
        ws_path = router["websocket"].url_for(token=self.token)
        try:
            size = min(max(int(request.query.get("fontsize", "16")), 6), 72)
        except ValueError:
            size = 16
        return {
            "title": printable(self.title),
            "nonce": request[NONCE],
            "font_size": size,
            "websocket_url": self.websocket_origin + str(ws_path),
            # relative to the page, so the page works under whichever local name it was opened by
            "static": str(router["static"].url_for(filename="/")).rstrip("/") + "/",
            "font": FONT if (Path(self.statics_path) / FONT).is_file() else "",
        }

    def initialize_logging(self) -> None:
        """Warnings and errors only, one line each, the token hidden (textual-serve logged every request's URL
        with the token and printed tracebacks with their local variables)."""
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("tarjimon serve: %(message)s"))
        handler.addFilter(OneLine(self.token))
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One workbench per WebSocket, at most max_sessions at once (tried: 12 WebSockets with the token started
        12 workbench processes; a script could start hundreds). The page refused shows "Session ended"."""
        if self.sessions >= self.max_sessions:
            log.warning(f"refused a session: {self.sessions} workbenches are open (close a tab)")
            raise web.HTTPServiceUnavailable(text="tarjimon serve: too many workbenches open; close a tab\n")
        self.sessions += 1
        task = asyncio.current_task()
        if task is not None:
            self.session_tasks.add(task)
        try:
            return await self._session(request)
        finally:
            self.sessions -= 1
            self.session_tasks.discard(task)  # type: ignore[arg-type]

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        """A page's workbench, for as long as the page is alive (see HEARTBEAT). textual-serve's own handler
        pinged the page, but one that stopped reading kept its session: the workbench's next screen waited for
        the page to take it, for ever, and the session never ended."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width, height = terminal_size(request.query.get("width"), request.query.get("height")) or (80, 24)
        await websocket.prepare(request)
        page = PageLink(request)
        service: AppService | None = None
        try:
            service = AppService(
                self.command, download_manager=self.download_manager, debug=self.debug,
                write_bytes=lambda data: page.write(websocket.send_bytes, data),
                write_str=lambda text: page.write(websocket.send_str, text),
                close=lambda: page.write(websocket.close),
            )  # fmt: skip
            await service.start(width, height)
            await self._process_messages(websocket, service, page)
            if websocket.exception() is not None and not page.gone:  # no answer to a ping: it is gone
                log.warning(f"a page stopped answering: its session ends ({websocket.exception()})")
                page.cut()
        except asyncio.CancelledError:  # Ctrl+C (on_shutdown)
            await page.write(websocket.close)
        except Exception as exc:  # noqa: BLE001 - one line on the serving terminal, the others go on
            log.warning(f"a session ended: {exc!r}")
        finally:
            if service is not None:
                await stop(service)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: each open workbench is told to quit, at once (before, with a tab open, the server took ~20 s
        to stop, saying nothing). What a translator confirmed is in the database already."""
        for task in list(self.session_tasks):
            task.cancel()  # textual-serve's handler then closes the page's socket and sends its workbench "quit"
        if self.session_tasks:
            await asyncio.wait(list(self.session_tasks), timeout=10)

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService,
                                page: PageLink | None = None) -> None:
        """The page's messages to the workbench, each checked: keys, a terminal size (kept to a screen's),
        focus, blur, ping. A malformed one is dropped, noted once per session."""
        noted = False
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            kind, data = envelope(message.data)
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(keys(data).encode("utf-8", "replace"))  # (a lone surrogate: replaced)
            elif kind == "resize" and isinstance(data, dict) and (size := terminal_size(data.get("width"),
                                                                                       data.get("height"))):
                await app_service.set_terminal_size(*size)
            elif kind == "ping" and isinstance(data, str):
                await (page.write(websocket.send_json, ["pong", data]) if page else websocket.send_json(["pong", data]))
            elif kind == "focus":
                await app_service.focus()
            elif kind == "blur":
                await app_service.blur()
            elif not noted:
                noted = True
                log.warning("dropped a malformed message from the page (and will drop others silently)")

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"Serving the Tarjimon workbench on {self.url}")
        self.console.print("Open that URL (it carries this run's token). Press Ctrl+C to quit.")


async def stop(service: AppService) -> None:
    """Tell a session's workbench to quit and wait until it has (what it confirmed is in its database already);
    one still running after QUIT_WAIT seconds is terminated (SIGKILL 5 s later if that is ignored)."""
    process = getattr(service, "_process", None)  # (textual-serve's AppService keeps its process there)
    stopping = asyncio.ensure_future(service.stop())
    done, _ = await asyncio.wait({stopping}, timeout=QUIT_WAIT)
    if not done and process is not None and process.returncode is None:
        log.warning(f"a workbench did not quit within {QUIT_WAIT:g} s of being told: stopped")
        process.terminate()
        done, _ = await asyncio.wait({stopping}, timeout=5)
        if not done and process.returncode is None:
            process.kill()
    await stopping
    if process is not None:  # its exit collected here, not by a garbage collection after the loop has closed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), 5)


class PageLink:
    """The writes to one page, each to be taken within WRITE_STALL seconds. A page that does not take one is cut
    off, and from then on what its workbench writes is dropped: the workbench's output is read on until it
    quits (one whose output nobody read would wait on it, and outlive its session)."""

    def __init__(self, request: web.Request) -> None:
        self.request = request
        self.gone = False

    async def write(self, send: Callable[..., Awaitable[object]], *args: Any) -> None:
        if self.gone:
            return
        try:
            await asyncio.wait_for(send(*args), WRITE_STALL)
        except TimeoutError:
            log.warning(f"a page took nothing for {WRITE_STALL:g} s: its session ends")
            self.cut()
        except ConnectionError:  # it went away (closed, reset, cut)
            self.gone = True

    def cut(self) -> None:
        """Drop the page's connection at once, with what it did not take (a graceful close waits for that)."""
        self.gone = True
        transport = self.request.transport
        if transport is not None:
            transport.abort()


def protect(headers: Any) -> None:
    """The headers every response carries. A page that learnt the token (a shared screen, a pasted URL) must
    not frame the workbench to click in it (tried: another local site's iframe got the whole workbench), find
    the URL with its token in a Referer or a cache, load this server's files into its own page (a script or a
    download: Cross-Origin-Resource-Policy), keep a handle on the workbench's window (Cross-Origin-Opener-
    Policy), or have a text answer read as a script or a page (nosniff)."""
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"


def printable(text: str) -> str:
    """`text` without control or format characters (a page title shows them as boxes, or hides text behind a
    bidirectional override); markup is escaped by the template."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip() or "Tarjimon"


def keys(data: str) -> str:
    """What a page's stdin message gives the workbench: keys as typed, and a run longer than a keyboard sends
    at once (MAX_KEYS) as one paste. Tried: a message of a million keys (a script, a stuck key repeater) made
    the workbench grow by 15 MB a second, past 1 GB in a minute, still growing; the same text as one paste
    settled at 350 MB after 4.2 s of CPU. (A browser's paste comes bracketed already, when the workbench asked
    for it: left as it is.)"""
    if len(data) <= MAX_KEYS or (data.startswith(PASTE_START) and data.endswith(PASTE_END)
                                 and PASTE_END not in data[len(PASTE_START):-len(PASTE_END)]):
        return data
    return PASTE_START + data.replace(PASTE_START, "").replace(PASTE_END, "") + PASTE_END


def envelope(text: str) -> tuple[str, Any]:
    """A page message `[kind, data]` as (kind, data); ("", None) for anything else."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return "", None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        return "", None
    return value[0], value[1] if len(value) > 1 else None


def terminal_size(width: object, height: object) -> tuple[int, int] | None:
    """A terminal size asked for, kept within 1..MAX_COLUMNS by 1..MAX_ROWS; None unless two whole numbers."""
    sizes = []
    for value in (width, height):
        if isinstance(value, bool) or not isinstance(value, int | str):
            return None
        try:
            sizes.append(int(value))
        except ValueError:
            return None
    return min(max(sizes[0], 1), MAX_COLUMNS), min(max(sizes[1], 1), MAX_ROWS)


class OneLine(logging.Filter):
    """Makes every record one line, without a traceback and without the token."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text = f"{text} ({type(record.exc_info[1]).__name__})"
        line = " ".join(text.split())
        record.msg, record.args = line.replace(self.token, "<token>"), ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
