"""The cached index: used when the file is unchanged, rebuilt when it changes."""

from __future__ import annotations

from pathlib import Path

from tarjimon.core.glossary.store import load_glossary


def test_cache_is_used_and_rebuilt_on_change(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("uz\tkk\nдавлат\tмемлекет\n", encoding="utf-8")
    first = load_glossary(path, index_langs=("uz",))
    assert (tmp_path / ".cache" / "g.tsv.idx").is_file()
    warm = load_glossary(path)
    assert warm.from_cache and warm._glossary is None  # came from the cache, concepts parsed lazily
    assert [h.targets["kk"] for h in warm.find("давлатлар", "uz")] == ["мемлекет"]
    assert first.find("қонунни", "uz") == []
    path.write_text("uz\tkk\nдавлат\tмемлекет\nқонун\tзаң\n", encoding="utf-8")
    fresh = load_glossary(path)
    assert [h.term for h in fresh.find("қонунни", "uz")] == ["қонун"]


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("uz\tru\nХитой\tКитай\n", encoding="utf-8")
    load_glossary(path, index_langs=("uz",))  # the cache is written once a language is indexed
    (tmp_path / ".cache" / "g.tsv.idx").write_bytes(b"junk")
    assert [h.term for h in load_glossary(path).find("Хитойда", "uz")] == ["Хитой"]


def test_cache_is_rebuilt_when_the_rules_change(tmp_path: Path, monkeypatch) -> None:
    from tarjimon.core.glossary import rowcache

    path = tmp_path / "g.tsv"
    path.write_text("uz\tkk\nшаҳар\tқала\n", encoding="utf-8")
    load_glossary(path, index_langs=("uz",))
    assert load_glossary(path).from_cache  # warm
    monkeypatch.setattr(rowcache, "rules_fingerprint", lambda: "other rules")
    rebuilt = load_glossary(path)
    assert not rebuilt.from_cache  # the index cached under other rules was not used
    assert [h.text for h in rebuilt.find("шаҳрида", "uz")] == ["шаҳрида"]
