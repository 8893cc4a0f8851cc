"""The glossary index benchmark of issue 11; run it through `python bench/glossary.py --index`.

Two glossaries of N concepts with four languages (uz kk ru en): random Cyrillic words (1-3 per term) and
dictionary words (Apertium, see glossary.py). For each: the cold build of the Uzbek index (load + index, no
cache; in a fresh process, timed inside it), `find` on the seed article (35 sentences), the warm load (cache);
then one term added: in the workbench (the loaded index patched: `LoadedGlossary.refresh`) and through the
CLI (`glossary add` rewrites the file; the next load patches the cached rows), with the number of terms
indexed by the patch. Peers in the same run on the same terms: pyahocorasick (lower-cased exact forms), one
big alternation regex (`re`), and the exact-form word n-gram matcher of glossary.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTERS = "абвгдеёжзийклмнопрстуфхцчшъыьэюяўқғҳ"

WORKER = r"""
import json, shutil, sys, time
from pathlib import Path
from tarjimon.core.glossary.store import load_glossary
path, lang, text = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]).read_text(encoding="utf-8")
shutil.rmtree(path.parent / ".cache", ignore_errors=True)
t, c = time.perf_counter(), time.process_time()
g = load_glossary(path, index_langs=(lang,))
cold, cold_cpu = time.perf_counter() - t, time.process_time() - c
hits = g.find(text, lang)
finds = []
for _ in range(21):
    t = time.perf_counter(); g.find(text, lang); finds.append(time.perf_counter() - t)
