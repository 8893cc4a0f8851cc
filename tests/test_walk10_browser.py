"""`tarjimon serve` in a real browser (Playwright driving Debian's Chromium): a translator opens the printed
URL, clicks into the workbench, types and confirms (the target is in the database); a page on another local
site that has the URL cannot show the workbench in a frame (found trying it, tenth session: it could); the page
asks nothing of any other host (textual-serve's page fetched its font from fonts.googleapis.com) and takes the keys
without a click (eleventh session)."""

from __future__ import annotations

import http.server
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("textual_serve", reason="textual-serve (the serve extra) is missing")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright (pip install playwright) is missing")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is missing (apt-get install chromium)", allow_module_level=True)

from testkit import REPO, serving  # noqa: E402

ARTICLE = "Birinchi gap. Ikkinchi gap.\n\nUchinchi gap.\n"


@pytest.fixture
def served(tmp_path: Path):
    """`tarjimon serve story` on a free port; yields (url with its token, the project's database)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(tmp_path / "p"),
               TARJIMON_GLOSSARIES=str(tmp_path / "g"))  # fmt: skip
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for args in (["new", "story", "--source", "uz", "--targets", "kk"], ["import", "story", "a.txt"]):
        subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, cwd=tmp_path, check=True,
                       capture_output=True)  # fmt: skip
    with serving(["story"], env, cwd=tmp_path) as (_, url, _token):
        yield url, tmp_path / "p" / "story" / "project.db"


def _kk(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT t.text, t.status FROM translations t JOIN segments s ON s.id = t.segment_id"
                            " WHERE t.lang = 'kk' ORDER BY s.position").fetchall()


def _wait(page, what, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    """Wait for `what()`, letting the browser's events in (Playwright's sync API delivers them only inside its
    calls); a generous deadline: what happens is checked, not how fast."""
    deadline = time.monotonic() + seconds
    while not what() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return bool(what())


def _drawn(page, frames: list[object]) -> None:  # type: ignore[no-untyped-def]
    """Wait for the workbench's first screen (drawn on a canvas: no text to read): the page marks its body
    "-first-byte" when screen data comes, then no frame for two seconds. (Waiting only for a quiet second after
    the first frame was not enough on a loaded machine: the pong came, then two seconds of nothing while the
    workbench started, and the keys typed then were lost.)"""
    assert _wait(page, lambda: page.evaluate("document.body.classList.contains('-first-byte')"))
    size = -1
    while size != len(frames):
        size = len(frames)
        page.wait_for_timeout(2000)


def test_a_translator_opens_the_url_types_and_confirms(served) -> None:
    url, db = served
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 700})
            frames: list[object] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
            page.goto(url)
            _drawn(page, frames)
            page.mouse.click(400, 640)  # into the editor: a click still works
            page.keyboard.type("Бірінші сөйлем.")
            page.keyboard.press("Enter")
            assert _wait(page, lambda: ("Бірінші сөйлем.", "translated") in _kk(db))
            page.keyboard.type("Екінші сөйлем.")
            page.keyboard.press("Enter")
            assert _wait(page, lambda: _kk(db)[:2] == [("Бірінші сөйлем.", "translated"), ("Екінші сөйлем.", "translated")])
        finally:
            browser.close()


def test_the_page_asks_only_this_server_and_the_keys_reach_the_workbench_without_a_click(served) -> None:
    """Before: textual-serve's page asked fonts.googleapis.com for its font (an offline newsroom cannot reach it,
    and it tells a third party when and where a translator works), and the keys typed before a click went
    nowhere. Every request the browser makes is recorded, and any to another host is refused and fails here."""
    url, db = served
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 700})
            asked: list[str] = []

            def only_here(route) -> None:  # type: ignore[no-untyped-def]
                asked.append(route.request.url)
                if urlsplit(route.request.url).hostname in ("localhost", "127.0.0.1"):
                    route.continue_()
                else:
                    route.abort()  # never reaches the network, even where there is one

            context.route("**/*", only_here)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            frames: list[object] = []
            page.on("websocket", lambda ws: (asked.append(ws.url), ws.on("framereceived", lambda f: frames.append(f))))
            page.goto(url)
            _drawn(page, frames)
            page.keyboard.type("Бірінші сөйлем.")  # no click: the page gave the terminal the keyboard
            page.keyboard.press("Enter")
            assert _wait(page, lambda: ("Бірінші сөйлем.", "translated") in _kk(db))
            assert page.title() == "Tarjimon · story"
            assert errors == []
        finally:
            browser.close()
    hosts = {urlsplit(u).hostname for u in asked}
    assert hosts == {"localhost"}, [u for u in asked if urlsplit(u).hostname != "localhost"]
    assert any(u.startswith("ws://localhost:") for u in asked) and any("/static/js/" in u for u in asked)


def test_another_local_site_cannot_frame_the_workbench_even_with_the_url(served, tmp_path: Path) -> None:
    url, db = served
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<iframe id="f" src="{url}" width="900" height="500"></iframe>', "utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(site), **k)  # noqa: E731
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{other.server_address[1]}/index.html")
                page.wait_for_timeout(3000)
                frame = page.frame_locator("#f")
                assert frame.locator(".textual-terminal").count() == 0  # refused: no workbench in the frame
                page.goto(url)  # (the same browser opens it on its own page)
                assert _wait(page, lambda: page.locator(".textual-terminal").count() == 1)
            finally:
                browser.close()
    finally:
        other.shutdown()
