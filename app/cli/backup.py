"""`vigie backup`, `vigie restore`, `vigie export`, `vigie import`: the station's copies (docs/backup.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import (
    EXIT_OK,
    MOTIVE,
    RECOVERY_CODE,
    VISIBLE,
    YOUR_PASSWORD,
    Line,
    _closing,
    _gate,
    _identity,
    _logged_in,
    log_in,
    new_file,
    read_secrets,
    say,
)
from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate

PASSPHRASE = QT_TRANSLATE_NOOP("cli", "Passphrase of the export:")
NEW_ADMIN_PASSWORD = QT_TRANSLATE_NOOP("cli", "New password of the administrator:")


def register(sub, common: argparse.ArgumentParser) -> None:
    folder, file = translate("cli", "FOLDER"), translate("cli", "FILE")
    backup = sub.add_parser("backup", parents=[common], help=translate(
        "cli", "make a backup now, check it and rotate the old ones (stdin: your password)"))
    backup.add_argument("--to", type=Path, metavar=folder,
                        help=translate("cli", "the backup folder (default: the one configured)"))
    backup.add_argument("--full-check", action="store_true", default=None, help=translate(
        "cli", "check the backup with SQLite's full integrity_check (by default: the first backup of each week)"))
    _identity(backup)
    backup.set_defaults(handler=cmd_backup)
    restore = sub.add_parser("restore", parents=[common], help=translate(
        "cli", "restore a backup into --data-dir (stdin: with --replace your password first, then the recovery code)"))  # noqa: E501
    restore.add_argument("backup", type=Path, metavar=folder, help=translate("cli", "the backup's folder"))
    restore.add_argument("--replace", action="store_true", help=translate(
        "cli", "replace the station in --data-dir (it is kept beside it); needs --as, an administrator"))
    restore.add_argument("--show", action="store_true",
                         help=translate("cli", "only check the backup and show what it holds"))
    restore.add_argument("--full-check", action="store_true", help=translate(
        "cli", "check the backup with SQLite's full integrity_check too (slower)"))
    restore.add_argument("--as", dest="as_login", metavar=translate("cli", "LOGIN"),
                         help=translate("cli", "your login (with --replace)"))
    restore.set_defaults(handler=cmd_restore)
    _export_parsers(sub, common, file)


def _export_parsers(sub, common: argparse.ArgumentParser, file: str) -> None:
    export = sub.add_parser("export", parents=[common], help=translate(
        "cli", "export every record in open formats, in a zip encrypted with a passphrase (stdin: your password, the passphrase, then the motive unless --motive)"))  # noqa: E501
    export.add_argument("--out", required=True, type=Path, metavar=file, help=translate("cli", "the zip to write"))
    export.add_argument("--motive", metavar=translate("cli", "TEXT"),
                        help=translate("cli", VISIBLE, what=translate("cli", "why the export is made (required)")))
    _identity(export)
    export.set_defaults(handler=cmd_export)
    load = sub.add_parser("import", parents=[common], help=translate(
        "cli", "build a new station in --data-dir from an export (stdin: the passphrase, then the administrator's new password)"))  # noqa: E501
    load.add_argument("export", type=Path, metavar=file, help=translate("cli", "the export's zip"))
    load.add_argument("--admin", required=True, metavar=translate("cli", "LOGIN"),
                      help=translate("cli", "the administrator of the export who gets the new password"))
    load.set_defaults(handler=cmd_import)


class _Percent:
    """Progress on standard output, one line each time the whole percentage moves.

    With *terminal_only*, none when standard output is not a terminal: a script's pipe or log gets the
    summary line alone. (`vigie backup` and `vigie restore` print theirs anywhere: tests/test_backup_cli.py
    stops them at their first progress line, a full pipe, to kill them in the middle of their work.)
    """

    def __init__(self, what: str, terminal_only: bool = False) -> None:
        self.what = what
        self.last = -1
        self.shown = not terminal_only or (sys.stdout is not None and sys.stdout.isatty())

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if self.shown and percent != self.last:
            self.last = percent
            print(translate("cli", self.what, percent=percent), flush=True)


def cmd_backup(args) -> int:
    gate, actor, _ = _logged_in(args)

    def run() -> int:
        done = gate.opened().backup.back_up(actor, args.to, _Percent(BACKUP_PROGRESS), full_check=args.full_check)
        say(QT_TRANSLATE_NOOP("cli", "Backup made and checked: {path}"), path=done.path)
        for name in done.removed:
            say(QT_TRANSLATE_NOOP("cli", "Old backup removed: {name}"), name=name)
        return EXIT_OK

    return _closing(gate, run, actor)


BACKUP_PROGRESS = QT_TRANSLATE_NOOP("cli", "Backup: {percent} %")
RESTORE_PROGRESS = QT_TRANSLATE_NOOP("cli", "Restoring: {percent} %")


def _show(summary) -> None:
    say(QT_TRANSLATE_NOOP("cli", "Backup of {date}: station {station}, service {service} ({commune})."),
        date=summary.made_at.astimezone().strftime("%d/%m/%Y %H:%M"), station=summary.station_id,
        service=summary.service_name, commune=summary.commune)
    for kind, count in sorted(summary.counts.items()):
        print(f"  {kind}\t{count}")
    say(QT_TRANSLATE_NOOP("cli", "Journal: %n entries, up to number {seq}.", None, 1),
        summary.counts.get("journal_entry", 0), seq=summary.journal_seq)


def cmd_restore(args) -> int:
    from app.backup.restore import open_backup, restore
    from app.bootstrap import record_kinds

    gate = _gate(args)
    replacing = None
    if args.replace:
        replacing = _replacing(args, gate)
    (code,) = read_secrets(RECOVERY_CODE)
    if args.show:
        summary, _key = open_backup(args.backup, code, record_kinds(), full=args.full_check)
        _show(summary)
        return EXIT_OK
    done = restore(args.backup, code, gate.paths.root, gate.deps, record_kinds(), replacing=replacing,
                   progress=_Percent(RESTORE_PROGRESS), shown=_show, full_check=args.full_check)
    say(QT_TRANSLATE_NOOP("cli", "Backup restored in {path}."), path=done.target)
    if done.kept_copy:
        say(QT_TRANSLATE_NOOP("cli", "The station it replaced is kept in {path}."), path=done.kept_copy)
    if done.rolled_back:
        say(QT_TRANSLATE_NOOP("cli", "The journal goes back by %n entries: they stay in the kept copy, and the "
                                     "restore is journaled.", None, 1), done.rolled_back)
    return EXIT_OK


def _replacing(args, gate):
    """Log in to the station being replaced: its administrator, its service, and its key (its journal's head
    and seal are read once it is closed)."""
    from app.backup.restore import Replacing
    from app.errors import InvalidInput
    from app.kernel.rights import Permission

    if not args.as_login:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Replacing a station needs --as, an administrator's login."))
    (password,) = read_secrets(YOUR_PASSWORD)
    actor = log_in(gate, args.as_login, password)
    try:
        services = gate.opened()
        services.station.rights.require(actor, Permission.ADMINISTER_STATION)
        details = services.station.details
        return Replacing(details.service_name, details.insee_code, actor, services.station.backup_key())
    finally:
        gate.close()


def cmd_export(args) -> int:
    new_file(args.out)
    gate, actor, (passphrase,) = _logged_in(args, PASSPHRASE, lines=(Line("motive", MOTIVE),))

    def run() -> int:
        done = gate.opened().exports.export(actor, args.out, passphrase, args.motive,
                                            progress=_Percent(EXPORT_PROGRESS, terminal_only=True))
        say(QT_TRANSLATE_NOOP("cli", "Export written: {path} (%n records).", None, 1), done.records,
            path=str(done.path))
        return EXIT_OK

    return _closing(gate, run, actor)


EXPORT_PROGRESS = QT_TRANSLATE_NOOP("cli", "Export: {percent} %")
IMPORT_PROGRESS = QT_TRANSLATE_NOOP("cli", "Import: {percent} %")


def cmd_import(args) -> int:
    from app.backup.importing import import_export
    from app.bootstrap import record_kinds

    gate = _gate(args)
    passphrase, password = read_secrets(PASSPHRASE, NEW_ADMIN_PASSWORD)
    done = import_export(args.export, passphrase, gate.paths, gate.deps, record_kinds(), args.admin, password,
                         progress=_Percent(IMPORT_PROGRESS, terminal_only=True))
    say(QT_TRANSLATE_NOOP("cli", "Station built in {path} from the export: %n records.", None, 1), done.records,
        path=str(gate.paths.root))
    say(QT_TRANSLATE_NOOP("cli", "Recovery code: {code}"), code=done.recovery_code)
    say(QT_TRANSLATE_NOOP(
        "cli",
        "Write this code down now and keep it in a safe: it is shown only once, and it alone opens "
        "the station if every password is lost.",
    ))
    sys.stdout.flush()
    return EXIT_OK
