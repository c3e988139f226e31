"""What every `vigie` command shares: the data folder, secrets on standard input, opening the station."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, AccessDenied, InvalidInput, VigieError, storage_error

log = logging.getLogger("vigie.cli")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_DOES_NOT_HOLD = 3  # `vigie journal verify`: something in the journal or the extract does not hold
EXIT_INTERRUPTED = 130  # the shells' status of a command ended by Ctrl+C (128 + SIGINT)


def say(text: str, n: int = -1, **params) -> None:
    """Print *text* in French; a text with `%n` (marked plural for lupdate) is said with *n*'s plural form."""
    from app.i18n import translate

    print(translate("cli", text, None, n, **params))


def _identity(parser: argparse.ArgumentParser) -> None:
    from app.i18n import translate

    parser.add_argument("--as", dest="as_login", required=True, metavar=translate("cli", "LOGIN"),
                        help=translate("cli", "your login"))


def _data_dir(args) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir).expanduser()
    from app.bootstrap import default_data_dir

    return default_data_dir()


def read_secrets(*prompts: str) -> list[str]:
    """One secret per line on standard input (or asked for, without echo, on a terminal)."""
    from app.i18n import translate

    if sys.stdin is not None and sys.stdin.isatty():
        return [_text(_typed_unseen(prompt), prompt) for prompt in prompts]
    values = []
    for prompt in prompts:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise InputEnded(what=translate("cli", prompt))
        values.append(_text(line.rstrip("\r\n"), prompt))
    return values


class InputEnded(InvalidInput):
    """Standard input ended (a pipe's last line read, Ctrl+D on a terminal) where a line was wanted."""

    message = QT_TRANSLATE_NOOP("errors", "Standard input ended before this line: {what}.")


def _typed_unseen(prompt: str) -> str:
    from app.i18n import translate

    try:
        return getpass.getpass(translate("cli", prompt) + " ")
    except EOFError:  # Ctrl+D at the prompt: said as a pipe's end is, not as a fault of Vigie
        raise InputEnded(what=translate("cli", prompt)) from None


def _text(line: str, prompt: str) -> str:
    """*line* as read, refused when its bytes were not UTF-8 (Python keeps them as lone surrogates, which
    no password hash nor database takes)."""
    from app.i18n import translate

    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Standard input is not UTF-8 text on this line: {what}."),
                           what=translate("cli", prompt)) from None
    return line


@dataclass(frozen=True)
class Line:
    """A value that names a person or says why: never an argument (the process list shows those to every user).

    It is read from standard input after the passwords, one line each, in the order the command's
    help gives, when its option is left out. An optional one may be an empty line, or left out at
    the end of the input: it is then empty.
    """

    dest: str  # the option's attribute in the parsed arguments
    prompt: str  # QT_TRANSLATE_NOOP("cli", ...)
    required: bool = True


def ask(prompt: str) -> str:
    """A line typed on the terminal, as read ("" at its end), its prompt on standard error as getpass writes
    one. Not input(): while a Qt application exists, PySide6's input hook runs Qt's event loop as input()
    waits, and Ctrl+C went unanswered until Enter was pressed."""
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline()


def new_file(path: Path) -> None:
    """*path* free for the file a command writes (an export, a journal extract, a printed PDF), told before
    anything is asked or done: a folder given instead was found only once all was written, and an earlier
    extract of the same name was replaced without a word."""
    if path.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "{path} is a folder: give the name of the file to write "
                                                       "(in that folder, for example); nothing was done."),
                           path=str(path))
    if path.exists():
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "{path} already exists: nothing was written over it. Choose "
                                                       "another name, or move that file away first."),
                           path=str(path))


def read_lines(args, *wanted: Line) -> None:
    """Fill each of *wanted* whose option was not given from standard input (shown as typed on a terminal)."""
    from app.i18n import translate

    terminal = sys.stdin is not None and sys.stdin.isatty()
    for line in wanted:
        if getattr(args, line.dest) is not None:
            continue
        text = ask(translate("cli", line.prompt) + " ") if terminal else (sys.stdin.readline() if sys.stdin else "")
        if not text and line.required:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Standard input ended before this line: {what}."),
                               what=translate("cli", line.prompt))
        setattr(args, line.dest, _text(text.rstrip("\r\n"), line.prompt))


def _gate(args, *, station: bool = False):
    """The gate of --data-dir; with *station*, refused at once where no station is (a mistyped folder), before
    the log file would make the folder."""
    from app.bootstrap import build_gate, setup_logging
    from app.kernel.opening import no_station
    from app.store.layout import StationPaths

    data_dir = _data_dir(args)
    if station and not Path(data_dir).exists():
        raise no_station(StationPaths(Path(data_dir)))
    setup_logging(data_dir)
    return build_gate(data_dir)


