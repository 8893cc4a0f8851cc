"""Versions of one story and their alignment: a source version with one or more targets, aligned jointly.

`Version.of_article` cuts an article into sentences with Tarjimon's segmenter (core/segment), keeping where
each sentence sits so a unit's text is exactly as in the article. `align_versions` aligns the source with
each target (programme.py, scorer.py), then lets the targets vouch for each other: a source sentence whose kk and ru partners
share its numbers and names with each other is more certain than either pair alone. `check_same_story`
refuses versions of different stories instead of aligning them into garbage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tarjimon.core.align.dp import Bead
from tarjimon.core.align.passes import align
from tarjimon.core.align.pivot import Pivot
from tarjimon.core.align.scorer import Scorer
from tarjimon.core.align.signals import Features, features, merge
from tarjimon.core.errors import BadInput
from tarjimon.core.models.article import Article

# concepts recognised in a sentence: (text, lang) -> concept ids (the project's glossaries, or none), or a
# group of concept ids a word (lexicon.Lexicon.find: the concepts one inflected word may be)
TermFinder = Callable[[str, str], Iterable[str] | Iterable[frozenset[str]]]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a version: its text, its paragraph and where it sits in that paragraph."""

    text: str
    paragraph: int
    start: int = 0
    end: int = 0


@dataclass
class Version:
    """One language's version of a story, cut into sentences."""

    lang: str
    sentences: list[Sentence]
    paragraphs: list[str]
    name: str = ""
    features: list[Features] = field(default_factory=list)
    lead: int = 0  # the first sentence after the title and headings: the story's lead

    @classmethod
    def of_article(cls, article: Article, lang: str, name: str = "") -> Version:
        """The sentences of `article` (titles and headings whole, body paragraphs through the segmenter)."""
        from tarjimon.core.segment import segment_spans

        sentences, paragraphs = [], []
        lead = None
        for idx, para in enumerate(article.paragraphs):
            paragraphs.append(para.text)
            if para.kind in ("title", "heading"):
                text = para.text.strip()
                if text:
                    start = para.text.index(text)
                    sentences.append(Sentence(text, idx, start, start + len(text)))
                continue
            if lead is None:
                lead = len(sentences)
            sentences.extend(Sentence(para.text[s:e], idx, s, e) for s, e in segment_spans(para.text, lang))
        return cls(lang, sentences, paragraphs, name, lead=lead or 0)

    @classmethod
    def of_text(cls, text: str, lang: str, name: str = "") -> Version:
        """A version from plain text, one paragraph a line."""
        from tarjimon.core.models.article import Paragraph

        return cls.of_article(Article(paragraphs=[Paragraph(line) for line in text.splitlines() if line.strip()]),
                              lang, name)

    def prepare(self, terms: TermFinder | None = None) -> None:
        """Compute the sentences' features (once)."""
        if not self.features:
            self.features = [features(s.text, self.lang, terms(s.text, self.lang) if terms else frozenset())
                             for s in self.sentences]

    def text_of(self, ids: tuple[int, ...]) -> str:
        """The text of consecutive sentences exactly as in the article: the paragraph's own characters between
        sentences of one paragraph, a space between paragraphs."""
        parts: list[str] = []
        run: list[int] = []
        for i in sorted(ids):
            if run and (i != run[-1] + 1 or self.sentences[i].paragraph != self.sentences[run[-1]].paragraph):
                parts.append(self._span(run))
                run = []
            run.append(i)
        if run:
            parts.append(self._span(run))
        return " ".join(parts)

    def _span(self, run: list[int]) -> str:
        first, last = self.sentences[run[0]], self.sentences[run[-1]]
        return self.paragraphs[first.paragraph][first.start:last.end]


@dataclass(frozen=True)
class Pair:
    """An aligned pair of one target language: source and target sentence ids, their texts and confidence."""

    lang: str
    source: tuple[int, ...]
    target: tuple[int, ...]
    source_text: str
    target_text: str
    confidence: float
    shape: str
    agreement: str = ""  # the other targets that vouched for it ("ru"), or ""


@dataclass
class Alignment:
    """The alignment of a source version with its targets: pairs per target language, and what was left."""

    source: Version
    targets: dict[str, Version]
    beads: dict[str, list[Bead]]
    pairs: dict[str, list[Pair]] = field(default_factory=dict)

    def unaligned(self, lang: str) -> tuple[list[int], list[int]]:
        """Source and target sentence ids of `lang` that no pair holds."""
        beads = self.beads[lang]
        return ([b.source[0] for b in beads if not b.target], [b.target[0] for b in beads if not b.source])


