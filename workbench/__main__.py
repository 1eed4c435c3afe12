"""`python -m workbench` runs the command-line interface."""

from workbench.cli import main

raise SystemExit(main())
