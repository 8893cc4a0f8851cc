"""Parsed Hunspell dictionaries cached per user (core/qa/spelling_cache.py): the same words known, the cache
refused when its dictionary changed or when another user could have written it, rebuilt when damaged."""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest

pytest.importorskip("spylls")

from spylls.hunspell import Dictionary  # noqa: E402

from tarjimon.core.qa import spelling  # noqa: E402

AFF = "SET UTF-8\nTRY абвгдежзийклмнопрстуфхцчшщъыьэюяәіңғүұқөһ\n\nSFX A Y 2\nSFX A 0 лар [^аоұыеәөүі]\nSFX A 0 тар .\n"
DIC = "3\nкітап/A\nмектеп/A\nбала\n"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TARJIMON_SPELLING_CACHE", raising=False)
    return tmp_path / "xdg" / "tarjimon" / "spelling"


def _stem(tmp_path: Path) -> str:
    (tmp_path / "dicts").mkdir(exist_ok=True)
    (tmp_path / "dicts" / "kk_KZ.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "dicts" / "kk_KZ.dic").write_text(DIC, encoding="utf-8")
    return str(tmp_path / "dicts" / "kk_KZ")


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count spylls' parses of dictionary files (a load from the cache makes none)."""
    calls: list[str] = []
    real = Dictionary.from_files.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Dictionary, "from_files", classmethod(lambda cls, stem: calls.append(stem) or real(cls, stem)))
    return calls


def _load(stem: str) -> Dictionary:
    spelling._LOADED.pop(stem, None)
    return spelling._load(stem)


def test_a_parsed_dictionary_is_read_back_from_a_private_folder(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stem = _stem(tmp_path)
    parses = _parses(monkeypatch)
    first = _load(stem)
    assert parses == [stem]
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700 and stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    (kept,) = cache.iterdir()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    second = _load(stem)
    assert parses == [stem]  # read from the cache, not parsed
    for word in ("кітап", "кітаптар", "мектептер", "бала", "балалар", "кітаплар", "қала"):
        assert bool(second.lookup(word)) == bool(first.lookup(word)), word
    assert second.lookup("кітаптар") and not second.lookup("балалар")
    # the dictionary changed: the cache is refused and made again
    Path(stem + ".dic").write_text(DIC.replace("3\n", "4\n") + "қала\n", encoding="utf-8")
    assert _load(stem).lookup("қала") and parses == [stem, stem]
    assert _load(stem).lookup("қала") and parses == [stem, stem]


def test_a_cache_another_user_could_write_is_not_read(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stem = _stem(tmp_path)
    parses = _parses(monkeypatch)
    _load(stem)
    (kept,) = cache.iterdir()
    kept.chmod(0o666)  # writable by anyone: never read
    _load(stem)
    assert len(parses) == 2 and stat.S_IMODE(kept.stat().st_mode) == 0o600  # made again, private
    cache.chmod(0o777)  # a folder anyone can write into: not used at all
    _load(stem)
    _load(stem)
    assert len(parses) == 4
    cache.chmod(0o700)
    cache.parent.chmod(0o777)  # nor one inside a folder anyone can write into (the folder could be swapped)
    _load(stem)
    assert len(parses) == 5
    cache.parent.chmod(0o700)
    # a link planted in its place is not followed, for reading or writing
    outside = tmp_path / "outside.pickle"
    outside.write_bytes(kept.read_bytes())
    kept.unlink()
    kept.symlink_to(outside)
    before = outside.read_bytes()
    _load(stem)
    assert len(parses) == 6 and outside.read_bytes() == before and kept.is_symlink()


def test_a_damaged_cache_is_made_again(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stem = _stem(tmp_path)
    parses = _parses(monkeypatch)
    _load(stem)
    (kept,) = cache.iterdir()
    data = kept.read_bytes()
    for damage in (data[: len(data) // 2], data.split(b"\n", 1)[0] + b"\nnot a pickle", b""):
        kept.write_bytes(damage)
        kept.chmod(0o600)
        assert _load(stem).lookup("кітаптар")
    assert len(parses) == 4
    assert _load(stem).lookup("кітаптар") and len(parses) == 4
    monkeypatch.setenv("TARJIMON_SPELLING_CACHE", "0")  # turned off: parsed every time
    _load(stem)
    assert len(parses) == 5


def test_the_real_kazakh_dictionary_knows_the_same_words_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TARJIMON_HUNSPELL_DIR", raising=False)
    paths = spelling.dictionary_paths("kk")
    if not paths:
        pytest.skip("no Kazakh Hunspell dictionary here (Debian's hunspell-kk)")
    stem = str(paths[0])
    parsed = _load(stem)
    cached = _load(stem)
    assert cached is not parsed
    words = Path(stem + ".dic").read_text(encoding="utf-8", errors="replace").split("\n")[1:4000:7]
    words = [w.split("/")[0] for w in words if w.strip()]
    rnd = random.Random(3)
    typos = [w[:k] + rnd.choice("аеқұүіө") + w[k + 1 :] for w in words for k in [rnd.randrange(len(w))]]
    forms = [w + "лар" for w in words] + [w + "тың" for w in words]
    for word in words + typos + forms:
        assert bool(cached.lookup(word)) == bool(parsed.lookup(word)), word
    assert os.stat(stem + ".dic")  # (the system's files untouched: read only)
