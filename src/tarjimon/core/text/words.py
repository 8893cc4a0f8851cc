"""What a word is: the one apostrophe set, the word patterns, and the functions every module cuts text with.

Two granularities, both built on the same apostrophe set:

- a *word* (:data:`WORD_RE`, :func:`words`, :func:`surface_words`) is what matching compares: letters and
  digits, with apostrophes inside (taʼlim, oʻzbek, l’homme). A hyphen, a dot or a comma ends it: IT-park is
  two words, 1,5 is two. (ʻ and ʼ are letters to Unicode, so togʻ keeps its mark; tog' does not.) The TM (keys, word diffs,
  concordance), the glossary and QA cut text this way;
- a *counted word* (:data:`COUNTED_WORD_RE`, :func:`counted_words`, :func:`count_words`) is what a
  translator counts and picks: a hyphenated compound (IT-park) or a number with its separators (1,5;
  12.03.2024) is one, and the Uzbek oʻ/gʻ mark may end it in any apostrophe variant (tog', obro`). `tarjimon stats` and the add-term dialog's word picker use it.

The glossary's recognition keeps its own token pattern, :data:`TERM_WORD_RE` (a word plus an apostrophe that
opens it), because its hit spans are what users' glossaries were checked against; tests/test_text.py proves
it cuts the same words as :data:`WORD_RE` once edge apostrophes are stripped. tests/test_text.py also proves
these patterns agree with sacremoses' MosesTokenizer (see :mod:`tarjimon.core.text.tokens`).
"""

from __future__ import annotations

import re

from tarjimon.core.text.tags import TAG_RE

#: Every character typed in real text for an apostrophe (oʻ/gʻ mark, tutuq belgisi, l’homme, don't):
#: ' ` ‘ ’ ʻ ʼ and the look-alikes ´ (acute accent), ʹ (modifier prime) and ′ (prime).
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032"
_APOSTROPHE_SET = frozenset(APOSTROPHES)

#: Canonical marks of the 1995 Uzbek Latin alphabet: oʻ/gʻ take U+02BB, the tutuq belgisi (ъ) U+02BC.
TURNED_COMMA = "\u02bb"
MODIFIER_APOSTROPHE = "\u02bc"

#: The marks the TM's matching keys delete: APOSTROPHES less ʹ (a letter to Unicode, kept inside words) and
#: ′ (a prime, a word break). Frozen: every TM's stored keys were computed with exactly these seven; changing
#: it means re-keying stored units. (Uzbek keys go through translit.fold, which deletes all of APOSTROPHES.)
KEY_APOSTROPHES = "".join(ch for ch in APOSTROPHES if ch not in "\u02b9\u2032")

_A = re.escape(APOSTROPHES)
_L = r"[^\W_]"  # a letter or a digit
# The Uzbek oʻ/gʻ mark may end a word: any mark after g (togʻ), the marks that are not closing quotes after
# o (obroʻ); the same rule translit uses when it normalises apostrophes.
_UZ_END = rf"(?:(?<=[A-Za-z\u02bb][gG])[{_A}]|(?<=[A-Za-z][oO])['`\u2018\u02bb])"

#: A word: letters and digits with apostrophes inside. (No optional end mark: it would cost the TM's word
#: diffs a fifth of their speed.)
WORD_RE = re.compile(rf"{_L}+(?:[{_A}]{_L}+)*")
#: A counted word: a number with its separators, or a word whose parts are joined by apostrophes or hyphens
#: (an underscore joins too: file_name is one word).
COUNTED_WORD_RE = re.compile(rf"\d+(?:[.,]\d+)*|\w+(?:[-{_A}]\w+)*{_UZ_END}?")
#: The glossary recogniser's token: letters and digits, any apostrophe followed by one (so also one that
#: opens a word), and any apostrophe after o or g.
TERM_WORD_RE = re.compile(rf"(?:{_L}|[{_A}](?={_L})|(?<=[oOgG])[{_A}])+")

_ANY_APOSTROPHE_RE = re.compile(f"[{_A}]")
#: An apostrophe between two word characters, as the TM's scoring sees one (ta'lim, l’homme).
INNER_KEY_APOSTROPHE_RE = re.compile(rf"(?<=\w)[{re.escape(KEY_APOSTROPHES)}](?=\w)")

# oʻ / gʻ: an apostrophe straight after o or g when a letter follows; gʻ may also end a word ("togʻ"), and
# so may oʻ ("obroʻ") with the marks that are not also closing quotes. Any other apostrophe between two
# letters is the tutuq belgisi.
_OG_MARK_RE = re.compile(
    f"(?<=[oO])[{_A}](?=[A-Za-z])"
    f"|(?<=[A-Za-z][oO])['`\u2018\u02bb](?![A-Za-z])"
    f"|(?<=[gG])[{_A}](?=[A-Za-z])"
    f"|(?<=[A-Za-z\u02bb][gG])[{_A}]"
)
_MID_MARK_RE = re.compile(f"(?<=[A-Za-z])[{_A}](?=[A-Za-z])")


def is_apostrophe(char: str) -> bool:
    """True for any character used in real text as an apostrophe (see APOSTROPHES)."""
    return char in _APOSTROPHE_SET


def strip_apostrophes(text: str) -> str:
    """`text` without any apostrophe (taʼlim -> talim)."""
    return _ANY_APOSTROPHE_RE.sub("", text)


def normalize_apostrophes(text: str) -> str:
    """Rewrite the apostrophes of Uzbek Latin words to the canonical 1995 characters.

    After ``o``/``g`` any of ' ` ‘ ’ ʻ ʼ becomes U+02BB (oʻ, gʻ); between two other letters it becomes
    U+02BC, the tutuq belgisi (maʼlumot). Quotes elsewhere ('like this') are left alone.
    Note that ``oʼ`` is always read as oʻ: in Latin text the two cannot be told apart. Meant for
    Uzbek Latin text: an English contraction (don't) gets U+02BC as well.
    """
    text = _MID_MARK_RE.sub(MODIFIER_APOSTROPHE, text)
    return _OG_MARK_RE.sub(TURNED_COMMA, text)


def words(text: str) -> list[str]:
    """The words of `text` as written (see WORD_RE): "Oʻzbekiston IT-parki" -> ["Oʻzbekiston", "IT", "parki"]."""
    return WORD_RE.findall(text)


def surface_words(text: str) -> list[tuple[int, int, str]]:
    """The words of `text` as written, with their character spans (for diffs and highlights)."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def counted_words(text: str) -> list[tuple[int, int, str]]:
    """The counted words of `text` (see COUNTED_WORD_RE) with their character spans."""
    return [(m.start(), m.end(), m.group()) for m in COUNTED_WORD_RE.finditer(text)]


def count_words(text: str) -> int:
    """Words as translators count them: hyphenated and apostrophe words and decimal numbers count as one;
    inline tags (⟨1⟩, ⟨/1⟩, ⟨2/⟩: formatting of a Word article) are no words."""
    return len(COUNTED_WORD_RE.findall(TAG_RE.sub("", text)))
