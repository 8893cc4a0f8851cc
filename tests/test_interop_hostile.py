"""Hostile variants of real files from other tools (../shared/data/interop): an entity, an external entity, a
parameter entity, a DTD on the network, broken encoding, a lying encoding declaration, a NUL byte, truncated XML,
a FIFO, a 2 GB sparse file, elements nested 300 deep, an 11 MB attribute (libxml2's limits: said in words, not as
"try XML_PARSE_HUGE", which the user cannot do). Each is refused in one line naming the file, exit 2, nothing changed; the one thing
accepted is a DOCTYPE naming a DTD elsewhere (real TMX and TBX files name `tmx14.dtd`, old XLIFF files a URL):
the DTD is never fetched, which a listening socket here checks."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "interop"
FILES = {  # kind: (file, command, what the untouched file gives)
    "xlf2": ("real/other/openxliff_OpenXLIFF_Java_es.xliff2.xlf", ("import", "p"), "imported 519 segments"),
    "xlf1": ("real/other/translate_odf2xliff-reference.xliff12.xlf", ("import", "p"), "imported 10 segments"),
    "tmx": ("real/tmx/trados_studio_status.tmx", ("tm", "import", "p"), "14 units added"),
    "tbx": ("tbx/LTAC_TBX-Basic_Example_Astronomy_DCA_VALID.tbx", ("glossary", "import", "g"), "45 concepts added"),
    "po": ("real/po/gnome-menus_kk.po", ("import", "p"), "imported 37 segments"),
}
ROOTS = {"xlf2": b"xliff", "xlf1": b"xliff", "tmx": b"tmx", "tbx": b"tbx"}

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"real interop files missing: {SHARED}")


def _doctype(data: bytes, kind: str, subset: bytes) -> bytes:
    at = data.index(b"?>") + 2
    return data[:at] + b"<!DOCTYPE " + ROOTS[kind] + subset + b">" + data[at:]


def _in_root(data: bytes, kind: str, inside: bytes, attribute: bytes = b"") -> bytes:
    """`data` with `attribute` in its root element's start tag and `inside` right after it."""
    at = data.index(b"<" + ROOTS[kind])
    end = data.index(b">", at)
    return data[:end] + attribute + b">" + inside + data[end + 1 :]


def variant(data: bytes, kind: str, name: str) -> bytes:
    third = len(data) // 3
    return {
        "truncated": lambda: data[: len(data) // 2],
        "bad-utf8": lambda: data[:third] + b"\xff\xfe\xc3" + data[third:],
        "nul": lambda: data[:100] + b"\x00" + data[100:],
        "entity": lambda: _doctype(data, kind, b' [<!ENTITY e "boom">]'),
        "external-entity": lambda: _doctype(data, kind, b' [<!ENTITY x SYSTEM "file:///etc/passwd">]'),
        "parameter-entity": lambda: _doctype(data, kind, b' [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]'),
        "deep": lambda: _in_root(data, kind, b"<x-deep>" * 300 + b"</x-deep>" * 300),
        "huge-attribute": lambda: _in_root(data, kind, b"", b' x-junk="' + b"A" * (11 << 20) + b'"'),
        "utf16": lambda: b"\xff\xfe" + data.decode("utf-8").encode("utf-16-le"),
        "utf16-lie": lambda: data.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
        .replace(b'encoding="utf-8"', b'encoding="UTF-16"'),
    }[name]()


def state(tmp_path: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for d in ("projects", "glossaries")
            for p in sorted((tmp_path / d).rglob("*")) if p.is_file() and ".cache" not in p.parts
            and not p.name.endswith(".lock")}  # fmt: skip


@pytest.fixture
def ready(cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "en", "--targets", "es,kk,fr,de").code == 0
    assert cli("glossary", "add", "g", "--en", "star", "--kk", "жұлдыз").code == 0
    # a TM already in use
    tmx = tmp_path / "first.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence"'
                   ' o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Star</seg></tuv>'
                   '<tuv xml:lang="kk"><seg>Жұлдыз</seg></tuv></tu></body></tmx>', encoding="utf-8")  # fmt: skip
    assert cli("tm", "import", "p", str(tmx)).code == 0
    return cli


XML_CASES = [(k, n) for k in ROOTS for n in ("truncated", "bad-utf8", "nul", "entity", "external-entity",
                                                "parameter-entity", "utf16-lie", "deep", "huge-attribute")]  # fmt: skip
CASES = XML_CASES + [("po", n) for n in ("truncated", "bad-utf8", "nul", "utf16")] + \
    [(k, n) for k in FILES for n in ("fifo", "sparse")]  # fmt: skip


@pytest.mark.parametrize(("kind", "name"), CASES, ids=[f"{k}-{n}" for k, n in CASES])
def test_a_hostile_variant_of_a_real_file_is_refused_in_one_line(ready, tmp_path: Path, kind: str, name: str) -> None:  # type: ignore[no-untyped-def]
    rel, command, _ok = FILES[kind]
    src = SHARED / rel
    bad = tmp_path / "in" / f"{kind}-{name}{src.suffix}"
    bad.parent.mkdir()
    if name == "fifo":
        os.mkfifo(bad)
    elif name == "sparse":
        with open(bad, "wb") as f:
            f.write(src.read_bytes()[:300])
            f.truncate(2 * 1024**3)
    else:
        bad.write_bytes(variant(src.read_bytes(), kind, name))
    before = state(tmp_path)
    r = ready(*command, str(bad))
    assert r.code == 2 and r.err.count("\n") == 1 and str(bad) in r.err and "Traceback" not in r.err, r.err
    assert state(tmp_path) == before
    if kind == "po" and name == "utf16":  # before (5f37c3d): "binary data (NUL bytes) in a PO file"
        assert "a PO file in UTF-16" in r.err and "save it as UTF-8" in r.err, r.err
    if name in ("deep", "huge-attribute"):  # before (5f37c3d): "malformed XML: ... try XML_PARSE_HUGE"
        assert "XML_PARSE_HUGE" not in r.err and ("256 deep" if name == "deep" else "10 MB") in r.err, r.err


@pytest.mark.parametrize("kind", list(ROOTS))
def test_a_dtd_named_on_the_network_is_never_fetched(ready, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    calls: list[object] = []
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)

    def listen() -> None:
        while not stop.is_set():
            try:
                calls.append(server.accept())
            except TimeoutError:
                continue

    stop = threading.Event()
    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    try:
        rel, command, ok = FILES[kind]
        url = f"http://127.0.0.1:{server.getsockname()[1]}/evil.dtd".encode()
        path = tmp_path / f"dtd{Path(rel).suffix}"
        path.write_bytes(_doctype((SHARED / rel).read_bytes(), kind, b' SYSTEM "' + url + b'"'))
        r = ready(*command, str(path))
        assert r.code == 0 and ok in r.out + r.err, r.err  # read as the file it is, the DTD left where it is
    finally:
        stop.set()
        thread.join()
        server.close()
    assert calls == []
