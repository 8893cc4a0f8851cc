"""Documents: txt/md articles written by export and read back by import, and the TMX and PO exports read
back as TM units; all on the shared round-trip contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from roundtrip import KK, UZ_CYRL, UZ_LATN, RoundTrip, Sample, toolkit_pairs

from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document, Segment, Translation
from tarjimon.core.models.article import Article, Paragraph


def view(samples: list[Sample], name: str = "story.txt", paragraphs: list[Paragraph] | None = None,
         meta: dict[str, str] | None = None) -> DocumentView:  # fmt: skip
    """One segment per paragraph; a sample with a target is translated, one without is empty."""
    paras = paragraphs or [Paragraph("", blank_before=1 if i else 0) for i in range(len(samples))]
    pairs = [
        (Segment(i + 1, 1, i, i, s.source, paras[i].kind if paras[i].kind == "title" else "body"),
         Translation(i + 1, "kk", s.target, "translated" if s.target else "empty", "2026-01-05T10:00:00+00:00"))
        for i, s in enumerate(samples)
    ]  # fmt: skip
    return DocumentView("news", "uz", "kk", Document(1, name, 1, meta or {}), paras, pairs)


def export(name: str, v: DocumentView, path: Path) -> None:
    registry.by_name(name, kind="document", purpose="write").writer("document").write(v, path)


def read_article(path: Path) -> Article:
    article, encoding = registry.for_path(path, kind="document", purpose="read").reader("document")(path)
    assert encoding == "utf-8"
    return article


class ArticleRoundTrip(RoundTrip):
    """txt/md: the export is the translated article; reading it back gives one paragraph per segment."""

    kind = "document"
    notes = False
    empty_target = "source"  # an untranslated segment keeps its source text in the export

    def dump(self, samples: list[Sample], path: Path) -> None:
        export(self.name, view(samples, "story" + self.suffix), path)

    def load(self, path: Path) -> list[Sample]:
        return [Sample("", p.text) for p in read_article(path).paragraphs]

    def expected(self, samples: list[Sample]) -> list[Sample]:
        return [Sample("", s.target) for s in super().expected(samples)]

    def test_newsroom_header_comes_back(self, tmp_path: Path) -> None:
        paras = [Paragraph("", kind="title"), Paragraph(""), Paragraph("", blank_before=1)]
        v = view([Sample("Sarlavha", "Тақырып"), Sample(UZ_LATN, KK), Sample(UZ_CYRL, "")], "s" + self.suffix,
                 paras, {"date": "2026-01-05"})  # fmt: skip
        export(self.name, v, tmp_path / ("s" + self.suffix))
        article = read_article(tmp_path / ("s" + self.suffix))
        assert article.meta == {"date": "2026-01-05", "title": "Тақырып"}
        assert [(p.kind, p.text) for p in article.paragraphs] == [("title", "Тақырып"), ("body", KK), ("body", UZ_CYRL)]


class TestTxt(ArticleRoundTrip):
    name = "txt"
    suffix = ".txt"


class TestMd(ArticleRoundTrip):
    name = "md"
    suffix = ".md"

    def test_headings_and_list_markers_come_back(self, tmp_path: Path) -> None:
        paras = [Paragraph("", "## ", 0, "heading"), Paragraph("", "- ", 1), Paragraph("", "- ", 0),
                 Paragraph("", "1. ", 1)]  # fmt: skip
        samples = [Sample("Sarlavha", "Тақырып"), Sample("Bir", "Бір"), Sample("Ikki", "Екі"), Sample("Uch", "Үш")]
        export("md", view(samples, "s.md", paras), tmp_path / "s.md")
        got = read_article(tmp_path / "s.md").paragraphs
        assert got == [replace_text(p, s.target) for p, s in zip(paras, samples, strict=True)]


def replace_text(p: Paragraph, text: str) -> Paragraph:
    return Paragraph(text, p.prefix, p.blank_before, p.kind)


class ExportAsUnits(RoundTrip):
    """TMX/PO document exports, read back as TM units: each translated segment is a source -> target pair."""

    kind = "document"
    read_kind = "units"
    notes = False
    empty_target = "dropped"  # TMX: only translated/reviewed segments; PO: an empty msgstr is no unit

    def dump(self, samples: list[Sample], path: Path) -> None:
        export(self.name, view(samples), path)

    def load(self, path: Path) -> list[Sample]:
        units = list(registry.for_path(path, kind="units", purpose="read").reader("units")(path))
        assert {(u.source_lang, u.target_lang) for u in units} <= {("uz", "kk")}
        return [Sample(u.source, u.target) for u in units]


class TestTmxExport(ExportAsUnits):
    other_tool = staticmethod(toolkit_pairs)  # translate-toolkit reads what Tarjimon writes

    name = "tmx"
    suffix = ".tmx"

    def test_context_of_neighbours(self, tmp_path: Path) -> None:
        export("tmx", view([Sample("A.", "А."), Sample("B.", "Б."), Sample("C.", "В.")]), tmp_path / "d.tmx")
        units = list(registry.for_path(tmp_path / "d.tmx", kind="units", purpose="read").reader("units")(
            tmp_path / "d.tmx"))  # fmt: skip
        assert [u.context for u in units] == [(None, "B."), ("A.", "C."), ("B.", None)]
        assert {u.origin for u in units} == {"news/story.txt"}


class TestXliffExport(ExportAsUnits):
    name = "xliff"
    suffix = ".xlf"
    other_tool = staticmethod(toolkit_pairs)  # translate-toolkit reads what Tarjimon writes

    def test_states_and_empty_targets(self, tmp_path: Path) -> None:
        v = view([Sample("A.", "А."), Sample("B.", ""), Sample("C.", "В."), Sample("D.", "Г.")])
        statuses = ["translated", "empty", "draft", "reviewed"]
        v = DocumentView(v.project_name, v.source_lang, v.target_lang, v.document, v.paragraphs,
                         [(seg, Translation(tr.segment_id, tr.lang, tr.text, st)) for (seg, tr), st
                          in zip(v.pairs, statuses, strict=True)])  # fmt: skip
        export("xliff", v, tmp_path / "s.xlf")
        from translate.storage import factory

        units = factory.getobject(str(tmp_path / "s.xlf")).units
        assert [(u.source, u.target or "", u.isfuzzy(), u.get_state_n()) for u in units] == [
            ("A.", "А.", False, 100), ("B.", "", False, 0), ("C.", "В.", True, 80), ("D.", "Г.", False, 121)  # 121: toolkit's "final", above translated
        ]
        got = list(registry.for_path(tmp_path / "s.xlf", kind="units", purpose="read").reader("units")(
            tmp_path / "s.xlf"))  # fmt: skip
        assert [(u.source, u.fuzzy) for u in got] == [("A.", False), ("C.", True), ("D.", False)]


class TestXliff2Export(ExportAsUnits):
    name = "xliff2"
    read_name = "xliff"  # read back by the one XLIFF reader (1.x and 2.x)
    suffix = ".xlf"

    def other_tool(self, path: Path) -> list[tuple[str, str]] | None:
        try:
            from translate.storage.xliff2 import Xliff2File
        except ImportError:
            return None
        return [(str(u.source), str(u.target)) for u in Xliff2File.parsefile(str(path)).units if u.target]

    def test_states(self, tmp_path: Path) -> None:
        v = view([Sample("A.", "А."), Sample("B.", ""), Sample("C.", "В."), Sample("D.", "Г.")])
        v = DocumentView(v.project_name, v.source_lang, v.target_lang, v.document, v.paragraphs,
                         [(seg, Translation(tr.segment_id, tr.lang, tr.text, st)) for (seg, tr), st
                          in zip(v.pairs, ["translated", "empty", "draft", "reviewed"], strict=True)])  # fmt: skip
        export("xliff2", v, tmp_path / "s.xlf")
        root = etree.parse(str(tmp_path / "s.xlf")).getroot()
        ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
        assert [s.get("state") for s in root.iterfind(".//x:segment", ns)] == ["translated", "initial", "initial",
                                                                               "final"]  # fmt: skip
        got = list(registry.for_path(tmp_path / "s.xlf", kind="units", purpose="read").reader("units")(
            tmp_path / "s.xlf"))  # fmt: skip
        assert [(u.source, u.fuzzy) for u in got] == [("A.", False), ("C.", True), ("D.", False)]


class TestPoExport(ExportAsUnits):
    other_tool = staticmethod(toolkit_pairs)  # translate-toolkit reads what Tarjimon writes

    name = "po"
    suffix = ".po"

    def test_file_names(self) -> None:
        v = view([Sample("A.", "А.")], "story.md")
        names = {f.name: f.writer("document").file_name(v) for f in registry.supported("document", "write")}
        assert names == {"txt": "story.kk.md", "md": "story.kk.md", "tmx": "story.kk.tmx", "po": "story.kk.po",
                         "xliff": "story.kk.xlf", "xliff2": "story.kk.xlf", "docx": "story.kk.docx",
                         "odt": "story.kk.odt"}


def test_cli_export_of_the_demo_as_xliff_read_by_translate_toolkit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    factory = pytest.importorskip("translate.storage.factory")
    assert cli("demo").code == 0
    stats = json.loads(cli("stats", "demo", "--json").out)
    for fmt in ("xliff", "xliff2"):
        r = cli("export", "demo", "--format", fmt, "--target", "kk", "-o", tmp_path / fmt, "--json")
        assert r.code == 0, r.err
        (path,) = json.loads(r.out)["files"]
        if fmt == "xliff":
            units = factory.getobject(path).units
        else:
            from translate.storage.xliff2 import Xliff2File

            units = Xliff2File.parsefile(path).units
        assert len(units) == stats["segments"]
        done = stats["languages"]["kk"]
        assert sum(1 for u in units if u.target) == done["translated"] + done["reviewed"] + done["draft"]
