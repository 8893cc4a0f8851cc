"""Spelling of targets with Hunspell dictionaries (check `spelling`, info), read by spylls (pure Python).

The dictionaries are Debian's (hunspell-kk, hunspell-ru, hunspell-en-us and -en-gb: either spelling,
hunspell-uz; in /usr/share/hunspell);
`TARJIMON_HUNSPELL_DIR` points elsewhere. A language without a dictionary is not checked (`available`).
Known besides the dictionary: the words of the package's lists (core/qa/words/LANG.txt: newsroom words the
dictionaries lack), the project's `words.txt`, every word of the glossaries' terms (and the glossary's
recognised terms in the target, inflected too), and the source's words. Spared: names (a capitalised word
inside a sentence), acronyms, words with digits, Latin words in a Cyrillic target, words of one or two letters.
A Kazakh word the Kazakh dictionary lacks is accepted when the Russian one has it or its stem (a loan such as
интеллект, with Kazakh endings: интеллектіні).
"""

from __future__ import annotations

import gc
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DICT_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"))
DICT_NAMES = {"kk": ("kk_KZ",), "ru": ("ru_RU",), "en": ("en_US", "en_GB"), "uz": ("uz_UZ",)}
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼʻ-][^\W\d_]+)*")
_CYR_RE = re.compile("[\u0400-\u04ff]")
_LAT_RE = re.compile("[A-Za-z]")
# Kazakh endings, longest first, stripped to find a loan's Russian stem (интеллектіні -> интеллект).
_KK_ENDINGS = sorted(
    """ның нің дың дің тың тің ға ге қа ке на не а е ды ді ты ті ны ні н да де та те нда нде дан ден тан тен
    нан нен мен бен пен лар лер дар дер тар тер ым ім ың ің сы сі мыз міз ымыз імыз ыңыз іңіз лық лік дық
    дік тық тік шы ші ғы гі қы кі ларға лерге лардың лердің ларды лерді ларда лерде лардан лерден тық тік
    ында інде ынан інен ына іне ын ін ы і ының інің уда уде ып іп ған ген қан кен ады еді йды йді уы уі""".split(),
    key=len, reverse=True,
)
# A Kazakh verb form after a verb stem the dictionary has (қал, біл, оқы): a negation and/or a tense or participle
# of two letters or more, a person, then a case or -дай (қалмаған, білмейді, алмаймын, жиналатын, қосылмаса,
# білмедім, сөйлемейтін). Bare one-letter endings are left out: от + к, бол + п + ы are typos (өтетін, болып).
_KK_TENSE = ("(?:атын|етін|йтын|йтін|ған|ген|қан|кен|ғы|гі|қы|кі|ды|ді|ты|ті|ып|іп|са|се|ар|ер|мақ|мек|бақ|бек|"
             "пақ|пек|мақшы|мекші|бақшы|бекші|пақшы|пекші)")
_KK_PERSON = "(?:мын|мін|пын|пін|бын|бін|мыз|міз|пыз|піз|быз|біз|сың|сің|сыз|сіз|сақ|сек|ңыз|ңіз|ды|ді|ты|ті|м|ң|қ|к)"
_KK_VERB_RE = re.compile(
    f"(?:(?:ма|ме|ба|бе|па|пе)(?:й|{_KK_TENSE})?|{_KK_TENSE}){_KK_PERSON}?"
    "(?:дай|дей|тай|тей|ша|ше|ның|нің|ға|ге|қа|ке|да|де|та|те|нан|нен|дан|ден|тан|тен|ына|іне|ында|інде|ын|ін)?"
)
_lock = threading.Lock()  # held while a dictionary loads
_warm_lock = threading.Lock()  # not that one: a check asking for a load under way must not wait for it


def dictionary_paths(lang: str) -> list[Path]:
    """The .aff/.dic stems of `lang`'s Hunspell dictionaries here (English: US, then British spelling)."""
    dirs = [Path(os.environ["TARJIMON_HUNSPELL_DIR"])] if os.environ.get("TARJIMON_HUNSPELL_DIR") else []
    out = []
    for name in DICT_NAMES.get(lang, (lang,)):
        for folder in dirs + list(DICT_DIRS):
            stem = folder / name
            if stem.with_suffix(".aff").is_file() and stem.with_suffix(".dic").is_file():
                out.append(stem)
                break
    return out


