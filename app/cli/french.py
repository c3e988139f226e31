"""argparse in French: its own words (usage, errors, the help of -h) go through Vigie's translation.

argparse looks its messages up through the module-level gettext functions it
imported; in the `vigie` process (and only there) those are replaced by
lookups in Vigie's French catalogue, context "argparse". Messages that only
a programmer can cause (a parser declared wrongly) are left in English.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from app.errors import QT_TRANSLATE_NOOP
from app.i18n import translate

MESSAGES = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
)
_KNOWN = frozenset(MESSAGES)
MISTAKE = QT_TRANSLATE_NOOP("cli", "{message} (see \u201c{command} --help\u201d)")


def _gettext(message: str) -> str:
    return translate("argparse", message) if message in _KNOWN else message


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


class VigieParser(argparse.ArgumentParser):
    """A mistake on the command line is one line on standard error and exit status 1, as for every
    other mistake of the `vigie` command (argparse's own: the usage, then the message, status 2)."""

    def error(self, message: str) -> NoReturn:
        line = translate("cli", MISTAKE, message=message, command=self.prog)
        self.exit(1, f"vigie: {line}\n")


def use_french() -> None:
    """Make argparse speak French in this process (the `vigie` command's own)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
