"""The faces' view of the format registry (core/formats/registry.py): what to list in help texts, and a check
that a file can be read or written as what a command handles, before anything is changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tarjimon.core.errors import TarjimonError
from tarjimon.core.formats import registry
from tarjimon.core.formats.base import Kind, Purpose

if TYPE_CHECKING:
    from tarjimon.core.tm.api import TranslationMemory


def names(kind: Kind, purpose: Purpose) -> list[str]:
    """The format names (`export --format` values) that can `purpose` `kind`: ["txt", "md", ...]."""
    return [f.name for f in registry.supported(kind, purpose)]


def labels(kind: Kind, purpose: Purpose) -> list[str]:
    """The same formats as messages call them: ["TMX", "PO"]."""
    return [f.label for f in registry.supported(kind, purpose)]


def extensions(kind: Kind, purpose: Purpose) -> list[str]:
    """The usual extensions of such formats, once each: [".tsv", ".csv", ".tbx"]."""
    return list(dict.fromkeys(f.extensions[0] for f in registry.supported(kind, purpose)))


def check(path: str | Path, kind: Kind, purpose: Purpose) -> str:
    """The name of the format `path` is read or written in as `kind`; a one-line BadInput naming the file and
    the supported formats when there is none."""
    return registry.for_path(path, kind=kind, purpose=purpose).name


def export_tm(tm: TranslationMemory, path: str | Path, target_lang: str | None, source_lang: str, *,
              overwrite: bool = True) -> tuple[int, int]:
    """Write the TM's units (of one target language) to `path` in the format its extension names;
    (units written, characters left out because the format cannot hold them). An existing file is replaced
    only with `overwrite`."""
    fmt = registry.for_path(path, kind="units", purpose="write")
    if fmt.name == "tmx":
        return tm.export_tmx(path, target_lang, overwrite=overwrite), int(getattr(tm, "last_export_dropped", 0))
    if not overwrite and (Path(path).exists() or Path(path).is_symlink()):
        raise TarjimonError(f"{path} exists (use --force to replace it)")
    return fmt.writer("units")(tm.units(target_lang), path, srclang=source_lang), 0
