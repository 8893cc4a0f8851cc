"""project.toml: the readable part of a project (name, languages, glossaries, settings)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tarjimon.core import files, langs
from tarjimon.core.errors import BadInput, NotFound, TarjimonError
from tarjimon.core.files import atomic_write_text

CONFIG_NAME = "project.toml"
DB_NAME = "project.db"
_NAME = re.compile(r"[\w][\w.\-]{0,63}")


@dataclass
class ProjectConfig:
    """What project.toml holds."""

    name: str
    source: str
    targets: list[str]
    glossaries: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    created: str = ""

    def to_toml(self) -> str:
        data: dict[str, Any] = {
            "name": self.name,
            "source": self.source,
            "targets": list(self.targets),
            "glossaries": list(self.glossaries),
            "created": self.created,
            "settings": dict(self.settings),
        }
        import tomli_w  # (only a config written needs it)

        return tomli_w.dumps(data)

    @classmethod
    def load(cls, path: Path) -> ProjectConfig:
        try:
            files.check_input_file(path, 1 << 20)  # a FIFO or device planted as project.toml never hangs us
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise NotFound("no project.toml here", path=path) from exc
        except UnicodeDecodeError as exc:
            raise BadInput(f"unreadable project file ({exc})", path=path) from exc
        return cls.from_text(text, path, default_name=path.parent.name)

    @classmethod
    def from_text(cls, text: str, path: str | Path, default_name: str = "") -> ProjectConfig:
        """A project.toml's text read as a ProjectConfig; `path` is the file an error names (project.toml, or
        the backup that carries it)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise BadInput(f"unreadable project file ({exc})", path=path) from exc
        try:
            source = langs.normalize(str(data["source"]), source=str(path))
            shapes = {"targets": (data["targets"], list), "glossaries": (data.get("glossaries", []), list),
                      "settings": (data.get("settings", {}), dict)}  # fmt: skip
            for key, (value, kind) in shapes.items():
                if not isinstance(value, kind):  # `targets = "kk"` would be read letter by letter
                    raise BadInput(f"{key} must be a {'list' if kind is list else 'table'}, not {value!r}", path=path)
            targets = [langs.normalize(str(t), source=str(path)) for t in data["targets"]]
            glossaries = []
            for g in data.get("glossaries", []):
                try:
                    glossaries.append(check_name(str(g)))  # a glossary name never leads out of its folder
                except TarjimonError as exc:
                    raise BadInput(f"glossaries: {exc.message}", path=path) from exc
            return cls(
                name=str(data.get("name") or default_name),
                source=source,
                targets=targets,
                glossaries=glossaries,
                settings=dict(data.get("settings", {})),
                created=str(data.get("created", "")),
            )
        except (KeyError, TypeError) as exc:
            raise BadInput(f"project file lacks {exc}", path=path) from exc

    def save(self, folder: Path) -> None:
        """Write project.toml atomically (core/files.py: never through a symlink, mode kept)."""
        atomic_write_text(folder / CONFIG_NAME, self.to_toml())


def projects_dir(option: str | Path | None = None) -> Path:
    """Where projects live: the option, else $TARJIMON_PROJECTS, else ./projects."""
    if option:
        return Path(option)
    env = os.environ.get("TARJIMON_PROJECTS")
    return Path(env) if env else Path.cwd() / "projects"


def glossaries_dir(option: str | Path | None = None) -> Path:
    """Where shared glossaries live: the option, else $TARJIMON_GLOSSARIES, else ./glossaries."""
    if option:
        return Path(option)
    env = os.environ.get("TARJIMON_GLOSSARIES")
    return Path(env) if env else Path.cwd() / "glossaries"


STARTER_PACKAGE = "tarjimon.glossaries"


def starter_glossaries() -> list[str]:
    """The names of the glossaries shipped with Tarjimon (package data), e.g. ["news"]."""
    from importlib import resources

    folder = resources.files(STARTER_PACKAGE)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv"))


def install_starter_glossary(folder: Path, name: str) -> Path | None:
    """Copy starter glossary `name` into the shared glossaries `folder` if the folder has none of that name.

    Returns the glossary's path in `folder` (copied now or there already), or None when `name` is not a
    starter glossary and the folder lacks it. So `glossary attach P news` and the demo work from any folder.
    """
    from importlib import resources

    target = Path(folder) / (check_name(name) + ".tsv")
    if target.is_file():
        return target
    source = resources.files(STARTER_PACKAGE).joinpath(name + ".tsv")
    if not source.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, source.read_text(encoding="utf-8"), overwrite=False)
    return target


def current_user() -> str:
    """Who is working (the author of a target version or a comment): $TARJIMON_USER, else the OS user."""
    name = os.environ.get("TARJIMON_USER", "").strip()
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def check_name(name: str) -> str:
    """A project or glossary name must be a plain file name: checked before anything touches the disk.

    Letters, digits, '.', '-', '_' (the whole name: no path separator, no newline), not starting with a dot,
    no '..', at most 64 characters.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name) or ".." in name:
        raise TarjimonError(f"invalid name {name!r}: use letters, digits, '.', '-' or '_', starting with a letter "
                            "or digit, at most 64 characters (no paths, no '..')")
    return name


def list_projects(folder: Path) -> list[ProjectConfig]:
    """The projects in a folder, by name; folders without a readable project.toml are skipped."""
    out: list[ProjectConfig] = []
    if not folder.is_dir():
        return out
    for sub in sorted(folder.iterdir()):
        cfg = sub / CONFIG_NAME
        if cfg.is_file():
            try:
                out.append(ProjectConfig.load(cfg))
            except TarjimonError:
                continue
    return out
