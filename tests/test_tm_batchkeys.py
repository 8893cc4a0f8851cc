"""batch_keys (the parallel import's keys and stems of a batch at once) gives exactly unit_key_and_tokens's
answer (key_and_tokens's, of the text without the tags written in it) for every text: generated ones (hypothesis, over an alphabet rich in the characters the fast path treats
specially: digits, apostrophes, spaces, punctuation, NUL, non-ASCII letters) and every seg of the TMX files
in tests/data and ../shared/data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tarjimon.core.text import tags
from tarjimon.core.tm.sqlite.batchkeys import batch_keys
from tarjimon.core.tm.text import unit_key_and_tokens

TESTS = Path(__file__).parent
SHARED = TESTS.resolve().parents[1] / "shared" / "data"


def _check(texts: list[str], lang: str) -> None:
    _check_as(texts, lang, texts)
    _check_as(texts, lang, [t.encode("utf-8") for t in texts])  # what the import gives: UTF-8 bytes


def _check_as(texts: list[str], lang: str, given: list[str] | list[bytes]) -> None:
    keys, owners, tokens, names = batch_keys(given, lang)
    assert len(keys) == len(texts)
    assert list(owners) == sorted(owners)
    got: list[set[str]] = [set() for _ in texts]
    for o, t in zip(owners.tolist(), tokens.tolist(), strict=True):
        assert names[t] not in got[o]  # each (text, stem) pair once
        got[o].add(names[t])
    for text, key, stems in zip(texts, keys, got, strict=True):
        assert (key, stems) == unit_key_and_tokens(text, lang), repr(text)


# with the punctuation outside ASCII the fast path takes as a space or an apostrophe (batchkeys._AS_ASCII), and
# characters close to it that it must not: ʹ and ′ (apostrophe-like, not deleted by the key), ‐ and ― dashes,
# a combining acute, Arabic-Indic digits
_ALPHABET = st.sampled_from(list("abcXYZ019 0 00\t\n.,;:!?-_'`’ʻ\x00ÜñЖқ#&()\"") + [" ", "  ", "0", "12"]
                            + list("“”„«»–—‑…•\u00a0×‘’ʻʼ´") + list("ʹ′‐―\u0301٣")
                            + ["<b>", "</b>", "<br/>", "{0}", "{name}", "%s", "%d", "%", "<", "{", "⟨1⟩", "⟨/1⟩",
                               "%1$s", "%(name)s", "%{x}", "%%", "<b class='x'>", "<br />", "<B>", "\x1c", "\x0b"])
_TEXT = st.lists(_ALPHABET, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=12), st.sampled_from(["en", "ru", "uz"]))
def test_batch_keys_equal_key_and_tokens_on_generated_text(texts: list[str], lang: str) -> None:
    _check(texts, lang)


def test_batch_keys_edge_cases() -> None:
    _check([], "en")
    _check(["", " ", "0", "a 0 b", "007 James 7", "x'y `z`", "  hello   world  ", "00100 x", "abcdefgh", "a\x00b",
            "Номер 5", "12345678901", "a-b_c", "___", "ab'cd'ef"], "en")
    # numbers: runs of 1-4 digits pack into one code ("#2019"), longer ones go through key_and_tokens
    _check(["year 2019 and 12345", "1'2 x", "a1 5", "99999 9999", "7", "x7 y", "12 12 012", "1234 12345 1"], "en")
    # punctuation outside ASCII taken as ASCII: quotes and dashes separate words, curly apostrophes are deleted
    # (and still split a number in two)
    _check(["“Quoted” text — here…", "don’t «stop» 1’000", "a–b—c", "x\u00a0y", "2×3", "l‘a", "1”2", "é “x”",
            "‘’“”", "“99999”", "it´s ʻok ʼ", "a′b ʹc"], "en")
    # tags written in a text: keyed and indexed without them (the ASCII path leaves those texts to the slow one)
    _check(["<b>Save</b> the file", "Saved {0} files", "%s is now an administrator", "50% off", "a < b {c",
            "Fayl {1} saqlandi", "Touch Retry to ⟨1/⟩resume", "%{attribute} %{message}", "<B>x</B>"], "en")
    # the batch deletes the runs of tags of all its texts at once (batchkeys._untagged): placeholders at either
    # end, between letters or digits, next to spaces, apostrophes and punctuation; runs of tags with spaces in
    # them; a text of tags alone (keyed with them); "%%" and a lone "%"; tags with attributes; non-ASCII texts
    # with tags (the slow path); texts without tags between them; an element's "<" left open up to a NUL
    _check(["%s", "%s%d", " %s ", "%s foo", "foo %s", "foo%s", "%sfoo", "foo%sbar", "foo %sbar", "foo%s bar",
            "foo %s %d bar", "foo%s %dbar", "foo%s%dbar", "12%s34", "1 %d 2", "x'%s'y", "don'%st", "(%s)", "a(%s)b",
            "%s: %s", "%1$s of %2$s", "%(count)d files", "%%", "100%% done", "50%", "%{count} items", "{0}", "{0}{1}",
            "a{0}b", "{name}x", "{ 0 }", "<b>", "<b>bold</b>", "x<br/>y", "x <br /> y", "<a href='u'>link</a>",
            "<span class=\"c\">a</span>b", "<bx id=\"1\"/>Text<ex id=\"1\"/>", "<B>x</B>", "<b", "b>", "<b x",
            "y>z", "“%s” — %d", "Fayl %s saqlandi — ok", "Ёлка %s", "%s ёлка", "", "plain text", "\x1c%s\x1cx",
            "a\x0b%s\x0bb", "%s\t%d\tx", "99999%s1", "%s99999", "x<ph/>y", "<q>a</q>b", "<p>a</p>", "{_a}x", "%08x",
            "a %s\n\t%d b", "a%s  %s  %sb", "%s.%s", "%s %s", "<%s>", "{%s}", "{a%s}", "<b%s>x", "%%s", "%%%s",
            "a%s\t%db", "a%s\x1c%db", "a%s \x0b %db"], "en")
    # texts outside ASCII but for punctuation the ASCII path takes (“ ” — …): their tags are found in the text as
    # written ("x%s“%dy" is two runs, "x%s %dy" one), a text of tags alone keeps them, and one where deleting
    # them leaves a tag ("{a%s}" -> "{a}") goes the slow way
    _check(["“%s”", "file “%s”: %s", "x%s“%dy", "x%s—%dy", "“%s” — %d", "‘%s’", "a%s\u00a0%db", "—%s—", "“{a%s}”", "“{a%s}” word", "“{a%s}” word",
            "“<b>x</b>”", "“%s%d”", "x“%s”y", "it’s %s", "%s…", "“50%” off", "“%%s”"], "en")
    _check(["<b x", "y>z", "a < b", "c > d"], "en")  # an element's attributes never run into the next text


def _segs(path: Path) -> list[str]:
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return []
    return ["".join(seg.itertext()) for seg in tree.iter("seg")]


def test_batch_keys_on_every_seg_of_the_tmx_files() -> None:
    texts = [t for f in sorted((TESTS / "data").rglob("*.tmx")) for t in _segs(f)]
    assert len(texts) > 20
    for lang in ("en", "uz"):
        _check(texts, lang)
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: only the repository's TMX files were checked")
    texts = [t for f in sorted(SHARED.rglob("*.tmx")) for t in _segs(f)]
    assert len(texts) > 100
    for lang in ("en", "ru", "uz"):
        _check(texts, lang)


# WRITTEN_TAG_RE as it was first written (every alternative opening on its own "%?"): the one in tags.py opens
# each on a literal, which the regex engine scans for much faster; it must find the very same tags and runs
_PLAIN_TAG = (r"⟨/?\d+/?⟩|%?\{\d+\}|%?\{[A-Za-z_]\w*\}|%(?:\d+\$)?(?:\(\w+\))?[sdif]"
              rf"|</?(?:{tags._ELEMENTS})(?:\s+[^<>]*)?/?>")


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_the_tag_patterns_find_what_they_found_written_plainly(text: str) -> None:
    plain = re.compile(_PLAIN_TAG, re.IGNORECASE)
    run = re.compile(rf"(?:{_PLAIN_TAG})(?:\s*(?:{_PLAIN_TAG}))*")
    assert [m.span() for m in tags.WRITTEN_TAG_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in tags._RUN.finditer(text)] == [m.span() for m in run.finditer(text)]
    if "\x00" not in text:
        assert tags.RUN_IN_JOINED.sub("", text) == run.sub("", text)
