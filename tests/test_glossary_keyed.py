"""The keyed index on disk (glossary/keyfile.py, keyed.py): `glossary find` reads only the text's words, and
finds exactly what the index built in memory finds; after an add, an edit or a delete only the changed rows
are seeded; a stale, damaged or planted cache file falls back to the ordinary load and is written again."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_glossary_index_patch import TEXT, _rows, changed_rows
from testkit import SHARED

from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import keyed, keyfile
from tarjimon.core.glossary.keyed import KeyedGlossary
from tarjimon.core.glossary.loaded import LoadedGlossary, load_for
from tarjimon.core.glossary.store import add_concept, change_concept, import_file, make_concept
from tarjimon.core.translit import to_latin

SEED = SHARED / "seeds" / "kazinform-2026-01-05-uz.txt"


def _hits(g: LoadedGlossary | KeyedGlossary, text: str, lang: str = "uz") -> list[tuple]:
    return [(h.start, h.end, h.text, h.term, h.score, h.kind, h.concept, h.status, h.note,
             tuple(sorted(h.targets.items()))) for h in g.find(text, lang)]  # fmt: skip


def _full(path: Path) -> LoadedGlossary:
    """The glossary read concept by concept, no cache: what every other path must find."""
    return LoadedGlossary(read_tsv(path, path.stem), path)


def _glossary(tmp_path: Path, n: int = 400) -> Path:
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (tmp_path / "in.tsv").write_text("\n".join(_rows(n)) + "\n", encoding="utf-8")
    import_file(folder, "big", tmp_path / "in.tsv")  # written as tarjimon writes glossaries (sorted)
    return folder / "big.tsv"


def _text(path: Path) -> str:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    words = " ".join(r.split("\t")[0] + "лари" for r in rows[::3])
    typos = " ".join(r.split("\t")[0][:-1] + "х" for r in rows[1::7])  # a last letter changed
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else ""
    return f"{TEXT} {words} {typos} {to_latin(words[:2000])} {seed}"


def test_a_find_reads_the_keyed_index_and_finds_what_the_full_index_finds(tmp_path: Path) -> None:
    path = _glossary(tmp_path)
    text = _text(path)
    first = load_for(path, "big", "uz")
    assert isinstance(first, LoadedGlossary)  # no keyed index yet: the ordinary load, which writes one
    target = keyfile.key_file(path, "uz")
    assert target.is_file() and target.parent == path.parent / ".cache"
    second = load_for(path, "big", "uz")
    assert isinstance(second, KeyedGlossary) and second.seeded_rows == 0
    expected = _hits(_full(path), text)
    assert len(expected) > 100
    assert _hits(first, text) == expected
    assert _hits(second, text) == expected
    # only the text's keys were read: a short text leaves most of the index on disk
    short = load_for(path, "big", "uz")
    assert _hits(short, "давлат раҳбари") == _hits(_full(path), "давлат раҳбари")
    read = dict.__len__(short.index_of.single) + len(short.index_of.single._absent)
    assert 0 < read < 20 < keyfile.KeyFile(target).entries
    # each row's concept key, found at its row (a new row repeating one takes the ordinary load)
    rows = first._rows
    assert rows is not None
    kf = keyfile.KeyFile(target)
    assert [kf.dup_slots([rows.dups[slot]]) for slot in rows.order[::50]] == [[p] for p in range(0, len(rows.order), 50)]
    assert kf.dup_slots(["uz:no such term\t"]) == []
    # another language has its own file
    kk = " ".join(r.split("\t")[1] + "тың" for r in path.read_text(encoding="utf-8").splitlines()[1::5])
    load_for(path, "big", "kk")
    assert isinstance(load_for(path, "big", "kk"), KeyedGlossary)
    assert _hits(load_for(path, "big", "kk"), kk, "kk") == _hits(_full(path), kk, "kk")


def test_an_add_edit_or_delete_seeds_only_the_changed_rows(tmp_path: Path) -> None:
    path = _glossary(tmp_path)
    load_for(path, "big", "uz")  # writes the keyed index
    add_concept(path, "big", make_concept({"uz": "янги атама", "kk": "жаңа термин"}))
    after_add = load_for(path, "big", "uz")
    assert isinstance(after_add, KeyedGlossary)
    assert after_add.seeded_rows == 1 and after_add.index_of.indexed == 1  # one row, not the glossary
    assert [h.term for h in after_add.find("янги атамалар", "uz")] == ["янги атама"]
    stored = after_add.find("янги атама", "uz")[0]
    change_concept(path, "big", stored.concept, lambda c: make_concept({"uz": "янги атама", "kk": "басқа"}))
    after_edit = load_for(path, "big", "uz")
    assert isinstance(after_edit, KeyedGlossary) and after_edit.index_of.indexed == 1
    assert after_edit.find("янги атама", "uz")[0].targets == {"kk": "басқа"}
    victim = after_edit.find("давлат раҳбари", "uz")[0]
    change_concept(path, "big", victim.concept, lambda c: None)
    after_delete = load_for(path, "big", "uz")
    assert isinstance(after_delete, KeyedGlossary)
    text = _text(path) + " янги атамалар давлат раҳбари"
    assert _hits(after_delete, text) == _hits(_full(path), text)
    assert victim.concept not in {h.concept for h in after_delete.find(text, "uz")}


def test_every_kind_of_change_since_the_index_was_written_finds_what_a_full_rebuild_finds(tmp_path: Path) -> None:
    rnd = random.Random(8)
    path = tmp_path / "g.tsv"
    rows = _rows(150)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    load_for(path, "g", "uz")
    keyed_loads = 0
    for step in range(40):
        rows, kind, _ = changed_rows(rows, step, rnd)
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        text = _text(path)
        if step % 9 == 8:  # written again from the row cache patched by the ordinary load (slots not positions)
            keyfile.key_file(path, "uz").unlink()
            assert _hits(load_for(path, "g", "uz"), text) == _hits(_full(path), text), step
        found = load_for(path, "g", "uz")
        keyed_loads += isinstance(found, KeyedGlossary)
        assert _hits(found, text) == _hits(_full(path), text), (step, kind)
    assert keyed_loads == 40  # every version read through a keyed index, patched


def test_a_repeated_source_term_many_changes_or_a_damaged_file_take_the_ordinary_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _glossary(tmp_path, 300)
    text = _text(path)
    load_for(path, "big", "uz")
    target = keyfile.key_file(path, "uz")
    # an editor adds a row repeating a source term: the full reader merges the two rows into one concept
    original = path.read_bytes()
    with path.open("a", encoding="utf-8") as out:
        out.write("давлат раҳбари\tбасшы\tглава\thead\t\n")
    assert isinstance(load_for(path, "big", "uz"), LoadedGlossary)
    assert _hits(load_for(path, "big", "uz"), text) == _hits(_full(path), text)
    path.write_bytes(original)  # (the same bytes, a new mtime: compared, nothing changed)
    assert isinstance(load_for(path, "big", "uz"), KeyedGlossary)
    # more changed rows than a patch takes
    monkeypatch.setattr(keyed, "MAX_CHANGED_ROWS", 40)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1:] = [f"{ln}x" if i % 5 == 0 else ln for i, ln in enumerate(lines[1:])]  # (the note column)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert isinstance(load_for(path, "big", "uz"), LoadedGlossary)
    assert isinstance(load_for(path, "big", "uz"), KeyedGlossary)
    assert _hits(load_for(path, "big", "uz"), text) == _hits(_full(path), text)
    # a damaged file (truncated, or not SQLite at all): ignored, the same hits, written again
    for damage in (target.read_bytes()[:5000], b"not a keyed index" * 100):
        target.write_bytes(damage)
        assert isinstance(load_for(path, "big", "uz"), LoadedGlossary)
        assert isinstance(load_for(path, "big", "uz"), KeyedGlossary)
        assert _hits(load_for(path, "big", "uz"), text) == _hits(_full(path), text)


def test_a_symlink_planted_at_the_keyed_file_is_not_followed(tmp_path: Path) -> None:
    path = _glossary(tmp_path, 100)
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours\n", encoding="utf-8")
    target = keyfile.key_file(path, "uz")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(outside)
    found = load_for(path, "big", "uz")
    assert _hits(found, TEXT) == _hits(_full(path), TEXT)
    assert outside.read_text(encoding="utf-8") == "not yours\n" and target.is_symlink()


def test_a_match_column_keeps_the_ordinary_load(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("uz\tkk\tmatch\nбанк\tбанк\tnot_before: марказий\nдавлат\tмемлекет\t\n", encoding="utf-8")
    assert isinstance(load_for(path, "g", "uz"), LoadedGlossary)
    assert not keyfile.key_file(path, "uz").exists()
    assert isinstance(load_for(path, "g", "uz"), LoadedGlossary)


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article in ../shared is not here")
def test_the_cli_finds_the_same_on_the_seed_article(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = _glossary(tmp_path, 600)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    cmd = [sys.executable, "-m", "tarjimon", "--glossaries-dir", str(path.parent), "glossary", "find", "big",
           "--text-file", str(SEED), "--lang", "uz", "--json"]  # fmt: skip
    outs = [subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout for _ in range(2)]
    add_concept(path, "big", make_concept({"uz": "Қозоғистон", "kk": "Қазақстан"}))
    outs.append(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)
    assert keyfile.key_file(path, "uz").is_file()
    assert outs[0] == outs[1] and '"term": ' in outs[0]
    assert '"term": "Қозоғистон"' in outs[2]


def test_the_base_version_is_rebuilt_from_the_chunks_that_changed_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyfile, "CHUNK", 64)  # many chunks in a small file
    rnd = random.Random(5)
    path = _glossary(tmp_path, 200)
    base = path.read_bytes()
    load_for(path, "big", "uz")
    kf = keyfile.KeyFile(keyfile.key_file(path, "uz"))
    for _ in range(60):
        a = rnd.randrange(len(base))
        b = min(len(base), a + rnd.choice((0, 1, 5, 63, 64, 65, 500, 5000)))
        new = base[:a] + bytes(rnd.randrange(256) for _ in range(rnd.choice((0, 1, 64, 300)))) + base[b:]
        assert kf.base(new) == base
    assert kf.base(base) == base and kf.base(b"") == base and kf.base(base + base) == base
    assert kf.base(base[:3000] + b"x" + base[3000:]) == base
    assert kf.chunks_read == 1  # one chunk read back, not the file
    assert kf.base(base[:3000] + base[3001:]) == base and kf.chunks_read == 1


def test_a_language_the_glossary_lacks_writes_no_keyed_index(tmp_path: Path) -> None:
    path = _glossary(tmp_path, 50)
    assert load_for(path, "big", "ky").find("давлат раҳбари", "ky") == []
    assert not keyfile.key_file(path, "ky").exists()


def test_a_file_damaged_in_the_middle_is_found_out_during_the_find_and_replaced(tmp_path: Path) -> None:
    import sqlite3

    path = _glossary(tmp_path, 400)
    text = _text(path)
    load_for(path, "big", "uz")
    target = keyfile.key_file(path, "uz")
    with sqlite3.connect(target) as conn:
        try:
            pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'heads' AND pagetype = 'leaf'")]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the pages of the keys")
    assert pages
    data = bytearray(target.read_bytes())
    for n in pages:  # the pages of the keys, not the ones every open reads
        data[(n - 1) * 4096 : n * 4096] = b"\xff" * 4096
    target.write_bytes(bytes(data))
    damaged = load_for(path, "big", "uz")
    assert isinstance(damaged, KeyedGlossary)  # opened: the damage shows only when a key is read
    fell_back = []
    ordinary = damaged.fallback
    assert ordinary is not None
    damaged.fallback = lambda: fell_back.append(1) or ordinary()
    assert _hits(damaged, text) == _hits(_full(path), text)
    assert fell_back == [1]
    assert isinstance(load_for(path, "big", "uz"), KeyedGlossary)  # written again by the ordinary load
    assert _hits(load_for(path, "big", "uz"), text) == _hits(_full(path), text)
