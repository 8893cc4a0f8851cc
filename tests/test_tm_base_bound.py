"""The upper bound of the base score that bench/tm_base.py measures (issue 11 goal 4; docs/benchmarks.md,
tmfetch11 and tmbase11): with m and n the two word counts and Aw, As the words and stems both keys have (as
bags), W <= Aw / max(m, n) and S <= As / max(m, n), in order and with the unit's words put in the sentence's
order; C of the reordered key <= 200 min(lq, lu) / (lq + lu). Checked against the real scorer on random keys:
repeated words, numbers, Latin and Cyrillic, short and empty keys. A bound that held only on the bench sets
would skip a candidate that should be reached; this is the property a bounded scoring would rest on."""

from __future__ import annotations

import random
from collections import Counter

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from tarjimon.core.text.stems import STEM
from tarjimon.core.tm.scoring import Query, base_score, base_scores_moved
from tarjimon.core.tm.text import key_of
from tarjimon.core.tm.wordorder import _in_order_of

VOCAB = {
    "uz": "kitob kitobni kitoblarni oʻqidim prezident prezidentga yangi qonun qonunni imzoladi 200 2024 va u bu "
          "Китоб китобни ўқидим янги қонунни имзолади".split(),
    "en": "the law laws lawyer signed sign new news on monday 200 3 a an of president presidents "
          "закон закона новый".split(),
}


def _sentence(rng: random.Random, lang: str) -> str:
    n = rng.choice([0, 1, 2, 3, 5, 8, 12])
    return " ".join(rng.choice(VOCAB[lang][: rng.randint(3, len(VOCAB[lang]))]) for _ in range(n))


def _bound(q: Query, key: str) -> tuple[float, float]:
    """(the bound of W and of S: Aw and As over max(m, n); the bound of the base, either pass)."""
    words = key.split()
    m, n, lq, lu = len(q.words), len(words), len(q.key), len(key)
    aw = sum((Counter(q.words) & Counter(words)).values())
    ast = sum((Counter(q.stems) & Counter(w[:STEM] for w in words)).values())
    most = max(m, n)
    w_s = 100.0 * aw / most, 100.0 * ast / most
    c = fuzz.ratio(q.key, key)
    c_moved = 200.0 * min(lq, lu) / (lq + lu)
    return w_s, max(0.5 * c, 0.5 * c_moved if aw > 1 else 0.0) + 0.25 * (w_s[0] + w_s[1])


def test_base_score_never_above_its_bound() -> None:
    rng = random.Random(23)
    checked = moved = 0
    for _ in range(300):
        lang = rng.choice(["uz", "en"])
        q = Query.of(_sentence(rng, lang), lang)
        keys = [key_of(_sentence(rng, lang), lang) for _ in range(12)] + [""]
        if q.words:
            shuffled = list(q.words)
            rng.shuffle(shuffled)
            keys.append(" ".join(shuffled))
        bases, flags = base_scores_moved(q, keys)
        assert bases == [base_score(q, k) for k in keys]
        for key, base, flag in zip(keys, bases, flags, strict=True):
            if key == q.key:  # identical keys: 100, never bounded (and both empty: nothing to divide by)
                assert base == 100.0
                continue
            (w_most, s_most), most = _bound(q, key)
            words = key.split()
            for unit in (words, _in_order_of(q.words, words)):  # in order, and the second pass's order
                assert Levenshtein.normalized_similarity(q.words, unit) * 100.0 <= w_most + 1e-9, (q.key, key)
                stems = [x[:STEM] for x in unit]
                assert Levenshtein.normalized_similarity(q.stems, stems) * 100.0 <= s_most + 1e-9, (q.key, key)
            assert base <= most + 1e-9, (q.key, key, base, most)
            checked += 1
            moved += flag
    assert checked > 3000 and moved > 300, (checked, moved)
