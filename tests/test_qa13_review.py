"""A reviewer's commands as a reviewer runs them (`tarjimon` in-process, real projects): QA's consistency message,
results on stdout (errors and summaries of what was done on stderr), one way of naming a segment everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from tarjimon.core.workbench import Workbench

SOURCES = ["Президент сўзга чиқди.", "Бу муҳим.", "Президент сўзга чиқди."]


def _project(tmp_path: Path, cli, targets: dict[int, str], *, second: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Project p (uz -> kk, ru) with a.txt (and b.txt, the same three sentences, with `second`), targets in ru
    by the segment's number in reading order (from 0), confirmed; repetitions not filled."""
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("config", "p", "repetitions", "never").code == 0
    for name in ("a.txt", "b.txt") if second else ("a.txt",):
        (tmp_path / name).write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
        assert cli("import", "p", tmp_path / name).code == 0
    with Workbench.open(tmp_path / "projects", "p") as project:
        segments = project.segments()
        for n, text in targets.items():
            project.confirm(segments[n].id, "ru", text)


def test_consistency_names_the_other_segment_as_qa_does_and_never_doubles_its_quotes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _project(tmp_path, cli, {0: "«Президент выступил», – сказали нам.", 2: "Президент выступил с речью."})
    result = cli("qa", "p", "--no-spelling", "--json")
    found = [f for f in json.loads(result.out) if f["check"] == "consistency"]
    assert len(found) == 1 and found[0]["index"] == 3
    message = found[0]["message"]
    assert message == "the same source is translated differently in segment 1: «Президент выступил», – сказали нам."
    assert "“«" not in message and "»”" not in message
    # a plain target is quoted once
    with Workbench.open(tmp_path / "projects", "p") as project:
        project.confirm(project.segments()[0].id, "ru", "Президент говорил.")
    message = next(f for f in json.loads(cli("qa", "p", "--no-spelling", "--json").out) if f["check"] == "consistency")["message"]
    assert message.endswith("in segment 1: “Президент говорил.”")


