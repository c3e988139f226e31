"""The `vigie` command: the GUI launcher and the station's administration commands.

Passwords are read from standard input, one per line, in the order each
command's help gives; never from arguments, where other users of the machine
could read them in the process list. So are a person's name and the motive
and recipient of a disclosure: after the passwords, one line each, whenever
their option is left out (common.Line; README.md's table gives the order).
A user's mistake prints one line and exits with status 1.
Everything it prints, argparse's own words included, is in French.

One module per command group: station (init, user, rekey, recover), demo,
journal, writings (documents, print); common holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__
from app.cli.common import run_command
from app.store.layout import private_files


def main(argv: list[str] | None = None) -> int:
    from app.cli.french import use_french

    argv = list(sys.argv[1:] if argv is None else argv)
    private_files()
    use_french()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.cli.demo import launch_gui

        return launch_gui(args, argv)
    app = _core_application()
    try:
        return run_command(args)
    finally:
        del app


def _core_application():
    """Qt's translator needs an application object; a command line needs no more than the core one."""
    from app.i18n import install_translator
    from app.qt import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication(["vigie"])
    install_translator(app)
    return app


def build_parser() -> argparse.ArgumentParser:
    from app.cli import backup, demo, journal, station, sync, writings
    from app.cli.french import VigieParser
    from app.i18n import translate

    # --data-dir goes before the command or after it. The root parser has an argument of its own:
    # one shared through parents=[...] is one object, so a default given on the root would reach
    # every command's copy, and the command's parse would overwrite a folder given before it.
    # The commands' copy defaults to SUPPRESS, leaving the root's value alone when it is not given.
    common = argparse.ArgumentParser(add_help=False)
    folder = translate("cli", "FOLDER")
    data_dir_help = translate("cli", "the station's data folder (default: the platform's user data folder)")
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar=folder, help=data_dir_help)
    parser = VigieParser(prog="vigie", description=translate("cli", "Vigie, the municipal police station software."))
    parser.add_argument("--data-dir", type=Path, default=None, metavar=folder, help=data_dir_help)
    parser.set_defaults(command=None)
    # argparse's own help of --version is fixed English, never asked of its translation function.
    parser.add_argument("--version", action="version", version=f"vigie {__version__}",
                        help=translate("cli", "show Vigie's version number and exit"))
    parser.add_argument("--demo", action="store_true",
                        help=translate("cli", "start on a throwaway demo station in a temporary folder"))
    sub = parser.add_subparsers(dest="command", metavar=translate("cli", "COMMAND"))
    station.register(sub, common)
    demo.register(sub, common)
    journal.register(sub, common)
    writings.register(sub, common)
    backup.register(sub, common)
    sync.register(sub, common)
    _describe_commands(parser)
    return parser


def _describe_commands(parser: argparse.ArgumentParser) -> None:
    """Each command's own help (`vigie join --help`) begins with the line the list of commands gives it, which
    says what it reads on standard input (argparse keeps that line for the list alone)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            described = {choice.dest: choice.help for choice in action._choices_actions}
            for name, command in action.choices.items():
                if command.description is None and described.get(name):
                    command.description = described[name]
                _describe_commands(command)
