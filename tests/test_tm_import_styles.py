"""The parallel import (its fast reader: tmx_fast, partworker) stores exactly the units the sequential import
stores (the general reader: tmx.read_tmx, UnitFilter.pairs, BulkWriter), every column of every unit, on the
real TMX files of other tools (../shared/data/interop/real/tmx) and on files written in their styles
(bench/tmx_styles.py: OmegaT's dated target tuvs, Trados's props and codes, MateCat's ids)."""

from __future__ import annotations

import importlib.util
import random
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite import bulk, parallel
from tarjimon.core.tm.sqlite.backend import SqliteMemory

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "interop" / "real" / "tmx"
STAMP = "2026-11-30T12:00:00+00:00"


def _styles():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_tmx_styles", ROOT / "bench" / "tmx_styles.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_tmx_styles"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _units(path: Path, db: Path, langs: tuple[str | None, list[str] | None]) -> tuple[list[tuple[object, ...]],
                                                                                     tuple[int, int, int]]:
    tm = SqliteMemory(Store(db), langs[0], langs[1])
    r = tm.import_file(path)
    conn = sqlite3.connect(db)
    rows: list[tuple[object, ...]] = [tuple(row) for row in conn.execute("SELECT * FROM tm_units ORDER BY id")]
    postings: dict[str, list[tuple[int, int]]] = {}  # per stem, its units and their lengths (the rows: per part)
    for tok, ids, lens in conn.execute("SELECT token, ids, lens FROM tm_postings"):
        postings.setdefault(tok, []).extend(zip(np.frombuffer(ids, dtype="<u4").tolist(),
                                                np.frombuffer(lens, dtype=np.uint8).tolist(), strict=True))
    conn.close()
    tm.store.close()
    rows += sorted((t, *sorted(p)) for t, p in postings.items())
    return rows, (r.added, r.duplicates, r.skipped)


def _both(path: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch,
          langs: tuple[str | None, list[str] | None] = (None, None)) -> tuple[object, object]:
    monkeypatch.setattr(bulk, "now", lambda: STAMP)  # the import's own time stamp, the same in both
    monkeypatch.setattr(parallel, "tm_stamp", lambda: STAMP)
    monkeypatch.setattr(parallel, "MIN_SIZE", 1 << 62)
    name = path.stem
    seq = _units(path, tmp / f"{name}-seq.db", langs)
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "PART_BYTES", 1)
    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    return seq, _units(path, tmp / f"{name}-par.db", langs)


def _real() -> list[Path]:
    return sorted(REAL.glob("*.tmx")) if REAL.is_dir() else []  # (UTF-16 ones: both import one way)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/interop/real/tmx is not here")
@pytest.mark.parametrize("path", _real(), ids=lambda p: p.name)
def test_real_tmx_fast_and_general_paths_store_the_same_units(path: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seq, par = _both(path, tmp_path, monkeypatch)
    assert par == seq


@pytest.mark.parametrize("style", ["omegat", "trados", "matecat"])
@pytest.mark.parametrize("langs", [(None, None), ("en", ["ru"]), ("en", ["de"])], ids=["all", "en-ru", "en-de"])
def test_tool_styles_fast_and_general_paths_store_the_same_units(style: str, langs: tuple[str | None, list[str] | None],
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    words = ["file", "open", "cannot", "the", "of", "error", "Save", "&", "<b>", "ok", "%s", "«x»", "tab\there"]
    units, seen = [], set()
    while len(units) < 1500:
        s = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 9)))
        if rng.random() < 0.1 and units:
            s = units[rng.randrange(len(units))][0]  # a duplicate (another target: a unit of its own, or not)
        t = " ".join(rng.choice(words).upper() for _ in range(rng.randrange(1, 9)))
        seen.add((s, t))
        units.append((s, t))
    path = tmp_path / f"{style}.tmx"
    _styles().write_styled(path, units, style)
    seq, par = _both(path, tmp_path, monkeypatch, langs)
    assert par == seq
    if langs[1] != ["de"]:
        assert len(seq[0]) > 1000  # type: ignore[index]


def test_a_batch_whose_keys_are_all_empty_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources with no word ("&", "...", a dash) have an empty matching key; a packed batch of ONE such unit
    (a dated tu, then one the general code stores: a note) had an empty keys blob, which SQLite's substr reads
    as NULL: the parallel import failed (NOT NULL constraint failed: tm_units.skey)."""
    path = tmp_path / "punctuation.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n' + "".join(
        f'<tu><tuv xml:lang="en" creationdate="20200101T000000Z"><seg>{s}</seg></tuv><tuv xml:lang="ru"><seg>Знак'
        f' {i}</seg></tuv></tu>\n<tu><note>n</note><tuv xml:lang="en"><seg>Word {i}</seg></tuv><tuv xml:lang="ru">'
        f'<seg>Слово {i}</seg></tuv></tu>\n'
        for i, s in enumerate(["&amp;", "...", "\u2014", "&amp; &amp;", "!", "?!", "(...)", "--"] * 3))
        + "</body></tmx>\n", encoding="utf-8")
    seq, par = _both(path, tmp_path, monkeypatch)
    assert par == seq
    assert seq[1] == (48, 0, 0)  # type: ignore[index]


def test_profiles_forgotten_by_a_worker_give_the_same_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker remembers only so many profiles (dated units each have one): one made again gets a new id."""
    from tarjimon.core.tm.sqlite import partworker

    monkeypatch.setattr(partworker, "PROFILES_KEPT", 3)
    path = tmp_path / "omegat.tmx"
    _styles().write_styled(path, [(f"Unit {i} of {i % 7}", f"Единица {i}") for i in range(400)], "omegat")
    seq, par = _both(path, tmp_path, monkeypatch)
    assert par == seq


def test_props_and_notes_read_without_lxml_are_lxml_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast reader's tus with props and notes (tmx_tags): a note in another namespace is no note for lxml
    (it was kept), entities and character references resolved, a prop without a type, attributes on both."""
    path = tmp_path / "meta.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n' + "".join(
        f'<tu tuid="{i}" datatype="plaintext">\n  <note xmlns="urn:x">ns {i}</note><note xml:lang="en">a &amp; b'
        f' &#x41;{i}</note>\n  <prop>no type</prop><prop type="x-context-prev" o-encoding="x">Before {i % 3}</prop>'
        f'<prop type=\'q\'>&lt;{i}&gt;</prop>\n  <tuv xml:lang="en"><seg>Hello {i}</seg></tuv>\n  <tuv xml:lang="ru"'
        f' creationid="me"><seg>Привет {i}</seg></tuv></tu>\n' for i in range(60)) + "</body></tmx>\n", "utf-8")
    seq, par = _both(path, tmp_path, monkeypatch)
    assert par == seq
    assert seq[1] == (60, 0, 0)  # type: ignore[index]
