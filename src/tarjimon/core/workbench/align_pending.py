"""Alignments kept for review: `tarjimon align` without `--review` adds the pairs at or above `--min` and
keeps the whole alignment in the project's align-pending/ folder when some pairs fell below it, so the
translator can open its review later from the workbench (the palette's "Review a pending alignment").

One JSON file per story (core/align/snapshot.py), written atomically; a review saved in the workbench drops
it. Nothing here reads the articles again: the snapshot holds their sentences.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from tarjimon.core.align.snapshot import from_data, to_data
from tarjimon.core.align.versions import Alignment
from tarjimon.core.errors import BadInput
from tarjimon.core.files import atomic_write_text, read_input_bytes, refuse_links

FOLDER = "align-pending"


@dataclass(frozen=True)
class PendingAlignment:
    """One story's alignment waiting for review: its file, its versions and how many pairs need a look."""

    path: Path
    source: str
    targets: dict[str, str]
    below: int
    min_confidence: float
    saved: str = ""

    @property
    def title(self) -> str:
        versions = ", ".join(f"{name} ({lang})" for lang, name in self.targets.items())
        return f"{self.source} with {versions}: {self.below} pairs below {self.min_confidence:.2f}"


def _folder(project_folder: Path) -> Path:
    refuse_links(project_folder, (FOLDER,))
    return project_folder / FOLDER


def check_pending_folder(project_folder: Path) -> None:
    """Refuse a project whose align-pending/ is a symbolic link before anything is aligned into its TM (a
    refusal at save_pending, after the units went in, would exit 2 with the TM already changed)."""
    _folder(project_folder)


def save_pending(project_folder: Path, alignment: Alignment, min_confidence: float) -> PendingAlignment:
    """Keep `alignment` for a later review (one file per source article: a new alignment of the same story
    replaces the old one)."""
    folder = _folder(project_folder)
    folder.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", alignment.source.name or "story").strip("._") or "story"
    path = folder / f"{stem}.json"
    below = sum(1 for pairs in alignment.pairs.values() for p in pairs if p.confidence < min_confidence)
    saved = time.strftime("%Y-%m-%d %H:%M", time.localtime())
    data = {"min": min_confidence, "saved": saved, "below": below, "alignment": to_data(alignment)}
    atomic_write_text(path, json.dumps(data, ensure_ascii=False))
    return PendingAlignment(path, alignment.source.name, {k: v.name for k, v in alignment.targets.items()},
                            below, min_confidence, saved)


def _read(path: Path) -> dict:
    try:
        data = json.loads(read_input_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"not a pending alignment ({exc})", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("alignment"), dict):
        raise BadInput("not a pending alignment", path=path)
    return data


def pending_alignments(project_folder: Path) -> list[PendingAlignment]:
    """The alignments waiting for review, oldest first (a damaged file is skipped: `open_pending` says why)."""
    folder = _folder(project_folder)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = _read(path)
            al = data["alignment"]
            out.append(PendingAlignment(path, str(al["source"].get("name", "")),
                                        {str(k): str(v.get("name", "")) for k, v in al["targets"].items()},
                                        int(data.get("below", 0)), float(data.get("min", 0.5)),
                                        str(data.get("saved", ""))))
        except (BadInput, KeyError, TypeError, ValueError, AttributeError):
            continue
    return sorted(out, key=lambda p: (p.saved, p.source))


def open_pending(pending: PendingAlignment) -> Alignment:
    """The alignment a pending file holds (BadInput naming the file when it is damaged)."""
    try:
        return from_data(_read(pending.path)["alignment"])
    except BadInput as exc:
        raise BadInput(exc.message, path=pending.path) from None


def drop_pending(pending: PendingAlignment) -> None:
    """Forget a pending alignment (its review was saved)."""
    pending.path.unlink(missing_ok=True)
