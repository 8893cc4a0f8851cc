"""`glossary add` splices one row into a sorted glossary file (core/glossary/adding.py) instead of rewriting it
from a full parse: the file must come out byte for byte as the full rewrite writes it, merges must still
merge, and the next load must read and seed only that row (counted, not timed)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tarjimon.cli.main import main
from tarjimon.core.formats.tsv import read_tsv, read_tsv_text, tsv_text
from tarjimon.core.glossary import adding, filediff
from tarjimon.core.glossary.merging import merge_into
from tarjimon.core.glossary.store import add_concept, import_file, load_glossary, make_concept
from tarjimon.core.models.glossary import Glossary, concept_key

WORDS = ["давлат", "Давлат", "давлат хизмати", "қонун", "банк", "банк тизими", "bank", "Bank", "президент",
         "ДАВЛАТ", "сўз", "мемлекет", "заң", "государство", "state", "law", "банк | молия", "a", "b c"]  # fmt: skip


def _slow(path: Path, concept) -> tuple[bytes, object, bool]:
    """What the full path writes: every row read, merged, sorted, written."""
    base = read_tsv(path, "g")
    added, _ = merge_into(base, Glossary("g", list(concept.terms), [], [concept]))
    key = concept_key(concept, base.langs)
    stored = next((c for c in base.concepts if concept_key(c, base.langs) == key), None)
    stored = stored or next(c for c in base.concepts if c.id == concept.id)
    return tsv_text(base).encode("utf-8"), stored, not added


def _random_concept(rnd: random.Random):
    terms = {}
    for lang in rnd.sample(["uz", "kk", "ru", "en"], rnd.randint(1, 3)):
        terms[lang] = [rnd.choice(WORDS).split(" | ")[0] + rnd.choice(["", "", " 1", "лар"])]
    extra = rnd.choice([{}, {"note": "a note"}, {"domain": "law"}, {"domain": "Law"}, {"status": "preferred"}])
    return make_concept(terms, **extra)


def test_a_spliced_row_gives_the_bytes_of_the_full_rewrite(tmp_path: Path) -> None:
    rnd = random.Random(5)
    rows = ["uz\tkk\tru\ten\tnote\tdomain\tstatus"]
    for i in range(300):
        rows.append(f"{rnd.choice(WORDS)}{rnd.choice(['', str(i)])}\t{rnd.choice(WORDS)}\t\t{rnd.choice(WORDS)}"
                    f"\t\t{rnd.choice(['', 'law', 'Law'])}\t")  # fmt: skip
    (tmp_path / "in.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = tmp_path / "gl"
    import_file(folder, "g", tmp_path / "in.tsv")
    path = folder / "g.tsv"
    fast = merged = 0
    for step in range(150):
        concept = _random_concept(rnd)
        copy = tmp_path / "copy.tsv"
        shutil.copy(path, copy)
        want, want_stored, want_merged = _slow(copy, concept)
        canonical = tsv_text(read_tsv(copy, "g")).encode("utf-8") == copy.read_bytes()
        if adding.insert_row(copy, "g", concept) is not None:
            fast += 1
            assert not want_merged, (step, concept)
            if canonical:  # the same bytes, the row in its sorted place
                assert copy.read_bytes() == want, (step, concept)
            else:  # rows with one concept key (merged by a coincidental id): merged when read, as before
                assert tsv_text(read_tsv(copy, "g")).encode("utf-8") == want, (step, concept)
        stored, was_merged = add_concept(path, "g", concept)  # the fast path where it applies, else the full
        assert was_merged == want_merged, step
        assert read_tsv(path, "g").concepts == read_tsv_text(want.decode(), path, "g").concepts, step
        if was_merged:
            assert stored == want_stored, step
        else:  # the concept as a reader of the file gives it (its id from the first term in the column order)
            assert stored in read_tsv(path, "g").concepts, step
            assert dict(stored.terms) == dict(want_stored.terms) and stored.note == want_stored.note, step
        path.write_bytes(want)  # go on from what the full path wrote (it also merges such rows)
        merged += was_merged
    assert fast >= 40 and merged >= 20  # both paths really taken


def test_files_the_splice_does_not_handle_take_the_full_path(tmp_path: Path) -> None:
    concept = make_concept({"uz": "янги", "kk": "жаңа"})
    cases = {
        "crlf": "uz\tkk\r\nдавлат\tмемлекет\r\n",
        "unsorted header": "kk\tuz\nмемлекет\tдавлат\n",
        "ids": "uz\tkk\tid\nдавлат\tмемлекет\tc1\n",
        "no column for the language": "uz\tru\nдавлат\tгосударство\n",
        "no final newline": "uz\tkk\nдавлат\tмемлекет",
    }
    cases["windows-1251"] = "uz\tkk\nдавлат\tмемлекет\nқонун\tзаң\nшаҳар\tқала\n"
    for label, text in cases.items():
        path = tmp_path / f"{label}.tsv"
        data = text.encode("cp1251", "replace") if label == "windows-1251" else text.encode("utf-8")
        path.write_bytes(data)
        assert adding.insert_row(path, "g", concept) is None, label
        assert path.read_bytes() == data, label
        if label == "windows-1251":
            continue  # (its Uzbek letters do not exist in Windows-1251: the full path refuses the file)
        stored, merged = add_concept(path, "g", concept)  # the full path still adds it
        assert not merged and "янги" in path.read_text(encoding="utf-8")
    path = tmp_path / "comment.tsv"  # a comment (OmegaT writes them) stays where it is
    path.write_text("uz\tkk\n# a comment\nдавлат\tмемлекет\n", encoding="utf-8")
    assert adding.insert_row(path, "g", concept) is not None
    assert path.read_text(encoding="utf-8") == "uz\tkk\n# a comment\nдавлат\tмемлекет\nянги\tжаңа\n"


def test_cli_add_then_the_next_load_reads_and_seeds_one_row(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "gl"
    rows = ["uz\tkk\tru\ten"] + [f"атама{i:04d}\tтермин{i}\tтермин{i}\tterm{i}" for i in range(3000)]
    (tmp_path / "in.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["--glossaries-dir", str(folder), "glossary", "import", "big", str(tmp_path / "in.tsv")]) == 0
    assert main(["--glossaries-dir", str(folder), "glossary", "find", "big", "--text", "атама0007ни",
                 "--lang", "uz"]) == 0  # fmt: skip
    assert "атама0007" in capsys.readouterr().out
    path = folder / "big.tsv"
    before = path.read_bytes()
    assert load_glossary(path).from_cache  # the find above built and saved the cache
    for k, term in enumerate(["атама1500 янги", "атама0001 бошқа", "яъни янги"]):
        assert main(["--glossaries-dir", str(folder), "glossary", "add", "big", "--uz", term, "--en", "x"]) == 0
        after = path.read_bytes()
        change = filediff.changed_lines(before, after)
        assert change.old_end == change.first and change.new.count(b"\n") == 1  # one line inserted
        before = after
        loaded = load_glossary(path)
        # The cache (from the find) is patched on load: only the rows added since are seeded, not the 3,000
        # others; the cache file is left as it was (patching again costs less than saving it).
        index = loaded.index("uz")
        assert loaded.seeded_rows == k + 1
        if k == 0:  # rows decoded and compared by the patch: the one inserted (the rest compared as bytes)
            assert loaded._rows is not None and loaded._rows.changed == 1
        assert index.indexed == 3000 + k + 1
        assert [h.term for h in loaded.find(term + "лари", "uz")] == [term]
    assert not load_glossary(path).from_cache


def test_an_add_killed_before_its_rename_leaves_the_old_file_and_a_cache_that_still_serves(tmp_path: Path) -> None:
    from test_kill_points import killed, tarjimon  # the real CLI in a subprocess, killed at a named point

    rows = ["uz\tkk"] + [f"сўз{i:03d}\tсөз{i}" for i in range(500)]
    (tmp_path / "in.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert tarjimon(tmp_path, "glossary", "import", "g", str(tmp_path / "in.tsv")).returncode == 0
    assert "сўз007" in tarjimon(tmp_path, "glossary", "find", "g", "--text", "сўз007", "--lang", "uz").stdout
    path = tmp_path / "glossaries" / "g.tsv"
    old = path.read_bytes()
    done = tarjimon(tmp_path, "glossary", "add", "g", "--uz", "сўз250 янги", "--kk", "x", kill_at="file.replace")
    assert killed(done), (done.returncode, done.stderr)
    assert path.read_bytes() == old  # the spliced file was written beside it, never over it
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".tsv") == ["g.tsv"]
    assert tarjimon(tmp_path, "glossary", "add", "g", "--uz", "сўз250 янги", "--kk", "x").returncode == 0
    change = filediff.changed_lines(old, path.read_bytes())  # old + one row, in its place
    assert (change.first, change.old_end, change.new.decode()) == (252, 252, "сўз250 янги\tx\n")
    found = tarjimon(tmp_path, "glossary", "find", "g", "--text", "сўз250 янгиси", "--lang", "uz").stdout
    assert "сўз250 янги" in found


def test_changed_lines_rebuild_the_new_version_from_the_old_one(monkeypatch) -> None:
    rnd = random.Random(3)
    for block in (1, 3, 7, 1 << 16):  # the block size of the byte comparisons, down to one byte
        monkeypatch.setattr(filediff, "_BLOCK", block)
        for _ in range(3000):
            old = [rnd.choice(["A", "B", "AB", "BA", "ж", "A B"]) for _ in range(rnd.randint(0, 8))]
            new = list(old)
            for _ in range(rnd.randint(0, 3)):
                op, at = rnd.randrange(3), rnd.randint(0, len(new))
                if op == 0:
                    new.insert(at, rnd.choice(["A", "B", "AB", "ж"]))
                elif new and at < len(new):
                    new[at : at + 1] = [] if op == 1 else [rnd.choice(["A", "BA", "жж"])]
            a, b = ("".join(x + "\n" for x in lines).encode() for lines in (old, new))
            change = filediff.changed_lines(a, b)
            assert old[: change.first] + change.new.decode().split("\n")[:-1] + old[change.old_end :] == new
            same = [x == y for x, y in zip(a, b, strict=False)] + [False]
            assert filediff.common_prefix(a, b) == same.index(False)
