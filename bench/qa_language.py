"""The wrong-language QA check on real text: precision and recall per language pair, against the letters-only
rule QA had before (target.fits_language, used by same-as-other-target) measured in the same run.

    python bench/qa_language.py [--part tune|heldout|all] [--show PAIR]
    python bench/qa_language.py --cost [--rounds 200]   # microseconds per target, against the CAT checks

Texts (../shared, read-only): Kazakh: apertium-kaz-uzb kaz*.txt, apertium-eng-kaz *kaz*.txt, the GNOME kk PO
files' msgstrs, Weblate's kk PO (Kazakh in its Latin alphabet). Uzbek: apertium-kaz-uzb uzb*.txt (Latin), the
GNOME uz PO (Latin), the uz@cyrillic PO files and the real article (Cyrillic), and uzb-big.txt converted to
Cyrillic by tarjimon's translit (marked "uz-cyr*": converted, not written so). Russian: the GNOME ru PO files,
the probes' article TM and CSV. English: apertium-eng-kaz *eng*.txt and the msgids of the kk PO files. And
"kk-bare": the Kazakh lines with their letters typed as a Russian keyboard types them (ә -> а, қ -> к...).

Each text is put in every column (kk, ru, uz, en): in its own language's column a finding is a false positive,
in another's a missing finding is a miss. Per pair (text language -> column): judged (long enough to judge),
flagged; recall = flagged / texts; precision = flagged / (flagged + false positives of that column's own
texts). Texts are split in two by a hash of their text: "tune" (the thresholds were set on it) and "heldout"
(scored once, after). Apertium dictionary entries (words, short phrases) must draw no finding in their own
column (before lang13 in no column: short phrases were never judged).
"""

from __future__ import annotations

import argparse
import re
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from tarjimon.core.qa import language  # noqa: E402
from tarjimon.core.qa.target import fits_language  # noqa: E402
from tarjimon.core.translit import to_cyrillic  # noqa: E402

COLUMNS = ("kk", "ru", "uz", "en")


_BARE_UPPER = str.maketrans("ӘӨҰҮҺІҢҚҒ", "АОУУХИНКГ")


def _lines(path: Path, numbered: bool = False) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if numbered:
            line = re.sub(r"^\s*\d+\s*\t", "", line)
        if line.strip():
            out.append(line.strip())
    return out


def _po(path: Path) -> tuple[list[str], list[str]]:
    """(msgids, first msgstrs) of a PO file, header and obsolete entries aside."""
    ids, strs, entry, key = [], [], {}, ""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        m = re.match(r'(msgid|msgstr(?:\[0\])?|msgid_plural|msgstr\[\d+\]|msgctxt)\s+"(.*)"$', line)
        if m:
            key = m.group(1).replace("[0]", "")
            entry[key] = entry.get(key, "") + m.group(2)
        elif line.startswith('"') and key:
            entry[key] = entry.get(key, "") + line.strip()[1:-1]
        elif not line.strip():
            if entry.get("msgid") and entry.get("msgstr"):
                ids.append(entry["msgid"].replace("\\n", " "))
                strs.append(entry["msgstr"].replace("\\n", " "))
            entry, key = {}, ""
    return ids, strs


def corpus() -> dict[str, list[str]]:
    par, po, probes = SHARED / "data/parallel", SHARED / "data/interop/real/po", SHARED / "data/interop/real/probes"
    texts: dict[str, list[str]] = defaultdict(list)
    for name in ("kaz-big.txt", "kaz.txt"):
        texts["kk"] += _lines(par / "apertium-kaz-uzb" / name, numbered=True)
    for path in sorted((par / "apertium-eng-kaz").glob("*")):
        texts["kk" if "kaz" in path.name else "en"] += _lines(path)
    for name in ("uzb-big.txt", "uzb.txt"):
        texts["uz"] += _lines(par / "apertium-kaz-uzb" / name, numbered=True)
    texts["uz-cyr*"] = [to_cyrillic(t) for t in _lines(par / "apertium-kaz-uzb" / "uzb-big.txt", numbered=True)]
    texts["uz"] += _lines(SHARED / "seeds/kazinform-2026-01-05-uz.txt")[1:]
    for path in sorted(po.glob("*.po")):
        lang = path.stem.split("_")[-1].split("@")[0]
        ids, strs = _po(path)
        if lang in ("kk", "ru", "uz"):
            texts[lang] += strs
        if lang == "kk" and "gnome" in path.name or path.name == "sushi_kk.po":
            texts["en"] += ids
    tmx = (probes / "article_tm.tmx").read_text(encoding="utf-8")
    for lang, seg in re.findall(r'<tuv xml:lang="([a-z]+)[^"]*"><seg>(.*?)</seg>', tmx):
        texts[lang].append(re.sub(r"<[^>]+>", "", seg).replace("&amp;", "&"))
    for line in _lines(probes / "probe_tm.csv")[1:]:
        texts["ru"].append(line.rsplit('","', 1)[-1].strip('"'))
    texts["kk-bare"] = [t.translate(language._BARE).translate(_BARE_UPPER) for t in texts["kk"] if language._KK_CYR.intersection(t)]
    return {lang: list(dict.fromkeys(t for t in items if t.strip())) for lang, items in texts.items()}


