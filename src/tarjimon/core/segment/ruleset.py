"""Loading and compiling segmentation rules from TOML files.

A rules file (SRX-like) holds abbreviation lists and break / no-break rules::

    [abbreviations]
    never_final = ["проф.", "e.g."]   # never the end of a sentence (titles, "that is", ...)
    conditional = ["млн.", "т.б."]    # a sentence end only before a capitalised word
    remove = ["г."]                   # (override files) drop an inherited entry

    [[rules]]
    name = "lowercase-continues"
    break = false
    before = '[.!?…]\\Z'               # regex that must match the text ending at the candidate break
    after = '\\p{Ll}'                  # regex that must match at the first non-space character after it

Patterns are Python regexes plus the Unicode classes ``\\p{Lu}``, ``\\p{Ll}`` and ``\\p{L}`` (upper-case,
lower-case, any letter; usable inside ``[...]`` too). ``^`` in ``before`` means the start of the paragraph.

Rules are tried in this order and the first one that matches decides: user rules, language rules, the
abbreviation lists, common rules. If nothing matches, the candidate is a sentence break.

Wire datelines are described apart, as formats built from named parts::

    [datelines.parts]
    place = '\\p{Lu}[\\p{L}\\-]*'
    [[datelines.formats]]
    name = "dash-agency-period"
    pattern = '{place},\\s*\\d{1,2}\\s\\p{L}+\\s*[–—-]\\s*\\p{Lu}\\p{L}+\\.'

A format matches at the start of a paragraph; no candidate break inside the matched text (or at its end)
breaks, so every dateline joins the first sentence.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tarjimon.core.errors import TarjimonError

#: Environment variable naming extra rules directories (separated by os.pathsep).
RULES_DIR_ENV = "TARJIMON_RULES_DIR"
#: Languages that ship a rules file; anything else uses only common.toml.
SHIPPED_LANGUAGES = frozenset({"uz", "kk", "ru", "en"})

_LANG_RE = re.compile(r"[a-z]{2,3}")


def normalise_lang(lang: str) -> str:
    """Reduce a BCP 47 tag ("uz-Cyrl", "EN_us", "kk") to its primary language subtag, lower-cased.

    Returns "und" for an empty or malformed tag, which selects the generic rules.
    """
    primary = re.split(r"[-_]", (lang or "").strip(), maxsplit=1)[0].lower()
    return primary if _LANG_RE.fullmatch(primary) else "und"


def _char_class(predicate: str) -> str:
    """Build the inside of a regex character class for the letters satisfying str.<predicate>()."""
    test = getattr(str, predicate)
    ranges: list[tuple[int, int]] = []
    # Latin, Greek, Cyrillic (incl. Kazakh/Uzbek letters), Latin Extended Additional.
    for block_start, block_end in ((0x41, 0x052F), (0x1E00, 0x1FFF)):
        for cp in range(block_start, block_end + 1):
            if test(chr(cp)):
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(parts)


_CLASSES: dict[str, str] = {}


def _class_body(name: str) -> str:
    if name not in _CLASSES:
        _CLASSES[name] = _char_class({"Lu": "isupper", "Ll": "islower", "L": "isalpha"}[name])
    return _CLASSES[name]


def expand_classes(pattern: str) -> str:
    r"""Replace \p{Lu}, \p{Ll} and \p{L} with explicit character classes (Python's re lacks them)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        m = re.match(r"\\p\{(Lu|Ll|L)\}", pattern[i:])
        if m:
            body = _class_body(m.group(1))
            out.append(body if in_class else f"[{body}]")
            i += m.end()
            continue
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class Rule:
    """One break / no-break rule: both patterns must match around a candidate break."""

    name: str
    breaks: bool
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    source: str = ""

    def matches(self, text: str, end: int, next_index: int, lookback: int = 80) -> bool:
        """True if `before` matches text ending at `end` and `after` matches at `next_index`.

        `before` only sees the last `lookback` characters (``^`` matches only if the paragraph starts there).
        """
        # `after` is an anchored match at one position: cheap, so it is tried first.
        if self.after is not None and self.after.match(text, next_index) is None:
            return False
        return self.before is None or self.before.search(text, max(0, end - lookback), end) is not None


@dataclass
class RuleSet:
    """The compiled rules for one language: ordered rules and abbreviation sets."""

    lang: str
    early: list[Rule] = field(default_factory=list)  # user rules, then language rules
    late: list[Rule] = field(default_factory=list)  # common rules
    never_final: set[str] = field(default_factory=set)
    conditional: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    datelines: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    opening_only: set[str] = field(default_factory=set)  # dateline formats taken at a paragraph's start only

    def dateline_end(self, paragraph: str, start: int = 0) -> int:
        """The end of the wire dateline that opens `paragraph`, or (`start` > 0) the sentence that starts at
        `start`, as after a lead line: "... жорий этилади. ТОШКЕНТ, 5 фев — Sputnik. Президент ..." (0 when
        there is none)."""
        if start and not _may_open_dateline(paragraph, start):
            return 0
        return max(
            (
                m.end()
                for name, p in self.datelines
                if not (start and name in self.opening_only) and (m := p.match(paragraph, start))
            ),
            default=0,
        )

    def abbreviation_kind(self, token: str) -> str | None:
        """Return "never_final", "conditional" or None for a token ending with a period."""
        # A one-letter token only matches exactly: "Й." is an initial, not "й." (йил).
        folded = token.lower() if sum(c.isalpha() for c in token) > 1 else token
        for kind, entries in (("never_final", self.never_final), ("conditional", self.conditional)):
            if token in entries or folded in entries:
                return kind
        return None


def _compile(pattern: str | None, where: str, anchor_end: bool) -> re.Pattern[str] | None:
    if not pattern:
        return None
    expanded = expand_classes(pattern)
    if anchor_end:
        expanded = f"(?:{expanded})\\Z"
    try:
        return re.compile(expanded)
    except re.error as exc:
        raise TarjimonError(f"bad segmentation rule pattern {pattern!r} in {where}: {exc}") from exc


def _parse(data: dict, where: str) -> tuple[list[Rule], dict[str, list[str]]]:
    rules: list[Rule] = []
    for i, raw in enumerate(data.get("rules", [])):
        if not isinstance(raw, dict) or "break" not in raw:
            raise TarjimonError(f"rule #{i + 1} in {where} needs a 'break' key (true or false)")
        rules.append(
            Rule(
                name=str(raw.get("name", f"rule-{i + 1}")),
                breaks=bool(raw["break"]),
                before=_compile(raw.get("before"), where, anchor_end=True),
                after=_compile(raw.get("after"), where, anchor_end=False),
                source=where,
            )
        )
    abbr = data.get("abbreviations", {})
    lists = {key: [str(x) for x in abbr.get(key, [])] for key in ("never_final", "conditional", "remove")}
    return rules, lists


_PART = re.compile(r"\{([a-z_]+)\}")


def _may_open_dateline(text: str, start: int) -> bool:
    """A cheap test before the dateline patterns inside a paragraph: a place of one to three capitalised words
    ending with a comma or a period ("ТОШКЕНТ,", "Astana.", "NEW YORK,")."""
    for word in text[start : start + 60].split(None, 3)[:3]:
        if not word[:1].isupper():
            return False
        if word[-1] in ",.":
            return True
    return False


def _compile_datelines(
    parts: dict[str, str], formats: list[tuple[str, str, str]]
) -> list[tuple[str, re.Pattern[str]]]:
    """Compile dateline formats, replacing {name} with its part (unknown names are left as they are)."""
    out = []
    for name, pattern, where in formats:
        full = _PART.sub(lambda m: f"(?:{parts[m.group(1)]})" if m.group(1) in parts else m.group(0), pattern)
        try:
            out.append((name, re.compile(r"\s*(?:" + expand_classes(full) + ")")))
        except re.error as exc:
            raise TarjimonError(f"bad dateline format {name!r} in {where}: {exc}") from exc
    return out


def _dateline_tables(data: dict, where: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    table = data.get("datelines", {})
    if not isinstance(table, dict):
        raise TarjimonError(f"'datelines' in {where} must be a table")
    parts = {str(k): str(v) for k, v in table.get("parts", {}).items()}
    formats = []
    for i, raw in enumerate(table.get("formats", [])):
        if not isinstance(raw, dict) or not raw.get("pattern"):
            raise TarjimonError(f"dateline format #{i + 1} in {where} needs a 'pattern'")
        formats.append((str(raw.get("name", f"dateline-{i + 1}")), str(raw["pattern"]), where))
    return parts, formats


def _norm_abbr(entry: str) -> str:
    entry = entry.strip()
    # Entries with capitals match exactly; lower-case entries match any casing (see abbreviation_kind).
    return entry if entry != entry.lower() else entry.lower()


def _read_toml(text: str, where: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TarjimonError(f"cannot read segmentation rules {where}: {exc}") from exc


def _packaged(name: str) -> tuple[str, str] | None:
    res = resources.files("tarjimon.core.segment.rules").joinpath(f"{name}.toml")
    if not res.is_file():
        return None
    return res.read_text(encoding="utf-8"), f"tarjimon:rules/{name}.toml"


def _env_dirs() -> tuple[str, ...]:
    value = os.environ.get(RULES_DIR_ENV, "")
    return tuple(p for p in value.split(os.pathsep) if p)


def load_rules(lang: str, extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> RuleSet:
    """Load the compiled rules for `lang` (any BCP 47 tag), cached.

    Packaged ``common.toml`` and ``<lang>.toml`` come first; then ``common.toml`` and ``<lang>.toml`` from each
    directory in `extra_dirs` and in ``$TARJIMON_RULES_DIR`` extend them: their abbreviations are added (or
    removed with ``remove``) and their rules take priority over the packaged ones.
    """
    dirs = tuple(str(Path(d)) for d in extra_dirs) + _env_dirs()
    return _load_cached(normalise_lang(lang), dirs)


def clear_cache() -> None:
    """Forget compiled rules (after editing a rules file in a running program)."""
    _load_cached.cache_clear()


@lru_cache(maxsize=64)
def _load_cached(lang: str, dirs: Sequence[str]) -> RuleSet:
    rs = RuleSet(lang=lang)
    layers: list[tuple[str, str, bool]] = []  # (text, where, is_common)
    for name in ("common", lang):
        if name == "common" or lang in SHIPPED_LANGUAGES:
            found = _packaged(name)
            if found:
                layers.append((*found, name == "common"))
    user_rules: list[Rule] = []
    parts: dict[str, str] = {}
    formats: list[tuple[str, str, str]] = []
    for d in dirs:
        for name in ("common", lang):
            path = Path(d) / f"{name}.toml"
            if path.is_file():
                layers.append((path.read_text(encoding="utf-8"), str(path), False))
    for text, where, is_common in layers:
        data = _read_toml(text, where)
        rules, lists = _parse(data, where)
        layer_parts, layer_formats = _dateline_tables(data, where)
        rs.opening_only.update(
            str(f.get("name")) for f in data.get("datelines", {}).get("formats", []) if f.get("opening_only")
        )
        parts.update(layer_parts)
        formats.extend(layer_formats)
        rs.sources.append(where)
        if where.startswith("tarjimon:"):
            (rs.late if is_common else rs.early).extend(rules)
        else:
            user_rules.extend(rules)
        rs.never_final.update(_norm_abbr(e) for e in lists["never_final"])
        rs.conditional.update(_norm_abbr(e) for e in lists["conditional"])
        for e in lists["remove"]:
            rs.never_final.discard(_norm_abbr(e))
            rs.conditional.discard(_norm_abbr(e))
    rs.early[:0] = user_rules
    rs.datelines = _compile_datelines(parts, formats)
    return rs
