"""Quality assurance of targets: the checks a translator runs before delivery (as in Xbench or Verifika).

`check_segment` checks one target against its source (and the segment's other targets); `check_consistency`
is the project-wide rule that `qa.project.check_project` applies while it runs the checks over a project. Each finding
names its check by a stable id (see CHECKS) and has a severity: "error", "warning" or "info".
Pure Python, no UI: the CLI (`tarjimon qa`) and the TUI's QA panel call it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tarjimon.core.models.qa import Finding
from tarjimon.core.qa.number_words import word_numbers
from tarjimon.core.text.counts import counted
from tarjimon.core.text.fold import casefold
from tarjimon.core.text.stems import stem_found
from tarjimon.core.text.tokens import normalize_punctuation
from tarjimon.core.text.words import strip_apostrophes, words

SEVERITIES = ("error", "warning", "info")

#: Stable check ids and what each one looks for (docs/qa.md lists them too).
CHECKS: dict[str, str] = {
    "empty-translated": "a target marked translated or reviewed is empty",
    "number": "a number of the source is missing from the target, or the target has one the source lacks",
    "glossary-term": "a glossary term is recognised in the source but its target term is not in the target",
    "forbidden-term": "the target uses a term the glossary marks forbidden",
    "untranslated": "the target is identical to the source",
    "same-as-other-target": "the target is identical to another language's target of the segment",
    "whitespace": "leading or trailing whitespace differs from the source, or a double space",
    "end-punctuation": "the sentence ends differently (. ? ! … : ;) in the source and the target",
    "quotes": "quotation marks the source balances are unbalanced in the target (or the reverse)",
    "brackets": "brackets opened and closed differently in the source and the target",
    "tags": "inline tags or placeholders (⟨1⟩, {0}, %s, <b>) differ",
    "script-mix": "a target word mixes Latin and Cyrillic letters",
    "consistency": "the same source is translated differently elsewhere in the project",
}
_SEVERITY = {
    "empty-translated": "error",
    "number": "error",
    "glossary-term": "warning",
    "forbidden-term": "error",
    "untranslated": "warning",
    "same-as-other-target": "warning",
    "whitespace": "warning",
    "end-punctuation": "warning",
    "quotes": "warning",
    "brackets": "warning",
    "tags": "error",
    "script-mix": "warning",
    "consistency": "info",
}
_ORDER = {severity: i for i, severity in enumerate(SEVERITIES)}


# ---- numbers --------------------------------------------------------------------------------------
_TAG_RE = re.compile(r"⟨/?\d+/?⟩|\{\d*\}|\{[A-Za-z_]\w*\}|%(?:\(\w+\))?[sdif]|</?[A-Za-z][^<>]*>")
# Digits with thousand separators (space, no-break or thin space, comma, period) and a decimal part.
_NUMBER_RE = re.compile(
    r"(?<!\d)(?:\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+|\d+(?:[.,]\d{3}(?!\d))*)(?:[.,]\d+)?"
)
# Scale words, inflected too (мингдан, мыңнан, тысячи, млрд.).
_SCALE_RE = re.compile(
    r"\s*(минг|мың|тыс|thousand|ming|млн|mln|миллион|million|млрд|mlrd|миллиард|billion|bn\b)\w*",
    re.IGNORECASE,
)
_SCALES = {"минг": 3, "мың": 3, "тыс": 3, "thousand": 3, "ming": 3, "млн": 6, "mln": 6, "миллион": 6,
           "million": 6, "млрд": 9, "mlrd": 9, "миллиард": 9, "billion": 9, "bn": 9}  # fmt: skip


def _readings(raw: str) -> set[str]:
    """The values a written number can mean: "1,5" -> 1.5; "650 000" and "650,000" -> 650000;
    "1,500" -> 1500 or 1.5 (the writer's convention is unknown, so either matches)."""
    compact = re.sub(r"[ \u00a0\u202f]", "", raw)
    out = set()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", compact):
        out.add(re.sub(r"[.,]", "", compact).lstrip("0") or "0")
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?", compact)
    if m:
        whole, frac = m.group(1).lstrip("0") or "0", (m.group(2) or "").rstrip("0")
        out.add(f"{whole}.{frac}" if frac else whole)
    if not out:
        out.add(re.sub(r"[.,]", "", compact))
    return out


def _scaled(value: str, power: int) -> str:
    whole, _, frac = value.partition(".")
    frac = frac.ljust(power, "0")
    return (whole + frac[:power]).lstrip("0") + (
        "." + frac[power:].rstrip("0") if frac[power:].strip("0") else ""
    )


def numbers(text: str, *, amounts: bool = False) -> list[tuple[str, set[str]]]:
    """The numbers written in digits in `text` (tags aside), each as written and its possible values.

    A number followed by a scale word (минг, млн, млрд, thousand...) may also mean its full value, so
    "650 минг" matches "650 thousand" and "650 000". With `amounts`, such a number means its full value only
    and is written with its scale word: "12 млрд" and "12 million" then differ (the checks across targets
    compare amounts, not digits).
    """
    text = _TAG_RE.sub(" ", text)
    out = []
    for m in _NUMBER_RE.finditer(text):
        raw = m.group().rstrip(" \u00a0\u202f")
        values = _readings(raw)
        scale = _SCALE_RE.match(text, m.end())
        if scale:
            word = scale.group(1).lower().rstrip(".")
            power = next((p for w, p in _SCALES.items() if word.startswith(w)), 0)
            if power and amounts:
                values = {_scaled(v, power) for v in values}
                raw = text[m.start():scale.end()].strip()
            elif power:
                values |= {_scaled(v, power) for v in values}
        out.append((raw, values))
    return out


def _taken(values: set[str], found: list[tuple[str, set[str]]]) -> bool:
    """Whether one of `found` has one of `values`; that one is used up."""
    i = next((i for i, (_, v) in enumerate(found) if v & values), None)
    if i is not None:
        found.pop(i)
    return i is not None


def _check_numbers(source: str, target: str, lang: str = "", source_lang: str = "") -> list[tuple[str, str]]:
    src, tgt = numbers(source), numbers(target)
    unused = list(tgt)
    lacking = [(raw, values) for raw, values in src if not _taken(values, unused)]
    # A number the other side writes in words (беш минг: 5,000; three: 3) stands for it.
    if lacking and lang:
        in_words = word_numbers(target, lang)
        lacking = [(raw, values) for raw, values in lacking if not _taken(values, in_words)]
    missing = [raw for raw, _ in lacking]
    if unused and source_lang:
        in_words = word_numbers(source, source_lang)
        unused = [(raw, values) for raw, values in unused if not _taken(values, in_words)]
    extra = ", ".join(raw for raw, _ in unused)
    lacks = f"number{'s' if len(missing) > 1 else ''} {', '.join(missing)} of the source " + (
        "are" if len(missing) > 1 else "is")
    if missing and unused:  # a number changed: one finding, both sides named
        return [("number", f"{lacks} not in the target, which has {extra} instead")]
    if missing:
        return [("number", f"{lacks} not in the target")]
    return [("number", f"the target has {extra}, which the source does not")] if unused else []


# ---- punctuation, whitespace, quotes, brackets, tags ----------------------------------------------
_CLOSERS = "\"'»”’“„«)]}›‹ \u00a0"
_END_NAMES = {".": "a full stop", "?": "a question mark", "!": "an exclamation mark", "…": "an ellipsis",
              ":": "a colon", ";": "a semicolon", "": "no end punctuation"}  # fmt: skip
_QUOTES = '"«»“”„‹›'
_BRACKETS = ("()", "[]", "{}")


def end_mark(text: str) -> str:
    """How a sentence ends, closing quotes, brackets and tags aside: ".", "?", "!", "…", ":", ";" or ""."""
    body = _TAG_RE.sub("", text).rstrip().rstrip(_CLOSERS)
    if body.endswith("...") or body.endswith("…"):
        return "…"
    return body[-1] if body and body[-1] in ".?!:;" else ""


def _check_punctuation(source: str, target: str) -> list[tuple[str, str]]:
    out = []
    src_end, tgt_end = end_mark(source), end_mark(target)
    if src_end != tgt_end:
        out.append(("end-punctuation", f"the source ends with {_END_NAMES[src_end]}, the target with "
                                       f"{_END_NAMES[tgt_end]}"))  # fmt: skip
    src_q = sum(ch in _QUOTES for ch in source)
    tgt_q = sum(ch in _QUOTES for ch in target)
    if src_q % 2 != tgt_q % 2:
        what = ("the target leaves a quotation mark unpaired" if src_q % 2 == 0 else
                "the source opens or closes a quotation here, the target does not")  # fmt: skip
        out.append(("quotes", f"{what} ({counted(tgt_q, 'quotation mark')} in the target, {src_q} in the source)"))
    for pair in _BRACKETS:
        src_net = source.count(pair[0]) - source.count(pair[1])
        tgt_net = target.count(pair[0]) - target.count(pair[1])
        if src_net != tgt_net:
            out.append(("brackets", f"unbalanced {pair} in the target ({target.count(pair[0])} opened, "
                                    f"{target.count(pair[1])} closed)"))  # fmt: skip
    return out


def _check_whitespace(source: str, target: str) -> list[tuple[str, str]]:
    out = []
    for side, src_ws, tgt_ws in (
        (
            "leading",
            source[: len(source) - len(source.lstrip())],
            target[: len(target) - len(target.lstrip())],
        ),
        ("trailing", source[len(source.rstrip()) :], target[len(target.rstrip()) :]),
    ):
        if src_ws != tgt_ws:
            out.append(
                ("whitespace", f"{side} whitespace: {len(tgt_ws)} in the target, {len(src_ws)} in the source")
            )
    if "  " in target.strip() and "  " not in source.strip():
        out.append(("whitespace", "double space in the target"))
    return out


def _check_tags(source: str, target: str) -> list[tuple[str, str]]:
    src, tgt = _TAG_RE.findall(source), _TAG_RE.findall(target)
    if sorted(src) == sorted(tgt):
        return []
    missing = [t for t in dict.fromkeys(src) if src.count(t) > tgt.count(t)]
    extra = [t for t in dict.fromkeys(tgt) if tgt.count(t) > src.count(t)]
    parts = ([f"missing {' '.join(missing)}"] if missing else []) + (
        [f"extra {' '.join(extra)}"] if extra else []
    )
    return [("tags", "tags differ: " + "; ".join(parts) if parts else "tags are in a different order")]


# ---- letters --------------------------------------------------------------------------------------
_CYR_RE = re.compile("[\u0400-\u04ff]")
_LAT_RE = re.compile("[A-Za-z]")


def _stray_letters(word: str) -> str:
    """The letters of the minority script in a mixed word: "Latin a" in "мaшина"."""
    cyr, lat = _CYR_RE.findall(word), _LAT_RE.findall(word)
    if len(cyr) >= len(lat):
        return "Latin " + "".join(dict.fromkeys(lat))
    return "Cyrillic " + "".join(dict.fromkeys(cyr))


def _check_script(source: str, target: str) -> list[tuple[str, str]]:
    if not (_CYR_RE.search(target) and _LAT_RE.search(target)):
        return []  # no word can mix the scripts
    src_words = set(words(source))
    mixed = [
        w
        for w in dict.fromkeys(words(target))
        if _CYR_RE.search(w) and _LAT_RE.search(w) and w not in src_words
    ]
    if not mixed:
        return []
    shown = ", ".join(f"“{w}” ({_stray_letters(w)})" for w in mixed[:3])
    return [("script-mix", f"Latin and Cyrillic letters mixed in {shown}")]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _same_text(a: str, b: str) -> bool:
    """Equal but for case, spacing or the way punctuation is written («» or "", ’ or ')."""
    a_fold, b_fold = _fold(a), _fold(b)
    if a_fold == b_fold:
        return True
    if "".join(filter(str.isalnum, a_fold)) != "".join(filter(str.isalnum, b_fold)):
        return False  # the normaliser never touches a letter or a digit: no need to load sacremoses
    return _fold(normalize_punctuation(a)) == _fold(normalize_punctuation(b))


def _check_untranslated(
    source: str, target: str, lang: str, others: Mapping[str, str]
) -> list[tuple[str, str]]:
    if _same_text(source, target):
        found = ("untranslated", "the target is the same as the source")
    else:
        other = next((o for o, t in others.items() if o != lang and t.strip() and _same_text(t, target)), "")
        if not other:
            return []
        found = ("same-as-other-target", f"the target is the same as the {other} target")
    if sum(any(ch.isalpha() for ch in w) for w in words(source)) < 3:
        return []  # names, datelines, "Astana Hub": the same in every language
    return [found]


def _kept_as_is(term: str, target: str) -> bool:
    """A Latin-script name or an acronym the target keeps as written ("IT", "Astana Hub", "АҚШ")."""
    if _CYR_RE.search(term) and not term.isupper():
        return False  # an Uzbek word left as is in a Kazakh or Russian target is no translation
    return bool(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", target))


def _stem_found(term: str, target: str) -> bool:
    """Every long word of `term` is in the target with the same stem prefix (государство / государственной):
    a lenient match (text.stems) that spares derived forms the recogniser's inflection rules do not cover."""

    def matching(text: str) -> list[str]:
        return [strip_apostrophes(casefold(w)) for w in words(text) if any(ch.isalpha() for ch in w)]

    return stem_found(matching(term), matching(target))


# ---- glossary -------------------------------------------------------------------------------------
_UNSURE = ("fuzzy", "possible")  # source hits that do not ask for the target term (a typo, a general word)


def _any_found(glossary: Any, wanted: str, synonyms: Sequence[str], target: str, lang: str) -> bool:
    """Whether the target has the concept's term in `lang`, or any of its synonyms (a TBX entry's admitted
    terms: бәсекелестік | бәсеке), in some form. Each synonym is looked for itself: the span a synonym
    takes in the target may belong to another concept too (ел is мамлакат's first term, давлат's second)."""
    terms = tuple(synonyms) or (wanted,)
    if any(_stem_found(t, target) for t in terms):
        return True
    return bool(glossary.find_target(target, terms if len(terms) > 1 else wanted, lang))


def _or_synonyms(hit: Any, lang: str) -> str:
    others = [t for t in getattr(hit, "synonyms", {}).get(lang, ()) if t != hit.targets.get(lang)]
    return " (or " + ", ".join(f"“{t}”" for t in others[:3]) + ")" if others else ""


def _check_glossary(source: str, target: str, lang: str, source_lang: str, glossary: Any,
                    source_hits: Sequence[Any] | None) -> list[tuple[str, str]]:  # fmt: skip
    out = []
    target_hits = glossary.find(target, lang, fuzzy=False)
    present = {(h.glossary, h.concept) for h in target_hits}
    for h in target_hits:
        if h.status == "forbidden":
            out.append(("forbidden-term", f"“{h.text}” is a forbidden term ({h.glossary or 'glossary'})"))
    hits = glossary.find(source, source_lang) if source_hits is None else source_hits
    seen = set()
    for h in hits:
        wanted = h.targets.get(lang, "")
        if not wanted or h.kind in _UNSURE or h.status == "forbidden" or (h.glossary, h.concept) in present:
            continue
        if (h.concept, wanted) in seen or _kept_as_is(h.text, target):
            continue
        if _any_found(glossary, wanted, getattr(h, "synonyms", {}).get(lang, ()), target, lang):
            continue
        seen.add((h.concept, wanted))
        out.append(("glossary-term", f"glossary: “{h.text}” should be “{wanted}”{_or_synonyms(h, lang)}, not found in "
                                     f"the target"))  # fmt: skip
    return out


# ---- the checks together --------------------------------------------------------------------------
def check_segment(
    source: str,
    target: str,
    lang: str,
    *,
    source_lang: str,
    glossary: Any = None,
    other_targets: Mapping[str, str] | None = None,
    segment: int = 0,
    status: str = "draft",
    source_hits: Sequence[Any] | None = None,
) -> list[Finding]:
    """Every check of one target against its source; worst first.

    `glossary` is a GlossarySet (or anything with `find(text, lang)` and `find_target(text, term, lang)`);
    without it the glossary checks are skipped. `other_targets` maps the segment's other languages to their
    targets. `source_hits` are the source's glossary hits when the caller already has them. An empty target
    is only a finding when its status says it is translated.
    """
    found: list[tuple[str, str]] = []
    if not target.strip():
        if status in ("translated", "reviewed"):
            found.append(("empty-translated", f"the target is empty but marked {status}"))
    else:
        found += _check_tags(source, target)
        found += _check_numbers(source, target, lang, source_lang)
        if glossary is not None:
            found += _check_glossary(source, target, lang, source_lang, glossary, source_hits)
        found += _check_untranslated(source, target, lang, other_targets or {})
        found += _check_punctuation(source, target)
        found += _check_whitespace(source, target)
        found += _check_script(source, target)
    out = [
        Finding(segment, lang, check, _SEVERITY[check], message, source, target) for check, message in found
    ]
    return sorted(out, key=lambda f: _ORDER[f.severity])


def check_consistency(
    first_seen: dict[tuple[str, str], tuple[int, str, str]], segment: int, lang: str, source: str, target: str,
    place: str = "",
) -> Finding | None:
    """A target that translates the same source differently from the first segment that had it (the project's
    scope: `first_seen` maps (lang, folded source) to that segment, its target and its place as the faces name
    it, "segment 12" or "b.txt #3", filled in reading order; `place` is this segment's)."""
    earlier = first_seen.setdefault((lang, _fold(source)), (segment, target, place or f"segment {segment}"))
    if earlier[0] == segment or _fold(earlier[1]) == _fold(target):
        return None
    return Finding(segment, lang, "consistency", _SEVERITY["consistency"],
                   f"the same source is translated differently in {earlier[2]}: {quoted(earlier[1])}",
                   source, target)  # fmt: skip


def quoted(text: str) -> str:
    """A target shown inside a message: in “ ” unless it opens or closes with quotation marks of its own (a
    quoted sentence, `«Казахстан должен...`), which another pair around would double."""
    text = text.strip()
    return text if text[:1] in _QUOTES + "'‘’" or text[-1:] in _QUOTES + "'‘’" else f"“{text}”"
