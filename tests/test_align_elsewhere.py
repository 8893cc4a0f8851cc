"""A pair whose sentence has a clearly better partner elsewhere, and a single pair found out of order
(core/align/scorer.py `Scorer.elsewhere`, passes.py `ALONE_ANCHORS`; issue 17, eighth session)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from testkit import SHARED, bench_align

from tarjimon.core.align.dp import ELSEWHERE_MARGIN, ELSEWHERE_SURE, ELSEWHERE_WEIGHT
from tarjimon.core.align.scorer import Scorer
from tarjimon.core.align.versions import Version, align_versions

ENG_KAZ = SHARED / "data" / "parallel" / "apertium-eng-kaz"
needs_eng_kaz = pytest.mark.skipif(not (ENG_KAZ / "eng.txt").exists(),
                                   reason=f"the English-Kazakh parallel text is missing: {ENG_KAZ}")


def _scorer(uz: str, kk: str) -> Scorer:
    src, tgt = Version.of_text(uz, "uz", "uz.txt"), Version.of_text(kk, "kk", "kk.txt")
    src.prepare()
    tgt.prepare()
    return Scorer(src.features, tgt.features, leads=(src.lead, tgt.lead))


UZ = ("Toshkentda 2025 yilda 340 ta maktab qurildi. "
      "Samarqandda 15 ta yangi kasalxona ochildi, dedi vazir Aliyev Farhod 2024 yil 3 aprelda. "
      "Bu haqda Buxoro hokimligi 12 mart kuni xabar berdi. Navoiyda 7 ta zavod ishga tushdi. "
      "Xorazmda 45 ming tup daraxt ekildi. Andijonda 9 ta yangi koʻprik qurildi.")
# the Kazakh desk added a line (T1) before the partner (T2) of the Uzbek S1
KK = ("Ташкентте 2025 жылы 340 мектеп салынды. Бұл туралы министр Алиев айтты. "
      "Самарқандта 15 жаңа аурухана ашылды, деді министр Алиев Фарход 2024 жылы 3 сәуірде. "
      "Бұл туралы Бұхара әкімдігі 12 наурызда хабарлады. Навоиде 7 зауыт іске қосылды. "
      "Хорезмде 45 мың ағаш отырғызылды. Әндіжанда 9 жаңа көпір салынды.")


def test_a_pair_pays_when_a_sentence_has_a_clearly_better_partner_elsewhere() -> None:
    """Pairing S1 with the added line T1 (sharing the minister's name) costs what S1's real partner T2 (numbers
    and names) holds above it, less the margin; the right pairs pay nothing, and neither does a wrong pair
    whose sentences' other candidates are not sure pairs (the floor)."""
    scorer = _scorer(UZ, KK)
    s, t = scorer.source, scorer.target
    assert scorer.anchor(s[1], t[2]) >= ELSEWHERE_SURE > scorer.anchor(s[1], t[1])
    assert scorer.elsewhere(1, 1) == pytest.approx(
        ELSEWHERE_WEIGHT * (scorer.anchor(s[1], t[2]) - scorer.anchor(s[1], t[1]) - ELSEWHERE_MARGIN))
    assert scorer.elsewhere(1, 1) > 0
    assert all(scorer.elsewhere(i, j) == 0.0 for i, j in ((0, 0), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)))
    assert scorer.anchor(s[3], t[4]) < ELSEWHERE_SURE and scorer.anchor(s[4], t[5]) < ELSEWHERE_SURE
    assert scorer.elsewhere(3, 5) == 0.0  # S3 and T5 have no sure partner elsewhere: no margin to judge by


def test_the_cost_applies_once_calibrated_and_steers_the_path() -> None:
    """Before `calibrate` (the first pass) a 1-1 bead's cost has no such term; after it, the wrong pair costs
    at least `elsewhere` more; the alignment pairs S1 with T2 and leaves the added line alone."""
    scorer = _scorer(UZ, KK)
    before = scorer.cost(1, 1, 1, 1)[0]
    scorer.calibrate([(0, 0), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)])
    assert scorer.rates is not None
    assert scorer.cost(1, 1, 1, 1)[0] >= before + scorer.elsewhere(1, 1) > before
    assert scorer.cost(1, 1, 2, 1) == _scorer(UZ, KK).cost(1, 1, 2, 1) or scorer.elsewhere(1, 2) == 0.0
    src, tgt = Version.of_text(UZ, "uz", "uz.txt"), Version.of_text(KK, "kk", "kk.txt")
    al = align_versions(src, {"kk": tgt}, check=False)
    assert {(p.source, p.target) for p in al.pairs["kk"]} == {((i,), (i + 1 if i else 0,)) for i in range(6)}
    assert al.unaligned("kk") == ([], [1])


