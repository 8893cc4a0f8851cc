"""Word forms for term recognition: a matching key per word and the dictionary stems a word can come from.

Uzbek and Kazakh use data-driven suffix rules (`uz.toml`, `kk.toml` in this package): a text word matches a
dictionary word when the rest of it parses as a chain of inflectional suffixes, possibly with a consonant
alternation at the boundary (ҳокимлик -> ҳокимлиги). Arbitrary letters never count as a suffix, so
интеллектуал is not a form of интеллект. Russian, English and the other languages Snowball knows are
stemmed with snowballstemmer (Китае -> кита = Китай).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import tomllib
from dataclasses import dataclass
from importlib import resources

from tarjimon.core.text.fold import uz_key, uz_keys

SUFFIX_LANGS = ("uz", "kk")
_RU_VOWELS = frozenset("аеёиоуыэюя")
#: Bumped when matching keys or analyses change in code (the rules files are hashed as they are).
ENGINE_VERSION = "10"  # 8: match rules of four kinds (sense); 9: five (case); 10: Russian Китая read as Китай
_SNOWBALL = {
    "ru": "russian", "en": "english", "tr": "turkish", "de": "german", "fr": "french", "es": "spanish",
    "it": "italian", "pt": "portuguese", "nl": "dutch", "sv": "swedish", "fi": "finnish", "hu": "hungarian",
    "ar": "arabic", "el": "greek", "ro": "romanian", "da": "danish", "no": "norwegian", "nb": "norwegian",
    "ca": "catalan", "cs": "czech", "pl": "polish", "hy": "armenian", "eu": "basque",
}  # fmt: skip

#: One analysis of a word: (dictionary stem key, inflected?, carries a 3rd person possessive?)
Analysis = tuple[str, bool, bool]


@dataclass(frozen=True)
class _Form:
    text: str
    after: str  # "" any, "v" after a vowel, "c" after a consonant, ":LETTERS" after one of LETTERS
    harmony: str  # "" neutral, "b" back, "f" front


class Morphology:
    """Matching keys and stems for one language. Instances are shared and thread-safe (pure functions)."""

    lang: str = ""
    suffixing: bool = False
    #: Letter pairs a typist confuses (a missing diacritic or apostrophe): {"o", "ô"}, {"қ", "к"}...
    confusable: frozenset[frozenset[str]] = frozenset()
    #: (written, meant) letters a typist swaps even in short words (Uzbek х for ҳ: ахоли = аҳоли).
    short_folds: tuple[tuple[str, str], ...] = ()
    #: Keys of number words (and digits, always) before an amount: 5 минг сўмлик.
    number_words: frozenset[str] = frozenset()

    def key(self, word: str) -> str:
        """The case-, script- and apostrophe-neutral form of a word used for matching."""
        return word.lower().replace("ё", "е")

    def keys(self, words: list[str]) -> list[str]:
        """`key` of each word (the same keys, faster for many words where a language has a batch path)."""
        return [self.key(w) for w in words]

    def index_key(self, word_key: str) -> str:
        """The key a dictionary word is indexed under (its stem for stemmed languages)."""
        return word_key

    def typo_fold(self, text: str) -> str:
        """`text` with each confusable letter replaced by one representative of its pair (ô -> o)."""
        return text.translate(self._typo_table) if self.confusable else text

    @functools.cached_property
    def _typo_table(self) -> dict[int, str]:
        return str.maketrans({ch: to for ch, to in self._typo_map.items() if len(ch) == 1})

    @functools.cached_property
    def _typo_map(self) -> dict[str, str]:
        # Letters linked by pairs form one group (Kazakh у-ұ, ұ-ү, у-ү), all folded to the group's least
        # letter. (Folding each pair separately let the last pair iterated win, and a frozenset's order
        # changes with the hash seed: тұрғын and түрғын were typo candidates in one run and not the next.)
        group = {ch: {ch} for pair in self.confusable for ch in pair}
        for pair in self.confusable:
            a, b = sorted(pair)
            if group[a] is not group[b]:
                merged = group[a] | group[b]
                for ch in merged:
                    group[ch] = merged
        return {ch: min(members) for ch, members in group.items()}

    #: Keys of the words that join two modifiers of one head (Uzbek ва, Kazakh және), see senses.
    conjunctions: frozenset[str] = frozenset()
    #: Keys of the head nouns of a body's name (agency, ministry, council), for the same rule.
    bodies: frozenset[str] = frozenset()
    #: Verb endings after a verb stem, for the typo rule (see recognize._plausible_typo).
    verb_endings: tuple[str, ...] = ()

    def analyses(self, word_key: str) -> tuple[Analysis, ...]:
        """Every (stem key, inflected, poss3) the word can be read as; the word itself first."""
        return ((word_key, False, False),)

    def parse_chain(self, rest: str, prev: str) -> tuple[bool, bool] | None:
        """Whether `rest` is a valid suffix chain after a stem ending in `prev`: (ok, has poss3) or None (no
        suffixes here: only the empty chain)."""
        return (True, False) if not rest else None

    def derived(self, word_key: str) -> tuple[str, ...]:
        """Stems the word is an adjective or abstract noun of (мемлекеттік -> мемлекет): a related word,
        not a form of the term (see derivation.toml)."""
        return ()

    def amount_stems(self, word_key: str) -> tuple[str, ...]:
        """Stems the word names a measure of, when it follows a number (долларлик -> доллар)."""
        return ()

    def short_fold_keys(self, word_key: str) -> tuple[str, ...]:
        """The word with each swapped letter put back (ахоли -> аҳоли), for words below the typo length."""
        return ()


class SuffixMorphology(Morphology):
    """Suffix-chain analysis driven by a rules file (see uz.toml)."""

    suffixing = True

    def __init__(self, lang: str, rules: dict) -> None:
        self.lang = lang
        self._key = uz_key if lang == "uz" else super().key
        self.vowels = frozenset(self._key(rules["vowels"]))
        self.min_stem = int(rules.get("min_stem", 2))
        # Letters among the vowels that behave as consonants before a suffix (Kazakh даму -> дамуы).
        self.glides = frozenset(self._key(g) for g in rules.get("glides", []))
        back = frozenset(rules.get("back", ""))
        front = frozenset(rules.get("front", ""))
        neutral = set(rules.get("neutral", []))
        self.poss3_slot = rules.get("poss3_slot", "")
        self.confusable = frozenset(
            frozenset(self._key(ch) for ch in pair) for pair in rules.get("typo", {}).get("confusable", [])
        )
        self.slots: list[tuple[str, tuple[_Form, ...]]] = []
        for slot in rules["slot"]:
            forms = []
            for raw in slot["forms"]:
                text, _, after = raw.partition("@")
                text = self._key(text)
                if after.startswith(":"):
                    after = ":" + self._key(after[1:])
                harmony = ""
                if text not in neutral:
                    if back & set(text):
                        harmony = "b"
                    elif front & set(text):
                        harmony = "f"
                forms.append(_Form(text, after, harmony))
            self.slots.append((slot["name"], tuple(forms)))
        self.elisions = tuple(
            (self._key(e["stem_end"]), self._key(e["restore"])) for e in rules.get("elision", [])
        )
        self.alternations = tuple(
            (self._key(a["surface"]), self._key(a["lemma"])) for a in rules.get("alternation", [])
        )
        self.variants = {
            self._key(form): self._key(group[0]) for group in rules.get("variants", []) for form in group
        }
        self.merged_keys = frozenset(self.variants.values())  # the keys several spellings share
        self.lexicalised = tuple(self._key(w) for w in rules.get("lexicalised", []))
        self.conjunctions = frozenset(self._key(w) for w in rules.get("conjunctions", []))
        self.bodies = frozenset(self._key(w) for w in rules.get("bodies", []))
        self.verb_endings = tuple(self._key(w) for w in rules.get("typo", {}).get("verb_endings", []))
        self.derivation = tuple(self._key(d) for d in _derivation(lang))
        self.short_folds = tuple(
            (self._key(p[0]), self._key(p[1])) for p in rules.get("typo", {}).get("short_fold", [])
        )
        amount = rules.get("amount", {})
        self.amount_suffixes = tuple(self._key(s) for s in amount.get("suffixes", []))
        self.number_words = frozenset(self._key(w) for w in amount.get("numbers", []))
        loss = rules.get("vowel_loss", {})
        self.dropped_vowels = tuple(self._key(v) for v in loss.get("vowels", []))
        self.loss_before = frozenset(self._key(c) for c in loss.get("before", []))
        # the longest suffix chain the slots can spell: a word's last letters beyond it are never a chain, so a
        # word is cut only that far from its end (a 2,000-letter "word" took a minute per analysis, quadratic)
        self.max_chain = sum(max((len(f.text) for f in forms), default=0) for _name, forms in self.slots)
        self.analyses = functools.lru_cache(maxsize=200_000)(self._analyses)  # type: ignore[method-assign]

    def key(self, word: str) -> str:
        k = self._key(word)
        return self.variants.get(k, k)

    def keys(self, words: list[str]) -> list[str]:
        found = uz_keys(words) if self._key is uz_key else [self._key(w) for w in words]
        get = self.variants.get
        return [get(k, k) for k in found]

    def plain_key(self, word: str) -> str:
        """The key of `word` as written, before name variants are merged (Тоқаев stays toqayev)."""
        return self._key(word)

    def _ok_after(self, form: _Form, prev: str, prev_slot: str = "") -> bool:
        if form.after == "p":  # only after a possessive: фикримча (in my opinion), not шаҳарча (small town)
            return prev_slot in ("possessive", self.poss3_slot)
        if form.after == "v":
            return prev in self.vowels and prev not in self.glides
        if form.after == "c":
            return prev not in self.vowels or prev in self.glides
        if form.after.startswith(":"):
            return prev in form.after[1:]
        return True

    def parse_chain(self, rest: str, prev: str) -> tuple[bool, bool] | None:
        """Whether `rest` is a valid suffix chain after a stem ending in `prev`: (ok, has poss3) or None."""
        return self._parse(rest, prev, 0, "", "")

    def _parse(
        self, rest: str, prev: str, slot: int, harmony: str, prev_slot: str
    ) -> tuple[bool, bool] | None:
        if not rest:
            return (True, False)
        for i in range(slot, len(self.slots)):
            name, forms = self.slots[i]
            if name == self.poss3_slot and prev_slot == "possessive":
                continue  # one possessive per word: бағамы is бағам + ы, not баға + м + ы
            for form in forms:
                if not rest.startswith(form.text) or not self._ok_after(form, prev, prev_slot):
                    continue
                if harmony and form.harmony and form.harmony != harmony:
                    continue
                found = self._parse(
                    rest[len(form.text) :], form.text[-1], i + 1, harmony or form.harmony, name
                )
                if found is not None:
                    return (True, found[1] or name == self.poss3_slot)
        return None

    def _analyses(self, word_key: str) -> tuple[Analysis, ...]:
        found = self._raw_analyses(word_key)
        if not self.variants:
            return found
        return tuple((self.variants.get(stem, stem), infl, p3) for stem, infl, p3 in found)

    def derived(self, word_key: str) -> tuple[str, ...]:
        out = []
        for stem, _infl, _p3 in self.analyses(word_key):
            for suffix in self.derivation:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= max(3, self.min_stem):
                    base = stem[: -len(suffix)]
                    out.append(self.variants.get(base, base))
        return tuple(dict.fromkeys(out))

    def amount_stems(self, word_key: str) -> tuple[str, ...]:
        out = []
        for stem, _infl, _p3 in self.analyses(word_key):
            for suffix in self.amount_suffixes:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= self.min_stem:
                    base = stem[: -len(suffix)]
                    out.append(self.variants.get(base, base))
        return tuple(dict.fromkeys(out))

    def short_fold_keys(self, word_key: str) -> tuple[str, ...]:
        out = []
        for written, meant in self.short_folds:
            if written in word_key:
                out.append(word_key.replace(written, meant))  # all of them (a typist's habit), then each
                out.extend(
                    word_key[:i] + meant + word_key[i + 1 :] for i, ch in enumerate(word_key) if ch == written
                )
        return tuple(dict.fromkeys(out))

    def _raw_analyses(self, word_key: str) -> tuple[Analysis, ...]:
        out: list[Analysis] = [(word_key, False, False)]
        # A lexicalised word (мактабгача) is never cut inside: the shortest stem is the word itself.
        shortest = max([len(w) for w in self.lexicalised if word_key.startswith(w)] + [self.min_stem])
        for cut in range(len(word_key) - 1, max(shortest, len(word_key) - self.max_chain) - 1, -1):
            stem, rest = word_key[:cut], word_key[cut:]
            parsed = self.parse_chain(rest, stem[-1])
            if parsed is None and rest[0] in self.vowels:
                for end, restore in self.elisions:  # журналист + (т)ер
                    if stem.endswith(end) and (parsed := self.parse_chain(restore + rest, stem[-1])):
                        break
            if parsed is None:
                continue
            out.append((stem, True, parsed[1]))
            if rest[0] in self.vowels:
                for surface, lemma in self.alternations:
                    if stem.endswith(surface) and len(stem) > len(surface):
                        out.append((stem[: -len(surface)] + lemma, True, parsed[1]))
                out.extend((lemma, True, parsed[1]) for lemma in self._restore_vowel(stem))
        return tuple(out)

    def _restore_vowel(self, stem: str) -> list[str]:
        """Dictionary forms that lost their last vowel before a vowel suffix: шаҳр(и) -> шаҳар, орн(ы) -> орын.

        Only a stem ending in two consonants after at least one vowel qualifies (ўғл, шаҳр, халқ), the
        second one of those the rules list (sonorants, з, Kazakh қ); the index decides whether the restored
        form is a term, so no word list is needed.
        """
        if len(stem) < 3 or not self.dropped_vowels:
            return []
        c1, c2 = stem[-2], stem[-1]
        if (c1 in self.vowels and c1 not in self.glides) or c2 not in self.loss_before:
            return []
        if not self.vowels & set(stem[:-2]):
            return []
        return [stem[:-1] + v + c2 for v in self.dropped_vowels]


class StemMorphology(Morphology):
    """Languages with a Snowball stemmer: a word matches a dictionary word with the same stem."""

    def __init__(self, lang: str, algorithm: str) -> None:
        self.lang = lang
        self._algorithm = algorithm
        self._local = threading.local()
        self._stem = functools.lru_cache(maxsize=200_000)(self._do_stem)

    def _do_stem(self, word_key: str) -> str:
        # snowballstemmer stemmers are not thread-safe: one per thread (PyStemmer's when installed).
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            import snowballstemmer  # (a Kazakh or Uzbek find never needs it, nor PyStemmer under it)

            stemmer = self._local.stemmer = snowballstemmer.stemmer(self._algorithm)
        return stemmer.stemWord(word_key)

    def key(self, word: str) -> str:
        low = word.lower().replace("ё", "е")
        if self.lang == "en":
            low = low.replace("\u2019", "'")
            if low.endswith("'s"):
                low = low[:-2]
        return low

    def index_key(self, word_key: str) -> str:
        return self._stem(word_key)

    def analyses(self, word_key: str) -> tuple[Analysis, ...]:
        stem = self._stem(word_key)
        if self.lang == "ru" and len(word_key) > 3 and word_key[-1] == "я" and word_key[-2] in _RU_VOWELS:
            # Китая, Шанхая, музея: the genitive of a noun in -й, which Snowball cuts as the adjective
            # ending -ая (кит); the noun's own stem (Китай: кита) is the second reading
            noun = self._stem(word_key[:-1] + "й")
            if noun != stem:
                return ((stem, False, False), (noun, False, False))
        return ((stem, False, False),)

    @functools.cached_property
    def _derivation(self) -> tuple[str, ...]:
        return tuple(sorted(_derivation(self.lang), key=len, reverse=True))

    def derived(self, word_key: str) -> tuple[str, ...]:
        stem = self._stem(word_key)
        return tuple(
            stem[: -len(s)] for s in self._derivation if stem.endswith(s) and len(stem) - len(s) >= 4
        )


@functools.cache
def _derivation_table() -> dict[str, list[str]]:
    text = resources.files(__package__).joinpath("derivation.toml").read_text(encoding="utf-8")
    return {lang: [str(s) for s in v.get("suffixes", [])] for lang, v in tomllib.loads(text).items()}


def _derivation(lang: str) -> list[str]:
    """The derivational suffixes (adjectives, abstract nouns) of `lang`, from derivation.toml."""
    return _derivation_table().get(lang, [])


def rules_fingerprint() -> str:
    """A digest of the rules files: an index cached under other rules is stale."""
    digest = hashlib.blake2b(ENGINE_VERSION.encode(), digest_size=8)
    digest.update(resources.files(__package__).joinpath("derivation.toml").read_bytes())
    for lang in SUFFIX_LANGS:
        digest.update(resources.files(__package__).joinpath(f"{lang}.toml").read_bytes())
    return digest.hexdigest()


@functools.cache
def morphology(lang: str) -> Morphology:
    """The Morphology for a primary language code (uz, kk, ru, en, ...); plain lower-casing otherwise."""
    if lang in SUFFIX_LANGS:
        text = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
        return SuffixMorphology(lang, tomllib.loads(text))
    if lang in _SNOWBALL:
        return StemMorphology(lang, _SNOWBALL[lang])
    plain = Morphology()
    plain.lang = lang
    return plain
