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


def test_a_cached_posting_list_is_forgotten_when_another_writer_adds(pg_url: str) -> None:
    from tarjimon.core.models.tm import NewUnit
    from tarjimon.core.tm.postgres.backend import PgMemory

    writer, reader = PgMemory(pg_url, "uz", ["kk"]), PgMemory(pg_url, "uz", ["kk"])  # two caches, as two processes
    writer.import_units(NewUnit("uz", "kk", "uz", "kk", f"Xabar raqami {i} bugun.", f"Хабар {i}.")
                        for i in range(3000))
    query = "Xabar bugun."  # both its stems are in 3,000 units: the reader caches their lists
    assert all(m.target != "Бүгін хабар." for m in reader.lookup(query, "kk"))
    assert len(reader._cache.items) == 2  # (else this test would prove nothing)
    writer.add(query, "Бүгін хабар.", "uz", "kk")
    assert reader.lookup(query, "kk")[0].target == "Бүгін хабар."
    writer.close()
    reader.close()
