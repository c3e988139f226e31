"""`vigie journal export` and `vigie journal verify`: extracts of the access journal and their checks."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (
    EXIT_DOES_NOT_HOLD,
    EXIT_OK,
    MOTIVE,
    VISIBLE,
    Line,
    _closing,
    _identity,
    _logged_in,
    new_file,
    read_secrets,
    say,
)
from app.audit.codes import COMPARTMENTS, Operation
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.i18n import Plurals, translate

VERIFICATION_CODE = QT_TRANSLATE_NOOP("cli", "Journal verification code:")
ONLY_OPERATION = QT_TRANSLATE_NOOP("cli", "only this operation, by its code: {codes}")
ONLY_COMPARTMENT = QT_TRANSLATE_NOOP("cli", "only this compartment, by its code: {codes}")


def register(sub, common: argparse.ArgumentParser) -> None:
    journal = sub.add_parser("journal", parents=[common], help=translate(
        "cli", "the access journal: extracts and verification"))
    actions = journal.add_subparsers(dest="journal_command", metavar=translate("cli", "ACTION"), required=True)
    _export_parser(actions, common)
    _verify_parser(actions, common)


def _export_parser(actions, common: argparse.ArgumentParser) -> None:
    day, text = translate("cli", "DATE"), translate("cli", "TEXT")
    export = actions.add_parser("export", parents=[common], help=translate(
        "cli", "write an extract (CSV or PDF) and its signed manifest FILE.manifest.json (stdin: your password, then the motive unless --motive)"))  # noqa: E501
    export.add_argument("--from", dest="first_day", required=True, metavar=day,
                        help=translate("cli", "first day of the period, YYYY-MM-DD (local date)"))
    export.add_argument("--to", dest="last_day", required=True, metavar=day,
                        help=translate("cli", "last day of the period, YYYY-MM-DD (local date, included)"))
    export.add_argument("--user", default="", metavar=translate("cli", "LOGIN"),
                        help=translate("cli", "only this user's entries"))
    export.add_argument("--record", default="", metavar="ID", help=translate("cli", "only the entries about this record"))
    # The codes, as typed and as the CSV's columns hold them (app/audit/codes.py imports no database layer).
    operations, compartments = ", ".join(Operation), ", ".join(COMPARTMENTS)
    export.add_argument("--operation", default="", metavar=text,
                        help=translate("cli", ONLY_OPERATION, codes=operations))
    export.add_argument("--compartment", default="", metavar=text,
                        help=translate("cli", ONLY_COMPARTMENT, codes=compartments))
    export.add_argument("--format", required=True, choices=["csv", "pdf"], help=translate("cli", "csv or pdf"))
    export.add_argument("--out", required=True, type=Path, metavar=translate("cli", "FILE"),
                        help=translate("cli", "the extract to write, a file that does not exist yet"))
    export.add_argument("--motive", metavar=text,
                        help=translate("cli", VISIBLE, what=translate("cli", "why the extract is made (required)")))
    _identity(export)
    export.set_defaults(handler=cmd_journal_export)


def _verify_parser(actions, common: argparse.ArgumentParser) -> None:
    # One literal per message: lupdate does not join adjacent strings.
    verify = actions.add_parser("verify", parents=[common], help=translate("cli", "verify an extract with its manifest, or with --station the whole station journal (stdin: your password); exit status 0 when everything holds, 3 when something does not"))  # noqa: E501
    verify.add_argument("file", nargs="?", type=Path, metavar=translate("cli", "FILE"),
                        help=translate("cli", "the extract (its manifest is FILE.manifest.json)"))
    verify.add_argument("--key", metavar=translate("cli", "FINGERPRINT"), help=translate(
        "cli", "the station's key fingerprint, as Administration shows it: fail unless it signed"))
    verify.add_argument("--station", action="store_true", help=translate("cli", "verify the station's whole journal"))
    verify.add_argument("--as", dest="as_login", metavar=translate("cli", "LOGIN"),
                        help=translate("cli", "your login (with --station)"))
    verify.add_argument("--sealed", action="store_true", help=translate(
        "cli", "also check every seal with the journal verification code (stdin: with --station your password, "
               "then the code)"))
    verify.set_defaults(handler=cmd_journal_verify)


FIRST_YEAR, LAST_YEAR = 2000, 2999


def _day(text: str):
    from datetime import date

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Invalid date {value}: write it as YYYY-MM-DD."),
                           value=text) from None
    # Far years do not turn into local times (0001-01-01 in Paris is in year 0 in UTC); no journal holds them.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The date {value} is out of range: give a day between the "
                                                       "years {first} and {last}."),
                           value=text, first=FIRST_YEAR, last=LAST_YEAR)
    return day


def cmd_journal_export(args) -> int:
    from app.audit.query import JournalFilter
    from app.audit.signing import readable_fingerprint

    first, last = _day(args.first_day), _day(args.last_day)
    if last < first:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The period ends on {end}, before it begins on {start}."),
                           start=args.first_day, end=args.last_day)
    filters = JournalFilter.days(first, last, login=args.user, record_id=args.record, operation=args.operation,
                                 compartment=args.compartment)
    new_file(args.out)
    gate, actor, _ = _logged_in(args, lines=(Line("motive", MOTIVE),))

    def run() -> int:
        result = gate.services.journal.export(actor, filters, args.format, args.out, args.motive, translate=translate)
        print(JournalCounts().exported(result.count, str(result.path)))
        say(QT_TRANSLATE_NOOP("cli", "Signed manifest: {path}"), path=str(result.manifest))
        say(QT_TRANSLATE_NOOP("cli", "Signing key fingerprint: {fingerprint}"),
            fingerprint=readable_fingerprint(result.fingerprint))
        return EXIT_OK

    return _closing(gate, run, actor)


def cmd_journal_verify(args) -> int:
    if args.station == (args.file is not None):
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Give either an extract file or --station, not both."))
    if args.station:
        return _verify_station(args)
    from app.audit.signing import readable_fingerprint
    from app.audit.verify import verify_extract

    code = _code(read_secrets(VERIFICATION_CODE)[0]) if args.sealed else None
    report = verify_extract(args.file, args.key, code)
    for note in report.notes:
        print(translate("journal", note.message, **note.params))
    if report.fingerprint:
        say(QT_TRANSLATE_NOOP("cli", "Signing key fingerprint: {fingerprint}"),
            fingerprint=readable_fingerprint(report.fingerprint))
        say(QT_TRANSLATE_NOOP("cli", "Station: {service} ({station})"), service=report.service_name,
            station=report.station_id)
    if report.renamed(args.file):
        say(QT_TRANSLATE_NOOP("cli", "The extract was made as {name}: it was renamed since, which changes "
                                     "nothing; its content is checked by its digest."), name=report.named)
    if not report.ok:
        return _does_not_hold(report, QT_TRANSLATE_NOOP("cli", "The extract does not hold."))
    print(JournalCounts().extract_holds(report.kind, report.sealed, report.checked))
    if args.key is None:
        say(QT_TRANSLATE_NOOP(
            "cli",
            "Anyone can sign an extract with a key of their own: compare this fingerprint with the one "
            "the station shows in Administration, or give it with --key.",
        ))
    return EXIT_OK


def _verify_station(args) -> int:
    if not args.as_login:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Verifying the station journal needs --as LOGIN."))
    gate, actor, secrets = _logged_in(args, *((VERIFICATION_CODE,) if args.sealed else ()))
    code = secrets[0] if args.sealed else None

    def run() -> int:
        report, others = gate.services.journal.verify_every_station(actor, code)
        held = _own_report(report)
        # Each other station's chain, as received here, on its own (app/audit/stations.py).
        outcomes = [_other_report(other) for other in others]
        return EXIT_DOES_NOT_HOLD if held != EXIT_OK or not all(outcomes) else EXIT_OK

    return _closing(gate, run, actor)


def _other_report(other) -> bool:
    """One other station's chain: its outcome, what does not hold, and what was not received yet."""
    from app.audit.stations import station_text

    report, station = other.report, other.station
    name = station_text(station, translate)
    if report.ok and report.checked:
        say(QT_TRANSLATE_NOOP("cli", "{station} ({id}): its journal holds as received here, %n entries from "
                                     "entry {first} to entry {last}.", None, 1),
            report.checked, station=name, id=station.station_id, first=report.first_seq or 0,
            last=report.last_seq or 0)
    elif report.ok:
        say(QT_TRANSLATE_NOOP("cli", "{station} ({id}): none of its entries is kept here."), station=name,
            id=station.station_id)
    else:
        say(QT_TRANSLATE_NOOP("cli", "{station} ({id}): its journal does not hold."), station=name,
            id=station.station_id)
        for finding in report.findings:
            print(translate("journal", finding.message, **finding.params))
    for note in report.notes:
        print(translate("journal", note.message, **note.params))
    return report.ok


