"""The Textual workbench. Nothing in tarjimon.core imports this package."""

import os
import sys

# Textual draws at most 60 frames a second by default, so a typed letter waits up to ~17 ms for its frame
# and a move ~30 ms. It only draws when something changed, so a higher ceiling costs nothing while idle.
# (Read when Textual is first imported; an explicit TEXTUAL_FPS wins.)
os.environ.setdefault("TEXTUAL_FPS", "120")

# While the lookup worker scores TM matches (Python, holding the GIL), the UI thread waits for the GIL each
# time it took it back (after select, after writing a frame) for up to the switch interval: 5 ms by default,
# several times a frame. 1 ms keeps a key's frame beside a running lookup near its own cost.
if sys.getswitchinterval() > 0.001:
    sys.setswitchinterval(0.001)
