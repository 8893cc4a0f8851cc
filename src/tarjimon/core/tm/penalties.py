"""The visible penalties of a TM match (docs/tm-scoring.md, section 3) and its word diff, against one sentence
prepared once for the candidates of a lookup (Differences)."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any

from tarjimon.core.text.fold import _KEY_LETTERS, fold_text, fold_uz_letters, lexicon_may_start
from tarjimon.core.text.words import KEY_APOSTROPHES
from tarjimon.core.tm.text import key_of, query_key
from tarjimon.core.tm.worddiff import SequenceMatcher, _diff, _norms, _surface
from tarjimon.core.tm.wordorder import _moved
from tarjimon.core.translit import APOSTROPHES

PENALTIES: dict[str, int] = {
    "numbers": 2,
    "case": 1,
    "punctuation": 1,
    "whitespace": 1,
    "tags": 1,
    "script": 1,
    "word-order": 5,  # the same words (some of them) in another order: the translation may need reordering
    "fuzzy": 5,  # the unit comes from a fuzzy (unreviewed) PO entry
}

_CYR = re.compile(r"[\u0400-\u04ff]")
_NUM = re.compile(r"\d+")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
# ta'lim, l’homme: an apostrophe inside a word is no punctuation. This is text.words.INNER_KEY_APOSTROPHE_RE
# with the mark first and the letter before it checked after it, which lets the regex engine jump from mark to
# mark instead of testing a look-behind at every position (3x faster; tests/test_tm_rank_batch.py).
_APOS_IN_WORD = re.compile(rf"[{re.escape(KEY_APOSTROPHES)}](?<=\w[{re.escape(KEY_APOSTROPHES)}])(?=\w)")
_QUOTE_IN_WORD = re.compile(r"'(?<=\w')(?=\w)")

_NOT_LETTER = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=4096)
def _marks(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[Any, ...], str | None]:
    """The cheap part of a _profile (~3 us): the text with every mark inside a word made ', its digit runs,
    punctuation marks and unusual whitespace (runs and ends); and its letters when every character of it past
    ASCII is a letter (else None: _profile finds them by regex)."""
    t = _APOS_IN_WORD.sub("'", text)  # so every mark inside a word is now ' (and no other mark is)
    try:
        code = t.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return (*_slow_marks(t), None)
    # (only whole characters are deleted: the ASCII letters and every character past ASCII are left)
    letters = code.translate(None, _NOT_ASCII_LETTERS).decode("utf-8")
    if not t.isascii() and not letters.isalpha():  # a character past ASCII that is no letter
        return (*_slow_marks(t), None)
    # Every digit, whitespace character and punctuation mark of the text is ASCII (a letter is none of them):
    # its UTF-8 bytes below 0x80 are those characters, the bytes of its letters past ASCII all 0x80 and above.
    if b"  " in code or code.translate(None, _NOT_ODD_SPACE):
        inner = t.strip()
        odd = () if " ".join(inner.split()) == inner else tuple(r for r in _SPACE.findall(inner) if r != " ")
    else:  # every whitespace run is one space
        odd = ()
    runs = code.translate(_DIGITS_ONLY).split()
    nums = tuple(map(bytes.decode, runs)) if runs else ()
    bare = _QUOTE_IN_WORD.sub("", t).encode("utf-8") if "'" in t else code
    punct = tuple(bare.translate(None, _NOT_PUNCT).decode("ascii"))
    return t, nums, punct, (odd, t[:1].isspace(), t[-1:].isspace()), letters


def _slow_marks(t: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[Any, ...]]:
    """_marks of a text with a character past ASCII that is no letter (NBSP, a dash, a quote), by regex."""
    inner = t.strip()
    # no unusual run when every whitespace run is one space (str.split and the regex's \s agree on what
    # whitespace is: both are Py_UNICODE_ISSPACE): two C calls instead of a findall and a generator
    odd = () if " ".join(inner.split()) == inner else tuple(r for r in _SPACE.findall(inner) if r != " ")
    bare = _QUOTE_IN_WORD.sub("", t) if "'" in t else t
    return t, tuple(_NUM.findall(t)), tuple(_PUNCT.findall(bare)), (odd, t[:1].isspace(), t[-1:].isspace())


_ASCII = bytes(range(128))
# the ASCII characters [^\w\s] does not match: \w (letters, digits, _) and \s (str.isspace, \x1c-\x1f too)
_ASCII_WORD_SPACE = bytes(c for c in range(128) if chr(c).isalnum() or chr(c) == "_" or chr(c).isspace())
_NOT_PUNCT = _ASCII_WORD_SPACE + bytes(range(128, 256))  # (past ASCII: a letter's bytes)
_NOT_ODD_SPACE = bytes(c for c in range(256) if c >= 128 or c == 32 or not chr(c).isspace())
_DIGITS_ONLY = bytes(c if 48 <= c <= 57 else 32 for c in range(256))  # \d of ASCII (past it: letters)


@lru_cache(maxsize=4096)
def _profile(text: str, lang: str) -> tuple[tuple[str, ...], str, tuple[str, ...], tuple[Any, ...]]:
    """What penalties_for compares of one text (a lookup compares the same sentence with every candidate):
    its digit runs, letters, punctuation marks and unusual whitespace (runs and ends). (The word order is
    compared on the matching keys' words: see Differences.penalties.)"""
    t, nums, punct, space, letters = _marks(text)
    return nums, _NOT_LETTER.sub("", t) if letters is None else letters, punct, space


_NOT_ASCII_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())  # what _NOT_LETTER drops of ASCII


