"""The command palette (Ctrl+P): every workbench action by name, so no action depends on a key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tarjimon.tui.keys import KEYS, PALETTE_ONLY, key_label


def commands() -> list[tuple[str, str, str]]:
    """(title, action, help) for every action."""
    out = [(k.description, k.action, key_label(k.keys)) for k in KEYS]
    out += [(title, action, "") for action, title in PALETTE_ONLY]
    return out


class WorkbenchCommands(Provider):
    """Offers the workbench actions while the workbench screen is active."""

    def _available(self) -> bool:
        return type(self.screen).__name__ == "WorkbenchScreen"

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action, self.screen)

    async def discover(self) -> Hits:
        if not self._available():
            return
        for title, action, keys in commands():
            yield DiscoveryHit(title, partial(self._run, action), help=keys)

    async def search(self, query: str) -> Hits:
        if not self._available():
            return
        matcher = self.matcher(query)
        for title, action, keys in commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=keys)
