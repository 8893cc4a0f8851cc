"""A bilingual dictionary (or the project's glossaries) recognised loosely, word by word, for the aligner.

The glossary's term recognition (core/glossary) is strict on purpose: a QA finding or a suggested term must
be that term. An aligner needs the opposite: any sign that two sentences say the same thing. English
"trying to find" and Kazakh "табуға әрекет етіп" share find = тап and try = әрекет ет only if a verb's
forms are read too, and the glossary's suffix rules are a noun's. So here:

- a suffixing language's word (Kazakh, Uzbek and their neighbours) matches a dictionary word that it
  starts with (three letters at least; its last consonant may be voiced before a suffix: тап -> табу,
  көк -> көгі), and also a stem the given `stems` function (the glossary's morphology) finds;
- another language's word matches by its stem (`stems`: Snowball through the glossary's morphology), an
  English irregular form through its base form first (went -> go, children -> child);
- a multi-word term matches when all its words are in the sentence.

`Lexicon.find` gives one group of concept ids per recognised word: the concepts that word may be. A
dictionary has many entries per word (үлкен is big, large, great...), and a word must count once
(`scorer.Scorer.similarity`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from tarjimon.core import translit
from tarjimon.core.text import words as text_words

Stems = Callable[[str, str], Iterable[str]]
SUFFIXING = frozenset({"kk", "uz", "ky", "kaa", "tr", "tt", "ba", "tk", "az"})
MIN_PREFIX = 3
# a stem's last consonant voiced before a vowel suffix (Kazakh and Uzbek): тап -> табу, көк -> көгі
_VOICED = {"б": "п", "г": "к", "ғ": "қ", "д": "т", "b": "p", "g": "k", "d": "t"}
# English irregular forms -> the base form a dictionary lists (past tenses and plurals of common words)
_IRREGULAR = """be was were been am is are|have has had|do did done does|go went gone goes|see saw seen|
come came|get got gotten|make made|know knew known|think thought|take took taken|give gave given|
find found|tell told|become became|leave left|feel felt|bring brought|begin began begun|keep kept|
hold held|write wrote written|stand stood|hear heard|mean meant|meet met|run ran|pay paid|sit sat|
speak spoke spoken|lead led|grow grew grown|lose lost|fall fell fallen|send sent|build built|
understand understood|draw drew drawn|break broke broken|spend spent|rise rose risen|drive drove driven|
buy bought|wear wore worn|choose chose chosen|seek sought|throw threw thrown|catch caught|teach taught|
eat ate eaten|drink drank drunk|sleep slept|fight fought|forget forgot forgotten|say said|sell sold|
win won|fly flew flown|child children|man men|woman women|person people|foot feet|tooth teeth"""
IRREGULAR = {form: line.split()[0] for line in _IRREGULAR.replace("\n", "").split("|") for form in line.split()}


def _plain(word: str, lang: str) -> str:
    low = word.casefold().replace("ё", "е")
    if lang == "uz":
        return translit.fold(low)
    if lang == "en":
        low = low.replace("\u2019", "'").removesuffix("'s")
        return IRREGULAR.get(low, low)
    return low


class Lexicon:
    """Concepts (each a mapping of language -> terms) recognised loosely in sentences (`find`)."""

    def __init__(self, concepts: Iterable[Mapping[str, Sequence[str]]], stems: Stems | None = None) -> None:
        self._concepts = [dict(c) for c in concepts]
        self._stems = stems
        self._index: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._concepts)

    def _dictionary_key(self, word: str, lang: str) -> str:
        plain = _plain(word, lang)
        if lang in SUFFIXING or self._stems is None:
            return plain
        return next(iter(self._stems(plain, lang)), plain)

    def _text_keys(self, word: str, lang: str) -> set[str]:
        plain = _plain(word, lang)
        keys = {plain}
        if lang in SUFFIXING:
            for end in range(len(plain) - 1, MIN_PREFIX - 1, -1):
                prefix = plain[:end]
                keys.add(prefix)
                if prefix[-1] in _VOICED:
                    keys.add(prefix[:-1] + _VOICED[prefix[-1]])
        if self._stems is not None:
            keys.update(self._stems(plain, lang))
        return keys

    def index(self, lang: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """The terms of `lang` by the key of their first word (built on first use)."""
        found = self._index.get(lang)
        if found is None:
            with self._lock:
                found = self._index.get(lang)
                if found is None:
                    found = {}
                    for n, concept in enumerate(self._concepts):
                        for term in concept.get(lang, ()):
                            keys = tuple(self._dictionary_key(w, lang) for w in text_words.words(term))
                            if keys:
                                found.setdefault(keys[0], []).append((keys, str(n)))
                    self._index[lang] = found
        return found

    def find(self, text: str, lang: str) -> tuple[frozenset[str], ...]:
        """The concepts each word of `text` may be, one group a recognised word (or multi-word term)."""
        index = self.index(lang)
        if not index:
            return ()
        per_word = [self._text_keys(w, lang) for w in text_words.words(text)]
        present = set().union(*per_word) if per_word else set()
        if lang in SUFFIXING:  # a multi-word term's later words may be short verbs: әрекет етіп = әрекет ет
            present.update([w[:2] for w in present if len(w) == MIN_PREFIX])
        out = []
        for keys in per_word:
            group = {cid for key in keys for rest, cid in index.get(key, ())
                     if all(k in present for k in rest[1:])}
            if group:
                out.append(frozenset(group))
        return tuple(out)
