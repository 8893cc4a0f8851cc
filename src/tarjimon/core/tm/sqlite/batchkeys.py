"""Matching keys and index stems of many source texts at once (the parallel TMX import's hot loop).

`batch_codes(texts, lang, codes)` gives, for every text, exactly what
:func:`tarjimon.core.tm.text.unit_key_and_tokens` gives (tests/test_tm_batchkeys.py compares them on every source of
the fixtures and on generated text): the key, and the stems the unit is indexed under, each stem as one
integer *code* (:class:`Codes`: a stem of at most STEM = 5 ASCII bytes is those bytes packed big-endian, any
other a number above 2**40 given out in order of appearance). ASCII texts of a language other than Uzbek (the
common case of a big TMX: English sources) are done together: one `bytes.translate` over the joined batch
(words of [a-z0-9], apostrophes dropped, digit runs as "0"), then numpy finds the words, packs each stem into
its code and takes the distinct (text, code) pairs with ONE sort; the "#<digits>" tokens of texts holding a
number are packed the same way from the digit runs of the original bytes. Python per text is left only for
the keys' split (C) and for texts that are not ASCII, are Uzbek, or hold a digit run longer than 4 (those go
through unit_key_and_tokens itself). An ASCII text with tags written in it (<b>, {1}, %s) goes the ASCII path
without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tarjimon.core.text.tags import ELEMENT_INITIALS, RUN_IN_JOINED, has_written_tags, without_written_tags
from tarjimon.core.tm.text import (  # the ASCII path's own tables
    _ASCII_APOS,
    _ASCII_TABLE,
    NUMBER,
    STEM,
    unit_key_and_tokens,
)

# The ASCII table with NUL kept as NUL: the texts are joined with it (XML cannot carry a NUL, and a text
# holding one is left to key_and_tokens).
_TABLE = b"\x00" + _ASCII_TABLE[1:]
_SHIFT = 8 * STEM  # a packed stem takes the low 40 bits; the text's index sits above them
_MASK = (1 << _SHIFT) - 1
_NUMBER_CODE = ord(NUMBER) << (_SHIFT - 8)  # the stem "0": a word that was a digit run
_HASH_CODE = ord("#") << (_SHIFT - 8)
OTHER = 1 << _SHIFT  # codes of stems that do not pack: OTHER + their index in Codes.names
assert STEM == 5  # a packed stem and its text index share 64 bits


class Codes:
    """Stem <-> code: packed bytes for short ASCII stems, OTHER + an index for the rest (one per worker)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.known: dict[str, int] = {}

    def code(self, stem: str) -> int:
        got = self.known.get(stem)
        if got is None:
            raw = stem.encode("utf-8")
            if len(raw) <= STEM and stem.isascii() and "\x00" not in stem:
                got = int.from_bytes(raw.ljust(STEM, b"\x00"), "big")
            else:
                got = OTHER + len(self.names)
                self.names.append(stem)
            self.known[stem] = got
        return got

    def name(self, code: int) -> str:
        if code >= OTHER:
            return self.names[code - OTHER]
        return code.to_bytes(STEM, "big").rstrip(b"\x00").decode("ascii")


# Non-ASCII characters the ASCII path can take as ASCII ones (key_and_tokens gives the same key and stems):
# punctuation that separates words (NFC and casefold leave it as it is; not a word character, not a digit)
# -> a space, and the apostrophes it deletes (KEY_APOSTROPHES) -> "'", which the ASCII path deletes too (a
# byte, so the digit runs on either side stay two numbers, as `_DIGITS.findall` sees them). A text with only
# these outside ASCII (curly quotes, dashes, an ellipsis: half the non-ASCII sources of an English TMX) skips
# key_and_tokens.
_AS_ASCII = {**dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2011\u2026\u2022\u00a0\u00d7", " "),
             **dict.fromkeys("\u2018\u2019\u02bb\u02bc\u00b4", "'")}
_AS_ASCII_BYTES = [(k.encode("utf-8"), v.encode("ascii")) for k, v in _AS_ASCII.items()]


def _plain_ascii(text: Any) -> Any:
    """`text` (str or UTF-8 bytes) with the characters of _AS_ASCII replaced, when that leaves it ASCII; else
    None."""
    for old, new in _AS_ASCII_BYTES if isinstance(text, bytes) else _AS_ASCII.items():
        if old in text:
            text = text.replace(old, new)
    return text if text.isascii() else None


