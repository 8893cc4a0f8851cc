"""Garbage collections at the quiet moments between keys, not inside a key's frame.

Python collects its youngest objects after every ~700 container objects made (net): a move's frame makes about
that many (strips, each with its small caches), so a young collection fell inside nearly every move (~0.15 ms)
and one of the middle generation inside one move in ten (1-4 ms: the tail of a move, measured with
bench/tui_tmux.py --trace-slow). While the workbench is open the young generation's threshold is far above what
a frame makes (`YOUNG_BACKSTOP`), and the screen collects at its quiet moments instead: the young generation
right after the side panels are painted, once a move's or a key's frame is out and no key came (side_paint.py,
~0.2 ms); the older ones only once the keys have paused (`IDLE_AFTER`: the translator reads), the middle one
every `MIDDLE_EVERY` young collections as Python would, everything every `FULL_EVERY` middle ones (a middle
collection took 1-22 ms in a loaded terminal, a full one walks every object made since opening: 50-100 ms;
what opening built is frozen out of it, workbench.py). Keys that never pause for long still get the middle
collection past `MIDDLE_LATE`, and the backstop collects in a long burst that leaves no quiet moment at all.
"""

from __future__ import annotations

import gc

YOUNG_BACKSTOP = 20_000  # container objects made (net) before Python collects by itself
QUIET_MIN = 200  # fewer young objects than this: nothing worth a collection
MIDDLE_EVERY = 10  # young collections between two of the middle generation (Python's default)
FULL_EVERY = 100  # middle collections between two full ones (Python's default: 10)
MIDDLE_LATE = 5 * MIDDLE_EVERY  # young collections after which the middle one is collected without a pause
IDLE_AFTER = 0.35  # seconds without a key after which the older generations are collected


def pace() -> tuple[int, int, int]:
    """Raise the collector's thresholds while the workbench is open; return them as they were."""
    before = gc.get_threshold()
    young, middle, full = before
    gc.set_threshold(max(young, YOUNG_BACKSTOP), middle, max(full, FULL_EVERY))
    return before


def collect_quietly(idle: bool = False) -> int | None:
    """(A quiet moment: no key waiting; `idle`: none for IDLE_AFTER.) Collect what is due; the generation
    collected, or None."""
    if not gc.isenabled():
        return None
    young, middle, full = gc.get_count()
    generation = 0
    if middle >= MIDDLE_EVERY and (idle or middle >= MIDDLE_LATE):
        generation = 2 if idle and full >= FULL_EVERY else 1
    elif young < QUIET_MIN:
        return None
    gc.collect(generation)
    return generation
