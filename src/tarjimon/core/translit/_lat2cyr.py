"""Uzbek Latin (1995 alphabet) -> Cyrillic: letter rules, the exception lexicon, and protection of
tokens that are not Uzbek words (URLs, e-mails, @handles, acronyms, foreign spellings)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache

from ._alphabet import APOSTROPHES, LAT_VOWELS, TURNED_COMMA
from ._lexicon import Lexicon, latin_key
from ._news import INITIALS_RE, is_suffix_chain, is_uzbek_caps, news_tokens

_BASE = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з", "'": "ъ",
}  # fmt: skip
_IOTATED = {"a": "я", "o": "ё", "u": "ю", "e": "е"}
_VOWELS_OR_MARK = LAT_VOWELS | {"'"}

_A = re.escape(APOSTROPHES)
# A Latin word: letters, with apostrophes inside it (maʼlumot, oʻzbek) or closing gʻ (togʻ).

# A final oʻ (obroʻ) is accepted with the marks that are not also closing quotes.
# A final ʼ (U+02BC, never a quote) is the tutuq belgisi: Baqiʼ -> Бақиъ.
WORD_RE = re.compile(
    f"[A-Za-z](?:[A-Za-z]|[{_A}](?=[A-Za-z])|(?<=[gG])[{_A}]|(?<=[oO])['`\u2018\u02bb]|\u02bc(?![A-Za-z]))*"
)
# Spans never converted: URLs, e-mail addresses, @handles and #tags, dotted names (Alem.Cloud) but not
# initials glued to a name (Sh.Aliyev is converted).
PROTECTED_RE = re.compile(
    r"(?:https?://|www\.)\S+[^\s.,;:!?)»”\"']"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"  # (from a run's start only: from each of its letters was quadratic)
    r"|[@#]\w+"
    rf"|\b(?!{INITIALS_RE.pattern})[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+"
)
_TO_TURNED = str.maketrans({mark: TURNED_COMMA for mark in APOSTROPHES})
# A hyphenated name of capitalised parts (Wi-Fi, Coca-Cola): one part in letters Uzbek does not use keeps all.
_CAPS_COMPOUND_RE = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+(?![\w-])")


@lru_cache(maxsize=1)
def _phrases_re() -> re.Pattern[str] | None:
    """Names of several words kept whole (news_tokens.toml: brands.phrases), longest first."""
    # each also in capitals, as a headline writes it (ASTANA HUB)
    phrases = sorted({q for p in news_tokens().phrases for q in (p, p.upper())}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, phrases)) + r")(?![\w-])")


# Two sentences with the space after the full stop lost (berdi.Maʼlum, etadi.Axborot): not a dotted name.
_JOINED_SENTENCES_RE = re.compile(r"[a-z]+[\w'ʻʼ‘’]*\.[A-Z][a-z'ʻʼ‘’]+")


def _joined_sentences(span: str) -> bool:
    return _JOINED_SENTENCES_RE.fullmatch(span) is not None and not _NON_UZBEK_RE.search(span)


# A quoted name of one to four capitalised words: «Heyal Holding», "ADK Group Elektrik San" (not a quotation).
_QUOTED_NAME_RE = re.compile(r"[\"«“]((?:[A-Z][\w'ʻʼ‘’.&-]*)(?: [A-Z][\w'ʻʼ‘’.&-]*){0,3})[\"»”]")


def _foreign_name(name: str) -> bool:
    """A quoted name with a word no Uzbek name has: foreign letters (Cabani), a listed brand, an English
    business word (Group, Holding: news_tokens.toml brands.business), or one word that is a place's foreign
    spelling («Turkistan», not Uzbek Turkiston: brands.foreign_spellings): the whole name stays in Latin."""
    words = name.split()
    if len(words) < 2:
        return name in news_tokens().foreign_spellings  # «Turkistan» gazetasi: the paper's own spelling
    business = news_tokens().business
    return any(_NON_UZBEK_RE.search(w) or w in business or w in news_tokens().brands for w in words)


def _kept_spans(text: str) -> list[tuple[int, int]]:
    """Spans never converted, in text order: PROTECTED_RE's, multi-word names, foreign hyphenated names."""
    spans = [m.span() for m in PROTECTED_RE.finditer(text) if not _joined_sentences(m.group())]
    phrases = _phrases_re()
    if phrases is not None:
        spans += [m.span() for m in phrases.finditer(text)]
    spans += [m.span() for m in _CAPS_COMPOUND_RE.finditer(text) if _NON_UZBEK_RE.search(m.group())]
    if any(q in text for q in "\"«“"):
        spans += [m.span(1) for m in _QUOTED_NAME_RE.finditer(text) if _foreign_name(m.group(1))]
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:  # merged, so that the span holding a position is the last one starting before it
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _acronym_key(word: str) -> str:
    return word.translate(_TO_TURNED)


