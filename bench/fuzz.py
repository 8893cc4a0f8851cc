"""A long mutation-fuzz run over every reader (TMX, PO, TSV, CSV, TBX, articles), results in docs/reliability.md.

Valid seed files are mutated (bytes flipped, cut, duplicated, spliced with hostile snippets: entities,
DOCTYPEs, control characters, quotes) and read by the same functions the importers use, in this process under
RLIMIT_AS 500 MB and 5 s a case. A case ends as data, as a one-line TarjimonError, or as a finding (any other
exception, a multi-line message, a timeout): findings are printed with the seed and mutation to replay them.

    PYTHONPATH=src python bench/fuzz.py --seconds 600 --seed 1
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import tmx
from tarjimon.core.formats.po_units import read_po
from tarjimon.core.formats.tbx import read_tbx
from tarjimon.core.formats.tsv import read_table
from tarjimon.core.textio import read_text

SEEDS = {
    "tmx": ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
            '<tu><prop type="x-a">p</prop><tuv xml:lang="uz"><seg>Salom <bpt i="1">&lt;b&gt;</bpt>dunyo'
            '<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="kk"><seg>Сәлем әлем.</seg></tuv></tu>\n'
            '<tu><tuv xml:lang="uz"><seg>Yangi kun &amp; tun.</seg></tuv><tuv xml:lang="kk"><seg>Жаңа күн.</seg>'
            "</tuv></tu>\n</body></tmx>\n"),
    "po": ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n'
           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n#. note\nmsgctxt "m"\nmsgid "Salom \\"dunyo\\""\n'
           'msgstr "Сәлем әлем"\n\nmsgid "kun"\nmsgid_plural "kunlar"\nmsgstr[0] "күн"\nmsgstr[1] "күндер"\n'),
    "tsv": "uz\tkk\tnote\tstatus\nsaylov\tсайлау\tx\tpreferred\nhukumat | davlat\tүкімет\t\t\n",
    "csv": 'uz,kk,note\nsaylov,сайлау,"a, b"\nhukumat,үкімет,\n',
    "tbx": ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" '
            'style="dca" xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc>'
            '</tbxHeader><text><body><conceptEntry id="c1"><descrip type="subjectField">news</descrip>'
            '<langSec xml:lang="uz"><termSec><term>saylov</term></termSec></langSec><langSec xml:lang="kk">'
            "<termSec><term>сайлау</term></termSec></langSec></conceptEntry></body></text></tbx>\n"),
    "txt": "date 2026-01-05 Sarlavha\nSalom dunyo. Yangi kun boshlandi.\n\nBugun havo yaxshi.\n",
}  # fmt: skip
SNIPPETS = [b"&", b"&nbsp;", b"&l;", b"<!DOCTYPE x [<!ENTITY l 'a'>]>", b"<!ENTITY", b"<!ATTLIST tuv a CDATA 'x'>",
            b"%p;", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?pi", b"\x00", b"\x1b", b"\xff\xfe", b"\xef\xbb\xbf",
            b'"', b"\\", b"\t", b"\r\n", b"msgstr[9] ", b"msgid_plural ", b"|", b"<", b">", b"'", b"\xd0",
            b"<seg>", b"</tuv>", b"xmlns='x'", b"&#0;", b"&#x110000;", b"\n\n"]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    b = bytearray(data)
    steps = []
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(["flip", "cut", "insert", "dup", "delete", "truncate"])
        at = rng.randrange(len(b) + 1)
        if op == "flip" and b:
            i = min(at, len(b) - 1)
            b[i] = rng.randrange(256)
        elif op == "cut":
            del b[at : at + rng.randint(1, 20)]
        elif op == "insert":
            b[at:at] = rng.choice(SNIPPETS)
        elif op == "dup":
            b[at:at] = b[at : at + rng.randint(1, 60)] * rng.randint(2, 50)
        elif op == "delete" and b:
            del b[at : at + 1]
        elif op == "truncate":
            del b[at:]
        steps.append(f"{op}@{at}")
    return bytes(b), ",".join(steps)


def read(kind: str, path: Path) -> None:
    if kind == "tmx":
        for _ in tmx.read_tmx(path):
            pass
    elif kind == "po":
        list(read_po(path)[1])
    elif kind in ("tsv", "csv"):
        read_table(path, "g")
    elif kind == "tbx":
        read_tbx(path, "g")
    else:
        read_text(path)


class Slow(BaseException):
    pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (500 << 20, 500 << 20))

    def alarm(signum: int, frame: object) -> None:
        raise Slow()

    signal.signal(signal.SIGALRM, alarm)
    rng = random.Random(args.seed)
    outcome: Counter[str] = Counter()
    findings: list[str] = []
    worst = 0.0
    end = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory() as d:
        while time.monotonic() < end:
            kind = rng.choice(sorted(SEEDS))
            data, how = mutate(SEEDS[kind].encode("utf-8"), rng)
            path = Path(d) / f"case.{kind}"
            path.write_bytes(data)
            started = time.monotonic()
            signal.alarm(5)
            try:
                read(kind, path)
                outcome[f"{kind} read"] += 1
            except TarjimonError as exc:
                outcome[f"{kind} refused"] += 1
                if "\n" in str(exc).strip():
                    findings.append(f"{kind} {how}: multi-line message {str(exc)!r}")
            except Slow:
                findings.append(f"{kind} {how}: over 5 s")
            except BaseException:  # noqa: BLE001 - a crash is what we look for
                findings.append(f"{kind} {how}: {traceback.format_exc(limit=-2)}")
            finally:
                signal.alarm(0)
            worst = max(worst, time.monotonic() - started)
    total = sum(outcome.values()) + sum(1 for f in findings if "multi-line" not in f)
    print(f"cases: {total} in {args.seconds:.0f} s (seed {args.seed}); slowest case {worst * 1000:.0f} ms")
    for key in sorted(outcome):
        print(f"  {key}: {outcome[key]}")
    print(f"findings: {len(findings)}")
    for f in findings[:30]:
        print("  " + f)


if __name__ == "__main__":
    main()
