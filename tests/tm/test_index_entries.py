"""The stem index of both stored backends (SQLite, PostgreSQL) after a unit is corrected or deleted: no entry is
left pointing at the unit for words it no longer has (issue 10: the PostgreSQL backend left the old source's
entries behind). Read from each backend's own tm_postings table: the one thing the contract cannot see."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from tarjimon.core.models.tm import NewUnit
from tarjimon.core.tm.api import TranslationMemory
from tarjimon.core.tm.text import key_and_tokens


def _backends() -> dict[str, Callable[..., TranslationMemory]]:
    """tests/tm/conftest.py's factories (loaded by path: `conftest` may name tests/conftest.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tm_backends", Path(__file__).with_name("conftest.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BACKENDS  # type: ignore[no-any-return]


OLD = "Вазирлар Маҳкамаси қарор қабул қилди."
NEW = "Олий Мажлис янги қонун қабул қилди."


def _entries(tm: TranslationMemory) -> dict[str, list[int]]:
    """token -> the unit ids its postings name (every part), as stored."""
    if hasattr(tm, "store"):
        rows = tm.store.conn.execute("SELECT token, ids FROM tm_postings").fetchall()
    else:
        with tm.db.using() as conn:  # type: ignore[attr-defined]
            rows = conn.execute("SELECT token, ids FROM tm_postings").fetchall()
    out: dict[str, list[int]] = {}
    for tok, blob in rows:
        ids = array("I")
        ids.frombytes(bytes(blob))
        out.setdefault(tok, []).extend(ids)
    return out


def _pointing_at(tm: TranslationMemory, unit_id: int) -> set[str]:
    return {tok.split(":", 1)[1] for tok, ids in _entries(tm).items() if unit_id in ids}


@pytest.fixture(params=["sqlite", "postgresql"])
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], TranslationMemory]:
    made: list[TranslationMemory] = []

    def one() -> TranslationMemory:
        tm = _backends()[request.param](tmp_path, "uz", ["kk"])
        made.append(tm)
        return tm

    yield one
    for tm in made:
        tm.close()


@pytest.mark.parametrize("bulk", [False, True], ids=["added", "imported"])
def test_a_corrected_source_leaves_no_entry_for_its_old_words(make: Callable[[], TranslationMemory],
                                                               bulk: bool) -> None:
    tm = make()
    others = [("Президент Тошкентга ташриф буюрди.", "Президент Ташкентке барды."),
              ("Ҳукумат қарор қабул қилди.", "Үкімет қаулы қабылдады.")]
    pairs = [*others, (OLD, "Министрлер Кабинеті қаулы қабылдады.")]
    if bulk:  # bulk parts: the unit shares a posting row with the others
        tm.import_units([NewUnit("uz", "kk", "uz", "kk", s, t, origin="t") for s, t in pairs])
    else:
        for s, t in pairs:
            tm.add(s, t, "uz", "kk", origin="t")
    uid = tm.lookup(OLD, "kk")[0].unit_id
    old_words, new_words = set(key_and_tokens(OLD, "uz")[1]), set(key_and_tokens(NEW, "uz")[1])
    assert _pointing_at(tm, uid) == old_words
    other = tm.lookup(others[1][0], "kk")[0].unit_id
    before_other = _pointing_at(tm, other)

    tm.edit(uid, source=NEW)
    assert _pointing_at(tm, uid) == new_words  # the old words' entries are gone, the shared ones kept
    assert _pointing_at(tm, other) == before_other  # a shared bulk row keeps the other units
    assert tm.lookup(NEW, "kk")[0].unit_id == uid

    tm.delete(uid)
    assert _pointing_at(tm, uid) == set()
    assert _pointing_at(tm, other) == before_other and tm.lookup(others[1][0], "kk")[0].score == 100


def test_a_source_corrected_into_another_unit_leaves_no_entry(make: Callable[[], TranslationMemory]) -> None:
    tm = make()
    tm.add("Президент Тошкентга ташриф буюрди.", "Президент Ташкентке барды.", "uz", "kk", origin="t")
    tm.add(OLD, "Министрлер Кабинеті қаулы қабылдады.", "uz", "kk", origin="t")
    uid = tm.lookup(OLD, "kk")[0].unit_id
    kept = tm.edit(uid, source="Президент Тошкентга ташриф буюрди.", target="Президент Ташкентке барды.")
    assert kept.id != uid and _pointing_at(tm, uid) == set()


def _counts(tm: TranslationMemory, unit_id: int) -> dict[str, int]:
    """stem -> the number of distinct stems the unit's entry in that stem's list records (the `lens` byte)."""
    if hasattr(tm, "store"):
        rows = tm.store.conn.execute("SELECT token, ids, lens FROM tm_postings").fetchall()
    else:
        with tm.db.using() as conn:  # type: ignore[attr-defined]
            rows = conn.execute("SELECT token, ids, lens FROM tm_postings").fetchall()
    out: dict[str, int] = {}
    for tok, blob, lens in rows:
        ids = array("I")
        ids.frombytes(bytes(blob))
        for k, i in enumerate(ids):
            if i == unit_id:
                out[tok.split(":", 1)[1]] = bytes(lens)[k]
    return out


@pytest.mark.parametrize("bulk", [False, True], ids=["added", "imported"])
def test_a_corrected_source_gives_every_entry_its_new_size(make: Callable[[], TranslationMemory],
                                                            bulk: bool) -> None:
    """The lists a re-worded unit stays on record its new number of stems, as the new lists do: the candidates'
    Dice-like score weighs a unit by that number (it used to keep the old source's count there)."""
    tm = make()
    pairs = [("Ҳукумат қарор қабул қилди.", "Үкімет қаулы қабылдады."), (OLD, "Министрлер Кабинеті қаулы қабылдады.")]
    if bulk:
        tm.import_units([NewUnit("uz", "kk", "uz", "kk", s, t, origin="t") for s, t in pairs])
    else:
        for s, t in pairs:
            tm.add(s, t, "uz", "kk", origin="t")
    uid = tm.lookup(OLD, "kk")[0].unit_id
    other = tm.lookup(pairs[0][0], "kk")[0].unit_id
    before_other = _counts(tm, other)
    assert set(_counts(tm, uid).values()) == {len(key_and_tokens(OLD, "uz")[1])}  # 5 stems
    longer = "Вазирлар Маҳкамаси бугун янги қарор қабул қилди ва уни эълон қилди."
    for source in (longer, "Маҳкамаси қарор қилди."):  # more stems, then fewer, some kept each time
        tm.edit(uid, source=source)
        stems = key_and_tokens(source, "uz")[1]
        assert _counts(tm, uid) == {s: len(stems) for s in stems}
        assert _counts(tm, other) == before_other  # a shared bulk row keeps the other units' counts
        assert tm.lookup(source, "kk")[0].unit_id == uid
