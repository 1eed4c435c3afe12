"""Entry point of the frozen app: the command line, or the window when run without arguments."""

import multiprocessing

if __name__ == "__main__":
    # Scans run in spawned child processes; a frozen executable must hand those over here.
    multiprocessing.freeze_support()
    from workbench.__main__ import run

    raise SystemExit(run())
