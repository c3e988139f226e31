"""The command line's French, as `vigie … --help` prints it: the same typography as the windows'
(tools/i18n_typography.py), the PC called « poste », argparse's own words included."""

from __future__ import annotations

import argparse
import re

import pytest

from app.cli import build_parser
from app.cli.french import use_french
from app.i18n import install_translator
from app.qt import QCoreApplication
from tools.i18n_typography import faults


@pytest.fixture
def french_argparse():
    """argparse in French for this test only (use_french is the `vigie` process's own, for its whole life)."""
    saved = argparse._, argparse.ngettext
    use_french()
    application = QCoreApplication.instance()
    if application is not None:  # an earlier test's: translate() then goes through it, as in the GUI
        install_translator(application)
    yield
    argparse._, argparse.ngettext = saved


def every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += every_parser(sub)
    return found


def test_every_help_of_the_command_line_is_in_french_typography(french_argparse):
    parsers = every_parser(build_parser())
    assert len(parsers) > 15
    wrong = []
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("utilisation\u00a0: vigie")
        assert "options\u00a0:\n" in text
        # Help is wrapped at spaces: a sentence cut across lines is put back together before it is read.
        prose = re.sub(r"\n +", " ", text)
        wrong += [f"{parser.prog}: {fault}" for fault in faults(prose)]
        assert not re.search(r"\bstation\b(?!\])", prose.replace("--station", "")), parser.prog
        # argparse's own English, where it does not ask its translation function (options such as --show aside).
        assert not re.search(r"(?<!-)\b(show|exit|number)\b", prose), parser.prog
    assert wrong == []
