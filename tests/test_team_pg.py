"""The test server itself (tests/pg.py): reachable, and each test in a schema of its own."""

from __future__ import annotations


def test_each_test_has_its_own_schema(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        conn.execute("CREATE TABLE probe (x int)")
        conn.execute("INSERT INTO probe VALUES (1)")
        assert schema.startswith("t_")
        assert conn.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'").fetchone()[0] == schema
