"""`vigie sync register|now|status|approve` and `vigie join`: the station's side of sync."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, EXIT_USER_ERROR, _closing, _identity, _logged_in, ask, read_secrets, say
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.i18n import Plurals, translate, translate_error

if TYPE_CHECKING:
    from app.sync.engine import SyncReport

HOSTING_TOKEN = QT_TRANSLATE_NOOP("cli", "Hosting token:")
CONFIRM = QT_TRANSLATE_NOOP("cli", "Type yes if the new station shows the same fingerprint:")
WRONG_PASSWORD = QT_TRANSLATE_NOOP("cli", "Wrong password for {login}: attempt {attempt} of {attempts}.")


def register(sub, common: argparse.ArgumentParser) -> None:
    sync = sub.add_parser("sync", parents=[common], help=translate(
        "cli", "synchronisation with the service's other stations through the sync server"))
    actions = sync.add_subparsers(dest="sync_command", metavar=translate("cli", "ACTION"), required=True)
    url = translate("cli", "URL")
    enrol = actions.add_parser("register", parents=[common], help=translate(
        "cli", "enrol the service's first station (stdin: your password, then the hosting token)"))
    enrol.add_argument("url", metavar=url, help=translate("cli", "the sync server's address"))
    _identity(enrol)
    enrol.set_defaults(handler=cmd_register)
    now = actions.add_parser("now", parents=[common], help=translate(
        "cli", "sync now and say what moved (stdin: your password)"))
    _identity(now)
    now.set_defaults(handler=cmd_now)
    status = actions.add_parser("status", parents=[common], help=translate(
        "cli", "the sync's state: server, changes waiting, last sync, conflicts (stdin: your password)"))
    _identity(status)
    status.set_defaults(handler=cmd_status)
    approve = actions.add_parser("approve", parents=[common], help=translate(
        "cli", "let a new station join: show its fingerprint, then seal the service's keys to it "
               "(stdin: your password, then yes)"))
    approve.add_argument("code", metavar=translate("cli", "CODE"), help=translate("cli", "the pairing code"))
    _identity(approve)
    approve.set_defaults(handler=cmd_approve)
    join = sub.add_parser("join", parents=[common], help=translate(
        "cli", "make this PC a station of a service that syncs (stdin: the administrator's password)"))
    join.add_argument("--server", required=True, metavar=url, help=translate("cli", "the sync server's address"))
    join.add_argument("--admin", required=True, metavar=translate("cli", "LOGIN"),
                      help=translate("cli", "the login of an administrator of the service"))
    join.set_defaults(handler=cmd_join)


def cmd_register(args) -> int:
    gate, actor, (token,) = _logged_in(args, HOSTING_TOKEN)

    def run() -> int:
        gate.services.sync.register(actor, args.url, token)
        say(QT_TRANSLATE_NOOP("cli", "The station is enrolled with {url}; run vigie sync now to send its records."),
            url=args.url)
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_now(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        report = gate.services.sync.sync(actor)
        for line in SyncCounts().of(report):
            print(line)
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_status(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        gate.opened().station.rights.require(actor, _administer())
        status = gate.services.sync.status()
        if not status.enrolled:
            say(QT_TRANSLATE_NOOP("cli", "This station is not enrolled with a sync server."))
            return EXIT_OK
        last = status.last_sync.astimezone().strftime("%d/%m/%Y %H:%M") if status.last_sync else "-"
        say(QT_TRANSLATE_NOOP("cli", "Server: {url}"), url=status.server_url)
        say(QT_TRANSLATE_NOOP("cli", "Station number of this station in the service: {number}"),
            number=status.station_number)
        say(QT_TRANSLATE_NOOP("cli", "Changes waiting: {count}"), count=status.waiting)
        say(QT_TRANSLATE_NOOP("cli", "Journal entries of this station waiting: {count}"), count=status.journal_waiting)
        say(QT_TRANSLATE_NOOP("cli", "Last sync: {when}"), when=last)
        if status.failure is not None:
            say(QT_TRANSLATE_NOOP("cli", "The last attempt failed: {reason}"), reason=translate_error(status.failure))
        print(SyncCounts().to_settle(status.conflicts))
        if status.refused:
            say(QT_TRANSLATE_NOOP("cli", "Envelopes refused: {count}"), count=status.refused)
        if status.clock_off:
            print(SyncCounts().clock(status.clock_skew))
        return EXIT_OK

    return _closing(gate, run, actor)


def _administer():
    from app.kernel.rights import Permission

    return Permission.ADMINISTER_STATION


def cmd_approve(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        service = gate.services.sync
        pending = service.pending_station(actor, args.code)
        say(QT_TRANSLATE_NOOP("cli", "Fingerprint of the new station: {fingerprint}"), fingerprint=pending.fingerprint)
        answer = sys.stdin.readline() if not sys.stdin.isatty() else ask(translate("cli", CONFIRM) + " ")
        if answer.strip().casefold() not in ("yes", "oui", translate("cli", "yes").casefold()):
            say(QT_TRANSLATE_NOOP("cli", "Not approved: nothing was sent."))
            return EXIT_USER_ERROR
        number = service.approve(actor, pending)
        say(QT_TRANSLATE_NOOP("cli", "Approved as station number {number}: the new station receives the "
                                     "service's keys."), number=number)
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_join(args) -> int:
    from app.bootstrap import setup_logging
    from app.cli.common import _data_dir, ADMIN_PASSWORD
    from app.sync.joining import join_service

    data_dir = Path(_data_dir(args))
    (password,) = read_secrets(ADMIN_PASSWORD)
    if not password:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The administrator's password cannot be empty."))
    setup_logging(data_dir)

    def shown(code: str, fingerprint: str) -> None:
        say(QT_TRANSLATE_NOOP("cli", "Pairing code: {code}"), code=code)
        say(QT_TRANSLATE_NOOP("cli", "Fingerprint of this station: {fingerprint}"), fingerprint=fingerprint)
        say(QT_TRANSLATE_NOOP("cli", "Waiting for an administrator to run vigie sync approve {code} on an "
                                     "enrolled station..."), code=code)
        sys.stdout.flush()  # the code must be read now, not when the command ends

    joined = join_service(data_dir, args.server, args.admin, password, shown, ask_again=asked_again(args.admin))
    print(SyncCounts().joined(joined.records))
    say(QT_TRANSLATE_NOOP("cli", "Station number of this station in the service: {number}"),
        number=joined.station_number)
    say(QT_TRANSLATE_NOOP("cli", "Recovery code: {code}"), code=joined.recovery_code)
    say(QT_TRANSLATE_NOOP(
        "cli",
        "Write this code down now and keep it in a safe: it is shown only once, and it alone opens "
        "the station if every password is lost.",
    ))
    return EXIT_OK


def asked_again(login: str) -> Callable[[int], str | None]:
    """The administrator's password again after a wrong one, for attempt number *attempt*: typed again on a
    terminal, where Ctrl+D gives up (JoiningCancelled); else the next line of standard input, None (the wrong
    password ends the joining, as it did before a second attempt existed) when there is none."""
    from app.cli.common import ADMIN_PASSWORD, InputEnded, _text
    from app.sync.joining import ATTEMPTS, JoiningCancelled

    def told(attempt: int) -> None:
        print(translate("cli", WRONG_PASSWORD, login=login, attempt=attempt, attempts=ATTEMPTS), file=sys.stderr,
              flush=True)

    def ask_again(attempt: int) -> str | None:
        if sys.stdin is not None and sys.stdin.isatty():
            told(attempt)
            try:
                return read_secrets(ADMIN_PASSWORD)[0]
            except InputEnded:  # Ctrl+D: the person gives up, which is said as such (not as a wrong password)
                raise JoiningCancelled from None
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            return None  # no other password given: the joining ends as it did before a second attempt existed
        told(attempt)
        return _text(line.rstrip("\r\n"), ADMIN_PASSWORD)

    return ask_again


class SyncCounts(Plurals):
    """The sentences of `vigie sync` with a count in them, in their plural form (Qt's %n): one count
    per sentence, so that each takes its own plural ("1 modification", "12 entrées")."""

    def of(self, report: SyncReport) -> list[str]:
        """What one sync moved, a line per count that is not zero; one line when nothing moved."""
        pulled, files = report.pulled, report.files
        counted = (
            (report.pushed, self.tr("Sent: %n changes.", "", report.pushed)),
            (report.pushed_journal, self.tr("Sent: %n journal entries.", "", report.pushed_journal)),
            (report.erasures_over_stale, self.erasures_over_stale(report.erasures_over_stale)),
            (pulled.records, self.tr("Received from the other stations: %n records.", "", pulled.records)),
            (pulled.erased, self.tr("Received from the other stations: %n erasures.", "", pulled.erased)),
            (pulled.journal, self.tr("Received from the other stations: %n journal entries.", "", pulled.journal)),
            (files.sent, self.tr("Attachment files sent: %n.", "", files.sent)),
            (files.received, self.tr("Attachment files received: %n.", "", files.received)),
            (files.deleted, self.tr("Files of erased attachments deleted: %n.", "", files.deleted)),
            (files.waiting, self.tr("Attachment files still on their way: %n.", "", files.waiting)),
            (files.refused, self.tr("Attachment files refused as not authentic: %n, journaled.", "",
                                    files.refused)),
            (report.repaired, self.repaired(report.repaired)),
            (pulled.conflicts, self.conflicts(pulled.conflicts)),
            (len(pulled.refused), self.refused(len(pulled.refused))),
        )
        said = [line for count, line in counted if count]
        return said or [self.tr("Nothing to exchange: this station and the server were up to date.")]

    def repaired(self, count: int) -> str:
        return self.tr("The server had lost data: %n changes sent again.", "", count)

    def conflicts(self, count: int) -> str:
        return self.tr("%n new conflicts to settle.", "", count)

    def clock(self, skew: float) -> str:
        """How far this station's clock is from the server's, and which way (*skew*: seconds, ahead if positive),
        in minutes up to two hours, then in hours."""
        minutes = round(abs(skew) / 60)
        if minutes < 120:
            return (self.tr("This station's clock is %n minutes ahead of the server's.", "", minutes) if skew > 0
                    else self.tr("This station's clock is %n minutes behind the server's.", "", minutes))
        hours = round(minutes / 60)
        return (self.tr("This station's clock is about %n hours ahead of the server's.", "", hours) if skew > 0
                else self.tr("This station's clock is about %n hours behind the server's.", "", hours))

    def to_settle(self, count: int) -> str:
        return self.tr("%n conflicts to settle.", "", count)

    def erasures_over_stale(self, count: int) -> str:
        """Erasures pushed over a change made meanwhile on another station: the erasure prevails, no conflict."""
        return self.tr("%n erasures sent of records changed elsewhere meanwhile: the erasure prevails, nothing to settle.",  # noqa: E501
                       "", count)

    def refused(self, count: int) -> str:
        return self.tr("Refused (not authentic, or that this version cannot apply): %n envelopes, journaled.", "", count)

    def joined(self, count: int) -> str:
        return self.tr("The station joined the service: %n records received.", "", count)
