"""`tarjimon align NAME SOURCE --kk KK --ru RU --en EN`: published versions of a story into the project's TM.

Each version is segmented with Tarjimon's own segmenter and aligned with the source (1-1, 1-2, 2-1, 1-0,
0-1, merges across paragraphs, moved paragraphs) on lengths, numbers, names, cognates, glossary terms and
punctuation, jointly across the targets. Pairs at or above --min go to the TM (origin "align:<file>", the
confidence as a prop); the rest are listed. `--review` opens the review screen instead; `--batch` takes
folders and pairs their articles by date and title.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tarjimon.cli.common import add_dirs, add_json, open_project, print_json, say
from tarjimon.core.errors import TarjimonError
from tarjimon.core.text.visible import visible
from tarjimon.core.workbench.align_pending import check_pending_folder, save_pending
from tarjimon.core.workbench.aligning import (
    DEFAULT_MIN,
    AlignReport,
    accept,
    align_story,
    glossary_terms,
    match_folders,
)

TARGET_FLAGS = ("kk", "ru", "en")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "align",
        help="align published versions of a story (uz with kk, ru, en) into TM units",
        description="Align a source article with its published translations and add the aligned sentence "
        "pairs to the project's TM. SOURCE and the targets may be any article format Tarjimon imports; "
        "with --batch they are folders, whose articles are paired by date and title.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("source", metavar="SOURCE", help="the source version (a file, or a folder with --batch)")
    for lang in TARGET_FLAGS:
        p.add_argument(f"--{lang}", metavar=lang.upper(), help=f"the {lang} version")
    p.add_argument("--min", type=float, default=DEFAULT_MIN, metavar="C",
                   help=f"add pairs of confidence at least C (0-1, default {DEFAULT_MIN}); list the rest")
    p.add_argument("--batch", action="store_true", help="SOURCE and the targets are folders of articles")
    p.add_argument("--dry-run", action="store_true", help="align and report, add nothing")
    p.add_argument("--review", action="store_true", help="review the pairs in the workbench before adding")
    p.add_argument("--force", action="store_true",
                   help="align even when the same-story check cannot verify the versions (no shared terms)")
    add_json(p)
    add_dirs(p)
    p.set_defaults(func=cmd_align)


def cmd_align(args: argparse.Namespace) -> int:
    targets = {lang: getattr(args, lang) for lang in TARGET_FLAGS if getattr(args, lang)}
    if not targets:
        raise TarjimonError("name at least one target version: --kk, --ru or --en")
    if not 0.0 <= args.min <= 1.0:
        raise TarjimonError(f"--min must be between 0 and 1, not {args.min}")
    if args.review and args.batch:
        raise TarjimonError("--review takes one story, not --batch")
    with open_project(args) as project:
        missing = [lang for lang in targets if lang not in project.target_langs]
        if missing:
            raise TarjimonError(f"project {project.name} does not translate into {', '.join(missing)} "
                                f"(its targets: {', '.join(project.target_langs)})")
        terms = glossary_terms(project.glossaries())
        if args.review:
            return _review(project, args, targets, terms)
        if args.batch:
            stories, left = match_folders(Path(args.source), project.source_lang,
                                          {lang: Path(p) for lang, p in targets.items()})
        else:
            stories, left = [(Path(args.source), {lang: Path(p) for lang, p in targets.items()})], []
        if not args.dry_run:
            check_pending_folder(project.folder)
        reports, refused = [], []
        for source, found in stories:
            try:
                alignment, report = align_story(source, project.source_lang, found, terms=terms,
                                                min_confidence=args.min, check=not args.force)
            except TarjimonError as exc:
                if not args.batch:
                    raise
                refused.append(str(exc))
                continue
            if not args.dry_run:
                report.stored, report.duplicates = accept(project.tm, alignment, report.added)
                if any(report.below.values()):  # the rest waits for a review in the workbench
                    report.pending = str(save_pending(project.folder, alignment, args.min).path)
            reports.append(report)
    if args.json:
        print_json({"stories": [r.to_json() for r in reports], "refused": refused, "unmatched": left})
    else:
        for report in reports:
            _print_report(report, args.dry_run)
        for line in refused + left:
            say(f"skipped: {visible(line)}")
    return 2 if args.batch and not reports and (refused or left) else 0


def _print_report(report: AlignReport, dry_run: bool) -> None:
    for lang, added in report.added.items():
        below = report.below.get(lang, [])
        lone_s, lone_t = report.unaligned.get(lang, ([], []))
        print(f"{visible(report.source)} -> {visible(report.targets[lang])} ({lang}): {len(added)} pairs "
              f"{'would be added' if dry_run else 'added'}, {len(below)} below the threshold, "
              f"{len(lone_s)} source and {len(lone_t)} target sentences without a partner")
        for p in below:
            print(f"  below {p.confidence:.2f} [{p.shape}] {p.source_text[:60]!r} = {p.target_text[:60]!r}")
        for text in lone_s:
            print(f"  source only: {text[:90]!r}")
        for text in lone_t:
            print(f"  {lang} only: {text[:90]!r}")
    if not dry_run:
        print(f"TM: {report.stored} units stored ({report.duplicates} already there)")
    if report.pending:
        print("kept for review: the pairs below the threshold wait in the workbench (Ctrl+P, "
              "\"Review a pending alignment\")")


def _review(project, args: argparse.Namespace, targets: dict[str, str], terms) -> int:  # type: ignore[no-untyped-def]
    from tarjimon.tui.align_app import AlignReviewApp

    alignment, report = align_story(Path(args.source), project.source_lang, targets, terms=terms,
                                    min_confidence=args.min, check=not args.force)
    app = AlignReviewApp(project, alignment, min_confidence=args.min)
    app.run()
    if app.stored is not None:
        say(f"TM: {app.stored[0]} units stored ({app.stored[1]} already there)")
    return 0