t, c = time.perf_counter(), time.process_time()
load_glossary(path, index_langs=(lang,))
warm, warm_cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"cold": cold, "cold_cpu": cold_cpu, "warm": warm, "warm_cpu": warm_cpu,
                  "find": sorted(finds)[len(finds) // 2], "hits": [[h.start, h.end, h.term] for h in hits]}))
"""


def random_tsv(n: int) -> str:
    rnd = random.Random(7)

    def term() -> str:
        return " ".join(
            "".join(rnd.choice(LETTERS) for _ in range(rnd.randint(3, 12))) for _ in range(rnd.randint(1, 3))
        )

    seen: set[str] = set()
    rows = ["uz\tkk\tru\ten"]
    while len(rows) <= n:
        t = term()
        if t not in seen:
            seen.add(t)
            rows.append(f"{t}\t{term()}\t{term()}\t{term()}")
    return "\n".join(rows) + "\n"


def dictionary_tsv(n: int, apertium_concepts) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from tarjimon.core.formats.tsv import tsv_text
    from tarjimon.core.models.glossary import Glossary

    concepts = apertium_concepts(set())[:n]
    return tsv_text(Glossary("dict", ["uz", "kk", "ru", "en"], [], concepts))


def worker(tree: Path, path: Path, text_path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(path), "uz", str(text_path)],
        env=env, capture_output=True, text=True, check=True, timeout=3600,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def incremental(path: Path, text: str, runs: int) -> dict:
    """One term added at a time: the workbench's patch, the CLI's next load, the file rewrite itself."""
    from tarjimon.core.glossary import store

    g = store.load_glossary(path, index_langs=("uz",))
    index = g.index("uz")
    tui, indexed, cli, warm, rewrite, seeded = [], [], [], [], [], []
    for k in range(runs * 3):
        term = "янги атама" + "".join("бвгдзклмнп"[int(d)] for d in str(k))
        t = time.perf_counter()
        store.add_concept(path, path.stem, store.make_concept({"uz": term, "en": f"new term {k}"}))
        rewrite.append(time.perf_counter() - t)
        before = index.indexed
        t = time.perf_counter()
        g = g.refresh()  # what GlossarySet.add_concept does after writing the file (the workbench's Ctrl+T)
        tui.append(time.perf_counter() - t)
        indexed.append(index.indexed - before)
        assert g.index("uz") is index and [h.term for h in g.find(term + "лари", "uz")] == [term]
        # The CLI: `glossary add` wrote the file; the next command's load patches the cached rows.
        t = time.perf_counter()
        seeded.append(store.load_glossary(path).seeded_rows)
        cli.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.load_glossary(path)
        warm.append(time.perf_counter() - t)
    med = statistics.median
    return {"tui": med(tui), "cli": med(cli), "cli_warm": med(warm), "rewrite": med(rewrite),
            "indexed": max(indexed), "seeded": max(seeded)}  # fmt: skip


def cli(tree: Path, path: Path, seed: Path, adds: int = 3) -> dict:
    """The CLI as a translator meets it, in fresh processes: `glossary find` (first: cold, then warm), then
    `glossary add` and the next `glossary find`, `adds` times; the floor is `glossary find` on a one-concept
    glossary (interpreter and imports). Each: (wall s, user+sys CPU s, peak RSS MB)."""
    folder = path.parent / f"cli-{tree.name or 'tree'}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copy(path, folder / "big.tsv")
    (folder / "tiny.tsv").write_text("uz\tkk\nдавлат\tмемлекет\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    base = [sys.executable, "-m", "tarjimon", "--glossaries-dir", str(folder), "glossary"]
    find = [*base, "find", "big", "--text-file", str(seed), "--lang", "uz"]

    def timed(args: list[str]) -> tuple[float, float, float]:
        # /usr/bin/time: the child's own peak RSS (a forked child's rusage would count this process's pages)
        report = folder / "time.txt"
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(report), *args], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=3600)  # fmt: skip
        wall, user, system, rss = report.read_text().split()[-4:]
        return float(wall), float(user) + float(system), int(rss) / 1024

    out: dict = {"floor": timed([*base, "find", "tiny", "--text", "давлат", "--lang", "uz"])}
    out["cold"], out["warm"], out["add"], out["after_add"] = timed(find), timed(find), [], []
    for k in range(adds):
        term = "янги атама " + "бвгдзклмнп"[k] * 3
        out["add"].append(timed([*base, "add", "big", "--uz", term, "--en", f"new term {k}"]))
        out["after_add"].append(timed(find))
    out["unchanged"] = timed(find)
    shutil.rmtree(folder, ignore_errors=True)
    return out


def peers(terms: list[str], text: str) -> dict:
    import ahocorasick

    out: dict = {}
    low = [t.lower() for t in terms]
    t = time.perf_counter()
    auto = ahocorasick.Automaton()
    for i, w in enumerate(low):
        auto.add_word(w, (i, w))
    auto.make_automaton()
    out["aho_build"] = time.perf_counter() - t
    t = time.perf_counter()
    auto.add_word("янги атама", (-1, "янги атама"))
    auto.make_automaton()  # the automaton's links are rebuilt for the whole trie after any add
    out["aho_add"] = time.perf_counter() - t
    ltext = text.lower()

    def aho_find() -> int:
        n = 0
        for end, (_i, w) in auto.iter(ltext):
            start = end - len(w) + 1
            if (start == 0 or not ltext[start - 1].isalnum()) and (end + 1 == len(ltext) or not ltext[end + 1].isalnum()):
                n += 1
        return n

    out["aho_find"], out["aho_hits"] = _median_time(aho_find)
    t = time.perf_counter()
    big = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(low, key=len, reverse=True)) + r")\b")
    out["re_build"] = time.perf_counter() - t
    out["re_find"], out["re_hits"] = _median_time(lambda: len(big.findall(ltext)), 5)
    t = time.perf_counter()
    termset = {tuple(re.findall(r"\w+", w)): w for w in low}
    out["exact_build"] = time.perf_counter() - t
    maxlen = max(len(k) for k in termset)

    def exact_find() -> int:
        words = [w.lower() for w in re.findall(r"\w+", text)]
        n = 0
        for i in range(len(words)):
            for k in range(maxlen, 0, -1):
                if tuple(words[i : i + k]) in termset:
                    n += 1
                    break
        return n

    out["exact_find"], out["exact_hits"] = _median_time(exact_find)
    return out


def _median_time(fn, runs: int = 21) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def run(n: int, runs: int, before: Path | None, apertium_concepts, seed: Path) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    text = seed.read_text(encoding="utf-8")
    tmp = Path(tempfile.mkdtemp(prefix="tarjimon-index-"))
    print(f"{n:,} concepts per glossary (uz kk ru en); seed article {len(text):,} chars; load "
          f"{os.getloadavg()[0]:.1f} at start; median of {runs} runs; cpu = process time")  # fmt: skip
    try:
        for label, make in (("random Cyrillic words", lambda: random_tsv(n)),
                            ("dictionary words", lambda: dictionary_tsv(n, apertium_concepts))):  # fmt: skip
            from tarjimon.core.formats.tsv import read_tsv_text, tsv_text

            tsv = tsv_text(read_tsv_text(make(), "big.tsv", "big"))  # as `glossary import` writes it
            trees = [("before", before)] if before else []
            trees.append(("after", ROOT))
            results = {}
            for name, tree in trees:
                folder = tmp / name
                folder.mkdir(exist_ok=True)
                path = folder / "big.tsv"
                path.write_text(tsv, encoding="utf-8")
                got = [worker(tree, path, seed) for _ in range(runs if name == "after" else 1)]
                results[name] = {k: statistics.median(r[k] for r in got) for k in got[0] if k != "hits"}
                results[name]["hits"] = got[0]["hits"]
            clis = {name: cli(tree, tmp / name / "big.tsv", seed) for name, tree in trees}
            inc = incremental(tmp / "after" / "big.tsv", text, runs)
            uz_terms = [ln.split("\t")[0] for ln in tsv.splitlines()[1:]]
            peer = peers([t for cell in uz_terms for t in cell.split(" | ")], text)
            _report(label, results, inc, peer)
            _report_cli(clis)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load {os.getloadavg()[0]:.1f} at the end")
    return 0


def _report(label: str, results: dict, inc: dict, peer: dict) -> None:
    after = results["after"]
    print(f"\n### {label}\n")
    print("| | cold build s (cpu) | warm load s (cpu) | find on the article ms | add a term ms | terms indexed by an add |")
    print("|---|---|---|---|---|---|")
    if "before" in results:
        b = results["before"]
        print(f"| tarjimon before | {b['cold']:.2f} ({b['cold_cpu']:.2f}) | {b['warm']:.2f} ({b['warm_cpu']:.2f}) "
              f"| {b['find'] * 1000:.1f} | rebuild: = cold build | all |")  # fmt: skip
    print(f"| tarjimon after | {after['cold']:.2f} ({after['cold_cpu']:.2f}) | {after['warm']:.2f} "
          f"({after['warm_cpu']:.2f}) | {after['find'] * 1000:.1f} | workbench {inc['tui'] * 1000:.1f}; CLI next load "
          f"{inc['cli'] * 1000:.0f} vs {inc['cli_warm'] * 1000:.0f} unchanged | {inc['indexed']} (CLI: "
          f"{inc['seeded']} row seeded) |")  # fmt: skip
    print(f"| pyahocorasick (exact forms) | {peer['aho_build']:.2f} | — | {peer['aho_find'] * 1000:.2f} "
          f"| {peer['aho_add'] * 1000:.1f} (make_automaton again) | all links |")  # fmt: skip
    print(f"| one alternation regex | {peer['re_build']:.2f} | — | {peer['re_find'] * 1000:.1f} | = build "
          f"(recompile) | all |")  # fmt: skip
    print(f"| exact-form word n-grams | {peer['exact_build']:.2f} | — | {peer['exact_find'] * 1000:.2f} | ~0 "
          f"(a dict insert) | 1 |")  # fmt: skip
    print(f"\nfile rewrite by `glossary add` itself (read, merge, write, re-read): {inc['rewrite'] * 1000:.0f} ms")
    print(f"hits on the article: tarjimon {len(after['hits'])}, aho {peer['aho_hits']}, regex {peer['re_hits']}, "
          f"exact {peer['exact_hits']}")  # fmt: skip
    if "before" in results:
        b = results["before"]
        print(f"same hits before and after: {b['hits'] == after['hits']}; cold build before/after: "
              f"{b['cold'] / after['cold']:.1f}x wall, {b['cold_cpu'] / after['cold_cpu']:.1f}x cpu")  # fmt: skip
    print(f"cold build ours / pyahocorasick: {after['cold'] / peer['aho_build']:.1f}x; find ours / pyahocorasick: "
          f"{after['find'] / peer['aho_find']:.1f}x, / exact-form: {after['find'] / peer['exact_find']:.1f}x")  # fmt: skip


def _report_cli(clis: dict) -> None:
    def cell(m: tuple[float, float, float]) -> str:
        return f"{m[0]:.2f}, {m[1]:.2f}, {m[2]:.0f}"

    def med(ms: list) -> tuple[float, float, float]:
        return tuple(statistics.median(m[i] for m in ms) for i in range(3))  # type: ignore[return-value]

    print("\nThe CLI, fresh processes (wall s, user+sys CPU s, peak RSS MB; add and the find after it: median"
          " of 3):\n")
    print("| | floor (find, 1 concept) | first find (cold) | second find | glossary add | find after the add "
          "| find, unchanged |")
    print("|---|---|---|---|---|---|---|")
    for name, c in clis.items():
        print(f"| {name} | {cell(c['floor'])} | {cell(c['cold'])} | {cell(c['warm'])} | {cell(med(c['add']))} "
              f"| {cell(med(c['after_add']))} | {cell(c['unchanged'])} |")
