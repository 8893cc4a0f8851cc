"""What the workbench's UI thread does for a glossary change at 100,000 concepts: GlossarySet.stage (issue 11 goal 1).

    PYTHONPATH=TREE/src python bench/glossary_stage.py GLOSSARY.tsv [--changes 9]

GLOSSARY.tsv (e.g. /tmp/gloss4/data/random.tsv) is copied to an empty folder and loaded with its Uzbek and
Kazakh indexes; then, N times: a new concept staged (the index patched from the file's new bytes, nothing
written yet) and committed (written), its Kazakh term changed the same way, then the concept removed. The
stage alone is timed, by wall clock and by the thread's CPU (time.thread_time): medians in ms. Runs on any
tree that has GlossarySet.stage (the change makers of a tree without splices give bytes, not steps).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tarjimon.core.glossary import adding, editing
from tarjimon.core.glossary.store import GlossarySet, load_glossary, make_concept


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("glossary", type=Path)
    ap.add_argument("--changes", type=int, default=9)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tarjimon-bench-stage-"))
    path = work / "glossary.tsv"
    shutil.copy(args.glossary, path)
    gset = GlossarySet([load_glossary(path, "project", index_langs=("uz", "kk"))])
    times: dict[str, list[tuple[float, float]]] = {"add": [], "edit": [], "remove": []}

    def timed(kind: str, make) -> None:  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.thread_time()
        staged = gset.stage("project", make)
        times[kind].append((time.perf_counter() - t, time.thread_time() - c))
        assert staged is not None and gset.commit(staged)

    def changer(cid: str, row: str | None, update):  # type: ignore[no-untyped-def]
        def make(data: bytes, p: Path):  # type: ignore[no-untyped-def]
            change = editing.changed(data, p, "project", cid, update, row=row)
            return (getattr(change, "steps", None) or change.data) if change is not None else None

        return make

    def adder(concept):  # type: ignore[no-untyped-def]
        splice = getattr(adding, "spliced_at", None)
        if splice is not None:
            return lambda d, p: [splice(d, p, "project", concept)]
        return lambda d, p: adding.spliced(d, p, "project", concept)

    for k in range(args.changes):
        concept = make_concept({"uz": f"тестатама{k}", "kk": f"термин{k}"})
        timed("add", adder(concept))
        found, row = gset.concept_row("project", concept.id, "uz", f"тестатама{k}")
        timed("edit", changer(found.id, row, lambda old, k=k: editing.edited(old, {"kk": [f"өзгерген{k}"]})))
        found, row = gset.concept_row("project", found.id, "uz", f"тестатама{k}")
        timed("remove", changer(found.id, row, lambda old: None))
    print(f"{args.glossary}: {args.changes} of each; load {os.getloadavg()[0]:.1f}")
    for kind, xs in times.items():
        wall, cpu = statistics.median(w for w, _c in xs) * 1000, statistics.median(c for _w, c in xs) * 1000
        print(f"  {kind:6s} stage: median wall {wall:.1f} ms, thread CPU {cpu:.1f} ms")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
