"""`export --format md` of an article imported from txt or docx: Markdown a renderer reads as the article (the
walk of the eleventh session found every paragraph of the seed article run into one, and Word's heading lost)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tarjimon.core.formats import registry
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.models import Document, Segment, Translation
from tarjimon.core.models.article import Paragraph

PARAGRAPHS = [
    ("title", "Президент: Қозоғистон рақамли давлатга айланиши керак", "Президент: Қазақстан цифрлық мемлекет"),
    ("body", "ASTANA. Kazinform – Қозоғистон рақамли давлатга айланиши керак.", "ASTANA. Kazinform – Қазақстан."),
    ("heading", "Сунъий интеллект", "Жасанды интеллект"),
    ("body", "1. Биринчидан, дастур бор.", "1. Біріншіден, бағдарлама бар."),
    ("list", "Astana Hub", "Astana Hub"),
    ("list", "CryptoCity", "CryptoCity"),
    ("body", "Эслатиб ўтамиз, суҳбат чоп этилди.", "Еске сала кетейік, сұхбат жарияланды."),
]


def view(name: str, fmt: str, meta: dict[str, str]) -> DocumentView:
    paras = [Paragraph("", kind=kind) for kind, _, _ in PARAGRAPHS]
    pairs = [(Segment(i + 1, 1, i, i, src, "title" if kind == "title" else "body"),
              Translation(i + 1, "kk", tgt, "translated", "2026-01-05T10:00:00+00:00"))
             for i, (kind, src, tgt) in enumerate(PARAGRAPHS)]  # fmt: skip
    return DocumentView("news", "uz", "kk", Document(1, name, 1, meta), paras, pairs, None, fmt)


def export_md(v: DocumentView, path: Path) -> str:
    registry.by_name("md", kind="document", purpose="write").writer("document").write(v, path)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "fmt", "meta"), [("article.txt", "txt", {"date": "2026-01-05"}),
                                                   ("article.docx", "docx", {})])  # fmt: skip
def test_each_paragraph_is_a_markdown_block(tmp_path: Path, name: str, fmt: str, meta: dict[str, str]) -> None:
    text = export_md(view(name, fmt, meta), tmp_path / "a.kk.md")
    tokens = MarkdownIt().parse(text)
    opened = [t.type for t in tokens if t.type.endswith("_open")]
    title = ["paragraph_open"] if meta else ["heading_open"]  # the newsroom header line, or Word's title
    assert opened == title + ["paragraph_open", "heading_open", "paragraph_open", "bullet_list_open",
                              "list_item_open", "paragraph_open", "list_item_open", "paragraph_open",
                              "paragraph_open"]  # fmt: skip
    inline = [t.content for t in tokens if t.type == "inline"]
    assert "1. Біріншіден, бағдарлама бар." in MarkdownIt().render(text)  # an escaped "1." is no list
    assert inline[1:] == ["ASTANA. Kazinform – Қазақстан.", "Жасанды интеллект", "1\\. Біріншіден, бағдарлама бар.",
                          "Astana Hub", "CryptoCity", "Еске сала кетейік, сұхбат жарияланды."]  # fmt: skip


def test_the_markdown_export_of_a_text_article_imports_back_with_its_header(tmp_path: Path) -> None:
    export_md(view("article.txt", "txt", {"date": "2026-01-05"}), tmp_path / "a.kk.md")
    reader = registry.for_path(tmp_path / "a.kk.md", kind="document", purpose="read").reader("document")
    article, _ = reader(tmp_path / "a.kk.md")
    assert article.meta == {"date": "2026-01-05", "title": "Президент: Қазақстан цифрлық мемлекет"}
    assert [p.text for p in article.paragraphs][:3] == [t for _, _, t in PARAGRAPHS[:3]]


def test_a_markdown_article_keeps_its_own_markup(tmp_path: Path) -> None:
    v = view("article.md", "md", {})
    v.paragraphs[2] = Paragraph("", "## ", 1, "heading")
    text = export_md(v, tmp_path / "a.kk.md")
    assert "\n\n## Жасанды интеллект" in text and "\\" not in text
