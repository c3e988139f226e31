"""An erased record in the journal's words: one French sentence per kind, agreeing with its noun."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.audit.erasure_wording import ERASED_SENTENCES
from app.audit.query import RecordName
from app.audit.wording import record_text
from app.bootstrap import record_kinds
from app.qt import QTranslator
from app.writings.kinds import DOCUMENT_NOUNS
from tools import i18n

ERASED_AT = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def translate():
    """The shipped catalogue's French, as the journal's functions take it (no application needed)."""
    translator = QTranslator()
    assert translator.load(str(i18n.QM))
    return lambda context, text: translator.translate(context, text) or text


def erased(translate, kind: str, noun: str, number: str = "", motive: str = "") -> str:
    return record_text(kind, "01a230a2-ee0d-7000-8000-000000000000", RecordName(noun, number, ERASED_AT, motive),
                       {}, translate)


def test_every_noun_the_journal_names_has_its_own_erasure_sentences(translate):
    nouns = {kind.noun for kind in record_kinds() if kind.noun} | set(DOCUMENT_NOUNS.values())
    assert nouns - ERASED_SENTENCES.keys() == set()
    for noun, sentences in ERASED_SENTENCES.items():
        shown = translate("kinds", noun)
        for sentence in sentences:  # each begins with the noun as the rest of the journal says it
            assert translate("journal", sentence).startswith(shown), (noun, sentence)


@pytest.mark.parametrize(("kind", "noun", "number", "motive", "expected"), [
    ("logbook_entry", "Main courante", "2026/00042", "Saisie en double",
     "Main courante 2026/00042, effacée le 30/11/2026 (Saisie en double)"),
    ("logbook_entry", "Main courante", "", "", "Main courante, effacée le 30/11/2026"),
    ("writing", "PV", "2026/00007", "classement", "PV 2026/00007, effacé le 30/11/2026 (classement)"),
    ("writing", "Information report", "2026/00008", "", "Rapport d'information 2026/00008, effacé le 30/11/2026"),
    ("right_grant", "Access rights", "", "", "Droits d'accès, effacés le 30/11/2026"),
    ("legal_hold", "Legal hold", "", "fin", "Conservation judiciaire, effacée le 30/11/2026 (fin)"),
])
def test_the_participle_agrees_with_the_records_noun(translate, kind, noun, number, motive, expected):
    assert erased(translate, kind, noun, number, motive) == expected


def test_a_kind_without_a_noun_is_said_in_words_that_agree_with_nothing(translate):
    assert erased(translate, "logbook_person", "") == "logbook_person, effacement du 30/11/2026"
    assert erased(translate, "logbook_person", "", motive="doublon") == (
        "logbook_person, effacement du 30/11/2026 (doublon)")
