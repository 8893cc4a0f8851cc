"""The key map: one table that the bindings, the help screen, the command palette and docs/tui.md share.

Keys are chosen among those terminals can send (Alt+digit is ESC+digit everywhere; Ctrl+digit only reaches
the app in terminals with the kitty keyboard protocol, so it is a second key, never the only one).
"""

from __future__ import annotations

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
    editor: bool = False  # bound on the target editor (keys the editor would otherwise take)

    @property
    def label(self) -> str:
        return self.short or self.description


KEYS: list[Key] = [
    Key("confirm", "enter", "confirm", "Confirm target, next segment", "Confirm", show=True, editor=True),
    Key("newline", "ctrl+j,alt+enter,shift+enter", "newline", "Line break in target", editor=True),
    Key("next-target", "tab", "next_target", "Next target language", editor=True),
    Key("prev-target", "shift+tab", "prev_target", "Previous target language", editor=True),
    Key("next-segment", "ctrl+down,pagedown", "next_segment", "Next segment"),
    Key("prev-segment", "ctrl+up,pageup", "prev_segment", "Previous segment"),
    Key(
        "next-untranslated",
        "ctrl+u",
        "next_untranslated",
        "Next untranslated",
        "Untranslated",
        show=True,
        editor=True,
    ),
    Key("copy-source", "alt+c,ctrl+insert", "copy_source", "Copy source into target"),
    Key("insert-match", "alt+1,ctrl+1", "insert_match(1)", "Insert TM match 1", "TM 1", show=True),
    Key("insert-term", "alt+g", "insert_term", "Insert next glossary term", "Term", show=True),
    Key("add-term", "ctrl+t", "add_term", "Add term to glossary", "Add term", show=True),
    Key(
        "concordance",
        "ctrl+k",
        "concordance",
        "Concordance search (TM)",
        "Concordance",
        show=True,
        editor=True,
    ),
    Key("filter", "ctrl+f", "filter", "Search and filter segments", "Filter", show=True),
    Key("clear-filter", "ctrl+r", "clear_filter", "Clear filter"),
    Key("toggle-script", "f2", "toggle_script", "Source script Cyrillic/Latin", "Script", show=True),
    Key("toggle-panels", "f3", "toggle_panels", "Show/hide side panels"),
    Key("toggle-theme", "f4", "toggle_theme", "Light/dark theme"),
    Key("save", "ctrl+s", "save", "Save draft now", "Save", show=True),
    Key("dismiss-finding", "alt+i", "dismiss_finding", "Dismiss a QA finding (with a reason)"),
    Key("help", "f1", "help", "Keys and help", "Help", show=True),
    Key("quit", "ctrl+q", "quit", "Save and quit", "Quit", show=True),
]
# Alt+2..9 (and Ctrl+digits where the terminal sends them) insert the other matches.
for _n in range(2, 10):
    KEYS.append(
        Key(f"insert-match-{_n}", f"alt+{_n},ctrl+{_n}", f"insert_match({_n})", f"Insert TM match {_n}")
    )

# Actions the palette offers that have a key pressed elsewhere too.
PALETTE_ONLY: list[tuple[str, str]] = [
    ("undo", "Undo in target (Ctrl+Z)"),
    ("redo", "Redo in target (Ctrl+Y)"),
    ("stats", "Statistics: progress per language, QA findings by check"),
    *[(f"insert_term({n})", f"Insert glossary term {n}") for n in range(1, 10)],
]


def app_bindings() -> list[Binding]:
    """Bindings of the workbench screen: what the footer and help show, and what runs when the editor
    does not have the focus. While it has it, the editor runs them itself (see `editor_actions`)."""
    return [
        Binding(k.keys, k.action, k.label, show=k.show, id=k.id, tooltip=k.description)
        for k in KEYS
        if not k.editor
    ]


def editor_bindings() -> list[Binding]:
    """The editor's own keys, for the footer and help (Enter, Tab...); the editor runs them itself."""
    return [
        Binding(k.keys, editor_action(k), k.label, show=k.show, id=k.id, tooltip=k.description)
        for k in KEYS
        if k.editor
    ]


def editor_action(key: Key) -> str:
    return key.action if key.id == "newline" else f"screen.{key.action}"


def editor_actions() -> dict[str, str]:
    """Every workbench key -> the action the editor runs for it, in order with the typed characters.

    Textual queues a printable key to the focused widget and handles bindings elsewhere (priority ones at
    once, others after the key bubbles up), so "typing + Enter" arriving in one burst could confirm the
    target before its last letters were inserted, and those letters would land in the next segment. The
    editor therefore runs the workbench's keys itself, in the order they came.
    """
    out: dict[str, str] = {}
    for key in KEYS:
        for name in key.keys.split(","):
            out[name] = editor_action(key)
    return out


_NAMES = {"pagedown": "PageDown", "pageup": "PageUp"}


def key_label(keys: str) -> str:
    """'ctrl+down,pagedown' -> 'Ctrl+Down / PageDown'."""
    parts = []
    for key in keys.split(","):
        parts.append(
            "+".join(_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in key.split("+"))
        )
    return " / ".join(parts)
