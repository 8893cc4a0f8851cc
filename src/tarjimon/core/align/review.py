"""The rows a translator reviews before aligned pairs go to the TM: join, split, shift, accept, reject.

One `ReviewRows` per target language, built from the aligner's beads in order (pairs and the sentences left
alone, so a shift can move a sentence into or out of a lonely row). Every edit keeps each source and target
sentence in exactly one row. The review screen (tui/align_review.py) only calls these verbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from tarjimon.core.align.versions import Alignment, Pair, Version

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass
class Row:
    """Source and target sentence ids read as one unit, the aligner's confidence and the reviewer's verdict."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    status: str = PENDING
    agreement: str = ""

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


class ReviewRows:
    """The editable alignment of one target language."""

    def __init__(self, alignment: Alignment, lang: str, min_confidence: float) -> None:
        self.source: Version = alignment.source
        self.target: Version = alignment.targets[lang]
        self.lang = lang
        agreed = {(p.source, p.target): (p.confidence, p.agreement) for p in alignment.pairs.get(lang, [])}
        self.rows: list[Row] = []
        for b in alignment.beads[lang]:
            conf, agreement = agreed.get((b.source, b.target), (b.confidence, ""))
            paired = bool(b.source and b.target)
            status = ACCEPTED if paired and conf >= min_confidence else PENDING if paired else REJECTED
            self.rows.append(Row(b.source, b.target, conf, status, agreement))

    def texts(self, n: int) -> tuple[str, str]:
        row = self.rows[n]
        return (self.source.text_of(row.source) if row.source else "",
                self.target.text_of(row.target) if row.target else "")

    def accept(self, n: int) -> None:
        row = self.rows[n]
        if row.source and row.target:
            row.status = ACCEPTED

    def reject(self, n: int) -> None:
        self.rows[n].status = REJECTED

    def join(self, n: int) -> bool:
        """Read row n and the next as one unit (a merge the aligner missed)."""
        if n + 1 >= len(self.rows):
            return False
        a, b = self.rows[n], self.rows.pop(n + 1)
        a.source, a.target = tuple(sorted(a.source + b.source)), tuple(sorted(a.target + b.target))
        a.confidence = min(a.confidence, b.confidence) if a.source and a.target else 0.0
        a.status = ACCEPTED if a.source and a.target else REJECTED
        a.agreement = ""
        return True

    def split(self, n: int) -> bool:
        """Undo a merge: the last sentence of row n's longer side becomes a row of its own, after it."""
        row = self.rows[n]
        if len(row.source) < 2 and len(row.target) < 2:
            return False
        if len(row.source) >= len(row.target):
            row.source, moved = row.source[:-1], Row(row.source[-1:], (), 0.0, REJECTED)
        else:
            row.target, moved = row.target[:-1], Row((), row.target[-1:], 0.0, REJECTED)
        self.rows.insert(n + 1, moved)
        row.agreement = ""
        return True

    def shift_up(self, n: int) -> bool:
        """Pull the next row's first target sentence into row n (the target was one sentence behind)."""
        if n + 1 >= len(self.rows) or not self.rows[n + 1].target:
            return False
        nxt = self.rows[n + 1]
        self.rows[n].target = tuple(sorted(self.rows[n].target + nxt.target[:1]))
        nxt.target = nxt.target[1:]
        self._settle(n + 1)
        self._settle(n)
        return True

    def shift_down(self, n: int) -> bool:
        """Push row n's last target sentence to the next row (a new row when n is the last)."""
        row = self.rows[n]
        if not row.target:
            return False
        if n + 1 >= len(self.rows):
            self.rows.append(Row((), (), 0.0, REJECTED))
        nxt = self.rows[n + 1]
        nxt.target = tuple(sorted(row.target[-1:] + nxt.target))
        row.target = row.target[:-1]
        self._settle(n + 1)
        self._settle(n)
        return True

    def _settle(self, n: int) -> None:
        row = self.rows[n]
        row.agreement = ""
        if not row.source and not row.target:
            del self.rows[n]
            return
        row.status = ACCEPTED if row.source and row.target else REJECTED

    def accepted(self) -> list[Pair]:
        """The accepted rows as pairs (text exactly as in the articles)."""
        out = []
        for n, row in enumerate(self.rows):
            if row.status == ACCEPTED and row.source and row.target:
                src, tgt = self.texts(n)
                out.append(Pair(self.lang, row.source, row.target, src, tgt, row.confidence, row.shape,
                                row.agreement))
        return out
