"""The editor's background dictionary load (read in slices that leave the GIL to the UI thread) must build
the same dictionary as spylls' own load, and a check asking for a load under way must not wait for it."""

from __future__ import annotations

import threading

from qa_helpers import need_dictionaries


def test_sliced_load_builds_the_same_dictionary() -> None:
    need_dictionaries(("en",))
    from spylls.hunspell import Dictionary

    from tarjimon.core.qa import spelling

    stem = str(spelling.dictionary_paths("en")[0])
    plain = Dictionary.from_files(stem)
    sliced = spelling._gentle_load(stem, Dictionary)
    assert len(sliced.dic.words) == len(plain.dic.words) > 10_000
    assert sorted(w.stem for w in sliced.dic.words[:: 97]) == sorted(w.stem for w in plain.dic.words[:: 97])
    for word in ("newsroom", "translation", "translations", "translatoin", "Kazakhstan", "recieve", "walked"):
        assert sliced.lookup(word) == plain.lookup(word), word


def test_warm_does_not_wait_for_a_load_under_way(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tarjimon.core.qa import spelling

    monkeypatch.setenv("TARJIMON_EDITOR_SPELLING", "1")
    monkeypatch.setattr(spelling, "_WARMING", {"xx"})  # a load of "xx" under way...
    with spelling._lock:  # ...holding the load lock
        done = threading.Event()
        threading.Thread(target=lambda: (spelling.warm("xx"), done.set()), daemon=True).start()
        assert done.wait(2.0), "warm() waited for the dictionary load"


def test_a_background_load_waits_while_the_translator_types(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """hold_background_loads (the editor: "a key came a moment ago"): the sliced load stops between slices
    while the hold says so, and goes on to the same dictionary once it is released."""
    from spylls.hunspell import Dictionary

    from tarjimon.core.qa import spelling
    from tarjimon.core.workbench.lookups import hold_background_loads

    stem = tmp_path / "xx_XX"
    stem.with_suffix(".aff").write_text("SET UTF-8\n", encoding="utf-8")
    words = [f"сөз{n}" for n in range(3 * spelling.SLICE)]
    stem.with_suffix(".dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    typing = threading.Event()
    typing.set()
    asked = []
    monkeypatch.setattr(spelling, "HOLD_POLL", 0.005)

    def keys_coming() -> bool:
        asked.append(1)
        return typing.is_set()

    hold_background_loads(keys_coming)
    try:
        loaded = []
        loader = threading.Thread(target=lambda: loaded.append(spelling._gentle_load(str(stem), Dictionary)))
        loader.start()
        loader.join(0.3)
        assert loader.is_alive() and not loaded, "the load went on while keys came"
        assert len(asked) > 5  # it looked again and again
        typing.clear()  # the translator pauses
        loader.join(10.0)
        assert loaded and loaded[0].lookup("сөз7") and not loaded[0].lookup("сөз99999")
    finally:
        hold_background_loads(None)
    assert spelling._hold is None