@lru_cache(maxsize=4096)
def _latin(text: str) -> str:
    """An Uzbek text in Latin (what the penalties compare of a unit in the other script than the sentence's):
    to_latin, by the text's space-separated pieces. to_latin converts each run of Cyrillic letters by itself
    (no run holds a space), so the pieces converted one by one and joined again by spaces give its text; a
    lookup's units share most pieces, kept across lookups and read by one C loop (~2 us a unit instead of
    to_latin's ~5, most of which is its split of the text into runs). The pieces not kept yet are converted
    together, as one text, when no piece's Latin holds a space (the pieces come back as many)."""
    pieces = text.split(" ")
    try:
        return " ".join(map(_LATIN_PIECES.__getitem__, pieces))
    except KeyError:
        from tarjimon.core.translit import to_latin

        new = list(dict.fromkeys(p for p in pieces if p not in _LATIN_PIECES))
        latin = to_latin(" ".join(new)).split(" ")
        if len(latin) != len(new):  # (a piece whose Latin holds a space) one by one
            latin = [to_latin(p) for p in new]
        got = dict(zip(new, latin, strict=True))
        if len(_LATIN_PIECES) + len(new) > 200_000:
            _LATIN_PIECES.clear()
        _LATIN_PIECES.update(got)
        # (the pieces known before read with a fallback: another thread may have emptied the dict meanwhile)
        known = _LATIN_PIECES.get
        return " ".join([got[p] if p in got else known(p) or to_latin(p) for p in pieces])


_LATIN_PIECES: dict[str, str] = {}  # a space-free piece of Uzbek text -> to_latin of it, kept across lookups


def _latin_profile(text: str, lang: str) -> tuple[str, tuple[Any, ...]]:
    """An Uzbek text in Latin and its _profile (both remembered, as a session looks the same units up
    again)."""
    latin = _latin(text)
    return latin, _profile(latin, lang)


def _fold_letters(letters: str, lang: str) -> str:
    """fold_text of a profile's letters (the same string; Uzbek Cyrillic runs keyed without to_latin)."""
    return fold_uz_letters(letters) if lang == "uz" else fold_text(letters, lang)