@lru_cache(maxsize=1)
def _acronyms() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {_acronym_key(k): v for k, v in news_tokens().acronyms.items()}
    prefix = re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))
    return table, prefix




def caps_suffix(word: str) -> tuple[str, str] | None:
    """(head, suffix) of a word whose head holds two capitals or more and ends with one, and whose suffix is
    small letters to its end (YuNESKOning: YuNESKO, ning); else None. What `(.*[A-Z].*[A-Z])([a-z]+)` fullmatch
    gives, in one pass: the pattern backtracked through every split (a 30,000-letter word took 16 s)."""
    cut = len(word)
    while cut and "a" <= word[cut - 1] <= "z":
        cut -= 1
    if cut == len(word) or not cut or not "A" <= word[cut - 1] <= "Z":
        return None
    head = word[:cut]
    if sum(1 for ch in head if "A" <= ch <= "Z") < 2 or "\n" in head:
        return None
    return head, word[cut:]


# Letters or pairs Uzbek Latin never writes: c outside ch, w, ck/ph/gh (Shanghai, Facebook), inner capitals.
_NON_UZBEK_RE = re.compile(r"c(?!h)|w|C(?![hH])|W|[a-z][A-Z]|ck|[pPgG]h|tion")


def _ci_follows(key: str, i: int) -> bool:
    """True when ``key[i:]`` starts with i + vowel or iy: the -ция/-цион/-циал ending of loans."""
    return key[i : i + 1] == "i" and (key[i + 1 : i + 2] in LAT_VOWELS or key[i + 1 : i + 2] == "y")


def _letters(key: str, start: int, e_after_prefix: Collection[int] = ()) -> list[tuple[int, str]]:
    """(source index, Cyrillic) pieces for ``key[start:]``; ``key`` is a lower-case latin_key."""
    out: list[tuple[int, str]] = []
    n = len(key)
    i = start
    while i < n:
        ch = key[i]
        nxt = key[i + 1] if i + 1 < n else ""
        prev = key[i - 1] if i > 0 else ""
        if ch in "og" and nxt == "'":
            out.append((i, "ў" if ch == "o" else "ғ"))
            i += 2
            continue
        if ch == "s" and nxt == "'" and key[i + 2 : i + 3] == "h":  # Isʼhoq -> Исҳоқ
            out.extend(((i, "с"), (i + 2, "ҳ")))
            i += 3
            continue
        if ch in "sc" and nxt == "h":
            out.append((i, "ш" if ch == "s" else "ч"))
            i += 2
            continue
        if ch == "y" and nxt in _IOTATED and key[i + 2 : i + 3] != "'":  # yoʻl -> йўл
            letter = _IOTATED[nxt]
            if nxt == "e" and prev and prev not in _VOWELS_OR_MARK:
                # Consonant + ye: ъ after the Russian prefixes ob-/pod-/s- (obyekt, syezd), else ь.
                letter = ("ъ" if prev in "bds" else "ь") + letter
            out.append((i, letter))
            i += 2
            continue
        if ch == "e":
            # э at the start of a word and after a vowel (aeroport, poeziya), else е.
            after_vowel = prev in LAT_VOWELS or key[i - 2 : i] == "o'"  # oʻ is a vowel too (oʻe -> ўэ)
            # Russian surnames and names in -eev/-iev keep е: Sergeev, Tilendiev, Kiev
            surname = prev in ("e", "i") and nxt == "v"
            out.append((i, "э" if not prev or (after_vowel and not surname) or i in e_after_prefix else "е"))
            i += 1
            continue
        if (
            ch == "t"
            and nxt == "s"
            and (
                _ci_follows(key, i + 2) or key[i + 2 : i + 3] == "e" or (i == 0 and key[i + 2 : i + 3] != "h")
            )
        ):
            # militsiya, aktsiya, kontsert, protsent, tsirk (old ts spellings); not aytsa, otsiz
            out.append((i, "ц"))
            i += 2
            continue
        if ch == "s" and prev in ("k", "p", "b") and _ci_follows(key, i + 1):
            out.append((i, "ц"))  # aksiya -> акция, opsiya -> опция
            i += 1
            continue
        out.append((i, _BASE.get(ch, ch)))
        i += 1
    return out


