"""Two desks on one team TM, in separate processes: what one confirms, the other is offered within a second;
and many writers at once store every unit once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.backends import connect

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "Prezident Toshkentga tashrif buyurdi. Mamlakatda yangi maktablar qurilmoqda.\n"
SENTENCE = "Mamlakatda yangi maktablar qurilmoqda."


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _desk(tmp_path: Path, name: str, url: str) -> None:
    art = tmp_path / f"{name}.txt"
    art.write_text(ARTICLE, "utf-8")
    with Workbench.create(tmp_path / "projects", name, "uz", ["kk"]) as project:
        project.import_file(art)
        connect(project, url)


WATCH = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tarjimon.core.workbench import Workbench
    project = Workbench.open(Path(sys.argv[1]), sys.argv[2])
    project.tm.lookup("warm up", "kk")
    print("ready", flush=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        found = project.tm.lookup(sys.argv[3], "kk")
        if found:
            print(f"{time.time():.3f} {found[0].score} {found[0].target}", flush=True)
            break
        time.sleep(0.02)
    project.close()
""")

CONFIRM = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tarjimon.core.workbench import Workbench
    with Workbench.open(Path(sys.argv[1]), sys.argv[2]) as project:
        seg = project.segments()[1]
        project.save_target(seg.id, "kk", "Елде жаңа мектептер салынуда.")
        print(f"{time.time():.3f} {project.delivery.pending()}", flush=True)
""")


def test_a_unit_confirmed_on_one_desk_is_offered_on_another_within_a_second(tmp_path: Path, pg_url: str) -> None:
    _desk(tmp_path, "kk-desk", pg_url)
    _desk(tmp_path, "other-desk", pg_url)
    projects = str(tmp_path / "projects")
    watcher = subprocess.Popen([sys.executable, "-c", WATCH, projects, "other-desk", SENTENCE], env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert watcher.stdout is not None and watcher.stdout.readline().strip() == "ready"
        done = subprocess.run([sys.executable, "-c", CONFIRM, projects, "kk-desk"], env=_env(),
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        confirmed_at, queued = done.stdout.split()
        assert queued == "0"  # the server took it at once
        out, err = watcher.communicate(timeout=60)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, err
    seen_at, score, target = out.split(maxsplit=2)
    assert score == "100" and target.strip() == "Елде жаңа мектептер салынуда."
    assert float(seen_at) - float(confirmed_at) < 1.0
    # and the command line of the other desk offers it too
    cli = subprocess.run([sys.executable, "-m", "tarjimon", "tm", "search", "other-desk", SENTENCE, "--target", "kk",
                          "--json", "--projects-dir", projects], env=_env(), capture_output=True, text=True,
                         timeout=60)
    assert cli.returncode == 0, cli.stderr
    match = json.loads(cli.stdout)["matches"][0]
    assert match["score"] == 100 and match["origin"] == "kk-desk/kk-desk.txt"


WRITER = textwrap.dedent("""
    import sys
    from tarjimon.core.models.tm import NewUnit
    from tarjimon.core.tm.postgres.backend import PgMemory
    url, me, writers, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    tm = PgMemory(url, project=f"writer-{me}")

    def unit(w, i):
        return NewUnit("uz", "kk", "uz", "kk", f"Yozuvchi {w} gap {i} haqida xabar.", f"Жазушы {w} сөйлем {i}.")

    added = dups = 0
    nxt = (me + 1) % writers
    for start in range(0, per, 500):
        mine = [unit(me, i) for i in range(start, start + 500)]
        theirs = [unit(nxt, i) for i in range(start, start + 50)]  # the next writer's units, at the same time
        a, d = tm.import_units(mine + theirs)
        added, dups = added + a, dups + d
    for i in range(0, per, 1000):  # single adds too, some of them the next writer's
        tm.add(f"Yozuvchi {nxt} gap {i} haqida xabar.", f"Жазушы {nxt} сөйлем {i}.", "uz", "kk")
    print(added, dups)
    tm.close()
""")


def test_eight_concurrent_writers_store_every_unit_once(pg_url: str) -> None:
    from tarjimon.core.tm.postgres.backend import PgMemory

    writers, per = 8, 10_000
    PgMemory(pg_url).close()  # the schema exists before the writers start (they would also migrate safely)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, pg_url, str(w), str(writers), str(per)], env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for w in range(writers)]
    started = time.monotonic()
    results = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [r[1][-500:] for r in results]
    added = sum(int(out.split()[0]) for out, _ in results)
    assert added == writers * per  # every unit added by exactly one writer
    import psycopg

    with psycopg.connect(pg_url) as conn:
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT (source, target)) FROM tm_units").fetchone()
        indexed = conn.execute("SELECT SUM(n) FROM tm_postings WHERE token = 'uz>kk:yozuv'").fetchone()[0]
    assert total == distinct == writers * per
    assert indexed == writers * per  # each unit indexed once
    tm = PgMemory(pg_url)
    found = tm.lookup("Yozuvchi 3 gap 9999 haqida xabar.", "kk", source_lang="uz")
    assert found[0].score == 100 and found[0].target == "Жазушы 3 сөйлем 9999."
    tm.close()
    assert time.monotonic() - started < 600
