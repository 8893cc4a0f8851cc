"""Big TMX files written the way other tools write theirs (the bench's texts, other tools' markup and metadata).

    python bench/tmx_styles.py omegat 1000000 /tmp/perftm/omegat-1000000.tmx     # seeded: the same file each time
    python bench/tmx_styles.py trados 100000 /tmp/perftm/trados-100000.tmx

The texts are bench/tm.py's synthetic units (2-3 real en->ru pairs joined, the same seed: the same texts as
/tmp/perftm/synthetic-N.tmx), so a style's import is compared with the plain file's on the same words. What
each style adds follows the real files in ../shared/data/interop/real/tmx (and the tools' writers):

- omegat: a project_save.tmx of OmegaT 5/6: a DOCTYPE, `<!-- Default translations -->` after `<body>`,
  tus without attributes, the target tuv carrying changeid/changedate/creationid/creationdate, OmegaT's own
  tags as escaped text (`&lt;g0&gt;`) in 8% of the segs, a note on 2% of the tus; at the end,
  `<!-- Alternative translations -->` and 4% of the tus with OmegaT's props (file, id, prev, next).
- trados: an SDL Studio export ("SDL TM8 Format"): every tu with creationdate/creationid/changedate/changeid/
  lastusagedate/usagecount and the props x-Context, x-Origin, x-ConfirmationLevel (and on a third of them
  x-StructureContext:MultipleString); inline codes (`<bpt i="1" type="1" x="1" />...<ept i="1" />`, `<ph .../>`)
  in 15% of the tus.
- matecat: MateCat's export: tuid/creationdate/datatype/srclang on the tu, its four x-MateCAT props, tuvs
  carrying only xml:lang.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

STYLES = ("omegat", "trados", "matecat")
USERS = ("alice", "bob", "PEGASUS\\Ziad", "translator3")


def _date(rng: random.Random) -> str:
    return (f"20{rng.randrange(18, 26):02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}T"
            f"{rng.randrange(24):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}Z")


def _omegat_tags(text: str, rng: random.Random) -> str:
    """A sentence with OmegaT's tags around a word (escaped text in project_save.tmx, not TMX codes)."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    words[i] = f"<g0>{words[i]}</g0>"
    return escape(" ".join(words))


def _omegat(units: Iterable[tuple[str, str]], rng: random.Random, f) -> None:  # type: ignore[no-untyped-def]
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.4">\n'
            '  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" '
            'creationtoolversion="6.0.1_0_1d7b4b9c" segtype="sentence" srclang="en-US"/>\n  <body>\n'
            '<!-- Default translations -->\n')
    alternatives = []
    for s, t in units:
        if rng.random() < 0.04:
            alternatives.append((s, t))
            continue
        f.write(_omegat_tu(s, t, rng, ""))
    f.write("<!-- Alternative translations -->\n")
    for n, (s, t) in enumerate(alternatives):
        props = (f'      <prop type="file">docs/chapter{n % 40}.odt</prop>\n      <prop type="id">{n}</prop>\n'
                 f'      <prop type="prev">{escape(s[:20])}</prop>\n      <prop type="next">{escape(t[-20:])}</prop>\n')
        f.write(_omegat_tu(s, t, rng, props))
    f.write("  </body>\n</tmx>\n")


def _omegat_tu(s: str, t: str, rng: random.Random, props: str) -> str:
    tagged = rng.random() < 0.08
    src = _omegat_tags(s, random.Random(s)) if tagged else escape(s)
    tgt = _omegat_tags(t, random.Random(t)) if tagged else escape(t)
    user, date = USERS[rng.randrange(2)], _date(rng)
    note = f"      <note>{escape(s[:30])}</note>\n" if rng.random() < 0.02 else ""
    return (f'    <tu>\n{props}{note}      <tuv xml:lang="en-US">\n        <seg>{src}</seg>\n      </tuv>\n'
            f'      <tuv xml:lang="ru-RU" changeid="{user}" changedate="{date}" creationid="{user}" '
            f'creationdate="{date}">\n        <seg>{tgt}</seg>\n      </tuv>\n    </tu>\n')


