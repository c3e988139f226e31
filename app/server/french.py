"""What `vigie-server` prints, in French typography, and argparse's own words in French.

The `vigie` command's French comes from its catalogue, whose texts `tools/i18n.py update` typesets
(tools/i18n_typography.py). The server reads no catalogue (Qt's) and imports no build tool, so its
templates are typeset here, as they are printed, by the same rules: a no-break space (U+00A0) before
« : », « ; », « ? », « ! » where they punctuate prose, and inside « ». A template is typeset before its
values are put in: a name, a path or a database's reason is printed as it was given.

A colon that does not punctuate prose is left alone: an address (http://h:p, postgresql://…), a time
(01:45), placeholders ({host}:{port}), and the program's name before its message (`vigie-server: …`, as
a terminal shows `vigie: …`).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

NBSP = "\u00a0"

# A sign that punctuates prose: followed by a space, a closing sign or the end of the text.
_PROSE_SIGN = r"[:;?!](?=[\s)\]»]|$)"
# What may stand right before a prose sign without a space: the program's name opening its message.
_PROGRAM = re.compile(r"(?:^|\n)vigie-server(?=:)")
_SPACES_BEFORE_SIGN = re.compile(r"[ \u00a0\u202f]+(?=" + _PROSE_SIGN + ")")
_GLUED_SIGN = re.compile(r"(?<=[^\s\u00a0\u202f])(?=" + _PROSE_SIGN + ")")
_OPENING = re.compile("«[ \u00a0\u202f]*")
_CLOSING = re.compile("[ \u00a0\u202f]*»")


def typeset(text: str) -> str:
    """*text* with no-break spaces where French wants them (applied twice, it changes nothing more)."""
    text = _SPACES_BEFORE_SIGN.sub(NBSP, text)
    programs = {match.end() for match in _PROGRAM.finditer(text)}
    text = _GLUED_SIGN.sub(lambda match: "" if match.start() in programs else NBSP, text)
    text = _OPENING.sub("«" + NBSP, text)
    return _CLOSING.sub(NBSP + "»", text)


def line(template: str, **params: Any) -> str:
    """*template* typeset, then its {placeholders} filled with *params* as they are."""
    typeset_template = typeset(template)
    return typeset_template.format(**params) if params else typeset_template


def say(template: str, stream: TextIO | None = None, **params: Any) -> None:
    """Print *template* (line()) on *stream*, standard output by default, at once: the listening line is
    read by whoever started the server while it serves on."""
    print(line(template, **params), file=stream or sys.stdout, flush=True)


# argparse's own words, as the `vigie` command has them from its catalogue (context "argparse"); the server
# cannot read that catalogue, so it says them here. argparse writes ":" right after a section's title: the
# no-break space before it ends the title.
ARGPARSE = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments positionnels" + NBSP,
    "options": "options" + NBSP,
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version du programme et quitter",
    "the following arguments are required: %s": "les arguments suivants sont obligatoires : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "un argument attendu",
    "expected at least one argument": "au moins un argument attendu",
    "expected at most one argument": "au plus un argument attendu",
    "invalid %(type)s value: %(value)r": "valeur %(type)s invalide : %(value)r",
    "not allowed with argument %s": "non autorisé avec l'argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut correspondre à "
                                                            "%(matches)s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "expected %s argument": "%s argument attendu",
    "expected %s arguments": "%s arguments attendus",
}


def _gettext(message: str) -> str:
    return typeset(ARGPARSE[message]) if message in ARGPARSE else message


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


@contextmanager
def speaking() -> Iterator[None]:
    """argparse in French while a command runs: it looks its words up through its module's gettext functions,
    given back afterwards (the tests run other commands in the same process)."""
    english = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, its texts typeset before they are wrapped (a no-break space is never a line's end, so
    « : » never begins a line), and wrapped at spaces only: textwrap also breaks after a hyphen, which cut
    "vigie-server.sqlite" and option names such as --tls-cert across two lines."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(self._typeset(text), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(self._typeset(text), width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False)

    def _typeset(self, text: str) -> str:
        return typeset(self._whitespace_matcher.sub(" ", text).strip())
