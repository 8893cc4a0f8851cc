"""Pretranslation: fill empty targets from the TM.

100/101% matches are saved as `translated` (origin "tm:100"/"tm:101"); with `min_score` below 100, fuzzy
matches at or above it are saved as `draft` (origin "tm:NN"). Each fill goes through Workbench.save_target,
so history, repetitions and the TM listener see it like a translator's edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from tarjimon.core.models import Segment, Translation
from tarjimon.core.tm.api import TranslationMemory


class Translatable(Protocol):
    """What pretranslation needs of a project (the Workbench facade offers it)."""

    @property
    def tm(self) -> TranslationMemory: ...

    @property
    def target_langs(self) -> list[str]: ...

    def segments(self, document_id: int | None = None) -> list[Segment]: ...

    def translation(self, segment_id: int, lang: str) -> Translation: ...

    def neighbours(self, segment: Segment) -> tuple[str | None, str | None]: ...

    def save_target(self, segment_id: int, lang: str, text: str, status: str = "translated",
                    origin: str = "") -> Translation: ...


@dataclass
class PretranslateReport:
    """How many targets each language got, by kind."""

    exact: dict[str, int] = field(default_factory=dict)  # 100/101 -> translated
    fuzzy: dict[str, int] = field(default_factory=dict)  # >= min, < 100 -> draft
    empty_left: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, dict[str, int]]:
        # in the order pretranslation went through them (the project's: kk, ru, en, as `stats` lists them)
        langs = list(dict.fromkeys([*self.exact, *self.fuzzy, *self.empty_left]))
        return {
            lang: {
                "translated": self.exact.get(lang, 0),
                "draft": self.fuzzy.get(lang, 0),
                "empty": self.empty_left.get(lang, 0),
            }
            for lang in langs
        }


def pretranslate(
    project: Translatable,
    targets: list[str] | None = None,
    min_score: int = 100,
    progress: Callable[[int, int], None] | None = None,
) -> PretranslateReport:
    """Fill the empty targets of `project` (in `targets`, default all) from its TM."""
    report = PretranslateReport()
    tm = project.tm
    langs = targets or project.target_langs
    segments = project.segments()
    total = len(segments) * len(langs)
    done = 0
    for lang in langs:
        report.exact.setdefault(lang, 0)
        report.fuzzy.setdefault(lang, 0)
        left = 0
        for seg in segments:
            done += 1
            if progress is not None:
                progress(done, total)
            if project.translation(seg.id, lang).status != "empty":
                continue
            matches = tm.lookup(seg.source, lang, limit=1, min_score=min(min_score, 100),
                                context=project.neighbours(seg))
            if not matches:
                left += 1
                continue
            m = matches[0]
            if m.score >= 100:
                project.save_target(seg.id, lang, m.target_for(seg.source), "translated", f"tm:{m.score}")
                report.exact[lang] += 1
            elif min_score < 100 and m.score >= min_score:
                project.save_target(seg.id, lang, m.target_for(seg.source), "draft", f"tm:{m.score}")
                report.fuzzy[lang] += 1
            else:
                left += 1
        report.empty_left[lang] = left
    return report
