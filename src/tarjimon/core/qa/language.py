"""The `wrong-language` check: a target whose words are not in its column's language.

A translator working on three targets pastes the Russian version into the Kazakh column, leaves the Uzbek
source in the English one, or types Kazakh on a Russian keyboard, without its letters. The letters tell
most of it (Kazakh's ә ө ұ ү һ і ң, or á ú ı in its Latin alphabet; Uzbek's ў ҳ and oʻ gʻ) and each
language's commonest short words (`langwords.tsv`, package data) tell the rest (Russian has no letter of its
own against Kazakh). The check judges only what it can: the words left once tags, URLs, e-mails, handles,
numbers, short quotations (a newspaper's title), names (capitalised inside a sentence) and acronyms are
put aside must be at least MIN_WORDS, and the other language's evidence must clearly outweigh the column's.
The message says why: "looks Russian, not Kazakh: 0 Kazakh letters, 5 Russian function words (и, в, что)".
Measured on real text in bench/qa_language.py (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LANGS = ("kk", "ru", "uz", "en")
_NAMES = {"kk": "Kazakh", "ru": "Russian", "uz": "Uzbek", "en": "English"}

MIN_WORDS = 5  # judged words (names, numbers, quotations aside) below which a target is not judged
MIN_EVIDENCE = 3  # letters-words and function words of the other language needed to say it
RATIO = 3  # ... and they must outweigh the column's own evidence this many times
MIN_BARE = 6  # judged words a Kazakh target needs to be called "typed without its letters"
LONG = 8  # judged words past which no evidence at all of the column's language is itself evidence
MIN_SHORT = 2  # judged words a short target needs to be judged by its script alone (see `_short`)

_KK_CYR = frozenset("әөұүһің")  # Kazakh letters Uzbek and Russian both lack (қ ғ are Uzbek's too, ы Russian's)
# Each language's letters, to compare two languages by the letters one has and the other lacks (a Kazakh text in
# the Russian column: its қ and ғ count; in the Uzbek column they do not). Latin: Kazakh's Latin alphabets
# (2018, 2021); Uzbek's oʻ gʻ and q without u (English writes qu); English's w, and c but in ch.
_LETTERS = {
    "kk": frozenset("әөұүһіңқғы") | frozenset("áǵńóúýıäğñöūüş"),
    "uz": frozenset("ўҳқғ") | {"oʻ", "gʻ", "q"},
    "ru": frozenset("ыщ"),
    "en": frozenset({"w", "c"}),
}
_KK_OWN = _KK_CYR | frozenset("áǵńóúýıäğñöūüş")
# Russian inflections Kazakh and Uzbek words never end in (a loan takes their own endings: операциясы, not
# операции): infinitives and reflexives, adjective and participle endings, -ение/-ость nouns in any case. Not
# -ий, -ой, -ет, -ими: Uzbek иқтисодий, Хитой, ҳокими, Kazakh қызмет end so; and no word with a letter Russian
# lacks (Kazakh ғылыми). A Russian text in the Kazakh column often has none of Russian's own letters (ы, щ:
# Kazakh has ы) and few of its listed words; these endings tell it (bench/qa_language_more.py).
_NOT_RU = _KK_OWN | frozenset("қғўҳ")
_RU_ENDING = re.compile(
    r".{2,}(?:ть|ться|тся|ся|сь|ют|ует|ает|ый|ого|его|ому|ему|ыми|ых|ые|ое|ая|ую"
    r"|ение|ения|ению|ением|ании|ении|ости|ость|ции|ии)"
)
_LATIN_MARKS = re.compile("[og]ʻ|q(?!u)|w|c(?!h)")
_BARE = str.maketrans("әөұүһіңқғi", "аоуухинкги")  # Kazakh letters as a Russian keyboard writes them

_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’‘`ʼ](?=[^\W\d_])")
# what says nothing of a text's language, each pattern run only when a mark it needs is in the text
_ASIDE = (
    # tags and placeholders, printf's whole family among them (%u, %lu, %08x, %-5s, %1$s, %(name)s)
    ("⟨{%<", re.compile(r"⟨/?\d+/?⟩|\{[^{}\s]*\}|</?[A-Za-z][^<>]*>"
                        r"|%(?:\d+\$)?(?:\(\w+\))?[-+#0']*\d*(?:\.\d+)?(?:hh|ll|[hlLqjzt])?[diouxXeEfFgGaAcsSp]")),
    ("/.", re.compile(r"(?:https?://|www\.)\S+")),  # URLs
    ("@#", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|[@#]\w+")),  # e-mails, handles, hashtags
    ("_", re.compile(r"\w*_[\w.]*")),  # identifiers of code: debug_set_filename, LC_ALL
    ("-", re.compile(r"(?<![\w-])--?[A-Za-z][\w=.,/|-]*")),  # command-line options: --to=si, -oddp
    ("0", re.compile(r"\b0[xX][0-9A-Fa-f]*")),  # hexadecimal numbers (0x1f, 0x before a placeholder)
)
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NOT_LATIN_BYTES = bytes(c for c in range(256) if not (chr(c).isascii() and chr(c).isalpha() or 0xC3 <= c <= 0xC9))
_OPENERS = ".!?…:;—–-«“„\"(["


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """lang -> its listed words (package data), a word listed under two languages left out of both; Kazakh's
    also as a Russian keyboard writes them (`жане`, `ушин`) when that form is no other language's word."""
    listed: dict[str, set[str]] = {lang: set() for lang in LANGS}
    text = resources.files(__package__).joinpath("langwords.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lang, _, words = line.partition("\t")
            listed[lang].update(w.replace("'", "ʻ") for w in words.split())
    shared = {w for a in LANGS for b in LANGS if a < b for w in listed[a] & listed[b]}
    others = set().union(*(listed[lang] for lang in LANGS if lang != "kk"))
    bare = {w.translate(_BARE) for w in listed["kk"]} - others
    out = {lang: frozenset(words - shared) for lang, words in listed.items()}
    out["kk"] = out["kk"] | frozenset(bare - shared)
    out["kk-bare"] = frozenset(bare - listed["kk"] - shared)  # only as a Russian keyboard writes them
    return out


@dataclass(frozen=True)
class Profile:
    """What the check reads of a text: its judged words, their letters by script, each language's letters
    (as the number of words having them) and function words."""

    words: tuple[str, ...]
    cyrillic: int
    latin: int
    marks: tuple[frozenset[str], ...]  # each judged word's letters (and Latin marks: oʻ, q, c)
    function: dict[str, tuple[str, ...]]  # lang -> its function words met (in order, repeated)
    russian: tuple[bool, ...] = ()  # each judged word: a Russian inflection ends it (_RU_ENDING)

    def letters(self, lang: str, against: str) -> int:
        """Judged words with a letter `lang` has and `against` lacks (for Russian against Kazakh or Uzbek,
        also the words with a Russian ending)."""
        own = _LETTERS[lang] - _LETTERS[against]
        if lang == "ru" and against in ("kk", "uz") and self.russian:
            return sum(1 for m, ending in zip(self.marks, self.russian, strict=True) if ending or own & m)
        return sum(1 for m in self.marks if own & m)

    def score(self, lang: str, against: str) -> int:
        """The evidence for `lang` rather than `against`: its letters the other lacks, its function words."""
        return self.letters(lang, against) + len(self.function[lang])

    @property
    def kazakh(self) -> int:
        """Judged words with a letter of Kazakh's own (neither Uzbek nor Russian has it)."""
        return sum(1 for m in self.marks if _KK_OWN & m)


def _aside(text: str) -> str:
    """The text without what says nothing of its language: tags, URLs, short quotations (up to 4 words)."""
    if "'" in text or "’" in text or "‘" in text or "`" in text or "ʼ" in text:
        text = _APOSTROPHE.sub("ʻ", text)
    for marks, pattern in _ASIDE:
        if any(m in text for m in marks):
            text = pattern.sub(" ", text)
    return _QUOTED.sub(lambda m: " " if len(m.group().split()) <= 4 else m.group(), text)


def profile(text: str) -> Profile:
    """The judged words of `text` (lower-cased) and the evidence they carry."""
    body = _aside(text)
    judged: list[str] = []
    for m in _WORD.finditer(body):
        word = m.group()
        at = m.start() - 1
        while at >= 0 and body[at].isspace():
            at -= 1
        initial = at < 0 or body[at] in _OPENERS
        if len(word) > 1 and word.isupper():
            continue  # an acronym, a title in capitals
        if word[:1].isupper() and not initial:
            continue  # a name
        judged.append(word.lower())
    code = "".join(judged).encode("utf-8")
    # (UTF-8 lead bytes: d0-d3 Cyrillic U+0400-04FF, c3-c9 Latin-1 and Latin Extended letters)
    cyr = code.count(0xD0) + code.count(0xD1) + code.count(0xD2) + code.count(0xD3)
    lat = len(code.translate(None, _NOT_LATIN_BYTES))
    lists = function_words()
    marks = [frozenset(w) if w[0] >= "\u0400" else frozenset(w) | frozenset(_LATIN_MARKS.findall(w)) for w in judged]
    function = {lang: tuple(w for w in judged if w in lists[lang]) for lang in LANGS}
    russian = tuple(_RU_ENDING.fullmatch(w) is not None and not _NOT_RU & m for w, m in zip(judged, marks, strict=True))
    return Profile(tuple(judged), cyr, lat, tuple(marks), function, russian)


def _script(p: Profile) -> str:
    if p.cyrillic > 2 * p.latin:
        return "cyrillic"
    if p.latin > 2 * p.cyrillic:
        return "latin"
    return ""


def _fits_script(lang: str, script: str, p: Profile) -> bool:
    if lang == "en":
        return script == "latin"
    if lang == "ru":
        return script == "cyrillic"
    if lang == "kk":  # Kazakh in Latin only with its own Latin letters
        return script == "cyrillic" or p.kazakh > 0
    return True  # Uzbek: either script


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n != 1 else f"1 {what.replace('words', 'word')}"


def _evidence(p: Profile, lang: str, against: str) -> str:
    """"2 words with Uzbek letters, 3 Uzbek function words (ва, билан, учун)" (letters the other language
    lacks, when any)."""
    found = p.function[lang]
    listed = ", ".join(dict.fromkeys(found[:8]))
    words = _count(len(found), f"{_NAMES[lang]} function words") + (f" ({listed})" if found else "")
    letters = p.letters(lang, against) if _LETTERS[lang] - _LETTERS[against] else 0
    what = "letters or endings" if lang == "ru" and against in ("kk", "uz") else "letters"
    return f"{_count(letters, f'words with {_NAMES[lang]} {what}')}, {words}" if letters or lang == "kk" else words


def judge(text: str, lang: str) -> str | None:
    """Why `text` is not in `lang` (kk, ru, uz, en), or None when it is or cannot be told."""
    if lang not in LANGS:
        return None
    p = profile(text)
    if len(p.words) < MIN_WORDS:
        return _short(p, text, lang)
    script = _script(p)
    if not script:
        return None  # half Cyrillic, half Latin: nothing to say from the letters
    rivals = [o for o in LANGS if o != lang and _fits_script(o, script, p)]
    best = max(rivals, key=lambda o: p.score(o, lang), default="")
    theirs = p.score(best, lang) if best else 0
    name = _NAMES[lang]
    if not _fits_script(lang, script, p):
        where = "Latin" if script == "latin" else "Cyrillic"
        if theirs >= MIN_EVIDENCE:
            return f"looks {_NAMES[best]}, not {name}: {where} letters, {_evidence(p, best, lang)}"
        if script == "latin" and (p.function[lang] or lang == "ru" and any(p.russian)):
            return None  # code among the column's own words: git config <имя> [<значение>], не совместим с
        return f"not {name}: {where} letters ({len(p.words)} words)"
    own = p.score(lang, best) if best else 0
    if theirs >= MIN_EVIDENCE and theirs >= RATIO * own:
        return f"looks {_NAMES[best]}, not {name}: {_evidence(p, lang, best)}; {_evidence(p, best, lang)}"
    if lang == "kk" and script == "cyrillic" and p.kazakh == 0:
        bare = list(dict.fromkeys(w for w in p.function["kk"] if w in function_words()["kk-bare"]))
        if bare and len(p.words) >= MIN_BARE:
            return (f"Kazakh typed without its letters? No Kazakh letter in {len(p.words)} words; "
                    f"{', '.join(bare[:6])} written so")
        if len(p.words) >= LONG:
            looks = f"looks {_NAMES[best]}, not Kazakh" if theirs else "not Kazakh"
            return f"{looks}: no Kazakh letter in {len(p.words)} words" + (f"; {_evidence(p, best, lang)}" if theirs else "")
    if own == 0 and (theirs >= 2 or theirs and (lang == "en" or len(p.words) >= LONG)):
        return f"looks {_NAMES[best]}, not {name}: {_evidence(p, lang, best)} in {len(p.words)} words; " \
               f"{_evidence(p, best, lang)}"
    return None


_CYRILLIC = re.compile("[\u0400-\u04ff]")
# A short text of code, a key or model name, a paper size: brackets, =, |, a placeholder, a path, a colon
# inside a word (default:mm), letters glued to digits (A0x2, 16k, dv5), a copyright line.
_SHORT_CODE = re.compile(r"[\[\]{}<>=|%\\@_~^*#$&+]|\w:\w|[^\W\d_]\d|\d[^\W\d_]|\([Cc]\)|©")
# a debug line's fields: "majorid: %u, minorid: %u", "proc descr : 0x%08x" (not "Error reading file: %s")
_FIELDS = re.compile(r"\w\s*:\s*(?:0x|%\S*[\s,]+\w+\s*:\s*%)")
_SHORT_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


def _short(p: Profile, text: str, lang: str) -> str | None:
    """A short target (2-4 judged words) wholly in the other script: English typed in the Kazakh or Russian
    column ("Thank you", "Save changes?"), Cyrillic in the English one. Too few words to weigh function words;
    the script alone tells, when no letter of the column's script is anywhere in the text (names, acronyms and
    quotations included), for Kazakh none of its Latin alphabet's letters, the text is no code or model name
    (`_SHORT_CODE`) and one word at least is a common word in lower case (not a list of names: Logitech
    Cordless Desktop, Astana Hub; iTouch, diNovo are names too)."""
    body = _aside(text)  # placeholders, tags, URLs put aside
    if len(p.words) < MIN_SHORT or _SHORT_CODE.search(body) or _FIELDS.search(text):
        return None
    words = _SHORT_WORD.findall(body)
    if _script(p) == "cyrillic" and lang in ("kk", "ru"):
        return _short_cyrillic(p, lang)
    if lang in ("kk", "ru"):
        if p.cyrillic or not p.latin or p.kazakh or _CYRILLIC.search(text) or not any(w.islower() for w in words):
            return None
        english = p.function["en"]
        looks = f"looks English, not {_NAMES[lang]}" if english else f"not {_NAMES[lang]}"
        said = f"; {_count(len(english), 'English function words')} ({', '.join(dict.fromkeys(english))})" if english else ""
        return f"{looks}: Latin letters ({len(p.words)} words){said}"
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    if lang == "en" and _script(p) == "cyrillic" and len(cyrillic) >= MIN_SHORT and any(w.islower() for w in cyrillic):
        return f"not English: Cyrillic letters ({len(p.words)} words)"
    return None


def _short_cyrillic(p: Profile, lang: str) -> str | None:
    """Russian in the Kazakh column, Kazakh in the Russian one, short: two words with a Russian ending or
    Russian function words and no Kazakh letter or word ("Сохранить изменения?"); a word with a letter of
    Kazakh's own and no Russian ending or word ("Жаңа файл")."""
    if lang == "kk" and not p.kazakh and not p.function["kk"]:
        russian = function_words()["ru"]
        ru = sum(1 for w, ending in zip(p.words, p.russian, strict=True) if ending or w in russian)
        if ru >= MIN_SHORT:
            return f"looks Russian, not Kazakh: no Kazakh letter, {ru} of {len(p.words)} words with Russian endings or function words"
    if lang == "ru" and p.kazakh and not any(p.russian) and not p.function["ru"]:
        return f"looks Kazakh, not Russian: {_count(p.kazakh, 'words with Kazakh letters')} of {len(p.words)}"
    return None


def check_language(target: str, lang: str) -> list[tuple[str, str]]:
    """`wrong-language`: the target does not look written in its column's language (see `judge`)."""
    why = judge(target, lang)
    return [("wrong-language", why)] if why else []
