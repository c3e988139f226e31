"""`vigie demo` and `vigie --demo`: a fictional station to try Vigie on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, _data_dir, say
from app.errors import QT_TRANSLATE_NOOP, StationError
from app.i18n import translate
from app.reasons import os_reason


def register(sub, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser("demo", parents=[common], help=translate(
        "cli", "create a demo station in an empty folder"))
    demo.add_argument("--credentials", type=Path, metavar=translate("cli", "FILE"),
                      help=translate("cli", "also write the demo accounts to this JSON file"))
    demo.add_argument("--entries", type=_entry_count, default=None, metavar="N",
                      help=translate("cli", "fill the main courante with N fictional entries (default: 300)"))
    demo.set_defaults(handler=cmd_demo)


def _entry_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(translate("cli", "a number of entries, 0 or more"))
    return int(text)


def cmd_demo(args) -> int:
    from app.demo import DEFAULT_ENTRIES, make_demo_station

    data_dir = _data_dir(args)
    gate, accounts = make_demo_station(data_dir, DEFAULT_ENTRIES if args.entries is None else args.entries)
    verification_code = gate.opened().station.journal.take_verification_code()
    gate.close()
    say(QT_TRANSLATE_NOOP("cli", "Demo station created in {path}."), path=str(data_dir))
    _print_accounts(accounts)
    say(QT_TRANSLATE_NOOP("cli", "Journal verification code: {code}"), code=verification_code)
    if args.credentials:
        try:
            _write_credentials(args.credentials, accounts, verification_code)
        except OSError as exc:
            raise StationError(
                QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
                path=str(Path(args.credentials).parent), reason=os_reason(exc),
            ) from exc
    return EXIT_OK


def _write_credentials(path: Path, accounts, verification_code: str) -> None:
    """The demo's accounts and its journal verification code, as JSON (0600: it holds passwords)."""
    import json
    import os

    data = {
        "accounts": [{"login": a.login, "password": a.password, "role": str(a.role)} for a in accounts],
        "journal_verification_code": verification_code,
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=2))


def _print_accounts(accounts) -> None:
    from app.i18n import translate
    from app.models.accounts import ROLE_LABELS

    say(QT_TRANSLATE_NOOP("cli", "Demo accounts (login / password / role):"))
    for account in accounts:
        print(f"  {account.login:<10} {account.password:<24} {translate('roles', ROLE_LABELS[account.role])}")


def launch_gui(args, argv: list[str]) -> int:
    from app.bootstrap import build_gate, run_gui, setup_logging

    if args.demo:
        return _launch_demo(argv)
    data_dir = _data_dir(args)
    setup_logging(data_dir)
    return run_gui(build_gate(data_dir), ["vigie"])


def _launch_demo(argv: list[str]) -> int:
    from app.bootstrap import run_gui, setup_logging
    from app.cli.demo_folder import make_demo_folder, remove_demo_folder, remove_orphans
    from app.demo import make_demo_station

    remove_orphans()  # what demos killed outright left behind
    # Qt first: a desktop that lacks a system library aborts here, before any folder exists.
    app = _qt_application()
    folder = make_demo_folder()
    station = folder / "station"  # beside the mark of the process that removes it
    try:
        setup_logging(station)
        gate, accounts = make_demo_station(station)
        say(QT_TRANSLATE_NOOP("cli", "Throwaway demo station in {path} (erased when Vigie closes)."),
            path=str(station))
        _print_accounts(accounts)
        sys.stdout.flush()
        signalled = _quit_on_signals(app)
        code = run_gui(gate, ["vigie"])
        if not signalled:
            return code
    except KeyboardInterrupt:  # Ctrl+C before the window opened
        pass
    finally:
        remove_demo_folder(folder)
    # Ctrl+C (or TERM) at any point: one line, and the folder went.
    print(translate("cli", "vigie: the demo was interrupted; its station is erased."), file=sys.stderr)
    return EXIT_INTERRUPTED


EXIT_INTERRUPTED = 130  # as a shell reports a program ended by Ctrl+C


def _qt_application():
    """The application, its French catalogue installed so that the logins print in French."""
    from app.i18n import install_translator
    from app.qt import QApplication

    existing = QApplication.instance()
    app = existing if existing is not None else QApplication(["vigie"])
    install_translator(app)
    return app


def _quit_on_signals(app) -> list[int]:
    """Ctrl+C or a TERM signal ends the demo as its window's Quitter does, so that its folder goes too;
    the list returned holds the signals that came."""
    import signal

    from app.qt import QTimer

    came: list[int] = []

    def quit_soon(number: int, _frame: object) -> None:
        came.append(number)
        # Posted, not called: a signal that comes while the window is being built, before Qt's loop
        # runs, would be lost by quit() (it does nothing then); the posted call waits for the loop.
        QTimer.singleShot(0, app.quit)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), quit_soon)
    # Python runs its signal handlers between two lines of Python: a timer lets it, inside Qt's loop.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return came
