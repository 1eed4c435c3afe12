"""Terminal helpers for the command line: progress, interrupts, and the longer commands."""
