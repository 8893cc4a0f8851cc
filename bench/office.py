"""Word and OpenDocument articles: Tarjimon's reading (paragraphs, kinds, inline tags) and export (the
original rebuilt with targets) against peers doing the same job on the same file in the same run.

    python bench/office.py [--paragraphs 600] [--runs 5]

A long news article is built with python-docx (a heading every 10 paragraphs, each paragraph with bold,
italic and a link) and the same text as an .odt. Timed, median of --runs:
- DOCX read: `formats/docx.read_article` vs python-docx alone (`[p.text for p in Document(f).paragraphs]`:
  the text without tags or links, a lower bound);
- DOCX export: `DocxExporter.write` (every paragraph rebuilt with its tags' formatting) vs python-docx setting
  `paragraph.text` and saving (which loses the formatting: the least any export must do);
- ODT read: `formats/odt.read_article` vs translate-toolkit's odf2xliff (the same job: translatable units with
  their inline codes), when it is installed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

SENTENCE = "Президент {b} мактабни {i} кўздан кечирди, дейилади {a} хабарида."


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def build(folder: Path, paragraphs: int) -> tuple[Path, Path]:
    import docx
    from office_files import _link, odt

    d = docx.Document()
    body = []
    for n in range(paragraphs):
        if n % 10 == 0:
            d.add_heading(f"Бўлим {n // 10 + 1}", level=2)
            body.append(f'<text:h text:outline-level="2">Бўлим {n // 10 + 1}</text:h>')
        p = d.add_paragraph("Президент ")
        p.add_run(f"Шавкат Мирзиёев {n}").bold = True
        p.add_run(" мактабни ")
        p.add_run("шахсан").italic = True
        p.add_run(" кўздан кечирди, дейилади ")
        _link(p, f"https://kun.uz/{n}", "Kun.uz")
        p.add_run(" хабарида. Иккинчи жумла ҳам бор.")
        body.append(f'<text:p>Президент <text:span text:style-name="T1">Шавкат Мирзиёев {n}</text:span> мактабни '
                    '<text:span text:style-name="T2">шахсан</text:span> кўздан кечирди, дейилади <text:a '
                    f'xlink:href="https://kun.uz/{n}">Kun.uz</text:a> хабарида. Иккинчи жумла ҳам бор.</text:p>')
    d.save(str(folder / "long.docx"))
    return folder / "long.docx", odt(folder / "long.odt", "".join(body))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=600)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    import docx

    from tarjimon.core.formats import docx as tdocx
    from tarjimon.core.formats import odt as todt
    from tarjimon.core.formats.base import DocumentView
    from tarjimon.core.formats.docx_write import DocxExporter
    from tarjimon.core.models import Document, Segment, Translation
    from tarjimon.core.models.article import Paragraph

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_file, odt_file = build(folder, args.paragraphs)
        article, _ = tdocx.read_article(docx_file)
        words = sum(len(p.text.split()) for p in article.paragraphs)
        print(f"{len(article.paragraphs)} paragraphs, {words} words, {docx_file.stat().st_size // 1024} KB .docx; "
              f"median of {args.runs} runs, ms")

        ours = median_ms(lambda: tdocx.read_article(docx_file), args.runs)
        peer = median_ms(lambda: [p.text for p in docx.Document(str(docx_file)).paragraphs], args.runs)
        print(f"DOCX read:   tarjimon {ours:8.1f}   python-docx text only {peer:8.1f}   ratio {ours / peer:.2f}")

        targets = [p.text.replace("Президент", "Prezident") for p in article.paragraphs]
        pairs = [(Segment(i + 1, 1, i, i, p.text), Translation(i + 1, "kk", t, "translated"))
                 for i, (p, t) in enumerate(zip(article.paragraphs, targets, strict=True))]  # fmt: skip
        view = DocumentView("b", "uz", "kk", Document(1, "long.docx", 1),
                            [Paragraph("", kind=p.kind) for p in article.paragraphs], pairs,
                            docx_file.read_bytes(), "docx")  # fmt: skip

        def naive() -> None:
            d = docx.Document(str(docx_file))
            for p, t in zip((p for p in d.paragraphs if p.text.strip()), targets, strict=False):
                p.text = t
            d.save(str(folder / "naive.docx"))

        ours = median_ms(lambda: DocxExporter().write(view, folder / "out.docx"), args.runs)
        peer = median_ms(naive, args.runs)
        print(f"DOCX export: tarjimon {ours:8.1f}   python-docx p.text=  {peer:8.1f}   ratio {ours / peer:.2f}")

        ours = median_ms(lambda: todt.read_article(odt_file), args.runs)
        try:
            from translate.convert import odf2xliff
        except ImportError:
            print(f"ODT read:    tarjimon {ours:8.1f}   (translate-toolkit not installed: no peer)")
            return
        out = folder / "long.xlf"

        def toolkit() -> None:
            with open(odt_file, "rb") as i, open(out, "wb") as o:
                odf2xliff.convertodf(i, o, None)

        peer = median_ms(toolkit, args.runs)
        print(f"ODT read:    tarjimon {ours:8.1f}   odf2xliff            {peer:8.1f}   ratio {ours / peer:.2f}")


if __name__ == "__main__":
    main()
