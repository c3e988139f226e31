"""The `vigie` command: the GUI launcher and the station's administration commands.

Passwords are read from standard input, one per line, in the order each
command's help gives; never from arguments, where other users of the machine
could read them. A user's mistake prints one line and exits with status 1.
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from app import __version__
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, StationError, VigieError

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_DOES_NOT_HOLD = 3  # `vigie journal verify`: something in the journal or the extract does not hold


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
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


def say(text: str, **params) -> None:
    from app.i18n import translate

    print(translate("cli", text, **params))


# -- the parser ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="the station's data folder (default: the platform's user data folder)")
    parser = argparse.ArgumentParser(prog="vigie", description="Vigie, station de police municipale.",
                                     parents=[common])
    parser.set_defaults(data_dir=None, command=None)
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="start on a throwaway demo station in a temporary folder")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", parents=[common], help="create a station (stdin: the administrator's password)")
    init.add_argument("--service", required=True, help="the service's name")
    init.add_argument("--commune", required=True)
    init.add_argument("--insee", required=True, help="the commune's INSEE code")
    init.add_argument("--department", required=True, help="department code, e.g. 86")
    init.add_argument("--admin", required=True, help="the first administrator's login")
    init.add_argument("--admin-name", help="the administrator's full name (default: the login)")
    init.add_argument("--grade", default="")
    init.add_argument("--matricule", default="")
    init.set_defaults(handler=cmd_init)

    user = sub.add_parser("user", parents=[common], help="manage accounts")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", parents=[common],
                              help="create an account (stdin: your password, then the new temporary password)")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--role", required=True, choices=["agent", "chef_de_poste", "administrateur", "maire"])
    add.add_argument("--grade", default="")
    add.add_argument("--matricule", default="")
    _identity(add)
    add.set_defaults(handler=cmd_user_add)
    listing = user_sub.add_parser("list", parents=[common], help="list accounts (stdin: your password)")
    _identity(listing)
    listing.set_defaults(handler=cmd_user_list)
    disable = user_sub.add_parser("disable", parents=[common], help="disable an account (stdin: your password)")
    disable.add_argument("login")
    _identity(disable)
    disable.set_defaults(handler=cmd_user_disable)
    reset = user_sub.add_parser(
        "reset-password", parents=[common],
        help="give a temporary password, changed at next login (stdin: your password, then the temporary one)",
    )
    reset.add_argument("login")
    _identity(reset)
    reset.set_defaults(handler=cmd_user_reset)

    rekey = sub.add_parser("rekey", parents=[common],
                           help="re-encrypt the database under a new key (stdin: your password)")
    _identity(rekey)
    rekey.set_defaults(handler=cmd_rekey)

    recover = sub.add_parser(
        "recover", parents=[common],
        help="all passwords lost: open with the recovery code (stdin: the code, then the new password)",
    )
    recover.add_argument("--admin", required=True, help="the administrator whose password is replaced")
    recover.set_defaults(handler=cmd_recover)

    demo = sub.add_parser("demo", parents=[common], help="create a demo station in an empty folder")
    demo.add_argument("--credentials", type=Path, help="also write the demo accounts to this JSON file")
    demo.add_argument("--entries", type=_entry_count, default=None, metavar="N",
                      help="fill the main courante with N fictional entries (default: 300)")
    demo.set_defaults(handler=cmd_demo)

    _journal_parsers(sub, common)
    from app.cli.writings import register as register_writings

    register_writings(sub, common)
    return parser


def _journal_parsers(sub, common: argparse.ArgumentParser) -> None:
    journal = sub.add_parser("journal", parents=[common], help="the access journal: extracts and verification")
    journal_sub = journal.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    export = journal_sub.add_parser(
        "export", parents=[common],
        help="write an extract (CSV or PDF) and its signed manifest FILE.manifest.json (stdin: your password)",
    )
    export.add_argument("--from", dest="first_day", required=True, metavar="DATE",
                        help="first day of the period, YYYY-MM-DD (local date)")
    export.add_argument("--to", dest="last_day", required=True, metavar="DATE",
                        help="last day of the period, YYYY-MM-DD (local date, included)")
    export.add_argument("--user", default="", metavar="LOGIN", help="only this user's entries")
    export.add_argument("--record", default="", metavar="ID", help="only the entries about this record")
    export.add_argument("--operation", default="", help="only this operation (consult, export, purge...)")
    export.add_argument("--compartment", default="", help="only this compartment")
    export.add_argument("--format", required=True, choices=["csv", "pdf"])
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument("--motive", default="", metavar="TEXT", help="why the extract is made (required)")
    _identity(export)
    export.set_defaults(handler=cmd_journal_export)
    verify = journal_sub.add_parser(
        "verify", parents=[common],
        help="verify an extract with its manifest, or with --station the whole station journal "
             "(stdin: your password); exit status 0 when everything holds, 3 when something does not",
    )
    verify.add_argument("file", nargs="?", type=Path, help="the extract (its manifest is FILE.manifest.json)")
    verify.add_argument("--key", metavar="FINGERPRINT",
                        help="the station's key fingerprint, as Administration shows it: fail unless it signed")
    verify.add_argument("--station", action="store_true", help="verify the station's whole journal")
    verify.add_argument("--as", dest="as_login", metavar="LOGIN", help="your login (with --station)")
    verify.set_defaults(handler=cmd_journal_verify)


def _identity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_login", required=True, metavar="LOGIN", help="your login")


# -- helpers -----------------------------------------------------------------------------


def _data_dir(args) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir).expanduser()
    from app.bootstrap import default_data_dir

    return default_data_dir()


def read_secrets(*prompts: str) -> list[str]:
    """One secret per line on standard input (or asked for, without echo, on a terminal)."""
    from app.i18n import translate

    if sys.stdin is not None and sys.stdin.isatty():
        return [getpass.getpass(translate("cli", prompt) + " ") for prompt in prompts]
    values = []
    for prompt in prompts:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "Standard input ended before this line: {what}."),
                what=translate("cli", prompt),
            )
        values.append(line.rstrip("\r\n"))
    return values


def _gate(args):
    from app.bootstrap import build_gate, setup_logging

    data_dir = _data_dir(args)
    setup_logging(data_dir)
    return build_gate(data_dir)


def _logged_in(args, *more_prompts: str):
    """Open the station as --as; returns (gate, actor, the secrets that followed the password)."""
    gate = _gate(args)
    password, *rest = read_secrets(YOUR_PASSWORD, *more_prompts)
    gate.open_with_keyring()
    actor = gate.login(args.as_login, password)
    return gate, actor, rest


YOUR_PASSWORD = QT_TRANSLATE_NOOP("cli", "Your password:")
NEW_PASSWORD = QT_TRANSLATE_NOOP("cli", "New password:")
TEMPORARY_PASSWORD = QT_TRANSLATE_NOOP("cli", "Temporary password for the account:")
ADMIN_PASSWORD = QT_TRANSLATE_NOOP("cli", "Administrator's password:")
RECOVERY_CODE = QT_TRANSLATE_NOOP("cli", "Recovery code:")


def _closing(gate, action: Callable[[], int]) -> int:
    try:
        return action()
    finally:
        gate.close()


# -- commands -------------------------------------------------------------------------------


def cmd_init(args) -> int:
    from app.kernel.station import NewStation

    gate = _gate(args)
    (password,) = read_secrets(ADMIN_PASSWORD)
    new = NewStation(
        service_name=args.service, commune=args.commune, insee_code=args.insee, department=args.department,
        admin_login=args.admin, admin_full_name=args.admin_name or args.admin, admin_password=password,
        admin_grade=args.grade, admin_matricule=args.matricule,
    )
    _actor, recovery_code = gate.create(new)
    gate.close()
    say(QT_TRANSLATE_NOOP("cli", "Station created in {path}."), path=str(gate.paths.root))
    say(QT_TRANSLATE_NOOP("cli", "Recovery code: {code}"), code=recovery_code)
    say(QT_TRANSLATE_NOOP(
        "cli",
        "Write this code down now and keep it in a safe: it is shown only once, and it alone opens "
        "the station if every password is lost.",
    ))
    return EXIT_OK


def cmd_user_add(args) -> int:
    from app.models import Role
    from app.services.accounts import NewUser

    gate, actor, (temporary,) = _logged_in(args, TEMPORARY_PASSWORD)

    def run() -> int:
        user = gate.services.accounts.create_user(
            actor, NewUser(args.login, args.name, Role(args.role), temporary, args.grade, args.matricule)
        )
        say(QT_TRANSLATE_NOOP("cli", "Account {login} created; its password must be changed at first login."),
            login=user.login)
        return EXIT_OK

    return _closing(gate, run)


def cmd_user_list(args) -> int:
    from app.i18n import translate
    from app.models.accounts import ROLE_LABELS

    gate, actor, _ = _logged_in(args)

    def run() -> int:
        for user in gate.services.accounts.list_users(actor):
            status = QT_TRANSLATE_NOOP("cli", "active") if user.active else QT_TRANSLATE_NOOP("cli", "disabled")
            print("\t".join([user.login, user.full_name, user.grade, user.matricule,
                             translate("roles", ROLE_LABELS[user.role]), translate("cli", status)]))
        return EXIT_OK

    return _closing(gate, run)


def cmd_user_disable(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        user = gate.services.accounts.disable_user(actor, args.login)
        say(QT_TRANSLATE_NOOP("cli", "Account {login} disabled; its history is kept."), login=user.login)
        return EXIT_OK

    return _closing(gate, run)


def cmd_user_reset(args) -> int:
    gate, actor, (temporary,) = _logged_in(args, TEMPORARY_PASSWORD)

    def run() -> int:
        user = gate.services.accounts.reset_password(actor, args.login, temporary)
        say(QT_TRANSLATE_NOOP("cli", "Password of {login} reset; it must be changed at next login."),
            login=user.login)
        return EXIT_OK

    return _closing(gate, run)


def cmd_rekey(args) -> int:
    from app.kernel.rights import Permission

    gate, actor, _ = _logged_in(args)

    def run() -> int:
        gate.services.station.rights.require(actor, Permission.ADMINISTER_STATION)
        gate.services.station.rekey(actor)
        say(QT_TRANSLATE_NOOP("cli", "The database is now encrypted under a new key."))
        return EXIT_OK

    return _closing(gate, run)


def cmd_recover(args) -> int:
    gate = _gate(args)
    code, password = read_secrets(RECOVERY_CODE, NEW_PASSWORD)

    def run() -> int:
        actor = gate.recover(code, args.admin, password)
        say(QT_TRANSLATE_NOOP("cli", "Station opened with the recovery code; new password set for {login}."),
            login=actor.login)
        return EXIT_OK

    return _closing(gate, run)


def _entry_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError("a number of entries, 0 or more")
    return int(text)


def cmd_demo(args) -> int:
    from app.demo import DEFAULT_ENTRIES, make_demo_station, write_credentials

    data_dir = _data_dir(args)
    gate, accounts = make_demo_station(data_dir, DEFAULT_ENTRIES if args.entries is None else args.entries)
    gate.close()
    say(QT_TRANSLATE_NOOP("cli", "Demo station created in {path}."), path=str(data_dir))
    _print_accounts(accounts)
    if args.credentials:
        try:
            write_credentials(args.credentials, accounts)
        except OSError as exc:
            raise StationError(
                QT_TRANSLATE_NOOP("errors", "Cannot write in the folder {path}: {reason}."),
                path=str(Path(args.credentials).parent), reason=exc.strerror or str(exc),
            ) from exc
    return EXIT_OK


def _print_accounts(accounts) -> None:
    from app.i18n import translate
    from app.models.accounts import ROLE_LABELS

    say(QT_TRANSLATE_NOOP("cli", "Demo accounts (login / password / role):"))
    for account in accounts:
        print(f"  {account.login:<10} {account.password:<24} {translate('roles', ROLE_LABELS[account.role])}")


# -- the access journal ----------------------------------------------------------------------


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Invalid date {value}: write it as YYYY-MM-DD."),
                           value=text) from None


def cmd_journal_export(args) -> int:
    from app.audit.query import JournalFilter
    from app.audit.signing import readable_fingerprint
    from app.i18n import translate
    from app.services.journal import JournalService

    first, last = _day(args.first_day), _day(args.last_day)
    if last < first:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The period ends on {end}, before it begins on {start}."),
                           start=args.first_day, end=args.last_day)
    filters = JournalFilter.days(first, last, login=args.user, record_id=args.record, operation=args.operation,
                                 compartment=args.compartment)
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        journal = JournalService(gate.services.station)
        result = journal.export(actor, filters, args.format, args.out, args.motive, translate=translate)
        say(QT_TRANSLATE_NOOP("cli", "{count} journal entries exported to {path}."), count=result.count,
            path=str(result.path))
        say(QT_TRANSLATE_NOOP("cli", "Signed manifest: {path}"), path=str(result.manifest))
        say(QT_TRANSLATE_NOOP("cli", "Signing key fingerprint: {fingerprint}"),
            fingerprint=readable_fingerprint(result.fingerprint))
        return EXIT_OK

    return _closing(gate, run)


def cmd_journal_verify(args) -> int:
    if args.station == (args.file is not None):
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Give either an extract file or --station, not both."))
    if args.station:
        return _verify_station(args)
    from app.audit.signing import readable_fingerprint
    from app.audit.verify import verify_extract

    report = verify_extract(args.file, args.key)
    if report.fingerprint:
        say(QT_TRANSLATE_NOOP("cli", "Signing key fingerprint: {fingerprint}"),
            fingerprint=readable_fingerprint(report.fingerprint))
        say(QT_TRANSLATE_NOOP("cli", "Station: {service} ({station})"), service=report.service_name,
            station=report.station_id)
    if not report.ok:
        return _does_not_hold(report, QT_TRANSLATE_NOOP("cli", "The extract does not hold."))
    if report.kind == "pdf":
        say(QT_TRANSLATE_NOOP("cli", "The PDF extract holds: the file is the one its manifest signs "
                                     "({count} entries)."), count=report.checked)
    else:
        say(QT_TRANSLATE_NOOP("cli", "The extract holds: {count} entries, the file and its signed manifest."),
            count=report.checked)
    if args.key is None:
        say(QT_TRANSLATE_NOOP(
            "cli",
            "Anyone can sign an extract with a key of their own: compare this fingerprint with the one "
            "the station shows in Administration, or give it with --key.",
        ))
    return EXIT_OK


def _verify_station(args) -> int:
    from app.services.journal import JournalService

    if not args.as_login:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Verifying the station journal needs --as LOGIN."))
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        report = JournalService(gate.services.station).verify_station(actor)
        if report.checkpoint_seq is not None:
            say(QT_TRANSLATE_NOOP("cli", "The journal begins after entry {seq}, where a purge left a checkpoint."),
                seq=report.checkpoint_seq)
        if not report.ok:
            return _does_not_hold(report, QT_TRANSLATE_NOOP("cli", "The station journal does not hold."))
        say(QT_TRANSLATE_NOOP("cli",
                              "The station journal holds: {count} entries, from entry {first} to entry {last}."),
            count=report.checked, first=report.first_seq or 0, last=report.last_seq or 0)
        return EXIT_OK

    return _closing(gate, run)


def _does_not_hold(report, headline: str) -> int:
    from app.i18n import translate

    say(headline)
    for finding in report.findings:
        print(translate("journal", finding.message, **finding.params))
    return EXIT_DOES_NOT_HOLD


# -- the graphical application -------------------------------------------------------------


def launch_gui(args, argv: list[str]) -> int:
    from app.bootstrap import build_gate, run_gui, setup_logging

    if args.demo:
        return _launch_demo(argv)
    data_dir = _data_dir(args)
    setup_logging(data_dir)
    return run_gui(build_gate(data_dir), ["vigie"])


def _launch_demo(argv: list[str]) -> int:
    from app.bootstrap import run_gui, setup_logging
    from app.demo import make_demo_station

    folder = Path(tempfile.mkdtemp(prefix="vigie-demo-"))
    try:
        setup_logging(folder)
        gate, accounts = make_demo_station(folder)

        def announce() -> None:
            # Printed once Qt's translator is installed, before the login window shows.
            say(QT_TRANSLATE_NOOP("cli", "Throwaway demo station in {path} (erased when Vigie closes)."),
                path=str(folder))
            _print_accounts(accounts)
            sys.stdout.flush()

        return run_gui(gate, ["vigie"], on_start=announce)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
