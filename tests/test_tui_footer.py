"""The footer shows only whole keys: at 80 columns the last keys are left out, never cut in the middle, and a
resize works the fit out again (every key stays in F1 and the palette)."""

from __future__ import annotations

from test_tui import make_app, pilot_test, project  # noqa: F401  (the fixture is used by name)
from textual.widgets._footer import FooterKey

from tarjimon.tui.keys import KEYS


async def _footer(pilot) -> tuple[list[FooterKey], FooterKey]:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        keys = list(pilot.app.screen.query(FooterKey))
        if keys:
            break
    await pilot.pause(0.2)
    keys = list(pilot.app.screen.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    assert len(palette) == 1
    return [k for k in keys if k is not palette[0]], palette[0]


def _assert_whole(keys: list[FooterKey], palette: FooterKey, width: int) -> None:
    for key in keys:
        assert key.region.width > 0, key.description
        # Whole: the key's own width is what it needs, and it ends before the palette's key begins.
        assert key.region.width == key.get_content_width(key.size, key.size), key.description
        assert key.region.right <= palette.region.x, (key.description, key.region, palette.region)
    assert palette.region.right <= width


@pilot_test
async def test_footer_keys_fit_whole_and_follow_a_resize(project, tmp_path) -> None:  # noqa: F811
    shown = [k.label for k in KEYS if k.show]
    app = make_app(project, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        keys, palette = await _footer(pilot)
        labels = [k.description for k in keys]
        assert labels == shown[: len(labels)], labels  # the most used first, in the table's order
        assert 3 <= len(labels) < len(shown), labels  # some left out at 80 columns, the first ones kept
        _assert_whole(keys, palette, 80)

        await pilot.resize_terminal(160, 45)
        keys, palette = await _footer(pilot)
        assert [k.description for k in keys] == shown  # room for all of them again
        _assert_whole(keys, palette, 160)

        await pilot.resize_terminal(60, 24)
        keys, palette = await _footer(pilot)
        assert 1 <= len(keys) < len(labels)
        _assert_whole(keys, palette, 60)


@pilot_test
async def test_the_footer_keys_are_made_again_only_when_they_would_change(project, tmp_path) -> None:  # noqa: F811
    """Textual rebuilds the footer's keys (a widget each, styled anew) whenever the bindings may have changed:
    four times while the workbench opened. The same keys are kept; a resize that changes the fit makes them
    again."""
    app = make_app(project, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        keys, palette = await _footer(pilot)
        await pilot.press("ctrl+down", "f1")  # a move, then another screen and back: the same keys
        await pilot.pause(0.2)
        await pilot.press("escape")
        again, palette_again = await _footer(pilot)
        assert [id(k) for k in again] == [id(k) for k in keys] and palette_again is palette
        await pilot.resize_terminal(80, 24)
        narrow, _ = await _footer(pilot)
        assert len(narrow) < len(keys) and not set(map(id, narrow)) & set(map(id, keys))