def _logged_in(args, *more_prompts: str, lines: tuple[Line, ...] = ()):
    """Open the station as --as; returns (gate, actor, the secrets that followed the password).

    *lines* are read after the secrets (read_lines), before the station is opened.
    """
    gate = _gate(args, station=True)
    password, *rest = read_secrets(YOUR_PASSWORD, *more_prompts)
    read_lines(args, *lines)
    return gate, log_in(gate, args.as_login, password), rest


def log_in(gate, login: str, password: str):
    """The one way a command logs in as --as: the station opened (by the keyring, else by the password), the
    login journaled; a temporary password is refused there, before the command does anything.

    The windows make its holder change it before anything else (app/ui/application.py); a command cannot,
    so it says where to change it, and the journal shows the login ended as the window's refusal of the
    change ends it (a logout).
    """
    gate.open_with_keyring()
    actor = gate.login(login, password)
    accounts = gate.opened().accounts
    try:
        if accounts.must_change_password(actor):
            accounts.logout(actor)
            raise AccessDenied(CHANGE_TEMPORARY_FIRST, login=actor.login)
    except BaseException:
        gate.close()
        raise
    return actor


CHANGE_TEMPORARY_FIRST = QT_TRANSLATE_NOOP(
    "errors", "The password of {login} is temporary: change it first by logging in to Vigie's window on this "
              "station, then run the command again.")


YOUR_PASSWORD = QT_TRANSLATE_NOOP("cli", "Your password:")
NEW_PASSWORD = QT_TRANSLATE_NOOP("cli", "New password:")
TEMPORARY_PASSWORD = QT_TRANSLATE_NOOP("cli", "Temporary password for the account:")
ADMIN_PASSWORD = QT_TRANSLATE_NOOP("cli", "Administrator's password:")
RECOVERY_CODE = QT_TRANSLATE_NOOP("cli", "Recovery code:")
FULL_NAME = QT_TRANSLATE_NOOP("cli", "Full name:")
MOTIVE = QT_TRANSLATE_NOOP("cli", "Motive:")
RECIPIENT = QT_TRANSLATE_NOOP("cli", "Recipient (empty if none):")
# The help of an option whose value shows in the process list.
VISIBLE = QT_TRANSLATE_NOOP("cli", "{what}; leave it out to give it on standard input (an option shows in the "
                                   "process list to the other users of this machine)")


def _closing(gate, action: Callable[[], int], actor=None) -> int:
    """Run *action*, then end the session of *actor* (the --as that log_in opened) and close the station."""
    try:
        return action()
    finally:
        if actor is not None:
            _log_out(gate, actor)
        gate.close()


def _log_out(gate, actor) -> None:
    """A command's session ends in the journal as a window's does, with a logout, whatever became of the
    command: the supervisor reads where each session began and ended. A station that can no longer write
    (the full disk that stopped the command) keeps that error as the one told, not this one."""
    if gate.services is None:
        return
    try:
        gate.opened().accounts.logout(actor)
    except Exception:  # noqa: BLE001 - the command's own outcome is what is told
        log.warning("the logout of %s could not be journaled", actor.login, exc_info=True)


INTERRUPTED = QT_TRANSLATE_NOOP("cli", "Interrupted: what was under way was cancelled, and nothing of it was saved; "
                                       "what was already finished stays saved.")
UNEXPECTED = QT_TRANSLATE_NOOP("cli", "An unexpected error occurred; nothing more was done. The details are in the "
                                      "log file of the station's folder.")


def run_command(args) -> int:
    """Run the command *args* names; whatever goes wrong ends in one French line on standard error, status 1.

    A user's mistake or a refusal is the VigieError it raised; a full disk or a read-only folder,
    whatever layer met it, is told as such with the folder (app/errors.py, storage_error); anything
    else is a fault of Vigie, told in one line and logged whole in the station's log.
    """
    from app.i18n import translate, translate_error

    try:
        return args.handler(args)
    except VigieError as error:
        message = translate_error(error)
    except KeyboardInterrupt:  # Ctrl+C: each unit of work, and each file written, is undone when cut short
        if sys.stderr is not None and sys.stderr.isatty():
            print(file=sys.stderr)  # off the terminal's line, where it echoed ^C
        print(f"vigie: {translate('cli', INTERRUPTED)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the one place a command's unexpected failure becomes a line, not a traceback
        known = storage_error(exc, _data_dir(args))
        if known is not None:
            message = translate_error(known)
        else:
            log.exception("the command %s failed", getattr(args, "command", "?"))
            message = translate("cli", UNEXPECTED)
    print(f"vigie: {message}", file=sys.stderr)
    return EXIT_USER_ERROR
