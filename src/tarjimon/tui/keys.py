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
    show: bool = False  # shown in the footer
    editor: bool = False  # bound on the target editor (keys the editor would otherwise take)


KEYS: list[Key] = [
    Key("confirm", "enter", "confirm", "Confirm target, next segment", show=True, editor=True),
    Key("newline", "ctrl+j,alt+enter,shift+enter", "newline", "Line break in target", editor=True),
    Key("next-target", "tab", "next_target", "Next target language", editor=True),
    Key("prev-target", "shift+tab", "prev_target", "Previous target language", editor=True),
    Key("next-segment", "ctrl+down,pagedown", "next_segment", "Next segment"),
    Key("prev-segment", "ctrl+up,pageup", "prev_segment", "Previous segment"),
    Key("next-untranslated", "ctrl+u", "next_untranslated", "Next untranslated", show=True, editor=True),
    Key("copy-source", "alt+c,ctrl+insert", "copy_source", "Copy source into target"),
    Key("insert-match", "alt+1", "insert_match(1)", "Insert TM match 1", show=True),
    Key("insert-term", "alt+g", "insert_term", "Insert next glossary term", show=True),
    Key("add-term", "ctrl+t", "add_term", "Add term to glossary", show=True),
    Key("concordance", "ctrl+k", "concordance", "Concordance search (TM)", show=True, editor=True),
    Key("filter", "ctrl+f", "filter", "Search and filter segments", show=True),
    Key("clear-filter", "ctrl+r", "clear_filter", "Clear filter"),
    Key("toggle-script", "f2", "toggle_script", "Source script Cyrillic/Latin", show=True),
    Key("toggle-panels", "f3", "toggle_panels", "Show/hide side panels"),
    Key("toggle-theme", "f4", "toggle_theme", "Light/dark theme"),
    Key("save", "ctrl+s", "save", "Save draft now", show=True),
    Key("help", "f1", "help", "Keys and help", show=True),
    Key("quit", "ctrl+q", "quit", "Save and quit", show=True),
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
    *[(f"insert_term({n})", f"Insert glossary term {n}") for n in range(1, 10)],
]


def app_bindings() -> list[Binding]:
    """Bindings for the workbench screen (editor keys go through it as well, with lower priority)."""
    return [
        Binding(k.keys, k.action, k.description, show=k.show, id=k.id, priority=k.id in _PRIORITY)
        for k in KEYS
        if not k.editor
    ]


def editor_bindings() -> list[Binding]:
    """Bindings on the target editor: keys TextArea would otherwise consume (Enter, Tab, Ctrl+U, Ctrl+K)."""
    return [
        Binding(
            k.keys,
            k.action if k.id == "newline" else f"screen.{k.action}",
            k.description,
            show=k.show,
            id=k.id,
            priority=True,
        )
        for k in KEYS
        if k.editor
    ]


# Keys TextArea binds itself (ctrl+s/ctrl+q are free, but alt+c etc. are safe either way).
_PRIORITY = {"save", "quit", "copy-source", "next-segment", "prev-segment", "add-term", "filter"}


_NAMES = {"pagedown": "PageDown", "pageup": "PageUp"}


def key_label(keys: str) -> str:
    """'ctrl+down,pagedown' -> 'Ctrl+Down / PageDown'."""
    parts = []
    for key in keys.split(","):
        parts.append(
            "+".join(_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in key.split("+"))
        )
    return " / ".join(parts)
