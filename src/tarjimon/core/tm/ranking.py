"""From candidates to matches: the scores every backend gives (the formula is in tm/scoring.py and
docs/tm-scoring.md). A backend's index proposes candidates; this module scores, penalises, ranks and cuts."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from tarjimon.core.formats import tmx
from tarjimon.core.models.tm import Candidate, Match
from tarjimon.core.tm import tagged
from tarjimon.core.tm.scoring import PENALTIES, Differences, Query, base_scores_moved, final_score


def rank(text: str, source_lang: str, candidates: list[Candidate], *, limit: int = 5, min_score: int = 50,
         context: tuple[str | None, str | None] | None = None) -> list[Match]:
    """The best matches among `candidates` (in the index's order), best first: score >= min_score, at most
    `limit`. 101 when the text is identical and the unit's context is `context`."""
    by_id = {c.id: c for c in candidates}
    return rank_keys(text, source_lang, [(c.id, c.skey) for c in candidates],
                     lambda ids: {i: by_id[i] for i in ids}, limit=limit, min_score=min_score, context=context)


#: Candidates the loop below can reach at most: the `limit` best by base and a few more, since penalties (a few
#: points) only reorder near the top.
REACH = 6


def rank_keys(text: str, source_lang: str, keys: list[tuple[int, str]],
              fetch: Callable[[list[int]], dict[int, Candidate]], *, limit: int = 5, min_score: int = 50,
              context: tuple[str | None, str | None] | None = None) -> list[Match]:
    """rank() from the candidates' (id, matching key) in the index's order: the base scores need only the keys,
    and `fetch(ids)` gives the whole candidates (missing ids left out) of the few the ranking can reach (the
    `limit` + REACH best by base, every tie at that border included), so a backend reads ~11 whole rows
    instead of 60."""
    plain = tagged.untag(text)  # (the text itself when no tag is written in it: tm/tagged.py)
    q = Query.of(plain, source_lang)
    bases, moved = base_scores_moved(q, [k for _, k in keys])
    if plain != text:  # units stored with the same tags keep their letters in their keys: found as written too
        bases = tagged.either(bases, base_scores_moved(Query.of(text, source_lang), [k for _, k in keys])[0])
    order = sorted((i for i, b in enumerate(bases) if b >= min_score), key=lambda i: -bases[i])  # stable
    reach, every = limit + REACH, len(order)
    if every > reach:
        # every candidate the exact order (base, then identical text, then the index's order) can put among
        # the first `reach`: those with a base at least the reach-th best's (its ties included)
        border = bases[order[reach - 1]]
        order = [i for i in order if bases[i] >= border]
    got = fetch([keys[i][0] for i in order])
    if len(got) < len(order) < every:  # a unit deleted meanwhile: the next ones move up, read them all
        order = [i for i, b in enumerate(bases) if b >= min_score]
        got = fetch([keys[i][0] for i in order])
    scored = [(bases[i], i, c) for i in order if (c := got.get(keys[i][0])) is not None]
    scored, skeys = tagged.rescore(q, scored, moved, every=plain != text)  # units with tags written in their source: keyed without
    # ties on the key (units differing only in numbers, case, punctuation): the identical text first, then
    # the index's order (which counts shared numbers)
    scored.sort(key=lambda x: (-x[0], x[2].source != text, x[1]))
    differences = Differences(plain, source_lang)
    out: list[tuple[int, bool, Candidate, list[str]]] = []
    kept: list[int] = []  # the best `limit` scores so far (a min-heap)
    for base, i, c in scored[:reach]:  # penalties (at most a few points) only reorder near the top
        # Penalties only take points away: once `limit` matches score above what this unit could reach
        # at best (and the units after it, lower in base), none of them can be shown.
        special = plain != text or i in skeys  # (tags written in a text: scored by tm/tagged.py)
        if kept and len(kept) == limit and special and (101 if base >= 100.0 else min(99, round(base))) < kept[0]:
            break
        if kept and len(kept) == limit and not special:
            best = 101 if base >= 100.0 else min(99, round(base))
            if best < kept[0]:
                break
            # the penalties known without comparing the texts (the word order as the base score found it)
            order_pen = PENALTIES["word-order"] if moved[i] and keys[i][1] == c.skey else 0
            known = (PENALTIES["tags"] if c.source_markup else 0) + (PENALTIES["fuzzy"] if c.fuzzy else 0)
            if best - known - order_pen - (PENALTIES["script"] if differences.other_script(c.source) else 0) < kept[0]:
                continue
            # then the penalties found without folding letters or keying words (most units past the first
            # `limit` stop here: a punctuation or number difference takes the point that keeps them out)
            if best - order_pen - differences.least(c.source, tags=bool(c.source_markup), fuzzy=c.fuzzy) < kept[0]:
                continue
        if special:
            skey = skeys.get(i, c.skey)
            pens, score = tagged.score(differences, text, c, base, q.key == skey,
                                       moved[i] if keys[i][1] == c.skey or i in skeys else None)
        else:
            # (the word order as the base score found it on the unit's key: the same words penalties() would key)
            pens = differences.penalties(c.source, tags=bool(c.source_markup), fuzzy=c.fuzzy,
                                         moved=moved[i] if keys[i][1] == c.skey else None)
            score = final_score(base, q.key == c.skey, text == c.source, pens)
        ctx = context is not None and score == 100 and (c.context_prev, c.context_next) == tuple(context)
        ctx = ctx and (c.context_prev is not None or c.context_next is not None)
        if ctx:
            score = 101
        if score >= min_score:
            out.append((score, ctx, c, pens))
            if len(kept) < limit:
                heapq.heappush(kept, score)
            elif score > kept[0]:
                heapq.heapreplace(kept, score)
    out.sort(key=lambda x: (-x[0], x[2].changed_at and -_stamp(x[2].changed_at), -x[2].id))
    return [
        Match(
            source=c.source,
            target=c.target,
            score=score,
            source_lang=c.source_lang,
            target_lang=c.target_lang,
            origin=c.origin,
            diff=tuple(tagged.diff(text, tmx.display(c.source_markup, c.source) if plain != text else c.source,
                                   source_lang) if plain != text or tagged.has_tags(c.source)
                       else differences.diff(c.source)),
            penalties=tuple(pens),
            unit_id=c.id,
            source_display=tmx.display(c.source_markup, c.source),
            target_display=tmx.display(c.target_markup, c.target),
            context_match=ctx,
        )
        for score, ctx, c, pens in out[:limit]
    ]


@lru_cache(maxsize=1024)  # (the units of one import share one date: a lookup parses it once)
def _stamp(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
