"""`glossary edit NAME ID`, `remove` and `show ID` find a concept through the ids kept beside the row cache
(core/glossary/ids.py), not by working out every row's id; the kept ids follow each change tarjimon makes
(add, edit, remove), a file changed by another program has them worked out again, and a damaged ids file is
never trusted. Counted (rows whose id was worked out), not timed."""

from __future__ import annotations

import json
import marshal
import random
from pathlib import Path

import pytest

from tarjimon.cli.main import main
from tarjimon.core.formats.tsv import read_tsv
from tarjimon.core.glossary import ids
from tarjimon.core.glossary.store import import_file

WORDS = ["давлат", "қонун", "банк", "президент", "таълим", "дастур", "молия", "ҳукумат", "вазир", "шаҳар"]


def _glossary(folder: Path, n: int) -> Path:
    rnd = random.Random(9)
    rows, seen = ["uz\tkk\tru\ten\tnote\tdomain"], set()
    while len(rows) <= n:
        uz = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3)))
        if uz not in seen:
            seen.add(uz)
            rows.append(f"{uz}\t{uz}-kk\t{uz}-ru\t\t\t{rnd.choice(['', 'law'])}")
    (folder.parent / "in.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    import_file(folder, "g", folder.parent / "in.tsv")
    return folder / "g.tsv"


def _run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main(["--glossaries-dir", str(folder), "glossary", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ids_are_kept_and_follow_every_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "gl"
    path = _glossary(folder, 300)
    concepts = read_tsv(path, "g").concepts
    first = concepts[10].id
    ids.stats["hashed"] = -1
    _run(folder, capsys, "edit", "g", first, "--kk", "өзгерген")
    assert ids.stats["hashed"] == 300  # the first edit works every id out once, and keeps them
    assert ids.ids_file(path).is_file()
    rnd = random.Random(4)
    for step in range(12):
        ids.stats["hashed"] = 0
        live = read_tsv(path, "g").concepts
        victim = rnd.choice(live)
        kind = rnd.choice(["edit", "first-term", "remove", "add", "show"])
        if kind == "edit":
            out = _run(folder, capsys, "edit", "g", victim.id, "--ru", f"слово {step}")
            assert out["was"] == victim.id and out["terms"]["ru"] == [f"слово {step}"]  # type: ignore[index]
        elif kind == "first-term":  # the row moves to its new sorted place and gets a new id
            out = _run(folder, capsys, "edit", "g", victim.id, "--uz", f"янги сўз {step}")
            assert out["id"] != victim.id  # type: ignore[index]
        elif kind == "remove":
            out = _run(folder, capsys, "remove", "g", victim.id)
            assert out["removed"]["id"] == victim.id  # type: ignore[index]
        elif kind == "add":
            _run(folder, capsys, "add", "g", "--uz", f"қўшилган атама {step}", "--kk", f"қосылған {step}")
        else:
            assert [c["id"] for c in _run(folder, capsys, "show", "g", victim.id)] == [victim.id]  # type: ignore[union-attr]
        assert ids.stats["hashed"] == 0, (step, kind)  # found by the kept ids: no row's id worked out
        # the kept ids are exactly the file's, row by row, at the right offsets
        kept = ids.load(path, path.read_bytes())
        assert kept is not None, (step, kind)
        data = path.read_bytes()
        assert kept.ids == [c.id for c in read_tsv(path, "g").concepts]
        assert all(data[o - 1 : o] == b"\n" for o in kept.offsets)
        assert list(kept.offsets) == sorted(kept.offsets) and len(set(kept.offsets)) == len(kept.offsets)


def test_a_file_changed_elsewhere_or_damaged_ids_are_never_trusted(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = tmp_path / "gl"
    path = _glossary(folder, 120)
    concepts = read_tsv(path, "g").concepts
    _run(folder, capsys, "show", "g", concepts[0].id)  # keeps the ids
    # another program (an editor, git) changes a row: the kept ids do not fit these bytes any more
    text = path.read_text(encoding="utf-8").replace("-ru", "-RU", 1)
    path.write_text(text, encoding="utf-8")
    ids.stats["hashed"] = 0
    out = _run(folder, capsys, "edit", "g", concepts[5].id, "--en", "five")
    assert out["was"] == concepts[5].id and ids.stats["hashed"] == 120  # worked out again
    # damaged: the right key, but the ids shuffled: every lookup checks the row it lands on
    target = ids.ids_file(path)
    version, key, ids_text, offsets = marshal.loads(target.read_bytes())
    shuffled = ids_text.split("\n")
    shuffled[7], shuffled[8] = shuffled[8], shuffled[7]
    target.write_bytes(marshal.dumps((version, key, "\n".join(shuffled), offsets)))
    wanted = read_tsv(path, "g").concepts[7]
    out = _run(folder, capsys, "remove", "g", wanted.id)
    assert out["removed"]["id"] == wanted.id  # type: ignore[index]
    assert wanted.id not in [c.id for c in read_tsv(path, "g").concepts]
    assert len(read_tsv(path, "g").concepts) == 119
    # ... and after that change they were worked out again: the next lookup finds them right
    ids.stats["hashed"] = 0
    again = read_tsv(path, "g").concepts[8]
    assert _run(folder, capsys, "remove", "g", again.id)["removed"]["id"] == again.id  # type: ignore[index]
    assert ids.stats["hashed"] == 0
