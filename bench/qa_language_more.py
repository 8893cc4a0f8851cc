"""The wrong-language QA check on more real Russian and Kazakh than bench/qa_language.py has (lang12).

    python bench/qa_language_more.py [--part dev|heldout|all] [--show PAIR]
    BENCH_SRC=/tmp/before12/src python bench/qa_language_more.py ...   # the same texts, another tree's check

Texts on this machine written by people, not with the check's rules: the message catalogs of the system's
programs (/usr/share/locale/{ru,kk,uz}/LC_MESSAGES/*.mo: their translations, msgstr; none of them is one of the
PO files of ../shared that bench/qa_language.py reads), and the real article's hand translation into Kazakh and
Russian (tests/data/lang12/article_kk_ru.tsv). As in bench/qa_language.py each text goes into every column:
in its own a finding is a false alarm, in another no finding is a miss. Texts split in two by a hash: "dev" (the
rules were mended on it) and "heldout" (scored once, after).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("BENCH_SRC", str(ROOT / "src")))  # BENCH_SRC=/tmp/before12/src: the before-tree

from tarjimon.core.qa import language  # noqa: E402

COLUMNS = ("kk", "ru", "uz", "en")
LOCALE = Path("/usr/share/locale")
ARTICLE = ROOT / "tests" / "data" / "lang12" / "article_kk_ru.tsv"


def mo_strings(path: Path) -> list[tuple[str, str]]:
    """(msgid, first msgstr) of a compiled catalog, its header aside."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _rev, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    out = []
    for i in range(count):
        n, at = struct.unpack(order + "2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        m, to = struct.unpack(order + "2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        msgid = data[at : at + n].split(b"\0")[0].decode("utf-8", "replace")
        msgstr = data[to : to + m].split(b"\0")[0].decode("utf-8", "replace")
        if msgid and msgstr:
            out.append((msgid, msgstr))
    return out


def corpus() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    for lang in ("ru", "kk", "uz"):
        for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.mo")):
            if path.stem.startswith("iso_"):
                continue  # country and language names: one or two words each
            texts[lang] += [s.replace("\n", " ") for _i, s in mo_strings(path)]
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _n, kk, ru = line.split("\t")
            texts["kk"].append(kk)
            texts["ru"].append(ru)
    return {lang: list(dict.fromkeys(t.strip() for t in items if t.strip())) for lang, items in texts.items()}


def part_of(text: str, part: str) -> bool:
    return part == "all" or (zlib.crc32(("lang12 " + text).encode("utf-8")) % 2 == 0) == (part == "dev")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("dev", "heldout", "all"), default="dev")
    ap.add_argument("--show", default="", help="print the texts of one pair: ru>kk (misses) or ru>ru (false alarms)")
    args = ap.parse_args()
    data = {k: [t for t in v if part_of(t, args.part)] for k, v in corpus().items()}
    print(f"part: {args.part}; texts: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(data.items())))
    judged = {k: [t for t in v if len(language.profile(t).words) >= language.MIN_WORDS] for k, v in data.items()}
    fp = {c: [t for t in data.get(c, []) if language.judge(t, c)] for c in COLUMNS}
    print("false alarms in the own column (of judged): "
          + ", ".join(f"{c} {len(fp[c])}/{len(judged[c])}" for c in data))  # fmt: skip
    print(f"{'pair':<8}{'texts':>7}{'judged':>8}{'flagged':>8}{'of judged':>10}{'precision':>10}")
    for key in sorted(data):
        for col in COLUMNS:
            if col == key:
                continue
            flagged = [t for t in judged[key] if language.judge(t, col)]
            of_judged = len(flagged) / len(judged[key]) if judged[key] else 0.0
            precision = len(flagged) / (len(flagged) + len(fp[col])) if flagged else 0.0
            print(f"{key + '>' + col:<8}{len(data[key]):>7}{len(judged[key]):>8}{len(flagged):>8}{of_judged:>10.3f}"
                  f"{precision:>10.3f}")  # fmt: skip
            if args.show == f"{key}>{col}":
                for t in judged[key]:
                    if t not in flagged:
                        print("   MISS", t[:140])
    if args.show and args.show.split(">")[0] == args.show.split(">")[1]:
        for t in fp[args.show.split(">")[1]]:
            print("   FALSE", language.judge(t, args.show[-2:]), "|", t[:140])


if __name__ == "__main__":
    main()
