"""Sentence alignment of a story's published versions (`tarjimon align`, issue 17; docs/align.md).

signals.py: what a sentence offers besides its length (numbers by value, names and cognates as skeletons,
punctuation, a desk's asides); dp.py: the dynamic programme over beads (Gale-Church length, anchors, priors)
and the passes that find moved paragraphs; versions.py: a version's sentences, the joint confidence across
targets and the same-story check; review.py: the edits of the review screen. No file or TM access here:
core/workbench/aligning.py reads the articles and hands the units to the TM.
"""
