"""A gettext PO (or POT) file as a document: its messages, their translations and states, and the file written back.

Reading: every message of the file with a msgid (not the header, not an obsolete `#~` entry) is a paragraph;
its msgid is a segment, and a plural message has one segment per msgstr[N] of the file (msgid for form 0,
msgid_plural for the others; a POT's, whose msgstrs are empty and whose Plural-Forms is a placeholder, one per
form of the target language that has the most: three for Russian). Whitespace around a msgid (a leading or trailing "\\n") stays out of the
segment and comes back on export, as msgfmt -c wants. A msgstr comes with its state: a fuzzy one is a draft,
any other a translation; an empty one is no target. The file's Language names the target language (a POT
has none: its msgstrs are empty).

The file itself is kept with the document (`Article.original`: its text and, for each segment, the lines of
its message's msgstr and flags): writing the document back (`patch`) replaces only the msgstr lines of the
messages whose target changed, and their `fuzzy` flag; comments, references, flags, msgctxt, previous msgids
(`#|`), obsolete entries, the header, the line ends and the wrapping of everything else come back byte for
byte. Exported for another language than the file's (a POT translated into kk, ru), the header's Language and
Plural-Forms name it and a plural message gets that language's number of forms. Reviewers' open comments go
out as translator comments (`# ...`) of their message, each once.

A catalogue Tarjimon wrote for an article (`export --format po` of a txt/md/docx document: X-Generator Tarjimon,
msgctxt DOCUMENT:POSITION) is recognised on import (`Bilingual.origin`), so that a translator's work on it goes
back into that article (workbench/xliff_docs.merge_back).
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

from tarjimon.core import langs
from tarjimon.core.errors import BadInput, TarjimonError
from tarjimon.core.formats import po_formats, po_plurals
from tarjimon.core.formats.base import DocumentView
from tarjimon.core.formats.po_plurals import PLURAL_FORMS
from tarjimon.core.formats.po_units import parse_po
from tarjimon.core.formats.xliff_document import Bilingual, Target
from tarjimon.core.models.article import Article, Paragraph

FORMAT = "po"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b")


def _entries(lines: list[str]) -> dict[int, dict[str, Any]]:
    """The line spans of each live entry, keyed by its first line (1-based, as polib's `linenum`): "flags"
    (the `#,` line or None), "first" (its first keyword line, 0-based), "msgstr" ([start, end) 0-based)."""
    found: dict[int, dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    last = ""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or line.startswith("#~"):  # a blank line or an obsolete entry ends the entry
            cur, last = (None, "") if not line or last.startswith("msgstr") else (cur, last)
            continue
        if line.startswith("#"):
            if cur is None or last.startswith("msgstr"):
                cur, last = {"flags": None, "first": None, "msgstr": None}, ""
                found[i + 1] = cur
            if line.startswith("#,"):
                cur["flags"] = i
            continue
        if line.startswith('"'):
            if cur is not None and last.startswith("msgstr"):
                cur["msgstr"][1] = i + 1
            continue
        m = _KEYWORD.match(line)
        if m is None:
            continue
        kw = m.group(1)
        if cur is None or (kw in ("msgctxt", "msgid") and last.startswith("msgstr")):
            cur = {"flags": None, "first": None, "msgstr": None}
            found[i + 1] = cur
        if cur["first"] is None:
            cur["first"] = i
        if kw.startswith("msgstr"):
            cur["msgstr"] = [cur["msgstr"][0] if cur["msgstr"] else i, i + 1]
        last = kw
    return found


def _split_space(text: str) -> tuple[str, str, str]:
    body = text.strip()
    if not body:
        return text, "", ""
    start = text.find(body)
    return text[:start], body, text[start + len(body) :]


def read_bilingual(path: str | Path, target_langs: list[str] | None = None) -> Bilingual:
    """Read a PO file as a document: a paragraph per message, a segment per msgid (and plural form), targets
    with their statuses; the file kept for the export (see the module's docstring). A file without a
    Language header has its translations in the one target language of `target_langs` (refused when there
    are several)."""
    parsed = parse_po(path)
    po, unhide = parsed.catalogue, parsed.unhide
    lines = parsed.text.split("\n")
    spans = _entries(lines)
    language = (po.metadata.get("Language") or "").strip()
    assumed = target_langs[0] if target_langs and len(target_langs) == 1 else ""
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[int, str, str]] = []
    targets: list[Target | None] = []
    infos: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    contexts: list[str] = []  # each segment's msgctxt

    def plain(text: str) -> str:
        return text.translate(unhide) if unhide else text

    m = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    # a POT (no real Plural-Forms) gives a plural message as many forms as the targets need: Russian's "few"
    # and "many" are two segments, not one written into both msgstr[1] and msgstr[2]
    wanted = 0 if m else max((_nplurals(lang) for lang in target_langs or []), default=0)
    for entry in po:
        span = spans.get(max(entry.linenum, 1))  # (polib numbers an entry on the file's first line 0)
        if entry.obsolete or not entry.msgid or span is None or span["msgstr"] is None:
            continue  # the header, obsolete messages: kept in the file as they are
        forms = sorted(int(n) for n in entry.msgstr_plural) if entry.msgid_plural else [-1]
        if entry.msgid_plural and len(forms) < wanted and not any(entry.msgstr_plural.values()):
            forms = list(range(wanted))
        fuzzy = "fuzzy" in entry.flags
        texts = []
        for form in forms:
            source = plain(entry.msgid if form <= 0 else entry.msgid_plural)
            target = plain(entry.msgstr if form < 0 else entry.msgstr_plural.get(form, ""))
            lead, body, trail = _split_space(source)
            if not body:
                break
            texts.append((form, lead, body, trail, target))
        if len(texts) != len(forms):
            continue  # a msgid of spaces only: nothing to translate, kept as it is
        para = len(paragraphs)
        entries.append({"flags": span["flags"], "first": span["first"], "msgstr": span["msgstr"],
                        "plural": bool(entry.msgid_plural), "fuzzy": fuzzy, "line": entry.linenum})  # fmt: skip
        paragraphs.append(Paragraph(text=" ".join(body for _f, _l, body, _t, _s in texts)))
        for form, lead, body, trail, target in texts:
            shown = target.strip()
            status = "empty" if not shown else "draft" if fuzzy else "translated"
            # a plural form (msgstr[1], [2]...): its own kind, so that no repetition fill copies one form into
            # another of the same msgid_plural (Russian's "2 файла" is not "5 файлов")
            pieces.append((para, f"plural {form}" if form > 0 else "body", body))
            infos.append({"e": len(entries) - 1, "f": form, "lead": lead, "trail": trail, "raw": target,
                          "t": shown, "st": status})  # fmt: skip
            contexts.append(plain(entry.msgctxt or ""))
            if status != "empty" and not (language or assumed):
                raise BadInput(f"the PO has translations but no Language header to say which of the project's "
                               f"targets ({', '.join(target_langs or [])}) they are in: add one (Language: "
                               f"{(target_langs or ['kk'])[0]})", path=path, line=max(entry.linenum, 1))  # fmt: skip
            targets.append(Target(language or assumed, shown, status) if status != "empty" else None)
    if not pieces:
        raise BadInput("the file holds no message to translate", path=path)
    skeleton = {"version": FORMAT, "text": parsed.text, "charset": parsed.charset, "bom": parsed.bom,
                "language": language or assumed, "nplurals": int(m.group(1)) if m else 0, "entries": entries,
                "segments": infos}  # fmt: skip
    source = (po.metadata.get("X-Source-Language") or "").strip()  # msgid's language, where a tool says it
    origin, positions = _exported_from(po.metadata.get("X-Generator", ""), contexts)
    return Bilingual(FORMAT, frozenset([source] if source else []), Article(paragraphs=paragraphs,
                     original=pack(skeleton)), pieces, targets, origin, positions)  # fmt: skip


def _nplurals(lang: str) -> int:
    """The number of plural forms a PO export writes for `lang` (po.PLURAL_FORMS; 2 for one not there)."""
    m = _NPLURALS.search(PLURAL_FORMS.get(langs.primary(lang), ""))
    return int(m.group(1)) if m else 2


_EXPORTED_CONTEXT = re.compile(r"(.+):(\d+)")


def _exported_from(generator: str, contexts: list[str]) -> tuple[str, tuple[int, ...]]:
    """(document name, segment positions) when the file is what `export --format po` writes for a document of
    another format (X-Generator Tarjimon, every msgctxt DOCUMENT:POSITION); ("", ()) otherwise."""
    found = [_EXPORTED_CONTEXT.fullmatch(c) for c in contexts]
    if not generator.startswith("Tarjimon") or not all(found):
        return "", ()
    names = {m.group(1) for m in found if m}
    if len(names) != 1:
        return "", ()
    return names.pop(), tuple(int(m.group(2)) for m in found if m)



def read_article(path: str | Path) -> tuple[Article, str]:
    """The document reader of the registry (the importer stores segments and targets through read_bilingual)."""
    return read_bilingual(path).article, "utf-8"


def placeholder_mismatches(skeleton: dict[str, Any], view: DocumentView) -> dict[int, str]:
    """Segment id -> what is wrong with its target's placeholders, for each confirmed target of a message the
    file flags as a format string (c-format, python-format...) whose placeholders do not agree with its
    source's (po_formats: what msgfmt -c refuses, or the program would crash on)."""
    lines = skeleton["text"].split("\n")
    header = "".join(re.findall(r'^"(.*)"\s*$', skeleton["text"][: skeleton["text"].find("\n\n")], re.MULTILINE))
    head = re.search(r"Plural-Forms:\s*(.*?)(?:\\n|$)", header)  # (msgmerge wraps it over several lines)
    own = bool(skeleton["language"]) and langs.primary(skeleton["language"]) == view.target_lang
    single = po_plurals.single_forms(po_plurals.forms_of(view.target_lang, head.group(1) if head and own else ""))
    found: dict[int, str] = {}
    for info, (seg, tr) in zip(skeleton["segments"], view.pairs, strict=False):
        entry = skeleton["entries"][info["e"]]
        if tr.status not in ("translated", "reviewed") or entry["flags"] is None:
            continue
        fmt = po_formats.format_of(po_formats.flags_of(lines[entry["flags"]].strip()))
        why = po_formats.mismatch(fmt, seg.source, tr.text, plural=entry["plural"] and info["f"] in single) if fmt else ""
        if why:
            found[seg.id] = f"{fmt}: {why}"
    return found


def pack(skeleton: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(skeleton, ensure_ascii=False).encode(), 6)


def unpack(original: bytes | None, original_format: str) -> dict[str, Any] | None:
    """The skeleton a document imported from a PO file keeps, or None for any other document."""
    if original is None or original_format != FORMAT:
        return None
    data: dict[str, Any] = json.loads(zlib.decompress(original))
    return data


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") \
        .replace("\n", "\\n") + '"'  # fmt: skip


def _msgstr(keyword: str, text: str) -> list[str]:
    """msgstr lines as gettext writes them: one line, or "" then one line per "\\n"-ended piece."""
    parts = text.split("\n")
    if len(parts) <= 2 and not (len(parts) == 2 and parts[1]):
        return [f"{keyword} {_quote(text)}"]
    chunks = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return [f'{keyword} ""'] + [_quote(c) for c in chunks]


def _flags(line: str | None, fuzzy: bool) -> str | None:
    """The `#,` line with `fuzzy` added or taken out (None: no line left)."""
    flags = [f.strip() for f in (line or "#,")[2:].strip().split(",") if f.strip() and f.strip() != "fuzzy"]
    if fuzzy:
        flags.insert(0, "fuzzy")
    return f"#, {', '.join(flags)}" if flags else None


def _state(status: str) -> str:
    return "done" if status in ("translated", "reviewed") else status


def _unchanged(info: dict[str, Any], tr: Any) -> bool:
    """Whether a target is the one the file had (its text, and fuzzy or not)."""
    text = tr.text.strip()
    return text == info["t"] and (not text or _state(tr.status) == _state(info["st"]))


def _header(lines: list[str], skeleton: dict[str, Any], lang: str, plural_forms: dict[str, str]) -> None:
    """The header's Language set to `lang` when the file names another language or none (a POT), with that
    language's Plural-Forms, and a POT's charset placeholder made UTF-8. A file of `lang` keeps its header
    as it is, but for a POT's placeholder `nplurals=INTEGER; plural=EXPRESSION;` (a POT imported into a project
    of one target language is taken as that language's file; msgfmt -c refuses the placeholder)."""
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    if not any(line.startswith('msgid ""') for line in lines[:end]):
        return  # a file without a header
    placeholder = any(line.startswith('"Plural-Forms:') and not _NPLURALS.search(line) for line in lines[:end])
    if skeleton["language"] and langs.primary(skeleton["language"]) == lang and not placeholder:
        return  # the file's own language: its header as it is
    has_lang = False
    i = 0
    while i < end:
        field = None
        if lines[i].startswith('"Language:'):
            field, has_lang = f'"Language: {lang}\\n"', True
        elif lines[i].startswith('"Plural-Forms:') and lang in plural_forms:
            field = f'"Plural-Forms: {plural_forms[lang]}\\n"'
        elif lines[i].startswith('"Content-Type:'):
            lines[i] = lines[i].replace("charset=CHARSET", "charset=UTF-8")
        if field is not None:
            last = i  # the field may go on over several lines (msgmerge wraps long ones)
            while not lines[last].rstrip().endswith('\\n"') and last + 1 < end and lines[last + 1].startswith('"'):
                last += 1
            del lines[i + 1 : last + 1]
            end -= last - i
            lines[i] = field
        i += 1
    if not has_lang:
        lines.insert(end, f'"Language: {lang}\\n"')


def patch(skeleton: dict[str, Any], view: DocumentView, plural_forms: dict[str, str]) -> bytes:
    """The PO file the document was imported from, with `view`'s targets in it (see the module docstring)."""
    infos = skeleton["segments"]
    if len(infos) != len(view.pairs):
        raise TarjimonError(f"{view.document.name}: the document no longer matches the PO file it was imported "
                            "from; re-import the file")  # fmt: skip
    text: str = skeleton["text"]
    eol = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")
    if eol == "\r\n":
        lines = [line.removesuffix("\r") for line in lines]
    same_lang = bool(skeleton["language"]) and langs.primary(skeleton["language"]) == view.target_lang
    m = _NPLURALS.search(plural_forms.get(view.target_lang, ""))
    nplurals = int(m.group(1)) if m else 2
    head = text[: text.find("\n\n")]
    placeholder = not skeleton["nplurals"] and '"Plural-Forms:' in head  # a POT's nplurals=INTEGER: made real
    own_forms = same_lang and not placeholder  # the file's own Plural-Forms stays, or it has none
    by_entry: dict[int, list[tuple[dict[str, Any], Any]]] = {}
    notes: dict[int, list[str]] = {}
    for info, (seg, tr) in zip(infos, view.pairs, strict=True):
        by_entry.setdefault(info["e"], []).append((info, tr))
        notes.setdefault(info["e"], []).extend(view.notes.get(seg.id, ()))
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line -> (how many lines replaced, the new lines)
    inserted: dict[int, list[str]] = {}  # line -> lines written before it
    for index, found in notes.items():  # reviewers' open comments: translator comments (# ...) of the message
        entry = skeleton["entries"][index]
        start = max(entry["line"], 1) - 1
        had = set(lines[start : entry["msgstr"][0]])
        new_notes = [f"# {' '.join(n.split())}" for n in dict.fromkeys(found)]
        inserted.setdefault(start, []).extend(n for n in new_notes if n not in had)
    for index, forms in by_entry.items():
        if same_lang and all(_unchanged(info, tr) for info, tr in forms):
            continue  # as the file had it, byte for byte
        entry = skeleton["entries"][index]
        texts = [info["raw"] if same_lang and _unchanged(info, tr) else
                 info["lead"] + tr.text.strip() + info["trail"] if tr.text.strip() else "" for info, tr in forms]
        new: list[str] = []
        if entry["plural"]:
            for n in range((skeleton["nplurals"] or len(texts)) if own_forms else nplurals):
                new += _msgstr(f"msgstr[{n}]", texts[min(n, len(texts) - 1)])
        else:
            new += _msgstr("msgstr", texts[0])
        start, end = entry["msgstr"]
        replaced[start] = (end - start, new)
        fuzzy = any(tr.status == "draft" and tr.text.strip() for _info, tr in forms)
        if fuzzy != entry["fuzzy"]:
            flag = _flags(lines[entry["flags"]] if entry["flags"] is not None else None, fuzzy)
            if entry["flags"] is not None:
                replaced[entry["flags"]] = (1, [flag] if flag else [])
            elif flag:
                inserted.setdefault(entry["first"], []).append(flag)
    out: list[str] = []
    i = 0
    while i < len(lines):
        out += inserted.get(i, [])
        count, new = replaced.get(i, (0, []))
        out += new
        if count:
            i += count
            continue
        out.append(lines[i])
        i += 1
    _header(out, skeleton, view.target_lang, plural_forms)
    data = eol.join(out)
    charset = skeleton["charset"]
    try:
        encoded = data.encode(charset)
    except UnicodeEncodeError:  # Kazakh into a Latin-1 catalogue: the file becomes UTF-8, and says so
        data = re.sub(r"(charset=)[A-Za-z0-9_.:-]+", r"\1UTF-8", data, count=1)
        encoded = data.encode("utf-8")
        charset = "utf-8"
    return ("\ufeff".encode(charset) if skeleton["bom"] else b"") + encoded
