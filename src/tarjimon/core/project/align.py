"""Re-import alignment: which old segments an edited article's sentences keep (and so their translations).

Pure: it compares two lists of sentences; the repository applies the plan.
"""

from __future__ import annotations

import difflib


def align(old: list[str], new: list[str]) -> dict[int, int]:
    """Map the index of every sentence of `new` that is unchanged to the index of its old sentence.

    The common head and tail are matched directly: an edit touches a few sentences, and difflib on the whole
    of a long document full of repeated sentences would be slow. The middle is matched by difflib's longest
    matching blocks, in order.
    """
    keep: dict[int, int] = {}
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        keep[head] = head
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        keep[len(new) - 1 - tail] = len(old) - 1 - tail
        tail += 1
    matcher = difflib.SequenceMatcher(a=old[head : len(old) - tail], b=new[head : len(new) - tail], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            keep[head + block.b + k] = head + block.a + k
    return keep
