"""Disk full and read-only mounts: one line, exit 2, nothing left behind; reading works read-only (item 10).

A private mount namespace (`unshare -rm`) gives the test a tiny tmpfs and a read-only bind mount without
touching the machine; where user namespaces are not allowed the test skips and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, os, subprocess, sys
root, big = sys.argv[1], sys.argv[2]
mnt, ro = os.path.join(root, "mnt"), os.path.join(root, "ro")

def sh(*cmd):
    subprocess.run(cmd, check=True)

def cli(*args):
    r = subprocess.run([sys.executable, "-m", "tarjimon", *args], capture_output=True, text=True)
    return [r.returncode, r.stderr, r.stdout]

out = {}
sh("mount", "-t", "tmpfs", "-o", "size=2000k", "tmpfs", mnt)  # a new project.db (16 KB pages) is ~0.55 MB, ~0.7 with its TM tables
os.environ.update(TARJIMON_PROJECTS=mnt, TARJIMON_GLOSSARIES=os.path.join(mnt, "g"))
out["new"] = cli("new", "p", "--source", "uz", "--target", "kk")
out["stats0"] = cli("stats", "p")
out["import_full"] = cli("tm", "import", "p", big)
out["stats_after"] = cli("stats", "p", "--json")
out["add_small"] = cli("glossary", "add", "g", "--uz", "saylov", "--kk", "сайлау")
try:  # fill the disk
    with open(os.path.join(mnt, "filler"), "wb", buffering=0) as f:
        while True:
            f.write(b"x" * 4096)
except OSError:
    pass
out["add_full"] = cli("glossary", "add", "g", "--uz", "hukumat", "--kk", "үкімет")
out["export_full"] = cli("export", "p", "--format", "txt", "--target", "kk", "-o", os.path.join(mnt, "out"))
out["tm_export_full"] = cli("tm", "export", "p", "-o", os.path.join(mnt, "x.tmx"))
out["files"] = sorted(os.path.relpath(os.path.join(d, f), mnt) for d, _, fs in os.walk(mnt) for f in fs)
out["glossary"] = open(os.path.join(mnt, "g", "g.tsv"), encoding="utf-8").read()
sh("mount", "--bind", ro, ro)
sh("mount", "-o", "remount,bind,ro", ro)
os.environ.update(TARJIMON_PROJECTS=ro)
out["ro_stats"] = cli("stats", "p")
out["ro_import"] = cli("tm", "import", "p", big)
out["ro_export"] = cli("tm", "export", "p", "-o", os.path.join(ro, "x.tmx"))
print(json.dumps(out))
"""


def test_disk_full_and_read_only(tmp_path: Path) -> None:
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no user/mount namespaces here ({probe.stderr.decode().strip()})")
    big = tmp_path / "big.tmx"
    with open(big, "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
        )
        for i in range(20000):
            f.write(
                f'<tu><tuv xml:lang="uz"><seg>Birlik raqami {i} haqida {i * 7919 % 1000}</seg></tuv>'
                f'<tuv xml:lang="kk"><seg>Бірлік нөмірі {i}</seg></tuv></tu>\n'
            )
        f.write("</body></tmx>\n")  # fmt: skip
    (tmp_path / "mnt").mkdir()
    ro = tmp_path / "ro"
    env = dict(
        os.environ, PYTHONPATH=str(REPO / "src"), TARJIMON_PROJECTS=str(ro), TARJIMON_GLOSSARIES=str(ro / "g")
    )
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun.\n", encoding="utf-8")
    for args in (
        ["new", "p", "--source", "uz", "--target", "kk"],
        ["import", "p", str(article)],
        ["stats", "p"],
    ):
        assert (
            subprocess.run([sys.executable, "-m", "tarjimon", *args], env=env, capture_output=True).returncode
            == 0
        )
    done = subprocess.run(["unshare", "-rm", sys.executable, "-c", SCRIPT, str(tmp_path), str(big)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)

    def one_line(key: str, *words: str) -> None:
        code, err, _ = out[key]
        assert code == 2, (key, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (key, err)
        for w in words:
            assert w in err, (key, err)

    assert out["new"][0] == 0 and out["stats0"][0] == 0
    one_line("import_full", "disk full")
    assert out["stats_after"][0] == 0
    assert out["add_small"][0] == 0
    one_line("add_full", "disk full")
    one_line("export_full", "disk full")
    one_line("tm_export_full")
    leftovers = [f for f in out["files"] if f.endswith((".tmp", ".part", "-journal")) or "/out/" in f]
    assert leftovers == []
    assert "saylov" in out["glossary"] and "hukumat" not in out["glossary"]
    assert out["ro_stats"][0] == 0, out["ro_stats"]
    assert "1 document, 2 segments" in out["ro_stats"][2]
    one_line("ro_import", "read-only")
    one_line("ro_export", "read-only")
