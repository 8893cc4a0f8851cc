"""Mutation testing of the critical paths: do the tests fail when the product breaks?

Two parts, both run on a scratch copy of src/ (the worktree is never modified):

  planted  The bugs a deliberate-bug audit planted (issue 16) and a few more of the same kind, each as a
           named text patch. For each: apply it to a fresh copy, run the tests that should catch it, and
           report KILLED (a test failed, with its name), SURVIVED (all passed), SKIPPED (the tests skipped:
           tmux missing...) or STALE (the patch no longer applies: the code moved; update the patch).
           The unpatched copy runs first and must pass, or the results mean nothing.
  mutmut   mutmut 3 over the critical functions (MUTMUT_FILES below): TM scoring and storage, the article
           import, segmentation, QA checks, PO/TMX/TBX writers, the workbench's Enter/Ctrl+U/read-only
           paths. mutmut records which tests reach each function and runs only those for each mutant.
           The scope keeps it to about half an hour on a 2-core machine.

Usage (from the repository root, with the `mutation` extra installed for the second part):

  python tools/mutation.py planted            # a minute or two
  python tools/mutation.py mutmut [--max-children 2]
  python tools/mutation.py all
  python tools/mutation.py survivors --keep WORK   # the lines each surviving mutant changed

Each part prints a report and exits 1 if a planted bug survived (or a patch went stale). docs/testing.md
holds the latest results and why each surviving mutant is acceptable.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Planted:
    """A deliberate bug: (old, new) replacements in one file, and the tests that must catch it."""

    name: str
    what: str
    path: str
    patches: tuple[tuple[str, str], ...]
    tests: tuple[str, ...] = field(default_factory=tuple)


PLANTED = [
    Planted(
        "failed-import-commits",
        "a failed import commits what it wrote instead of rolling back",
        "src/tarjimon/core/store.py",
        (('conn.execute("ROLLBACK")', 'conn.execute("COMMIT")'),),
        ("tests/test_audit_gaps.py::test_cut_off_tmx_is_an_error_and_leaves_the_units_table_unchanged",),
    ),
    Planted(
        "article-import-two-transactions",
        "the article import commits the document before its paragraphs and segments",
        "src/tarjimon/core/project/repository.py",
        (
            (
                'tx.execute("DELETE FROM paragraphs WHERE document_id = ?", (doc_id,))',
                'tx.execute("COMMIT"); tx.execute("BEGIN IMMEDIATE"); '
                'tx.execute("DELETE FROM paragraphs WHERE document_id = ?", (doc_id,))',
            ),
        ),
        ("tests/test_kill_points.py::test_article_import_killed_leaves_no_half_document",),
    ),
    Planted(
        "no-99-cap",
        "a same-key match with different characters (o'qidim / oʻqidim) scores 100",
        "src/tarjimon/core/tm/scoring.py",
        (("score = min(score, 99)", "score = score"),),
        (
            "tests/test_audit_gaps.py::test_same_key_different_characters_scores_99_never_100",
            "tests/test_audit_gaps.py::test_same_key_match_is_99_in_the_tm_and_never_pretranslated_as_translated",
        ),
    ),
    Planted(
        "mlrd-never-ends-a-sentence",
        "«млрд.» is never a sentence end: '…2 млрд. Бу рекорд бўлди.' is one sentence",
        "src/tarjimon/core/segment/rules/uz.toml",
        (('"мас.", "mas.",', '"мас.", "mas.", "млрд.",'),),
        ("tests/test_audit_gaps.py::test_number_abbreviation_ends_a_sentence_before_a_new_one",),
    ),
    Planted(
        "second-open-not-read-only",
        "a second `tarjimon open` of a locked project edits it anyway",
        "src/tarjimon/cli/tui_cmds.py",
        (("            read_only = True\n", "            read_only = False\n"),),
        ("tests/test_tui_tmux.py::test_second_open_of_a_locked_project_is_read_only",),
    ),
    Planted(
        "ctrl-u-skips-drafts",
        "Ctrl+U goes to empty targets only, skipping drafts",
        "src/tarjimon/tui/navigation.py",
        (
            ("if targets[pass_lang].status in UNDONE:", 'if targets[pass_lang].status == "empty":'),
            ("if target.status in UNDONE:", 'if target.status == "empty":'),
        ),
        ("tests/test_tui_keys.py::test_ctrl_u_goes_to_a_draft_as_well_as_an_empty_target",),
    ),
    Planted(
        "enter-saves-a-draft",
        "Enter saves the target as a draft instead of confirming it",
        "src/tarjimon/tui/workbench.py",
        (('done = self._save(text, "translated")', 'done = self._save(text, "draft")'),),
        (
            "tests/test_tui_tmux.py::test_type_enter_quit_then_export",
            "tests/test_tui_tmux.py::test_kill_9_keeps_the_confirmed_segment",
        ),
    ),
    # More of the same kind: transactions cut in two, checked by the kill points.
    Planted(
        "target-committed-before-its-tm-queue-row",
        "save_target commits the target before queueing it for the TM (a kill loses the TM unit)",
        "src/tarjimon/core/project/repository.py",
        (
            (
                'faults.checkpoint("target.saved")',  # right after the target's write
                'tx.execute("COMMIT"); tx.execute("BEGIN IMMEDIATE"); faults.checkpoint("target.saved")',
            ),
        ),
        ("tests/test_kill_points.py::test_save_target_killed_before_its_tm_queue_row_keeps_neither",),
    ),
    Planted(
        "batch-import-one-transaction-per-file",
        "a batch import commits each file on its own (a kill after the first file leaves it imported)",
        "src/tarjimon/core/workbench/importing.py",
        (("    with repo.transaction():\n", "    if True:\n"),),
        ("tests/test_kill_points.py::test_batch_import_killed_after_its_first_file_imports_nothing",),
    ),
    Planted(
        "tm-import-commits-per-batch",
        "the TM bulk import commits after every batch of 4,000 units",
        "src/tarjimon/core/tm/sqlite/bulk.py",
        (
            (
                "        self.added += len(rows)\n",
                '        self.added += len(rows); self.conn.execute("COMMIT"); self.conn.execute("BEGIN IMMEDIATE")\n',
            ),
        ),
        ("tests/test_kill_points.py::test_tm_import_killed_leaves_the_tm_as_before",),
    ),
]


def _copy_src(dest: Path) -> Path:
    src = dest / "src"
    shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


def _pytest(src: Path, tests: list[str]) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")
    env.pop("TARJIMON_KILL_AT", None)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-rfs",
        "--tb=no",
        "-o",
        "addopts=",
        *tests,
    ]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    return done.returncode, done.stdout + done.stderr


def _summary(output: str) -> str:
    lines = [ln for ln in output.strip().splitlines() if ln.startswith("=") and (" in " in ln)]
    return lines[-1].strip("= ") if lines else output.strip().splitlines()[-1:][0] if output.strip() else ""


def run_planted(names: list[str] | None = None) -> int:
    chosen = [p for p in PLANTED if not names or p.name in names]
    every_test = sorted({t for p in chosen for t in p.tests})
    bad = 0
    with tempfile.TemporaryDirectory(prefix="tarjimon-planted-") as tmp:
        base = _copy_src(Path(tmp) / "base")
        code, out = _pytest(base, every_test)
        print(f"baseline (no bug planted): {_summary(out)}")
        if code != 0:
            print(textwrap.indent(out[-3000:], "  "))
            print("the tests fail without a planted bug: fix that first")
            return 2
        print()
        for p in chosen:
            work = Path(tmp) / p.name
            src = _copy_src(work)
            target = work / p.path
            text = target.read_text(encoding="utf-8")
            stale = [old for old, _ in p.patches if text.count(old) != 1]
            if stale:
                print(
                    f"STALE     {p.name}: the patch no longer applies ({stale[0]!r}): update tools/mutation.py"
                )
                bad += 1
                continue
            for old, new in p.patches:
                text = text.replace(old, new)
            target.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            code, out = _pytest(src, list(p.tests))
            took = time.perf_counter() - started
            failed = re.findall(r"^FAILED (\S+)", out, flags=re.M)
            summary = _summary(out)
            if code == 1 and failed:
                verdict = "KILLED"
            elif code == 0 and " passed" not in summary:
                verdict = "SKIPPED"
            elif code == 0:
                verdict = "SURVIVED"
                bad += 1
            else:
                verdict = f"ERROR({code})"
                bad += 1
            print(f"{verdict:<9} {p.name}: {p.what} [{summary}, {took:.0f} s]")
            for test in failed:
                print(f"            caught by {test}")
            if verdict == "SKIPPED":
                for reason in re.findall(r"^SKIPPED \[\d+\] [^:]+:\d+: (.*)$", out, flags=re.M)[:1]:
                    print(f"            skipped: {reason}")
    killed = "all" if not bad else f"{len(chosen) - bad} of {len(chosen)}"
    print(f"\nplanted bugs caught: {killed}")
    return 1 if bad else 0


# ---- mutmut ------------------------------------------------------------------------------------------------
# The critical functions (mutmut's mangled names: x_FUNCTION, xǁCLASSǁMETHOD). All of these files are mutated,
# but only the mutants of these functions are run: about 1,400 mutants, half an hour on 2 cores. mutmut runs,
# for each mutant, only the tests that reached its function in a first run of MUTMUT_TESTS.
MUTMUT_FUNCTIONS = {
    # TM scoring and store
    "src/tarjimon/core/tm/scoring.py": ["x_final_score", "x_penalties_for", "x_base_score"],
    "src/tarjimon/core/tm/sqlite/bulk.py": ["xǁBulkWriterǁadd", "xǁBulkWriterǁ_flush_batch", "xǁBulkWriterǁfinish",
                                            "xǁBulkWriterǁ_existing", "x_confirm"],
    # imports and their transactions, the target's save (the core side of Enter)
    "src/tarjimon/core/project/repository.py": ["xǁProjectRepositoryǁstore_document",
                                                "xǁProjectRepositoryǁ_replace_segments",
                                                "xǁProjectRepositoryǁsave_translation"],
    "src/tarjimon/core/project/align.py": ["x_align"],
    "src/tarjimon/core/workbench/importing.py": ["x_import_articles", "x_parse_article", "x_split_article"],
    # segmentation rules
    "src/tarjimon/core/segment/engine.py": ["x__abbreviation_decision", "x__is_break", "x__paragraph_spans",
                                            "x__token_before"],
    # QA checks
    "src/tarjimon/core/qa.py": ["x__check_numbers", "x_numbers", "x__check_punctuation", "x__check_tags"],
    # PO / TMX / TBX writers
    "src/tarjimon/core/formats/po.py": ["xǁPoExporterǁwrite"],
    "src/tarjimon/core/formats/tmx.py": ["xǁTmxWriterǁunit", "xǁTmxWriterǁ_seg"],
    "src/tarjimon/core/formats/tbx.py": ["x_tbx_bytes"],
    # the workbench's Enter, Ctrl+U and read-only paths
    "src/tarjimon/tui/navigation.py": ["x_first_untranslated"],
    "src/tarjimon/tui/workbench.py": ["xǁWorkbenchScreenǁconfirm", "xǁWorkbenchScreenǁsave_draft"],
}
MUTMUT_FILES = list(MUTMUT_FUNCTIONS)
MUTMUT_TESTS = [
    "tests/tm/test_contract.py",
    "tests/formats/test_roundtrip_units.py",
    "tests/formats/test_roundtrip_documents.py",
    "tests/formats/test_roundtrip_concepts.py",
    "tests/test_tm_scoring.py",
    "tests/test_tm_project.py",
    "tests/test_tm_po.py",
    "tests/test_tm_tmx.py",
    "tests/test_tm_cli.py",
    "tests/test_audit_gaps.py",
    "tests/test_project.py",
    "tests/test_cli.py",
    "tests/test_segment.py",
    "tests/test_segment_gold.py",
    "tests/test_segment_unseen.py",
    "tests/test_qa.py",
    "tests/test_glossary_tbx.py",
    "tests/test_tui.py",
    "tests/test_tui_keys.py",
]


def mutant_globs(only: list[str] | None = None) -> list[str]:
    """mutmut mutant-name patterns for MUTMUT_FUNCTIONS (module.function__mutmut_N), or those containing one
    of the `only` strings."""
    out = []
    for path, functions in MUTMUT_FUNCTIONS.items():
        module = path.removeprefix("src/").removesuffix(".py").replace("/", ".")
        out += [f"{module}.{fn}__mutmut_*" for fn in functions]
    return [g for g in out if not only or any(o in g for o in only)]


def mutmut_config() -> str:
    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"

    return textwrap.dedent(f"""\
        [tool.mutmut]
        source_paths = ["src"]
        only_mutate = {toml_list(MUTMUT_FILES)}
        pytest_add_cli_args = ["-p", "no:cacheprovider", "-o", "addopts=", "-x", "-q"]
        pytest_add_cli_args_test_selection = {toml_list(MUTMUT_TESTS)}
        use_git_change_detection = false

        [tool.pytest.ini_options]
        testpaths = ["tests"]
        """)


def run_mutmut(max_children: int, keep: Path | None, *, resume: bool = False,
               only: list[str] | None = None) -> int:
    try:
        import mutmut  # noqa: F401
    except ImportError:
        print("mutmut is not installed: pip install 'tarjimon[mutation]'")
        return 2
    work = keep or Path(tempfile.mkdtemp(prefix="tarjimon-mutmut-"))
    if not resume:  # a fresh copy (with --resume, mutmut goes on with the mutants of the last run in WORK)
        if work.exists() and keep:
            shutil.rmtree(work / "mutants", ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        for name in ("src", "tests"):
            shutil.rmtree(work / name, ignore_errors=True)
            shutil.copytree(REPO / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        (work / "pyproject.toml").write_text(mutmut_config(), encoding="utf-8")
    # Tests that start `tarjimon` in a subprocess import it through PYTHONPATH: point it at the mutants. The
    # folder must exist before mutmut starts: Python caches "no such folder" for a sys.path entry, and the
    # tests would then import an installed tarjimon instead of the mutants.
    (work / "mutants" / "src").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(work / "mutants" / "src"))
    env.pop("TARJIMON_KILL_AT", None)
    started = time.perf_counter()
    globs = mutant_globs(only)
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children), *globs],
        cwd=work,
        env=env,
    )
    took = time.perf_counter() - started
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    import fnmatch

    results = "\n".join(
        ln
        for ln in done.stdout.splitlines()
        if any(fnmatch.fnmatch(ln.split(":")[0].strip(), g) for g in globs)
    )
    counts: dict[str, int] = {}
    for line in results.splitlines():
        m = re.match(r"\s*(\S+): (.+)$", line)
        if m:
            counts[m.group(2).strip()] = counts.get(m.group(2).strip(), 0) + 1
    print(f"\nmutmut over {len(globs)} functions in {took / 60:.1f} min (work dir {work}):")
    for status, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {status:<12} {n}")
    survivors = [ln.split(":")[0].strip() for ln in results.splitlines() if ln.strip().endswith(": survived")]
    if survivors:
        print("\nsurvived (`cd WORK && mutmut show NAME` shows the change):")
        for name in survivors:
            print(f"  {name}")
    return 0


def _function_sources(work: Path) -> dict[str, str]:
    """Every mutated function's text in mutmut's copy, by mangled name (module.x_f__mutmut_N, ...orig)."""
    import ast

    out: dict[str, str] = {}
    root = work / "mutants" / "src"
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "__mutmut_orig" not in text:
            continue
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name:
                body = "\n".join(lines[node.lineno - 1 : node.end_lineno]).split("\n", 1)[-1]
                out[f"{module}.{node.name}"] = body
    return out


def show_survivors(work: Path) -> int:
    """Each surviving mutant of a finished run in WORK as the lines it changed (for docs/testing.md)."""
    import difflib

    env = dict(os.environ, PYTHONPATH=str(work / "mutants" / "src"))
    done = subprocess.run([sys.executable, "-m", "mutmut", "results"], cwd=work, env=env, capture_output=True,
                          text=True)
    names = [ln.split(":")[0].strip() for ln in done.stdout.splitlines() if ln.strip().endswith(": survived")]
    sources = _function_sources(work)
    for name in names:
        orig = sources.get(re.sub(r"__mutmut_\d+$", "__mutmut_orig", name), "")
        mutant = sources.get(name, "")
        changed = [ln for ln in difflib.unified_diff(orig.splitlines(), mutant.splitlines(), lineterm="", n=0)
                   if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
        print(name)
        for ln in changed:
            print("    " + ln.strip()[:150])
    print(f"{len(names)} survived")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("part", choices=["planted", "mutmut", "all", "survivors"])
    ap.add_argument("--only", nargs="*", help="planted: only these bugs (by name)")
    ap.add_argument("--max-children", type=int, default=2, help="mutmut: parallel workers (default 2)")
    ap.add_argument("--keep", type=Path, help="mutmut: work in this folder and keep it (default: a temp dir)")
    ap.add_argument("--resume", action="store_true", help="mutmut: go on with the run kept in --keep")
    ap.add_argument("--functions", nargs="*", help="mutmut: only the functions whose name holds one of these")
    args = ap.parse_args(argv)
    code = 0
    if args.part in ("planted", "all"):
        code = max(code, run_planted(args.only))
    if args.part == "survivors":
        if not args.keep:
            ap.error("survivors needs --keep WORK (the folder of a finished mutmut run)")
        return show_survivors(args.keep)
    if args.part in ("mutmut", "all"):
        code = max(code, run_mutmut(args.max_children, args.keep, resume=args.resume, only=args.functions))
    return code


if __name__ == "__main__":
    sys.exit(main())
