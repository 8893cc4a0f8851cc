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


def _project_with_target(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Salom dunyo. Yangi kun.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--target", "kk").code == 0
    assert cli("import", "p", article).code == 0
    assert cli("tm", "import", "p", _tmx(tmp_path)).code == 0


def _tmx(tmp_path: Path) -> Path:
    p = tmp_path / "in.tmx"
    p.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="uz" creationtool="t" '
                 'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
                 '<tu><tuv xml:lang="uz"><seg>Salom</seg></tuv><tuv xml:lang="kk"><seg>Сәлем</seg></tuv></tu>'
                 "</body></tmx>\n", encoding="utf-8")  # fmt: skip
    return p


def test_export_and_tm_export_refuse_existing_files_without_force(cli, tmp_path: Path) -> None:
    _project_with_target(cli, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.kk.po").write_text("precious\n", encoding="utf-8")
    r = cli("export", "p", "--format", "po", "--target", "kk", "-o", out)
    assert r.code == 2 and "exists (use --force" in r.err and "a.kk.po" in r.err
    assert (out / "a.kk.po").read_text(encoding="utf-8") == "precious\n"
    assert cli("export", "p", "--format", "po", "--target", "kk", "-o", out, "--force").code == 0
    assert "msgid" in (out / "a.kk.po").read_text(encoding="utf-8")

    tm_out = tmp_path / "tm.tmx"
    tm_out.write_text("precious\n", encoding="utf-8")
    r = cli("tm", "export", "p", "-o", tm_out)
    assert r.code == 2 and "exists (use --force" in r.err
    assert tm_out.read_text(encoding="utf-8") == "precious\n"
    assert cli("tm", "export", "p", "-o", tm_out, "--force").code == 0
    assert "<tmx" in tm_out.read_text(encoding="utf-8")
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith((".part", ".tmp"))]
    assert leftovers == []


def test_export_never_writes_through_a_symlink(cli, tmp_path: Path) -> None:
    _project_with_target(cli, tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "tm.tmx"
    link.symlink_to(victim)
    r = cli("tm", "export", "p", "-o", link, "--force")
    assert r.code == 2 and "symbolic link" in r.err
    assert victim.read_text(encoding="utf-8") == "precious\n"
