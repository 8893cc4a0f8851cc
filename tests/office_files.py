"""Word and OpenDocument files built for the tests: a news article (heading, bold, italic, a link, a list, a
table, a footnote, a page header) made with python-docx, and the same article as a hand-written .odt."""

from __future__ import annotations

import zipfile
from pathlib import Path

HEADING = "Тошкентда янги мактаб очилди"
LINK_URL = "https://kun.uz/news/2026/01/05/maktab"
FOOTNOTE = "Манба: Kun.uz мухбири."


def _link(paragraph, url: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _footnote(document, paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    """A real footnote: the footnotes part, its relationship, and the reference mark in `paragraph`."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            '</w:p></w:footnote>'
            f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
            '</w:r></w:p></w:footnote></w:footnotes>').encode()  # fmt: skip
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run.append(ref)
    paragraph._p.append(run)


def news_docx(path: Path) -> Path:
    """The test article as a .docx: a header, a Heading 1, a paragraph with bold, italic, a link and a
    footnote, two bulleted items and a table."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Kun.uz · Жамият"
    document.add_heading(HEADING, level=1)
    p = document.add_paragraph("Президент ")
    p.add_run("Шавкат Мирзиёев").bold = True
    p.add_run(" мактабни ")
    p.add_run("шахсан").italic = True
    p.add_run(" кўздан кечирди.")
    _footnote(document, p, FOOTNOTE)
    p.add_run(" Батафсил маълумот ")
    _link(p, LINK_URL, "сайтда")
    p.add_run(" берилган.")
    document.add_paragraph("Биринчи синфга 300 бола қабул қилинди.", style="List Bullet")
    document.add_paragraph("Мактабда 40 ўқитувчи ишлайди.", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ўқувчилар"
    table.cell(0, 1).text = "1200"
    document.styles["Normal"].font.size = Pt(11)
    document.save(str(path))
    return path


def plain_docx(path: Path, paragraphs: list[str]) -> Path:
    """A .docx with one Normal paragraph per string."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')  # fmt: skip

NEWS_ODT_BODY = (
    f'<text:h text:style-name="Heading_20_1" text:outline-level="1"><text:bookmark text:name="top"/>{HEADING}'
    '</text:h>'
    '<text:p text:style-name="Text_20_body">Президент <text:span text:style-name="T1">Шавкат Мирзиёев</text:span>'
    ' мактабни <text:span text:style-name="T2">шахсан</text:span> кўздан кечирди.<text:note text:id="ftn1" '
    'text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p '
    f'text:style-name="Footnote">{FOOTNOTE}</text:p></text:note-body></text:note> Батафсил маълумот <text:a '
    f'xlink:type="simple" xlink:href="{LINK_URL}">сайтда</text:a> берилган.</text:p>'
    '<text:list text:style-name="L1"><text:list-item><text:p text:style-name="P1">Биринчи синфга 300 бола қабул '
    'қилинди.</text:p></text:list-item></text:list>'
    '<table:table table:name="T"><table:table-row><table:table-cell><text:p>Ўқувчилар</text:p></table:table-cell>'
    '</table:table-row></table:table><text:p text:style-name="Standard"/>'
)


def odt(path: Path, body: str, *, prolog: str = "") -> Path:
    """An .odt whose office:text is `body` (bold T1 and italic T2 text styles defined)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {_ODT_NS} '
               'office:version="1.2"><office:automatic-styles>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/>'
               '</style:style><style:style style:name="T2" style:family="text"><style:text-properties '
               'fo:font-style="italic"/></style:style></office:automatic-styles>'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')  # fmt: skip
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry '
                'manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>')  # fmt: skip
    styles = ('<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:'
              'opendocument:xmlns:office:1.0" office:version="1.2"><office:styles/></office:document-styles>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)  # fmt: skip
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def news_odt(path: Path) -> Path:
    return odt(path, NEWS_ODT_BODY)
