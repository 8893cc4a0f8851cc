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


def _dated_tu(i: int) -> str:
    """A tu of the shapes tmx_dated reads as columns, and of those it must leave to the tu-by-tu reader."""
    d = f"2021{1 + i % 12:02d}{1 + i % 28:02d}T{i % 24:02d}{i % 60:02d}{(7 * i) % 60:02d}Z"
    e = f"2022{1 + i % 12:02d}{1 + i % 28:02d}T{i % 24:02d}{i % 60:02d}{(3 * i) % 60:02d}Z"
    src, tgt = f"Open file {i % 97} &amp; save &#x41;{i % 5}", f"Откройте файл {i} «{i % 13}»"
    k = i % 17
    tu, note, a, b = "", "", "", f' changeid="u{i % 3}" changedate="{d}" creationid="u{i % 2}" creationdate="{e}"'
    if k == 1:  # dates on the tu and the source tuv too, the change older than the creation
        tu, a, b = f' creationdate="{d}" changedate="{e}"', f' creationdate="{e}"', ""
    elif k == 2:  # the tu names the second tuv its source
        tu = ' srclang="ru-RU"'
    elif k == 3:  # Trados's lastusagedate: kept among the props (not taken out as a date)
        b += f' lastusagedate="{d}" usagecount="{i % 4}"'
    elif k == 4:  # a note holding what looks like a date attribute
        note = f'<note>was creationdate="{d}" x</note>'
    elif k == 11:  # a single-quoted value holding one
        b = f" creationid='me creationdate=\"{d}\"' changedate=\"{e}\""
    elif k == 5:  # dates not in TMX's form, spaces around "="
        b = f' changedate = "{d}" creationdate="2021-01-01" creationid="x"'
    elif k == 6:  # an empty target, then no dates at all
        tgt = ""
    elif k == 7:
        b = ""
    elif k == 8:  # another language pair (kept or filtered out by the TM's languages)
        return (f'<tu><tuv xml:lang="en-US"><seg>{src}</seg></tuv><tuv xml:lang="de-DE"{b}><seg>Datei {i}</seg>'
                f"</tuv></tu>\n")
    elif k == 9:  # the same source and target again (a duplicate), another date
        src, tgt = "Open file 1 &amp; save &#x41;1", "Откройте файл 1"
    elif k == 10:  # a prop of text only
        note = f'<prop type="x-ctx">ctx {i % 4}</prop>'
    return (f'<tu{tu}>{note}\n  <tuv xml:lang="en-US"{a}>\n    <seg>{src}</seg>\n  </tuv>\n  <tuv xml:lang="ru-RU"{b}>'
            f"<seg>{tgt}</seg></tuv>\n</tu>\n")


@pytest.mark.parametrize("langs", [(None, None), ("en", ["ru"]), ("ru", ["en"])], ids=["all", "en-ru", "ru-en"])
def test_dated_tus_read_as_columns_are_stored_as_tu_by_tu(langs: tuple[str | None, list[str] | None],
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tmx_dated/partdated (a chunk's dated tus as columns, each shape's unit made once): the dates put back
    where they came from (tu, source or target tuv; creation or change), what it must not take as a date
    (lastusagedate, a note's text, a single-quoted value, another form) and tus it leaves to the tu-by-tu
    reader (an empty seg, a pair filtered out, a note) stored as the sequential import stores them."""
    from tarjimon.core.formats import tmx_fast

    monkeypatch.setattr(tmx_fast, "CHUNK", 20_000)  # several chunks a part
    path = tmp_path / "dated.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US"/><body>\n'
                    + "".join(_dated_tu(i) for i in range(1200)) + "</body></tmx>\n", "utf-8")
    seq, par = _both(path, tmp_path, monkeypatch, langs)
    assert par == seq
    if langs[0] != "ru":  # (ru -> en: the tus whose srclang says so only)
        assert seq[1][0] > 600  # type: ignore[index]
