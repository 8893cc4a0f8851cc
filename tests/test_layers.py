"""The layer contract of Tarjimon's code, checked on the import graph of src/tarjimon.

    faces (cli, tui, demo)  ->  workbench facade  ->  qa  ->  {project, tm, glossary}  ->  formats  ->  base

base is the text layer and what every layer may use: errors, langs, text, translit, segment, textio, store,
config, articles and the domain dataclasses in core/models. Every import counts: at the top of a module,
inside a function, and under TYPE_CHECKING (a type that points up a layer is a dependency too).

The rules:
1. a module imports only modules of its own layer or of a layer below;
2. project, tm and glossary are siblings: none imports another;
3. the faces reach the core through the workbench facade (and base), never past it;
4. inside tm, the backends (tm/sqlite, ...) sit below the interface: tm's shared modules never import one;
5. no import cycle among the core's modules;
6. every module of the package belongs to a layer (a new module must be placed here).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tarjimon

PACKAGE = Path(tarjimon.__file__).resolve().parent

# (layer, rank, module prefixes); the longest matching prefix decides a module's layer.
LAYERS: list[tuple[str, int, list[str]]] = [
    ("base", 0, [
        "tarjimon", "tarjimon.__init__", "tarjimon.core", "tarjimon.core.errors", "tarjimon.core.langs",
        "tarjimon.core.text", "tarjimon.core.translit", "tarjimon.core.segment", "tarjimon.core.textio",
        "tarjimon.core.store", "tarjimon.core.config", "tarjimon.core.articles", "tarjimon.core.models",
        "tarjimon.core.files", "tarjimon.core.faults",
    ]),
    ("formats", 1, ["tarjimon.core.formats"]),
    ("project", 2, ["tarjimon.core.project"]),
    ("tm", 2, ["tarjimon.core.tm"]),
    ("glossary", 2, ["tarjimon.core.glossary"]),
    ("align", 2, ["tarjimon.core.align"]),  # sentence alignment of published versions (issue 17)
    ("qa", 3, ["tarjimon.core.qa"]),
    ("workbench", 4, ["tarjimon.core.workbench"]),
    ("faces", 5, ["tarjimon.cli", "tarjimon.tui", "tarjimon.demo", "tarjimon.__main__"]),
]
FACES_MAY_USE = {"workbench", "base", "faces"}
TM_BACKENDS = ("tarjimon.core.tm.sqlite", "tarjimon.core.tm.postgres")


def _modules() -> dict[str, Path]:
    root = PACKAGE.parent
    out = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _resolve(current: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The tarjimon modules an import statement names (a `from pkg import name` names pkg.name when that is a
    module, else pkg)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "tarjimon"]
    is_pkg = MODULES[current].name == "__init__.py"
    base = node.module or ""
    if node.level:
        parts = current.split(".")
        parts = parts if is_pkg else parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([base] if base else []))
    if base.split(".")[0] != "tarjimon":
        return []
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                deps.update(d for d in _resolve(name, node) if d in MODULES and d != name)
        graph[name] = deps
    return graph


GRAPH = _graph()


def layer_of(module: str) -> tuple[str, int]:
    best: tuple[int, str, int] | None = None
    for layer, rank, prefixes in LAYERS:
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), layer, rank)
    if best is None:
        raise AssertionError(f"{module} belongs to no layer: place it in tests/test_layers.py")
    return best[1], best[2]


def _edges() -> list[tuple[str, str]]:
    return sorted((a, b) for a, deps in GRAPH.items() for b in deps)


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_import_points_up_a_layer() -> None:
    bad = [f"{a} ({layer_of(a)[0]}) imports {b} ({layer_of(b)[0]})"
           for a, b in _edges() if layer_of(b)[1] > layer_of(a)[1]]
    assert not bad, "imports that point up a layer:\n" + "\n".join(bad)


def test_project_tm_and_glossary_do_not_import_each_other() -> None:
    siblings = {"project", "tm", "glossary"}
    bad = [f"{a} imports {b}" for a, b in _edges()
           if layer_of(a)[0] in siblings and layer_of(b)[0] in siblings and layer_of(a)[0] != layer_of(b)[0]]
    assert not bad, "\n".join(bad)


def test_faces_reach_the_core_through_the_workbench() -> None:
    bad = [f"{a} imports {b} ({layer_of(b)[0]})" for a, b in _edges()
           if layer_of(a)[0] == "faces" and layer_of(b)[0] not in FACES_MAY_USE]
    assert not bad, "the CLI and TUI go through tarjimon.core.workbench:\n" + "\n".join(bad)


def test_tm_backends_sit_below_the_tm_interface() -> None:
    bad = [f"{a} imports {b}" for a, b in _edges()
           if layer_of(a)[0] == "tm" and not a.startswith(TM_BACKENDS) and b.startswith(TM_BACKENDS)]
    assert not bad, "tm's shared modules must not know a backend:\n" + "\n".join(bad)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        item = stack.pop()
                        on_stack.discard(item)
                        group.append(item)
                        if item == node:
                            break
                    if len(group) > 1:
                        out.append(sorted(group))
    return out


def test_no_import_cycle_in_the_core() -> None:
    core = {m: {d for d in deps if d.startswith("tarjimon.core")} for m, deps in GRAPH.items()
            if m.startswith("tarjimon.core")}
    cycles = _cycles(core)
    assert not cycles, "import cycles in the core:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    # the checker itself must be able to fail
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("source,expected", [
    ("from tarjimon.core.workbench import Workbench", ["tarjimon.core.workbench"]),
    ("from tarjimon.core.tm import base", ["tarjimon.core.tm.base"]),
    ("from . import ranking", ["tarjimon.core.tm.ranking"]),
])
def test_imports_are_resolved(source: str, expected: list[str]) -> None:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _resolve("tarjimon.core.tm.api", node) == expected
