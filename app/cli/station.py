"""`vigie init`, `vigie user ...`, `vigie rekey`, `vigie recover`: the station and its accounts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.cli.common import (
    ADMIN_PASSWORD,
    EXIT_OK,
    FULL_NAME,
    VISIBLE,
    Line,
    NEW_PASSWORD,
    RECOVERY_CODE,
    TEMPORARY_PASSWORD,
    _closing,
    _gate,
    _identity,
    _logged_in,
    read_lines,
    read_secrets,
    say,
)
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.i18n import translate, translate_error

ROLES = ["agent", "chef_de_poste", "administrateur", "maire"]
ADMIN_NAME = Line("admin_name", QT_TRANSLATE_NOOP("cli", "The administrator's full name (empty: the login):"),
                  required=False)


def register(sub, common: argparse.ArgumentParser) -> None:
    _init_parser(sub, common)
    _user_parsers(sub, common)
    rekey = sub.add_parser("rekey", parents=[common], help=translate(
        "cli", "re-encrypt the database under a new key (stdin: your password)"))
    _identity(rekey)
    rekey.set_defaults(handler=cmd_rekey)
    recover = sub.add_parser("recover", parents=[common], help=translate(
        "cli", "all passwords lost: open with the recovery code (stdin: the code, then the new password)"))
    recover.add_argument("--admin", required=True, metavar=translate("cli", "LOGIN"),
                         help=translate("cli", "the administrator whose password is replaced"))
    recover.set_defaults(handler=cmd_recover)


def _init_parser(sub, common: argparse.ArgumentParser) -> None:
    init = sub.add_parser("init", parents=[common], help=translate(
        "cli", "create a station (stdin: the administrator's password, then their full name unless --admin-name)"))
    text = translate("cli", "TEXT")
    init.add_argument("--service", required=True, metavar=text, help=translate("cli", "the service's name"))
    init.add_argument("--commune", required=True, metavar=text, help=translate("cli", "the commune's name"))
    init.add_argument("--insee", required=True, metavar=translate("cli", "CODE"),
                      help=translate("cli", "the commune's INSEE code"))
    init.add_argument("--department", required=True, metavar=translate("cli", "CODE"),
                      help=translate("cli", "department code, e.g. 86"))
    init.add_argument("--admin", required=True, metavar=translate("cli", "LOGIN"),
                      help=translate("cli", "the first administrator's login"))
    init.add_argument("--admin-name", metavar=text, help=translate(
        "cli", VISIBLE, what=translate("cli", "the administrator's full name (an empty line: the login)")))
    init.add_argument("--grade", default="", metavar=text, help=translate("cli", "the administrator's grade"))
    init.add_argument("--matricule", default="", metavar=text,
                      help=translate("cli", "the administrator's matricule"))
    init.set_defaults(handler=cmd_init)


def _user_parsers(sub, common: argparse.ArgumentParser) -> None:
    user = sub.add_parser("user", parents=[common], help=translate("cli", "manage accounts"))
    actions = user.add_subparsers(dest="user_command", metavar=translate("cli", "ACTION"), required=True)
    login, text = translate("cli", "LOGIN"), translate("cli", "TEXT")
    add = actions.add_parser("add", parents=[common], help=translate(
        "cli", "create an account (stdin: your password, the new temporary password, then the full name unless --name)"))  # noqa: E501
    add.add_argument("login", metavar=login, help=translate("cli", "the new account's login"))
    add.add_argument("--name", metavar=text, help=translate("cli", VISIBLE, what=translate("cli", "full name")))
    add.add_argument("--role", required=True, choices=ROLES, help=translate("cli", "the account's role"))
    add.add_argument("--grade", default="", metavar=text, help=translate("cli", "grade"))
    add.add_argument("--matricule", default="", metavar=text, help=translate("cli", "matricule"))
    _identity(add)
    add.set_defaults(handler=cmd_user_add)
    listing = actions.add_parser("list", parents=[common], help=translate(
        "cli", "list accounts (stdin: your password)"))
    _identity(listing)
    listing.set_defaults(handler=cmd_user_list)
    disable = actions.add_parser("disable", parents=[common], help=translate(
        "cli", "disable an account (stdin: your password)"))
    disable.add_argument("login", metavar=login, help=translate("cli", "the account to disable"))
    _identity(disable)
    disable.set_defaults(handler=cmd_user_disable)
    reset = actions.add_parser("reset-password", parents=[common], help=translate(
        "cli", "give a temporary password, changed at next login (stdin: your password, then the temporary one)"))
    reset.add_argument("login", metavar=login, help=translate("cli", "the account whose password is reset"))
    _identity(reset)
    reset.set_defaults(handler=cmd_user_reset)


def cmd_init(args) -> int:
    from app.kernel import validation
    from app.kernel.creating import check_empty_folder
    from app.kernel.station import NewStation

    gate = _gate(args)
    gate.check_folder()  # a file in the folder's place, a read-only folder, a full disk: said before anything is asked
    check_empty_folder(gate.paths)
    _check_init_arguments(args)
    password = _new_password(ADMIN_PASSWORD, lambda typed: validation.password(typed, validation.FIRST_PASSWORD_MIN))
    read_lines(args, ADMIN_NAME)
    new = NewStation(
        service_name=args.service, commune=args.commune, insee_code=args.insee, department=args.department,
        admin_login=args.admin, admin_full_name=args.admin_name or args.admin, admin_password=password,
        admin_grade=args.grade, admin_matricule=args.matricule,
    )
    _actor, recovery_code = gate.create(new)
    verification_code = gate.opened().station.journal.take_verification_code()
    gate.close()
    say(QT_TRANSLATE_NOOP("cli", "Station created in {path}."), path=str(gate.paths.root))
    say(QT_TRANSLATE_NOOP("cli", "Recovery code: {code}"), code=recovery_code)
    say(QT_TRANSLATE_NOOP(
        "cli",
        "Write this code down now and keep it in a safe: it is shown only once, and it alone opens "
        "the station if every password is lost.",
    ))
    say(QT_TRANSLATE_NOOP("cli", "Journal verification code: {code}"), code=verification_code)
    say(QT_TRANSLATE_NOOP(
        "cli",
        "Hand this second code to the mayor, as data controller, to keep apart from the first: it is shown "
        "only once, no station keeps it, and it alone proves that the access journal of every station of "
        "the service was not rewritten (vigie journal verify --station --sealed).",
    ))
    return EXIT_OK


def _check_init_arguments(args) -> None:
    """What `vigie init` was given on its command line, checked before anything is asked: a mistyped INSEE
    code was told only once the password and the name had been typed. The creation checks it all again."""
    from app.kernel import validation

    validation.required(args.service, QT_TRANSLATE_NOOP("fields", "Service name"))
    validation.required(args.commune, QT_TRANSLATE_NOOP("fields", "Commune"))
    validation.insee_code(args.insee)
    validation.department(args.department)
    validation.login(args.admin)
    if args.admin_name is not None:  # an empty one is the login
        validation.required(args.admin_name or args.admin, QT_TRANSLATE_NOOP("fields", "Full name"))


CONFIRM_PASSWORD = QT_TRANSLATE_NOOP("cli", "Confirm the password:")
PASSWORDS_DIFFER = QT_TRANSLATE_NOOP("cli", "The two passwords differ: type them again.")
NO_PASSWORD_CHOSEN = QT_TRANSLATE_NOOP("errors", "No password was chosen after {tries} tries; nothing was done.")
PASSWORD_TRIES = 3


def _new_password(prompt: str, check: Callable[[str], str]) -> str:
    """A password that becomes the only way in (with the recovery code), *check*ed as soon as it is typed.

    On a terminal it is typed twice, unseen, where a typo would lock its holder out: while the two differ
    or it breaks a rule, that is said in one line and both are asked again, PASSWORD_TRIES times in all.
    From a pipe it is one line, as the command's help says and scripts give it.
    """
    if sys.stdin is None or not sys.stdin.isatty():
        (password,) = read_secrets(prompt)
        return check(password)
    for _try in range(PASSWORD_TRIES):
        (password,) = read_secrets(prompt)
        try:
            check(password)
        except InvalidInput as refused:
            print(translate_error(refused), file=sys.stderr)  # beside the prompts, which getpass writes there
            continue
        (again,) = read_secrets(CONFIRM_PASSWORD)
        if again == password:
            return password
        print(translate("cli", PASSWORDS_DIFFER), file=sys.stderr)
    raise InvalidInput(NO_PASSWORD_CHOSEN, tries=PASSWORD_TRIES)


def cmd_user_add(args) -> int:
    from app.models import Role
    from app.services.accounts import NewUser

    gate, actor, (temporary,) = _logged_in(args, TEMPORARY_PASSWORD, lines=(Line("name", FULL_NAME),))

    def run() -> int:
        user = gate.services.accounts.create_user(
            actor, NewUser(args.login, args.name, Role(args.role), temporary, args.grade, args.matricule)
        )
        say(QT_TRANSLATE_NOOP("cli", "Account {login} created; its password must be changed at first login."),
            login=user.login)
        return EXIT_OK

    return _closing(gate, run, actor)


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

    return _closing(gate, run, actor)


def cmd_user_disable(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        user = gate.services.accounts.disable_user(actor, args.login)
        say(QT_TRANSLATE_NOOP("cli", "Account {login} disabled; its history is kept."), login=user.login)
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_user_reset(args) -> int:
    gate, actor, (temporary,) = _logged_in(args, TEMPORARY_PASSWORD)

    def run() -> int:
        user = gate.services.accounts.reset_password(actor, args.login, temporary)
        say(QT_TRANSLATE_NOOP("cli", "Password of {login} reset; it must be changed at next login."),
            login=user.login)
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_rekey(args) -> int:
    from app.kernel.rights import Permission

    gate, actor, _ = _logged_in(args)

    def run() -> int:
        gate.services.station.rights.require(actor, Permission.ADMINISTER_STATION)
        gate.services.station.rekey(actor)
        say(QT_TRANSLATE_NOOP("cli", "The database is now encrypted under a new key."))
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_recover(args) -> int:
    gate = _gate(args, station=True)
    code, password = read_secrets(RECOVERY_CODE, NEW_PASSWORD)

    def run() -> int:
        actor = gate.recover(code, args.admin, password)
        say(QT_TRANSLATE_NOOP("cli", "Station opened with the recovery code; new password set for {login}."),
            login=actor.login)
        return EXIT_OK

    return _closing(gate, run)