# A story's versions agree on most sentences, in order; another story's chance matches scatter. The score
# (`story_score`): the share of the shorter version's sentences in sure pairs (confidence 0.8 or more) next to
# each other, or half the share in pairs of 0.5 or more if higher (0.30 at most for another story). Measured by bench/align.py over 3 x 66 articles (seeds 17, 3, 99; the figures in
# docs/benchmarks.md): real pairs 0.72 at least with the Apertium dictionaries as the glossary (Uzbek-Kazakh
# 0.81), 0.48 at least Uzbek-Kazakh with no glossary; another story's target 0.32 at most (0.27
# Uzbek-Kazakh, 0.0 without a glossary). English and Kazakh with no glossary share too little to tell
# (0.0 either way): `evidence` sees that the versions hold too few shared anchors to judge, and the target
# is refused as "cannot verify" (`align --force` aligns it) rather than as another story, unless another
# target vouches for it (the joint pass).
STORY_SURE = 0.8
MIN_STORY_SCORE = 0.4
# A story's chance pairs can still line up when the programme lets many sentences go unpaired, so the words
# are weighed too: of the glossary words of each version, the share whose term the other version holds.
# Measured by bench/align.py over 6 x 66 articles (seeds 17,3,99,5,11,23, the Apertium dictionaries):
# real pairs 0.59 at least (Uzbek-Kazakh 0.72), another story 0.43 at most (Uzbek-Kazakh 0.46); judged only
# when both versions hold MIN_TERM_WORDS such words or more (a glossary of a few terms says less).
MIN_TERM_SHARE = 0.5
MIN_TERM_WORDS = 20
# languages whose common words share roots or loans (Turkic, and Russian's loans in Kazakh and Uzbek):
# English with any of them shares names only
COGNATE_LANGS = frozenset({"uz", "kk", "ru", "kaa", "ky", "tr", "tt", "ba", "tk", "az"})


def _together(beads: list[Bead], floor: float) -> int:
    """The sentences in pairs of confidence `floor` or more that sit next to another such pair (within two
    sentences on both sides: a story's versions run along together, while chance matches scatter)."""
    confident = sorted((b for b in beads if b.source and b.target and b.confidence >= floor),
                       key=lambda b: b.source[0])

    def near(a: Bead, b: Bead) -> bool:
        return (abs(a.source[0] - b.source[0]) <= 2 + len(a.source) and
                abs(a.target[0] - b.target[0]) <= 2 + len(a.target))

    together = [b for k, b in enumerate(confident)
                if any(near(b, o) for o in confident[max(0, k - 3):k] + confident[k + 1:k + 4])]
    return sum(min(len(b.source), len(b.target)) for b in together)


def story_score(source: Version, target: Version, beads: list[Bead]) -> tuple[int, int, float, float]:
    """(aligned, of, mean confidence, score) of an alignment: `aligned` counts the sentences of the shorter
    version in sure pairs next to each other; the score is their share, or half the share of those in
    pairs of 0.5 or more when that is higher (a short story's pairs are rarely sure)."""
    n = max(min(len(source.sentences), len(target.sentences)), 1)  # a cut-off page: the shorter version's
    aligned = _together(beads, STORY_SURE)
    paired = [b.confidence for b in beads if b.source and b.target]
    mean = sum(paired) / len(paired) if paired else 0.0
    return aligned, n, mean, max(aligned / n, _together(beads, 0.5) / n / 2)


def _anchors(f: Features, cognates: bool) -> frozenset[str]:
    return f.numbers | f.names | f.terms | (f.cognates if cognates else frozenset())


def evidence(source: Version, target: Version) -> tuple[int, int]:
    """(sentences, of): how many of the shorter version's sentences hold an anchor (a number, a name, a
    glossary term; a cognate between related languages) that the other version holds somewhere: what the
    check could ever see. English and Kazakh with no glossary terms share a few names only."""
    cognates = COGNATE_LANGS.issuperset({source.lang, target.lang})
    a, b = ((source, target) if len(source.sentences) <= len(target.sentences) else (target, source))
    pool: set[str] = set()
    for f in b.features:
        pool |= _anchors(f, cognates)
    held = sum(1 for f in a.features if _anchors(f, cognates) & pool)
    return held, max(len(a.sentences), 1)


def term_overlap(source: Version, target: Version) -> tuple[float, int]:
    """(share, words): of the glossary words each version holds, the share whose concept the other version
    holds anywhere (the lower of the two), and how many such words the version with fewer holds. A story's
    versions tell of the same things; another story's share only what any two stories share."""
    concepts = [frozenset().union(*(f.terms for f in v.features)) for v in (source, target)]
    shares, counts = [], []
    for v, other in ((source, concepts[1]), (target, concepts[0])):
        groups = [g for f in v.features for g in f.term_groups]
        counts.append(len(groups))
        shares.append(sum(1 for g in groups if not g.isdisjoint(other)) / max(len(groups), 1))
    return min(shares), min(counts)


