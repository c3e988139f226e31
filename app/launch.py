"""The `vigie` command's entry point, light on purpose.

A long pull's opening process (app/sync/pull_process.py) is started by multiprocessing's spawn, which
first runs the parent's script again in the new interpreter: the installed `vigie` script imports this
module, and Vigie itself (app.cli, about 0.65 s of imports) only when the command runs, so that the
opening process starts on what it needs alone.
"""

from __future__ import annotations


def main() -> int:
    from app.cli import main as run_command_line

    return run_command_line()
