"""Another target's partner as a witness in joint alignment (core/align/pivot.py; issue 17, ninth session):
its agreement counts at `WEIGHT` of a bead's own anchors, its disagreement half that, and twice that when the
other target's pair is sure."""

from __future__ import annotations

import pytest

from tarjimon.core.align.dp import ANCHOR_WEIGHT, Z_EVEN, Bead
from tarjimon.core.align.lexicon import Lexicon
from tarjimon.core.align.pivot import AGAINST, AGAINST_UNSURE, SURE_AGAINST, WEIGHT, Pivot
from tarjimon.core.align.scorer import Scorer
from tarjimon.core.align.versions import Version
from tarjimon.core.workbench.aligning import morphology_stems

WORDS = (("bola", "бала", "child"), ("it", "ит", "dog"), ("uy", "үй", "house"), ("daraxt", "ағаш", "tree"),
         ("mushuk", "мысық", "cat"), ("bog", "бақ", "garden"))
KK = ("Бала үйде.\nИт ағаштың астында.\nМысық бақта.\nБала итті шақырды.\nМысық үйге кірді.")
EN = ("The child is in the house.\nThe dog is under the tree.\nThe cat is in the garden.\n"
      "The child called the dog.\nThe cat went into the house.")


def _versions() -> tuple[Version, Version]:
    lexicon = Lexicon([{"uz": (u,), "kk": (k,)} for u, k, _ in WORDS]
                      + [{"en": (e,), "kk": (k,)} for _, k, e in WORDS], stems=morphology_stems)
    kk, en = Version.of_text(KK, "kk", "kk"), Version.of_text(EN, "en", "en")
    kk.prepare(lexicon.find)
    en.prepare(lexicon.find)
    return kk, en


def test_a_sure_pair_of_the_other_target_that_disagrees_counts_twice_an_unsure_one_half() -> None:
    """Source sentences 0 and 1 have Kazakh partners 0 (sure) and 1 (not sure); an English sentence that says
    something else than that partner gets the raw pivot evidence (below zero) times AGAINST, or times
    AGAINST_UNSURE; one that says the same gets it as is (above zero)."""
    kk, en = _versions()
    beads = [Bead((0,), (0,), SURE_AGAINST + 0.1), Bead((1,), (1,), SURE_AGAINST - 0.2)]
    pivot = Pivot(en.features, [(beads, kk.features, False)])
    cross = Scorer(kk.features, en.features, cognates=False)

    def raw(k: int, e: int) -> float:
        return WEIGHT * ANCHOR_WEIGHT * (cross.zscore(cross.source[k], cross.target[e]) - Z_EVEN)

    assert raw(0, 2) < 0 and raw(1, 2) < 0 and raw(0, 0) > 0
    assert pivot((0,), (2,)) == pytest.approx(AGAINST * raw(0, 2))
    assert pivot((1,), (2,)) == pytest.approx(AGAINST_UNSURE * raw(1, 2))
    assert pivot((0,), (0,)) == pytest.approx(raw(0, 0))
    assert pivot((4,), (2,)) == 0.0  # no partner in the other target: no witness
