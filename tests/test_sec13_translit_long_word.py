"""Latin to Cyrillic of a word tens of thousands of letters long (capitals with a small-letter stretch: a
pasted code, a stuck key) is linear: `(.*[A-Z].*[A-Z])([a-z]+)` backtracked through every split, and the kept
spans' e-mail pattern was tried from every letter of a run: 16 s on a 30,000-letter word (quadratic).
`caps_suffix` gives the old split in one pass (checked against the old pattern on every word of a small
alphabet up to 7 letters); a 60,000-letter word is converted under a CPU limit (the old code needs about a
minute)."""

from __future__ import annotations

import itertools
import re
import resource
import subprocess
import sys
from pathlib import Path

from tarjimon.core.translit import to_cyrillic
from tarjimon.core.translit._lat2cyr import caps_suffix

SRC = Path(__file__).resolve().parents[1] / "src"
OLD = re.compile(r"(.*[A-Z].*[A-Z])([a-z]+)")


def test_the_split_is_the_old_patterns() -> None:
    for n in range(8):
        for letters in itertools.product("aAzZ'1", repeat=n):
            word = "".join(letters)
            m = OLD.fullmatch(word)
            assert caps_suffix(word) == ((m[1], m[2]) if m else None), word
    assert to_cyrillic("YuNESKOning qarori") == "ЮНЕСКОнинг қарори"


def test_a_very_long_word_is_converted_under_a_cpu_limit() -> None:
    code = "from tarjimon.core.translit import to_cyrillic; print(len(to_cyrillic('A' * 60000 + 'bbbA')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(SRC)},
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (20, 20)))  # fmt: skip
    assert done.returncode == 0, f"killed by the CPU limit or failed: {done.returncode} {done.stderr[-300:]}"
