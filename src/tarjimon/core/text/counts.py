"""A count with its noun in English ("1 unit", "2 units", "1 entry", "3 entries"): the CLI's and the
workbench's sentences counted things with a bare "s" ("1 units added", "1 documents")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, the noun plural unless `n` is 1 (`plural` where adding "s" is wrong)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
