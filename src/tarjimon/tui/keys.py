"""The key map: one table that the bindings, the footer, the help screen (F1), the command palette and
docs/tui.md share.

Every action has a key that every terminal delivers: a plain key, a Ctrl+letter or a function key (F2-F9).
Alt+key is a second key, never the only one: terminals send it as ESC then the key, and macOS Terminal
without "Use Option as Meta key" types a character instead (Option+1 is "¡"). `install_alt_keys` makes
Textual read ESC+key as Alt+key at once (see its docstring). Ctrl+digit reaches no app outside the kitty
keyboard protocol, so it is not used; Ctrl+Enter is sent as a plain Enter by most terminals, so it is
not used either. The browser (`tarjimon serve`) keeps Ctrl+T, Ctrl+N and Ctrl+W for itself: each of those
actions has another key too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One action of the workbench: its binding id, keys, action name, and what it does."""

    id: str
    keys: str
    action: str
    description: str
    short: str = ""  # the footer's label (the description is for help and the palette)
    show: bool = False  # shown in the footer
    group: str = ""  # the heading it is listed under in F1

    @property
    def label(self) -> str:
        return self.short or self.description

    @property
    def names(self) -> list[str]:
        return self.keys.split(",")


CONFIRM, MOVE, FILL, FIND, VIEW = "Confirm and review", "Moving", "Filling the target", "Finding", "View"
EDIT = "Segments and replace"

KEYS: list[Key] = [
    # Shown in the footer, in this order (the most used first: at 80 columns the last ones are cut).
    Key("confirm", "enter", "confirm", "Confirm the target (● translated), go on", "Confirm", True, CONFIRM),
    Key("review", "f9", "review", "Mark the target reviewed (✔), go on", "Review", True, CONFIRM),
    Key("next-match", "f6", "next_match", "Insert the next TM match (1, then 2...)", "TM", True, FILL),
    Key("insert-term", "f7,alt+g", "insert_term", "Insert the next glossary term", "Term", True, FILL),
    Key(
        "next-untranslated",
        "ctrl+u",
        "next_untranslated",
        "Next untranslated target",
        "Untransl.",
        True,
        MOVE,
    ),
    Key("add-term", "ctrl+t,ctrl+l", "add_term", "Add a term to a glossary", "Add term", True, FIND),
    Key("filter", "ctrl+f", "filter", "Search and filter segments (text, status, QA findings)", "Filter", True, FIND),
    Key("help", "f1", "help", "Keys and help", "Help", True, VIEW),
    Key("quit", "ctrl+q", "quit", "Save and quit", "Quit", True, VIEW),
    # Listed in F1 and the palette.
    Key(
        "enter-mode",
        "ctrl+o",
        "toggle_enter_mode",
        "Enter goes on to: the next segment / the next language of this segment",
        group=CONFIRM,
    ),
    Key("save", "ctrl+s", "save", "Save the target as a draft now", group=CONFIRM),
    Key("history", "ctrl+a,alt+h", "history", "Versions of this target: compare, restore", group=CONFIRM),
    Key("comments", "f12,alt+m", "comments", "Reviewer comments on this segment: add, resolve", group=CONFIRM),
    Key("clear-target", "ctrl+d", "clear_target", "Clear the target (Ctrl+Z brings it back)", group=FILL),
    Key("newline", "ctrl+j,alt+enter", "newline", "Line break in the target", group=FILL),
    Key("copy-source", "f5,alt+c,ctrl+insert", "copy_source", "Copy the source into the target", group=FILL),
    Key("insert-tag", "f10,alt+t", "insert_tag", "Insert the source's next tag ⟨1⟩ (a selection: wrapped in the pair)",
        group=FILL),
    Key("next-target", "tab", "next_target", "Next target language", group=MOVE),
    Key("prev-target", "shift+tab", "prev_target", "Previous target language", group=MOVE),
    Key("next-segment", "ctrl+down,pagedown", "next_segment", "Next segment", group=MOVE),
    Key("prev-segment", "ctrl+up,pageup", "prev_segment", "Previous segment", group=MOVE),
    Key("first-segment", "ctrl+home", "first_segment", "First segment", group=MOVE),
    Key("last-segment", "ctrl+end", "last_segment", "Last segment", group=MOVE),
    Key("goto", "ctrl+g", "goto_segment", "Go to segment number…", group=MOVE),
    Key("next-draft", "ctrl+n", "next_draft", "Next draft (◐)", group=MOVE),
    Key("next-finding", "f8", "next_finding", "Next QA finding (this target's next, then the next target's)", group=MOVE),
    Key("edit-term", "ctrl+f7,alt+e", "edit_term", "Change or delete a glossary term of this segment", group=FIND),
    Key("concordance", "ctrl+k", "concordance", "Concordance: search the TM for words", group=FIND),
    Key(
        "tm-browser",
        "ctrl+b",
        "tm_browser",
        "TM browser: this segment's matches first; edit (Enter) or delete (Del) a unit, search the TM",
        group=FIND,
    ),
    Key("clear-filter", "ctrl+r", "clear_filter", "Clear the filter (stay on this segment)", group=FIND),
    Key(
        "dismiss-finding",
        "ctrl+e,alt+i",
        "dismiss_finding",
        "Dismiss a QA finding (with a reason)",
        group=FIND,
    ),
    Key("split-join", "insert,alt+s", "split_join", "Split the segment, or join it with the next…", group=EDIT),
    Key("find-replace", "ctrl+w,alt+r", "find_replace", "Find and replace in targets (preview, undo)", group=EDIT),
    Key("toggle-script", "f2", "toggle_script", "Source in Cyrillic / Latin script", group=VIEW),
    Key("toggle-panels", "f3", "toggle_panels",
        "Show / hide the side panels (below 130 columns: TM and glossary, then other targets and QA)", group=VIEW),
    Key("toggle-theme", "f4", "toggle_theme", "Light / dark theme", group=VIEW),
    Key("projects", "ctrl+backslash,alt+p", "projects", "Back to the project list (this one's work saved): open another",
        group=VIEW),
]
# Alt+1..9 insert match 1-9 where the terminal sends Alt (F6 reaches each of them everywhere).
KEYS += [Key(f"insert-match-{n}", f"alt+{n}", f"insert_match({n})", f"Insert TM match {n}", group=FILL)
         for n in range(1, 10)]  # fmt: skip

