"""Sentence segmentation for Uzbek (Cyrillic and Latin), Kazakh, Russian and English.

Rule-based and data-driven (SRX-like): the rules live in TOML files shipped as package data
(``rules/common.toml`` plus one file per language); users extend them with files in ``$TARJIMON_RULES_DIR``
or directories passed as ``rules_dirs``. See ``ruleset`` for the file format.
"""

from tarjimon.core.segment.engine import segment_spans, split
from tarjimon.core.segment.ruleset import RULES_DIR_ENV, RuleSet, clear_cache, load_rules, normalise_lang

__all__ = [
    "RULES_DIR_ENV",
    "RuleSet",
    "clear_cache",
    "load_rules",
    "normalise_lang",
    "segment_spans",
    "split",
]