def check_same_story(source: Version, target: Version, beads: list[Bead]) -> None:
    """BadInput when `target` does not look like a version of `source`'s story, or when the versions share
    too few anchors for the check to tell (a distinct message: `align --force` aligns them anyway)."""
    aligned, n, mean, score = story_score(source, target, beads)
    share, words = term_overlap(source, target)
    if score >= MIN_STORY_SCORE and words >= MIN_TERM_WORDS and share < MIN_TERM_SHARE:
        raise BadInput(
            f"{source.name or source.lang} and {target.name or target.lang} do not look like versions of one "
            f"story: only {share:.0%} of the glossary words of one version have their term in the other; "
            f"nothing was added", path=target.name or None)
    if score < MIN_STORY_SCORE:
        held, of = evidence(source, target)
        if held / of < MIN_STORY_SCORE:  # not enough shared anchors to judge: say so, not "another story"
            raise BadInput(
                f"cannot verify that {source.name or source.lang} and {target.name or target.lang} are "
                f"versions of one story: only {held} of {of} sentences hold numbers, names or glossary terms "
                f"the other version shares; add glossary terms in both languages, or align with --force; "
                f"nothing was added", path=target.name or None)
        raise BadInput(
            f"{source.name or source.lang} and {target.name or target.lang} do not look like versions of one "
            f"story: only {aligned} of {n} sentences align with shared numbers, names or terms in order "
            f"(mean confidence {mean:.2f}); nothing was added",
            path=target.name or None)


def align_versions(source: Version, targets: dict[str, Version], *, terms: TermFinder | None = None,
                   check: bool = True, length_only: bool = False) -> Alignment:
    """Align `source` with every target version; with `check`, refuse a target of another story."""
    source.prepare(terms)
    beads: dict[str, list[Bead]] = {}
    for lang, version in targets.items():
        version.prepare(terms)
        scorer = Scorer(source.features, version.features, length_only=length_only,
                        cognates=COGNATE_LANGS.issuperset({source.lang, lang}), leads=(source.lead, version.lead))
        beads[lang] = align(scorer)
    if len(targets) > 1 and not length_only:
        beads = _aligned_jointly(source, targets, beads)
    if check:
        for lang, version in targets.items():
            check_same_story(source, version, beads[lang])
    result = Alignment(source, targets, beads)
    result.pairs = _joint_pairs(result)
    return result


def _aligned_jointly(source: Version, targets: dict[str, Version], alone: dict[str, list[Bead]]
                     ) -> dict[str, list[Bead]]:
    """Each target aligned again with the source, its beads vouched for by the other targets' pairs
    (pivot.py): kk's sure pairs tell which English sentence an Uzbek one is."""
    out = {}
    for lang, version in targets.items():
        others = [(alone[o], targets[o].features, COGNATE_LANGS.issuperset({o, lang})) for o in targets if o != lang]
        pivot = Pivot(version.features, others)
        if not pivot:
            out[lang] = alone[lang]
            continue
        out[lang] = align(Scorer(source.features, version.features, pivot=pivot, leads=(source.lead, version.lead),
                                 cognates=COGNATE_LANGS.issuperset({source.lang, lang})))
    return out


def _joint_pairs(al: Alignment) -> dict[str, list[Pair]]:
    """Pairs per target; each pair's confidence raised when another target's partner of the same source
    sentences shares anchors with it (numbers, names, cognates: kk and ru write Токаев alike), and lowered a
    little when the partners, both holding such anchors, share none."""
    partner: dict[str, dict[int, Bead]] = {
        lang: {i: b for b in beads if b.target for i in b.source} for lang, beads in al.beads.items()}
    out: dict[str, list[Pair]] = {}
    for lang, beads in al.beads.items():
        tv = al.targets[lang]
        pairs = []
        for b in beads:
            if not b.source or not b.target:
                continue
            conf, vouched = b.confidence, []
            for other, found in partner.items():
                if other == lang:
                    continue
                ob = found.get(b.source[0])
                if ob is None or set(ob.source) != set(b.source):
                    continue
                mine = merge([tv.features[j] for j in b.target])
                theirs = merge([al.targets[other].features[j] for j in ob.target])
                agree = _agreement(mine, theirs)
                if agree > 0:
                    conf = conf + (1 - conf) * min(0.6, 0.2 * agree)
                    vouched.append(other)
                elif agree < 0:
                    conf *= 0.9
            pairs.append(Pair(lang, b.source, b.target, al.source.text_of(b.source), tv.text_of(b.target),
                              round(conf, 3), b.shape, ",".join(vouched)))
        out[lang] = pairs
    return out


def _agreement(a: Features, b: Features) -> float:
    """How many anchors two targets' sentences share (positive), or -1 when both hold some and share none."""
    shared = len(a.numbers & b.numbers) + len(a.names & b.names) + 0.5 * len(a.cognates & b.cognates)
    shared += len(a.terms & b.terms)
    if shared:
        return shared
    held = min(len(a.numbers) + len(a.names), len(b.numbers) + len(b.names))
    return -1.0 if held >= 2 else 0.0


__all__ = ["Alignment", "Pair", "Sentence", "TermFinder", "Version", "align_versions", "check_same_story",
           "term_overlap"]
