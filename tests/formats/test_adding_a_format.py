"""Adding a format is one module plus one registry line: a JSON Lines TM format, added here and nowhere else,
is read and written by `tm import`/`tm export`, passes the round-trip contract, and shows up in refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_roundtrip_units import UnitsRoundTrip

from tarjimon.core.formats import registry
from tarjimon.core.formats.registry import Format

JSONL = Format("jsonl", "JSONL", (".jsonl",), read_units="example_jsonl:read_units",
               write_units="example_jsonl:write_units")  # fmt: skip


@pytest.fixture(autouse=True)
def with_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, JSONL))  # the one registry line


class TestJsonl(UnitsRoundTrip):
    name = "jsonl"
    suffix = ".jsonl"


def test_tm_import_and_export_use_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "p", "--source", "uz", "--targets", "kk").code == 0
    memory = tmp_path / "memory.jsonl"
    memory.write_text(
        json.dumps({"source": "Soliq stavkasi oshdi.", "target": "Салық мөлшерлемесі өсті.", "source_lang": "uz",
                    "target_lang": "kk"}, ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    r = cli("tm", "import", "p", memory, "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["files"][0] | {"file": ""} == {"file": "", "format": "jsonl", "added": 1,
                                                            "duplicates": 0, "skipped": 0,
                                                            "skipped_why": {}}  # fmt: skip
    r = cli("tm", "search", "p", "Soliq stavkasi oshdi.", "--target", "kk", "--json")
    assert json.loads(r.out)["matches"][0]["target"] == "Салық мөлшерлемесі өсті."
    assert cli("tm", "export", "p", "-o", tmp_path / "out.jsonl").code == 0
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["target"] == "Салық мөлшерлемесі өсті."
    (tmp_path / "terms.csv").write_text("uz,kk\nsoliq,салық\n", encoding="utf-8")
    r = cli("tm", "import", "p", tmp_path / "terms.csv")
    assert "CSV is not a TM format Tarjimon reads (TMX, PO, XLIFF, JSONL)" in r.err
