"""The wrong-language check on SHORT targets (1-4 judged words): English typed in the Kazakh or Russian column,
Kazakh or Russian in the English one, Russian in the Kazakh column and Kazakh in the Russian one (lang13).

    python bench/qa_language_short.py [--part dev|heldout|all] [--show kk|ru|en|en>kk|...]
    BENCH_SRC=/tmp/before13/src python bench/qa_language_short.py ...   # the same texts, another tree's check

Texts written by people, not with the check's rules: the message catalogs of the system's programs
(/usr/share/locale/{kk,ru}/LC_MESSAGES/*.mo, as bench/qa_language_more.py reads them) and the PO files of
../shared/data/interop/real/po (kk, ru): each entry's msgid (English) and msgstr (its translation). A short
msgstr in its own column: a finding is a false alarm. A short msgid in the kk or ru column, a short kk or ru
msgstr in the en column: no finding is a miss (entries whose msgstr is the msgid, kept in English on purpose,
left out). Split in two by a hash: "dev" (read while writing the rule) and "heldout" (scored once).
"""

from __future__ import annotations

import argparse
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("BENCH_SRC", str(ROOT / "src")))

from tarjimon.core.qa import language  # noqa: E402  (first: the bench modules below put ROOT/src on the path)

sys.path.insert(0, str(ROOT / "bench"))
from qa_language import _po  # noqa: E402
from qa_language_more import LOCALE, mo_strings  # noqa: E402

SHARED_PO = ROOT.parent / "shared" / "data" / "interop" / "real" / "po"


def pairs() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {"kk": [], "ru": []}
    for lang in out:
        for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.mo")):
            if not path.stem.startswith("iso_"):
                out[lang] += mo_strings(path)
        for path in sorted(SHARED_PO.glob(f"*_{lang}.po")):
            ids, strs = _po(path)
            out[lang] += list(zip(ids, strs, strict=True))
    return {
        lang: list(dict.fromkeys((i.replace("\n", " ").strip(), s.replace("\n", " ").strip()) for i, s in items))
        for lang, items in out.items()
    }


def part_of(text: str, part: str) -> bool:
    return part == "all" or (zlib.crc32(("lang13 " + text).encode("utf-8")) % 2 == 0) == (part == "dev")


def short(text: str) -> bool:
    return 0 < len(language.profile(text).words) < language.MIN_WORDS


def caught(name: str, texts: list[str], column: str, show: bool) -> None:
    """One row: short texts of another language in `column`, how many the check finds."""
    flagged = [t for t in texts if language.judge(t, column)]
    two = [t for t in texts if len(language.profile(t).words) >= 2]
    print(f"{name:<22}{column:>7}{len(texts):>7}{len(two):>9}{len(flagged):>8}  caught")
    if show:
        for t in two:
            if t not in flagged:
                print("   MISS", t[:120])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("dev", "heldout", "all"), default="dev")
    ap.add_argument("--show", default="")
    args = ap.parse_args()
    data = {lang: [(i, s) for i, s in items if part_of(i, args.part)] for lang, items in pairs().items()}
    print(f"part: {args.part}; short targets (1-4 judged words)")
    print(f"{'text':<22}{'column':>7}{'short':>7}{'2+ words':>9}{'flagged':>8}  what a finding is")
    for lang, items in data.items():
        own = list(dict.fromkeys(s for _i, s in items if short(s)))
        flagged = [t for t in own if language.judge(t, lang)]
        two = sum(len(language.profile(t).words) >= 2 for t in own)
        print(f"{lang + ' msgstr':<22}{lang:>7}{len(own):>7}{two:>9}{len(flagged):>8}  false alarm")
        if args.show == lang:
            for t in flagged:
                print("   FALSE", language.judge(t, lang), "|", t[:120])
        english = list(dict.fromkeys(i for i, s in items if i != s and short(i)))
        caught(f"en msgid ({lang} files)", english, lang, args.show == f"en>{lang}")
        theirs = list(dict.fromkeys(s for i, s in items if i != s and short(s)))
        caught(f"{lang} msgstr", theirs, "en", args.show == f"{lang}>en")
    for lang, other in (("ru", "kk"), ("kk", "ru")):  # Russian in the Kazakh column, Kazakh in the Russian one
        theirs = list(dict.fromkeys(s for i, s in data[lang] if i != s and short(s)))
        caught(f"{lang} msgstr", theirs, other, args.show == f"{lang}>{other}")
    english = list(dict.fromkeys(i for items in data.values() for i, _s in items if short(i)))
    flagged = [t for t in english if language.judge(t, "en")]
    print(f"{'en msgid':<22}{'en':>7}{len(english):>7}{'':>9}{len(flagged):>8}  false alarm")
    if args.show == "en":
        for t in flagged:
            print("   FALSE", language.judge(t, "en"), "|", t[:120])


if __name__ == "__main__":
    main()
