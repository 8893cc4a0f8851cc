"""Gold sentence boundaries: reading a gold file and scoring a segmenter against it.

Used by the tests and by ``bench/segmentation.py``. The gold file format is documented at the top of
``tests/data/segmentation_gold.txt``: ``@lang <tag>`` lines, paragraphs separated by blank lines, one
sentence per line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldParagraph:
    """One paragraph with its gold sentences; `text` is the sentences joined by one space."""

    lang: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def boundaries(self) -> frozenset[int]:
        """End offsets of every sentence but the last (the paragraph end is not a decision)."""
        ends, pos = [], 0
        for s in self.sentences:
            pos += len(s)
            ends.append(pos)
            pos += 1
        return frozenset(ends[:-1])


def read_gold(path: str | Path) -> list[GoldParagraph]:
    """Read a gold file into paragraphs (see the module docstring for the format)."""
    paragraphs: list[GoldParagraph] = []
    lang, block = "und", []
    for raw in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line.startswith("@lang"):
            lang = line.split(maxsplit=1)[1].strip()
            continue
        if line:
            block.append(line)
        elif block:
            paragraphs.append(GoldParagraph(lang, tuple(block)))
            block = []
    return paragraphs


def boundaries_of(text: str, segments: Iterable[str]) -> frozenset[int]:
    """Internal boundaries (end offsets, stripped) of `segments` located in order in `text`.

    Works for any segmenter that returns strings; a segment that cannot be found is skipped.
    """
    ends: list[int] = []
    cursor = 0
    for seg in segments:
        seg = seg.strip()
        if not seg:
            continue
        at = text.find(seg, cursor)
        if at < 0:
            continue
        cursor = at + len(seg)
        ends.append(cursor)
    stripped_end = len(text.rstrip())
    return frozenset(e for e in ends if e < stripped_end)


@dataclass(frozen=True)
class Score:
    """Boundary counts with precision, recall and F1."""

    true_pos: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    cases: Iterable[tuple[str, str, frozenset[int]]], segmenter: Callable[[str, str], list[str]]
) -> Score:
    """Score `segmenter(text, lang)` on (text, lang, gold boundaries) cases, micro-averaged."""
    tp = predicted = gold = 0
    for text, lang, gold_bounds in cases:
        got = boundaries_of(text, segmenter(text, lang))
        tp += len(got & gold_bounds)
        predicted += len(got)
        gold += len(gold_bounds)
    return Score(tp, predicted, gold)
