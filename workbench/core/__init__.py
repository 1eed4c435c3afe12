"""All of the workbench's logic; never imports Qt so the CLI and the GUI share one core."""