def dictionary_entries() -> dict[str, list[str]]:
    """Both sides of the Apertium bilingual dictionaries (lemmas and short phrases), by language."""
    out: dict[str, list[str]] = defaultdict(list)
    pairs = {"kaz-rus": ("kk", "ru"), "eng-kaz": ("en", "kk"), "kaz-uzb": ("kk", "uz")}
    for name, (left, right) in pairs.items():
        text = (SHARED / f"data/glossary-sources/apertium-{name}.{name}.dix").read_text(encoding="utf-8")
        for side, lang in (("l", left), ("r", right)):
            for m in re.finditer(rf"<{side}>(.*?)</{side}>", text):
                entry = re.sub(r"<b/>", " ", m.group(1))
                entry = re.sub(r"<[^>]+>", "", entry).strip()
                if entry:
                    out[lang].append(entry)
    return out


def _part(text: str, part: str) -> bool:
    return part == "all" or (zlib.crc32(text.encode("utf-8")) % 2 == 0) == (part == "tune")


def _true_lang(key: str) -> str:
    return "kk" if key.startswith("kk") else "uz" if key.startswith("uz") else key


def cost(rounds: int) -> None:
    """Median microseconds per target of the check and of the per-target CAT checks (checks.check_segment:
    numbers, terms, punctuation, tags...) on the real article's lines, each in the four columns."""
    import statistics
    import time

    from tarjimon.core.qa import checks

    lines = [t for t in _lines(SHARED / "seeds/kazinform-2026-01-05-uz.txt")[1:]]
    pairs = [(t, c) for t in lines for c in COLUMNS]
    runs: dict[str, list[float]] = {"wrong-language": [], "CAT checks (peer)": []}
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(rounds):
            for text, col in pairs:
                language.judge(text, col)
        runs["wrong-language"].append((time.perf_counter() - t0) / rounds / len(pairs) * 1e6)
        t0 = time.perf_counter()
        for _ in range(rounds):
            for text, col in pairs:
                checks.check_segment(text, text + ".", col, source_lang="uz")
        runs["CAT checks (peer)"].append((time.perf_counter() - t0) / rounds / len(pairs) * 1e6)
    med = {k: statistics.median(v) for k, v in runs.items()}
    for k, v in med.items():
        print(f"{k:<20}{v:8.1f} us per target")
    print(f"ratio wrong-language / CAT checks: {med['wrong-language'] / med['CAT checks (peer)']:.2f} "
          f"({len(lines)} article lines x {len(COLUMNS)} columns, mean {sum(map(len, lines)) / len(lines):.0f} chars)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("tune", "heldout", "all"), default="tune")
    ap.add_argument("--show", default="", help="print the texts of one pair, e.g. kk>kk or ru>kk")
    ap.add_argument("--cost", action="store_true", help="time the check per target against the CAT checks")
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    if args.cost:
        cost(args.rounds)
        return
    data = {k: [t for t in v if _part(t, args.part)] for k, v in corpus().items()}
    rules = {"new": lambda t, c: language.judge(t, c) is not None,
             "old": lambda t, c: fits_language(t, c) is False}  # fmt: skip
    print(f"part: {args.part}; texts: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(data.items())))
    for rule, flag in rules.items():
        fp = {c: sum(flag(t, c) for t in data[c]) for c in COLUMNS}
        own = {c: len(data[c]) for c in COLUMNS}
        print(f"\n[{rule}] false positives in the own column: "
              + ", ".join(f"{c} {fp[c]}/{own[c]}" for c in COLUMNS))  # fmt: skip
        print(f"{'pair':<12}{'texts':>6}{'judged':>8}{'flagged':>8}{'recall':>8}{'judged':>8}{'precision':>10}")
        for key in sorted(data):
            for col in COLUMNS:
                if col == _true_lang(key) and key != "kk-bare":
                    continue
                if key == "kk-bare" and col != "kk":
                    continue
                if rule == "old" and col == "uz":
                    continue  # the old rule knew no Uzbek
                items = data[key]
                flagged = [t for t in items if flag(t, col)]
                judged = sum(len(language.profile(t).words) >= language.MIN_WORDS for t in items)
                recall = len(flagged) / len(items) if items else 0.0
                of_judged = len(flagged) / judged if judged else 0.0
                precision = len(flagged) / (len(flagged) + fp[col]) if flagged else 0.0
                print(f"{key + '>' + col:<12}{len(items):>6}{judged:>8}{len(flagged):>8}{recall:>8.2f}{of_judged:>8.2f}"
                      f"{precision:>10.2f}")  # fmt: skip
                if args.show == f"{key}>{col}":
                    for t in items:
                        if not flag(t, col) and len(language.profile(t).words) >= language.MIN_WORDS:
                            print("   MISS", t[:110])
        if args.show and args.show.split(">")[0] == args.show.split(">")[1] and rule == "new":
            col = args.show.split(">")[1]
            for t in data[col]:
                if flag(t, col):
                    print("   FP", language.judge(t, col), "|", t[:110])
    entries = dictionary_entries()
    own = {lang: sum(language.judge(e, lang) is not None for e in items) for lang, items in entries.items()}
    found = {lang: sum(language.judge(e, c) is not None for e in items for c in COLUMNS if c != lang)
             for lang, items in entries.items()}  # fmt: skip
    # In its own column an entry must draw no finding. In another (since lang13, a phrase of 2-4 words wholly in
    # the other script is judged: бас қала in the English column) a finding is a right one.
    print("\ndictionary entries with a finding in their own column (false alarms): "
          + ", ".join(f"{lang} {own[lang]}/{len(items)}" for lang, items in sorted(entries.items())))  # fmt: skip
    print("dictionary entries with a finding in another column (found): "
          + ", ".join(f"{lang} {found[lang]}/{len(items)}" for lang, items in sorted(entries.items())))  # fmt: skip


if __name__ == "__main__":
    main()
