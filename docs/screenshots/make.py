"""Remake the TUI screenshots of the README and docs/tui.md: `python docs/screenshots/make.py`.

Builds the demo project in a temporary folder (the committed one stays untouched), drives the workbench with
Pilot at fixed sizes, saves SVG screenshots and converts them to PNG with rsvg-convert.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from tarjimon.core.workbench import Workbench
from tarjimon.demo import build_demo
from tarjimon.tui.app import TarjimonApp

HERE = Path(__file__).resolve().parent

# name, size, theme, keys pressed after the lookups settle, open the picker instead of the demo
SHOTS: list[tuple[str, tuple[int, int], str, list[str], bool]] = [
    ("workbench", (160, 45), "textual-dark", [], False),
    ("workbench-light", (160, 45), "textual-light", [], False),
    ("workbench-80x24", (80, 24), "textual-dark", ["f3"], False),
    ("keys-f1", (160, 45), "textual-dark", ["f1"], False),
    ("keys-f1-80x24", (80, 24), "textual-dark", ["f1"], False),
    ("review", (160, 45), "textual-dark", ["f9", "ctrl+up"], False),
    ("review-80x24", (80, 24), "textual-dark", ["f9", "ctrl+up"], False),
    ("goto", (160, 45), "textual-dark", ["ctrl+g", "8"], False),
    ("goto-80x24", (80, 24), "textual-dark", ["ctrl+g", "8"], False),
    ("add-term", (120, 36), "textual-dark", ["ctrl+t"], False),
    ("concordance", (120, 36), "textual-dark", ["ctrl+k", *"давлат", "enter"], False),
    ("picker", (120, 36), "textual-dark", [], True),
    ("split-join", (160, 45), "textual-dark", ["ctrl+g", "8", "enter", "insert"], False),
    ("split-join-80x24", (80, 24), "textual-dark", ["ctrl+g", "8", "enter", "insert"], False),
    ("replace", (160, 45), "textual-dark", ["ctrl+w", *"IT-центр", "tab", *"IT-хаб", "enter"], False),
    ("replace-80x24", (80, 24), "textual-dark", ["ctrl+w", *"IT-центр", "tab", *"IT-хаб", "enter"], False),
    ("tm-browser", (160, 45), "textual-dark", ["ctrl+b"], False),
    ("tm-browser-80x24", (80, 24), "textual-dark", ["ctrl+b", "enter"], False),
    ("tm-match-delete", (160, 45), "textual-dark", ["ctrl+g", *"5", "enter", "wait", "ctrl+b", "delete"], False),
    ("documents", (160, 45), "textual-dark", ["ctrl+p", *"documents: list", "enter"], False),
    ("documents-80x24", (80, 24), "textual-dark", ["ctrl+p", *"documents: list", "enter", "delete"], False),
    ("history", (160, 45), "textual-dark", ["ctrl+g", "3", "enter", "shift+tab", "ctrl+a"], False),
    ("history-80x24", (80, 24), "textual-dark", ["ctrl+g", "3", "enter", "shift+tab", "ctrl+a"], False),
    ("comments", (160, 45), "textual-dark", ["ctrl+g", "3", "enter", "shift+tab"], False),
    ("comments-dialog", (160, 45), "textual-dark", ["ctrl+g", "3", "enter", "shift+tab", "f12"], False),
    ("comments-80x24", (80, 24), "textual-dark", ["ctrl+g", "3", "enter", "shift+tab", "f12"], False),
    ("qa", (160, 45), "textual-dark", ["ctrl+home", "wait", "f8", "wait", "f8", "wait"], False),
    ("qa-80x24", (80, 24), "textual-dark", ["ctrl+home", "wait", "f8", "wait", "f8", "wait"], False),
]


def _versions(project: Workbench) -> None:
    """Segment 3's Kazakh target rewritten by two people: versions to compare."""
    seg = project.segments()[2].id
    os.environ["TARJIMON_USER"] = "aziza"
    project.save_target(seg, "kk", "Орталықта 500 студент бағдарламалауды оқиды.", "draft")
    os.environ["TARJIMON_USER"] = "bekzod"
    project.save_target(seg, "kk", "Орталықта 500 студент бағдарламалауды үйренеді.", "reviewed")


def _comments(project: Workbench) -> None:
    """Reviewers' comments on segments 3 and 5 (one resolved)."""
    segs = project.segments()
    os.environ["TARJIMON_USER"] = "bekzod"
    project.review.add_comment(segs[2].id, "«оқиды» emes: «үйренеді» (the source says ўрганади)", "kk")
    project.review.add_comment(segs[2].id, "Check the number in all three languages")
    os.environ["TARJIMON_USER"] = "aziza"
    done = project.review.add_comment(segs[2].id, "Missing full stop", "kk")
    project.review.resolve(done.id)
    project.review.add_comment(segs[4].id, "Name of the lab: ask the desk", "ru")


