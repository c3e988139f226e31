"""Shared helpers of the writings tests: a PV with everything a PV holds, and its PDF's text."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from pypdf import PdfReader

from app.models.writings import PersonRole, WritingKind
from app.writings.types import PersonData, WritingData

FACTS = ("Étant en patrouille pédestre rue de l'Église, nous constatons qu'un véhicule Renault Clio gris "
         "stationne sur le passage protégé réservé aux piétons, devant l'école élémentaire.\n\n"
         "Le conducteur, revenu à son véhicule, déclare s'être arrêté « pour une minute ».")
ASSESSMENTS = "Le conducteur nous a paru énervé et pressé."


def pv_data(**changes) -> WritingData:
    fields: dict[str, Any] = dict(
        subject="Stationnement très gênant devant l'école",
        occurred_at=datetime(2026, 11, 22, 7, 45, tzinfo=UTC),
        place="12 rue de l'Église, Montclair-sur-Vienne",
        facts=FACTS,
        assessments=ASSESSMENTS,
        offence_nature="Stationnement dangereux sur un passage piéton",
        vehicle_plate="ab-123-cd",
        natinf_codes=("201",),
        people=(
            PersonData(PersonRole.SUSPECT, "Dupré", "Jérôme", date(1980, 5, 3), "Poitiers",
                       "3 allée des Tilleuls, 86100 Châtellerault", "CNI n° 180586123456 délivrée le 02/03/2019",
                       "Électricien"),
            PersonData(PersonRole.WITNESS, "Lefèvre", "Anaïs", address="Montclair-sur-Vienne"),
        ),
        legal_bases=("article 21 2° du code de procédure pénale", "article 21-2 du code de procédure pénale",
                     "article 78-6 du code de procédure pénale"),
    )
    fields.update(changes)
    return WritingData(**fields)


def draft_pv(gate, actor=None, **changes):
    return gate.services.writings.create_draft(actor or gate.admin, WritingKind.PV_CONSTATATION, pv_data(**changes))


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def text_of(path) -> str:
    with open(path, "rb") as handle:
        return "\n".join(pdf_pages(handle.read()))


def flat(text: str) -> str:
    """Text with its line breaks and repeated spaces folded, to find a sentence a line cut."""
    return " ".join(text.split())
