"""The round-trip contract every format's tests inherit: what is written, read back, is what was written.

A subclass names its format (`name`, as in the registry) and says what the format carries (`inline_tags`,
`notes`, what happens to an `empty_target`, whether it keeps `order`). It implements `dump(samples, path)`
and `load(path)` with the format's own objects (units, concepts, documents); the tests here feed it the
same samples (Uzbek in both scripts, Kazakh, Russian, XML-special characters, tags, notes, empty targets)
and compare. The file is found by the registry from its name and content, as a user's file would be.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

import pytest

from tarjimon.core.formats import registry

UZ_LATN = "Oʻzbekiston gʻalla hosili: 7,5 mln tonna gʻalla yigʻildi."
UZ_CYRL = "Ўзбекистонда ғалла ҳосили йиғиб олинди, деди вазир."
KK = "Қазақстанда ең үлкен өңірлер қаңтарда жиналды."
RU = "Урожай зерна в Узбекистане собран, сообщил министр."
EN_SPECIAL = 'Tom & Jerry said "5 < 7 > 3" — isn\'t it?'
TAGGED_SOURCE = "Press Enter now."


@dataclass(frozen=True)
class Sample:
    """One unit / concept / segment, format-neutral: source text, target text (may be ""), a note."""

    source: str
    target: str
    note: str = ""
    source_markup: str | None = None  # inline tags, in TMX's markup, for formats that carry them
    target_markup: str | None = None


class RoundTrip:
    """Base class (not collected: no Test prefix). Subclasses: `class TestTmx(UnitsRoundTrip): ...`."""

    name: ClassVar[str]  # the registry's name of the format
    kind: ClassVar[str]  # "document", "units" or "concepts"
    read_kind: ClassVar[str] = ""  # what the written file is read back as, when not `kind` (TMX export: units)
    read_name: ClassVar[str] = ""  # the format it is read back as, when not `name` (TBX v2 is read as TBX)
    suffix: ClassVar[str]
    inline_tags: ClassVar[bool] = False
    notes: ClassVar[bool] = True
    empty_target: ClassVar[str] = "kept"  # "kept", "dropped" (not written / not read) or "source" (filled)
    order: ClassVar[bool] = True  # False: the format sorts (TSV/CSV write sorted rows)

    # ---- what a subclass implements ----------------------------------------------------------------
    def dump(self, samples: list[Sample], path: Path) -> None:
        raise NotImplementedError

    def load(self, path: Path) -> list[Sample]:
        raise NotImplementedError

    def other_tool(self, path: Path) -> list[tuple[str, str]] | None:
        """(source, target) pairs as another tool reads the file (translate-toolkit), or None: no such check."""
        return None

    # ---- the contract ------------------------------------------------------------------------------
    def expected(self, samples: list[Sample]) -> list[Sample]:
        out = []
        for s in samples:
            if not self.notes:
                s = replace(s, note="")
            if not self.inline_tags:
                s = replace(s, source_markup=None, target_markup=None)
            if not s.target and self.empty_target == "dropped":
                continue
            if not s.target and self.empty_target == "source":
                s = replace(s, target=s.source)
            out.append(s)
        return out

    def reparse(self, samples: list[Sample], tmp_path: Path, stem: str = "roundtrip") -> list[Sample]:
        path = tmp_path / (stem + self.suffix)
        self.dump(samples, path)
        found = registry.for_path(path, kind=self.read_kind or self.kind, purpose="read")  # type: ignore[arg-type]
        assert found.name == (self.read_name or self.name), f"{path.name} read as {found.name}"
        return self.load(path)

    def check(self, samples: list[Sample], tmp_path: Path) -> None:
        got = self.reparse(samples, tmp_path)
        want = self.expected(samples)
        if not self.order:
            got, want = sorted(got, key=repr), sorted(want, key=repr)
        assert got == want

    def test_registry_knows_it(self, tmp_path: Path) -> None:
        # writing goes by the extension; reading (checked in every reparse) by the written file's content
        found = registry.for_path(tmp_path / ("x" + self.suffix), kind=self.kind, purpose="write")  # type: ignore[arg-type]
        assert found.name == (self.read_name or self.name)
        assert registry.by_name(self.name, kind=self.kind, purpose="write").can(self.kind, "write")  # type: ignore[arg-type]

    def test_one(self, tmp_path: Path) -> None:
        self.check([Sample("The minister spoke.", "Министр сөйледі.", "checked")], tmp_path)

    def test_unicode_scripts(self, tmp_path: Path) -> None:
        self.check([
            Sample(UZ_LATN, KK, "oʻ and gʻ with U+02BB"),
            Sample(UZ_CYRL, RU, "Ўзбек кириллица"),
            Sample(RU, KK, "қ ң ө ү ұ і ә ғ һ"),
        ], tmp_path)  # fmt: skip

    def test_xml_and_quote_characters(self, tmp_path: Path) -> None:
        self.check([Sample(EN_SPECIAL, "Том & Джерри: «5 < 7 > 3»", "a & b < c")], tmp_path)

    def test_empty_target(self, tmp_path: Path) -> None:
        self.check([Sample("First sentence.", "Бірінші сөйлем."), Sample("Not yet translated.", "")], tmp_path)

    def test_notes(self, tmp_path: Path) -> None:
        if not self.notes:
            pytest.skip(f"{self.name} carries no notes")
        self.check([Sample("Note me.", "Мені белгіле.", "translator: check the name ʻ ’")], tmp_path)

    def test_inline_tags(self, tmp_path: Path) -> None:
        if not self.inline_tags:
            pytest.skip(f"{self.name} has no inline tags")
        src = 'Press <bpt i="1" x="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> now.<ph x="2">{0}</ph>'
        tgt = 'Енді <bpt i="1" x="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> басыңыз.<ph x="2">{0}</ph>'
        self.check([Sample(TAGGED_SOURCE, "Енді Enter басыңыз.", "", src, tgt)], tmp_path)

    def test_many_in_order(self, tmp_path: Path) -> None:
        samples = [Sample(f"Gap {i:03d}: {UZ_LATN}", f"Сөйлем {i:03d}: {KK}", f"n{i}" if i % 3 else "")
                   for i in range(60)]  # fmt: skip
        self.check(samples, tmp_path)

    def test_written_twice_reads_the_same(self, tmp_path: Path) -> None:
        samples = [Sample(UZ_CYRL, KK, "once"), Sample(UZ_LATN, RU, "")]
        first = self.reparse(samples, tmp_path, "first")
        assert self.reparse(first, tmp_path, "second") == first

    def test_another_tool_reads_it(self, tmp_path: Path) -> None:
        samples = [Sample(UZ_LATN, KK), Sample(UZ_CYRL, RU), Sample(EN_SPECIAL, "Том & Джерри: «5 < 7 > 3»")]
        path = tmp_path / ("other" + self.suffix)
        self.dump(samples, path)
        pairs = self.other_tool(path)
        if pairs is None:
            pytest.skip(f"no independent reader of {self.name} here")
        assert pairs == [(s.source, s.target) for s in self.expected(samples)]


def toolkit_pairs(path: Path) -> list[tuple[str, str]] | None:
    """What translate-toolkit reads from a TMX or PO file (None when it is not installed)."""
    try:
        from translate.storage import factory
    except ImportError:
        return None
    store = factory.getobject(str(path))
    return [(str(u.source), str(u.target)) for u in store.units if not u.isheader() and u.source]
