"""An alignment as plain data (JSON-ready) and back: what `tarjimon align` keeps for a later review.

The snapshot holds every version's sentences and paragraphs (so the texts of a unit are those of the
articles even if the files have moved since), the beads per target language and the joint pairs with their
confidence and agreement. Features are not kept: a review only joins, splits, shifts and accepts.
"""

from __future__ import annotations

from typing import Any

from tarjimon.core.align.dp import Bead
from tarjimon.core.align.versions import Alignment, Pair, Sentence, Version
from tarjimon.core.errors import BadInput

FORMAT = 1


def _version(v: Version) -> dict[str, Any]:
    return {"lang": v.lang, "name": v.name, "paragraphs": v.paragraphs,
            "sentences": [[s.text, s.paragraph, s.start, s.end] for s in v.sentences]}


def _version_of(d: dict[str, Any]) -> Version:
    sentences = [Sentence(str(t), int(p), int(a), int(b)) for t, p, a, b in d["sentences"]]
    return Version(str(d["lang"]), sentences, [str(p) for p in d["paragraphs"]], str(d.get("name", "")))


def to_data(alignment: Alignment) -> dict[str, Any]:
    """The alignment as JSON-ready data."""
    return {
        "format": FORMAT,
        "source": _version(alignment.source),
        "targets": {lang: _version(v) for lang, v in alignment.targets.items()},
        "beads": {lang: [[list(b.source), list(b.target), b.confidence, b.anchors] for b in beads]
                  for lang, beads in alignment.beads.items()},
        "pairs": {lang: [[list(p.source), list(p.target), p.confidence, p.agreement] for p in pairs]
                  for lang, pairs in alignment.pairs.items()},
    }


def from_data(data: dict[str, Any]) -> Alignment:
    """The alignment `to_data` gave; BadInput when the data is not such a snapshot."""
    try:
        if data.get("format") != FORMAT:
            raise BadInput(f"not an alignment snapshot of format {FORMAT}")
        source = _version_of(data["source"])
        targets = {str(lang): _version_of(v) for lang, v in data["targets"].items()}
        beads = {str(lang): [Bead(tuple(int(i) for i in s), tuple(int(j) for j in t), float(c), float(a))
                             for s, t, c, a in items] for lang, items in data["beads"].items()}
        alignment = Alignment(source, targets, beads)
        for lang, items in data["pairs"].items():
            tv = targets[lang]
            alignment.pairs[lang] = [
                Pair(lang, tuple(int(i) for i in s), tuple(int(j) for j in t), source.text_of(tuple(s)),
                     tv.text_of(tuple(t)), float(c), f"{len(s)}-{len(t)}", str(agreement))
                for s, t, c, agreement in items]
        for lang, version in targets.items():
            _check_ids(source, version, beads.get(lang, []))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise BadInput(f"a damaged alignment snapshot ({type(exc).__name__}: {exc})") from None
    return alignment


def _check_ids(source: Version, target: Version, beads: list[Bead]) -> None:
    for b in beads:
        if any(not 0 <= i < len(source.sentences) for i in b.source) or \
                any(not 0 <= j < len(target.sentences) for j in b.target):
            raise ValueError("a sentence number out of range")
