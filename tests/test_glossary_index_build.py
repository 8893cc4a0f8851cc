"""An index built while the glossary changes (issue 11 goal 1, "no wait after opening"): the build runs on a
snapshot of the rows without the glossary's lock, so a change staged by the workbench meanwhile does not wait
for it; the changes made during the build are replayed into the new index, which then finds what a cold build
of the changed file finds. Counted and compared, not timed."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from tarjimon.core.glossary import adding, editing, recognize
from tarjimon.core.glossary.store import GlossarySet, import_file, load_glossary, make_concept, open_set

WORDS = ["давлат", "қонун", "банк", "президент", "таълим", "дастур", "молия", "ҳукумат", "вазир", "шаҳар"]
KK = ["мемлекет", "заң", "банк", "президент", "білім", "бағдарлама", "қаржы", "үкімет", "министр", "қала"]


def _glossary(folder: Path, n: int) -> Path:
    rnd = random.Random(3)
    rows, seen = ["uz\tkk\tru\ten"], set()
    while len(rows) <= n:
        k = rnd.randrange(len(WORDS))
        suffix = rnd.choice(["", "лар", "чи", str(len(rows))])
        uz = WORDS[k] + suffix
        if uz in seen:
            continue
        seen.add(uz)
        rows.append(f"{uz}\t{KK[k]}{suffix}\t{uz}-ru\t{uz}-en")
    src = folder.parent / "in.tsv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    import_file(folder, "g", src)
    return folder / "g.tsv"


def _key(h) -> tuple:  # type: ignore[no-untyped-def]
    return (h.start, h.end, h.term, h.score, h.kind, h.concept, tuple(sorted(h.targets.items())))


def _stage_and_commit(gset: GlossarySet, make) -> None:  # type: ignore[no-untyped-def]
    staged = gset.stage("g", make)
    assert staged is not None  # staged at once: the build running in the other thread holds no lock
    assert gset.commit(staged)


@pytest.mark.parametrize("cached", [False, True], ids=["seeded-by-the-build", "seeds-from-the-cache"])
def test_changes_made_while_an_index_is_built_are_in_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        cached: bool) -> None:  # fmt: skip
    folder = tmp_path / "gl"
    path = _glossary(folder, 300)
    if cached:  # the Kazakh seeds come from the cache: the build only makes the index of them
        load_glossary(path, index_langs=("uz", "kk"))
    gset = open_set(folder, ["g"])
    (loaded,) = gset.glossaries
    assert loaded.from_cache == cached
    loaded.index("uz")
    started, go = threading.Event(), threading.Event()
    real = recognize.TermIndex.from_seeds.__func__  # type: ignore[attr-defined]

    def paused(cls, lang, *args, **kwargs):  # type: ignore[no-untyped-def]
        if lang == "kk":  # the build stops here (outside the lock) until the changes below are made
            started.set()
            assert go.wait(20)
        return real(cls, lang, *args, **kwargs)

    monkeypatch.setattr(recognize.TermIndex, "from_seeds", classmethod(paused))
    builder = threading.Thread(target=loaded.index, args=("kk",))
    builder.start()
    try:
        assert started.wait(20)
        seeded = loaded.seeded_rows
        # an add, an edit and a removal, each shown at once and written, while the Kazakh index is built
        added = make_concept({"uz": "сунъий интеллект", "kk": "жасанды интеллект"})
        _stage_and_commit(gset, lambda data, p: adding.spliced(data, p, "g", added))
        victims = [c for c in loaded.concepts if c is not None][:40:20]
        edit_id, remove_id = victims[0].id, victims[1].id

        def change(concept_id, update):  # type: ignore[no-untyped-def]
            def make(data: bytes, p: Path) -> bytes | None:
                found = editing.changed(data, p, "g", concept_id, update)
                return None if found is None else found.data

            return make

        _stage_and_commit(gset, change(edit_id, lambda c: editing.edited(c, {"kk": ["өзгерген термин"]})))
        _stage_and_commit(gset, change(remove_id, lambda c: None))
        # the Uzbek index had them at once; the Kazakh one is not there yet
        assert [h.term for h in loaded.find("сунъий интеллектни", "uz")] == ["сунъий интеллект"]
        assert "kk" not in loaded._indexes
    finally:
        go.set()
        builder.join(30)
    index = loaded.index("kk")
    assert loaded.seeded_rows - seeded <= 6  # the changed rows seeded again, not the glossary
    # the new Kazakh index holds the changes made while it was built, as a cold build of the file does
    cold = load_glossary(path, cache_dir=tmp_path / "cold-cache")
    text = " ".join(KK) + " жасанды интеллектті өзгерген терминдер " + " ".join(w + "лар" for w in KK)
    ours = [_key(h) for h in loaded.find(text, "kk")]
    assert ours == [_key(h) for h in cold.find(text, "kk")]
    assert "жасанды интеллект" in {h[2] for h in ours} and "өзгерген термин" in {h[2] for h in ours}
    uz_text = " ".join(WORDS) + " сунъий интеллект"
    assert [_key(h) for h in loaded.find(uz_text, "uz")] == [_key(h) for h in cold.find(uz_text, "uz")]
    assert len(index) == len(cold.index("kk"))
    # the patch log is emptied once no build runs
    assert loaded._rows is not None and loaded._rows._log == [] and loaded._rows._builds == 0


def test_a_second_caller_waits_for_the_build_and_gets_the_same_index(tmp_path: Path) -> None:
    path = _glossary(tmp_path / "gl", 100)
    loaded = load_glossary(path)
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(loaded.index("kk"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(found) == 4 and all(f is found[0] for f in found)  # built once
