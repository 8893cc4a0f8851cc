"""The Textual workbench. Nothing in tarjimon.core imports this package."""

import os

# Textual draws at most 60 frames a second by default: after a frame, the next waits for the next tick of a
# 1/FPS clock, so a key that comes just after a frame (key repeat, a letter typed as the panels are painted)
# waited up to 17 ms (8 ms at 120) before its own frame even began. It draws only when something changed, and
# a frame takes a few ms to render, so a ceiling of 1000 costs nothing while idle and only removes that wait.
# (Read when Textual is first imported; an explicit TEXTUAL_FPS wins.)
os.environ.setdefault("TEXTUAL_FPS", "1000")
