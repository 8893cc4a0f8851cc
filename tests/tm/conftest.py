"""The TM backends the contract suite runs against. A new backend adds one factory here; the suite
(test_contract.py) must pass for it untouched."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tarjimon.core.tm.api import TranslationMemory


def _sqlite(tmp_path: Path, source: str | None, targets: list[str] | None) -> TranslationMemory:
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    return SqliteMemory(Store(tmp_path / "tm.db"), source, targets)


def _postgresql(tmp_path: Path, source: str | None, targets: list[str] | None) -> TranslationMemory:
    import pg  # tests/pg.py: a fresh schema on the session's server, or a visible skip

    from tarjimon.core.tm.postgres.backend import PgMemory

    return PgMemory(pg.schema_url(), source, targets, project="contract")


def _team(tmp_path: Path, source: str | None, targets: list[str] | None) -> TranslationMemory:
    import pg

    from tarjimon.core.workbench.backends import TeamMemory  # the server, with a SQLite TM as offline copy

    return TeamMemory(_sqlite(tmp_path, source, targets), pg.schema_url(), project="contract")


BACKENDS: dict[str, Callable[[Path, str | None, list[str] | None], TranslationMemory]] = {
    "sqlite": _sqlite,
    "postgresql": _postgresql,
    "team": _team,
}


@pytest.fixture(params=sorted(BACKENDS))
def make_tm(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., TranslationMemory]]:
    """A factory of empty TMs of one backend: make_tm(source=None, targets=None)."""
    made: list[TranslationMemory] = []

    def make(source: str | None = None, targets: list[str] | None = None, name: str = "a") -> TranslationMemory:
        folder = tmp_path / request.param / name
        folder.mkdir(parents=True, exist_ok=True)
        tm = BACKENDS[request.param](folder, source, targets)
        made.append(tm)
        return tm

    yield make
    for tm in made:
        tm.close()
