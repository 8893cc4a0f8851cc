"""Plain-text articles: read (the newsroom header, one paragraph per line) and export.

The Kazinform header looks like ` date 2026-01-05 Title of the story`: it becomes document metadata
(the date) and a title segment. Each non-empty line is a paragraph; the blank lines before it are kept so
that export puts them back.

Export rebuilds the article paragraph by paragraph in the target language. A segment without a translation
keeps its source text, as translators expect from a CAT tool's export.
"""

from __future__ import annotations

from pathlib import Path

from tarjimon.core.files import atomic_write
from tarjimon.core.formats.base import DocumentView, target_file_name
from tarjimon.core.models.article import Article, Paragraph
from tarjimon.core.text.header import HEADER_RE
from tarjimon.core.text.tags import strip_tags
from tarjimon.core.textio import read_text

_HEADER = HEADER_RE  # the newsroom header line (core/text/header.py)


def read_article(path: str | Path) -> tuple[Article, str]:
    """Read a .txt article; return it and the encoding it was read in."""
    text, encoding = read_text(path)
    return parse(text), encoding


def parse(text: str) -> Article:
    """Parse a plain-text article."""
    article, lines = parse_header(text)
    article.paragraphs.extend(line_paragraphs(lines))
    return article


def parse_header(text: str) -> tuple[Article, list[str]]:
    """An Article holding the newsroom header (when the first non-empty line is one), and the lines after it."""
    lines = text.lstrip("\ufeff").split("\n")
    article = Article()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        m = _HEADER.match(lines[first])
        if m:
            article.meta["date"] = m.group(1)
            article.meta["title"] = m.group(2)
            article.paragraphs.append(Paragraph(text=m.group(2), kind="title"))
            lines = lines[first + 1 :]
    return article, lines


def line_paragraphs(lines: list[str]) -> list[Paragraph]:
    """One paragraph per non-empty line, whitespace collapsed."""
    out: list[Paragraph] = []
    blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        out.append(Paragraph(text=" ".join(line.split()), blank_before=blank if out else 0))
        blank = 0
    return out


def render(paragraphs: list[tuple[Paragraph, str]], meta: dict[str, str]) -> str:
    """Put paragraphs (each with its translated text) back together as a text file.

    The header line is rebuilt when the article had one, with the translated title.
    """
    parts: list[str] = []
    for i, (para, text) in enumerate(paragraphs):
        if para.kind == "title" and "date" in meta:
            parts.append(f" date {meta['date']} {text}")
            continue
        sep = "\n" * para.blank_before if i else ""
        parts.append(sep + para.prefix + text)
    return "\n".join(parts) + "\n"


def paragraph_texts(view: DocumentView) -> dict[int, str]:
    """Each paragraph's text in the view's target language (untranslated segments keep their source): the
    one policy of every document export that rebuilds the article (txt, md, docx, odt)."""
    texts: dict[int, list[str]] = {}
    for seg, tr in view.pairs:
        texts.setdefault(seg.paragraph, []).append(tr.text if tr.text else seg.source)
    return {i: " ".join(parts) for i, parts in texts.items()}


def translated_text(view: DocumentView) -> str:
    """The document's text in the view's target language (untranslated segments keep their source), without
    inline tags (a Word article exported as text)."""
    texts = paragraph_texts(view)
    paragraphs = [(p, strip_tags(texts[i])) for i, p in enumerate(view.paragraphs) if i in texts]
    return render(paragraphs, view.document.meta)


class TextExporter:
    """`export --format txt`: the article as text (a Markdown document keeps its .md name and markup)."""

    name = "txt"
    extension = ".txt"

    def write(self, view: DocumentView, path: Path) -> None:
        atomic_write(path, translated_text(view).encode("utf-8"))

    def file_name(self, view: DocumentView) -> str:
        return target_file_name(view, ".md" if Path(view.document.name).suffix == ".md" else ".txt")