_LOADED: dict[str, Any] = {}
_WARMING: set[str] = set()
_NEEDS = {"kk": ("kk", "ru"), "en": ("en",)}  # Kazakh words may be Russian loans: both dictionaries


def _load(stem: str, gentle: bool = False) -> Any:
    if stem not in _LOADED:
        from spylls.hunspell import Dictionary

        if gentle:
            _LOADED[stem] = _gentle_load(stem, Dictionary)
        else:
            _LOADED[stem] = _cached_load(stem, Dictionary)
        # A dictionary is millions of long-lived objects: out of the garbage collector's way, or every full
        # collection walks them all (pauses of a tenth of a second and more in the editor).
        gc.freeze()
    return _LOADED[stem]


def _cached_load(stem: str, dictionary_class: Any) -> Any:
    """`Dictionary.from_files(stem)` through the per-user cache of parsed dictionaries (spelling_cache: ~0.3 s
    instead of 0.5-2.2 s a dictionary), which it fills on a miss. (Not for a gentle load: reading a cached
    dictionary is one call that would hold the GIL for its whole 0.2-0.4 s.)"""
    from tarjimon.core.qa import spelling_cache

    found = spelling_cache.load(stem)
    if found is not None:
        return dictionary_class(*found)
    loaded = dictionary_class.from_files(stem)
    spelling_cache.save(stem, loaded.aff, loaded.dic)
    return loaded


# A background load (the editor's) reads SLICE lines at a time, then sleeps a moment: the GIL goes to the UI
# thread at once instead of after its 5 ms switch interval, so a frame drawn meanwhile is not stretched.
SLICE = 100  # dictionary lines, ~1-2 ms of spylls' parsing
PAUSE = 0.0005  # seconds: lets a waiting thread take the GIL
BACKOFF = 0.008  # seconds: the pause overran, so another thread (a frame) was busy; let it finish
FREEZE_EVERY = 5000  # lines: what is read so far leaves the garbage collector's generations
HOLD_POLL = 0.02  # seconds: how often a held background load looks again
_hold: Callable[[], bool] | None = None  # while it says True, a background load waits (hold_background_loads)


def hold_background_loads(busy: Callable[[], bool] | None) -> None:
    """Make background (gentle) dictionary loads wait between slices while `busy()` is true (None: never).
    The editor passes "a key came a moment ago": a slice holds the GIL for 1-2 ms and its allocations set off
    collections, which a key's frame then waited behind; typing goes on without them, the load once it
    pauses (until then targets are not spell-checked, as during any load)."""
    global _hold
    _hold = busy


def _gentle_load(stem: str, dictionary_class: Any) -> Any:
    """`Dictionary.from_files(stem)`, read in slices (see SLICE). Frozen as it grows: the full collections a
    load of millions of objects sets off took 50-300 ms each, with the GIL held, in the editor."""
    from spylls.hunspell import readers
    from spylls.hunspell.readers.file_reader import FileReader

    class SlicedReader(FileReader):  # type: ignore[misc]
        def readlines(self):  # type: ignore[no-untyped-def]
            for n, item in enumerate(super().readlines(), 1):
                if n % SLICE == 0:
                    if n % FREEZE_EVERY == 0:
                        gc.freeze()
                    hold = _hold
                    while hold is not None and hold():
                        time.sleep(HOLD_POLL)
                    start = time.perf_counter()
                    time.sleep(PAUSE)
                    if time.perf_counter() - start > 4 * PAUSE:
                        time.sleep(BACKOFF)
                yield item

    aff, context = readers.read_aff(SlicedReader(stem + ".aff"))
    dic = readers.read_dic(SlicedReader(stem + ".dic", encoding=context.encoding), aff=aff, context=context)
    return dictionary_class(aff, dic)


def is_loaded(lang: str) -> bool:
    """Whether every dictionary the check of `lang` uses is loaded already."""
    return all(str(p) in _LOADED for need in _NEEDS.get(lang, (lang,)) for p in dictionary_paths(need))


def warm(lang: str) -> None:
    """Load `lang`'s dictionaries in a background thread (once): the editor's checks do not wait for them."""
    if os.environ.get("TARJIMON_EDITOR_SPELLING", "1") == "0":
        return  # the editor's spelling is off (the test suite: a load running on into later tests skews them)
    with _warm_lock:
        if lang in _WARMING:
            return
        _WARMING.add(lang)

    def load() -> None:
        for need in _NEEDS.get(lang, (lang,)):
            dictionaries(need, gentle=True)

    threading.Thread(target=load, name=f"hunspell-{lang}", daemon=True).start()


