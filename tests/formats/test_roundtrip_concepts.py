"""Glossary formats (TSV, CSV, TBX) on the shared round-trip contract, plus what each keeps beyond it."""

from __future__ import annotations

from pathlib import Path

from roundtrip import KK, RU, UZ_CYRL, RoundTrip, Sample

from tarjimon.core.formats import registry
from tarjimon.core.models.glossary import Concept, Glossary


def write(glossary: Glossary, path: Path) -> None:
    registry.for_path(path, kind="concepts", purpose="write").writer("concepts")(glossary, path)


def read(path: Path) -> Glossary:
    return registry.for_path(path, kind="concepts", purpose="read").reader("concepts")(path, "rt")


class ConceptsRoundTrip(RoundTrip):
    """A sample is a concept: source = the Uzbek term, target = the Kazakh term (absent when empty)."""

    kind = "concepts"

    def dump(self, samples: list[Sample], path: Path) -> None:
        concepts = [Concept({"uz": (s.source,), **({"kk": (s.target,)} if s.target else {})}, s.note).with_id()
                    for s in samples]  # fmt: skip
        write(Glossary("rt", ["uz", "kk"], [], concepts), path)

    def load(self, path: Path) -> list[Sample]:
        return [Sample(c.term("uz"), c.term("kk"), c.note) for c in read(path).concepts]

    def test_synonyms_domain_status_pos(self, tmp_path: Path) -> None:
        concept = Concept({"uz": (UZ_CYRL, "ғалла"), "kk": (KK,), "ru": (RU, "зерно")}, "n", "agriculture",
                          "preferred", "noun").with_id()  # fmt: skip
        path = tmp_path / ("c" + self.suffix)
        write(Glossary("rt", ["uz", "kk", "ru"], [], [concept]), path)
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
