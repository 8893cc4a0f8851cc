"""From candidates to matches: the scores every backend gives (the formula is in tm/scoring.py and
docs/tm-scoring.md). A backend's index proposes candidates; this module scores, penalises, ranks and cuts."""

from __future__ import annotations

from datetime import datetime

from tarjimon.core.formats import tmx
from tarjimon.core.models.tm import Candidate, Match
from tarjimon.core.tm.scoring import Query, base_score, final_score, penalties_for, word_diff


def rank(text: str, source_lang: str, candidates: list[Candidate], *, limit: int = 5, min_score: int = 50,
         context: tuple[str | None, str | None] | None = None) -> list[Match]:
    """The best matches among `candidates` (in the index's order), best first: score >= min_score, at most
    `limit`. 101 when the text is identical and the unit's context is `context`."""
    q = Query.of(text, source_lang)
    scored = [(base_score(q, c.skey), i, c) for i, c in enumerate(candidates)]
    scored = [x for x in scored if x[0] >= min_score]
    # ties on the key (units differing only in numbers, case, punctuation): the identical text first, then
    # the index's order (which counts shared numbers)
    scored.sort(key=lambda x: (-x[0], x[2].source != text, x[1]))
    out: list[tuple[int, bool, Candidate, list[str]]] = []
    for base, _, c in scored[: limit + 6]:  # penalties (at most a few points) only reorder near the top
        pens = penalties_for(text, c.source, source_lang, tags=bool(c.source_markup), fuzzy=c.fuzzy)
        identical = text == c.source
        score = final_score(base, q.key == c.skey, identical, pens)
        ctx = context is not None and score == 100 and (c.context_prev, c.context_next) == tuple(context)
        ctx = ctx and (c.context_prev is not None or c.context_next is not None)
        if ctx:
            score = 101
        if score >= min_score:
            out.append((score, ctx, c, pens))
    out.sort(key=lambda x: (-x[0], x[2].changed_at and -_stamp(x[2].changed_at), -x[2].id))
    return [
        Match(
            source=c.source,
            target=c.target,
            score=score,
            source_lang=c.source_lang,
            target_lang=c.target_lang,
            origin=c.origin,
            diff=tuple(word_diff(text, c.source, source_lang)),
            penalties=tuple(pens),
            unit_id=c.id,
            source_display=tmx.display(c.source_markup, c.source),
            target_display=tmx.display(c.target_markup, c.target),
            context_match=ctx,
        )
        for score, ctx, c, pens in out[:limit]
    ]


def _stamp(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
