"""Sentence alignment of one source and one target version by dynamic programming over beads.

A bead is a group of k source and l target sentences read as one translation (1-1, 2-1, 1-2, 3-1, 1-3) or a
sentence with no partner (1-0, 0-1). A bead's cost adds (a) the Gale-Church length cost (Gale & Church
1993: the target's length is the source's times a ratio estimated from the two versions, with a variance
that grows with length; with a heavier tail for the aligner, as real versions shorten a sentence now and
then), (b) its prior (-log of how often such beads occur), and (c) the anchors: numbers,
names, transliteration-folded cognates, glossary terms and punctuation the two sides share, against what
each side holds (`Scorer.anchor`). This module holds the bead and the costs' settings; scorer.py's
`Scorer` costs every bead, programme.py's `align_pair` finds the cheapest path (the alignment), passes.py's
`align` adds the passes that find a paragraph moved to another place in one version.

`Scorer(length_only=True)` is the plain Gale-Church aligner: the benchmark's baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

# priors of the bead shapes (news versions drop, add, merge and split sentences more than Gale & Church's
# Hansard did: a desk drops a lead or a line, adds a "see also", a page is cut off; one sentence in 25 with no
# partner on each side)
PRIORS = {(1, 1): 0.86, (1, 0): 0.04, (0, 1): 0.04, (2, 1): 0.05, (1, 2): 0.05, (3, 1): 0.006, (1, 3): 0.006}
GALE_CHURCH_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2,
                      (1, 2): 0.089 / 2}
VARIANCE = 6.8  # Gale & Church's s², characters
ANCHOR_WEIGHT = 1.8  # cost per standard deviation of anchor similarity
Z_EVEN = 1.0  # the z-score at which anchors say neither yes nor no
Z_CAP = 6.0
MIN_SD = 0.06
LENGTH_WEIGHT = 1.0
LENGTH_TAIL, LENGTH_TAIL_SD = 0.05, 4.0  # a heavier tail: 5% of pairs from a spread 4 times as wide
WEAK = 0.3  # a pair below this confidence is aligned again with what was left alone
ASIDE_PENALTY = 8.0
HOPELESS = 14.0  # a merge's length cost beyond which its anchors are not worth computing
PART_Z, PART_WEIGHT = 1.0, 1.0  # each sentence of a merge: the z-score it must reach, the cost per sd short
PART_FLOOR = 0.5  # ... at least this share of it for a sentence holding few anchors (or none)
# the weight of a recognised word whose concepts the other version never holds, in a merge's sentence: held
# but never matched (a third of a matched glossary word's 1.5; 0.5-1.0 measured alike on the bench)
ORPHAN = 0.5
# once calibrated, a 1-1 pair also pays half the log-likelihood ratio of its anchors matched and missed both
# ways when it speaks against the pair (two sentences each without its partner, sharing a "but" or "be", paired
# because two omissions cost more; 0.35-0.65 measured alike on the bench). It steers the path only: a pair's
# confidence (what `--min` reads) stays its anchors' and lengths' (in it too, it cost pairs >= 0.5 a point)
PAIR_LLR = 0.5
# a gapped merge (programme.py): a desk drops a sentence and joins the two around it into one (sentences i and
# i+2 of one side with one of the other, i+1 alone); the prior of the whole event: a sentence dropped and a
# merge (0.0015-0.005 measured alike on the bench)
GAP_PRIOR = PRIORS[(1, 0)] * PRIORS[(2, 1)]
# a version's lead (its first sentence after the title) has no partner more often than other sentences: a desk
# drops or rewrites the lead (0.1-0.3 measured alike on the bench, where half the stories lose one version's)
LEAD_LONE = 0.1
# once calibrated, a 1-1 pair pays when one of its sentences has a clearly better partner elsewhere: that
# partner's anchor evidence (at least ELSEWHERE_SURE, a sure pair's) less this pair's and ELSEWHERE_MARGIN, at
# ELSEWHERE_WEIGHT a unit (a pair's sentences judged against each other's other candidates, not only against
# unrelated pairs: in a story that repeats its words, a wrong pair shares "Mary" and "tell" well above chance
# while its sentence's real partner, one line on, shares four words). Weights 0.5-2.0, margins 0.5-1.0 and
# floors 2.5-3.0 measured within 0.05 point of each other on the bench; without the floor it cost recall
ELSEWHERE_WEIGHT, ELSEWHERE_MARGIN, ELSEWHERE_SURE = 1.0, 0.5, 3.0
# ... within this many sentences of the pair's own partner: in a long version (a whole corpus as one story,
# 193 sentences) some far sentence shares a sure pair's words with almost any other by chance (with no
# window, en-kk recall on segments fell from 0.973 to 0.956 there); a moved paragraph of a story sits within.
# Only a partner without a clearly better partner of its own counts (`Scorer._alternative`, ninth session:
# there 0.9722 / 0.9615 -> 0.9778 / 0.9704 on segments)
ELSEWHERE_WINDOW = 40
EMPTY_HELD = 1.0  # once calibrated, a merge's sentence holding this weight of anchors pays their likelihood
# ratio instead (`Scorer.part_evidence`); one holding less still pays the z-score rule above


@dataclass(frozen=True)
class Bead:
    """Source sentences `source` aligned with target sentences `target` (indices; one side may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 0.0
    anchors: float = 0.0  # the anchor evidence (shared numbers, names, terms...), for reports

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"