def _without_t_y(letters: str) -> bytes | None:
    """An Uzbek profile's letters as translit.fold folds them, less every t and y, when that can be had letter
    by letter (else None): two texts whose letters fold alike have this alike, so a difference here spares the
    fold (~24 us for a Cyrillic unit's letters). fold drops apostrophes, lower-cases, and turns "ts" into "s"
    and "ye" into "e", which only drops t's and y's; a plain Uzbek Cyrillic run (its letters all in
    text.fold's key table, no exception-lexicon entry starting it) is keyed from its letters, by that table and
    context rules that only add t's and y's (е -> ye, ц -> ts, ь -> y) or marks (ъ), so each letter has one
    form here (ш -> sh, ц -> s, е -> e, ё -> o, й -> nothing). Letters of any other kind (Kazakh, Russian
    ones outside the table, accented Latin) give None."""
    try:
        codes = _charmap_encode(letters, "strict", _TY_MAP)[0]
    except UnicodeEncodeError:
        return None
    if _CYR_CODE.search(codes):  # the runs fold_uz_letters keys (the same as these codes' runs)
        for run in _CYR_RUNS.findall(letters):
            if lexicon_may_start(run.lower()):
                return None
    out = codes.translate(_TY_TABLE, _TY_DELETE)
    if b"\xf0" in out or b"\xf1" in out:
        out = out.replace(b"\xf0", b"ch").replace(b"\xf1", b"sh")
    return out


def _ty_tables() -> tuple[Any, bytes, bytes]:
    """_without_t_y's code of each character (a charmap: ASCII as itself, the Cyrillic key letters 0x80-0xdf in
    both cases, the apostrophes past ASCII 0xe0-0xef), the byte each code becomes (ch and sh: 0xf0 and 0xf1,
    spelt out afterwards) and the codes deleted (t, y, the apostrophes, ь, ъ, й, т)."""
    decoding = [chr(c) for c in range(128)] + ["\ufffe"] * 128
    into = [bytes([c]) for c in range(128)] + [b""] * 128
    for c in range(128):
        ch = chr(c)
        into[c] = b"" if ch in APOSTROPHES or ch.lower() in "ty" else ch.lower().encode("ascii")
    code = 0x80
    for letter, latin in _KEY_LETTERS.items():
        form = latin.replace("\u00f4", "o").replace("\u011f", "g").replace("'", "").replace("t", "").replace("y", "")
        out = {"ch": b"\xf0", "sh": b"\xf1"}.get(form) or form.encode("ascii")
        for case in dict.fromkeys((letter, letter.upper())):
            assert len(case) == 1 and case.lower() == letter and 0x400 <= ord(case) <= 0x4FF
            decoding[code], into[code] = case, out
            code += 1
    assert code <= 0xE0
    code = 0xE0
    for mark in APOSTROPHES:
        if not mark.isascii():
            decoding[code], into[code] = mark, b""
            code += 1
    table = bytearray(range(256))
    deleted = bytearray()
    for c, out in enumerate(into):
        if len(out) == 1:
            table[c] = out[0]
        else:
            assert out == b"", out
            deleted.append(c)
    return codecs.charmap_build("".join(decoding)), bytes(table), bytes(deleted)


_TY_MAP, _TY_TABLE, _TY_DELETE = _ty_tables()
_charmap_encode = codecs.charmap_encode  # type: ignore[attr-defined]
_CYR_CODE = re.compile(rb"[\x80-\xdf]")
_CYR_RUNS = re.compile("[\u0400-\u04ff]+")  # text.fold's runs (fold_uz_letters)


def penalties_for(
    query: str, source: str, lang: str, *, tags: bool = False, fuzzy: bool = False
) -> list[str]:
    """Names of the small differences between a sentence and a unit's source (see PENALTIES)."""
    return Differences(query, lang).penalties(source, tags=tags, fuzzy=fuzzy)


