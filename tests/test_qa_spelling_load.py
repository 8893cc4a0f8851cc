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
