"""Generate the hostile-file corpus: files an attacker or a careless colleague could hand to every importer.

`python tests/hostile/make_corpus.py DIR` writes them to DIR; tests/test_reliability_hostile.py generates them
into a temporary folder and runs each through the CLI. A file's name says which importer gets it (its
extension) and what it tries; names starting with `ok_` are odd but valid and must be accepted (UTF-16 without
a BOM is detected by XML's own rules; an XInclude is never processed; a unit in an unknown language is skipped).
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="1.4"><header srclang="uz" '
            'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            'datatype="plaintext"/><body>\n')  # fmt: skip
TU = '<tu><tuv xml:lang="{a}"><seg>{s}</seg></tuv><tuv xml:lang="kk"><seg>{t}</seg></tuv></tu>\n'
TBX = ('<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" '
       'style="dca" xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>'
       '<text><body>{body}</body></text></tbx>\n')  # fmt: skip
CONCEPT = ('<conceptEntry id="c{n}"><langSec xml:lang="{lang}"><termSec><term>{uz}</term></termSec></langSec>'
           '<langSec xml:lang="kk"><termSec><term>{kk}</term></termSec></langSec></conceptEntry>')  # fmt: skip
PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={cs}\\n"\n"Language: kk\\n"\n{extra}\n'
LAUGHS = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
RU = "Президент Казахстана заявил, что страна должна стать цифровым государством в ближайшие годы.\n"
UZ = "Salom dunyo. Yangi kun boshlandi. Bugun havo yaxshi.\n"


def _tmx(doctype: str = "", body: str = "", tail: str = "</body></tmx>\n") -> str:
    return TMX_HEAD.format(doctype=doctype) + body + tail


def _tu(s: str = "salom", t: str = "сәлем", a: str = "uz") -> str:
    return TU.format(a=a, s=s, t=t)


def _tbx(doctype: str = "", body: str | None = None) -> str:
    return TBX.format(doctype=doctype, body=CONCEPT.format(n=1, lang="uz", uz="saylov", kk="сайлау")
                      if body is None else body)  # fmt: skip


def _po(body: str, cs: str = "UTF-8", extra: str = "") -> str:
    return PO_HEAD.format(cs=cs, extra=extra) + body


def _text_files() -> dict[str, bytes | str]:
    """Files as (name -> content); special files (devices, FIFOs, folders) are made by `make`."""
    junk = bytes(range(256)) * 40
    f: dict[str, bytes | str] = {}
    # ---- articles
    f.update({
        "article_empty.txt": b"", "article_spaces.txt": b"   \n\n\t\n", "article_nul.txt": b"Salom\x00dunyo.\n",
        "article_binary.txt": junk, "article_utf16_nobom.txt": UZ.encode("utf-16-le"),
        "article_control.txt": b"Salom \x1b[31mdunyo\x07.\n", "article_bad_utf8.txt": b"Salom \xff\xfe dunyo.\n",
        "article_latin1.txt": "Ça va très bien, merci à vous.\n".encode("latin-1"),
        "article_koi8.txt": RU.encode("koi8_r"), "article_maccyr.txt": RU.encode("mac_cyrillic"),
        "article_png.md": b"\x89PNG\r\n\x1a\n" + junk, "article_zip.md": b"PK\x03\x04" + junk,
        "article_gzip.txt": zlib.compress(UZ.encode() * 100), "article_cesu.txt": b"Salom \xed\xa0\x80 dunyo.\n",
        "article_utf8_bom_then_junk.txt": b"\xef\xbb\xbfSalom\x00\x01\x02\n", "article_overlong.txt": b"Sal\xc0\xafom.\n",
        "article_utf32.txt": UZ.encode("utf-32"), "article_del.md": b"# Sarlavha\n\x7f\x7f\n",
        "article_exe.txt": b"MZ\x90\x00" + junk, "article_pdf.txt": b"%PDF-1.7\n" + junk,
    })  # fmt: skip
    # ---- PO
    f.update({
        "po_unterminated.po": _po('msgid "abc\nmsgstr "x"\n'),
        "po_truncated.po": _po('msgid "one"\nmsgstr "bir"\n\nmsgid "two"\n'),
        "po_plural7.po": _po('msgid "d"\nmsgid_plural "ds"\nmsgstr[0] "k"\nmsgstr[7] "ks"\n',
                             extra='"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'),
        "po_duplicate.po": _po('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
        "po_index_no_plural.po": _po('msgid "a"\nmsgstr[0] "b"\n'),
        "po_bad_keyword.po": _po('msgid "a"\nmsgtxt "b"\nmsgstr "c"\n'),
        "po_msgstr_first.po": _po('msgstr "b"\nmsgid "a"\n'),
        "po_stray_string.po": '"orphan"\nmsgid "a"\nmsgstr "b"\n',
        "po_bad_escape.po": _po('msgid "a\\q"\nmsgstr "b"\n'),
        "po_no_quotes.po": _po("msgid a\nmsgstr b\n"),
        "po_unknown_charset.po": _po('msgid "a"\nmsgstr "b"\n', cs="X-NOSUCH-9"),
        "po_charset_lies.po": _po('msgid "a"\nmsgstr "é"\n', cs="ASCII").encode("utf-8"),
        "po_nul.po": _po('msgid "a"\nmsgstr "b\x00c"\n'), "po_control.po": _po('msgid "a"\nmsgstr "b\x1bc"\n'),
        "po_binary.po": junk, "po_mo_file.po": b"\xde\x12\x04\x95" + junk,
        "po_plural_gap.po": _po('msgid "d"\nmsgid_plural "ds"\nmsgstr[0] "k"\nmsgstr[2] "ks"\n'),
        "po_plural_plain_msgstr.po": _po('msgid "d"\nmsgid_plural "ds"\nmsgstr "k"\n'),
        "po_msgstr_twice.po": _po('msgid "a"\nmsgstr "b"\nmsgstr "c"\n'),
        "po_plural_twice.po": _po('msgid "a"\nmsgid_plural "b"\nmsgid_plural "c"\nmsgstr[0] "x"\n'),
        "po_unterminated_continuation.po": _po('msgid "a"\nmsgstr ""\n"b\n'),
        "po_long_line.po": _po('msgid "' + "a" * (1 << 21) + '"\nmsgstr "b"\n'),
        "po_only_msgid.po": 'msgid "a"\n', "po_koi8_unlabelled.po": _po(f'msgid "a"\nmsgstr "{RU.strip()}"\n',
                                                                         cs="UTF-8").encode("utf-8").replace(
            RU.strip().encode(), RU.strip().encode("koi8_r")),
        "ok_po_context_twice.po": _po('msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
    })  # fmt: skip
    # ---- TMX
    f.update({
        "tmx_billion_laughs.tmx": _tmx(f"<!DOCTYPE tmx [{LAUGHS}]>\n", _tu("&l9;")),
        "tmx_xxe.tmx": _tmx('<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', _tu("&x;")),
        "tmx_xxe_http.tmx": _tmx('<!DOCTYPE tmx [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n', _tu("&x;")),
        "tmx_pe.tmx": _tmx('<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n', _tu()),
        "tmx_comment_hides.tmx": _tmx('<!DOCTYPE tmx [<!-- <a --><!ENTITY l "uz">]>\n', _tu(a="&l;")),
        "tmx_long_comment.tmx": _tmx("<!--" + "x" * 70_000 + '-->\n<!DOCTYPE tmx [<!ENTITY l "uz">]>\n',
                                     _tu(a="&l;")),
        "tmx_attlist.tmx": _tmx('<!DOCTYPE tmx [<!ATTLIST tuv xml:lang CDATA "uz">]>\n',
                                '<tu><tuv><seg>a</seg></tuv><tuv xml:lang="kk"><seg>b</seg></tuv></tu>\n'),
        "tmx_entity_in_attr.tmx": _tmx('<!DOCTYPE tmx [<!ENTITY l "uz">]>\n', _tu(a="&l;")),
        "tmx_entity_in_prop.tmx": _tmx('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n',
                                       '<tu><prop type="x">a &foo; b</prop>' + _tu()[4:]),
        "tmx_undeclared_nbsp.tmx": _tmx("", _tu("salom&nbsp;dunyo")),
        "tmx_namespaced.tmx": _tmx().replace('<tmx version="1.4">', '<tmx xmlns="urn:x" version="1.4">'),
        "tmx_wrong_root.tmx": '<?xml version="1.0"?>\n<html><body>hi</body></html>\n',
        "tmx_truncated.tmx": _tmx("", _tu() + '<tu><tuv xml:lang="uz"><seg>cut', tail=""),
        "tmx_mismatched.tmx": _tmx("", "<tu><tuv><seg></tuv></seg></tu>\n"),
        "tmx_no_lang.tmx": _tmx("", '<tu><tuv><seg>a</seg></tuv><tuv xml:lang="kk"><seg>b</seg></tuv></tu>\n'),
        "tmx_no_seg.tmx": _tmx("", '<tu><tuv xml:lang="uz"></tuv><tuv xml:lang="kk"><seg>b</seg></tuv></tu>\n'),
        "tmx_element_in_seg.tmx": _tmx("", _tu("a <script>x</script> b")),
        "tmx_charref_nul.tmx": _tmx("", _tu("a&#0;b")), "tmx_charref_surrogate.tmx": _tmx("", _tu("a&#xD800;b")),
        "tmx_charref_huge.tmx": _tmx("", _tu("a&#x110000;b")),
        "tmx_deep.tmx": _tmx("", "<tu>" + "<hi>" * 5000 + "x" + "</hi>" * 5000 + "</tu>\n"),
        "tmx_unterminated_cdata.tmx": _tmx("", _tu("<![CDATA[abc")),
        "tmx_two_roots.tmx": _tmx() + "<tmx/>\n", "tmx_text_after.tmx": _tmx() + "junk\n",
        "tmx_pi_before_decl.tmx": "\n<?pi x?>" + _tmx(),
        "tmx_bad_encoding.tmx": _tmx().replace('encoding="UTF-8"', 'encoding="X-NOSUCH"'),
        "ok_tmx_utf16_no_bom.tmx": _tmx("", _tu()).encode("utf-16-le"),
        "tmx_latin1_lies.tmx": _tmx("", _tu("Ça va très", "tres")).encode("latin-1"),
        "tmx_binary.tmx": junk, "tmx_empty.tmx": b"", "tmx_only_decl.tmx": '<?xml version="1.0"?>\n',
        "ok_tmx_xinclude_ignored.tmx": _tmx("", '<tu><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                     'href="/etc/passwd" parse="text"/></tu>\n'),
        "ok_tmx_huge_lang_skipped.tmx": _tmx("", _tu(a="uz" + "x" * 200_000)),
        "tmx_unknown_doctype_decl.tmx": _tmx("<!DOCTYPE tmx [<!FOO bar>]>\n", _tu()),
        "tmx_quoted_bracket.tmx": _tmx('<!DOCTYPE tmx [<!ELEMENT x "]>" > <!ENTITY a "b">]>\n', _tu("&a;")),
        "tmx_ent_lowercase.tmx": _tmx('<!DOCTYPE tmx [<!entity a "b">]>\n', _tu()),
        "tmx_gzip.tmx": zlib.compress(_tmx("", _tu()).encode()),
        "ok_tmx_system_doctype.tmx": _tmx('<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n', _tu()),
        "ok_tmx_comment_entity_text.tmx": _tmx("<!-- <!ENTITY a 'b'> -->\n", _tu("x &lt;!ENTITY&gt;")),
    })  # fmt: skip
    # ---- TSV / CSV (issue 12: a repeated source term adds a synonym, a short row is a term not yet translated)
    f.update({
        "tsv_empty.tsv": b"", "tsv_header_only.tsv": "uz\tkk\n", "ok_tsv_short_row.tsv": "uz\tkk\nsaylov\n",
        "tsv_no_lang.tsv": "note\tdomain\nx\ty\n", "tsv_bad_lang.tsv": "uz\tklingon-xx-yy-zz\na\tb\n",
        "tsv_dup_lang.tsv": "uz\tuz\na\tb\n", "tsv_binary.tsv": junk, "tsv_nul.tsv": "uz\tkk\na\x00\tb\n",
        "tsv_bad_status.tsv": "uz\tkk\tstatus\na\tb\tawesome\n", "ok_tsv_dup_concept_synonym.tsv": "uz\tkk\na\tb\na\tc\n",
        "tsv_no_terms.tsv": "uz\tkk\tnote\n\t\tjust a note\n", "tsv_koi8.tsv": ("uz\tru\na\t" + RU).encode("koi8_r"),
        "tsv_control.tsv": "uz\tkk\na\x1b\tb\n", "tsv_utf16_nobom.tsv": "uz\tkk\na\tb\n".encode("utf-16-le"),
        "csv_unterminated.csv": 'uz,kk\n"saylov,сайлау\n', "csv_empty.csv": b"", "csv_header_only.csv": "uz,kk\n",
        "csv_ragged.csv": "uz,kk\na,b,c\n", "csv_binary.csv": junk, "csv_bad_lang.csv": "uz,zz-zz-zz-zz\na,b\n",
        "csv_nul.csv": "uz,kk\na\x00,b\n", "csv_maccyr.csv": ("uz,ru\na," + RU).encode("mac_cyrillic"),
        "ok_csv_dup_concept_synonym.csv": "uz,kk\na,b\na,c\n",
        "ok_csv_semicolon.csv": "uz;kk\nsaylov;сайлау\n",
    })  # fmt: skip
    # ---- TBX
    f.update({
        "tbx_billion_laughs.tbx": _tbx(f"<!DOCTYPE tbx [{LAUGHS}]>\n",
                                       CONCEPT.format(n=1, lang="uz", uz="&l9;", kk="x")),
        "tbx_xxe.tbx": _tbx('<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
                            CONCEPT.format(n=1, lang="uz", uz="&x;", kk="x")),
        "tbx_attlist.tbx": _tbx('<!DOCTYPE tbx [<!ATTLIST langSec xml:lang CDATA "uz">]>\n'),
        "tbx_pe.tbx": _tbx('<!DOCTYPE tbx [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n'),
        "tbx_comment_hides.tbx": _tbx('<!DOCTYPE tbx [<!-- <a --><!ENTITY l "uz">]>\n',
                                      CONCEPT.format(n=1, lang="&l;", uz="a", kk="b")),
        "tbx_wrong_root.tbx": '<?xml version="1.0"?>\n<html/>\n', "tbx_malformed.tbx": _tbx()[:-30],
        "tbx_empty.tbx": b"", "tbx_binary.tbx": junk, "tbx_no_concepts.tbx": _tbx(body=""),
        "tbx_undeclared.tbx": _tbx(body=CONCEPT.format(n=1, lang="uz", uz="a&nbsp;b", kk="c")),
        "tbx_no_lang.tbx": _tbx(body='<conceptEntry id="c1"><langSec><termSec><term>a</term></termSec></langSec>'
                                     '</conceptEntry>'),
        "tbx_bad_lang.tbx": _tbx(body=CONCEPT.format(n=1, lang="zz-zz-zz-zz-zz", uz="a", kk="b")),
        "tbx_deep.tbx": _tbx(body="<x>" * 5000 + "</x>" * 5000),
        "ok_tbx_utf16_no_bom.tbx": _tbx().encode("utf-16-le"), "tbx_bad_encoding.tbx": _tbx().replace("UTF-8", "X-NO"),
        "tbx_gzip.tbx": zlib.compress(_tbx().encode()),
        "ok_tbx_cdata_entity.tbx": _tbx().replace("<p>x</p>", '<p><![CDATA[<!DOCTYPE x [<!ENTITY y "z">]>]]></p>'),
    })  # fmt: skip
    return f


SPECIAL_EXTS = ("txt", "po", "tmx", "tsv", "csv", "tbx")


def make(folder: str | Path) -> list[Path]:
    """Write the corpus into `folder`; return the paths (regular files, links to devices, FIFOs, folders)."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for name, content in _text_files().items():
        path = root / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        out.append(path)
    for ext in SPECIAL_EXTS:
        for kind in ("zero", "urandom", "full"):
            link = root / f"dev_{kind}.{ext}"
            link.symlink_to(f"/dev/{kind}")
            out.append(link)
        fifo = root / f"fifo.{ext}"
        os.mkfifo(fifo)
        folder_x = root / f"folder.{ext}"
        folder_x.mkdir()
        big = root / f"huge_sparse.{ext}"
        with open(big, "wb") as f:
            f.truncate(200 * 1024 * 1024)  # sparse: costs no disk, would cost 200 MB to read
        out += [fifo, folder_x, big]
    return out


if __name__ == "__main__":
    paths = make(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(f"{len(paths)} hostile files")
