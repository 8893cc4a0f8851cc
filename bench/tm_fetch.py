"""Could a lookup read and score fewer of its 60 candidates, exactly? Upper bounds of the base score from what
the candidates' stage knows without a unit's key, measured on a bench set (no timing: counts).

    python bench/tm_fetch.py DIR SET [--all] [--k 20,30,40]      # DIR/million.db, DIR/SET.json; uz lookups
    python bench/tm_fetch.py /tmp/tmio10/uzA uz                  # (--all: every language of the set)

The two-step read it measures: score the first K candidates (the index's order), take the border a skipped
candidate must stay under (the reach-th best base of those K, `limit` + REACH = 11, at least min_score 50: the
reach-th best of all 60 can only be higher), then read and score a later candidate only if an upper bound of
its base reaches that border. base = 0.5 C + 0.25 W + 0.25 S (docs/tm-scoring.md); with m the sentence's
words, n the unit's, and A the stems both have (as bags), W and S are each <= A / max(m, n) (an alignment's
matches are pairs of equal symbols; equal words have equal stems) and C <= 200 min(lq, lu) / (lq + lu) (the
characters' common subsequence is at most the shorter key); the unit's words put in the sentence's order (the
second pass) have the same bags and lengths, so the same bounds. Bounds, from the weakest:
  absent      A <= the sentence's stems not proven absent from the unit (a list read or probed that does
              not hold it; a stem no unit has), C <= 100: sound whenever the index is
  +lens       A also <= the unit's distinct stems (its posting entries' `lens`): sound while `lens` is current
              (edit() leaves the lists it keeps with the old count)
  +lens+len   n >= lens and lu >= 2 lens - 1 plus the known stems' letters: NOT sound for a unit with two
              different numbers (lens counts each "#digits" token, the key one "0"); an upper estimate of what
              the postings can give
  lengths     lu and n exact (what an index storing each unit's key length and word count would give),
              A as +lens
  oracle      lu, n and A exact (the key read): the most any bound on lengths and stem bags gives
Printed per K: how many of the candidates past K each bound would leave unread (and so unscored), of how
many; and every bound's violations (a candidate whose base is above its bound: must be 0 but for +lens+len).
The last lines, once the keys are read (no read saved, some scoring): the share of the 60 candidates a bound
from the key lengths, word counts and shared bag of words would leave unscored in two rounds (the first 20 in
the index's order scored, then the rest whose bound reaches their border); and of the candidates whose words
moved (scored a second time in the sentence's order), how many such a bound would spare the second pass.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np  # noqa: E402

from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm import postings  # noqa: E402
from tarjimon.core.tm.ranking import REACH  # noqa: E402
from tarjimon.core.tm.scoring import Query, _bases, base_scores_moved  # noqa: E402
from tarjimon.core.tm.sqlite import index  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402
from tarjimon.core.tm.text import query_key  # noqa: E402

LIMIT, MIN = 5, 50
REACHED = LIMIT + REACH
NAMES = ("absent", "+lens", "+lens+len", "lengths", "oracle")


def border(bases: list[float]) -> float:
    """The reach-th best base at least MIN (MIN when fewer reach it): what a candidate must reach to matter."""
    top = sorted((b for b in bases if b >= MIN), reverse=True)
    return max(MIN, top[REACHED - 1]) if len(top) >= REACHED else MIN


def bounds(q: Query, pair: str, ids: list[int], keys: list[str], lists: dict, dfs: dict) -> list[np.ndarray]:
    """Each candidate's upper bounds of its base, in NAMES' order."""
    m, lq = len(q.words), len(q.key)
    cq = Counter(q.stems)
    arr = np.asarray(ids, dtype=np.uint32)
    held = {}  # token -> which candidates its list (read or probed) holds, and their lens there
    lens = np.zeros(len(ids))
    for tok, (lst, ln) in lists.items():
        at = np.minimum(np.searchsorted(lst, arr), max(len(lst) - 1, 0))
        hit = lst[at] == arr if len(lst) else np.zeros(len(ids), dtype=bool)
        held[tok] = hit
        lens = np.where(hit, ln[at] if len(lst) else 0, lens)
    possible = np.zeros(len(ids))
    known_letters = np.zeros(len(ids))
    known = np.zeros(len(ids))
    counts = []  # per stem: (its count in the sentence, which candidates may have it)
    for s, c in cq.items():
        tok = index.token(pair, s)
        if s == "0":  # (numbers: the index keeps "#digits"; any unit with a number may share the stem "0")
            may = np.ones(len(ids), dtype=bool)
        elif dfs.get(tok) is None:  # no unit of the pair has it
            continue
        elif tok in held:
            may = held[tok]
            known += may
            known_letters += may * len(s)
        else:
            may = np.ones(len(ids), dtype=bool)
        possible += c * may
        counts.append((c, may))
    a_absent = np.minimum(possible, m)
    a_lens = np.zeros(len(ids))
    for j in range(len(ids)):  # the largest counts of at most `lens` distinct stems the unit may share
        vals = sorted((c for c, may in counts if may[j]), reverse=True)
        a_lens[j] = min(m, sum(vals[: int(lens[j])]))
    lu_lb = known_letters + (lens - known) + np.maximum(lens - 1, 0)
    n = np.array([len(k.split()) for k in keys], dtype=float)
    lu = np.array([len(k) for k in keys], dtype=float)
    inter = np.array([sum((cq & Counter(w[:5] for w in k.split())).values()) for k in keys], dtype=float)

    def char(lu_: np.ndarray) -> np.ndarray:
        return np.where(lu_ > 0, 200 * np.minimum(lq, lu_) / np.maximum(lq + lu_, 1), 100.0)

    mm = max(m, 1)
    return [
        50 + 50 * a_absent / mm,
        50 + 50 * a_lens / mm,
        0.5 * np.where(lu_lb > lq, char(lu_lb), 100.0) + 50 * a_lens / np.maximum(mm, lens),
        0.5 * char(lu) + 50 * np.minimum(a_lens, n) / np.maximum(mm, n),
        0.5 * char(lu) + 50 * inter / np.maximum(mm, n),
    ]


def main() -> int:
    args, ks, every = sys.argv[1:], [20, 30, 40], False
    if "--k" in args:
        at = args.index("--k")
        ks = [int(x) for x in args[at + 1].split(",")]
        del args[at : at + 2]
    if "--all" in args:
        every = True
        args.remove("--all")
    if len(args) != 2:
        print(__doc__)
        return 2
    work, name = Path(args[0]), args[1]
    data = json.loads((work / f"{name}.json").read_text())
    tm = SqliteMemory(Store(work / "million.db"))
    conn = tm.store.conn
    read: dict = {}
    rank = postings.rank

    def spy(present, top, budget, limit, reader):  # type: ignore[no-untyped-def]  (every list read or probed)
        def kept(toks):  # type: ignore[no-untyped-def]
            out = reader(toks)
            read.update(out)
            return out
        return rank(present, top, budget, limit, kept)

    postings.rank = spy  # type: ignore[assignment]
    skipped = {k: Counter() for k in ks}
    past = Counter()
    violations: Counter[str] = Counter()
    second = Counter()
    rounds = Counter()
    lookups = 0
    for q, _kind, sl, tl, _best in data:
        if sl != "uz" and not every:
            continue
        read.clear()
        pair = f"{sl}>{tl}"
        ids = index.candidates(conn, pair, query_key(q, sl)[1], tm._cache)
        if not ids:
            continue
        lookups += 1
        got = dict(conn.execute(f"SELECT id, skey FROM tm_units WHERE id IN ({','.join('?' * len(ids))})", ids))
        ids = [i for i in ids if i in got]
        keys = [got[i] for i in ids]
        query = Query.of(q, sl)
        bases, moved = base_scores_moved(query, keys)
        ubs = bounds(query, pair, ids, keys, read, tm._cache.dfs)
        for nm, ub in zip(NAMES, ubs, strict=True):
            violations[nm] += int(np.count_nonzero(ub + 1e-9 < np.asarray(bases)))
        for k in ks:
            theta = border(bases[:k])
            past[k] += max(0, len(ids) - k)
            for nm, ub in zip(NAMES, ubs, strict=True):
                skipped[k][nm] += int(np.count_nonzero(ub[k:] < theta))
        # the second pass: bounded from the key lengths, word counts and shared bag of words (W), S <= min/max
        words = [k.split() for k in keys]
        inorder = _bases(query, keys, words)
        theta = border([100.0 if k == query.key else b for k, b in zip(keys, inorder, strict=True)])
        m, lq, qw = len(query.words), len(query.key), Counter(query.words)
        keyed = []
        for k, ws in zip(keys, words, strict=True):
            n, lu = len(ws), len(k)
            shared = sum((qw & Counter(ws)).values())
            char = 100 * min(lq, lu) / (lq + lu) if lq + lu else 50.0
            keyed.append(char + (25 * (shared + min(m, n)) / max(m, n) if max(m, n) else 50.0))
        violations["keyed"] += sum(1 for ub, b in zip(keyed, bases, strict=True) if ub + 1e-9 < b)
        first = border(bases[:20])
        rounds["scored"] += len(keys)
        rounds["left"] += sum(1 for ub in keyed[20:] if ub < first)
        for i, flag in enumerate(moved):
            if not flag or keys[i] == query.key:
                continue
            n, lu = len(words[i]), len(keys[i])
            shared = sum((qw & Counter(words[i])).values())
            ub = 100 * min(lq, lu) / (lq + lu) + 25 * (shared + min(m, n)) / max(m, n)
            second["moved"] += 1
            second["spared"] += ub < theta or ub <= inorder[i]
            second["not needed"] += bases[i] < theta
    print(f"{lookups} lookups of {work / name}.json, {LIMIT} shown + {REACH}: border = the {REACHED}th best base")
    for k in ks:
        print(f"  K={k}: of {past[k]} candidates past K, left unread by: "
              + ", ".join(f"{nm} {skipped[k][nm]} ({skipped[k][nm] / max(past[k], 1):.1%})" for nm in NAMES))
    print("  violations (base above the bound): " + ", ".join(f"{nm} {violations[nm]}" for nm in (*NAMES, "keyed")))
    print(f"  keys read, two rounds: {rounds['left']} of {rounds['scored']} candidates left unscored"
          f" ({rounds['left'] / max(rounds['scored'], 1):.1%})")
    print(f"  second pass (words moved): {second['moved']} candidates, {second['not needed']} end under the border"
          f" anyway, a length + bag bound spares {second['spared']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