def _own_report(report) -> int:
    """This station's own journal: its outcome, as `vigie journal verify --station` always told it."""
    if report.checkpoint_seq is not None:
        say(QT_TRANSLATE_NOOP("cli", "The journal begins after entry {seq}, where a purge left a checkpoint."),
            seq=report.checkpoint_seq)
    for note in report.notes:
        print(translate("journal", note.message, **note.params))
    if not report.ok:
        return _does_not_hold(report, QT_TRANSLATE_NOOP("cli", "The station journal does not hold."))
    print(JournalCounts().station_holds(report.sealed, report.checked, report.first_seq or 0, report.last_seq or 0))
    return EXIT_OK


def _code(typed: str) -> bytes:
    from app.crypto.verification_code import InvalidCode, decode

    try:
        return decode(typed)
    except InvalidCode:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "errors", "This is not a journal verification code: check what was typed.")) from None


def _does_not_hold(report, headline: str) -> int:
    say(headline)
    for finding in report.findings:
        print(translate("journal", finding.message, **finding.params))
    return EXIT_DOES_NOT_HOLD


class JournalCounts(Plurals):
    """The sentences of `vigie journal` with a count in them, in their plural form (Qt's %n)."""

    def exported(self, count: int, path: str) -> str:
        return self.tr("%n journal entries exported to {path}.", "", count).format(path=path)

    def extract_holds(self, kind: str, sealed: bool, count: int) -> str:
        if kind == "pdf":
            return self.tr("The PDF extract holds: the file is the one its manifest signs (%n entries).", "", count)
        if sealed:
            return self.tr("The extract holds, seals included: %n entries, the file and its signed manifest.", "",
                           count)
        return self.tr("The extract holds: %n entries, the file and its signed manifest.", "", count)

    def station_holds(self, sealed: bool, count: int, first: int, last: int) -> str:
        if sealed:
            text = self.tr("The station journal holds, seals included: %n entries, from entry {first} to entry {last}.",  # noqa: E501
                           "", count)
        else:
            text = self.tr("The station journal holds: %n entries, from entry {first} to entry {last}.", "", count)
        return text.format(first=first, last=last)

    def received_holds(self, count: int, station: str, station_id: str, first: int, last: int) -> str:
        return self.tr("The journal of {station} ({id}) holds: %n entries received, from entry {first} to entry {last}.",  # noqa: E501
                       "", count).format(station=station, id=station_id, first=first, last=last)
