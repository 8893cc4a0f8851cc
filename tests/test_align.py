"""`tarjimon align` (issue 17): published versions of a story aligned into TM units.

Real text: the seed article (../shared, skipped visibly when missing) with a Kazakh and a Russian version of
its first paragraphs written for these tests (tests/data/align: a "see also" line added, the page cut off,
956 мың for беш минг), and a Kazakh story about snow in Almaty as the "other story".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testkit import SEED, SHARED, bench_align, one_line_error

from tarjimon.cli.main import main
from tarjimon.core.align.passes import align
from tarjimon.core.align.review import ACCEPTED, REJECTED, ReviewRows
from tarjimon.core.align.scorer import Scorer
from tarjimon.core.align.signals import cognate_key, features, latin_skeleton_text, numbers
from tarjimon.core.align.versions import Version, align_versions
from tarjimon.core.errors import BadInput
from tarjimon.core.workbench import Workbench
from tarjimon.core.workbench.aligning import accept, align_story, match_folders, read_version

DATA = Path(__file__).parent / "data" / "align"
KK, RU, OTHER = DATA / "seed-kk.txt", DATA / "seed-ru.txt", DATA / "other-kk.txt"
PARALLEL = SHARED / "data" / "parallel" / "apertium-kaz-uzb"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is missing: {SEED}")


def test_numbers_meet_across_scales_and_separators() -> None:
    assert numbers("956,000 kishi") == numbers("956 минг киши") == numbers("956 тысяч") == {"956000"}
    assert numbers("956 thousand people") == numbers("956 000") == numbers("956 мың") == {"956000"}
    assert numbers("77,25 млрд") == {"77250000000"} and numbers("1 002 874") == {"1002874"}
    assert numbers("3.5 million") == {"3500000"} and numbers("2025 йилда") == {"2025"}


def test_cognates_fold_scripts_and_spellings() -> None:
    keys = {cognate_key(latin_skeleton_text(w, lang)) for w, lang in
            [("Тоқаев", "uz"), ("Тоқаев", "kk"), ("Токаев", "ru"), ("Tokayev", "en"), ("Tokaev", "en")]}
    assert keys == {"tkv"}
    assert cognate_key(latin_skeleton_text("Qozogʻiston", "uz")) == cognate_key(latin_skeleton_text("Қазақстан", "kk"))
    assert cognate_key("the") == ""  # too short to say anything
    f = features("Президент Қасим-Жомарт Тоқаев АҚШ ва Хитой ҳақида гапирди?", "uz")
    assert "tkv" in f.names and "?" in f.punct


def _story(uz: str, kk: str) -> tuple[Version, Version]:
    return Version.of_text(uz, "uz", "uz.txt"), Version.of_text(kk, "kk", "kk.txt")


def test_merges_splits_and_omissions_are_beads() -> None:
    uz = ("Nur-Sulton 1997 yil 10 dekabrdan Qozogʻiston poytaxti. Akmolinsk 1862 yil 26 sentyabrda shahar "
          "maqomini oldi.\nShahar aholisi 1136008 kishi. Bu Olmaotadan keyingi ikkinchi koʻrsatkich.\n"
          "Millioner shahar maqomiga 2017 yil iyun oyida erishilgan. Shahar 4 okrugga boʻlingan.")
    kk = ("Нұр-Сұлтан 1997 жылғы 10 желтоқсаннан бастап Қазақстан елордасы; Ақмолинск қала мәртебесін 1862 "
          "жылғы 26 қыркүйекте алды.\nСондай-ақ оқыңыз: Алматыда қар жауды\nҚала тұрғындары 1136008 адам. "
          "Бұл Алматыдан кейінгі екінші көрсеткіш.\nҚала 4 ауданға бөлінген.")
    src, tgt = _story(uz, kk)
    al = align_versions(src, {"kk": tgt})
    shapes = {(p.source, p.target): p.shape for p in al.pairs["kk"]}
    assert shapes[((0, 1), (0,))] == "2-1"  # a merge
    assert ((2,), (2,)) in shapes and ((3,), (3,)) in shapes and ((5,), (4,)) in shapes
    lone_s, lone_t = al.unaligned("kk")
    assert lone_s == [4] and lone_t == [1]  # a dropped sentence, the "see also" line


def test_a_merge_across_paragraphs_is_one_unit() -> None:
    src, tgt = _story("Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi.\n"
                      "1962 yilda shaharga Selinograd nomi berildi.\nShahar 4 okrugga boʻlingan.",
                      "Ақмолинск 1862 жылғы 26 қыркүйекте қала мәртебесін алды, ал 1962 жылы қалаға Целиноград "
                      "атауы берілді.\nҚала 4 ауданға бөлінген.")
    al = align_versions(src, {"kk": tgt})
    first = al.pairs["kk"][0]
    assert (first.source, first.target, first.shape) == ((0, 1), (0,), "2-1")
    # the two paragraphs' sentences joined with one space, each as written
    assert first.source_text == ("Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi. "
                                 "1962 yilda shaharga Selinograd nomi berildi.")


def test_a_sentence_dropped_between_two_the_desk_joined_is_a_gapped_merge() -> None:
    """The desk dropped the middle sentence and joined the two around it: the outer two are one unit with the
    joined sentence (their texts joined by one space), the middle one has no partner, and the version holds
    no wrong link (a 3-1 would give one, a 1-1 would lose the third sentence)."""
    src, tgt = _story("Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi. Bugun havo 14 daraja issiq "
                      "bo'ldi. 1962 yilda shaharga Selinograd nomi berildi.\nShahar 4 okrugga boʻlingan.",
                      "Ақмолинск 1862 жылғы 26 қыркүйекте қала мәртебесін алды, ал 1962 жылы қалаға Целиноград "
                      "атауы берілді.\nҚала 4 ауданға бөлінген.")
    al = align_versions(src, {"kk": tgt}, check=False)  # two sentences a side: too short a story to judge
    got = {(p.source, p.target): p for p in al.pairs["kk"]}
    assert set(got) == {((0, 2), (0,)), ((3,), (1,))}
    assert got[((0, 2), (0,))].source_text == ("Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi. "
                                               "1962 yilda shaharga Selinograd nomi berildi.")
    assert al.unaligned("kk") == ([1], [])


def test_a_gapped_merge_needs_an_anchor_in_each_of_its_two_sentences() -> None:
    """A short sentence sharing nothing with the other side ("U mulla edi.": no number, name, term) is not taken
    across its lonely neighbour into the pair after it, though the target's extra words make the lengths fit:
    the first sentence pairs alone and both others have no partner."""
    src, tgt = _story("Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi. Bugun havo 14 daraja issiq "
                      "bo'ldi. U mulla edi.\nShahar 4 okrugga boʻlingan.",
                      "Ақмолинск 1862 жылғы 26 қыркүйекте қала мәртебесін алды, бұл туралы мұрағат жазады.\n"
                      "Қала 4 ауданға бөлінген.")
    al = align_versions(src, {"kk": tgt}, check=False)
    assert {(p.source, p.target) for p in al.pairs["kk"]} == {((0,), (0,)), ((3,), (1,))}
    assert al.unaligned("kk") == ([1, 2], [])


def test_a_lead_without_partner_costs_less_than_another_sentence() -> None:
    """Desks drop or rewrite a story's lead more often than other sentences: its 1-0 / 0-1 is cheaper. The lead
    is the first sentence after the title; the Gale-Church baseline keeps its own priors."""
    from tarjimon.core.models.article import Article, Paragraph

    article = Article(paragraphs=[Paragraph("Poytaxtda yangi bog' ochildi", kind="title"),
                                  Paragraph("Bog' 12 gektar. Unda 3000 daraxt bor."), Paragraph("Kirish bepul.")])
    src = Version.of_article(article, "uz")
    tgt = Version.of_text("Саябақ 12 гектар. Онда 3000 ағаш бар. Кіру тегін.", "kk")
    assert src.lead == 1 and tgt.lead == 0
    src.prepare()
    tgt.prepare()
    scorer = Scorer(src.features, tgt.features, leads=(src.lead, tgt.lead))
    assert scorer.cost(1, 1, 0, 0)[0] < scorer.cost(2, 1, 0, 0)[0] == scorer.cost(0, 1, 0, 0)[0]
    assert scorer.cost(0, 0, 0, 1)[0] < scorer.cost(0, 0, 1, 1)[0]
    baseline = Scorer(src.features, tgt.features, length_only=True, leads=(src.lead, tgt.lead))
    assert baseline.cost(1, 1, 0, 0)[0] == baseline.cost(2, 1, 0, 0)[0]


def test_a_moved_paragraph_is_found_again() -> None:
    paras_uz = ["Akmolinsk 1862 yil 26 sentyabrda shahar maqomini oldi.",
                "2019 yil 20 martda Qozogʻistonning yangi prezidenti Qasim-Jomart Toqayev poytaxt nomini "
                "Nur-Sulton deb oʻzgartirdi.",
                "Shahar 4 okrugga boʻlingan. Ishil daryosining uzunligi 2450 km."]
    paras_kk = ["Ақмолинск қала мәртебесін 1862 жылғы 26 қыркүйекте алды.",
                "Қала 4 ауданға бөлінген. Есіл өзенінің ұзындығы 2450 км.",
                "2019 жылы 20 наурызда Қазақстанның жаңа президенті Қасым-Жомарт Тоқаев елорда атауын "
                "Нұр-Сұлтан деп өзгертті."]
    src, tgt = _story("\n".join(paras_uz), "\n".join(paras_kk))
    al = align_versions(src, {"kk": tgt})
    got = {(p.source, p.target) for p in al.pairs["kk"]}
    assert got == {((0,), (0,)), ((1,), (3,)), ((2,), (1,)), ((3,), (2,))}


def test_the_gale_church_baseline_is_the_same_dp_on_lengths_only() -> None:
    src, tgt = _story("Bir. Ikki uch.", "Бір. Екі үш.")
    src.prepare()
    tgt.prepare()
    beads = align(Scorer(src.features, tgt.features, length_only=True))
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,))]


@needs_seed
def test_seed_with_kk_and_ru_jointly() -> None:
    alignment, report = align_story(SEED, "uz", {"kk": KK, "ru": RU})
    kk = {p.source_text: p for p in report.added["kk"]}
    seed_text = SEED.read_text(encoding="utf-8")
    kk_text = KK.read_text(encoding="utf-8")
    for pair in report.added["kk"]:  # text exactly as in the articles
        assert pair.source_text in seed_text and pair.target_text in kk_text
    assert kk["Президент: Қозоғистон рақамли давлатга айланиши керак"].target_text.startswith("Президент: Қазақстан")
    assert "Сондай-ақ оқыңыз: Алматыда қар жауды" in report.unaligned["kk"][1]
    assert len(report.unaligned["kk"][0]) > 20  # the kk page is cut off after five paragraphs
    # the kk and ru partners of a sentence that share Тоқаев/Токаев, Turkistan, Kazinform vouch for each other
    vouched = [p for p in alignment.pairs["kk"] if p.agreement == "ru"]
    assert len(vouched) >= 3
    beads = {b.source: b.confidence for b in alignment.beads["kk"]}
    assert all(p.confidence >= beads[p.source] for p in vouched)
    assert any(p.confidence > beads[p.source] for p in vouched)


@needs_seed
def test_another_story_is_refused() -> None:
    with pytest.raises(BadInput, match="do not look like versions of one story"):
        align_story(SEED, "uz", {"kk": OTHER})


def _project(tmp_path: Path) -> Workbench:
    return Workbench.create(tmp_path / "projects", "news", "uz", ["kk", "ru", "en"],
                            glossaries_dir=tmp_path / "glossaries")


def _cli(tmp_path: Path, *args: str) -> int:
    return main(["align", "news", *args, "--projects-dir", str(tmp_path / "projects"),
                 "--glossaries-dir", str(tmp_path / "glossaries")])


@needs_seed
def test_cli_adds_units_with_confidence_and_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path).close()
    assert _cli(tmp_path, str(SEED), "--kk", str(KK), "--ru", str(RU), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    story = out["stories"][0]
    added = len(story["added"]["kk"]) + len(story["added"]["ru"])
    assert story["stored"] == added > 10
    with Workbench.open(tmp_path / "projects", "news") as wb:
        units = list(wb.tm.units())
        assert len(units) == added
        assert {u.origin for u in units} == {f"align:{SEED.name}"}
        conf = [float(dict(map(tuple, u.props))["x-align-confidence"]) for u in units]  # TMX props
        assert min(conf) >= 0.5
        assert {u.target_lang for u in units} == {"kk", "ru"}
    # again: nothing new, the units are found as duplicates
    assert _cli(tmp_path, str(SEED), "--kk", str(KK), "--json") == 0
    again = json.loads(capsys.readouterr().out)["stories"][0]
    assert again["stored"] == 0 and again["duplicates"] == len(again["added"]["kk"])


@needs_seed
def test_cli_min_lists_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path).close()
    assert _cli(tmp_path, str(SEED), "--kk", str(KK), "--min", "0.99", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would be added" in out and "below 0." in out and "kk only: 'Сондай-ақ оқыңыз" in out
    with Workbench.open(tmp_path / "projects", "news") as wb:
        assert wb.tm.count() == 0  # a dry run adds nothing


@needs_seed
def test_cli_refuses_another_story_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path).close()
    assert _cli(tmp_path, str(SEED), "--kk", str(OTHER)) == 2
    one_line_error(capsys.readouterr().err, "other-kk.txt", "do not look like versions of one story")
    with Workbench.open(tmp_path / "projects", "news") as wb:
        assert wb.tm.count() == 0


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path).close()
    assert _cli(tmp_path, str(tmp_path / "missing.txt"), "--kk", str(KK)) == 2
    one_line_error(capsys.readouterr().err, "missing.txt")
    assert _cli(tmp_path, str(KK)) == 2
    one_line_error(capsys.readouterr().err, "--kk")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert _cli(tmp_path, str(binary), "--kk", str(KK)) == 2
    one_line_error(capsys.readouterr().err, "junk.txt")


@needs_seed
def test_batch_pairs_folders_by_date_and_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uz, kk = tmp_path / "uz", tmp_path / "kk"
    uz.mkdir()
    kk.mkdir()
    shutil.copy(SEED, uz / SEED.name)
    shutil.copy(KK, kk / "kazinform-2026-01-05-kk.txt")
    shutil.copy(OTHER, kk / "snow-2026-01-05-kk.txt")  # the same day, another story
    (kk / "late-2026-02-01-kk.txt").write_text(" date 2026-02-01 Басқа күн\nМәтін.\n", encoding="utf-8")
    stories, left = match_folders(uz, "uz", {"kk": kk})
    assert stories == [(uz / SEED.name, {"kk": kk / "kazinform-2026-01-05-kk.txt"})]
    assert any("late-2026-02-01-kk.txt" in line for line in left)
    _project(tmp_path).close()
    assert _cli(tmp_path, str(uz), "--kk", str(kk), "--batch", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["stories"]) == 1 and out["stories"][0]["stored"] > 5


def _sqlite_tm(tmp_path: Path):  # type: ignore[no-untyped-def]
    from tarjimon.core.store import Store
    from tarjimon.core.tm.sqlite.backend import SqliteMemory

    return SqliteMemory(Store(tmp_path / "tm.db"), "uz", ["kk", "ru"])


def _pg_tm(tmp_path: Path):  # type: ignore[no-untyped-def]
    import pg  # tests/pg.py: a fresh schema on the session's server, or a visible skip

    from tarjimon.core.tm.postgres.backend import PgMemory

    return PgMemory(pg.schema_url(), "uz", ["kk", "ru"], project="align")


@needs_seed
@pytest.mark.parametrize("backend", [_sqlite_tm, _pg_tm], ids=["sqlite", "postgresql"])
def test_accept_through_the_tm_api(tmp_path: Path, backend) -> None:  # type: ignore[no-untyped-def]
    tm = backend(tmp_path)
    try:
        alignment, report = align_story(SEED, "uz", {"kk": KK})
        added, dups = accept(tm, alignment, report.added)
        assert (added, dups) == (len(report.added["kk"]), 0)
        first = report.added["kk"][0]
        match = tm.lookup(first.source_text, "kk", limit=1)[0]
        assert match.target == first.target_text and match.score >= 100
    finally:
        tm.close()


@needs_seed
def test_review_rows_join_split_shift() -> None:
    alignment, _ = align_story(SEED, "uz", {"kk": KK})
    rows = ReviewRows(alignment, "kk", 0.5)
    n_src = len(alignment.source.sentences)
    n_tgt = len(alignment.targets["kk"].sentences)

    def invariant() -> None:  # every sentence in exactly one row
        assert sorted(i for r in rows.rows for i in r.source) == list(range(n_src))
        assert sorted(j for r in rows.rows for j in r.target) == list(range(n_tgt))

    assert rows.rows[0].status == ACCEPTED and rows.rows[0].shape == "1-1"
    assert rows.join(0)
    assert rows.rows[0].shape == "2-2" and rows.texts(0)[0].startswith("Президент: Қозоғистон")
    invariant()
    assert rows.split(0)
    assert rows.rows[0].shape == "1-2" and rows.rows[1].shape == "1-0"
    invariant()
    assert rows.shift_down(0)
    assert rows.rows[0].shape == "1-1" and rows.rows[1].shape == "1-1"
    invariant()
    assert rows.shift_up(0) and rows.rows[0].shape == "1-2"
    invariant()
    rows.reject(0)
    assert rows.rows[0].status == REJECTED
    assert all(p.source != rows.rows[0].source for p in rows.accepted())


@pytest.mark.skipif(not PARALLEL.is_dir(), reason=f"the parallel corpus is missing: {PARALLEL}")
def test_bench_articles_beat_gale_church() -> None:
    """A short run of bench/align.py: precision and recall above the length-only baseline and the floor the
    full run records in docs/benchmarks.md."""
    import random

    bench = bench_align()

    rng = random.Random(5)
    rows = bench.read_pairs("kaz-uzb")[:120]
    totals = {False: [0, 0, 0, 0], True: [0, 0, 0, 0]}
    for at in range(0, 120, 24):
        s, t, sl, tl = bench.build_article(rows[at:at + 24], rng, at)
        for length_only in (False, True):
            sv, s_own = bench.to_version(s, sl, "s")
            tv, t_own = bench.to_version(t, tl, "t")
            al = align_versions(sv, {tl: tv}, check=False, length_only=length_only)
            pairs = [(b.source, b.target) for b in al.beads[tl] if b.source and b.target]
            for k, v in enumerate(bench.score(pairs, s_own, t_own)[:4]):
                totals[length_only][k] += v
    ours, baseline = totals[False], totals[True]
    p, r = ours[0] / ours[1], ours[2] / ours[3]
    assert p >= 0.9 and r >= 0.9, (p, r)
    assert p > baseline[0] / baseline[1] + 0.1


def test_bench_segments_measure_at_crossing_cuts() -> None:
    """Source segments [L1+L2] [L3] against target segments [L1] [L2;L3] (a line without its full stop joined
    to the next, a desk's merge the other way): the lines measure cannot be met without a wrong link, the
    segments measure gives a whole-unit pairing full marks, and one 1-1 pair per segment its partial due."""
    bench = bench_align()
    s_own = [[(0, frozenset([1])), (1, frozenset([2]))], [(2, frozenset([3]))]]
    t_own = [[(0, frozenset([1]))], [(1, frozenset([2, 3]))]]
    # at precision 1, two of the three line links at most; all four segments
    assert bench.ceiling(s_own, t_own) == (2, 3, 4, 4)
    whole = [((0, 1), (0, 1))]
    assert bench.score(whole, s_own, t_own)[:4] == (3, 4, 3, 3)  # lines: (L3, T1) counted wrong
    assert bench.score_segments(whole, s_own, t_own) == (4, 4, 4, 4)
    ones = [((0,), (0,)), ((1,), (1,))]
    assert bench.score(ones, s_own, t_own)[:4] == (2, 2, 2, 3)
    assert bench.score_segments(ones, s_own, t_own) == (2, 2, 4, 4)
    # a lone pair inside the unit whose two segments share no line is wrong; segments left alone cost recall
    assert bench.score_segments([((1,), (0,))], s_own, t_own) == (0, 1, 0, 4)
    assert bench.score_segments([((0,), (1,))], s_own, t_own) == (1, 1, 2, 4)
    other = [[(0, frozenset([1]))], [(1, frozenset([9]))]]
    assert bench.score_segments([((0,), (0,)), ((1,), (1,))], [[(0, frozenset([1]))], [(1, frozenset([2]))]],
                                other)[:2] == (1, 2)


def test_orphan_words_count_only_where_the_glossary_joins_the_languages() -> None:
    """A glossary word whose concept the other version never holds is an orphan (held, never matched, in a
    merge's part evidence); with no concept shared at all, words say nothing and no orphan is counted."""
    from tarjimon.core.align.evidence import _shared_terms

    src = [features("a", "en", [frozenset({"bird"}), frozenset({"sound"})]), features("b", "en", [frozenset({"x"})])]
    tgt = [features("c", "kk", [frozenset({"sound"})])]
    s2, t2 = _shared_terms(src, tgt)
    assert [f.orphans for f in s2] == [1, 1] and [f.orphans for f in t2] == [0]
    assert s2[0].terms == frozenset({"sound"})
    s3, _ = _shared_terms(src, [features("d", "kk", [frozenset({"y"})])])
    assert [f.orphans for f in s3] == [0, 0]


def test_read_version_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Birinchi gap. Ikkinchi «gap»!\nUchinchi.\n", encoding="utf-8")
    version, _ = read_version(path, "uz")
    assert [s.text for s in version.sentences] == ["Birinchi gap.", "Ikkinchi «gap»!", "Uchinchi."]
    assert version.text_of((0, 1)) == "Birinchi gap. Ikkinchi «gap»!"
    assert version.text_of((1, 2)) == "Ikkinchi «gap»! Uchinchi."  # across paragraphs: one space


ENG_KAZ = SHARED / "data" / "parallel" / "apertium-eng-kaz"
needs_eng_kaz = pytest.mark.skipif(not (ENG_KAZ / "eng.txt").exists(),
                                   reason=f"the English-Kazakh corpus is missing: {ENG_KAZ}")


def _eng_kaz(tmp_path: Path, start: int, name: str) -> tuple[Path, Path]:
    """Lines `start`..+20 of the TED English-Kazakh corpus as a story's two versions (three paragraphs)."""
    en = (ENG_KAZ / "eng.txt").read_text(encoding="utf-8").splitlines()[start:start + 20]
    kk = (ENG_KAZ / "kaz.txt").read_text(encoding="utf-8").splitlines()[start:start + 20]
    paths = []
    for lang, lines in (("en", en), ("kk", kk)):
        p = tmp_path / f"{name}.{lang}.txt"
        p.write_text("\n".join(" ".join(lines[k:k + 7]) for k in range(0, 20, 7)) + "\n", encoding="utf-8")
        paths.append(p)
    return paths[0], paths[1]


@needs_eng_kaz
def test_english_kazakh_without_a_glossary_is_not_called_another_story(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With no glossary terms English and Kazakh share only a few names: the check cannot tell, and says so
    (not "another story"); --force aligns the real pair into the TM."""
    en, kk = _eng_kaz(tmp_path, 20, "talk")
    with pytest.raises(BadInput, match="cannot verify") as exc:
        align_story(en, "en", {"kk": kk})
    assert "do not look like" not in str(exc.value)
    Workbench.create(tmp_path / "projects", "ted", "en", ["kk"], glossaries_dir=tmp_path / "glossaries").close()
    args = ["align", "ted", str(en), "--kk", str(kk), "--projects-dir", str(tmp_path / "projects"),
            "--glossaries-dir", str(tmp_path / "glossaries")]
    assert main(args) == 2
    one_line_error(capsys.readouterr().err, kk.name, "cannot verify")
    with Workbench.open(tmp_path / "projects", "ted") as wb:
        assert wb.tm.count() == 0
    assert main([*args, "--force", "--json"]) == 0
    story = json.loads(capsys.readouterr().out)["stories"][0]
    assert story["stored"] == len(story["added"]["kk"]) >= 10
    # the pair is real and aligned: most pairs added hold a line and its own translation
    lines = list(zip((ENG_KAZ / "eng.txt").read_text(encoding="utf-8").splitlines()[20:40],
                     (ENG_KAZ / "kaz.txt").read_text(encoding="utf-8").splitlines()[20:40], strict=True))
    def inside(a: str, b: str) -> bool:  # the article reader collapses the corpus's double spaces
        a, b = " ".join(a.split()), " ".join(b.split())
        return bool(a) and (a in b or b in a)

    right = [p for p in story["added"]["kk"]
             if any(inside(e, p["source"]) and inside(k, p["target"]) for e, k in lines)]
    assert len(right) >= 0.8 * len(story["added"]["kk"]), (right, story["added"]["kk"])


@needs_eng_kaz
def test_english_kazakh_another_story_is_still_refused(tmp_path: Path) -> None:
    """Another story is refused with or without the glossary evidence; with a story's numbers and names
    shared, a real pair passes the check itself."""
    en, kk = _eng_kaz(tmp_path, 0, "talk")
    _, other_kk = _eng_kaz(tmp_path, 40, "other")
    align_story(en, "en", {"kk": kk})  # these lines share enough names and numbers: checked and accepted
    with pytest.raises(BadInput):
        align_story(en, "en", {"kk": other_kk})
    source = Version.of_text("Almaty got 40 cm of snow on 12 January.\nAstana: minus 35 at 06:00 on Monday.\n"
                             "KazGidroMet warned of ice until 15 January.", "en")
    target = Version.of_text("12 қаңтарда Алматыға 40 см қар түсті.\nАстана: дүйсенбі сағат 06:00-де минус 35.\n"
                             "ҚазГидроМет 15 қаңтарға дейін көктайғақ болатынын ескертті.", "kk")
    assert align_versions(source, {"kk": target}).pairs["kk"]  # numbers and names: checked and accepted
