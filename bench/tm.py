"""Translation-memory benchmark: real Debian en->ru units, a synthetic million, peers in the same run.

    python bench/tm.py                    # 46k real units + 1,000,000 synthetic units (several minutes)
    python bench/tm.py --million 200000   # a smaller synthetic TM
    python bench/tm.py --skip-million     # only the real-data part
    python bench/tm.py --import-only --import-runs 5   # only the imports, the million one 5 times (median)

Real units: every Russian .mo catalogue on this machine (find /usr/share/locale -path '*/ru/*' -name '*.mo'),
decompiled with msgunfmt and read with polib (msgid -> msgstr, plural forms msgid_plural -> msgstr[n]),
fuzzy-free, de-duplicated. The synthetic million: each unit joins two or three real units picked at random
(seeded), sources with " " and targets with " ", so the text and vocabulary are real while the sentences are
new; it is written as a TMX file and imported like any user's file.

Queries (seeded): half are sources of stored units (exact), half are stored sources edited the way real
near matches differ (a word dropped, a word added, a suffix changed, a number changed, case changed).

Peers, measured in this run on the same queries:
- exhaustive search: our own score computed against every unit of the pair (rapidfuzz cdist over all keys
  for the character part, then the full score in descending order of its upper bound until no unit can
  beat the best) - the reference for "the index finds the best match";
- translate-toolkit's translate.search.match.matcher (its defaults: max_length 70) at the 46k size.
Agreement: our best score within 3 points of the exhaustive best (scores under 50 count as "no match").
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import polib
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tarjimon.core.formats.tmx import FORBIDDEN  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.scoring import Query, full_score, upper_bound  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402

MIN = 50


def debian_units() -> list[tuple[str, str]]:
    """Real en->ru pairs from the Russian .mo catalogues installed here."""
    found = subprocess.run(
        ["find", "/usr/share/locale", "/usr/share/locale-langpack", "-name", "*.mo", "-path", "*/ru/*"],
        capture_output=True, text=True,
    ).stdout.split()
    pairs: dict[tuple[str, str], None] = {}
    for mo in sorted(found):
        text = subprocess.run(["msgunfmt", mo], capture_output=True, text=True).stdout
        if not text:
            continue
        try:
            po = polib.pofile(text)
        except (OSError, ValueError):
            continue
        for e in po:
            if not e.msgid or e.obsolete or "fuzzy" in e.flags:
                continue
            if e.msgid_plural:
                for n, t in sorted(e.msgstr_plural.items()):
                    if t:
                        pairs[(e.msgid if int(n) == 0 else e.msgid_plural, t)] = None
            elif e.msgstr:
                pairs[(e.msgid, e.msgstr)] = None
    return [(s, t) for s, t in pairs if not FORBIDDEN.search(s + t)]


def write_tmx(path: Path, units: list[tuple[str, str]] | object) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
                'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
                'datatype="plaintext"/><body>\n')
        for s, t in units:  # type: ignore[attr-defined]
            f.write(f'<tu><tuv xml:lang="en"><seg>{escape(s)}</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>{escape(t)}</seg></tuv></tu>\n')
            n += 1
        f.write("</body></tmx>\n")
    return n


def synthetic(real: list[tuple[str, str]], count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """`count` distinct units made by joining 2-3 real units (their sources, and their targets)."""
    short = [(s, t) for s, t in real if 8 <= len(s) <= 90 and "\n" not in s]
    seen: set[str] = set()
    while len(seen) < count:
        parts = [short[rng.randrange(len(short))] for _ in range(rng.choice((2, 2, 3)))]
        s = " ".join(p[0] for p in parts)
        if s in seen:
            continue
        seen.add(s)
        yield s, " ".join(p[1] for p in parts)


WORD = re.compile(r"[A-Za-z]{3,}")


def perturb(text: str, rng: random.Random) -> str:
    """A near match of `text`, edited the way real sentences differ."""
    words = text.split(" ")
    kind = rng.choice(("drop", "add", "suffix", "number", "case", "replace"))
    if kind == "drop" and len(words) > 3:
        del words[rng.randrange(len(words))]
    elif kind == "add":
        words.insert(rng.randrange(len(words) + 1), rng.choice(("new", "all", "current", "selected", "the")))
    elif kind == "suffix":
        idx = [i for i, w in enumerate(words) if WORD.fullmatch(w)]
        if idx:
            i = rng.choice(idx)
            words[i] = words[i] + rng.choice(("s", "ed", "ing", "er"))
    elif kind == "number":
        words.append(str(rng.randrange(2, 99)))
    elif kind == "case":
        return text.upper() if rng.random() < 0.5 else text.lower()
    elif len(words) > 1:
        words[rng.randrange(len(words))] = rng.choice(("file", "window", "user", "value", "system"))
    out = " ".join(words)
    return out if out != text else text + " now"


def queries_for(sources: list[str], n: int, rng: random.Random) -> list[tuple[str, bool]]:
    picks = rng.sample(sources, n)
    return [(s, True) for s in picks[: n // 2]] + [(perturb(s, rng), False) for s in picks[n // 2 :]]


class Exhaustive:
    """Our score against every unit (exact: stops only when no remaining unit can beat the best)."""

    def __init__(self, tm: SqliteMemory) -> None:
        rows = tm.store.conn.execute(
            "SELECT source, skey, source_markup, fuzzy, target FROM tm_units WHERE source_lang = 'en'"
            " AND target_lang = 'ru'"
        ).fetchall()
        self.sources = [r[0] for r in rows]
        self.keys = [r[1] for r in rows]
        self.flags = [(bool(r[2]), bool(r[3])) for r in rows]
        self.targets = [r[4] for r in rows]

    def best(self, text: str) -> tuple[int, str | None]:
        q = Query.of(text, "en")
        sims = process.cdist([q.key], self.keys, scorer=fuzz.ratio, workers=-1, dtype=np.uint8)[0]
        order = np.argsort(-sims.astype(np.int16), kind="stable")
        best, target = 0, None
        for i in order:
            c = float(sims[i])
            if upper_bound(c) < best:
                break
            if upper_bound(c) < MIN:
                break
            score, _ = full_score(text, q, self.sources[i], self.keys[i], tags=self.flags[i][0],
                                  fuzzy=self.flags[i][1])
            if score > best:
                best, target = score, self.targets[i]
        return (best if best >= MIN else 0), target


def ours(tm: SqliteMemory, text: str) -> tuple[int, str | None, float]:
    t0 = time.perf_counter()
    m = tm.lookup(text, "ru", limit=5, min_score=MIN)
    dt = time.perf_counter() - t0
    return (m[0].score if m else 0), (m[0].target if m else None), dt


def import_in_child(db: Path, tmx: Path) -> dict[str, float]:
    """Import in a fresh process so its peak RSS is the import's own."""
    code = (
        "import json,resource,sys,time\n"
        "from tarjimon.core.store import Store\nfrom tarjimon.core.tm.sqlite.backend import SqliteMemory\n"
        f"tm=SqliteMemory(Store({str(db)!r}))\nt=time.perf_counter()\nr=tm.import_file({str(tmx)!r})\n"
        "el=time.perf_counter()-t\n"
        "print(json.dumps({'added':r.added,'seconds':el,'stats':tm.last_import_stats,"
        # VmHWM: the peak of this process only (ru_maxrss would include the bench's own size, inherited
        # across fork+exec on Linux)
        "'rss_mb':int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])/1024,"
        "'children_rss_mb':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024,"
        "'load':open('/proc/loadavg').read().split()[0]}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    import json

    return json.loads(out.strip().splitlines()[-1])


def part(tm: SqliteMemory, queries: list[tuple[str, bool]], exact_targets: dict[str, set[str]],
         tt_matcher: object | None) -> dict[str, float]:
    for q, _ in queries[:5]:  # warm the page cache and the posting cache a little, as a session would
        tm.lookup(q, "ru")
    times, agree, exact_ok, exact_n = [], 0, 0, 0
    ex = Exhaustive(tm)
    ex_times = []
    for text, is_exact in queries:
        score, target, dt = ours(tm, text)
        times.append(dt)
        t0 = time.perf_counter()
        ex_score, _ = ex.best(text)
        ex_times.append(time.perf_counter() - t0)
        if abs(score - ex_score) <= 3:
            agree += 1
        if is_exact:
            exact_n += 1
            exact_ok += int(score == 100 and target in exact_targets.get(text, set()))
    result = {
        "queries": len(queries),
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": float(np.percentile(times, 90)) * 1000,
        "agreement": agree / len(queries),
        "exact_100": exact_ok / max(exact_n, 1),
        "exhaustive_median_ms": statistics.median(ex_times) * 1000,
    }
    if tt_matcher is not None:
        tt_times, tt_exact = [], 0
        for text, is_exact in queries:
            t0 = time.perf_counter()
            got = tt_matcher.matches(text)  # type: ignore[attr-defined]
            tt_times.append(time.perf_counter() - t0)
            if is_exact and got and got[0].source == text:
                tt_exact += 1
        result["tt_median_ms"] = statistics.median(tt_times) * 1000
        result["tt_exact_found"] = tt_exact / max(exact_n, 1)
        result["ratio_vs_tt"] = result["tt_median_ms"] / result["median_ms"]
    result["ratio_vs_exhaustive"] = result["exhaustive_median_ms"] / result["median_ms"]
    return result


def tt_matcher_for(units: list[tuple[str, str]]) -> object | None:
    try:
        from translate.search import match
        from translate.storage import base
    except ImportError:
        print("translate-toolkit not installed: pip install translate-toolkit", file=sys.stderr)
        return None
    # The matcher keeps a heap of (similarity, unit) and crashes with TypeError when two candidates tie
    # (units are not orderable); give units an arbitrary order so it can finish every query.
    base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)  # type: ignore[method-assign,assignment]
    store = base.TranslationStore()
    for s, t in units:
        u = base.TranslationUnit(s)
        u.target = t
        store.addunit(u)
    return match.matcher(store, max_candidates=5, min_similarity=MIN)


