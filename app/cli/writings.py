"""`vigie documents` and `vigie print`: the PV and rapports from the command line.

Passwords come from standard input as for every command (app/cli/common.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, MOTIVE, RECIPIENT, VISIBLE, Line, _closing, _identity, _logged_in, say
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
    printing.add_argument("--out", required=True, type=Path, metavar=translate("cli", "FILE.pdf"))
    printing.add_argument("--motive", metavar=translate("cli", "TEXT"),
                          help=translate("cli", VISIBLE, what=translate("cli", "why it is printed (journaled)")))
    printing.add_argument("--recipient", metavar=translate("cli", "TEXT"),
                          help=translate("cli", VISIBLE, what=translate("cli", "to whom it is given (journaled)")))
    _identity(printing)
    printing.set_defaults(handler=cmd_print)


def cmd_documents(args) -> int:
    from app.models.writings import KIND_LABELS, STATUS_LABELS

    gate, actor, _ = _logged_in(args)

    def run() -> int:
        for row in gate.services.writings.documents(actor, year=args.year):
            when = row.occurred_at or row.created_at
            print("\t".join([row.number, translate("writings", KIND_LABELS[row.kind]),
                             translate("writings", STATUS_LABELS[row.status]),
                             when.astimezone().strftime("%d/%m/%Y")]))
        return EXIT_OK

    return _closing(gate, run)


def cmd_print(args) -> int:
    gate, actor, _ = _logged_in(args, lines=(Line("motive", MOTIVE), Line("recipient", RECIPIENT, required=False)))

    def run() -> int:
        writings = gate.services.writings
        document_id = writings.id_of_number(actor, args.document)
        result = writings.print_to(actor, document_id, args.out, args.motive, args.recipient, translate=translate)
        say(QT_TRANSLATE_NOOP("cli", "Document {number} printed to {path} ({pages} pages)."),
            number=args.document.strip(), path=str(result.path), pages=result.pages)
        return EXIT_OK

    return _closing(gate, run)
