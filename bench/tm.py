"""Translation-memory benchmark: real Debian en->ru units, a synthetic million, peers in the same run.

    python bench/tm.py                    # 46k real units + 1,000,000 synthetic units (several minutes)
    python bench/tm.py --million 200000   # a smaller synthetic TM
    python bench/tm.py --skip-million     # only the real-data part
    python bench/tm.py --import-only --import-runs 5   # only the imports, the million one 5 times (median)
    (bench/tm_import.py: one TMX file imported by two trees alternately, CPU and peak RSS of every process)

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


def write_tmx(path: Path, units: list[tuple[str, str]] | object, sl: str = "en", tl: str = "ru") -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
                'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="{sl}" '
                'datatype="plaintext"/><body>\n'.replace("{sl}", sl))
        for s, t in units:  # type: ignore[attr-defined]
            f.write(f'<tu><tuv xml:lang="{sl}"><seg>{escape(s)}</seg></tuv>'
                    f'<tuv xml:lang="{tl}"><seg>{escape(t)}</seg></tuv></tu>\n')
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


UZ_KK = Path(__file__).resolve().parents[2] / "shared" / "data" / "parallel" / "apertium-kaz-uzb"


def uzbek_fragments() -> list[tuple[str, str]]:
    """(Uzbek Latin clause, its line's Kazakh) from the apertium-kaz-uzb parallel article (../shared), or []."""
    try:
        uz = dict(x.split("\t", 1) for x in (UZ_KK / "uzb-big.txt").read_text("utf-8").splitlines() if "\t" in x)
        kk = dict(x.split("\t", 1) for x in (UZ_KK / "kaz-big.txt").read_text("utf-8").splitlines() if "\t" in x)
    except OSError:
        return []
    out = []
    for n, line in uz.items():
        for clause in re.split(r"(?<=[,;:])\s+", line.strip()):
            if len(clause.split()) >= 3:
                out.append((clause, kk.get(n, line).strip()))
    return out


def uzbek_units(fragments: list[tuple[str, str]], count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """`count` distinct uz->kk units made by joining 2-4 clauses of the parallel article: (Latin source,
    the same in Cyrillic, Kazakh target). Each clause is converted to Cyrillic once."""
    from tarjimon.core.translit import to_cyrillic

    cyr = [to_cyrillic(f[0]) for f in fragments]
    seen: set[tuple[int, ...]] = set()
    while len(seen) < count:
        picks = tuple(rng.randrange(len(fragments)) for _ in range(rng.choice((2, 3, 3, 4))))
        if picks in seen:
            continue
        seen.add(picks)
        yield (" ".join(fragments[i][0] for i in picks), " ".join(cyr[i] for i in picks),
               " ".join(fragments[i][1] for i in picks))


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


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(text: str, rng: random.Random) -> str:
    """`text` with one or two typing slips in words of 4+ letters (a letter dropped, doubled, swapped with
    its neighbour or replaced)."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return text + "s"
    for i in rng.sample(idx, min(len(idx), rng.choice((1, 1, 2)))):
        w, j = words[i], rng.randrange(1, len(words[i]) - 1)
        how = rng.choice(("drop", "double", "swap", "replace"))
        if how == "drop":
            w = w[:j] + w[j + 1 :]
        elif how == "double":
            w = w[:j] + w[j] + w[j:]
        elif how == "swap":
            w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
        else:
            pool = LETTERS if w.isascii() else "аеинорстуқғўҳ"
            w = w[:j] + rng.choice(pool) + w[j + 1 :]
        words[i] = w
    out = " ".join(words)
    return out if out != text else text + "s"


def reorder(text: str, rng: random.Random) -> str:
    """`text` with its words in another order: a word or a run of words moved elsewhere, or two halves swapped
    (as Uzbek, Kazakh and Russian move words freely)."""
    words = text.split(" ")
    if len(words) < 3:
        return " ".join(reversed(words)) if len(words) == 2 else text
    how = rng.choice(("move", "move", "halves"))
    if how == "halves":
        cut = rng.randrange(1, len(words))
        out = words[cut:] + words[:cut]
    else:
        n = rng.choice((1, 1, 2))
        i = rng.randrange(0, len(words) - n + 1)
        run, rest = words[i : i + n], words[:i] + words[i + n :]
        j = rng.choice([k for k in range(len(rest) + 1) if k != i] or [0])
        out = rest[:j] + run + rest[j:]
    joined = " ".join(out)
    return joined if joined != text else " ".join(words[1:] + words[:1])


KINDS = ("exact", "edited", "typo", "reordered")


def queries_for(sources: list[str], n: int, rng: random.Random,
                kinds: tuple[str, ...] = KINDS) -> list[tuple[str, str]]:
    """(query, kind): n queries split evenly over `kinds` (exact: a stored source; edited: a word dropped,
    added or replaced, a suffix, a number, case; typo: one or two slips; reordered: words moved)."""
    picks = rng.sample(sources, n)
    out = []
    for i, s in enumerate(picks):
        kind = kinds[i * len(kinds) // n]
        q = {"exact": lambda x: x, "edited": lambda x: perturb(x, rng), "typo": lambda x: typo(x, rng),
             "reordered": lambda x: reorder(x, rng)}[kind](s)
        out.append((q, kind))
    return out


class Exhaustive:
    """Our score against every unit of a pair. In order of the in-order score's upper bound (from the
    character ratio) until no unit can beat the best, then again in order of the same bound on the
    token-sort ratio (words sorted), which reaches the units a reordered query matches best."""

    def __init__(self, tm: SqliteMemory, sl: str = "en", tl: str = "ru") -> None:
        rows = tm.store.conn.execute(
            "SELECT source, skey, source_markup, fuzzy, target FROM tm_units WHERE source_lang = ?"
            " AND target_lang = ?", (sl, tl)
        ).fetchall()
        self.sl = sl
        self.sources = [r[0] for r in rows]
        self.keys = [r[1] for r in rows]
        self.flags = [(bool(r[2]), bool(r[3])) for r in rows]
        self.targets = [r[4] for r in rows]

    def best(self, text: str) -> tuple[int, str | None]:
        q = Query.of(text, self.sl)
        best, target = 0, None
        done: set[int] = set()
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
            sims = process.cdist([q.key], self.keys, scorer=scorer, workers=-1, dtype=np.uint8)[0]
            order = np.argsort(-sims.astype(np.int16), kind="stable")
            for i in order:
                c = float(sims[i])
                if upper_bound(c) < max(best, MIN):
                    break
                if i in done:
                    continue
                done.add(int(i))
                score, _ = full_score(text, q, self.sources[i], self.keys[i], tags=self.flags[i][0],
                                      fuzzy=self.flags[i][1])
                if score > best:
                    best, target = score, self.targets[i]
        return (best if best >= MIN else 0), target


def ours(tm: SqliteMemory, text: str, sl: str = "en", tl: str = "ru") -> tuple[int, str | None, float]:
    t0 = time.perf_counter()
    m = tm.lookup(text, tl, limit=5, min_score=MIN, source_lang=sl)
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


def part(tm: SqliteMemory, queries: list[tuple[str, str]], exact_targets: dict[str, set[str]],
         tt_matcher: object | None, sl: str = "en", tl: str = "ru") -> dict[str, float]:
    for q, _ in queries[:5]:  # warm the page cache and the posting cache a little, as a session would
        tm.lookup(q, tl, source_lang=sl)
    times, agree, exact_ok, exact_n = [], 0, 0, 0
    kinds: dict[str, list[int]] = {}
    ex = Exhaustive(tm, sl, tl)
    ex_times = []
    misses = []
    for text, kind in queries:
        score, target, dt = ours(tm, text, sl, tl)
        times.append(dt)
        t0 = time.perf_counter()
        ex_score, _ = ex.best(text)
        ex_times.append(time.perf_counter() - t0)
        ok = abs(score - ex_score) <= 3
        agree += ok
        kinds.setdefault(kind, []).append(ok)
        if not ok:
            misses.append(f"{kind}: ours {score}, exhaustive {ex_score}: {text[:90]}")
        if kind == "exact":
            exact_n += 1
            exact_ok += int(score == 100 and target in exact_targets.get(text, set()))
    result: dict[str, float] = {
        "queries": len(queries),
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": float(np.percentile(times, 90)) * 1000,
        "p95_ms": float(np.percentile(times, 95)) * 1000,
        "agreement": agree / len(queries),
    }
    for kind, oks in kinds.items():
        result[f"agreement_{kind}"] = sum(oks) / len(oks)
    if exact_n:
        result["exact_100"] = exact_ok / exact_n
    result["exhaustive_median_ms"] = statistics.median(ex_times) * 1000
    if tt_matcher is not None:
        tt_times, tt_exact = [], 0
        for text, kind in queries:
            t0 = time.perf_counter()
            got = tt_matcher.matches(text)  # type: ignore[attr-defined]
            tt_times.append(time.perf_counter() - t0)
            if kind == "exact" and got and got[0].source == text:
                tt_exact += 1
        result["tt_median_ms"] = statistics.median(tt_times) * 1000
        result["tt_exact_found"] = tt_exact / max(exact_n, 1)
        result["ratio_vs_tt"] = result["tt_median_ms"] / result["median_ms"]
    result["ratio_vs_exhaustive"] = result["exhaustive_median_ms"] / result["median_ms"]
    for m in misses[:10]:
        print("  miss", m)
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
    ap.add_argument("--uz", type=int, default=100_000,
                    help="uz->kk units (Cyrillic sources) added to the big TM for the Latin-script queries (0: none)")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the big TM of --workdir (built by an earlier run with the same options)")
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
    synth = list(synthetic(real, args.million, random.Random(args.seed + 1)))  # its own: --reuse sees the same
    db = work / "million.db"
    reuse = args.reuse and db.exists()
    if not reuse:
        write_tmx(big, synth)
        print(f"\nsynthetic TMX: {len(synth):,} units, {big.stat().st_size / 1e6:.0f} MB, written in "
              f"{time.perf_counter() - t0:.1f} s")
    seconds = []
    for _ in range(0 if reuse else max(1, args.import_runs)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        imp = import_in_child(db, big)
        seconds.append(imp["seconds"])
        print(f"import: {imp['added']:,} units in {imp['seconds']:.1f} s = {imp['added'] / imp['seconds']:,.0f} "
              f"units/s, peak RSS {imp['rss_mb']:.0f} MB (largest worker {imp['children_rss_mb']:.0f} MB; all "
              f"processes summed {imp['rss_mb'] + sum((imp['stats'] or {}).get('worker_peak_mb', {}).values()):.0f}"
              " MB), load "
              f"average after {imp['load']}; {imp['stats']}")
    if len(seconds) > 1:
        med = statistics.median(seconds)
        print(f"import median of {len(seconds)}: {med:.1f} s = {imp['added'] / med:,.0f} units/s "
              f"(runs: {', '.join(f'{x:.1f}' for x in seconds)} s)")
    if args.import_only:
        return 0
    fragments = uzbek_fragments() if args.uz else []
    if args.uz and not fragments:
        print(f"Uzbek queries skipped: {UZ_KK} not found (the shared data folder)")
    uz = list(uzbek_units(fragments, args.uz, random.Random(args.seed + 2))) if fragments else []
    if uz and not reuse:
        uz_tmx = work / f"uz-kk-{args.uz}.tmx"
        write_tmx(uz_tmx, [(c, t) for _, c, t in uz], "uz", "kk")
        imp = import_in_child(db, uz_tmx)
        print(f"uz->kk import (Cyrillic sources): {imp['added']:,} units in {imp['seconds']:.1f} s = "
              f"{imp['added'] / imp['seconds']:,.0f} units/s")
    tm = SqliteMemory(Store(db))
    targets = {}
    for s, t in synth:
        targets.setdefault(s, set()).add(t)
    queries = queries_for([s for s, _ in synth], min(args.queries, 200), rng)
    del synth
    show(f"{args.million:,} synthetic en->ru units, {len(queries)} queries", part(tm, queries, targets, None))
    if uz:
        # Latin-script queries against Cyrillic units: half the Latin source as stored, half edited
        picks = rng.sample(uz, min(args.queries, 200) // 2)
        edits = (lambda x: typo(x, rng), lambda x: reorder(x, rng), lambda x: perturb(x, rng))
        uzq = [(lat, "latin") for lat, _, _ in picks[: len(picks) // 2]]
        uzq += [(edits[i % 3](lat), "latin-edited") for i, (lat, _, _) in enumerate(picks[len(picks) // 2 :])]
        show(f"{len(uz):,} uz->kk units (Cyrillic), {len(uzq)} Latin-script queries",
             part(tm, uzq, {}, None, "uz", "kk"))
    print(f"\npeak RSS of this bench process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