def dictionaries(lang: str, first_only: bool = False, gentle: bool = False) -> list[Any]:
    """The loaded spylls Dictionaries of `lang` (each loaded once per process, a second or more); the second
    one is only loaded when asked (`first_only=False`). `gentle`: loaded in slices that leave the GIL to
    other threads (a background load while the editor draws), a little slower."""
    out = []
    for path in dictionary_paths(lang)[: 1 if first_only else None]:
        try:
            with _lock:
                out.append(_load(str(path), gentle))
        except ImportError:
            return []
    return out


def dictionary(lang: str) -> Any | None:
    """The first loaded dictionary of `lang`, or None."""
    found = dictionaries(lang, first_only=True)
    return found[0] if found else None


@lru_cache(maxsize=8)
def package_words(lang: str) -> frozenset[str]:
    """The package's extra known words of `lang` (core/qa/words/LANG.txt), casefolded."""
    try:
        text = resources.files(__package__).joinpath(f"words/{lang}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def read_word_list(path: Path | None) -> set[str]:
    """A project's word list (one word a line, # comments), casefolded; empty when the file is missing."""
    if path is None or not path.is_file():
        return set()
    return {w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.lstrip().startswith("#")}  # fmt: skip


class Speller:
    """Misspelt words of targets; one per project (its word list and glossary words), shared by threads."""

    def __init__(self, known: Iterable[str] = (), glossary_words: Iterable[str] = (), *,
                 wait: bool = True) -> None:  # fmt: skip
        """`wait=False` (the editor): until a language's dictionaries are loaded (in the background, started
        by the first check), its targets are not spell-checked rather than kept waiting."""
        self.wait = wait
        self.known = {w.casefold() for w in known}
        self.stems = {w.casefold() for w in glossary_words if len(w) >= 4}
        self.known |= self.stems
        self._cache: dict[tuple[str, str], bool] = {}

    @staticmethod
    def available(lang: str) -> bool:
        """Whether `lang` has a dictionary here (and spylls is installed)."""
        return dictionary(lang) is not None

    def _dict_knows(self, lang: str, word: str) -> bool:
        forms = (word, word.lower(), word[:1].upper() + word[1:].lower())
        first = dictionary(lang)
        if first is None:
            return True
        if any(first.lookup(f) for f in forms):
            return True
        return any(d.lookup(f) for d in dictionaries(lang)[1:] for f in forms)

    def word_ok(self, word: str, lang: str) -> bool:
        """Whether `word` is spelt right in `lang` (dictionary, word lists, glossary words and their stems)."""
        key = (lang, word)
        if key in self._cache:
            return self._cache[key]
        low = word.casefold()
        ok = low in self.known or low in package_words(lang) or self._dict_knows(lang, word)
        if not ok:
            ok = any(low.startswith(stem) and len(low) - len(stem) <= 6 for stem in self.stems)
        if not ok and lang == "kk":
            ok = self._kk_loan(low) or self._kk_verb(low)
        if not ok and "-" in word:
            ok = all(self.word_ok(part, lang) for part in word.split("-") if part)
        self._cache[key] = ok
        return ok

    def _kk_loan(self, low: str, depth: int = 2) -> bool:
        """A Kazakh word the Kazakh dictionary lacks: a Russian loan (интеллект), or a known stem under one
        or two Kazakh endings (интеллектінің, технологиялары, құрылуда)."""
        ru = dictionary("ru")
        if ru is not None and ru.lookup(low):
            return True
        if depth == 0:
            return False
        for ending in _KK_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 4:
                stem = low[: -len(ending)]
                if stem in package_words("kk") or self._kk_base(stem) or self._kk_loan(stem, depth - 1):
                    return True
                # к, қ, п voiced before a vowel ending: солтүстік + і = солтүстігі, бөлшек + ін = бөлшегін
                if ending[0] in "аеыіуо" and stem[-1] in _KK_VOICED:
                    hard = stem[:-1] + _KK_VOICED[stem[-1]]
                    if hard in package_words("kk") or self._kk_base(hard):
                        return True
        return False

    def _kk_verb(self, low: str) -> bool:
        """A Kazakh verb form the dictionary lacks: a verb stem it has (two letters or more) and endings of
        _KK_VERB_RE; ы/і + й written и (оқы + йтын = оқитын, есті + й = ести)."""
        for cut in range(2, len(low)):
            rest = low[cut:]
            # a stem of three letters or more: от + етін is a typo of өтетін
            if cut > 2 and _KK_VERB_RE.fullmatch(rest) and _harmony(low[:cut], rest) and self._kk_base(low[:cut]):
                return True
            # и for ы/і + й only before more endings: a final и for і is the typo і -> и (берди)
            if rest[0] == "и" and len(rest) >= 3 and _KK_VERB_RE.fullmatch("й" + rest[1:]):
                if any(_harmony(low[:cut] + v, rest) and self._kk_base(low[:cut] + v) for v in "ыі"):
                    return True
        return False

    def _kk_base(self, stem: str) -> bool:
        kk = dictionary("kk")
        return bool(kk is not None and kk.lookup(stem))

    def misspelt(self, text: str, lang: str, *, spare: Iterable[tuple[int, int]] = (),
                 spare_words: Iterable[str] = (), name_keys: Iterable[str] = ()) -> list[tuple[int, int, str]]:  # fmt: skip
        """(start, end, word) of the misspelt words of `text`; `spare` are spans (glossary hits) and
        `spare_words` words (the source's) never reported; `name_keys` are sound keys (tokens.name_key) of
        the source's capitalised words: a capitalised target word with one is a name."""
        from tarjimon.core.qa.tokens import name_key

        keys = set(name_keys)
        if not dictionary_paths(lang):
            return []
        if not self.wait and not is_loaded(lang):
            warm(lang)
            return []
        if not self.available(lang):
            return []
        spans = list(spare)
        sparing = {w.casefold() for w in spare_words}
        cyrillic_target = lang not in ("en", "uz") or bool(_CYR_RE.search(text))
        out = []
        for m in _WORD_RE.finditer(text):
            word, start = m.group(), m.start()
            letters = [c for c in word if c.isalpha()]
            if len(letters) <= 2 or all(c.isupper() for c in letters):
                continue  # short words and acronyms
            if cyrillic_target and _LAT_RE.search(word):
                continue  # a Latin name or brand in a Cyrillic target
            if word[0].isupper() and not _sentence_start(text, start):
                continue  # a name
            if word.casefold() in sparing or any(s <= start < e for s, e in spans):
                continue
            if word[0].isupper() and keys and name_key(word) in keys:
                continue  # a name of the source at the start of a sentence
            if not self.word_ok(word, lang):
                out.append((start, m.end(), word))
        return out


_KK_BACK, _KK_FRONT = set("аоұы"), set("әеөүі")
_KK_VOICED = {"г": "к", "ғ": "қ", "б": "п"}


def _harmony(stem: str, endings: str) -> bool:
    """Kazakh endings agree with the stem's last vowel, back or front, and so does a final қ / к (топ + тық,
    көр + дік; топтык is the typo қ -> к)."""
    last = next((c for c in reversed(stem) if c in _KK_BACK or c in _KK_FRONT), "")
    back = last in _KK_BACK if last else None
    vowels = [c for c in endings if c in _KK_BACK or c in _KK_FRONT]
    if back is None and vowels:
        back = vowels[0] in _KK_BACK
    if any((c in _KK_BACK) != back for c in vowels):
        return False
    return not (endings.endswith("к") and back) and not (endings.endswith("қ") and back is False)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \u00a0«“\"'„(–—-")
    return not before or before[-1] in ".!?…:"


def check_spelling(target: str, lang: str, speller: Speller | None, *, spare: Iterable[tuple[int, int]] = (),
                   spare_words: Iterable[str] = (), name_keys: Iterable[str] = ()) -> list[tuple[str, str]]:  # fmt: skip
    """`spelling` findings: one for the target, naming its misspelt words."""
    if speller is None:
        return []
    words = list(dict.fromkeys(w for _, _, w in speller.misspelt(target, lang, spare=spare,
                                                                  spare_words=spare_words, name_keys=name_keys)))  # fmt: skip
    if not words:
        return []
    return [("spelling", "not in the dictionary: " + ", ".join(f"“{w}”" for w in words[:6]))]
