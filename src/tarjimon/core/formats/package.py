"""Office packages (DOCX, ODT) opened as untrusted input: a zip, of bounded size, whose XML is checked.

Checked before any XML parser or python-docx sees the bytes, each refusal one line naming the file:
- not a zip at all, or a password-protected Office file (an OLE2 container holding an encrypted package);
- a zip bomb: the members' declared sizes are capped, and every member is read with the same cap, so a
  member lying about its size is stopped too (zipfile stops at the declared size and checks the CRC);
- XML with a DOCTYPE declaring entities or attribute defaults (`xmlsafe`), in any member.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from tarjimon.core.errors import BadInput
from tarjimon.core.formats import xmlsafe
from tarjimon.core.textio import read_bytes

MAX_FILE = 128 << 20  # the package itself
MAX_TOTAL = 256 << 20  # uncompressed bytes in all members together
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_package(path: str | Path, label: str) -> tuple[bytes, dict[str, bytes]]:
    """The file's bytes and its members' bytes (name -> content), or BadInput saying why not."""
    data = read_bytes(path, limit=MAX_FILE)
    if data.startswith(OLE_MAGIC):
        raise BadInput(f"this {label} is password-protected or encrypted (or an old binary .doc): save it "
                       "without a password as a .docx/.odt and import that", path=path)  # fmt: skip
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        article = "an" if label[:1] in "AEFHILMNORSX" else "a"  # (an ODT, an XLSX: as the letters are said)
        raise BadInput(f"not {article} {label} file: not a zip package ({exc})", path=path) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadInput(f"the {label} package has {len(infos)} members (at most {MAX_MEMBERS})", path=path)
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL:
            raise BadInput(f"the {label} package unpacks to {declared >> 20} MB (at most {MAX_TOTAL >> 20} MB): "
                           "refused as a possible zip bomb", path=path)  # fmt: skip
        members: dict[str, bytes] = {}
        left = MAX_TOTAL
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise BadInput(f"the {label} package is encrypted: save it without a password", path=path)
            try:
                with archive.open(info) as f:
                    content = f.read(left + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise BadInput(f"damaged {label} package: {info.filename}: {exc}", path=path) from exc
            left -= len(content)
            if left < 0:
                raise BadInput(f"the {label} package unpacks to more than {MAX_TOTAL >> 20} MB: refused as a "
                               "possible zip bomb", path=path)  # fmt: skip
            members[info.filename] = content
    for name, content in members.items():
        if name.endswith((".xml", ".rels")) or content.lstrip()[:5] == b"<?xml":
            try:
                xmlsafe.check_prolog_bytes(content, path)
            except BadInput as exc:
                raise member_error(name, exc, path) from exc
    return data, members


def member_error(name: str, exc: BadInput, path: str | Path) -> BadInput:
    """A member's error as the package's: `story.docx: word/document.xml:3: malformed XML: ...`."""
    return BadInput(f"{name}{f':{exc.line}' if exc.line else ''}: {exc.message}", path=path)
