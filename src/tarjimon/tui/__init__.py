"""The Textual workbench. Nothing in tarjimon.core imports this package."""

import os

# Textual draws at most 60 frames a second by default, so a typed letter waits up to ~17 ms for its frame
# and a move ~30 ms. It only draws when something changed, so a higher ceiling costs nothing while idle.
# (Read when Textual is first imported; an explicit TEXTUAL_FPS wins.)
os.environ.setdefault("TEXTUAL_FPS", "120")
