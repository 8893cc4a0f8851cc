"""Schema migrations when two processes open a fresh project at the same moment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tarjimon.core.store import Store

MIGRATIONS = ["CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT);", "ALTER TABLE thing ADD COLUMN note TEXT;"]


class _Racing(Store):
    """A Store that lets another process (another Store on the same file) migrate first, at the worst moment:
    after this one read the schema version, before its first migration transaction."""

    other: Store | None = None

    @contextmanager
    def transaction(self) -> Iterator:  # type: ignore[override]
        if self.other is not None:
            other, self.other = self.other, None
            other.migrate("thing", MIGRATIONS)
        with super().transaction() as tx:
            yield tx


def test_a_migration_applied_meanwhile_by_another_process_is_not_applied_twice(tmp_path: Path) -> None:
    db = tmp_path / "project.db"
    first = _Racing(db)
    first.other = Store(db)
    assert first.migrate("thing", MIGRATIONS) == 2  # the planted race: without the re-check, "table thing exists"
    rows = first.conn.execute("SELECT version FROM schema_migrations WHERE component = 'thing' ORDER BY version")
    assert [r[0] for r in rows] == [1, 2]
    assert [r[1] for r in first.conn.execute("PRAGMA table_info(thing)")] == ["id", "name", "note"]
