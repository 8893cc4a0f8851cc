"""Which glossaries a `tarjimon glossary` command reaches: the shared folder's, or with --project P every
glossary P uses by the name the workbench gives it (its own, "project", and those it attaches)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tarjimon.cli.common import glossaries_folder, projects_folder
from tarjimon.core.errors import NotFound, TarjimonError

if TYPE_CHECKING:
    from tarjimon.core.workbench.glossaries import SharedGlossaries


def glossaries_for(args: argparse.Namespace) -> SharedGlossaries:
    """The glossaries the command reaches (imported when a command runs: the parsers need none of it): the
    shared folder's, or with --project P the glossaries P uses, its own ("project") among them."""
    from tarjimon.core.workbench.glossaries import OWN, SharedGlossaries

    folder = glossaries_folder(args)
    name, project = getattr(args, "name", None), getattr(args, "project", None)
    if project is None:
        if name == OWN and not (folder / f"{OWN}.tsv").is_file():
            raise TarjimonError(f"{OWN!r} is each project's own glossary (its Ctrl+T terms): name the project "
                                f"with --project P (glossary {args.glossary_command} {OWN} ... --project P)")
        return SharedGlossaries(folder)
    names = project_glossaries(args, project)
    if name is not None and name not in names:
        raise NotFound(f"project {project!r} uses no glossary named {name!r} (its glossaries: {', '.join(names)}; "
                       f"attach a shared one with: tarjimon glossary attach {project} {name})")
    return SharedGlossaries(folder, own=projects_folder(args) / project / "glossary.tsv")


def project_glossaries(args: argparse.Namespace, project: str) -> list[str]:
    """The glossaries project `project` uses: its own first, then those it attaches (from its project.toml
    alone: no database opened)."""
    from tarjimon.core.config import CONFIG_NAME, ProjectConfig, check_name
    from tarjimon.core.workbench.glossaries import OWN

    config = projects_folder(args) / check_name(project) / CONFIG_NAME
    if not config.is_file():
        raise NotFound(f"no project named {project!r} in {projects_folder(args)}")
    return [OWN, *(n for n in ProjectConfig.load(config).glossaries if n != OWN)]


def add_project_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--project", metavar="P", help="a glossary project P uses: its own ('project': the terms added "
                   "in its workbench with Ctrl+T) or one it attaches")
