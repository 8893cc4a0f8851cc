"""`tarjimon tm export NAME -o FILE.po`: a catalogue `msgfmt -c` passes without a word (the walk of the
eleventh session saw four warnings: Project-Id-Version, PO-Revision-Date, Last-Translator, Language-Team
missing), read back by polib with its language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest


def test_the_tm_as_po_passes_msgfmt_check_without_warnings(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tmx = tmp_path / "earlier.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="uz-Cyrl" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="uz-Cyrl"><seg>Қозоғистон рақамли давлатга айланиши керак.</seg></tuv>'
        '<tuv xml:lang="kk"><seg>Қазақстан цифрлық мемлекетке айналуы керек.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    assert cli("new", "seed", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("tm", "import", "seed", tmx).code == 0
    assert cli("tm", "export", "seed", "-o", tmp_path / "seed.kk.po", "--target", "kk").code == 0
    po = polib.pofile(str(tmp_path / "seed.kk.po"))
    assert po.metadata["Language"] == "kk"
    assert [(e.msgid, e.msgstr) for e in po] == [("Қозоғистон рақамли давлатга айланиши керак.",
                                                   "Қазақстан цифрлық мемлекетке айналуы керек.")]  # fmt: skip
    if not shutil.which("msgfmt"):
        pytest.skip("everything else passed; the msgfmt -c check needs msgfmt (Debian package gettext)")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "seed.kk.po")], capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"  # kk as the document PO exports say
