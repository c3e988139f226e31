"""`vigie documents` and `vigie print`: the PV and rapports from the command line.

Passwords come from standard input as for every command (app/cli/common.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (EXIT_OK, MOTIVE, RECIPIENT, VISIBLE, Line, _closing, _identity, _logged_in, new_file,
                             say)
from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate


def register(sub, common: argparse.ArgumentParser) -> None:
    documents = sub.add_parser("documents", parents=[common], help=translate(
        "cli", "list the PV and rapports, one per line: number, type, status, date (stdin: your password)"))
    documents.add_argument("--year", type=int, metavar=translate("cli", "YEAR"),
                           help=translate("cli", "only this year's documents"))
    _identity(documents)
    documents.set_defaults(handler=cmd_documents)

    printing = sub.add_parser("print", parents=[common], help=translate(
        "cli", "print a PV or rapport to a PDF file, journaled (stdin: your password, then the motive unless --motive, then the recipient unless --recipient)"))  # noqa: E501
    printing.add_argument("--document", required=True, metavar=translate("cli", "NUMBER"),
                          help=translate("cli", "its number, e.g. 2026/00042"))
    printing.add_argument("--out", required=True, type=Path, metavar=translate("cli", "FILE.pdf"),
                          help=translate("cli", "the PDF to write, a file that does not exist yet"))
    printing.add_argument("--motive", metavar=translate("cli", "TEXT"),
                          help=translate("cli", VISIBLE, what=translate("cli", "why it is printed (journaled)")))
    printing.add_argument("--recipient", metavar=translate("cli", "TEXT"),
                          help=translate("cli", VISIBLE, what=translate("cli", "to whom it is given (journaled)")))
    _identity(printing)
    printing.set_defaults(handler=cmd_print)


ALTERED = QT_TRANSLATE_NOOP("cli", "{status}, content altered")
MISSING = QT_TRANSLATE_NOOP("cli", "number missing")
VOIDED = QT_TRANSLATE_NOOP("cli", "number voided: {reason}")


def cmd_documents(args) -> int:
    """One line per document, and one per number of the sequence that no document bears (missing, voided).

    Four columns each: number, type, status, date. A signed document that no longer matches its
    signature reads "contenu altéré" in its status.
    """
    from app.models.writings import KIND_LABELS, STATUS_LABELS

    gate, actor, _ = _logged_in(args)

    def run() -> int:
        lines: list[tuple[tuple[int, int], list[str]]] = []
        for row in gate.services.writings.documents(actor, year=args.year):
            when = row.occurred_at or row.created_at
            status = translate("writings", STATUS_LABELS[row.status])
            if row.altered:
                status = translate("cli", ALTERED, status=status)
            lines.append((_order(row.number), [row.number, translate("writings", KIND_LABELS[row.kind]), status,
                                               when.astimezone().strftime("%d/%m/%Y")]))
        for gap in gate.services.writings.number_gaps(actor, year=args.year):
            status = translate("cli", VOIDED, reason=gap.reason) if gap.voided else translate("cli", MISSING)
            when = gap.voided_at.astimezone().strftime("%d/%m/%Y") if gap.voided_at else ""
            lines.append(((gap.year, gap.serial), [gap.number, "", status, when]))
        for _key, line in sorted(lines, key=lambda item: item[0], reverse=True):
            print("\t".join(line))
        return EXIT_OK

    return _closing(gate, run, actor)


def _order(number: str) -> tuple[int, int]:
    year, _, serial = number.partition("/")
    return (int(year), int(serial)) if year.isdigit() and serial.isdigit() else (0, 0)


def cmd_print(args) -> int:
    new_file(args.out)
    gate, actor, _ = _logged_in(args, lines=(Line("motive", MOTIVE), Line("recipient", RECIPIENT, required=False)))

    def run() -> int:
        writings = gate.services.writings
        document_id = writings.id_of_number(actor, args.document)
        result = writings.print_to(actor, document_id, args.out, args.motive, args.recipient, translate=translate)
        say(QT_TRANSLATE_NOOP("cli", "Document {number} printed to {path} (%n pages).", None, 1), result.pages,
            number=args.document.strip(), path=str(result.path))
        return EXIT_OK

    return _closing(gate, run, actor)
