"""Glossary hits: the source with its terms highlighted, and each term's translation in the target."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tarjimon.tui.panel import Panel, Wrapped


class GlossaryPanel(Panel):
    """Shows the hits it is given for a source text and a target language."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Glossary"
        self.hits: list[Any] = []

    def show(self, source: str, hits: list[Any], lang: str, waiting: bool = False,
             wrapped: Wrapped | None = None) -> None:  # fmt: skip
        """Show `hits` (`wrapped`: their text, `glossary_text(hits, lang)`, wrapped ahead)."""
        self.hits = list(hits)
        self.border_title = f"Glossary ({len(self.hits)})" if self.hits else "Glossary"
        if waiting:
            self.update(Text("looking up…", style="dim"))
        elif wrapped is not None:
            self.update(wrapped.content, wrapped)
        else:
            self.update(glossary_text(self.hits, lang))


def glossary_text(hits: list[Any], lang: str) -> Text:
    """What the glossary panel shows for `hits` in target language `lang` (any thread)."""
    if not hits:
        return Text("no terms in this segment", style="dim italic")
    # The terms are underlined in the source cell of the grid; here: each term and its translations.
    out = Text()
    for n, hit in enumerate(hits, start=1):
        if n > 1:
            out.append("\n")
        out.append(f"{n} ", style="dim")
        out.append(hit.text, style="dark_orange")
        out.append(" → ", style="dim")
        target = hit.targets.get(lang, "")
        out.append(target or "—", style="bold" if target else "dim")
        others = [f"{code}: {term}" for code, term in hit.targets.items() if code != lang and term]
        if others:
            out.append("\n  " + ", ".join(others), style="dim")
    out.append("\nF7 inserts the next term not yet in the target · Ctrl+F7 or Alt+E changes or deletes one",
               style="dim")
    return out
