"""All the checks of one target: the per-target checks of `checks`, the kept tokens, spelling, and the checks
across the segment's targets (reported on the target that is the odd one out)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tarjimon.core.models.qa import Finding
from tarjimon.core.qa import across, checks
from tarjimon.core.qa.language import check_language
from tarjimon.core.qa.registry import severity, worst_first
from tarjimon.core.qa.spelling import Speller, check_spelling
from tarjimon.core.qa.tokens import check_tokens, name_key, names_table, source_tokens

_KK_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYR = re.compile("[\u0400-\u04ff]")
_LAT = re.compile("[A-Za-z]")


def fits_language(text: str, lang: str) -> bool | None:
    """Whether `text` looks written in `lang` by its letters (Kazakh letters, Cyrillic, Latin); None when
    the letters cannot tell."""
    cyr, lat = len(_CYR.findall(text)), len(_LAT.findall(text))
    if lang == "kk":
        return bool(_KK_LETTERS.search(text))
    if lang == "ru":
        return cyr > lat and not _KK_LETTERS.search(text)
    if lang == "en":
        return lat > cyr
    return None


def _pasted_here(lang: str, target: str, others: Mapping[str, str], message: str) -> bool:
    """For a duplicate of a sibling: whether this target is the pasted one (it does not fit its language, or
    both fit and neither can be told). The sibling in its own language is left alone."""
    other = next((o for o in others if message.endswith(f"the {o} target")), None)
    if other is None:
        return True
    return not (fits_language(target, lang) is True and fits_language(others[other], other) is False)


def _name_keys(source: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+", source)
    return {name_key(w) for w in words if w[:1].isupper()} - {""}


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
    names: Mapping[tuple[str, str], set[str]] | None = None,
    speller: Speller | None = None,
    usual_ratios: Mapping[str, float] | None = None,
    across_cache: dict[tuple[Any, ...], dict[str, list[tuple[str, str]]]] | None = None,
) -> list[Finding]:
    """Every check of one target, worst first: against its source (`checks.check_segment`: numbers, terms,
    punctuation...), the source's names and tokens (`names`: the names table, default the package's), its
    spelling (with a `speller`), and against the segment's other targets (`other_targets`: lang -> text;
    `usual_ratios`: lang -> the project's usual target/source length ratio). A caller checking the targets of
    a segment one after the other with the same glossary, names and ratios (check_project) passes one
    `across_cache` dict for the run: the checks across targets then run once per segment."""
    out = checks.check_segment(source, target, lang, source_lang=source_lang, glossary=glossary,
                               other_targets=other_targets, segment=segment, status=status,
                               source_hits=source_hits)  # fmt: skip
    out = [f for f in out if f.check != "same-as-other-target"
           or _pasted_here(lang, target, other_targets or {}, f.message)]  # fmt: skip
    if not target.strip():
        return out
    table = names if names is not None else names_table()
    found: list[tuple[str, str]] = list(check_tokens(source, target, lang, table))
    # A target that is the source, another column's text or in another language is wrong as a whole: its terms,
    # language and spelling would only repeat it (the Uzbek source in the kk column: each Uzbek term "should be"
    # its Kazakh one; Russian in it: each Russian word "not in the dictionary").
    whole = any(f.check in ("untranslated", "same-as-other-target") for f in out)
    if not whole:
        language = check_language(target, lang)
        found += language
        whole = bool(language)
    if whole:
        out = [f for f in out if f.check != "glossary-term"]
    if speller is not None and not whole:
        spans = []
        if glossary is not None:
            spans = [(h.start, h.end) for h in glossary.find(target, lang, fuzzy=False)]
        found += check_spelling(target, lang, speller, spare=spans, spare_words=re.findall(r"\w+", source),
                                name_keys=_name_keys(source))  # fmt: skip
    texts = {o: t for o, t in (other_targets or {}).items() if o != lang and t.strip()}
    if len(texts) >= 2:
        texts[lang] = target
        key = (source, tuple(sorted(texts.items())))
        segment_found = across_cache.get(key) if across_cache is not None else None
        if segment_found is None:  # once per segment: its three targets share the answer
            if glossary is not None and source_hits is None:
                source_hits = glossary.find(source, source_lang)
            concepts = {(h.glossary, h.concept) for h in source_hits or ()}
            segment_found = {}
            for part in (across.check_numbers_across(texts),
                         across.check_names_across(texts, source_tokens(source), table),
                         across.check_terms_across(texts, glossary, concepts),
                         across.check_length_across(source, texts, usual_ratios)):  # fmt: skip
                for other, items in part.items():
                    segment_found.setdefault(other, []).extend(items)
            if across_cache is not None:
                across_cache[key] = segment_found
        found += segment_found.get(lang, [])
        if any(f.check == "number" for f in out):  # the source already tells what is wrong: say it once
            found = [item for item in found if item[0] != "across-number"]
    out += [Finding(segment, lang, check, severity(check), message, source, target) for check, message in found]
    return worst_first(out)
