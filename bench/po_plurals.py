"""What showing PO plural kinds costs when the workbench opens: `plural_kinds()` against its peer `rows()`
(what the workbench reads anyway to fill the grid), in the same process, round by round.

    python bench/po_plurals.py [--messages 30000] [--every 10] [--rounds 5]

A PO of MESSAGES messages in Russian, every EVERY-th a plural one (three forms), is imported into a project
with targets ru and kk; the medians of both calls and their ratio are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

RU = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def catalogue(messages: int, every: int) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Language: ru\\n"', f'"Plural-Forms: {RU}\\n"',
             '"Content-Type: text/plain; charset=UTF-8\\n"', ""]  # fmt: skip
    for i in range(messages):
        if i % every == 0:
            lines += [f'msgid "%d file {i}"', f'msgid_plural "%d files {i}"', f'msgstr[0] "%d файл {i}"',
                      f'msgstr[1] "%d файла {i}"', f'msgstr[2] "%d файлов {i}"', ""]  # fmt: skip
        else:
            lines += [f'msgid "Message {i} here"', f'msgstr "Сообщение {i}"', ""]
    return "\n".join(lines)


def main() -> None:
    from tarjimon.core.workbench import Workbench

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=30000)
    ap.add_argument("--every", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "big.po"
        po.write_text(catalogue(args.messages, args.every), encoding="utf-8")
        with Workbench.create(Path(tmp) / "projects", "b", "en", ["ru", "kk"]) as wb:
            wb.import_file(po)
            wb.plural_kinds()  # (imports)
            kinds, rows = [], []
            for _ in range(args.rounds):
                started = time.perf_counter()
                found = wb.plural_kinds()
                kinds.append(time.perf_counter() - started)
                started = time.perf_counter()
                shown = wb.rows()
                rows.append(time.perf_counter() - started)
    k, r = statistics.median(kinds), statistics.median(rows)
    print(f"{args.messages} messages, {len(found)} plural forms, {len(shown)} rows")
    print(f"plural_kinds median {k * 1000:.1f} ms · rows() median {r * 1000:.1f} ms · ratio {k / r:.3f}")


if __name__ == "__main__":
    main()
