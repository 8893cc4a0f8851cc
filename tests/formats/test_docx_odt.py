"""DOCX and ODT on the shared round-trip contract: an original file holding the samples' sources is read,
exported with the targets (the export rebuilds that original) and read back; plus what only these formats
do: formatting and links as tags and back, untouched parts kept, a paragraph count that no longer matches."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import ClassVar

import pytest
from office_files import odt, plain_docx
from roundtrip import RoundTrip, Sample

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document, Segment, Translation
from tarjimon.core.models.article import Paragraph

pytest.importorskip("docx", reason="python-docx (a dependency) is not installed")


def read(path: Path) -> list[Paragraph]:
    return registry.for_path(path, kind="document", purpose="read").reader("document")(path)[0].paragraphs


def office_view(original: Path, targets: list[str], fmt: str, name: str) -> DocumentView:
    """The view export gets for `original` imported with one segment per paragraph, `targets` typed."""
    paras = read(original)
    pairs = [(Segment(i + 1, 1, i, i, p.text), Translation(i + 1, "kk", t, "translated" if t else "empty"))
             for i, (p, t) in enumerate(zip(paras, targets, strict=True))]  # fmt: skip
    return DocumentView("news", "uz", "kk", Document(1, name, 1), [Paragraph("", kind=p.kind) for p in paras],
                        pairs, original.read_bytes(), fmt)  # fmt: skip


def export(fmt: str, view: DocumentView, path: Path) -> None:
    registry.by_name(fmt, kind="document", purpose="write").writer("document").write(view, path)


class OfficeRoundTrip(RoundTrip):
    """The export is the original with the targets; read back, one paragraph per segment."""

    kind = "document"
    notes = False
    empty_target = "source"  # an untranslated segment keeps its source, as in txt export
    build: ClassVar[str]

    def original(self, texts: list[str], path: Path) -> Path:
        raise NotImplementedError

    def dump(self, samples: list[Sample], path: Path) -> None:
        src = self.original([s.source or s.target for s in samples], path.with_name("src-" + path.name))
        export(self.name, office_view(src, [s.target for s in samples], self.name, "story" + self.suffix), path)

    def load(self, path: Path) -> list[Sample]:
        return [Sample("", p.text) for p in read(path)]

    def expected(self, samples: list[Sample]) -> list[Sample]:
        return [Sample("", s.target) for s in super().expected(samples)]


class TestDocx(OfficeRoundTrip):
    name = "docx"
    suffix = ".docx"

    def original(self, texts: list[str], path: Path) -> Path:
        return plain_docx(path, texts)

    def test_formatting_and_links_come_back_where_the_tags_are(self, tmp_path: Path) -> None:
        import docx
        from office_files import LINK_URL, news_docx

        src = news_docx(tmp_path / "src.docx")
        paras = read(src)
        assert paras[1].text.count("⟨") == 7  # bold pair, italic pair, footnote, link pair
        moved = "⟨4⟩Сайтта⟨/4⟩ ⟨2⟩жеке⟨/2⟩ ⟨1⟩Мирзиёев⟨/1⟩.⟨3/⟩⟨9⟩⟨/7⟩"  # reordered; unknown numbers dropped
        export("docx", office_view(src, [p.text for p in paras[:1]] + [moved] + [p.text for p in paras[2:]],
                                   "docx", "s.docx"), tmp_path / "out.docx")  # fmt: skip
        body = docx.Document(str(tmp_path / "out.docx")).paragraphs[1]
        assert body.text == "Сайтта жеке Мирзиёев."
        assert len(body._p.xpath(".//w:footnoteReference")) == 1
        assert [r.text for r in body.runs if r.bold] == ["Мирзиёев"]
        assert [r.text for r in body.runs if r.italic] == ["жеке"]
        assert [(h.url, h.text) for h in body.hyperlinks] == [(LINK_URL, "Сайтта")]

    def test_an_untranslated_paragraph_stays_exactly_as_it_was(self, tmp_path: Path) -> None:
        import docx
        from lxml import etree
        from office_files import news_docx

        src = news_docx(tmp_path / "src.docx")
        paras = read(src)
        export("docx", office_view(src, ["Тақырып"] + [""] * (len(paras) - 1), "docx", "s.docx"), tmp_path / "o.docx")
        before = [etree.tostring(p._p) for p in docx.Document(str(src)).paragraphs]
        after = [etree.tostring(p._p) for p in docx.Document(str(tmp_path / "o.docx")).paragraphs]
        assert after[0] != before[0] and after[1:] == before[1:]

    def test_a_stale_original_is_refused(self, tmp_path: Path) -> None:
        src = plain_docx(tmp_path / "src.docx", ["Бир.", "Икки."])
        view = office_view(src, ["Бір.", "Екі."], "docx", "s.docx")
        stale = DocumentView(view.project_name, "uz", "kk", view.document, view.paragraphs[:1], view.pairs[:1],
                             view.original, "docx")  # fmt: skip
        with pytest.raises(TarjimonError, match="import the file again"):
            export("docx", stale, tmp_path / "out.docx")
        assert not (tmp_path / "out.docx").exists()


class TestOdt(OfficeRoundTrip):
    name = "odt"
    suffix = ".odt"

    def original(self, texts: list[str], path: Path) -> Path:
        from xml.sax.saxutils import escape

        return odt(path, "".join(f"<text:p>{escape(t)}</text:p>" for t in texts))

    def test_untouched_members_are_copied_byte_for_byte(self, tmp_path: Path) -> None:
        src = self.original(["Бир."], tmp_path / "src.odt")
        with zipfile.ZipFile(src, "a") as z:
            z.writestr("Pictures/photo.png", b"\x89PNG not really")
            z.writestr("META-INF/documentsignatures.xml", "<signatures/>")
        export("odt", office_view(src, ["Бір."], "odt", "s.odt"), tmp_path / "out.odt")
        with zipfile.ZipFile(src) as a, zipfile.ZipFile(tmp_path / "out.odt") as b:
            assert b.read("Pictures/photo.png") == a.read("Pictures/photo.png")
            assert b.read("styles.xml") == a.read("styles.xml")
            assert "META-INF/documentsignatures.xml" not in b.namelist()  # it would no longer match
        assert [p.text for p in read(tmp_path / "out.odt")] == ["Бір."]


def test_export_of_a_document_not_imported_from_docx_is_refused(tmp_path: Path) -> None:
    view = DocumentView("news", "uz", "kk", Document(1, "story.txt", 1), [Paragraph("")],
                        [(Segment(1, 1, 0, 0, "Бир."), Translation(1, "kk", "Бір.", "translated"))])  # fmt: skip
    for fmt in ("docx", "odt"):
        with pytest.raises(TarjimonError, match=f"story.txt: {fmt.upper()} export rebuilds the original"):
            export(fmt, view, tmp_path / f"out.{fmt}")


WORD_NOISE = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
    '<w:r w:rsidR="00A1"><w:rPr><w:lang w:val="uz-Cyrl-UZ"/></w:rPr><w:t xml:space="preserve">Вазир </w:t></w:r>'
    '<w:proofErr w:type="spellStart"/>'
    '<w:r w:rsidR="00B2"><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t>маълум</w:t></w:r>'
    '<w:proofErr w:type="spellEnd"/>'
    '<w:r><w:t xml:space="preserve"> қилди</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
    '<w:ins w:id="1" w:author="A"><w:r><w:t>(бет </w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="A"><w:r><w:delText>ўчирилган </w:delText></w:r></w:del>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t>).</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>'
)


def test_word_noise_makes_no_tags_and_survives_export(tmp_path: Path) -> None:
    """Split runs, proofing marks, a language change and a bold space make no tags; an insertion is text, a
    deletion is gone, a field's codes are one standalone tag each side of its shown value."""
    import docx
    from lxml import etree

    src = plain_docx(tmp_path / "src.docx", ["x"])
    d = docx.Document(str(src))
    body = d.element.body
    body.replace(body[0], etree.fromstring(WORD_NOISE))
    d.save(str(src))
    [para] = read(src)
    assert para.text == "Вазир маълум қилди (бет ⟨1/⟩3⟨2/⟩)."
    target = "Министр хабарлады (бет ⟨1/⟩3⟨2/⟩)."
    export("docx", office_view(src, [target], "docx", "s.docx"), tmp_path / "out.docx")
    out = docx.Document(str(tmp_path / "out.docx"))
    p = out.paragraphs[0]._p
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [el.get(f"{w}fldCharType") for el in p.iter(f"{w}fldChar")] == ["begin", "separate", "end"]
    assert "".join(t.text for t in p.iter(f"{w}instrText")) == " PAGE "
    assert "".join(t.text for t in p.iter(f"{w}t")) == "Министр хабарлады (бет 3)."
    assert p[1].tag == f"{w}bookmarkStart" and p[-1].tag == f"{w}bookmarkEnd"
    assert [r.find(f"{w}rPr/{w}lang").get(f"{w}val") for r in p.iter(f"{w}r") if r.find(f"{w}rPr/{w}lang") is not None
            ][:1] == ["kk-KZ"]  # fmt: skip
