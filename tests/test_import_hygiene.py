"""The core must not import any UI library: checked in a fresh interpreter for every core module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tarjimon.core


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(tarjimon.core.__path__, "tarjimon.core."))


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_imports_no_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'argparse'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulls in {out.stdout.strip()}"