def word_to_cyrillic(word: str, lexicon: Lexicon) -> str:
    """Convert one Latin Uzbek word (apostrophes in any variant)."""
    key = latin_key(word)
    # latin_key keeps one character per source character, so indices line up with ``word``.
    hit = lexicon.match_latin(key)
    stem_len, stem = hit if hit is not None else (0, "")
    pieces = _letters(key, stem_len, news_tokens().e_after_prefix(key))
    if word.isupper() and len(word) > 1:
        return (stem + "".join(p for _, p in pieces)).upper()
    if stem and word[0].isupper():
        stem = stem[0].upper() + stem[1:]
    out = [stem]
    for index, piece in pieces:
        out.append(piece[0].upper() + piece[1:] if word[index].isupper() else piece)
    return "".join(out)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isascii() and c.isalpha()]  # ʻ and ʼ are letters to Python
    if len(letters) < 2 or not word.isupper():
        return False
    return len(letters) <= 4 or not any(c in "AEIOU" for c in letters)


def _headline_lines(text: str) -> set[int]:
    """Start offsets of lines written mostly in capitals, whose short words are not acronyms."""
    starts: set[int] = set()
    offset = 0
    for line in text.splitlines(keepends=True):
        words = [w for w in WORD_RE.findall(line) if len(w) > 1]
        caps = sum(1 for w in words if w.isupper())
        if len(words) >= 3 and caps >= 0.6 * len(words):
            starts.add(offset)
        offset += len(line)
    return starts


def _long_caps(word: str) -> bool:
    """A word in capitals too long for an acronym (five letters or more, a vowel among them): TOSHKENT, SAHIFA."""
    return word.isupper() and not _is_acronym(word) and sum(c.isascii() and c.isalpha() for c in word) >= 5


# The place of a dateline at a line's start, then a comma or full stop: XIVA, 5 yanvar; OSH. Kun.uz -
_DATELINE_RE = re.compile(f"^[ \t«\"“]*([A-Z][A-Z{_A}]+)(?=[,.] )", re.MULTILINE)


def _caps_words(text: str) -> set[int]:
    """Start offsets of short words in capitals that are Uzbek words, not acronyms: those of a run of capitals
    holding a longer word (BOSH SAHIFA, «ASTANA VA TOSHKENT», YANGI YIL ARAFASIDA in a line of lower case), and
    the place of a dateline (XIVA, 5 yanvar; OSH. Kun.uz)."""
    out: set[int] = set()
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2 and any(_long_caps(m.group()) for m in run):
            out.update(m.start() for m in run)

    end = 0
    for m in WORD_RE.finditer(text):
        caps = m.group().isupper()
        gap = text[end : m.start()]
        if caps and run and "\n" not in gap and not any(ch.isalnum() for ch in gap):
            run.append(m)
        else:
            flush()
            run = [m] if caps else []
        end = m.end()
    flush()
    out.update(m.start(1) for m in _DATELINE_RE.finditer(text))
    return out


def _caps_to_cyrillic(word: str, lexicon: Lexicon) -> str:
    """TOShKENT -> ТОШКЕНТ, ChIRChIQ -> ЧИРЧИҚ, OʻzA -> ЎзА (Oʻz keeps its case)."""
    if len(word) > 3 and word[0] == "O" and word[1] in APOSTROPHES and word[2] == "z":
        return "Ўз" + word_to_cyrillic(word[3:].upper(), lexicon).upper()
    return word_to_cyrillic(word.upper(), lexicon).upper()