def _plain_ascii_all(texts: list[Any]) -> list[Any]:
    """_plain_ascii of each text (all str, or all bytes), the replacements made over the texts joined by NUL
    (none of them holds a NUL, nor spans two texts): 17 searches a batch instead of 17 a text (the ~5% of an
    English TMX's sources that are not ASCII: 38 -> 5 ms a part of 140,000 units)."""
    sep: Any = b"\x00" if isinstance(texts[0], bytes) else "\x00"
    joined = sep.join(texts)
    if joined.count(sep) != len(texts) - 1:  # a text holding a NUL: one at a time
        return [_plain_ascii(t) for t in texts]
    for old, new in _AS_ASCII_BYTES if sep == b"\x00" else _AS_ASCII.items():
        if old in joined:
            joined = joined.replace(old, new)
    return [t if t.isascii() else None for t in joined.split(sep)]


def _tagged(text: Any) -> bool:
    """has_written_tags of an ASCII text, str or bytes."""
    return has_written_tags(text.decode("ascii") if isinstance(text, bytes) else text)


def _plain_untagged(text: Any) -> Any:
    """A text outside ASCII (str or UTF-8 bytes) without its tags (without_written_tags: where the spaces are
    is read on the text as written, "x%s“%dy" being two runs), as _plain_ascii makes it; None when that is not
    ASCII or still has tags (then the batch's regex would find them: the slow path)."""
    plain = _plain_ascii(without_written_tags(text.decode("utf-8") if isinstance(text, bytes) else text))
    if plain is None or has_written_tags(plain):
        return None
    return plain.encode("ascii") if isinstance(text, bytes) else plain


def batch_keys(texts: Sequence[Any], lang: str) -> tuple[list[str], Any, Any, list[str]]:
    """(keys, owners, tokens, names): keys[i] is texts[i]'s matching key; `owners` (ascending) and `tokens`
    are parallel int64 arrays, one entry per (text, stem) pair, names[tokens[j]] the stem of text owners[j].
    The texts are all str, or all UTF-8 bytes (the import's: an ASCII text is then never decoded)."""
    codes = Codes()
    keys, owners, got = batch_codes(texts, lang, codes)
    uniq, inverse = np.unique(got, return_inverse=True)
    names = [codes.name(int(c)) for c in uniq.tolist()]
    return keys, owners, inverse.astype(np.int64).reshape(-1), names


def batch_codes(texts: Sequence[Any], lang: str, codes: Codes, *,
                byte_keys: bool = False) -> tuple[list[Any], Any, Any]:
    """(keys, owners, codes): keys[i] is texts[i]'s matching key (UTF-8 bytes with `byte_keys`, what the
    import stores, else str); `owners` (int64, ascending) and `codes` (uint64) are parallel arrays, one entry
    per distinct (text, stem) pair (see the module doc)."""
    n = len(texts)
    if not n:
        return [], np.zeros(0, np.int64), np.zeros(0, np.uint64)
    as_bytes = isinstance(texts[0], bytes)
    slow: list[int] = []
    if lang == "uz":
        slow = list(range(n))
    else:
        ascii_ = list(map(bytes.isascii if as_bytes else str.isascii, texts))
        sub = texts
        if not all(ascii_):  # the others go the slow way; an empty text holds their place in the batch
            sub = list(texts)
            odd = [i for i, a in enumerate(ascii_) if not a]
            empty = b"" if as_bytes else ""
            # only punctuation outside ASCII: the ASCII path still
            for i, plain in zip(odd, _plain_ascii_all([texts[i] for i in odd]), strict=True):
                if plain is not None and _tagged(plain):  # ("“%s”"): the tags go from the text as written
                    plain = _plain_untagged(texts[i])
                if plain is None:
                    slow.append(i)
                sub[i] = empty if plain is None else plain
        joined = b"\x00".join(sub) if as_bytes else "\x00".join(sub).encode("ascii")
        if joined.count(b"\x00") != n - 1:  # a text holding a NUL: all of this batch the slow way
            slow = list(range(n))
        else:
            untagged = _untagged(joined, n)
            keys, owners, got, long_numbers = _ascii(untagged, n, byte_keys)
            if untagged is not joined:  # keyed without their tags: still ASCII, still this path, but a text
                # left without words (the empty stem, code 0) keeps its tags: the slow path
                slow += [i for i in owners[got == 0].tolist() if sub[i] and _tagged(sub[i])]
            if long_numbers or slow:
                slow = sorted(set(slow).union(long_numbers))
            if slow:
                gone = np.zeros(n, dtype=bool)
                gone[slow] = True
                drop = gone[owners]
                owners, got = owners[~drop], got[~drop]
    if len(slow) == n:
        keys, owners, got = [""] * n, np.zeros(0, np.int64), np.zeros(0, np.uint64)
    if slow:
        slow_o, slow_c = [], []
        code = codes.code
        for i in slow:
            text = texts[i]
            key, toks = unit_key_and_tokens(text.decode("utf-8") if as_bytes else text, lang)
            keys[i] = key.encode("utf-8") if byte_keys else key
            slow_o += [i] * len(toks)
            slow_c += [code(t) for t in sorted(toks)]  # (a set's order is the hash's: random per process)
        owners = np.concatenate((owners, np.asarray(slow_o, dtype=np.int64)))
        got = np.concatenate((got, np.asarray(slow_c, dtype=np.uint64)))
        order = np.argsort(owners, kind="stable")
        owners, got = owners[order], got[order]
    return keys, owners, got


