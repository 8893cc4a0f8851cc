"""Untrusted XML: no entity ever expanded, no attribute default applied, clear messages (issue 9, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjimon.core.errors import BadInput
from tarjimon.core.formats import tbx, tmx, xmlsafe

HEADER = ('<header srclang="uz" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
          'adminlang="en" datatype="plaintext"/>')  # fmt: skip
TU = '<tu><tuv xml:lang="{lang}"><seg>{seg}</seg></tuv><tuv xml:lang="kk"><seg>сәлем</seg></tuv></tu>'


def _tmx(
    tmp_path: Path, prolog: str, lang: str = "uz", seg: str = "salom", root: str = '<tmx version="1.4">'
) -> Path:
    p = tmp_path / "t.tmx"
    body = TU.format(lang=lang, seg=seg)
    p.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}\n{root}{HEADER}<body>\n{body}</body></tmx>\n',
                 encoding="utf-8")  # fmt: skip
    return p


def _read(path: Path) -> list[object]:
    return list(tmx.read_tmx(path))


@pytest.mark.parametrize(
    ("prolog", "lang", "seg", "word", "line"),
    [
        ('<!DOCTYPE tmx [<!-- <a --><!ENTITY l "uz">]>', "&l;", "salom", "entity declarations", 2),
        (
            "<!--" + "x" * 70_000 + '-->\n<!DOCTYPE tmx [<!ENTITY l "uz">]>',
            "&l;",
            "s",
            "entity declarations",
            3,
        ),
        ('<!DOCTYPE tmx [<!ENTITY l "uz">]>', "uz", "salom &l;", "entity declarations", 2),
        ('<!DOCTYPE tmx [<!ATTLIST tuv xml:lang CDATA "uz">]>', "uz", "s", "attribute defaults", 2),
        (
            '<!DOCTYPE tmx SYSTEM "x.dtd" [\n<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
            "uz",
            "s",
            "entity",
            3,
        ),
        ("<!DOCTYPE tmx [<!ELEMENT tmx ANY> %p;]>", "uz", "s", "parameter entity", 2),
        (
            '<?pi <!ENTITY ?><!DOCTYPE tmx [<!ELEMENT x "]>" > <!ENTITY a "b">]>',
            "uz",
            "s",
            "entity declarations",
            2,
        ),
    ],
)
def test_declarations_refused_wherever_they_hide(tmp_path: Path, prolog: str, lang: str, seg: str, word: str,
                                                 line: int) -> None:  # fmt: skip
    path = _tmx(tmp_path, prolog, lang, seg)
    with pytest.raises(BadInput, match=word) as info:
        _read(path)
    assert info.value.line == line


def test_harmless_doctypes_pass(tmp_path: Path) -> None:
    for prolog in ('<!DOCTYPE tmx SYSTEM "tmx14.dtd">', "<!DOCTYPE tmx [<!ELEMENT tmx ANY><!-- <!ENTITY x> -->]>",
                   "<!-- <!ENTITY a 'b'> -->"):  # fmt: skip
        records = _read(_tmx(tmp_path, prolog))
        assert len(records) == 2


def test_unknown_entity_in_prop_is_not_dropped_silently(tmp_path: Path) -> None:
    p = tmp_path / "t.tmx"
    p.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">{HEADER}<body>\n'
                 f'<tu><prop type="x">a &foo; b</prop>{TU[4:].format(lang="uz", seg="s")}</body></tmx>\n',
                 encoding="utf-8")  # fmt: skip
    with pytest.raises(BadInput, match="&foo;") as info:
        _read(p)
    assert info.value.line == 4


def test_undeclared_nbsp_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="Entity 'nbsp' not defined") as info:
        _read(_tmx(tmp_path, "", seg="salom&nbsp;dost"))
    assert info.value.line == 4


def test_namespaced_tmx_root_says_so(tmp_path: Path) -> None:
    path = _tmx(tmp_path, "", root='<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">')
    with pytest.raises(BadInput, match="namespace 'http://www.lisa.org/tmx14'"):
        _read(path)


TBX = """<?xml version="1.0" encoding="UTF-8"?>
{prolog}<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p><![CDATA[<!DOCTYPE x [<!ENTITY y "z">]>]]></p></sourceDesc></fileDesc>
</tbxHeader><text><body><conceptEntry id="c1"><langSec xml:lang="uz"><termSec><term>saylov</term></termSec>
</langSec><langSec xml:lang="kk"><termSec><term>сайлау</term></termSec></langSec></conceptEntry></body></text></tbx>
"""


def test_tbx_with_entity_text_in_cdata_is_accepted() -> None:
    g = tbx.read_tbx_bytes(TBX.format(prolog="").encode(), "g.tbx", "g")
    assert [c.terms["kk"] for c in g.concepts] == [("сайлау",)]


@pytest.mark.parametrize(
    "prolog",
    ['<!DOCTYPE tbx [<!ENTITY y "z">]>\n', '<!DOCTYPE tbx [<!ATTLIST langSec xml:lang CDATA "uz">]>\n'],
)
def test_tbx_declarations_refused(prolog: str) -> None:
    with pytest.raises(BadInput, match="refused") as info:
        tbx.read_tbx_bytes(TBX.format(prolog=prolog).encode(), "g.tbx", "g")
    assert info.value.line == 2


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["<!-- ", " -->", "<?p ", "?>", "<!DOCTYPE tmx ", "[", "]", ">", "'", '"', "<!ENTITY e 'v'>",
                              "<!ATTLIST tuv a CDATA 'd'>", "%e;", "<!ELEMENT x ANY>", "<a", "\n", " "]),
             max_size=14)
)  # fmt: skip
def test_scanner_never_passes_a_declaration_libxml2_would_see(parts: list[str]) -> None:
    """Property: whenever libxml2 parses a document with an entity or ATTLIST declaration, the scanner refused it."""
    from lxml import etree

    doc = "".join(parts) + "<tmx/>"
    try:
        xmlsafe.scan_prolog(doc, "x")
        refused = False
    except BadInput:
        refused = True
    try:
        tree = etree.fromstring(
            doc.encode(), etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return
    dtd = tree.getroottree().docinfo.internalDTD
    declared = dtd is not None and (list(dtd.iterentities()) or "<!ATTLIST" in doc.split("<tmx/>")[0])
    if declared:
        assert refused


@pytest.mark.parametrize("tus", [1000, 20000])
def test_undefined_entity_deep_in_a_big_file_names_its_line(tmp_path: Path, tus: int) -> None:
    """libxml2 reads a big file in pieces: iterparse then raised "Start tag expected" on line 1 for an
    undefined entity found in a later piece, while its log held the real error and line."""
    p = tmp_path / "big.tmx"
    bad = tus // 2
    lines = [TU.format(lang="uz", seg=f"gap {i}" + (" &undefined;" if i == bad else "")) for i in range(tus)]
    p.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{HEADER}<body>\n'
                 + "\n".join(lines) + "\n</body></tmx>\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(BadInput, match="Entity 'undefined' not defined") as info:
        _read(p)
    assert info.value.line == bad + 3