def test_consistency_in_a_project_of_several_documents_names_the_document_and_its_number(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _project(tmp_path, cli, {2: "Президент выступил.", 3: "Президент говорил."}, second=True)
    found = [f for f in json.loads(cli("qa", "p", "--no-spelling", "--json").out) if f["check"] == "consistency"]
    assert [(f["document"], f["index"]) for f in found] == [("b.txt", 1)]
    assert "in a.txt #3:" in found[0]["message"]  # not the database id (3 here as well as 4 for b.txt #1)
    text = cli("qa", "p", "--no-spelling").out
    assert "b.txt #1 (id 4): Президент сўзга чиқди." in text and "translated differently in a.txt #3" in text


def test_every_report_is_on_stdout_and_stderr_stays_empty(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """What a reviewer runs to read the project prints its result on stdout (as its --json does) and nothing on
    stderr: `check` said its verdict on stderr, `config KEY VALUE` said the setting twice (once on each)."""
    _project(tmp_path, cli, {0: "Президент выступил.", 2: "Президент говорил."})
    assert cli("comment", "add", "p", "a.txt", "1", "Проверьте.", "--target", "ru").code == 0
    assert cli("qa", "ignore", "p", "segment 3", "ru", "consistency", "--reason", "both fine").code == 0
    for args in (("qa", "p", "--no-spelling"), ("qa", "ignored", "p"), ("stats", "p"), ("stats", "p", "--analysis"),
                 ("analyse", "p"), ("history", "p", "a.txt", "1", "--target", "ru"), ("comment", "list", "p"),
                 ("segments", "list", "p"), ("check", "p"), ("config", "p"), ("qa", "--checks")):
        r = cli(*args)
        assert r.code in (0, 1) and r.out.strip() and r.err == "", (args, r.err)
    r = cli("config", "p", "repetitions", "ask")
    assert r.err == "" and (r.out + r.err).count("repetitions = ask") == 1, r
    # an empty listing prints nothing on stdout and says so on stderr (as glossary show, tm list, comment list)
    assert cli("comment", "resolve", "p", "1").code == 0
    r = cli("comment", "list", "p")
    assert r.out == "" and "no open comments" in r.err


def test_every_command_names_a_segment_the_same_way(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """b.txt's first segment is "b.txt #1" (document "b.txt", index 1) in qa, history, comment, replace,
    segments list, qa ignored and the export report, text and --json alike; `comment list` said "b.txt:1"."""
    _project(tmp_path, cli, {0: "Президент выступил.", 3: "Президент говорил."}, second=True)
    want = {"document": "b.txt", "index": 1, "place": "b.txt #1"}

    def keys(item: dict) -> dict:  # type: ignore[type-arg]
        return {k: item[k] for k in want}

    assert cli("comment", "add", "p", "b.txt", "1", "Проверьте.").code == 0
    comments = json.loads(cli("comment", "list", "p", "--json").out)
    assert [keys(c) for c in comments] == [want] and comments[0]["segment"] == 1
    text = cli("comment", "list", "p").out
    assert "b.txt #1  all languages" in text and "b.txt:1" not in text
    found = [f for f in json.loads(cli("qa", "p", "--no-spelling", "--json").out) if f["check"] == "consistency"]
    assert [keys(f) for f in found] == [want]
    assert cli("qa", "ignore", "p", "b.txt #1", "ru", "consistency", "--reason", "both fine").code == 0
    assert [keys(i) for i in json.loads(cli("qa", "ignored", "p", "--json").out)] == [want]
    assert "b.txt #1 ru consistency: both fine" in cli("qa", "ignored", "p").out
    assert keys(json.loads(cli("history", "p", "b.txt", "1", "--target", "ru", "--json").out)) == want
    assert cli("history", "p", "b.txt", "1", "--target", "ru").out.startswith("b.txt #1 · ru")
    change = json.loads(cli("replace", "p", "говорил", "сказал", "--dry-run", "--json").out)["changes"]
    assert [keys(c) for c in change] == [want] and change[0]["number"] == 4  # (its number across the project)
    assert cli("replace", "p", "говорил", "сказал", "--dry-run").out.startswith("b.txt #1\tru")
    rows = json.loads(cli("segments", "list", "p", "b.txt", "--json").out)
    assert keys(rows[0]) == want and rows[0]["number"] == 1
    with Workbench.open(tmp_path / "projects", "p") as project:
        project.save_target(project.segments()[3].id, "ru", "Президент говорил.", "draft")
    report = json.loads(cli("export", "p", "--format", "po", "--target", "ru", "-o", tmp_path / "out",
                            "--json").out)
    assert [keys(p) for p in report["drafts"]["places"]] == [want]
    assert report["drafts"]["named"] == ["b.txt #1"]


def test_comment_list_of_one_document(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """`comment list NAME DOC` lists that document's comments (it was refused: "give the segment number too")."""
    _project(tmp_path, cli, {}, second=True)
    for doc, seg, text in (("a.txt", "2", "first"), ("b.txt", "1", "second"), ("b.txt", "3", "third")):
        assert cli("comment", "add", "p", doc, seg, text).code == 0
    r = cli("comment", "list", "p", "b.txt", "--json")
    assert r.code == 0, r.err
    assert [(c["place"], c["text"]) for c in json.loads(r.out)] == [("b.txt #1", "second"), ("b.txt #3", "third")]
    assert [c["text"] for c in json.loads(cli("comment", "list", "p", "2", "--json").out)] == ["second", "third"]
    assert [c["text"] for c in json.loads(cli("comment", "list", "p", "a.txt", "2", "--json").out)] == ["first"]


def test_qa_prints_a_target_once_after_its_findings(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Мактабда 500 ўқувчи бор.\n", encoding="utf-8")
    assert cli("new", "p", "--source", "uz", "--targets", "kk,ru").code == 0
    assert cli("import", "p", tmp_path / "a.txt").code == 0
    with Workbench.open(tmp_path / "projects", "p") as project:
        project.confirm(project.segments()[0].id, "ru", "В школе 50 учеников")  # a number changed, no full stop
    out = cli("qa", "p", "--no-spelling").out
    assert out.splitlines() == [
        "segment 1: Мактабда 500 ўқувчи бор.",
        "  E ru number: number 500 of the source is not in the target, which has 50 instead",
        "  W ru end-punctuation: the source ends with a full stop, the target with no end punctuation",
        "      В школе 50 учеников",
        "1 error, 1 warning",
    ]
