"""Placeholders of a PO message flagged as a format string (`#, c-format`, `python-format`,
`python-brace-format`, `javascript-format`): whether a target's agree with its source's, as `msgfmt -c`
checks them and as the program printing the message needs them (a `%d` given a string, a `{name}` the
program does not pass: a crash).

The rule, msgfmt's for these formats (checked against `msgfmt -c` itself: tests/test_po_placeholders.py): the
target uses the same arguments as the source, each of the same kind (an integer, a floating-point number, a
character, a string, a pointer: `%d` and `%i` agree, `%d` and `%s` or `%ld` do not); a printf target may
reorder them by position (`%2$s … %1$d`) but not mix numbered and unnumbered ones; a `%` that starts no
placeholder (`100% готово`: `%%` is meant) makes the target no format string at all. Stricter than msgfmt where
the program would crash: a brace target naming a field the source has not (`{2}` of two). A plural form that
stands for one number only may leave out an argument (`plural`: "%d file" may be "один файл" where form 0 is 1
alone, not in Russian, whose form 0 is 1, 21, 31...). `mismatch` says what is wrong
in a few words, "" when nothing is.
"""

from __future__ import annotations

import re

FLAGS = ("c-format", "python-format", "python-brace-format", "javascript-format")

# printf (C, and gettext's javascript-format): %[N$][flags][width][.precision][size]conversion
_PRINTF = re.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*(\*(?:\d+\$)?|[1-9]\d*)?(?:\.(\*(?:\d+\$)?|\d*))?(hh|h|ll|l|L|q|j|z|Z|t)?"
    r"([diouxXeEfFgGaAcCsSpnm%bj])"
)
_PYTHON = re.compile(r"%(?:\(([^)%]*)\))?[-+ #0]*(\*|[1-9]\d*)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
# (a width never starts with 0, a name stops at the next %: one pass over a hostile 1 MB msgid, not n^2)
_PY_KINDS = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "number"), "c": "character"}
_BRACE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_KINDS = {**dict.fromkeys("di", "integer"), **dict.fromkeys("ouxXb", "unsigned integer"),
          **dict.fromkeys("eEfFgGaA", "number"), "c": "character", "C": "wide character", "s": "string",
          "S": "wide string", "p": "pointer", "n": "count pointer", "j": "string"}  # fmt: skip


def format_of(flags: list[str] | tuple[str, ...]) -> str:
    """The format a message's flags declare ("" for none, or one this module does not check)."""
    return next((f for f in flags if f in FLAGS), "")


def flags_of(line: str | None) -> list[str]:
    """The flags of a `#,` comment line."""
    return [f.strip() for f in (line or "#,")[2:].split(",") if f.strip()] if (line or "").startswith("#,") else []


def mismatch(fmt: str, source: str, target: str, *, plural: bool = False) -> str:
    """What is wrong with `target`'s placeholders against `source`'s under format `fmt` ("" when nothing is,
    or when `fmt` is not a format checked here)."""
    if not target.strip() or fmt not in FLAGS:
        return ""
    if fmt == "python-brace-format":
        return _named(_brace(source), _brace(target), plural=plural)
    pattern = _PYTHON if fmt == "python-format" else _PRINTF
    if _stray(source, pattern):
        return ""  # the source itself is no valid format string: nothing to hold the target to
    if _stray(target, pattern):
        return "a % that starts no placeholder (%% writes a percent sign)"
    if fmt == "python-format":
        src, tgt = _python(source), _python(target)
        if isinstance(src, dict) or isinstance(tgt, dict):
            if not (isinstance(src, dict) and isinstance(tgt, dict)):
                return "named and unnamed placeholders mixed" if tgt else ""
            return _named(src, tgt, plural=plural)
        return _numbered(dict(enumerate(src, 1)), dict(enumerate(tgt, 1)), plural=plural)
    src_args, tgt_args = _printf(source, fmt), _printf(target, fmt)
    if tgt_args is None:
        return "numbered (%1$s) and unnumbered placeholders mixed"
    if src_args is None:
        return ""  # the source itself is no valid format string: nothing to hold the target to
    return _numbered(src_args, tgt_args, plural=plural)


def _stray(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether `text` has a % that starts no placeholder of `pattern` (nor is the second of a %%)."""
    covered = {i for m in pattern.finditer(text) for i in range(m.start(), m.end())}
    return any(i not in covered for i in (m.start() for m in re.finditer("%", text)))


def _printf(text: str, fmt: str) -> dict[int, str] | None:
    """Argument number -> kind of a printf string (None: numbered and unnumbered mixed)."""
    args: dict[int, str] = {}
    numbered = unnumbered = False
    nxt = 1
    for m in _PRINTF.finditer(text):
        num, width, precision, size, conv = m.groups()
        if conv == "%" or conv == "m":
            continue
        if fmt == "javascript-format" and conv not in "sdifjxXobuc":
            continue
        for star in (width, precision):
            if star and star.startswith("*"):
                if len(star) > 1:
                    numbered = True
                    args[int(star[1:-1])] = "integer"
                else:
                    unnumbered = True
                    args[nxt], nxt = "integer", nxt + 1
        if num:
            numbered = True
            at = int(num)
        else:
            unnumbered = True
            at, nxt = nxt, nxt + 1
        args[at] = (size or "") + " " + _KINDS.get(conv, conv) if size else _KINDS.get(conv, conv)
    return None if numbered and unnumbered else args


def _python(text: str) -> dict[str, str] | list[str]:
    named: dict[str, str] = {}
    unnamed: list[str] = []
    for m in _PYTHON.finditer(text):
        name, width, precision, conv = m.groups()
        if conv == "%":
            continue
        kind = "any" if conv == "r" else _PY_KINDS.get(conv, "string")
        if name is not None:
            named[name] = kind
        else:
            unnamed += ["integer"] * sum(1 for x in (width, precision) if x == "*") + [kind]
    return named if named else unnamed


def _brace(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    auto = 0
    for m in _BRACE.finditer(text):
        inside = m.group(1)
        if inside is None:
            continue  # {{ or }}
        name = re.split(r"[.\[!:]", inside, maxsplit=1)[0].strip()
        if not name:
            name, auto = str(auto), auto + 1
        fields[name] = "any"
    return fields


def _named(src: dict[str, str], tgt: dict[str, str], *, plural: bool) -> str:
    missing = [name for name in src if name not in tgt]
    if missing and not plural:
        return f"{_show(missing[0])} is missing"
    for name, kind in tgt.items():
        if name not in src:
            return f"{_show(name)} is not in the source"
        if kind not in ("any", src[name]) and src[name] != "any":
            return f"{_show(name)} is a {kind} in the target, a {src[name]} in the source"
    return ""


def _numbered(src: dict[int, str], tgt: dict[int, str], *, plural: bool) -> str:
    for at, kind in sorted(tgt.items()):
        if at not in src:
            return f"the target has {len(tgt)} placeholders, the source {len(src)}"
        if kind != src[at] and "any" not in (kind, src[at]):
            return f"placeholder {at} is a {kind} in the target, a {src[at]} in the source"
    missing = [at for at in src if at not in tgt]
    if missing and not plural:
        return f"the target has {len(tgt)} placeholders, the source {len(src)}"
    return ""


def _show(name: str) -> str:
    return f"{{{name}}}" if name.isdigit() else f"'{name}'"