# "%", NUL (between two texts), "<" and "{" -> 1, anything else 0: one translate finds a batch's marks
_MARKS = bytes(1 if c in b"%\x00<{" else 0 for c in range(256))
# after a "%": 1 for a printf tag's letter (%s %d %i %f), 2 for what opens a longer tag (%1$s %(name)s %{name})
_AFTER_PERCENT = bytes(1 if c in b"sdif" else 2 if c in b"0123456789({" else 0 for c in range(256))
# after a "<" or "{": 1 where a tag may start (an element's first letter, lower case as the pattern has it, or
# "/"; a name's or number's first character)
_AFTER_OPEN = {60: bytes(1 if c in b"/" + ELEMENT_INITIALS.encode("ascii") else 0 for c in range(256)),
               123: bytes(1 if chr(c).isalnum() and c < 128 or c == 95 else 0 for c in range(256))}
# what the tags' pattern takes as a space (\s of str: the ASCII ones and \x1c-\x1f)
_SPACES = bytes(c for c in range(128) if chr(c).isspace())
_IS_SPACE = np.zeros(256, dtype=bool)
_IS_SPACE[list(_SPACES)] = True


def _untagged(joined: bytes, n: int) -> bytes:
    """The n ASCII texts joined by NUL with their tags deleted (`joined` itself when none has any), each keyed
    and indexed then exactly as without_written_tags's answer is: a run of tags goes with the spaces inside it,
    the spaces around it stay where without_written_tags makes them one space (none at an end), and either way
    they part two words as one space does (the key is the words). A text left without a letter or digit keeps
    its tags there: the caller sends it the slow way.
    Most tags of a big TMX are printf's "%s" and "%d": in a text whose only marks are such (no "<" or "{", no
    "%" opening a longer tag) a run is some of them with only spaces between, and numpy deletes their bytes
    over the whole batch. The runs of the other texts are found by the regex, text by text (the regex over
    the batch took ~0.5 us a tag: 70 ms a part of 140,000 units)."""
    if b"%" not in joined and b"<" not in joined and b"{" not in joined:
        return joined
    arr = np.frombuffer(joined + b"\x00", dtype=np.uint8)  # (a "%" ending the batch has a NUL after it)
    where = np.flatnonzero(np.frombuffer(joined.translate(_MARKS), dtype=bool))
    kind = arr[where]
    seps = where[kind == 0]
    pct = where[kind == 37]
    after = np.frombuffer(arr[pct + 1].tobytes().translate(_AFTER_PERCENT), dtype=np.uint8)
    hard = np.zeros(n, dtype=bool)  # texts the regex reads
    for mark, table in _AFTER_OPEN.items():
        at = where[kind == mark]
        at = at[np.frombuffer(arr[at + 1].tobytes().translate(table), dtype=bool)]
        hard[np.searchsorted(seps, at)] = True
    hard[np.searchsorted(seps, pct[after == 2])] = True
    tags = pct[after == 1]
    owner = np.searchsorted(seps, tags)  # the text of each tag
    easy = ~hard[owner]
    tags, owner = tags[easy], owner[easy]
    if not len(tags) and not hard.any():
        return joined
    keep = np.ones(len(joined), dtype=bool)
    keep[tags] = False
    keep[tags + 1] = False
    if len(tags) > 1:  # two tags of a text with only spaces between them: one run, the spaces deleted too
        gap, nxt = tags[:-1] + 2, tags[1:]
        spaced = (owner[1:] == owner[:-1]) & (nxt > gap) & _IS_SPACE[arr[gap]]
        for a, b in zip(gap[spaced].tolist(), nxt[spaced].tolist(), strict=True):
            if not joined[a:b].translate(None, _SPACES):
                keep[a:b] = False
    hard_ones = np.flatnonzero(hard).tolist()
    if hard_ones:
        text = joined.decode("ascii")
        ends = seps.tolist() + [len(joined)]
        for i in hard_ones:
            for m in RUN_IN_JOINED.finditer(text, ends[i - 1] + 1 if i else 0, ends[i]):
                keep[m.start():m.end()] = False
    return arr[:-1][keep].tobytes()


