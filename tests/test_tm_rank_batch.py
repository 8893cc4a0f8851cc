"""The lookup's batch paths (issue 11 goal 4) give what the one-candidate-at-a-time formula gives.

- base_scores (rapidfuzz's matrix calls for all the candidates of a lookup) = base_score for each;
- one Differences reused for many units = penalties_for / word_diff called afresh for each;
- ranking.rank, which stops computing penalties once `limit` matches are out of reach, = the plain ranking
  (penalties of the best limit + 6 by base, sorted).
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable
from datetime import datetime

import pytest

from tarjimon.core.models.tm import Candidate
from tarjimon.core.text.words import surface_words
from tarjimon.core.tm import ranking
from tarjimon.core.tm.scoring import (
    Differences,
    Query,
    base_score,
    base_scores,
    final_score,
    penalties_for,
    word_diff,
)
from tarjimon.core.tm.text import key_of, words_of
from tarjimon.core.translit import to_cyrillic

WORDS = {
    "en": "the president signed a new law on monday and the minister said it will change taxes for 200 firms".split(),
    "uz": "prezident yangi qonunni imzoladi dushanba kuni vazir soliqlar 200 ta korxona uchun oʻzgaradi dedi".split(),
}


def _variant(rng: random.Random, words: list[str]) -> str:
    """A sentence near `words`: some dropped, swapped, repeated, re-cased or given punctuation."""
    w = list(words)
    for _ in range(rng.randint(0, 4)):
        op, i = rng.randint(0, 5), rng.randrange(len(w))
        if op == 0 and len(w) > 2:
            del w[i]
        elif op == 1:
            j = rng.randrange(len(w))
            w[i], w[j] = w[j], w[i]
        elif op == 2:
            w.insert(i, w[rng.randrange(len(w))])  # a repeated word
        elif op == 3:
            w[i] = w[i].capitalize()
        elif op == 4:
            w[i] += rng.choice([",", ".", ":", ""])
        else:
            w[i] = w[i][:-1] or w[i]
    return " ".join(w)


def _sentences(rng: random.Random, lang: str, n: int) -> list[str]:
    base = WORDS[lang]
    out = []
    for _ in range(n):
        s = _variant(rng, rng.sample(base, rng.randint(2, len(base))))
        out.append(to_cyrillic(s) if lang == "uz" and rng.random() < 0.4 else s)
    return out


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_base_scores_equal_base_score(lang: str) -> None:
    rng = random.Random(11)
    for _ in range(40):
        q = Query.of(_sentences(rng, lang, 1)[0], lang)
        keys = [key_of(s, lang) for s in _sentences(rng, lang, 30)] + [q.key, ""]
        assert base_scores(q, keys) == [base_score(q, k) for k in keys]


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_one_differences_for_many_units_equals_fresh_calls(lang: str) -> None:
    rng = random.Random(12)
    for _ in range(20):
        query = _sentences(rng, lang, 1)[0]
        d = Differences(query, lang)
        last_changed = " ".join(query.split()[:-1] + ["boshqa"])
        for source in _sentences(rng, lang, 20) + [query, query.upper(), last_changed]:
            tags, fuzzy = rng.random() < 0.2, rng.random() < 0.2
            assert d.penalties(source, tags=tags, fuzzy=fuzzy) == penalties_for(query, source, lang, tags=tags,
                                                                              fuzzy=fuzzy)
            assert d.diff(source) == word_diff(query, source, lang) == _plain_diff(query, source, lang)


def _plain_diff(query: str, source: str, lang: str) -> list[tuple[str, str]]:
    """word_diff as documented: difflib over the words in matching form."""
    a, b = [w for _, _, w in surface_words(source)], [w for _, _, w in surface_words(query)]
    sm = difflib.SequenceMatcher(a=["".join(words_of(w, lang)) for w in a], b=["".join(words_of(w, lang)) for w in b],
                                 autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out += [("equal", w) for w in b[j1:j2]]
        else:
            out += [("delete", w) for w in a[i1:i2]] + [("insert", w) for w in b[j1:j2]]
    return out


def _plain_rank(text: str, lang: str, cands: list[Candidate], limit: int, min_score: int) -> list[tuple[int, int]]:
    q = Query.of(text, lang)
    scored = [(base_score(q, c.skey), i, c) for i, c in enumerate(cands)]
    scored = sorted((x for x in scored if x[0] >= min_score), key=lambda x: (-x[0], x[2].source != text, x[1]))
    out = []
    for base, _, c in scored[: limit + 6]:
        pens = penalties_for(text, c.source, lang, tags=bool(c.source_markup), fuzzy=c.fuzzy)
        score = final_score(base, q.key == c.skey, text == c.source, pens)
        if score >= min_score:
            out.append((score, c))
    out.sort(key=lambda x: (-x[0], -datetime.fromisoformat(x[1].changed_at).timestamp(), -x[1].id))
    return [(s, c.id) for s, c in out[:limit]]


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_rank_stops_early_with_the_same_matches(lang: str) -> None:
    rng = random.Random(13)
    for _ in range(30):
        text = _sentences(rng, lang, 1)[0]
        sources = _sentences(rng, lang, 40) + [text, text + "!", text.lower()]
        sources += [text, text, sources[0], sources[0], sources[1]]  # equal scores: the newest unit first
        cands = [Candidate(i, s, f"t{i}", key_of(s, lang), lang, "xx", f"<b>{s}</b>" if i % 5 == 1 else None, None,
                           i % 7 == 3, None, None, "", f"2026-01-{1 + i % 28:02d}T00:00:00+00:00")
                 for i, s in enumerate(sources)]  # some with inline codes, some from fuzzy PO entries
        for limit, min_score in ((5, 50), (1, 0), (3, 80), (10, 30)):
            got = [(m.score, m.unit_id) for m in ranking.rank(text, lang, cands, limit=limit, min_score=min_score)]
            assert got == _plain_rank(text, lang, cands, limit, min_score)


def _fetcher(by_id: dict[int, Candidate], asked: list[list[int]], gone: int | None = None
             ) -> Callable[[list[int]], dict[int, Candidate]]:
    """A backend's whole-row read: records the ids asked for; `gone` is a unit deleted before the read."""
    def fetch(ids: list[int]) -> dict[int, Candidate]:
        asked.append(list(ids))
        return {i: by_id[i] for i in ids if i != gone}
    return fetch


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_rank_keys_reads_whole_rows_only_for_the_units_it_reaches(lang: str) -> None:
    """rank_keys scores the keys, reads whole rows once for the limit + REACH best by base (ties at the border
    included) and shows what ranking every whole candidate shows; a unit gone between the two reads (deleted
    by another connection) lets the next ones move up, as if it had never been a candidate."""
    rng = random.Random(17)
    fewer = 0
    for _ in range(20):
        text = _sentences(rng, lang, 1)[0]
        sources = _sentences(rng, lang, 40)
        sources += [text, text + "!", text.lower(), text, sources[0]]  # ties on the base at the top
        cands = [Candidate(i, s, f"t{i}", key_of(s, lang), lang, "xx", None, None, i % 7 == 3, None, None, "",
                           f"2026-01-{1 + i % 28:02d}T00:00:00+00:00") for i, s in enumerate(sources)]
        by_id = {c.id: c for c in cands}
        keys = [(c.id, c.skey) for c in cands]
        asked: list[list[int]] = []
        got = ranking.rank_keys(text, lang, keys, _fetcher(by_id, asked), limit=5, min_score=30)
        assert [(m.score, m.unit_id) for m in got] == _plain_rank(text, lang, cands, 5, 30)
        assert len(asked) == 1
        fewer += len(asked[0]) < len(cands)
        gone = asked[0][0]
        got = ranking.rank_keys(text, lang, keys, _fetcher(by_id, [], gone), limit=5, min_score=30)
        assert [(m.score, m.unit_id) for m in got] == _plain_rank(text, lang, [c for c in cands if c.id != gone],
                                                                   5, 30)
    assert fewer == 20  # every lookup read fewer whole rows than it had candidates