def _codes(text: str, rng: random.Random) -> str:
    """Trados Studio's inline codes: a bold word (bpt/ept) and a placeholder."""
    words = [escape(w) for w in text.split(" ")]
    i = rng.randrange(len(words))
    words[i] = f'<bpt i="1" type="1" x="1" />{words[i]}<ept i="1" />'
    words.append('<ph x="2" type="3" />')
    return " ".join(words)


def _trados(units: Iterable[tuple[str, str]], rng: random.Random, f) -> None:  # type: ignore[no-untyped-def]
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<tmx version="1.4">\n  <header creationtool="SDL Language '
            'Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" '
            'adminlang="en-US" srclang="en-US" creationdate="20090504T230119Z" creationid="PEGASUS\\Ziad">\n'
            '    <prop type="x-Recognizers">RecognizeAll</prop>\n    <prop type="x-TMName">Software_EN-US_RU-RU'
            '</prop>\n  </header>\n  <body>\n')
    for s, t in units:
        coded = rng.random() < 0.15
        src, tgt = (_codes(s, random.Random(s)), _codes(t, random.Random(s))) if coded else (escape(s), escape(t))
        structure = ('      <prop type="x-StructureContext:MultipleString">x-tm-listitem</prop>\n'
                     if rng.random() < 0.33 else "")
        f.write(f'    <tu creationdate="{_date(rng)}" creationid="{USERS[2]}" changedate="{_date(rng)}" '
                f'changeid="{USERS[rng.randrange(4)]}" lastusagedate="{_date(rng)}" usagecount="{rng.randrange(9)}">\n'
                f'      <prop type="x-Context">{rng.getrandbits(63) - (1 << 62)}, {rng.getrandbits(63) - (1 << 62)}'
                f'</prop>\n      <prop type="x-Origin">TM</prop>\n      <prop type="x-ConfirmationLevel">Translated'
                f'</prop>\n{structure}      <tuv xml:lang="en-US">\n        <seg>{src}</seg>\n      </tuv>\n'
                f'      <tuv xml:lang="ru-RU">\n        <seg>{tgt}</seg>\n      </tuv>\n    </tu>\n')
    f.write("  </body>\n</tmx>\n")


def _matecat(units: Iterable[tuple[str, str]], rng: random.Random, f) -> None:  # type: ignore[no-untyped-def]
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n    <header\n'
            '            creationtool="Matecat-Cattool"\n            creationtoolversion="1.0.1"\n'
            '            o-tmf="Matecat"\n            creationid="Matecat"\n            datatype="plaintext"\n'
            '            segtype="sentence"\n            adminlang="en-US"\n            srclang="en-US"/>\n'
            '    <body>\n')
    job = 351754
    for n, (s, t) in enumerate(units):
        tuid = 196899968 + n
        f.write(f'    <tu tuid="{tuid}" creationdate="{_date(rng)}" datatype="plaintext" srclang="en-US">\n'
                f'        <prop type="x-MateCAT-id_job">{job + n // 5000}</prop>\n'
                f'        <prop type="x-MateCAT-id_segment">{tuid}</prop>\n'
                f'        <prop type="x-MateCAT-filename">file_{n // 800}.docx</prop>\n'
                f'        <prop type="x-MateCAT-status">TRANSLATED</prop>\n        \n'
                f'        <tuv xml:lang="en-US">\n            <seg>{escape(s)}</seg>\n        </tuv>\n'
                f'        <tuv xml:lang="ru-RU">\n            <seg>{escape(t)}</seg>\n        </tuv>\n    </tu>\n\n')
    f.write("    </body>\n</tmx>\n")


def write_styled(path: Path, units: Iterable[tuple[str, str]], style: str, seed: int = 20260105) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        {"omegat": _omegat, "trados": _trados, "matecat": _matecat}[style](units, rng, f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("style", choices=STYLES)
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=20260105, help="bench/tm.py's seed (its synthetic file's texts)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tm  # bench/tm.py: the real en->ru pairs and the synthetic units made of them

    real = tm.debian_units()
    units = tm.synthetic(real, args.count, random.Random(args.seed + 1))
    write_styled(args.out, units, args.style, args.seed)
    print(f"{args.out}: {args.count:,} units, {args.style} style, {args.out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
