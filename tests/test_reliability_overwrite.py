"""Overwrites: exports never replace a file silently; a rewritten glossary keeps its mode (issue 9, item 7)."""

from __future__ import annotations

import stat
from pathlib import Path


def test_glossary_export_refuses_existing_file_without_force(cli, tmp_path: Path) -> None:
    assert cli("glossary", "add", "news", "--uz", "saylov", "--kk", "сайлау").code == 0
    out = tmp_path / "out.tsv"
    out.write_text("precious\n", encoding="utf-8")
    r = cli("glossary", "export", "news", "-o", out)
    assert r.code == 2
    assert "exists (use --force" in r.err
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert cli("glossary", "export", "news", "-o", out, "--force").code == 0
    assert "saylov" in out.read_text(encoding="utf-8")


def test_rewritten_glossary_keeps_its_mode(cli, tmp_path: Path) -> None:
    assert cli("glossary", "add", "news", "--uz", "saylov", "--kk", "сайлау").code == 0
    path = tmp_path / "glossaries" / "news.tsv"
    path.chmod(0o664)
    assert cli("glossary", "add", "news", "--uz", "hukumat", "--kk", "үкімет").code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3
