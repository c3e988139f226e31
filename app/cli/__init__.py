"""The `vigie` command: the GUI launcher and the station's administration commands.

Passwords are read from standard input, one per line, in the order each
command's help gives; never from arguments, where other users of the machine
could read them. A user's mistake prints one line and exits with status 1.
Everything it prints, argparse's own words included, is in French.

One module per command group: station (init, user, rekey, recover), demo,
journal, writings (documents, print); common holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__
from app.cli.common import EXIT_USER_ERROR
from app.errors import VigieError


def main(argv: list[str] | None = None) -> int:
    from app.cli.french import use_french

    argv = list(sys.argv[1:] if argv is None else argv)
    use_french()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.cli.demo import launch_gui

        return launch_gui(args, argv)
    app = _core_application()
    try:
        return args.handler(args)
    except VigieError as error:
        from app.i18n import translate_error

        print(f"vigie: {translate_error(error)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
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
    from app.cli import demo, journal, station, writings
    from app.cli.french import VigieParser
    from app.i18n import translate

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar=translate("cli", "FOLDER"),
                        help=translate("cli", "the station's data folder (default: the platform's user data folder)"))
    parser = VigieParser(prog="vigie", parents=[common],
                                     description=translate("cli", "Vigie, the municipal police station software."))
    parser.set_defaults(data_dir=None, command=None)
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help=translate("cli", "start on a throwaway demo station in a temporary folder"))
    sub = parser.add_subparsers(dest="command", metavar=translate("cli", "COMMAND"))
    station.register(sub, common)
    demo.register(sub, common)
    journal.register(sub, common)
    writings.register(sub, common)
    return parser
