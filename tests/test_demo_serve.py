"""`tarjimon demo` (and --reset) and `tarjimon serve`, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from testkit import free_port, one_line_error

from tarjimon.core.workbench import Workbench


def _demo_targets() -> Counter[tuple[str, str]]:
    """(language, status) counts the demo's translations.tsv asks for."""
    text = resources.files("tarjimon.demo").joinpath("translations.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return Counter((lang, status) for _, lang, status, _ in rows)


def _stats(cli, name: str = "demo") -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("stats", name, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_demo_reset_waits_for_the_workbench_that_has_it_open(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: `tarjimon demo --reset` removed the demo's folder under an open workbench, which went on
    confirming targets into a database no longer in any folder (what was typed there was lost), while the
    new demo had no lock: a second workbench could edit it beside the first."""
    assert cli("demo").code == 0
    folder = tmp_path / "projects" / "demo"
    with Workbench.open(tmp_path / "projects", "demo") as open_elsewhere:
        open_elsewhere.lock()
        segment = open_elsewhere.segments()[4].id
        open_elsewhere.save_target(segment, "kk", "Түлектер халықаралық компанияларда жұмыс істей алады.")
        r = cli("demo", "--reset")
        assert r.code == 2, r.err
        one_line_error(r.err, "demo", "open for editing elsewhere")
        assert "Түлектер" in open_elsewhere.rows()[4].targets["kk"].text
    with Workbench.open(tmp_path / "projects", "demo") as reopened:  # the work is still in the folder
        assert "Түлектер" in reopened.rows()[4].targets["kk"].text
    assert cli("demo", "--reset").code == 0  # closed: the reset goes through
    assert (folder / "project.toml").is_file()
    with Workbench.open(tmp_path / "projects", "demo") as fresh:
        assert fresh.rows()[4].targets["kk"].text == ""


def test_demo_creates_a_project_partly_done(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("demo")
    assert r.code == 0, r.err
    assert f"demo project 'demo' ready in {tmp_path / 'projects' / 'demo'}: 10 segments, 23 TM units" in r.err
    stats = _stats(cli)
    assert (stats["documents"], stats["segments"], stats["targets"]) == (1, 10, ["kk", "ru", "en"])
    want = _demo_targets()
    for lang in ("kk", "ru", "en"):
        got = stats["languages"][lang]
        for status in ("draft", "translated", "reviewed"):
            assert got[status] == want[(lang, status)], (lang, status)
        assert got["empty"] == 10 - sum(n for (lg, _), n in want.items() if lg == lang)
    # 23 = the earlier stories' TMX units plus one unit per confirmed target
    confirmed = sum(n for (_, status), n in want.items() if status in ("translated", "reviewed"))
    assert stats["tm_units"] == 23 and confirmed == 11
    with Workbench.open(tmp_path / "projects", "demo") as p:
        assert p.config.glossaries == ["news"]
        assert [d.name for d in p.documents()] == ["samarqand-it-markaz.txt"]


def test_demo_twice_refuses_and_reset_starts_again(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    with Workbench.open(tmp_path / "projects", "demo") as p:
        seg = p.segments()[-1]
        p.save_target(seg.id, "en", "My own work.")
    r = cli("demo")
    assert r.code == 2
    one_line_error(r.err, "project 'demo' already exists")
    with Workbench.open(tmp_path / "projects", "demo") as p:
        assert p.translation(seg.id, "en").text == "My own work."  # untouched
    r = cli("demo", "--reset")
    assert r.code == 0, r.err
    with Workbench.open(tmp_path / "projects", "demo") as p:
        assert p.translation(p.segments()[-1].id, "en").text != "My own work."
    assert _stats(cli)["tm_units"] == 23


def test_demo_under_another_name(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", "--name", "mashq").code == 0
    assert _stats(cli, "mashq")["segments"] == 10
    assert cli("stats", "demo").code == 2


def test_serve_starts_prints_its_url_and_answers(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        pytest.skip("needs textual-serve (pip install 'tarjimon[serve]'; it is in the test extra)")
    assert cli("demo").code == 0
    port = free_port()
    env = dict(os.environ, TARJIMON_PROJECTS=str(tmp_path / "projects"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tarjimon", "serve", "demo", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        m = re.fullmatch(rf"serving the workbench on (http://127\.0\.0\.1:{port}/\?token=[\w-]+) \(Ctrl\+C stops\)",
                         first.strip())
        assert m, first
        url = m.group(1)
        page = ""
        limit = time.monotonic() + 20
        while time.monotonic() < limit:
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    assert answer.status == 200
                    page = answer.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.2)
        assert "<title>Tarjimon</title>" in page or "Tarjimon" in page, page[:500]
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_serve_an_unknown_project_is_a_one_line_error(cli) -> None:  # type: ignore[no-untyped-def]
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        r = cli("serve", "ghost")
        assert r.code == 2
        one_line_error(r.err, "serve needs textual-serve")
        return
    r = cli("serve", "ghost")
    assert r.code == 2
    one_line_error(r.err, "no project named 'ghost'")


def test_demo_reset_of_a_folder_that_is_a_link_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: with projects/demo a symbolic link to a project elsewhere, `demo --reset` ended in a traceback
    (OSError: Cannot call rmtree on a symbolic link). Now one line, exit 2, the linked folder untouched."""
    elsewhere = tmp_path / "elsewhere"
    assert cli("demo", "--name", "real").code == 0
    (tmp_path / "projects" / "real").rename(elsewhere)
    (tmp_path / "projects" / "demo").symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    r = cli("demo", "--reset")
    assert r.code == 2, r.err
    one_line_error(r.err, "symbolic link", "demo")
    assert sorted(p.name for p in elsewhere.iterdir()) == before
