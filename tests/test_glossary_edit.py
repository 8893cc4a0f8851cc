"""Changing and removing a concept (core/glossary/editing.py, `glossary show|edit|remove`): one row of the file
changes and every other byte stays; the index is patched, not rebuilt (counted, not timed), and finds what a
cold build of the edited file finds; bad input, a stale view, a file changed by another program and a
symlinked file change nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tarjimon.cli.main import main
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import editing
from tarjimon.core.glossary.store import LoadedGlossary, import_file, load_glossary, open_set
from tarjimon.core.workbench.glossaries import SharedGlossaries

WORDS = ["давлат", "қонун", "банк", "президент", "сўз", "мемлекет", "заң", "закон", "state", "law", "bank",
         "таълим", "дастур", "молия", "ҳукумат", "вазир", "шаҳар", "туман"]  # fmt: skip


def _glossary(folder: Path, n: int, seed: int = 5) -> Path:
    """A glossary of n concepts written by `glossary import` (so sorted as tarjimon writes them)."""
    rnd = random.Random(seed)
    rows = ["uz\tkk\tru\ten\tnote\tdomain"]
    seen = set()
    while len(rows) <= n:
        uz = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 2))) + rnd.choice(["", "", "лар", "чи"])
        if uz in seen:
            continue
        seen.add(uz)
        rows.append(
            f"{uz}\t{uz}-kk\t{uz}-ru\t{uz}-en\t{rnd.choice(['', 'a note'])}\t{rnd.choice(['', '', 'law'])}"
        )
    src = folder.parent / f"in-{seed}.tsv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    import_file(folder, "g", src)
    return folder / "g.tsv"


def _ids(path: Path) -> list[str]:
    return [c.id for c in read_tsv(path, "g").concepts]


def _whole(path: Path, concept_id: str, update) -> bytes:  # type: ignore[no-untyped-def]
    """What the full path (read every row, change, sort, write) gives for the same change, on a copy."""
    copy = path.with_name("whole.tsv")
    copy.write_bytes(path.read_bytes())
    editing._change_whole(copy, "g", copy.read_bytes(), concept_id, update)
    return copy.read_bytes()


def test_an_edit_or_removal_rewrites_one_row_and_gives_the_bytes_of_the_full_rewrite(tmp_path: Path) -> None:
    path = _glossary(tmp_path / "gl", 150)
    rnd = random.Random(3)
    for step in range(60):
        before = path.read_bytes()
        concept_id = rnd.choice(_ids(path))
        kind = step % 4
        if kind == 0:
            update = lambda c: None  # noqa: E731
        elif kind == 1:  # a new first term: the row moves to its sorted place
            word = f"{rnd.choice(WORDS)} {step}"
            update = lambda c, w=word: editing.edited(c, {"uz": [w]})  # noqa: E731
        elif kind == 2:  # a synonym and a note
            update = lambda c, s=step: editing.edited(c, {"kk": [c.term("kk"), f"синоним{s}"]}, note=f"n{s}")  # noqa: E731
        else:  # a language cleared, the domain changed
            update = lambda c: editing.edited(c, {"ru": []}, domain="econ")  # noqa: E731
        expected = _whole(path, concept_id, update)
        change = editing.change_concept(path, "g", concept_id, update)
        assert change.data == path.read_bytes() == expected, step
        old_lines, new_lines = before.split(b"\n"), path.read_bytes().split(b"\n")
        gone = [ln for ln in old_lines if ln not in new_lines]
        came = [ln for ln in new_lines if ln not in old_lines]
        if change.new == change.old:
            assert before == path.read_bytes()  # an edit that changes nothing writes nothing
            continue
        assert len(gone) == 1 and len(came) == (0 if kind == 0 else 1), step  # one row, nothing else
    assert not list(path.parent.glob(".*.tmp"))


def test_the_index_is_patched_by_an_edit_and_finds_what_a_cold_build_finds(tmp_path: Path) -> None:
    folder = tmp_path / "gl"
    path = _glossary(folder, 300)
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    text = " ".join(WORDS) + " давлатлар қонунлари банкка президентнинг таълимда дастурлари"
    assert loaded.find(text, "uz")
    index = loaded.index("uz")
    rows = loaded._rows
    assert rows is not None
    rnd = random.Random(9)
    for step in range(12):
        indexed, seeded = index.indexed, rows.seeded
        hit = rnd.choice(loaded.find(text, "uz"))
        concept, row = gset.concept_row("g", hit.concept, "uz", hit.term)
        assert concept.id == hit.concept and row is not None and row in path.read_text(encoding="utf-8")
        if step % 3 == 0:
            gset.change_concept("g", hit.concept, lambda c: None, row=row)
            assert index.indexed == indexed  # nothing indexed for a removal
        else:
            new_uz = [f"янги{step} {hit.term}", hit.term + "лик"] if step % 3 == 1 else [hit.term]
            gset.change_concept("g", hit.concept, lambda c, u=new_uz: editing.edited(c, {"uz": u, "en": ["x"]}),
                                row=row)  # fmt: skip
            assert index.indexed == indexed + len(new_uz)  # that row's terms, not the glossary's
        assert rows.seeded - seeded <= 2  # the changed row seeded in each indexed language
        (patched,) = gset.glossaries
        assert patched is loaded and patched.index("uz") is index  # patched in place, not rebuilt
        cold_dir = tmp_path / f"cold{step}"
        cold_dir.mkdir()
        (cold_dir / "g.tsv").write_bytes(path.read_bytes())
        cold = load_glossary(cold_dir / "g.tsv")  # no cache: a cold build of the edited file
        full = LoadedGlossary(read_tsv(path, "g"), path)  # and the concept-by-concept reader's
        for other in (cold, full):
            assert [_key(h) for h in loaded.find(text, "uz")] == [_key(h) for h in other.find(text, "uz")], (
                step
            )
    # the CLI: the next load after an edit patches the cached rows, seeding only the edited one
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "g.tsv").write_bytes(path.read_bytes())
    assert load_glossary(fresh / "g.tsv", index_langs=("uz",)).seeded_rows == len(_ids(path))  # cold: cached
    concept_id = _ids(path)[0]  # the first row: its new first term moves it to the end of the file
    assert (
        main(["--glossaries-dir", str(fresh), "glossary", "edit", "g", concept_id, "--uz", "тамомила янги"])
        == 0
    )
    again = load_glossary(fresh / "g.tsv", index_langs=("uz",))
    assert again.seeded_rows == 1
    assert [h.term for h in again.find("тамомила янгилари", "uz")] == ["тамомила янги"]


def _key(h) -> tuple:  # type: ignore[no-untyped-def]
    return (h.start, h.end, h.term, h.score, h.kind, h.concept, tuple(sorted(h.targets.items())))


def test_a_stale_view_or_a_change_by_another_program_writes_nothing(tmp_path: Path) -> None:
    path = _glossary(tmp_path / "gl", 40)
    before = path.read_bytes()
    concept_id = _ids(path)[5]
    with pytest.raises(TarjimonError, match="changed in the file since it was shown"):
        editing.change_concept(path, "g", concept_id, lambda c: None, row="not\tthis\trow")
    assert path.read_bytes() == before

    def meanwhile(c):  # type: ignore[no-untyped-def]  # git writes the file while the edit is being made
        path.write_bytes(before.replace(b"law", b"LAW"))
        return editing.edited(c, {"kk": ["бошқа"]})

    with pytest.raises(TarjimonError, match="changed while it was being written"):
        editing.change_concept(path, "g", concept_id, meanwhile)
    assert path.read_bytes() == before.replace(b"law", b"LAW")  # theirs kept, ours not written over it
    assert not list(path.parent.glob(".*.tmp"))


def test_same_size_change_in_the_same_tick_is_caught_by_its_checksum(tmp_path: Path) -> None:
    path = _glossary(tmp_path / "gl", 20)
    before = path.read_bytes()
    st = os.stat(path)

    def meanwhile(c):  # type: ignore[no-untyped-def]
        path.write_bytes(before.replace(b"-kk", b"-KK", 1))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
        return None

    with pytest.raises(TarjimonError, match="changed while"):
        editing.change_concept(path, "g", _ids(path)[3], meanwhile)
    assert path.read_bytes() == before.replace(b"-kk", b"-KK", 1)


def test_bad_edits_change_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "gl"
    path = _glossary(folder, 30)
    shared = SharedGlossaries(folder)
    before = path.read_bytes()
    concept = read_tsv(path, "g").concepts[4]
    other = read_tsv(path, "g").concepts[7]
    with pytest.raises(BadInput, match="tab or a line break"):
        shared.edit("g", concept.id, {"kk": ["a\tb"]})
    with pytest.raises(BadInput, match="tab or a line break"):
        shared.edit("g", concept.id, note="one\ntwo")
    with pytest.raises(BadInput, match="at least one term"):
        shared.edit("g", concept.id, {lang: [] for lang in concept.terms})
    with pytest.raises(BadInput, match="unknown status"):
        shared.edit("g", concept.id, status="maybe")
    with pytest.raises(BadInput, match="already has the concept"):  # would merge two concepts
        shared.edit("g", concept.id, {"uz": [other.term("uz")]}, domain=other.domain)
    with pytest.raises(NotFound):
        shared.edit("g", "c0000000000", {"kk": ["x"]})
    with pytest.raises(NotFound):
        shared.remove("nosuch", concept.id)
    assert path.read_bytes() == before
    # a symlinked glossary file is read, but never written through
    link = folder / "link.tsv"
    link.symlink_to(path.name)
    with pytest.raises(BadInput, match="symbolic link"):
        shared.remove("link", concept.id)
    assert path.read_bytes() == before and link.is_symlink()


def test_a_file_tarjimon_did_not_write_takes_the_full_path(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_bytes("uz\tkk\r\n# a comment\r\nқонун\tзаң\r\nдавлат\tмемлекет\r\n".encode())
    (concept,) = [c for c in read_tsv(path, "g").concepts if c.term("uz") == "қонун"]
    change = editing.change_concept(path, "g", concept.id, lambda c: editing.edited(c, {"ru": ["закон"]}))
    assert change.data is None  # written whole, as tarjimon writes glossaries (a new ru column)
    assert path.read_text(encoding="utf-8") == "uz\tkk\tru\nдавлат\tмемлекет\t\nқонун\tзаң\tзакон\n"


def test_cli_show_edit_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "gl"
    path = _glossary(folder, 30)
    args = ["--glossaries-dir", str(folder), "glossary"]
    target = read_tsv(path, "g").concepts[2]
    assert main([*args, "show", "g", target.term("uz"), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown[0]["id"] == target.id and shown[0]["terms"]["uz"] == list(target.terms["uz"])
    from tarjimon.core.translit import to_latin

    assert main([*args, "show", "g", to_latin(target.term("uz")), "--json"]) == 0  # the other script
    assert json.loads(capsys.readouterr().out)[0]["id"] == target.id
    assert main([*args, "edit", "g", target.id, "--kk", "бір", "--kk", "екі", "--note", "", "--json"]) == 0
    edited = json.loads(capsys.readouterr().out)
    assert (
        edited["was"] == target.id and edited["id"] == target.id and edited["terms"]["kk"] == ["бір", "екі"]
    )
    assert (
        replace(target, terms={**target.terms, "kk": ("бір", "екі")}, note="") in read_tsv(path, "g").concepts
    )
    assert main([*args, "remove", "g", target.id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"]["id"] == target.id
    assert target.id not in _ids(path)
    before = path.read_bytes()
    for bad in (["edit", "g", target.id, "--kk", "x"], ["edit", "g", _ids(path)[0], "--kk", "a\tb"],
                ["edit", "g", _ids(path)[0]], ["remove", "nosuch", "c1"], ["edit", "g", _ids(path)[0], "--status", "maybe"]):  # fmt: skip
        assert main([*args, *bad]) == 2, bad
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (bad, err)
    assert path.read_bytes() == before


def test_a_kill_before_the_rename_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "gl"
    path = _glossary(folder, 500)
    before = path.read_bytes()
    concept_id = _ids(path)[100]
    env = dict(os.environ, TARJIMON_KILL_AT="file.replace")
    code = "import sys\nfrom tarjimon.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
    for cmd in (["edit", "g", concept_id, "--kk", "янги"], ["remove", "g", concept_id]):
        done = subprocess.run([sys.executable, "-c", code, "--glossaries-dir", str(folder), "glossary", *cmd],
                              capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)  # fmt: skip
        assert done.returncode == -signal.SIGKILL, done.stderr
        assert path.read_bytes() == before
    env.pop("TARJIMON_KILL_AT")
    done = subprocess.run([sys.executable, "-c", code, "--glossaries-dir", str(folder), "glossary", "remove", "g",
                           concept_id], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert concept_id not in _ids(path) and len(_ids(path)) == 499


def test_a_staged_change_shows_at_once_and_is_undone_when_it_cannot_be_written(tmp_path: Path) -> None:
    """The workbench's path: the index patched with the file's new bytes first (GlossarySet.stage), the file
    written right after (commit); a file changed meanwhile or a failed write takes the change out again."""
    from tarjimon.core.glossary import adding
    from tarjimon.core.glossary.store import make_concept

    folder = tmp_path / "gl"
    path = _glossary(folder, 200)
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    index = loaded.index("uz")
    before = path.read_bytes()
    concept = make_concept({"uz": "сунъий интеллект", "kk": "жасанды интеллект"})
    staged = gset.stage("g", lambda data, p: adding.spliced(data, p, "g", concept))
    assert staged is not None
    assert path.read_bytes() == before  # nothing written yet ...
    assert [h.term for h in loaded.find("сунъий интеллектни", "uz")] == ["сунъий интеллект"]  # ... but found
    assert gset.commit(staged)
    expected = tmp_path / "expected.tsv"
    expected.write_bytes(before)
    adding.insert_row(expected, "g", concept)
    assert path.read_bytes() == expected.read_bytes()  # what `glossary add` writes
    assert loaded.index("uz") is index
    # the file changed since the bytes the change was made from: nothing written, the index follows the file
    theirs = path.read_bytes().replace(b"law", b"LAW")
    second = make_concept({"uz": "рақамли иқтисодиёт"})
    staged = gset.stage("g", lambda data, p: adding.spliced(data, p, "g", second))
    assert staged is not None and loaded.find("рақамли иқтисодиёт", "uz")
    path.write_bytes(theirs)
    assert not gset.commit(staged)
    assert path.read_bytes() == theirs and not loaded.find("рақамли иқтисодиёт", "uz")
    # a write that fails (the file became a symlink): raised, undone
    staged = gset.stage("g", lambda data, p: adding.spliced(data, p, "g", second))
    assert staged is not None
    real = folder / "real.tsv"
    path.rename(real)
    path.symlink_to(real.name)
    staged_base = staged.base
    with pytest.raises(BadInput, match="symbolic link"):
        gset.commit(staged)
    assert real.read_bytes() == staged_base and not loaded.find("рақамли иқтисодиёт", "uz")
    assert [_key(h) for h in loaded.find(" ".join(WORDS), "uz")] == [
        _key(h) for h in LoadedGlossary(read_tsv(real, "g"), real).find(" ".join(WORDS), "uz")
    ]


def test_staging_never_waits_for_a_busy_glossary(tmp_path: Path) -> None:
    """The UI thread stages; while another thread builds an index or writes (holding the glossary's lock),
    staging answers None at once and the ordinary path (a worker) does the change."""
    import threading

    from tarjimon.core.glossary import adding
    from tarjimon.core.glossary.store import make_concept

    folder = tmp_path / "gl"
    _glossary(folder, 50)
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    loaded.index("uz")
    concept = make_concept({"uz": "янги атама"})
    held, release = threading.Event(), threading.Event()

    def busy() -> None:
        with loaded._lock:  # as a write or a patch holds it (an index build no longer does)
            held.set()
            release.wait(10)

    worker = threading.Thread(target=busy)
    worker.start()
    held.wait(10)
    try:
        assert gset.stage("g", lambda data, p: adding.spliced(data, p, "g", concept)) is None
    finally:
        release.set()
        worker.join()
    assert gset.stage("g", lambda data, p: adding.spliced(data, p, "g", concept)) is not None


def test_the_id_add_prints_is_the_one_show_edit_and_remove_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id comes from the first term in the file's column order, not the order the terms were typed in:
    `add --kk ... --uz ...` must print the id the file gives back (a new file, a spliced row, a new column)."""
    folder = tmp_path / "gl"
    args = ["--glossaries-dir", str(folder), "glossary"]
    for terms in (["--kk", "мектеп", "--uz", "мактаб"], ["--kk", "қала", "--uz", "шаҳар"],
                  ["--en", "student", "--kk", "студент", "--uz", "талаба"]):  # fmt: skip
        assert main([*args, "add", "news", *terms, "--json"]) == 0
        printed = json.loads(capsys.readouterr().out)["concept"]
        assert printed in _ids(folder / "news.tsv"), terms
        assert main([*args, "edit", "news", printed, "--ru", "слово", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["was"] == printed
