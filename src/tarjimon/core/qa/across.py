"""Checks across the targets of one segment: what two targets agree on and the third lacks or changes.

A CAT tool checks each target against its source; a newsroom editor reads the kk, ru and en targets side by
side. When two of them carry the same number (12 млрд = 12 billion), the same Latin-script name or the same
glossary concept and the third does not, the third is most likely wrong: one finding, on the odd one out.
A target whose length, relative to the source, is far from its siblings' (each language's usual ratio taken
into account) is reported too: a sentence dropped or pasted twice.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from tarjimon.core.qa.checks import _any_found, numbers
from tarjimon.core.qa.number_words import word_numbers
from tarjimon.core.qa.tokens import Token, token_kept

# A target this far from its siblings' median (relative length, usual ratios aside) is reported.
SHORT, LONG = 0.6, 1.65
MIN_SOURCE_CHARS = 40  # titles and datelines vary too much in length to compare


def _values(text: str) -> list[tuple[str, frozenset[str]]]:
    """Numbers of a text with their amounts: "12 млрд" and "12 million" differ (they agree on the digits only)."""
    return [(raw, frozenset(values)) for raw, values in numbers(text, amounts=True)]


def _carries(numbers: Sequence[tuple[str, frozenset[str]]], values: frozenset[str]) -> str | None:
    return next((raw for raw, v in numbers if v & values), None)


def check_numbers_across(texts: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """`across-number`: a number two targets carry that the third lacks (or writes with another value)."""
    found: dict[str, list[tuple[str, str]]] = {}
    nums = {lang: _values(text) for lang, text in texts.items()}
    if not any(nums.values()):
        return found  # no target writes a number in digits: none can lack one
    # What a target carries also in words (екі мың for 2 000), never asked of the others (бір is also "a").
    carried = {lang: nums[lang] + [(raw, frozenset(v)) for raw, v in word_numbers(text, lang)]
               for lang, text in texts.items()}  # fmt: skip
    for lang in texts:
        others = [o for o in texts if o != lang]
        if len(others) < 2:
            return {}
        missing = []
        for raw, values in nums[others[0]]:
            if _carries(carried[lang], values) is not None:
                continue
            if all(_carries(carried[o], values) is not None for o in others[1:]):
                missing.append(raw)
        if missing:
            mine = [raw for raw, v in nums[lang] if not any(_carries(carried[o], v) for o in others)]
            changed = f"; it has {', '.join(mine)}" if mine else ""
            found.setdefault(lang, []).append(
                ("across-number", f"{' and '.join(others)} have {', '.join(missing)}, this target not{changed}"))
    return found


def check_names_across(texts: Mapping[str, str], source_tokens: Sequence[Token],
                       table: Mapping[tuple[str, str], set[str]]) -> dict[str, list[tuple[str, str]]]:  # fmt: skip
    """`across-name`: a Latin-script name the source lacks (a translator's addition, such as an agency's
    name) kept by two targets and not by the third."""
    from tarjimon.core.qa.tokens import source_tokens as tokens_of

    known = {t.text.casefold() for t in source_tokens}
    found: dict[str, list[tuple[str, str]]] = {}
    if len(texts) < 3:
        return found
    candidates: dict[str, Token] = {}
    for text in texts.values():
        if re.search("[\u0400-\u04ff]", text):  # in a Cyrillic target, a Latin word is a name
            for t in tokens_of(text):
                if t.text.casefold() not in known:
                    candidates.setdefault(t.text.casefold(), t)
    for token in candidates.values():
        having = [lang for lang, text in texts.items() if token_kept(token, text, lang, table)]
        if len(having) == len(texts) - 1:
            lang = next(lang for lang in texts if lang not in having)
            found.setdefault(lang, []).append(
                ("across-name", f"{' and '.join(having)} keep “{token.text}”, this target does not"))
    return found


def check_terms_across(texts: Mapping[str, str], glossary: Any,
                       source_concepts: set[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:  # fmt: skip
    """`across-term`: a glossary concept two targets use that the third lacks, though the glossary has a
    term for it in the third's language (concepts of the source are the `glossary-term` check's)."""
    found: dict[str, list[tuple[str, str]]] = {}
    if glossary is None or len(texts) < 3:
        return found
    hits = {lang: glossary.find(text, lang, fuzzy=False) for lang, text in texts.items()}
    concepts: dict[tuple[str, str], dict[str, Any]] = {}
    for lang, lang_hits in hits.items():
        for h in lang_hits:
            if h.status != "forbidden":
                concepts.setdefault((h.glossary, h.concept), {})[lang] = h
    for key, by_lang in concepts.items():
        if key in source_concepts or len(by_lang) != len(texts) - 1:
            continue
        lang = next(lang for lang in texts if lang not in by_lang)
        hit = next(iter(by_lang.values()))
        wanted = hit.targets.get(lang, "")
        if not wanted or _any_found(glossary, wanted, getattr(hit, "synonyms", {}).get(lang, ()), texts[lang], lang):
            continue
        found.setdefault(lang, []).append(
            ("across-term", f"{' and '.join(by_lang)} use the glossary term “{hit.term}”; “{wanted}” is not "
                            f"in this target"))  # fmt: skip
    return found


def check_length_across(source: str, texts: Mapping[str, str],
                        usual: Mapping[str, float] | None = None) -> dict[str, list[tuple[str, str]]]:  # fmt: skip
    """`length-ratio`: a target much shorter or longer than its siblings, relative to the source and to
    each language's usual length ratio (`usual`: lang -> median target/source length in the project)."""
    if len(source.strip()) < MIN_SOURCE_CHARS or len(texts) < 3:
        return {}
    usual = usual or {}
    rel = {lang: len(text.strip()) / len(source.strip()) / (usual.get(lang) or 1.0) for lang, text in texts.items()}
    found: dict[str, list[tuple[str, str]]] = {}
    for lang, r in rel.items():
        siblings = [v for o, v in rel.items() if o != lang]
        if max(siblings) / min(siblings) > 1.3:
            continue  # the siblings disagree too: no odd one out to name
        middle = statistics.median(siblings)
        if r < SHORT * middle or r > LONG * middle:
            word = "shorter" if r < middle else "longer"
            found.setdefault(lang, []).append(
                ("length-ratio", f"the target is {r / middle:.1f}× the length its siblings suggest "
                                 f"(much {word} than the {' and '.join(o for o in rel if o != lang)})"))  # fmt: skip
    return found
