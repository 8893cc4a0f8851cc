"""A format that exists only in the tests: JSON Lines TM units, one {"source", "target", ...} object per line.

It proves the registry's promise: this module plus one `Format` line (added by the test) and Tarjimon reads
and writes it everywhere TM units are read and written, with no other change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from tarjimon.core import langs
from tarjimon.core.errors import BadInput
from tarjimon.core.files import atomic_write
from tarjimon.core.models.tm import Unit


def read_units(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"not JSON ({exc.msg})", path=path, line=n) from exc
        sl, tl = d.get("source_lang") or source_lang or "und", d.get("target_lang") or target_lang or "und"
        yield Unit(0, d["source"], d["target"], langs.primary(sl), langs.primary(tl), sl, tl,
                   notes=tuple(d.get("notes", ())))  # fmt: skip


def write_units(units: Iterable[Unit], path: str | Path, *, srclang: str) -> int:
    lines = [json.dumps({"source": u.source, "target": u.target, "source_lang": u.source_tag or u.source_lang,
                         "target_lang": u.target_tag or u.target_lang, "notes": list(u.notes)}, ensure_ascii=False)
             for u in units]  # fmt: skip
    atomic_write(path, "".join(line + "\n" for line in lines).encode("utf-8"))
    return len(lines)
