"""Changes staged the workbench's way (GlossarySet.stage with the steps adding.py and editing.py made: where the
bytes changed is known, so nothing is compared, counted or scanned): after any sequence of adds, edits that
move a row, and removals, in a sorted file or in a plain file that is not sorted, the index finds what a cold
build of the written file finds, and the file holds what the ordinary path writes. Counted and compared, not
timed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tarjimon.core.glossary import adding, editing, filediff
from tarjimon.core.glossary.store import import_file, load_glossary, make_concept, open_set

WORDS = ["давлат", "қонун", "банк", "президент", "таълим", "дастур", "молия", "ҳукумат", "вазир", "шаҳар",
         "туман", "сўз"]  # fmt: skip


def _rows(rnd: random.Random, n: int) -> list[str]:
    rows, seen = [], set()
    while len(rows) < n:
        uz = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 2))) + rnd.choice(["", "лар", "чи"])
        if uz not in seen:
            seen.add(uz)
            rows.append(f"{uz}\t{uz}-kk\t{uz}-ru\t\t{rnd.choice(['', 'law'])}")
    return rows


def _key(h) -> tuple:  # type: ignore[no-untyped-def]
    return (h.start, h.end, h.term, h.score, h.kind, h.concept, tuple(sorted(h.targets.items())))


@pytest.mark.parametrize("sorted_file", [True, False], ids=["written-by-tarjimon", "plain-but-not-sorted"])
def test_staged_steps_patch_the_index_as_a_cold_build_finds(tmp_path: Path, sorted_file: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    rnd = random.Random(5)
    folder = tmp_path / "gl"
    folder.mkdir()
    rows = _rows(rnd, 150)
    header = "uz\tkk\tru\ten\tdomain"
    if sorted_file:
        (tmp_path / "in.tsv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        import_file(folder, "g", tmp_path / "in.tsv")
    else:  # the header tarjimon writes, the rows in another order: the binary searches must not be trusted
        rnd.shuffle(rows)
        (folder / "g.tsv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    path = folder / "g.tsv"
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    loaded.index("uz")
    loaded.index("kk")
    checked: list[int] = []
    monkeypatch.setattr(filediff, "spliced", _checked(filediff.spliced, checked))
    text = " ".join(WORDS) + " " + " ".join(w + "лари" for w in WORDS) + " янги атама Янги сўзлар"
    for step in range(30):
        live = loaded._rows.by_slot  # type: ignore[union-attr]
        concepts = [loaded.concepts[s] for s in range(len(live)) if live[s] is not None]
        kind = rnd.choice(["add", "edit", "first-term", "remove"])
        if kind == "add":
            concept = make_concept({"uz": f"янги атама {step}", "kk": f"жаңа {step}"})
            staged = gset.stage("g", lambda d, p, c=concept: [adding.spliced_at(d, p, "g", c)])  # type: ignore[misc]
        else:
            victim = rnd.choice(concepts)
            row = loaded.concept_row(victim.id, "uz", victim.terms["uz"][0])
            assert row is not None

            def update(c, kind=kind, step=step):  # type: ignore[no-untyped-def]
                if kind == "remove":
                    return None
                if kind == "edit":
                    return editing.edited(c, {"kk": [f"өзгерген {step}"]})
                return editing.edited(c, {"uz": [f"Янги сўз {step}"]})  # a new first term: the row moves

            def make(d: bytes, p: Path, cid: str = victim.id, line: str | None = row[1], up=update):  # type: ignore[no-untyped-def]
                change = editing.changed(d, p, "g", cid, up, row=line)
                return None if change is None or change.data is d else change.steps

            staged = gset.stage("g", make)
        if staged is None:  # (a change the full path must decide: none of these)
            pytest.fail(f"step {step} ({kind}) was not staged")
        assert gset.commit(staged)
        cold = load_glossary(path, cache_dir=tmp_path / f"cold{step}")
        for lang, probe in (("uz", text), ("kk", " ".join(f"{w}-kk" for w in WORDS) + " жаңа өзгерген")):
            assert [_key(h) for h in loaded.find(probe, lang)] == [_key(h) for h in cold.find(probe, lang)], (
                step, kind, lang)  # fmt: skip
    assert len(checked) >= 30  # every step patched from its known splice (checked against a count)
    rows_cache = loaded._rows
    assert rows_cache is not None
    if sorted_file:
        assert rows_cache.lines_counted == 0  # the rows found by binary search, no newline counted
    else:
        assert rows_cache.lines_counted > 0  # not where a sorted file has them: counted instead


def _checked(real, checked):  # type: ignore[no-untyped-def]
    """filediff.spliced, checking the line the row cache says a splice starts at against a count."""

    def spliced(old: bytes, new: bytes, splice: filediff.Splice, first: int) -> filediff.LineChange:
        assert first == old.count(b"\n", 0, splice[0]), (first, splice)
        checked.append(first)
        return real(old, new, splice, first)

    return spliced


def test_staging_leaves_big_objects_for_the_writer_to_free(tmp_path: Path) -> None:
    """The whole glossary parsed for the QA names table (100,000 concepts: ~60 ms to free) is not freed by the
    UI thread that stages a change, but by the commit in the writer's thread."""
    import weakref

    folder = tmp_path / "gl"
    folder.mkdir()
    rows = _rows(random.Random(2), 60)
    (tmp_path / "in.tsv").write_text("\n".join(["uz\tkk\tru\ten\tdomain", *rows]) + "\n", encoding="utf-8")
    import_file(folder, "g", tmp_path / "in.tsv")
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    loaded.index("uz")
    whole = weakref.ref(loaded.glossary)  # parsed whole, as the QA names table does
    concept = make_concept({"uz": "янги атама", "kk": "жаңа"})
    staged = gset.stage("g", lambda d, p: [adding.spliced_at(d, p, "g", concept)])
    assert staged is not None
    assert whole() is not None  # still alive after the stage: not freed on the staging thread ...
    assert gset.commit(staged)
    assert whole() is None  # ... but by the commit
    assert len(loaded.glossary.concepts) == 61  # parsed again, with the new concept, when asked