def _plain_profile(text: str, lang: str) -> tuple:  # type: ignore[type-arg]
    """scoring._profile as first written, with text.words' look-behind-first apostrophe pattern (its key
    words are no longer part of it: the word order is compared on the matching keys)."""
    from tarjimon.core.text.words import INNER_KEY_APOSTROPHE_RE as inner

    t = inner.sub("'", text)
    odd = tuple(r for r in re.findall(r"\s+", t.strip()) if r != " ")
    letters = re.sub(r"[\W\d_]+", "", inner.sub("", t))
    return (tuple(re.findall(r"\d+", t)), letters, tuple(re.findall(r"[^\w\s]", inner.sub("", t))),
            (odd, t[:1].isspace(), t[-1:].isspace()))


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_profile_equals_the_plain_regexes(lang: str) -> None:
    from tarjimon.core.text.words import APOSTROPHES
    from tarjimon.core.tm.scoring import _profile

    rng = random.Random(14)
    alphabet = "aoģgbʹ1_ ,.-\u00a0\t" + APOSTROPHES + "қўд"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _profile(text, lang) == _plain_profile(text, lang), repr(text)
    ascii_chars = "".join(map(chr, range(128)))  # the ASCII path (letters by bytes.translate), controls too
    for _ in range(3000):
        text = "".join(rng.choice(ascii_chars) for _ in range(rng.randint(0, 14)))
        assert _profile(text, lang) == _plain_profile(text, lang), repr(text)


