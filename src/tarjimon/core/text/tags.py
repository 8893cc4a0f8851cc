"""Inline tags in segment text: the one syntax every format, the editor and QA share.

A span of formatted text (bold, italic, a link) is `⟨1⟩text⟨/1⟩`, a standalone code (a footnote mark, a
picture, a line break) is `⟨2/⟩`: the numbered placeables TMX's reader already shows (`formats/tmx.display`)
and QA's tag check compares (`qa/checks.py`). Numbers are per paragraph of the original file; a format that
writes the file back (DOCX, ODT) maps each number to what it stood for there. The editor inserts the
source's tags with a key (a keyboard has no ⟨ ⟩) and deletes a tag as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

TAG_RE = re.compile(r"⟨(/?)(\d+)(/?)⟩")

# Tags as other tools write them in a text (a TM unit's source, a PO string): ours (⟨1⟩ ⟨/1⟩ ⟨2/⟩), placeholders
# ({0} {name} %{name}; %s %d %1$s %(name)s), and the start, end or empty tag of an HTML inline element or an XLIFF
# inline code (a software string's "<prop-group>" or "<mtc:match>" is text: it names an element). tm/tagged.py
# scores a TM match without them.
_ELEMENTS = "a|b|i|u|s|em|strong|span|br|sup|sub|small|big|code|kbd|font|img|mark|abbr|q|strike|tt|g|x|bx|ex|ph|bpt|ept|it"
ELEMENT_INITIALS = "".join(sorted({name[0] for name in _ELEMENTS.split("|")}))  # (what may follow a "<" or "</")
# (each alternative opens on a literal, "%{0}" as "%" then "{0}": the regex engine then looks for the four
# opening characters alone, ~3.5 times faster over a text than trying every position; the same matches)
WRITTEN_TAG_RE = re.compile(
    r"⟨/?\d+/?⟩|%(?:\{(?:\d+|[A-Za-z_]\w*)\}|(?:\d+\$)?(?:\(\w+\))?[sdif])|\{(?:\d+|[A-Za-z_]\w*)\}"
    rf"|</?(?:{_ELEMENTS})(?:\s+[^<>]*)?/?>",
    re.IGNORECASE,
)


def is_written_tag(token: str) -> bool:
    """Whether a token (a word of a TM match's diff) is a whole tag as WRITTEN_TAG_RE finds them."""
    return WRITTEN_TAG_RE.fullmatch(token) is not None


# a run of tags (the spaces around it are taken in Python: a pattern opening on \s* is tried at every position)
_RUN = re.compile(rf"(?:{WRITTEN_TAG_RE.pattern})(?:\s*(?:{WRITTEN_TAG_RE.pattern}))*")
# _RUN over texts joined by NUL (the import keys a batch at once: tm/sqlite/batchkeys.py): no run spans two texts
RUN_IN_JOINED = re.compile(_RUN.pattern.replace("[^<>]", "[^<>\x00]"), _RUN.flags)


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # (what str.isalnum takes: \w is it and "_")


def has_written_tags(text: str) -> bool:
    """Whether `text` holds an inline tag written in it (a cheap look for the marks first)."""
    # (four substring looks: ~0.1 us on a sentence without any of the marks, most of them)
    return ("<" in text or "{" in text or "%" in text or "⟨" in text) and WRITTEN_TAG_RE.search(text) is not None


def without_written_tags(text: str) -> str:
    """`text` without its tags: a run of tags with a space on either side becomes one space, one at an end or
    between two letters nothing ("<b>Toshkent</b> shahri" -> "Toshkent shahri", "Fayl {1} saqlandi" ->
    "Fayl saqlandi"). A text of tags alone ("%{attribute} %{message}") is left as it is: nothing else would
    tell it from another. What a TM unit's source is keyed and indexed as, and what a match is scored on."""

    if not ("<" in text or "{" in text or "%" in text or "⟨" in text):
        return text
    parts, at, n = [], 0, len(text)
    for m in _RUN.finditer(text):
        start, end = m.start(), m.end()
        if start < at:  # (its spaces before were the previous run's after)
            continue
        while start > at and text[start - 1].isspace():
            start -= 1
        spaced = start < m.start()
        while end < n and text[end].isspace():
            end += 1
        spaced = spaced or end > m.end()
        parts.append(text[at:start])
        parts.append("" if start == 0 or end == n else " " if spaced else "")
        at = end
    if not parts:
        return text
    parts.append(text[at:])
    out = "".join(parts)
    return out if _LETTER_OR_DIGIT.search(out) else text
_TRAILING = re.compile(r"(?:⟨/\d+⟩|⟨\d+/⟩)*")  # closing and standalone tags that end a sentence


@dataclass(frozen=True)
class Token:
    """A piece of tagged text: kind "text", "open", "close" or "empty" (standalone); `n` its tag number."""

    kind: str
    text: str = ""
    n: int = 0


def tokens(text: str) -> Iterator[Token]:
    """The text and tags of `text` in order (a malformed tag, `⟨/1/⟩`, is text)."""
    pos = 0
    for m in TAG_RE.finditer(text):
        closing, n, empty = m.group(1), int(m.group(2)), m.group(3)
        if closing and empty:
            continue
        if m.start() > pos:
            yield Token("text", text[pos : m.start()])
        yield Token("close" if closing else "empty" if empty else "open", n=n)
        pos = m.end()
    if pos < len(text):
        yield Token("text", text[pos:])


def strip_tags(text: str) -> str:
    """`text` without its tags."""
    return TAG_RE.sub("", text)


def open_tag(n: int) -> str:
    return f"⟨{n}⟩"


def close_tag(n: int) -> str:
    return f"⟨/{n}⟩"


def empty_tag(n: int) -> str:
    return f"⟨{n}/⟩"


def renumber(text: str, mapping: dict[int, int]) -> str:
    """`text` with each placeable's number n written as mapping[n] (a number the mapping lacks is kept)."""
    return TAG_RE.sub(lambda m: f"⟨{m.group(1)}{mapping.get(int(m.group(2)), int(m.group(2)))}{m.group(3)}⟩", text)


def numbering(text: str, other: str) -> dict[int, int] | None:
    """The mapping that makes `text` read as `other` when the two differ only in their placeables' numbers
    (an XLIFF file numbers a segment's codes from 1, a Word paragraph's tags run across its sentences): each
    number of `text` to the number of `other` at the same place in order; None when they differ otherwise."""
    mine = [int(m.group(2)) for m in TAG_RE.finditer(text)]
    theirs = [int(m.group(2)) for m in TAG_RE.finditer(other)]
    if len(mine) != len(theirs):
        return None
    mapping: dict[int, int] = {}
    for a, b in zip(mine, theirs, strict=True):
        if mapping.setdefault(a, b) != b:
            return None
    return mapping if renumber(text, mapping) == other else None


def tag_list(text: str) -> list[str]:
    """The tags of `text` as written, in order."""
    return [m.group(0) for m in TAG_RE.finditer(text) if not (m.group(1) and m.group(3))]


def missing_tags(source: str, target: str) -> list[str]:
    """The source's tags the target does not have yet (as many times as they are missing), in source order."""
    have = tag_list(target)
    out = []
    for tag in tag_list(source):
        if tag in have:
            have.remove(tag)
        else:
            out.append(tag)
    return out


def tag_span(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the tag that the character at `pos` belongs to, if any."""
    for m in TAG_RE.finditer(text):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return None


def split_tagged(text: str, spans: Callable[[str], list[tuple[int, int]]]) -> list[str]:
    """Sentences of a tagged paragraph, cut where `spans` cuts its text without tags (so a tag never hides a
    sentence end from the segmenter). A closing or standalone tag right after a sentence stays with it; an
    opening tag right before one goes with the next."""
    plain_chars: list[int] = []  # plain index -> index in `text`
    plain: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        for i in range(pos, m.start()):
            plain_chars.append(i)
            plain.append(text[i])
        pos = m.end()
    for i in range(pos, len(text)):
        plain_chars.append(i)
        plain.append(text[i])
    cuts = spans("".join(plain))
    if not cuts:
        return [text.strip()] if strip_tags(text).strip() else []
    bounds = [0]
    for (_, end), (start, _) in zip(cuts, cuts[1:], strict=False):
        cut = plain_chars[end - 1] + 1  # just after the sentence's last character
        after = _TRAILING.match(text, cut)
        cut = after.end() if after else cut
        nxt = plain_chars[start]
        bounds.append(min(max(cut, bounds[-1]), nxt))
    bounds.append(len(text))
    out = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    return [s for s in out if s]