def show(title: str, r: dict[str, float]) -> None:
    print(f"\n== {title}")
    for k, v in r.items():
        print(f"  {k:22s} {v:,.3f}" if isinstance(v, float) else f"  {k:22s} {v:,}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--million", type=int, default=1_000_000, help="synthetic TM size (default 1,000,000)")
    ap.add_argument("--queries", type=int, default=220)
    ap.add_argument("--skip-million", action="store_true")
    ap.add_argument("--seed", type=int, default=20260105)
    ap.add_argument("--workdir", help="keep files here (default: a temporary folder)")
    ap.add_argument("--import-only", action="store_true", help="measure the imports, skip the queries")
    ap.add_argument("--import-runs", type=int, default=1,
                    help="import the synthetic TMX this many times (fresh database each), report the median")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="tarjimon-bench-tm-"))
    work.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    real = debian_units()
    print(f"real en->ru units from Debian .mo catalogues: {len(real):,} ({time.perf_counter() - t0:.1f} s)")
    tmx = work / "debian-en-ru.tmx"
    write_tmx(tmx, real)
    db = work / "real.db"
    if db.exists():
        db.unlink()
    imp = import_in_child(db, tmx)
    print(f"import: {imp['added']:,} units in {imp['seconds']:.2f} s = {imp['added'] / imp['seconds']:,.0f} units/s, "
          f"peak RSS {imp['rss_mb']:.0f} MB, load average after {imp['load']}")
    if args.import_only and args.skip_million:
        return 0
    tm = SqliteMemory(Store(db))
    targets: dict[str, set[str]] = {}
    for s, t in real:
        targets.setdefault(s, set()).add(t)
    sources = list(targets)
    queries = queries_for(sources, args.queries, rng)
    if not args.import_only:
        t0 = time.perf_counter()
        matcher = tt_matcher_for(real)
        print(f"translate-toolkit matcher built in {time.perf_counter() - t0:.1f} s")
        show(f"{tm.count():,} real units, {len(queries)} queries", part(tm, queries, targets, matcher))

    if args.skip_million:
        return 0
    big = work / f"synthetic-{args.million}.tmx"
    t0 = time.perf_counter()
    synth = list(synthetic(real, args.million, rng))
    write_tmx(big, synth)
    print(f"\nsynthetic TMX: {len(synth):,} units, {big.stat().st_size / 1e6:.0f} MB, written in "
          f"{time.perf_counter() - t0:.1f} s")
    db = work / "million.db"
    seconds = []
    for _ in range(max(1, args.import_runs)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        imp = import_in_child(db, big)
        seconds.append(imp["seconds"])
        print(f"import: {imp['added']:,} units in {imp['seconds']:.1f} s = {imp['added'] / imp['seconds']:,.0f} "
              f"units/s, peak RSS {imp['rss_mb']:.0f} MB (largest worker {imp['children_rss_mb']:.0f} MB), load "
              f"average after {imp['load']}; {imp['stats']}")
    if len(seconds) > 1:
        med = statistics.median(seconds)
        print(f"import median of {len(seconds)}: {med:.1f} s = {imp['added'] / med:,.0f} units/s "
              f"(runs: {', '.join(f'{x:.1f}' for x in seconds)} s)")
    if args.import_only:
        return 0
    tm = SqliteMemory(Store(db))
    targets = {}
    for s, t in synth:
        targets.setdefault(s, set()).add(t)
    queries = queries_for([s for s, _ in synth], min(args.queries, 200), rng)
    del synth
    show(f"{tm.count():,} synthetic units, {len(queries)} queries", part(tm, queries, targets, None))
    print(f"\npeak RSS of this bench process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
