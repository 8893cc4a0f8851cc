"""Shared by the QA tests: skip, saying why, when the Hunspell dictionaries or spylls are not here."""

from __future__ import annotations

import pytest


def need_dictionaries(langs: tuple[str, ...] = ("kk", "ru", "en")) -> None:
    from tarjimon.core.qa.spelling import dictionary_paths

    try:
        import spylls  # noqa: F401
    except ImportError:
        pytest.skip("spylls is not installed (pip install spylls): the spelling check cannot run")
    missing = [lang for lang in langs if not dictionary_paths(lang)]
    if missing:
        pytest.skip(f"no Hunspell dictionary for {', '.join(missing)} (apt-get install hunspell-kk hunspell-ru "
                    "hunspell-en-us): the spelling check cannot run")
