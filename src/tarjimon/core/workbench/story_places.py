"""Where a desk's segments are in a shared story: the story's sentences of a document are the ones shared
(`shared_documents`), and a desk's segment is the story's sentence at position P when the two lists of
sentences, aligned, pair them (the longest runs of the same sentences in the same order: difflib).

A desk that joined has the story's sentences, one for one. A desk that re-imported a changed version of the
document (the editor fixed a sentence, added one at the top) or joined or split segments has other sentences
at some places: its unchanged sentences keep their places in the story (before, every segment after an
inserted sentence was sent to the next sentence's place: each desk's confirms overwrote the other's target of
a different sentence on the server, and a colleague's different sentence was reported as a conflict); the
sentences that are not the story's keep their targets on this desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from tarjimon.core.models import Segment


def places(segments: Sequence[Segment], story: Sequence[str]) -> dict[int, int]:
    """Segment id -> the story's position of the same sentence, for a document's segments in reading order."""
    local = [s.source for s in segments]
    if local == list(story):  # (a joined desk, or one that changed nothing: no alignment needed)
        return {s.id: i for i, s in enumerate(segments)}
    out: dict[int, int] = {}
    for a, b, n in SequenceMatcher(None, local, list(story), autojunk=False).get_matching_blocks():
        for k in range(n):
            out[segments[a + k].id] = b + k
    return out