class Differences:
    """penalties_for against one sentence, prepared once for the candidates of a lookup: what is compared of
    the sentence (in its own script, and in Latin for Uzbek units in the other script) is computed once."""

    def __init__(self, query: str, lang: str) -> None:
        self.query, self.lang = query, lang
        self.cyrillic = lang == "uz" and bool(_CYR.search(query))
        self._sides: dict[bool, tuple[Any, ...]] = {}  # latin? -> (text, profile)
        self._folded: dict[bool, str] = {}  # latin? -> the folded letters
        self._bare: dict[bool, bytes | None] = {}  # latin? -> _without_t_y of the letters
        self._scripts: dict[str, bool] = {}  # a unit's source -> other_script
        self._words: tuple[list[str], list[str]] | None = None  # surface words, matching forms
        self._matcher: SequenceMatcher | None = None  # holds the sentence's words (set_seq2)

    def _side(self, latin: bool) -> tuple[Any, ...]:
        side = self._sides.get(latin)
        if side is None:
            text = self.query
            if latin:
                from tarjimon.core.translit import to_latin

                text = to_latin(text)
            side = self._sides[latin] = (text, _profile(text, self.lang))
        return side

    def diff(self, source: str) -> list[tuple[str, str]]:
        """word_diff(sentence, source): the sentence's words put in matching form once."""
        if self._words is None:
            b = _surface(self.query)
            self._words = (b, _norms(b, self.lang))
        if self._matcher is None:
            # SequenceMatcher indexes its second sequence: done once for the matches shown, not once each
            self._matcher = SequenceMatcher(b=self._words[1], autojunk=False)
        a = _surface(source)
        return _diff(a, _norms(a, self.lang), *self._words, self._matcher)

    def _case_possible(self, latin: bool, lq: str, ls: str) -> bool:
        """False when the sentence's and a unit's Uzbek letters cannot fold alike (the case penalty), found
        without folding the unit's (_without_t_y)."""
        if latin not in self._bare:
            self._bare[latin] = _without_t_y(lq)
        a = self._bare[latin]
        if a is None:
            return True
        b = _without_t_y(ls)
        return b is None or a == b

    def other_script(self, source: str) -> bool:
        """True when the sentence and `source` are Uzbek in different scripts (the "script" penalty)."""
        if self.lang != "uz":
            return False
        other = self._scripts.get(source)  # (asked up to three times a unit: the bounds, least, penalties)
        if other is None:
            other = self._scripts[source] = self.cyrillic != bool(_CYR.search(source))
        return other

    def least(self, source: str, *, tags: bool = False, fuzzy: bool = False) -> int:
        """A lower bound of the points penalties() takes from `source`, from its cheap part: the tags, fuzzy,
        script, numbers, punctuation and whitespace penalties, exactly as penalties() finds them (the case and
        word-order ones, which need the letters folded and the key words, are left out)."""
        points = (PENALTIES["tags"] if tags else 0) + (PENALTIES["fuzzy"] if fuzzy else 0)
        latin = self.other_script(source)
        if latin:
            points += PENALTIES["script"]
            source = _latin(source)
        pq = self._side(latin)[1]
        _, nums, punct, space, _ = _marks(source)
        return (points + (PENALTIES["numbers"] if pq[0] != nums else 0)
                + (PENALTIES["punctuation"] if pq[2] != punct else 0)
                + (PENALTIES["whitespace"] if pq[3] != space else 0))

    def penalties(self, source: str, *, tags: bool = False, fuzzy: bool = False,
                  moved: bool | None = None) -> list[str]:
        """Names of the small differences between the sentence and `source` (see PENALTIES). `moved`: whether
        some words of the two matching keys stand in another order, when the caller knows it already
        (base_scores found it on the unit's stored key: rank_keys); else the keys are computed here."""
        out: list[str] = []
        lang, s, latin = self.lang, source, False
        if self.other_script(s):
            out.append("script")
            latin, (s, ps) = True, _latin_profile(s, lang)  # compare the rest in one script
        else:
            ps = _profile(s, lang)
        pq = self._side(latin)[1]
        if pq[0] != ps[0]:
            out.append("numbers")
        lq, ls = pq[1], ps[1]
        if lq != ls and (lang != "uz" or self._case_possible(latin, lq, ls)):
            folded = self._folded.get(latin)
            if folded is None:
                folded = self._folded[latin] = _fold_letters(lq, lang)
            if folded == _fold_letters(ls, lang):
                out.append("case")
        if pq[2] != ps[2]:
            out.append("punctuation")
        # only unusual runs (two spaces, NBSP, tab, line break) or spaces at an end: an added word is no
        # whitespace difference
        if pq[3] != ps[3]:
            out.append("whitespace")
        if moved is None:  # the words the base score compares: the two matching keys'
            moved = bool(_moved(query_key(self.query, lang)[0].split(), key_of(source, lang).split()))
        if moved:
            out.append("word-order")
        if tags:
            out.append("tags")
        if fuzzy:
            out.append("fuzzy")
        return out