def test_in_order_of_equals_the_plain_placement() -> None:
    """_in_order_of (positions counted, not popped) places the words as popping each position does."""
    from tarjimon.core.tm.scoring import _in_order_of

    def plain(query: list[str], unit: list[str]) -> list[str]:
        where: dict[str, list[int]] = {}
        for i, w in enumerate(query):
            where.setdefault(w, []).append(i)
        placed, last = [], -1.0
        for j, w in enumerate(unit):
            if where.get(w):
                last = float(where[w].pop(0))
                placed.append((last, j, w))
            else:
                placed.append((last + 0.5, j, w))
        return [w for _, _, w in sorted(placed)]

    rng = random.Random(15)
    for _ in range(3000):
        query = [rng.choice("abcdefg") for _ in range(rng.randint(0, 8))]
        unit = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 8))]
        assert _in_order_of(query, unit) == plain(query, unit), (query, unit)


def test_in_order_unique_equals_in_order_of() -> None:
    """_in_order_unique (a query without a repeated word) places the words as _in_order_of does, the unit's
    repeated words included."""
    from tarjimon.core.tm.scoring import _in_order_of, _in_order_unique

    rng = random.Random(16)
    for _ in range(3000):
        query = rng.sample("abcdefg", rng.randint(0, 7))
        unit = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 9))]
        pos = {w: i for i, w in enumerate(query)}
        assert _in_order_unique(pos, unit) == _in_order_of(query, unit), (query, unit)


def test_word_order_flags_with_repeated_words_equal_moved() -> None:
    """base_scores_moved's word-order flags (the shared bag counted from the shared set and the repeated
    words' counts) are _moved's, for queries and units with repeated words."""
    from tarjimon.core.tm.scoring import _moved, base_scores_moved

    rng = random.Random(17)
    for _ in range(400):
        query = " ".join(rng.choice("ab bc cd de ef fg".split()) for _ in range(rng.randint(1, 9)))
        q = Query.of(query, "en")
        keys = [" ".join(rng.choice("ab bc cd de ef fg gh".split()) for _ in range(rng.randint(1, 9)))
                for _ in range(8)]
        bases, flags = base_scores_moved(q, keys)
        assert bases == [base_score(q, k) for k in keys]
        assert flags == [k != q.key and bool(_moved(q.words, k.split())) for k in keys], (query, keys)


def test_case_check_without_folding_never_hides_a_fold() -> None:
    """_without_t_y tells two Uzbek profiles' letters apart only when their folds differ: the case penalty is
    never left out (random letters with t/s/y/e runs, apostrophes, capitals, Cyrillic and other non-ASCII)."""
    from tarjimon.core.tm.scoring import _fold_letters, _without_t_y

    rng = random.Random(18)
    alphabet = "tsyeTSYEaoOgG'ʻʼ`’‘´ʹ′" + "шцеёқўİıßö"
    apart = 0
    for _ in range(20000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        ra, rb = _without_t_y(a), _without_t_y(b)
        if ra is not None and rb is not None and ra != rb:
            apart += 1
            assert _fold_letters(a, "uz") != _fold_letters(b, "uz"), (a, b)
        if _fold_letters(a, "uz") == _fold_letters(b, "uz"):  # folds alike: never told apart
            assert ra is None or rb is None or ra == rb, (a, b)
    assert apart > 1000
    alike = 0
    for _ in range(5000):  # spellings that fold alike (ts/s, ye/e, case, marks): never told apart
        a = "".join(rng.choice("tsyeaoqg") for _ in range(rng.randint(1, 10)))
        b = a.replace("s", rng.choice(["s", "ts", "TS", "S"])).replace("e", rng.choice(["e", "ye", "Ye", "E"]))
        b = b.replace("o", rng.choice(["o", "oʻ", "O'", "o’"]))
        if _fold_letters(a, "uz") == _fold_letters(b, "uz"):
            alike += 1
            ra, rb = _without_t_y(a), _without_t_y(b)
            assert ra is None or rb is None or ra == rb, (a, b)
    assert alike > 1000


@pytest.mark.parametrize("lang", ["en", "uz"])
def test_both_passes_in_one_call_equal_base_score(lang: str) -> None:
    """base_scores_moved scores the units in order and the moved ones in the sentence's order in one set of
    rapidfuzz calls: the same numbers as base_score, whether every unit, none or some moved, the sentence's
    own key among them (never scored again: nothing of it moved)."""
    from tarjimon.core.tm.scoring import base_scores_moved

    rng = random.Random(19)
    counts = [0, 0]
    for _ in range(60):
        q = Query.of(_sentences(rng, lang, 1)[0], lang)
        words = list(q.words)
        shuffled = []
        for _ in range(6):
            w = list(words)
            rng.shuffle(w)
            shuffled.append(" ".join(w))
        in_order = [" ".join(words[: max(1, len(words) - k)]) for k in range(6)]
        for keys in (shuffled + [q.key], in_order, shuffled[:3] + in_order[:3] + [q.key, ""]):
            bases, flags = base_scores_moved(q, keys)
            assert bases == [base_score(q, k) for k in keys], (q.key, keys)
            assert not any(f for k, f in zip(keys, flags, strict=True) if k == q.key)
            counts[0] += sum(flags)
            counts[1] += len(flags) - sum(flags)
    assert counts[0] > 200 and counts[1] > 200, counts  # both kinds of unit met