def _article(bench, seed: int, number: int):
    rows = bench.read_pairs("eng-kaz")
    rng = random.Random(seed)
    for n, at in enumerate(range(0, len(rows) - 12, 24)):
        s, t, sl, tl = bench.build_article(rows[at:at + 24], rng, at)
        if n == number:
            return bench.to_version(s, sl, "s")[0], bench.to_version(t, tl, "t")[0]
    raise AssertionError(f"no article {number}")


def _index(version: Version, start: str) -> int:
    return next(k for k, x in enumerate(version.sentences) if x.text.startswith(start))


@needs_eng_kaz
def test_bench_article_where_the_partner_is_one_line_on() -> None:
    """bench/align.py, seed 131, article 1 (the children's story, a paragraph moved, the English of "No, Mary,
    I can't tell" dropped): "Although she probably knows where he is, she does not want to tell." pairs with
    its own Kazakh sentence, one line after the one it was paired with before (sharing "tell")."""
    bench = bench_align()
    sv, tv = _article(bench, 131, 1)
    i = _index(sv, "Although she probably knows")
    right, before = _index(tv, "Ол Джеймстің қайда екенін білсе"), _index(tv, '"Жоқ, Мэри, айта алмаймын"')
    pairs = {(p.source, p.target) for p in align_versions(sv, {"kk": tv}, terms=bench.dictionary_terms("eng-kaz"),
                                                          check=False).pairs["kk"]}
    assert ((i,), (right,)) in pairs and ((i,), (before,)) not in pairs


@needs_eng_kaz
def test_bench_article_two_lonely_sentences_far_apart_are_not_a_moved_pair() -> None:
    """bench/align.py, seed 167, article 0: the Kazakh title "ДЖЕЙМС ҚАЙДА?" (its English dropped) and "Mary
    does not know where James is." (its Kazakh dropped), 24 sentences apart, share "James" and "where": a
    single pair found out of order with less than a sure pair's anchors is not taken (it was, at 0.71)."""
    bench = bench_align()
    sv, tv = _article(bench, 167, 0)
    i, j = _index(sv, "Mary does not know where James"), _index(tv, "ДЖЕЙМС ҚАЙДА")
    al = align_versions(sv, {"kk": tv}, terms=bench.dictionary_terms("eng-kaz"), check=False)
    lone_s, lone_t = al.unaligned("kk")
    assert i in lone_s and j in lone_t


@needs_eng_kaz
def test_bench_long_version_a_chance_partner_whose_own_best_is_another_sentence_does_not_count() -> None:
    """bench/align.py --seeds 17 --size 342 (the whole English-Kazakh corpus as one story, 193 sentences a
    side): "Олармен бірге тұра алдым" holds a sure pair's evidence with "So I guess I was the lucky one.", 28
    lines before, whose own best partner is another sentence. That chance partner does not count against the
    right pair ("I could live with them.", sharing little): with it, the right pair paid and both sentences
    were left alone (ninth session)."""
    bench = bench_align()
    rows = bench.read_pairs("eng-kaz")
    s, t, sl, tl = bench.build_article(rows[0:342], random.Random(17), 0)
    sv, tv = bench.to_version(s, sl, "s")[0], bench.to_version(t, tl, "t")[0]
    i, j = _index(sv, "I could live with them"), _index(tv, "Олармен бірге тұра алдым")
    lucky = _index(sv, "So I guess I was the lucky one")
    al = align_versions(sv, {"kk": tv}, terms=bench.dictionary_terms("eng-kaz"), check=False)
    scorer = Scorer(sv.features, tv.features, cognates=False, leads=(sv.lead, tv.lead))
    assert scorer.anchor(scorer.source[lucky], scorer.target[j]) >= ELSEWHERE_SURE
    assert ((i,), (j,)) in {(p.source, p.target) for p in al.pairs["kk"]}


def test_the_confidence_of_a_sentence_millions_of_characters_long_is_a_number() -> None:
    """A 24 MB paragraph (under the input limit) beside a short partner put Gale-Church's delta past what
    math.exp can take: `align` ended in an OverflowError traceback (walk9). Its confidence is now ~0."""
    scorer = _scorer(UZ, KK)
    scorer.source[0] = replace(scorer.source[0], length=24_000_000)
    confidence = scorer.confidence_of((0,), (0,), 0.0)
    assert 0.0 <= confidence < 1e-6
