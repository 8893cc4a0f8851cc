"""One pairing rule for a TMX tu (formats/tmx_units.tu_pairs): the registry's TMX reader (`read_units`, every
pair of the file) and a TM import (tm/units.UnitFilter, translations in the TM's languages) give the same
pairs, the TM leaving out exactly the pairs that are no translation, each counted with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarjimon.core.formats import registry
from tarjimon.core.formats.tmx_units import NO_SOURCE, not_a_translation, tu_pairs
from tarjimon.core.tm.units import EMPTY_TARGET, SAME_LANGUAGE, UnitFilter

TMX = """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="{src}" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>color</seg></tuv><tuv xml:lang="en-GB"><seg>colour</seg></tuv>
 <tuv xml:lang="ru"><seg>цвет</seg></tuv></tu>
<tu><tuv xml:lang="uz-Latn"><seg>Salom</seg></tuv><tuv xml:lang="uz-Cyrl"><seg>Салом</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Empty</seg></tuv><tuv xml:lang="kk"><seg></seg></tuv></tu>
<tu srclang="de"><tuv xml:lang="en"><seg>No German</seg></tuv><tuv xml:lang="fr"><seg>Pas d'allemand</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Bold <bpt i="1">&lt;b&gt;</bpt>text<ept i="1">&lt;/b&gt;</ept></seg></tuv>
 <tuv xml:lang="kk"><seg><bpt i="1">&lt;b&gt;</bpt>Қалың<ept i="1">&lt;/b&gt;</ept> мәтін</seg></tuv>
 <prop type="x-context-pre">before</prop></tu>
</body></tmx>
"""


def key(u: object) -> tuple[object, ...]:
    return tuple(getattr(u, a) for a in ("source_lang", "target_lang", "source_tag", "target_tag", "source", "target",
                                          "source_markup", "target_markup"))  # fmt: skip


def both(path: Path, source_lang: str | None = None) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    """(translations read_units gives, units a TM import keeps, pairs the import counted as skipped)."""
    read = registry.for_path(path, kind="units", purpose="read").reader("units")
    every = list(read(path, source_lang=source_lang))
    translations = [key(u) for u in every if u.source_lang != u.target_lang and (u.target or u.target_markup)
                    and (u.source or u.source_markup) and source_lang in (None, u.source_lang)]  # fmt: skip
    keep, skipped = UnitFilter(source_lang, None), [0]
    kept = [key(u) for u in keep.tmx_units(path, skipped)]
    return translations, kept, skipped[0]


@pytest.mark.parametrize("src", ["en", "*all*"])
def test_reader_and_tm_pair_alike(tmp_path: Path, src: str) -> None:
    path = tmp_path / "t.tmx"
    path.write_text(TMX.format(src=src), encoding="utf-8")
    translations, kept, skipped = both(path)
    assert kept == translations and kept
    read = registry.for_path(path, kind="units", purpose="read").reader("units")
    every = list(read(path))
    # read_units keeps the file's pairs, whatever they are; the TM counts each one it leaves out
    assert ("en", "en", "en-US", "en-GB", "color", "colour", None, None) in [key(u) for u in every]
    keep, n = UnitFilter(None, None), [0]
    list(keep.tmx_units(path, n))
    assert skipped == n[0] == len(every) - len(translations) + keep.reasons[NO_SOURCE]  # + tus with no source tuv
    assert keep.reasons[SAME_LANGUAGE] == (1 if src == "en" else 2) and keep.reasons[EMPTY_TARGET] == 1
    assert keep.reasons[NO_SOURCE] == (2 if src == "en" else 1)  # the tu with srclang="de" has no German


def test_real_files(shared: Path) -> None:
    files = [p for p in sorted((shared / "data/interop/real").rglob("*.tmx")) if p.stat().st_size < 50 << 20]
    assert len(files) >= 20
    pairs = 0
    for path in files:
        for source_lang in (None, "en"):
            translations, kept, skipped = both(path, source_lang)
            assert kept == translations, path.name
            pairs += len(kept)
    assert pairs > 1000


def test_not_a_translation_is_the_tms_reason() -> None:
    from tarjimon.core.formats.tmx import TranslationUnitRecord, Variant

    rec = TranslationUnitRecord("en", [Variant("en", "a", None), Variant("en-GB", "b", None), Variant("kk", "", None)],
                                [], [], None, None, 1)  # fmt: skip
    got = [p if isinstance(p, str) else not_a_translation(p) for p in tu_pairs(rec, None)]
    assert got == [SAME_LANGUAGE, EMPTY_TARGET]
