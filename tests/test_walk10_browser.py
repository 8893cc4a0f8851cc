"""`tarjimon serve` in a real browser (Playwright driving Debian's Chromium): a translator opens the printed
URL, clicks into the workbench, types and confirms (the target is in the database); a page on another local
site that has the URL cannot show the workbench in a frame (found trying it, tenth session: it could)."""

from __future__ import annotations

import http.server
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

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


def test_a_translator_opens_the_url_types_and_confirms(served) -> None:
    url, db = served
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 700})
            frames: list[object] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
            page.goto(url)
            assert _wait(page, lambda: len(frames) > 0)  # the workbench draws (on a canvas: no text to read)
            size = -1
            while size != len(frames):  # until its first screen is drawn (no frame for a second)
                size = len(frames)
                page.wait_for_timeout(1000)
            page.mouse.click(400, 640)  # into the editor (the page does not focus it by itself)
            page.keyboard.type("Бірінші сөйлем.")
            page.keyboard.press("Enter")
            assert _wait(page, lambda: ("Бірінші сөйлем.", "translated") in _kk(db))
            page.keyboard.type("Екінші сөйлем.")
            page.keyboard.press("Enter")
            assert _wait(page, lambda: _kk(db)[:2] == [("Бірінші сөйлем.", "translated"), ("Екінші сөйлем.", "translated")])
        finally:
            browser.close()


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
