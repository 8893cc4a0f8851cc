"""TM unit formats (TMX, PO) on the shared round-trip contract, plus what each keeps beyond it."""

from __future__ import annotations

from pathlib import Path

import pytest
from roundtrip import KK, UZ_LATN, RoundTrip, Sample, toolkit_pairs

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.models.tm import Unit


def _units(samples: list[Sample]) -> list[Unit]:
    return [Unit(0, s.source, s.target, "uz", "kk", "uz-Latn", "kk-KZ", s.source_markup, s.target_markup,
                 notes=(s.note,) if s.note else ()) for s in samples]  # fmt: skip


def write(units: list[Unit], path: Path) -> int:
    return registry.for_path(path, kind="units", purpose="write").writer("units")(units, path, srclang="uz-Latn")


def read(path: Path) -> list[Unit]:
    return list(registry.for_path(path, kind="units", purpose="read").reader("units")(path))


class UnitsRoundTrip(RoundTrip):
    kind = "units"

    def dump(self, samples: list[Sample], path: Path) -> None:
        assert write(_units(samples), path) == len(samples)

    def load(self, path: Path) -> list[Sample]:
        units = read(path)
        assert {(u.source_lang, u.target_lang, u.source_tag, u.target_tag) for u in units} <= {
            ("uz", "kk", "uz-Latn", "kk-KZ")
        }
        return [Sample(u.source, u.target, "\n".join(u.notes), u.source_markup, u.target_markup) for u in units]


class TestTmx(UnitsRoundTrip):
    other_tool = staticmethod(toolkit_pairs)  # translate-toolkit reads what Tarjimon writes

    name = "tmx"
    suffix = ".tmx"
    inline_tags = True

    def test_context_origin_fuzzy_dates_and_props(self, tmp_path: Path) -> None:
        unit = Unit(0, UZ_LATN, KK, "uz", "kk", "uz-Latn", "kk", context=("Oldingi gap.", None), origin="news/a.txt",
                    notes=("n1", "n2"), props={"tu": [["x-domain", "sport"]], "tgt": [["x-reviewer", "Aida"]]},
                    fuzzy=True, created_at="2026-01-05T10:20:30+00:00", changed_at="2026-01-06T11:00:00+00:00")
        write([unit], tmp_path / "u.tmx")
        assert read(tmp_path / "u.tmx") == [unit]

    def test_three_languages_and_regional_variants(self, tmp_path: Path) -> None:
        (tmp_path / "m.xml").write_text(
            '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1"'
            ' segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
            '<tu><tuv xml:lang="en-US"><seg>color</seg></tuv><tuv xml:lang="en-GB"><seg>colour</seg></tuv>'
            '<tuv xml:lang="ru"><seg>цвет</seg></tuv></tu></body></tmx>', encoding="utf-8")  # fmt: skip
        units = read(tmp_path / "m.xml")  # a TMX named .xml: found by its root element
        assert [(u.source_tag, u.target_tag, u.target) for u in units] == [
            ("en-US", "en-GB", "colour"), ("en-US", "ru", "цвет")
        ]


class TestPo(UnitsRoundTrip):
    other_tool = staticmethod(toolkit_pairs)  # translate-toolkit reads what Tarjimon writes

    name = "po"
    suffix = ".po"
    empty_target = "dropped"  # an untranslated entry is not a unit

    def test_fuzzy_and_repeated_sources(self, tmp_path: Path) -> None:
        units = [Unit(0, "Salom.", "Сәлем.", "uz", "kk", "uz-Latn", "kk-KZ", fuzzy=True),
                 Unit(0, "Salom.", "Сәлеметсіз бе.", "uz", "kk", "uz-Latn", "kk-KZ")]  # fmt: skip
        write(units, tmp_path / "f.po")
        got = read(tmp_path / "f.po")
        assert [(u.source, u.target, u.fuzzy) for u in got] == [(u.source, u.target, u.fuzzy) for u in units]

    def test_one_target_language_per_file(self, tmp_path: Path) -> None:
        mixed = [*_units([Sample("a", "б")]), Unit(0, "b", "в", "uz", "ru", "uz", "ru")]
        with pytest.raises(TarjimonError, match="one target language"):
            write(mixed, tmp_path / "m.po")
        assert not (tmp_path / "m.po").exists()
