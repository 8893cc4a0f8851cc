"""`python -m tarjimon` runs the command line."""

from tarjimon.cli.main import main

raise SystemExit(main())
