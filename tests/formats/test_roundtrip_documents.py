"""Documents: txt/md articles written by export and read back by import, and the TMX and PO exports read
back as TM units; all on the shared round-trip contract."""

from __future__ import annotations

from pathlib import Path

from roundtrip import KK, UZ_CYRL, UZ_LATN, RoundTrip, Sample

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
    name = "tmx"
    suffix = ".tmx"

    def test_context_of_neighbours(self, tmp_path: Path) -> None:
        export("tmx", view([Sample("A.", "А."), Sample("B.", "Б."), Sample("C.", "В.")]), tmp_path / "d.tmx")
        units = list(registry.for_path(tmp_path / "d.tmx", kind="units", purpose="read").reader("units")(
            tmp_path / "d.tmx"))  # fmt: skip
        assert [u.context for u in units] == [(None, "B."), ("A.", "C."), ("B.", None)]
        assert {u.origin for u in units} == {"news/story.txt"}


class TestPoExport(ExportAsUnits):
    name = "po"
    suffix = ".po"

    def test_file_names(self) -> None:
        v = view([Sample("A.", "А.")], "story.md")
        names = {f.name: f.writer("document").file_name(v) for f in registry.supported("document", "write")}
        assert names == {"txt": "story.kk.md", "md": "story.kk.md", "tmx": "story.kk.tmx", "po": "story.kk.po"}
