"""Matching keys and index stems of many source texts at once (the parallel TMX import's hot loop).

`batch_keys(texts, lang)` gives, for every text, exactly what :func:`tarjimon.core.tm.text.key_and_tokens`
gives (tests/test_tm_batchkeys.py compares them on every source of the fixtures and on generated text): the
key, and the stems the unit is indexed under. ASCII texts of a language other than Uzbek (the common case of a
big TMX: English sources) are done together: one `bytes.translate` over the joined batch (words of [a-z0-9],
apostrophes dropped, digit runs as "0"), two regular expressions for the spaces, then numpy finds the words,
packs each stem (at most STEM = 5 ASCII bytes) into one integer and takes the distinct (text, stem) pairs with
one sort. Per text, Python only splits the keys and, for texts holding a number, lists its digit runs
("#<digits>" tokens). Any other text goes through key_and_tokens itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tarjimon.core.tm.text import (  # the ASCII path's own tables
    _ASCII_APOS,
    _ASCII_TABLE,
    _DIGITS,
    NUMBER,
    STEM,
    key_and_tokens,
)

# The ASCII table with NUL kept as NUL: the texts are joined with it (XML cannot carry a NUL, and a text
# holding one is left to key_and_tokens).
_TABLE = b"\x00" + _ASCII_TABLE[1:]
_SHIFT = 8 * STEM  # a packed stem takes the low 40 bits; the text's index sits above them
_MASK = (1 << _SHIFT) - 1
_NUMBER_CODE = ord(NUMBER) << (_SHIFT - 8)  # the stem "0": a word that was a digit run
assert STEM == 5  # a packed stem and its text index share 64 bits


def batch_keys(texts: Sequence[Any], lang: str) -> tuple[list[str], Any, Any, list[str]]:
    """(keys, owners, tokens, names): keys[i] is texts[i]'s matching key; `owners` (ascending) and `tokens`
    are parallel int64 arrays, one entry per (text, stem) pair, names[tokens[j]] the stem of text owners[j].
    The texts are all str, or all UTF-8 bytes (the import's: an ASCII text is then never decoded)."""
    n = len(texts)
    keys: list[str] = [""] * n
    as_bytes = bool(n) and isinstance(texts[0], bytes)
    nul = b"\x00" if as_bytes else "\x00"
    fast = [i for i, t in enumerate(texts) if t.isascii() and nul not in t] if lang != "uz" else []
    owner_parts, token_parts, names = [], [], []
    if fast:
        fkeys, owners, codes, numbered = _ascii([texts[i] for i in fast])
        where = np.asarray(fast, dtype=np.int64)
        for i, key in zip(fast, fkeys, strict=True):
            keys[i] = key
        uniq = _distinct(codes)
        inverse = np.searchsorted(uniq, codes)
        names = [int(c).to_bytes(STEM, "big").rstrip(b"\x00").decode("ascii") for c in uniq.tolist()]
        owner_parts.append(where[owners])
        token_parts.append(inverse.astype(np.int64).reshape(-1))
        extra_o, extra_t = [], []
        index: dict[str, int] = {}
        for j in numbered:
            text = texts[fast[j]]
            for d in set(_DIGITS.findall(text.decode("ascii") if as_bytes else text)):
                name = "#" + d
                t = index.get(name)
                if t is None:
                    t = index[name] = len(names)
                    names.append(name)
                extra_o.append(fast[j])
                extra_t.append(t)
        if extra_o:
            owner_parts.append(np.asarray(extra_o, dtype=np.int64))
            token_parts.append(np.asarray(extra_t, dtype=np.int64))
    if len(fast) < n:
        done = set(fast)
        slow_o, slow_t = [], []
        index = {name: t for t, name in enumerate(names)}
        for i, text in enumerate(texts):
            if i in done:
                continue
            keys[i], toks = key_and_tokens(text.decode("utf-8") if as_bytes else text, lang)
            for name in toks:
                t = index.get(name)
                if t is None:
                    t = index[name] = len(names)
                    names.append(name)
                slow_o.append(i)
                slow_t.append(t)
        owner_parts.append(np.asarray(slow_o, dtype=np.int64))
        token_parts.append(np.asarray(slow_t, dtype=np.int64))
    if not owner_parts:
        return keys, np.zeros(0, np.int64), np.zeros(0, np.int64), names
    owners = np.concatenate(owner_parts)
    tokens = np.concatenate(token_parts)
    if len(owner_parts) > 1:
        order = np.argsort(owners, kind="stable")
        owners, tokens = owners[order], tokens[order]
    return keys, owners, tokens, names


def _ascii(texts: list[Any]) -> tuple[list[str], Any, Any, list[int]]:
    """Keys of ASCII texts, their distinct (text index, packed stem) pairs sorted by text, and which texts
    hold a number (their stem "0" is left out here: the caller adds their "#<digits>" tokens)."""
    if texts and isinstance(texts[0], bytes):
        joined = b"\x00".join(texts)
    else:
        joined = "\x00".join(texts).encode("ascii")
    raw = joined.translate(_TABLE, _ASCII_APOS)
    arr = np.frombuffer(raw, dtype=np.uint8)
    zero = arr == 48
    if zero.any():  # a run of digits (now of "0"s) is one "0"
        arr = arr[~(zero & np.concatenate(([False], zero[:-1])))]
    sep = arr == 0
    word = (arr != 32) & ~sep
    edge = np.diff(word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    # the key: the words, one space between two words of the same text (where the next word starts before
    # the next separator)
    keep = word | sep
    seps = np.flatnonzero(sep)
    owners = np.searchsorted(seps, starts)  # the text each word belongs to
    inner = ends[:-1][owners[1:] == owners[:-1]]  # a word followed by another word of its text
    keep[inner] = True
    keys = arr[keep].tobytes().decode("ascii").split("\x00")
    size = np.minimum(ends - starts, STEM)
    padded = np.concatenate((arr, np.zeros(STEM, dtype=np.uint8)))
    codes = np.zeros(len(starts), dtype=np.uint64)
    for j in range(STEM):
        byte = padded[starts + j].astype(np.uint64)
        byte[size <= j] = 0
        codes |= byte << np.uint64(8 * (STEM - 1 - j))
    pairs = _distinct((owners.astype(np.uint64) << np.uint64(_SHIFT)) | codes)
    owners = (pairs >> np.uint64(_SHIFT)).astype(np.int64)
    codes = pairs & np.uint64(_MASK)
    number = codes == np.uint64(_NUMBER_CODE)
    numbered = owners[number].tolist()
    if numbered:
        owners, codes = owners[~number], codes[~number]
    # a text without words (and without numbers) is indexed under the empty stem, as key_and_tokens does
    has = np.zeros(len(texts), dtype=bool)
    has[owners] = True
    has[numbered] = True
    empty = np.flatnonzero(~has)
    if len(empty):
        owners = np.concatenate((owners, empty))
        codes = np.concatenate((codes, np.zeros(len(empty), dtype=np.uint64)))
        order = np.argsort(owners, kind="stable")
        owners, codes = owners[order], codes[order]
    return keys, owners, codes, numbered


def _distinct(values: Any) -> Any:
    """The distinct values, ascending (a sort: numpy's hashing np.unique is several times slower here)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values