# Palette entries with no key of their own (or the editor's own keys, named for the palette).
PALETTE_ONLY: list[tuple[str, str]] = [
    ("undo", "Undo in the target (Ctrl+Z)"),
    ("undo_confirm", "Undo the last confirm (the target back as it was before; Ctrl+Z right after Enter)"),
    ("redo", "Redo in the target (Ctrl+Y)"),
    ("stats", "Statistics: progress per language, QA findings by check"),
    ("join_segments", "Join the segment with the next one (same paragraph)"),
    ("undo_replace", "Undo the last find and replace"),
    ("repetition_mode", "Repetitions: fill / ask / never (switch what a confirm does with the same sentence)"),
    ("undo_repetitions", "Undo the fill of repetitions"),
    *[(f"insert_term({n})", f"Insert glossary term {n}") for n in range(1, 10)],
    *[(f"edit_term({n})", f"Change glossary term {n} (terms, synonyms, note, domain, status, part of speech)") for n in range(1, 10)],
    *[(f"delete_term({n})", f"Delete glossary term {n} from its glossary") for n in range(1, 10)],
    *[(f"delete_match({n})", f"Delete TM match {n} from the TM (a wrong unit)") for n in range(1, 10)],
    *[(f"edit_match({n})", f"Edit TM match {n} (correct a wrong unit)") for n in range(1, 10)],
    ("undo_tm_delete", "Undo the last TM unit deletion"),
    ("tm_browser(True)", "TM browser: the whole TM (search, edit, delete units)"),
    ("documents", "Documents: list them, remove a document from the project"),
    ("export", "Export the translations: a file per document (format, folder, drafts)"),
    # no key: Ctrl+U is the editor's, F11 the terminal's full screen, and Alt is never a key alone
    ("align_review", "Review a pending alignment (published versions `tarjimon align` kept for review)"),
    *[
        (f"filter_status('{s}')", f"Show only {s} targets")
        for s in ("untranslated", "draft", "translated", "reviewed")
    ],
    ("filter_findings", "Show only targets with QA findings (this language; Ctrl+R shows all)"),
]

# Keys inside the editor that are the TextArea's own (listed in F1, not rebound).
EDITOR_KEYS: list[tuple[str, str]] = [
    ("Home / End", "Start / end of the line (the whole line, not the wrapped screen line)"),
    ("Shift+Home / Shift+End", "Select to the start / end of the line"),
    ("Ctrl+Z / Ctrl+Y", "Undo / redo in the target; Ctrl+Z right after Enter undoes the confirm"),
    ("→ (Right)", "Accept the glossary term offered in grey after two typed letters"),
    ("Ctrl+P", "Command palette: every action by name"),
    ("Mouse", "Click a cell to edit it; the wheel scrolls"),
]


def app_bindings() -> list[Binding]:
    """The workbench screen's bindings: the footer and F1 show them; they run when the editor does not
    have the focus (while it has it, the editor runs them itself, in order with the typing)."""
    return [Binding(k.keys, k.action, k.label, show=k.show, id=k.id, tooltip=k.description) for k in KEYS]


def editor_actions() -> dict[str, str]:
    """Every workbench key -> the action the editor runs for it, in order with the typed characters."""
    out: dict[str, str] = {}
    for key in KEYS:
        for name in key.names:
            out[name] = key.action if key.id == "newline" else f"screen.{key.action}"
    return out


def alt_keys() -> list[str]:
    return [name for key in KEYS for name in key.names if name.startswith("alt+")]


class _TerminalKey:
    """What Textual's sequence table holds for a key (an object with the key's name as `.value`)."""

    def __init__(self, name: str) -> None:
        self.value = name


def install_alt_keys(names: Iterable[str]) -> None:
    """Read ESC+key as Alt+key, at once.

    Terminals send Alt+1 as ESC 1. Textual's table turns ESC 1 into "¡" (what macOS's Option+1 types), and
    an ESC followed by a key it does not know (ESC g) is held back until a pause, so in a fast burst the
    ESC turns into "^" and the letter is typed. Registering each Alt key we use makes the parser report
    "alt+1" / "alt+g" the moment the two bytes arrive. A raw "¡" or "£" typed on a Mac still types itself.
    """
    try:
        from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
    except ImportError:  # pragma: no cover - a Textual without the table: Alt keys stay as Textual reads them
        return
    table: dict = ANSI_SEQUENCES_KEYS  # type: ignore[assignment]
    for name in names:
        char = {"enter": "\r", "backspace": "\x7f"}.get(name[4:], name[4:])
        if len(char) == 1:
            table["\x1b" + char] = (_TerminalKey(name),)


_NAMES = {"pagedown": "PageDown", "pageup": "PageUp", "backslash": "\\"}


def key_label(keys: str) -> str:
    """'ctrl+down,pagedown' -> 'Ctrl+Down / PageDown'."""
    parts = []
    for key in keys.split(","):
        parts.append(
            "+".join(_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in key.split("+"))
        )
    return " / ".join(parts)
