"""Sentence alignment of a story's published versions (`tarjimon align`, issue 17; docs/align.md).

signals.py: what a sentence offers besides its length (numbers by value, names and cognates as skeletons,
punctuation, a desk's asides); lexicon.py: the glossaries read loosely, word by word; dp.py: the beads and
their costs' settings; evidence.py: what two blocks' anchors say of each other (weights, similarity, calibrated
rates); scorer.py: the cost of every bead (Gale-Church length, anchor evidence, priors); programme.py:
the dynamic programme over beads; passes.py: `align`, the programme and the passes
that find moved paragraphs; pivot.py: one target's pairs vouching for another's beads; versions.py: a
version's sentences, the joint pass and confidence across targets, the same-story check; review.py: the edits
of the review screen; snapshot.py: an alignment as JSON data. No file or TM access here:
core/workbench/aligning.py reads the articles and hands the units to the TM.
"""
