"""The French of the catalogue in French typography: no-break spaces before : ; ? ! and inside « »,
one apostrophe (the straight one, as most of the catalogue had it), quotations between « »."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tools import i18n
from tools.i18n_typography import faults, typeset


def french_texts() -> list[tuple[str, str, str]]:
    """(context, source, French) of every message of vigie_fr.ts, each plural form on its own."""
    texts = []
    for context in ET.parse(i18n.TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
            texts += [(name, message.findtext("source") or "", form) for form in forms]
    return texts


def test_every_french_text_of_the_catalogue_is_in_french_typography():
    texts = french_texts()
    assert len(texts) > 1000
    wrong = [f"[{context}] {french!r}: {', '.join(found)}" for context, _source, french in texts
             if (found := faults(french))]
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("text", [
    "Poste : Police municipale",  # a breaking space before a colon
    "Poste: Police municipale",  # no space
    "Poste\u202f: Police municipale",  # the narrow no-break space, where the catalogue uses U+00A0
    "Rien à échanger ; fin",
    "Quitter sans créer le poste ?",
    "Attention !",
    "Le champ «\u00a0Objet » est obligatoire.",
    "Le champ «Objet\u00a0» est obligatoire.",
    "Ce module n\u2019est pas disponible.",
    'Créez-en un avec "vigie init".',
    "Poste \u00a0: deux espaces",
])
def test_a_breaking_or_missing_space_a_curly_apostrophe_or_an_english_quote_is_a_fault(text):
    assert faults(text)
    assert not faults(typeset(text)) or '"' in text  # what update sets right: all but the quotation marks


@pytest.mark.parametrize("text", [
    "{field}\u00a0: donnez aussi l'heure, après la date\u00a0: {day} 07:55 (ou 0755).",  # a time
    "jj/mm/aaaa hh:mm",
    "L'adresse du serveur doit commencer par http:// ou https://.",
    "impossible d'écouter sur {host}:{port}",  # placeholders
    "vigie: la démonstration a été interrompue\u00a0; son poste de démonstration est effacé.",  # a program's name
    "%(prog)s: erreur\u00a0: %(message)s\n",
    "Mots (stationnement…)",
    "Créez-en un avec «\u00a0vigie init\u00a0».",
])
def test_what_is_not_prose_punctuation_is_left_as_it_is(text):
    assert faults(text) == []
    assert typeset(text) == text


def test_the_station_pc_is_called_poste_everywhere():
    """One word for the PC (« poste », « poste de travail »); `--station` stays an option's name."""
    said = [(context, french) for context, _source, french in french_texts()
            if re.search(r"\bstations?\b", re.sub(r"--station\b|\{station\}", "", french), re.IGNORECASE)]
    assert said == []
