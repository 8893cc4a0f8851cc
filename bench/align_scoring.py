"""The two measures of bench/align.py (and bench/align_joint.py, bench/align_errors.py): on lines and on
segments, and the ceiling of each for an aligner of contiguous segment groups (docs/align.md, "How the bench
scores").

`s_own` and `t_own` give, for each source and target sentence (segment), the pieces of the built article it
overlaps: (piece id, the gold source lines that piece translates); a source piece's gold is its own line.
"""

from __future__ import annotations


def score(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], s_own, t_own) -> tuple[int, int, int, int, list]:
    """Precision over the sentence links given: a link (source sentence, target sentence) is right when a line
    the source sentence holds is one the target sentence translates. Recall over the gold links (source
    line, target line): found when some link given joins sentences holding them. (Sentences and lines differ
    where the segmenter joins two lines or splits one, on either side.)"""
    s_lines = [{line for _, g in own for line in g} for own in s_own]
    right = given = 0
    found: set[tuple[int, int]] = set()
    wrong = []
    for s_ids, t_ids in pairs:
        for i in s_ids:
            for j in t_ids:
                given += 1
                hit = False
                for tp, g in t_own[j]:
                    for line in s_lines[i] & g:
                        found.add((line, tp))
                        hit = True
                right += hit
                if not hit:
                    wrong.append((i, j))
    gold = {(line, tp) for own in t_own for tp, g in own for line in g}
    present = set().union(*s_lines) if s_lines else set()
    gold = {(line, tp) for line, tp in gold if line in present}
    return right, given, len(found & gold), len(gold), wrong


def _linked(s_own, t_own) -> set[tuple[int, int]]:
    """(source segment, target segment) pairs where the target segment holds the translation of a line the
    source segment holds: the gold projected onto the segments."""
    s_lines = [{line for _, g in own for line in g} for own in s_own]
    return {(i, j) for i, lines in enumerate(s_lines) for j, own in enumerate(t_own)
            if any(lines & g for _, g in own)}


def _groups(nodes, edges) -> dict:
    """Connected groups: node -> its group's root."""
    parent = {x: x for x in nodes}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    return {x: root(x) for x in nodes}


def gold_units(s_own, t_own) -> list[set[tuple[str, int]]]:
    """The gold units on the segments: connected groups of linked segments (("s", i) and ("t", j))."""
    links = _linked(s_own, t_own)
    nodes = {("s", i) for i, _ in links} | {("t", j) for _, j in links}
    roots = _groups(nodes, [(("s", i), ("t", j)) for i, j in links])
    units: dict = {}
    for x, r in roots.items():
        units.setdefault(r, set()).add(x)
    return list(units.values())


def score_segments(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], s_own, t_own) -> tuple[int, int, int, int]:
    """The segments measure: (links given that are right, links given, segments of gold units some right link
    given reaches, segments of gold units). A link (i, j) of a pair is right when i and j are joined by gold
    links among the pair's own segments: directly, or through the pair's other segments (a pair of two
    segments a side that crossing cuts make one unit is right as a whole; a lone pair inside such a unit
    whose two segments share no line is wrong)."""
    links = _linked(s_own, t_own)
    right = given = 0
    found: set[tuple[str, int]] = set()
    for s_ids, t_ids in pairs:
        nodes = {("s", i) for i in s_ids} | {("t", j) for j in t_ids}
        roots = _groups(nodes, [(("s", i), ("t", j)) for i in s_ids for j in t_ids if (i, j) in links])
        for i in s_ids:
            for j in t_ids:
                given += 1
                if roots[("s", i)] == roots[("t", j)]:
                    right += 1
                    found.update((("s", i), ("t", j)))
    return right, given, len(found), sum(len(u) for u in gold_units(s_own, t_own))


def ceiling(s_own, t_own) -> tuple[int, int, int, int]:
    """(lines reachable, lines, segments reachable, segments): the most of each measure's recall any aligner
    of contiguous segment groups could reach without a wrong link (on that measure) on this article. Within
    each gold unit every way of cutting it into contiguous groups is tried (a unit of more than 9 segments
    counts as reachable)."""
    s_lines = [{line for _, g in own for line in g} for own in s_own]

    def links(i: int, j: int) -> set[tuple[int, int]]:
        return {(line, tp) for tp, g in t_own[j] for line in s_lines[i] & g}

    reached = total = seg_reached = seg_total = 0
    for unit in gold_units(s_own, t_own):
        nodes = sorted(unit)
        gold = set().union(*(links(i, j) for a, i in nodes if a == "s" for b, j in nodes if b == "t"))
        total += len(gold)
        seg_total += len(nodes)
        if len(nodes) > 9:
            reached += len(gold)
            seg_reached += len(nodes)
            continue
        best = best_seg = 0
        for part in _partitions(nodes):
            found: set[tuple[int, int]] = set()
            lines_ok, segs = True, 0
            for block in part:
                s = sorted(n for side, n in block if side == "s")
                t = sorted(n for side, n in block if side == "t")
                if s and t and (s[-1] - s[0] != len(s) - 1 or t[-1] - t[0] != len(t) - 1):
                    lines_ok, segs = False, -1
                    break
                got = [links(i, j) for i in s for j in t]
                lines_ok = lines_ok and all(got)
                found = found.union(*got)
                if s and t:
                    r, g, f, _ = score_segments([(tuple(s), tuple(t))], s_own, t_own)
                    segs = segs + f if segs >= 0 and r == g else -1
            if lines_ok:
                best = max(best, len(found))
            best_seg = max(best_seg, segs)
        reached += best
        seg_reached += best_seg
    return reached, total, seg_reached, seg_total


def _partitions(items: list) -> list[list[list]]:
    if not items:
        return [[]]
    out = []
    for rest in _partitions(items[1:]):
        out.append([[items[0]], *rest])
        out.extend(rest[:k] + [[items[0], *rest[k]]] + rest[k + 1:] for k in range(len(rest)))
    return out