def _owners(seps: Any, starts: Any, n: int) -> Any:
    """For each start (ascending), the index of the text it falls in: how many separators come before it."""
    counts = np.diff(np.searchsorted(starts, seps), prepend=0, append=len(starts))
    return np.repeat(np.arange(n, dtype=np.uint64), counts)


def _pack(arr: Any, starts: Any, size: Any) -> Any:
    """The codes of the byte runs arr[starts[j] : starts[j] + size[j]] (size <= STEM), packed big-endian: the
    8 bytes at each start read as one big-endian integer (a strided view of the array), its top STEM bytes
    kept and the bytes past the run's size masked off."""
    padded = np.concatenate((arr, np.zeros(8, dtype=np.uint8)))
    windows = np.ndarray((len(arr) + 1,), dtype=">u8", buffer=padded, strides=(1,))
    out = windows[starts].astype(np.uint64) >> np.uint64(8 * (8 - STEM))
    return out & _KEEP[size]


# _KEEP[s]: the mask of the first s of STEM packed bytes
_KEEP = np.array([((1 << (8 * s)) - 1) << (8 * (STEM - s)) for s in range(STEM + 1)], dtype=np.uint64)


def _ascii(joined: bytes, n: int, byte_keys: bool = False) -> tuple[list[Any], Any, Any, list[int]]:
    """Keys of the n ASCII texts joined by NUL, their distinct (text index, code) pairs sorted by text, and
    which texts must go the slow way (a number of more than STEM - 1 digits: its "#<digits>" does not pack;
    their pairs are still there, the caller drops them)."""
    raw = joined.translate(_TABLE, _ASCII_APOS)
    arr = np.frombuffer(raw, dtype=np.uint8)
    zero = arr == 48
    if zero.any():  # a run of digits (now of "0"s) is one "0"
        arr = arr[~(zero & np.concatenate(([False], zero[:-1])))]
    sep = arr == 0
    word = (arr != 32) & ~sep
    edge = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    # the key: the words, one space between two words of the same text (where the next word starts before
    # the next separator)
    keep = word | sep
    owners = _owners(np.flatnonzero(sep), starts, n)  # the text each word belongs to
    inner = ends[:-1][owners[1:] == owners[:-1]]  # a word followed by another word of its text
    keep[inner] = True
    kept = arr[keep].tobytes()
    keys = kept.split(b"\x00") if byte_keys else kept.decode("ascii").split("\x00")
    codes = _pack(arr, starts, np.minimum(ends - starts, STEM))
    pairs = (owners << np.uint64(_SHIFT)) | codes
    number = codes == np.uint64(_NUMBER_CODE)
    long_numbers: list[int] = []
    if number.any():
        # texts with a number: "#<digits>" for each digit run of the original text, the stem "0" dropped
        numbered = np.zeros(n + 1, dtype=bool)
        numbered[owners[number].astype(np.int64)] = True
        orig = np.frombuffer(joined, dtype=np.uint8)
        digit = (orig >= 48) & (orig <= 57)
        dedge = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        dstarts = np.flatnonzero(dedge == 1)
        dsize = np.flatnonzero(dedge == -1) - dstarts
        downers = _owners(np.flatnonzero(orig == 0), dstarts, n).astype(np.int64)
        mine = numbered[downers]
        dstarts, dsize, downers = dstarts[mine], dsize[mine], downers[mine]
        long_numbers = np.unique(downers[dsize >= STEM]).tolist()
        short = dsize < STEM
        hashed = (_pack(orig, dstarts[short], dsize[short]) >> np.uint64(8)) | np.uint64(_HASH_CODE)
        pairs = np.concatenate(((pairs[~number]),
                                (downers[short].astype(np.uint64) << np.uint64(_SHIFT)) | hashed))
    # (equal pairs are equal integers: any sort gives the same array. The pairs come text by text, in runs a
    # stable sort (timsort) merges: 19 ms the 140,000 units' 1.65M pairs where the default one takes 63, numpy
    # 2.4 on this machine's EPYC)
    pairs.sort(kind="stable")
    if len(pairs) > 1:
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    owners = (pairs >> np.uint64(_SHIFT)).astype(np.int64)
    codes = pairs & np.uint64(_MASK)
    # a text without words (and without numbers) is indexed under the empty stem, as key_and_tokens does
    has = np.zeros(n, dtype=bool)
    has[owners] = True
    if long_numbers:
        has[long_numbers] = True  # their pairs are left for the caller to drop (it drops every slow text's)
    empty = np.flatnonzero(~has)
    if len(empty):  # each in its place (no pair is of an empty text): one copy instead of a sort
        at = np.searchsorted(owners, empty)
        owners = np.insert(owners, at, empty)
        codes = np.insert(codes, at, np.uint64(0))
    return keys, owners, codes, long_numbers
