"""Re-keying the units stored with their tags (before the twelfth session), on the team TM (PostgreSQL) and on
a project's own TM (SQLite), side by side in one run: `tm optimize`'s cost for a TM of N units of which a
share hold tags written in their source.

    python bench/team_rekey.py                    # 100,000 units, 5% tagged
    python bench/team_rekey.py --units 300000 --tagged 0.02
    python bench/team_rekey.py --url postgresql://USER@HOST/DB   # default: $TARJIMON_TEST_PG, else a cluster

Both TMs get the same units written as the old code wrote them (keyed on the source as written: the write
path's unit_key_and_tokens patched to key_and_tokens), then are re-keyed (PgMemory.rekey_tagged, the SQLite
optimize's rekey_tagged); CPU time of this process (the client's share) and wall time, and for the server its
backend's CPU is not counted here (the wall time holds it). Checked: both re-key the same number of units and
a second run re-keys none.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from tarjimon.core.models.tm import NewUnit  # noqa: E402
from tarjimon.core.store import Store  # noqa: E402
from tarjimon.core.tm.postgres import backend  # noqa: E402
from tarjimon.core.tm.postgres.backend import PgMemory  # noqa: E402
from tarjimon.core.tm.sqlite import bulk  # noqa: E402
from tarjimon.core.tm.sqlite.backend import SqliteMemory  # noqa: E402
from tarjimon.core.tm.sqlite.rekey import rekey_tagged  # noqa: E402
from tarjimon.core.tm.text import key_and_tokens  # noqa: E402

WORDS = ("the council river market town east west north report files folder group member name account "
         "settings update retry procedure server message window").split()
TAGS = ("<b>{w}</b>", "{{0}} {w}", "%s {w}", "⟨1⟩{w}⟨/1⟩", "%{{user_name}} {w}")


def units(n: int, tagged: float, seed: int) -> list[NewUnit]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(5, 12))] + [str(i)]
        if rnd.random() < tagged:
            k = rnd.randrange(len(words))
            words[k] = rnd.choice(TAGS).format(w=words[k])
        source = " ".join(words)
        out.append(NewUnit("en", "ru", "en", "ru", source, f"перевод {i}"))
    return out


def timed(fn) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    c0, w0 = time.process_time(), time.perf_counter()
    got = fn()
    return time.process_time() - c0, time.perf_counter() - w0, got


def main() -> int:
    import os

    import pg

    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--tagged", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--url")
    args = ap.parse_args()
    url, cluster = args.url or os.environ.get(pg.ENV), None
    if not url:
        url, cluster, why = pg.server()
        if not url:
            print(why)
            return 2
    made = units(args.units, args.tagged, args.seed)
    try:
        _, schema_url = pg.new_schema(url)
        team = PgMemory(schema_url, project="bench")
        with tempfile.TemporaryDirectory() as tmp:
            local = SqliteMemory(Store(Path(tmp) / "p.db"))
            old_pg, old_sqlite = backend.unit_key_and_tokens, bulk.unit_key_and_tokens
            backend.unit_key_and_tokens = bulk.unit_key_and_tokens = key_and_tokens  # as written before
            try:
                team.import_units(made)
                local.import_units(made)
            finally:
                backend.unit_key_and_tokens, bulk.unit_key_and_tokens = old_pg, old_sqlite

            def sqlite_rekey() -> int:
                with local.store.transaction() as tx:
                    return rekey_tagged(tx)

            pg_cpu, pg_wall, pg_n = timed(team.rekey_tagged)
            sq_cpu, sq_wall, sq_n = timed(sqlite_rekey)
            again = team.rekey_tagged()
            local.close()
        team.close()
    finally:
        if cluster is not None:
            cluster.remove()  # type: ignore[attr-defined]
    print(f"{args.units:,} units, {args.tagged:.0%} tagged: re-keyed {pg_n:,} on PostgreSQL, {sq_n:,} on SQLite;"
          f" again: {again}")
    print("| TM | units re-keyed | client CPU s | wall s |\n|---|---|---|---|")
    print(f"| team TM (PostgreSQL) | {pg_n:,} | {pg_cpu:.2f} | {pg_wall:.2f} |")
    print(f"| project's own (SQLite) | {sq_n:,} | {sq_cpu:.2f} | {sq_wall:.2f} |")
    print(f"wall ratio PostgreSQL / SQLite: {pg_wall / max(sq_wall, 1e-9):.2f}")
    return 0 if pg_n == sq_n and again == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
