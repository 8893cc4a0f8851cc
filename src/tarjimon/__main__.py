"""`python -m tarjimon` runs the command line."""

from tarjimon.cli.main import run

run()
