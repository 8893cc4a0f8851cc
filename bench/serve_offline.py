"""`tarjimon serve` on a machine whose network drops packets (a newsroom behind a firewall, or offline): how long
until the workbench's first screen reaches the browser, this tree against a before-tree in the same run.

Chromium (Debian's, through Playwright) opens the printed URL; every request to another host is held without an
answer, as a network that drops packets does. textual-serve's page asked fonts.googleapis.com for a stylesheet
in its head, which holds the page's load event, and the workbench starts only after it.

    python bench/serve_offline.py --before /tmp/before11 [--cap 30]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent


def first_frame(src: Path, folder: Path, cap: float) -> float | None:
    """Seconds from opening the URL to the first WebSocket frame; None when none came within `cap`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1", TARJIMON_PROJECTS=str(folder / "p"),
               TARJIMON_GLOSSARIES=str(folder / "g"))
    subprocess.run([sys.executable, "-m", "tarjimon", "demo"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "tarjimon", "serve", "demo", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline() if proc.stderr else ""
        url = re.search(r"http://\S+", line).group(0)  # type: ignore[union-attr]
        time.sleep(2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            context = browser.new_context()
            held = []
            context.route("**/*", lambda r: r.continue_() if "//localhost" in r.request.url else held.append(r))
            page = context.new_page()
            frames: list[float] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(time.monotonic())))
            start = time.monotonic()
            page.goto(url, wait_until="commit")
            while not frames and time.monotonic() - start < cap:
                page.wait_for_timeout(100)
            browser.close()
            return frames[0] - start if frames else None
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="a before-tree (its src/ is used)")
    ap.add_argument("--cap", type=float, default=30.0, help="seconds to wait for a first frame")
    args = ap.parse_args()
    got = {}
    for name, src in (("before", args.before / "src"), ("after", REPO / "src")):
        with tempfile.TemporaryDirectory() as tmp:
            got[name] = first_frame(src, Path(tmp), args.cap)
        shown = f"{got[name]:.1f} s" if got[name] is not None else f"none within {args.cap:.0f} s"
        print(f"{name}: first frame {shown}")
    before = got["before"] if got["before"] is not None else args.cap
    if got["after"]:
        print(f"ratio before/after: {'>' if got['before'] is None else ''}{before / got['after']:.1f}x")


if __name__ == "__main__":
    main()
