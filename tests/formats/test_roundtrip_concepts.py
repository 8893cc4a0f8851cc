"""Glossary formats (TSV, CSV, TBX) on the shared round-trip contract, plus what each keeps beyond it."""

from __future__ import annotations

from pathlib import Path

from roundtrip import KK, RU, UZ_CYRL, RoundTrip, Sample

from tarjimon.core.formats import registry
from tarjimon.core.models.glossary import Concept, Glossary


def write(glossary: Glossary, path: Path, name: str | None = None) -> None:
    found = registry.by_name(name, kind="concepts", purpose="write") if name else registry.for_path(
        path, kind="concepts", purpose="write")  # fmt: skip
    found.writer("concepts")(glossary, path)


def read(path: Path) -> Glossary:
    return registry.for_path(path, kind="concepts", purpose="read").reader("concepts")(path, "rt")


class ConceptsRoundTrip(RoundTrip):
    """A sample is a concept: source = the Uzbek term, target = the Kazakh term (absent when empty)."""

    kind = "concepts"

    def dump(self, samples: list[Sample], path: Path) -> None:
        concepts = [Concept({"uz": (s.source,), **({"kk": (s.target,)} if s.target else {})}, s.note).with_id()
                    for s in samples]  # fmt: skip
        write(Glossary("rt", ["uz", "kk"], [], concepts), path, self.name)

    def load(self, path: Path) -> list[Sample]:
        return [Sample(c.term("uz"), c.term("kk"), c.note) for c in read(path).concepts]

    def test_synonyms_domain_status_pos(self, tmp_path: Path) -> None:
        concept = Concept({"uz": (UZ_CYRL, "ғалла"), "kk": (KK,), "ru": (RU, "зерно")}, "n", "agriculture",
                          "preferred", "noun").with_id()  # fmt: skip
        path = tmp_path / ("c" + self.suffix)
        write(Glossary("rt", ["uz", "kk", "ru"], [], [concept]), path, self.name)
        (got,) = read(path).concepts
        assert (got.terms, got.note, got.domain, got.status, got.pos) == (
            concept.terms, concept.note, concept.domain, concept.status, concept.pos
        )


class TestTsv(ConceptsRoundTrip):
    name = "tsv"
    suffix = ".tsv"
    order = False  # rows are written sorted by the first language's term (stable diffs)


class TestCsv(ConceptsRoundTrip):
    name = "csv"
    suffix = ".csv"
    order = False


class TestTbx(ConceptsRoundTrip):
    name = "tbx"
    suffix = ".tbx"

    def test_named_xml_found_by_content(self, tmp_path: Path) -> None:
        write(Glossary("rt", ["uz", "kk"], [], [Concept({"uz": ("soliq",), "kk": ("салық",)}).with_id()]),
              tmp_path / "g.tbx")  # fmt: skip
        (tmp_path / "g.tbx").rename(tmp_path / "terms.xml")
        assert registry.for_path(tmp_path / "terms.xml", kind="concepts", purpose="read").name == "tbx"
        assert [c.term("kk") for c in read(tmp_path / "terms.xml").concepts] == ["салық"]


class TestTbxV2(ConceptsRoundTrip):
    name = "tbx2"
    read_name = "tbx"  # a martif file is read by the TBX reader
    suffix = ".tbx"

    def other_tool(self, path: Path) -> list[tuple[str, str]] | None:
        """translate-toolkit reads TBX v2 (its source: the first language's term, target: the second's)."""
        try:
            from translate.storage import factory
        except ImportError:
            return None
        return [(str(u.source), str(u.target or "")) for u in factory.getobject(str(path)).units]


def test_tbx_min_1_with_a_TBX_root(tmp_path: Path) -> None:
    path = tmp_path / "min.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TBX dialect="TBX-Min"><header><id>news</id>'
        '<languages source="uz" target="kk"/></header><body>'
        '<entry id="C1"><subjectField>economy</subjectField>'
        '<langGroup xml:lang="uz"><termGroup><term>soliq</term><termStatus>preferred</termStatus>'
        '<partOfSpeech>noun</partOfSpeech></termGroup></langGroup>'
        '<langGroup xml:lang="kk"><termGroup><term>салық</term><termStatus>preferred</termStatus></termGroup>'
        '</langGroup></entry>'
        '<entry id="C2"><langGroup xml:lang="uz"><termGroup><term>bojxona</term></termGroup></langGroup>'
        '<langGroup xml:lang="kk"><termGroup><term>кеден</term><termStatus>notRecommended</termStatus></termGroup>'
        '<termGroup><term>кедендік</term></termGroup></langGroup></entry>'
        "</body></TBX>\n", encoding="utf-8")  # fmt: skip
    concepts = read(path).concepts
    assert [(c.terms, c.domain, c.status, c.pos) for c in concepts] == [
        ({"uz": ("soliq",), "kk": ("салық",)}, "economy", "preferred", "noun"),
        ({"uz": ("bojxona",), "kk": ("кеден", "кедендік")}, "", "", ""),
    ]


def test_cli_glossary_export_as_tbx_v2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("glossary", "add", "news", "--uz", "soliq", "--kk", "салық", "--ru", "налог").code == 0
    r = cli("glossary", "export", "news", "-o", tmp_path / "news.tbx", "--format", "tbx2")
    assert r.code == 0, r.err
    assert b"<martif" in (tmp_path / "news.tbx").read_bytes()[:200]
    assert [c.terms for c in read(tmp_path / "news.tbx").concepts] == [
        {"uz": ("soliq",), "kk": ("салық",), "ru": ("налог",)}
    ]
    r = cli("glossary", "export", "news", "-o", tmp_path / "news.tbx", "--format", "docx")
    assert r.code == 2 and "DOCX is not a glossary format Tarjimon writes (tsv, csv, tbx, tbx2)" in r.err