def _findings(project: Workbench) -> None:
    """Segment 3's English target with two wrong numbers and no full stop: QA findings for F8 to walk."""
    project.save_target(project.segments()[2].id, "en", "At the centre, 50 students will learn programming")


PREPARE: dict[str, Callable[[Workbench], None]] = {"history": _versions, "comments": _comments, "qa": _findings}


async def _picture(app: App, name: str, size: tuple[int, int], keys: list[str], settle: float) -> None:
    """Run ``app`` at ``size``, press ``keys`` ("wait" lets the lookups answer), save NAME.png (SVG via
    rsvg-convert)."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause(settle)
        for key in keys:
            if key == "wait":  # let the lookups answer (the TM panel's matches) before the next key
                await pilot.pause(1.5)
                continue
            await pilot.press(key)
            await pilot.pause(0.1)
        if settle > 0.5:
            await pilot.pause(settle)
        svg = HERE / f"{name}.svg"
        app.save_screenshot(svg.name, path=str(HERE))
    subprocess.run(["rsvg-convert", str(svg), "-o", str(HERE / f"{name}.png")], check=True)
    svg.unlink()
    print(f"{name}.png")


async def shoot(
    projects: Path, name: str, size: tuple[int, int], theme: str, keys: list[str], picker: bool
) -> None:
    glossaries = projects.parent / "glossaries"  # the starter glossary is copied there on first use
    if picker:
        app = TarjimonApp(projects_dir=projects, theme=theme, glossaries_dir=glossaries)
    else:
        os.environ["TARJIMON_USER"] = "newsroom"
        project = build_demo(projects, replace=True, glossaries_dir=glossaries)
        PREPARE.get(name.split("-")[0], lambda _project: None)(project)
        app = TarjimonApp(project, theme=theme)
    await _picture(app, name, size, keys, 0.8)
    if app.project is not None:
        app.project.close()


async def shoot_align(projects: Path, name: str, size: tuple[int, int], keys: list[str]) -> None:
    """The alignment review (`tarjimon align ... --review`): the seed article (../shared) with the Kazakh and
    Russian versions the tests use."""
    from tarjimon.core.workbench import Workbench
    from tarjimon.core.workbench.aligning import align_story
    from tarjimon.tui.align_app import AlignReviewApp

    seed = HERE.parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
    data = HERE.parents[1] / "tests" / "data" / "align"
    if not seed.exists():
        print(f"{name}: skipped, {seed} is missing", file=sys.stderr)
        return
    project = Workbench.create(projects, "align", "uz", ["kk", "ru", "en"], glossaries_dir=projects.parent / "g")
    alignment, _ = align_story(seed, "uz", {"kk": data / "seed-kk.txt", "ru": data / "seed-ru.txt"})
    app = AlignReviewApp(project, alignment)
    await _picture(app, name, size, keys, 0.5)
    project.close()


async def shoot_pending(projects: Path, name: str, size: tuple[int, int], keys: list[str]) -> None:
    """The review of a pending alignment opened from the workbench's palette: the demo project, its article
    aligned with the tests' Kazakh and Russian versions at --min 0.9 (the pairs below it wait for review)."""
    from tarjimon.core.workbench.align_pending import save_pending
    from tarjimon.core.workbench.aligning import accept, align_story

    seed = HERE.parents[2] / "shared" / "seeds" / "kazinform-2026-01-05-uz.txt"
    data = HERE.parents[1] / "tests" / "data" / "align"
    if not seed.exists():
        print(f"{name}: skipped, {seed} is missing", file=sys.stderr)
        return
    os.environ["TARJIMON_USER"] = "newsroom"
    project = build_demo(projects, replace=True, glossaries_dir=projects.parent / "glossaries")
    alignment, report = align_story(seed, "uz", {"kk": data / "seed-kk.txt", "ru": data / "seed-ru.txt"},
                                    min_confidence=0.9)
    accept(project.tm, alignment, report.added)
    save_pending(project.folder, alignment, 0.9)
    app = TarjimonApp(project)
    await _picture(app, name, size, keys, 0.8)
    project.close()


PENDING_KEYS = ["ctrl+p", *"Review a pending", "enter", "down", "down"]
PENDING_SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("align-pending", (160, 45), PENDING_KEYS),
    ("align-pending-80x24", (80, 24), PENDING_KEYS),
]

ALIGN_SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("align-review", (160, 45), ["down", "down", "down"]),
]


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        print("needs rsvg-convert (librsvg2-bin)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        wanted = sys.argv[1:]  # names to remake (all without)
        for shot in SHOTS:
            if not wanted or shot[0] in wanted:
                asyncio.run(shoot(Path(tmp) / "projects", *shot))
        for n, (name, size, keys) in enumerate(ALIGN_SHOTS):
            if not wanted or name in wanted:
                asyncio.run(shoot_align(Path(tmp) / f"align{n}", name, size, keys))
        for n, (name, size, keys) in enumerate(PENDING_SHOTS):
            if not wanted or name in wanted:
                asyncio.run(shoot_pending(Path(tmp) / f"pending{n}", name, size, keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
