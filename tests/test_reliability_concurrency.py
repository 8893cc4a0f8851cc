"""Concurrent writers: every write present once (issue 9, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(REPO / "src"),
        TARJIMON_PROJECTS=str(tmp_path / "projects"),
        TARJIMON_GLOSSARIES=str(tmp_path / "glossaries"),
    )


def _start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tarjimon", *args],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _rows(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]


def test_fifty_concurrent_glossary_adds_all_land(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = subprocess.run(
        [sys.executable, "-m", "tarjimon", "glossary", "add", "news", "--uz", "boshlang'ich", "--kk", "бастапқы"],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    procs = [
        _start(["glossary", "add", "news", "--uz", f"atama{i:02d}", "--kk", f"термин{i:02d}"], env, tmp_path)
        for i in range(50)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    rows = _rows(tmp_path / "glossaries" / "news.tsv")
    assert len(rows) == 51
    for i in range(50):
        assert sum(f"atama{i:02d}\t" in r for r in rows) == 1


def test_add_racing_import_loses_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    big = tmp_path / "big.tsv"
    big.write_text("uz\tkk\n" + "".join(f"so'z{i:05d}\tсөз{i:05d}\n" for i in range(20000)), encoding="utf-8")
    importer = _start(["glossary", "import", "news", str(big)], env, tmp_path)
    adders = [
        _start(["glossary", "add", "news", "--uz", f"yangi{i}", "--kk", f"жаңа{i}"], env, tmp_path)
        for i in range(8)
    ]
    for p in [importer, *adders]:
        _out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    rows = _rows(tmp_path / "glossaries" / "news.tsv")
    assert len(rows) == 20008


def _tmx(path: Path, start: int, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
        )
        for i in range(start, start + n):
            f.write(
                f'<tu><tuv xml:lang="uz"><seg>Gap {i} haqida</seg></tuv><tuv xml:lang="kk"><seg>Сөйлем {i}</seg>'
                "</tuv></tu>\n"
            )
        f.write("</body></tmx>\n")  # fmt: skip
    return path


def test_concurrent_imports_into_one_project_each_land_once_or_are_refused(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert subprocess.run([sys.executable, "-m", "tarjimon", "new", "p", "--source", "uz", "--target", "kk"],
                          env=env, cwd=tmp_path, capture_output=True).returncode == 0  # fmt: skip
    jobs = []
    for k in range(4):
        jobs.append(
            _start(["tm", "import", "p", str(_tmx(tmp_path / f"t{k}.tmx", k * 2000, 2000))], env, tmp_path)
        )
    for k in range(3):
        article = tmp_path / f"a{k}.txt"
        article.write_text(f"Maqola {k}. Bugun yangi kun {k}.\n", encoding="utf-8")
        jobs.append(_start(["import", "p", str(article)], env, tmp_path))
    codes = []
    for p in jobs:
        _out, err = p.communicate(timeout=300)
        assert "Traceback" not in err
        assert p.returncode == 0 or (p.returncode == 2 and "is busy" in err), err
        codes.append(p.returncode)
    done = subprocess.run([sys.executable, "-m", "tarjimon", "stats", "p", "--json"], env=env, cwd=tmp_path,
                          capture_output=True, text=True)  # fmt: skip
    import json

    stats = json.loads(done.stdout)
    assert stats["tm_units"] == 2000 * sum(1 for c in codes[:4] if c == 0)
    assert stats["documents"] == sum(1 for c in codes[4:] if c == 0)
    assert codes.count(0) >= 1