def to_cyrillic(text: str, lexicon: Lexicon, keep: Collection[str] = ()) -> str:
    """Convert the Uzbek Latin words of ``text``; protected and foreign tokens stay as written."""
    spans = _kept_spans(text)
    span_starts = [a for a, _ in spans]
    tokens = news_tokens()
    acronyms, acronym_prefix = _acronyms()

    def protected_end(pos: int) -> int | None:
        """The end of the protected span holding ``pos``, or None."""
        k = bisect_right(span_starts, pos) - 1
        return spans[k][1] if k >= 0 and pos < spans[k][1] else None

    has_caps = any(c.isupper() for c in text)
    headline = _headline_lines(text) if has_caps else set()
    line_starts = sorted(headline)
    caps_words = _caps_words(text) if has_caps else set()

    def in_headline(pos: int) -> bool:
        if not line_starts:
            return False
        start = text.rfind("\n", 0, pos) + 1
        return start in headline

    def convert(m: re.Match[str]) -> str:
        word = m.group()
        start = m.start()
        if word[-1] in APOSTROPHES and word[-2] in "oO" and start and text[start - 1] in APOSTROPHES:
            return convert_word(word[:-1], start) + word[-1]  # 'Bordo': a closing quote, not oʻ
        if word.isupper() and (text[start - 1 : start].isdigit() or text[m.end() : m.end() + 1].isdigit()):
            return word  # 5G, 4K, 3D, G20, COP29: a code, not a word (5ta, 10dan are converted)
        if word[0].islower() or word[0] == "Y":
            chosen = tokens.homograph(word, _next_word(text, m.end()))
            if chosen is not None:
                if word.isupper() and len(word) > 1:
                    return chosen.upper()  # YOD in capitals: ЁД, not Ёд
                return chosen.capitalize() if word[0].isupper() else chosen
        return convert_word(word, start)

    def suffix_after(base: str, mark: str, suffix: str) -> str:
        return base + mark + word_to_cyrillic(suffix, lexicon)

    def convert_word(word: str, start: int) -> str:
        if word in keep:
            return word
        end = protected_end(start)
        if end is not None:
            # Gazeta.uz’da: the domain stays, the Uzbek suffix after the apostrophe is converted
            cut = end - start
            if 0 < cut < len(word) - 1 and word[cut] in APOSTROPHES and is_suffix_chain(word[cut + 1 :]):
                return suffix_after(word[:cut], word[cut], word[cut + 1 :])
            return word
        key = _acronym_key(word)
        if key in acronyms:
            return acronyms[key]
        if word in tokens.brands:
            return word
        for cut in range(len(word) - 2, 0, -1):  # UzDaily’ning, Telegram’da, NATO’ning
            if word[cut] in APOSTROPHES and is_suffix_chain(word[cut + 1 :]):
                base = word[:cut]
                if base in tokens.brands or _NON_UZBEK_RE.search(base) or _is_acronym(base):
                    return suffix_after(convert_word(base, start), word[cut], word[cut + 1 :])
                break
        acronym = acronym_prefix.match(key)
        if acronym and word[acronym.end() :].islower():  # OʻzRning, YaIMga: abbreviation + suffix
            return acronyms[acronym.group()] + word_to_cyrillic(word[acronym.end() :], lexicon)
        if is_uzbek_caps(word):
            return _caps_to_cyrillic(word, lexicon)
        head_tail = caps_suffix(word)  # YuNESKOning: a mixed-case acronym with a suffix
        if head_tail and is_uzbek_caps(head_tail[0]) and is_suffix_chain(head_tail[1]):
            return _caps_to_cyrillic(head_tail[0], lexicon) + word_to_cyrillic(head_tail[1], lexicon)
        if _NON_UZBEK_RE.search(word):
            return word
        if _is_acronym(word) and (word in tokens.kept_acronyms or not (start in caps_words or in_headline(start))):
            return word
        return word_to_cyrillic(word, lexicon)

    return WORD_RE.sub(convert, text)


def _next_word(text: str, pos: int) -> str:
    m = WORD_RE.search(text, pos)
    return m.group() if m else ""
