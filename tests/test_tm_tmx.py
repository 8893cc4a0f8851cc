"""TMX import/export: files from other tools, inline tags, UTF-16, language tags, DTD validity, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from testkit import SHARED

from tarjimon.core.store import Store
from tarjimon.core.tm.sqlite.backend import SqliteMemory

DATA = Path(__file__).parent / "data" / "tm"
SHARED_TMX = SHARED / "data" / "interop" / "tmx"
DTD_PATH = SHARED / "data" / "tmx14.dtd"
NO_SHARED_TMX = "needs ../shared/data/interop/tmx (not here)"


def _tm(tmp_path: Path, source: str | None = None, targets: list[str] | None = None) -> SqliteMemory:
    return SqliteMemory(Store(tmp_path / "p.db"), source, targets)


def _validate(path: Path) -> None:
    """Check `path` against the TMX 1.4b DTD. Call it last: without ../shared only this part is skipped."""
    if not DTD_PATH.is_file():
        pytest.skip("everything else passed; the DTD check needs ../shared/data/tmx14.dtd (not here)")
    dtd = etree.DTD(str(DTD_PATH))
    doc = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


def _shared_files() -> list[object]:
    if SHARED_TMX.is_dir():
        return [pytest.param(p, id=p.name) for p in sorted(SHARED_TMX.glob("*.tmx"))]
    return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED_TMX))]


@pytest.mark.parametrize("path", _shared_files())
def test_every_shared_tmx_imports_and_round_trips(tmp_path: Path, path: Path) -> None:
    tm = _tm(tmp_path)
    result = tm.import_file(path)
    assert result.added >= 1
    out = tmp_path / "out.tmx"
    assert tm.export_tmx(out) == tm.count()
    (tmp_path / "again").mkdir()
    again = SqliteMemory(Store(tmp_path / "again" / "p.db"))
    assert again.import_file(out).added == tm.count()
    before = sorted((u.source, u.target, u.source_markup, u.target_markup) for u in tm.units())
    after = sorted((u.source, u.target, u.source_markup, u.target_markup) for u in again.units())
    assert before == after
    _validate(out)


def test_shared_files_cover_the_cases(tmp_path: Path) -> None:
    if not SHARED_TMX.is_dir():
        pytest.skip(NO_SHARED_TMX)
    tm = _tm(tmp_path, "en", ["fr", "es", "de", "ja"])
    # mixed-case tags eN-uS / fR-Ca count as en / fr
    assert tm.import_file(SHARED_TMX / "omegat_ImportTest1B.tmx").added == 1
    # UTF-16LE with BOM, inline codes, inverted tuv order
    r = tm.import_file(SHARED_TMX / "omegat_ImportTest2A_utf16le.tmx")
    assert r.added == 7
    m = tm.lookup("The big black cat sleeps.", "FR-ca")[0]
    assert m.score == 99 and m.penalties == ("tags",)
    assert m.source_display == "The big ⟨1⟩black⟨/1⟩ ⟨2⟩cat⟨/2⟩ sleeps."
    assert m.target_display == "Le gros ⟨2⟩chat⟨/2⟩ ⟨1⟩noir⟨/1⟩ dors."
    # hi text belongs to the sentence
    assert tm.lookup("Some text with a part highlighted.", "fr")[0].target.startswith("Du texte avec une portion")
    # whitespace as written (runs of spaces and U+3000)
    tm.import_file(SHARED_TMX / "omegat_ImportTest1I.tmx")
    ja = [u for u in tm.units("ja") if "segment with" in u.source]
    assert ja and "\u3000\u3000" in ja[0].target and "[    ]" in ja[0].source
    # region variants: ES, ES-AR, ES-BO all count as es; FR-CA twice gives two units
    tm.import_file(SHARED_TMX / "omegat_test-multiple-tuv14.tmx")
    es = [u.target for u in tm.units("es") if u.source == "Hello World!"]
    assert len(es) == 3
    fr = [u.target for u in tm.units("fr") if u.source == "Hello World!"]
    assert len(fr) == 3


def test_tu_level_srclang_is_honoured(tmp_path: Path) -> None:
    if not SHARED_TMX.is_dir():
        pytest.skip(NO_SHARED_TMX)
    tm = _tm(tmp_path)
    tm.import_file(SHARED_TMX / "omegat_ImportTest1K.tmx")
    pairs = sorted((u.source_lang, u.target_lang, u.source) for u in tm.units())
    assert pairs == [("de", "en", "First Entry - German"), ("fr", "en", "Second Entry - French Canadian")]


def test_tmx11_lang_attribute_and_supplementary_characters(tmp_path: Path) -> None:
    if not SHARED_TMX.is_dir():
        pytest.skip(NO_SHARED_TMX)
    tm = _tm(tmp_path)
    tm.import_file(SHARED_TMX / "omegat_test-SMP_tmx11.tmx")
    (u,) = list(tm.units())
    assert u.source == "𝐀𝐁𝐂" and u.target == "𝐃𝐄𝐅"


def test_own_utf16_fixture_with_tu_srclang_and_case_variants(tmp_path: Path) -> None:
    tm = _tm(tmp_path, "en", ["ru", "fr"])
    r = tm.import_file(DATA / "utf16-tu-srclang.tmx")
    assert (r.added, r.skipped) == (2, 1)  # the ru->en tu is not a pair this TM needs
    assert tm.lookup("The weather is nice today.", "RU-ru")[0].target == "Сегодня хорошая погода."
    assert tm.lookup("The weather is nice today.", "fr_CA")[0].target == "Il fait beau aujourd'hui."
    tags = {(u.source_tag, u.target_tag) for u in tm.units()}
    assert tags == {("EN-US", "ru-RU"), ("EN-US", "FR-CA")}


def test_inline_tags_survive_export_and_translate_toolkit_reads_it(tmp_path: Path) -> None:
    tm = _tm(tmp_path)
    assert tm.import_file(DATA / "inline-tags.tmx").added == 4
    out = tmp_path / "out.tmx"
    assert tm.export_tmx(out) == 4
    text = out.read_text("utf-8")
    assert '<bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>' in text
    assert '<ph x="1">&lt;img alt="<sub>A cat</sub>"/&gt;</ph>' in text
    assert "<seg>  Leading and trailing spaces kept  </seg>" in text
    assert '<prop type="x-domain">news</prop>' in text and "<note>bold and a link</note>" in text
    tmx_storage = pytest.importorskip("translate.storage.tmx")
    store = tmx_storage.tmxfile.parsefile(str(out))
    assert len([u for u in store.units if not u.isheader()]) == tm.count()
    plain = {u.source for u in tm.units()}
    assert "See  here." in plain  # sub text inside a code is not sentence text
    _validate(out)


def test_forbidden_characters_are_dropped_on_export(tmp_path: Path) -> None:
    tm = _tm(tmp_path)
    tm.add("Bell\x07 here", "Звонок\x0b", "en", "ru")
    out = tmp_path / "out.tmx"
    assert tm.export_tmx(out) == 1
    assert tm.last_export_dropped == 2
    assert "<seg>Bell here</seg>" in out.read_text("utf-8")
    _validate(out)


def _generated(path: Path, n: int, *, dup_every: int = 0, tail: str = "</body></tmx>\n") -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" '
                'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n')
        for i in range(n):
            j = i - 1 if dup_every and i % dup_every == 0 and i else i
            f.write(f'<tu><tuv xml:lang="en"><seg>Unit number {j} about &amp; things {j % 7}</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>Единица {j}</seg></tuv><tuv xml:lang="fr"><seg>Unité {j}</seg></tuv></tu>\n')
        f.write(tail)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_import_equals_sequential(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    from tarjimon.core.tm.sqlite import parallel

    monkeypatch.setattr(parallel, "START_METHOD", method)

    src = tmp_path / "gen.tmx"
    _generated(src, 3000, dup_every=10)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seq = SqliteMemory(Store(tmp_path / "a" / "p.db"), "en", ["ru"])
    seq.add("Unit number 5 about & things 5", "Единица 5", "en", "ru")
    r1 = seq.import_file(src)
    monkeypatch.setattr(parallel, "MIN_SIZE", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    par = SqliteMemory(Store(tmp_path / "b" / "p.db"), "en", ["ru"])
    par.add("Unit number 5 about & things 5", "Единица 5", "en", "ru")
    r2 = par.import_file(src)
    assert par.last_import_stats.get("workers") == 3
    assert (r1.added, r1.duplicates, r1.skipped) == (r2.added, r2.duplicates, r2.skipped) == (2700, 300, 3000)
    assert seq.count() == par.count() == 2701
    def fields(tm: SqliteMemory) -> list[tuple[object, ...]]:
        return sorted((u.source, u.target, u.source_lang, u.target_lang, u.source_tag, u.target_tag, u.origin,
                       u.context, u.notes, str(u.props), u.fuzzy) for u in tm.units())

    assert fields(seq) == fields(par)
    ids = [r[0] for r in par.store.conn.execute("SELECT id FROM tm_units ORDER BY id")]
    assert ids[-1] - ids[0] < 3010  # dense ids after the merge
    for q in ("Unit number 1234 about & things 2", "Unit number 2999 about & things 3"):
        assert par.lookup(q, "ru")[0].score == 100
    # an error in a part falls back to the sequential import and its exact message
    bad = tmp_path / "bad.tmx"
    _generated(bad, 3000, tail="<tu><tuv xml:lang='en'><seg>cut")
    from tarjimon.core.errors import BadInput

    with pytest.raises(BadInput) as exc:
        par.import_file(bad)
    assert exc.value.line == 3003
    assert par.count() == 2701
