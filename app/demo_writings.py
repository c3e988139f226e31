"""The demo station's PV and rapports: signed documents, an addendum, transmissions, court outcomes, a draft.

Written through WritingsService as the demo's officers, who sign with
their (printed) demo passwords. The people are fictional, like the commune.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.audit.actor import Actor
from app.models.writings import OutcomeKind, PersonRole, RecipientKind, WritingKind
from app.writings.types import OutcomeData, PersonData, TransmissionData, WritingData

OPJ = "Capitaine Roux, brigade de gendarmerie de Montclair-sur-Vienne"
PROCUREUR = "Procureur de la République près le tribunal judiciaire de Poitiers"
MAYOR = "Mme Hélène Fontaine, maire de Montclair-sur-Vienne"
APJA_BASES = ("article 21 2° du code de procédure pénale", "article 21-2 du code de procédure pénale")


@dataclass
class _Demo:
    """What the demo's documents are written with: two officers, their passwords, the first day."""

    services: Any
    officers: dict
    petit: Actor
    diallo: Actor
    now: datetime
    day: datetime
    numbers: list[str] = field(default_factory=list)

    @property
    def writings(self):
        return self.services.writings

    def sign(self, actor: Actor, login: str, document):
        return self.writings.sign(actor, document.id, self.officers[login].password)

    def send(self, actor: Actor, document, kind, name, at, means, motive) -> None:
        self.writings.record_transmission(actor, document.id, TransmissionData(kind, name, at, means), motive=motive)


def fill_writings(services, admin, accounts) -> list[str]:
    """Write the demo's documents; *accounts* are the demo accounts (logins and passwords). Returns their numbers."""
    officers = {a.login: a for a in accounts}
    now = services.station.clock.now()
    demo = _Demo(
        services=services, officers=officers,
        petit=services.accounts.authenticate("lpetit", officers["lpetit"].password),
        diallo=services.accounts.authenticate("kdiallo", officers["kdiallo"].password),
        now=now, day=now.replace(hour=7, minute=50, second=0, microsecond=0) - timedelta(days=6),
    )
    for write in (_parking_pv, _noise_pv, _dog_rapport, _dumped_pv, _reports):
        write(demo)
    for actor in (demo.petit, demo.diallo):
        services.accounts.logout(actor)
    return demo.numbers


def _parking_pv(d: _Demo) -> None:
    """A PV for dangerous parking in front of the school, sent to the OPJ, then corrected by an addendum."""
    parking = d.sign(d.petit, "lpetit", d.writings.create_draft(d.petit, WritingKind.PV_CONSTATATION, WritingData(
        subject="Stationnement dangereux devant l’école élémentaire",
        occurred_at=d.day, place="Rue des Écoles, devant l’école élémentaire Jules-Ferry",
        facts=("Étant en patrouille pédestre aux abords de l’école élémentaire Jules-Ferry, à l’heure de l’entrée "
               "des classes, nous constatons qu’un véhicule de marque Peugeot, modèle 308, de couleur grise, "
               "est arrêté sur le passage protégé situé face au portail de l’école.\n\n"
               "Les enfants et leurs accompagnants sont contraints de contourner le véhicule par la chaussée.\n\n"
               "Le conducteur, revenu à son véhicule trois minutes plus tard, nous présente son permis de conduire "
               "et déclare s’être arrêté « pour déposer son fils ». Nous l’informons de l’infraction relevée."),
        assessments="Le conducteur s’est montré courtois mais semblait ignorer le danger créé pour les enfants.",
        offence_nature="Arrêt dangereux de véhicule sur un passage protégé", vehicle_plate="GH-482-TK",
        natinf_codes=("201",),
        people=(PersonData(PersonRole.SUSPECT, "Garnier", "Olivier", date(1984, 9, 14), "Châtellerault (86)",
                           "8 rue des Acacias, 86999 Montclair-sur-Vienne",
                           "Permis de conduire n° 840986200417 délivré le 12/06/2003 par la préfecture de la Vienne",
                           "Comptable"),),
        assisting_agents="Gardien-brigadier Karim Diallo (86-86999-004)",
    )))
    d.send(d.petit, parking, RecipientKind.OPJ, OPJ, d.day + timedelta(hours=2), "courriel", "Compte rendu à l’OPJ")
    d.send(d.petit, parking, RecipientKind.MAIRE, MAYOR, d.day + timedelta(days=1), "remise en main propre",
         "Information du maire")
    d.writings.add_addendum(d.petit, parking.id, "Au troisième paragraphe, lire « trois minutes » au lieu de "
                                             "« deux minutes » : l’heure relevée est 07 h 53.",
                          d.officers["lpetit"].password)
    d.numbers.append(parking.number)


def _noise_pv(d: _Demo) -> None:
    """A PV for neighbourhood noise, written from a main courante entry when there is one; convicted."""
    entry_id = _a_noise_entry(d.services)
    noise_data = None if entry_id else WritingData(subject="Musique forte en soirée", place="4 rue des Lavandières")
    noise = d.writings.create_draft(d.diallo, WritingKind.PV_CONSTATATION, noise_data, from_entry=entry_id)
    noise_facts = WritingData(
        subject=noise.subject or "Musique forte en soirée", occurred_at=d.day + timedelta(days=1, hours=14, minutes=25),
        place=noise.place or "4 rue des Lavandières",
        facts=("Requis par un appel téléphonique d’un riverain, nous nous transportons sur les lieux. Depuis la "
               "voie publique, nous percevons distinctement une musique amplifiée provenant du logement situé au "
               "premier étage.\n\nL’occupante, que nous invitons à baisser le volume, s’exécute. Nous constatons "
               "que le bruit cesse à 22 h 40."),
        assessments="L’occupante paraissait ne pas mesurer la gêne occasionnée pour le voisinage.",
        natinf_codes=("13313",),
        people=(PersonData(PersonRole.SUSPECT, "Morel", "Céline", date(1991, 2, 2), "Poitiers (86)",
                           "4 rue des Lavandières, 86999 Montclair-sur-Vienne", "CNI n° 910286123999", "Infirmière"),
                PersonData(PersonRole.REQUESTER, "Bonnet", "André", address="6 rue des Lavandières")),
        legal_bases=APJA_BASES,
    )
    noise = d.sign(d.diallo, "kdiallo", d.writings.update_draft(d.diallo, noise.id, noise_facts))
    d.send(d.diallo, noise, RecipientKind.OPJ, OPJ, noise.signed_at, "courriel", "Compte rendu à l’OPJ")
    d.send(d.diallo, noise, RecipientKind.PROCUREUR, PROCUREUR, noise.signed_at + timedelta(days=1),
         "transmis par l’OPJ", "Transmission au procureur")
    d.writings.record_outcome(d.diallo, noise.id, OutcomeData(
        OutcomeKind.CONVICTION, (d.now - timedelta(days=1)).date(), "Tribunal de police de Poitiers",
        "Amende de 68 euros"))
    d.numbers.append(noise.number)


def _dog_rapport(d: _Demo) -> None:
    """A rapport d'intervention: a dangerous dog wandering, its owner handed over to the OPJ."""
    dog = d.sign(d.petit, "lpetit", d.writings.create_draft(d.petit, WritingKind.RAPPORT_INTERVENTION, WritingData(
        subject="Divagation d’un chien de catégorie 2", occurred_at=d.day + timedelta(days=2, hours=8),
        place="Square Jean-Moulin",
        facts=("Avisés par la mairie de la présence d’un chien sans laisse ni muselière dans le square "
               "Jean-Moulin, nous nous rendons sur place et constatons la présence d’un chien de type rottweiler "
               "divaguant parmi les promeneurs.\n\nLe propriétaire, présent à proximité, ne peut présenter le "
               "permis de détention. Nous rendons compte à l’OPJ, qui nous demande de lui présenter l’intéressé."),
        assessments="Le chien ne nous a pas paru agressif.", natinf_codes=("225", "22153"),
        people=(PersonData(PersonRole.SUSPECT, "Lambert", "Kévin", date(1996, 7, 21), "Niort (79)",
                           "17 route de Poitiers, 86999 Montclair-sur-Vienne", "CNI n° 960779004512",
                           "Magasinier"),
                PersonData(PersonRole.WITNESS, "Perrin", "Josiane", address="Square Jean-Moulin")),
        legal_bases=(*APJA_BASES, "article 73 du code de procédure pénale"),
        handed_over_at=d.day + timedelta(days=2, hours=9, minutes=10), handed_over_to=OPJ,
    )))
    d.send(d.petit, dog, RecipientKind.OPJ, OPJ, dog.handed_over_at, "remise en main propre", "Présentation à l’OPJ")
    d.numbers.append(dog.number)


def _dumped_pv(d: _Demo) -> None:
    """A PV for a dumped load: the procureur dismissed it, so its personal data are erased."""
    dumped = d.sign(d.diallo, "kdiallo", d.writings.create_draft(d.diallo, WritingKind.PV_CONSTATATION, WritingData(
        subject="Dépôt d’encombrants", occurred_at=d.day + timedelta(days=3, hours=3), place="Chemin des Vignes",
        facts=("Nous constatons la présence d’un dépôt de gravats et d’un réfrigérateur sur l’accotement du "
               "chemin des Vignes. Un courrier au nom de l’intéressé figure parmi les déchets."),
        natinf_codes=("98",), vehicle_plate="",
        people=(PersonData(PersonRole.SUSPECT, "Roussel", "Patrick", address="Lieu-dit Les Ormes"),),
    )))
    d.send(d.diallo, dumped, RecipientKind.OPJ, OPJ, dumped.signed_at, "courriel", "Compte rendu à l’OPJ")
    d.writings.record_outcome(d.diallo, dumped.id, OutcomeData(
        OutcomeKind.DISMISSAL, (d.now - timedelta(days=1)).date(), "Parquet de Poitiers", "Auteur non identifié"))
    d.numbers.append(dumped.number)


def _reports(d: _Demo) -> None:
    """A rapport d'information to the mayor, and a rapport de mission still in draft."""
    info = d.sign(d.petit, "lpetit", d.writings.create_draft(d.petit, WritingKind.RAPPORT_INFORMATION, WritingData(
        subject="Éclairage public défaillant", occurred_at=d.day + timedelta(days=4, hours=12),
        place="Allée des Peupliers",
        facts=("Lors de notre patrouille de nuit, nous constatons que quatre candélabres de l’allée des Peupliers "
               "sont éteints, laissant la voie dans l’obscurité sur environ cent mètres."),
    )))
    d.send(d.petit, info, RecipientKind.MAIRE, MAYOR, info.signed_at, "courriel", "Information du maire")
    d.numbers.append(info.number)
    mission = d.writings.create_draft(d.diallo, WritingKind.RAPPORT_MISSION, WritingData(
        subject="Sécurisation du marché de Noël", occurred_at=d.now - timedelta(hours=5), place="Place du Marché",
        facts="Mission de surveillance du marché de Noël de 16 h à 20 h (rapport en cours de rédaction)."))
    d.numbers.append(mission.number)


def _a_noise_entry(services) -> str | None:
    """A noise entry of the demo's main courante, to write a PV from (the logbook filled it just before)."""
    from app.models.logbook import LogbookEntry

    with services.station.read() as uow:
        return uow.session.scalar(select(LogbookEntry.id).where(LogbookEntry.nature_code == "tapage")
                                  .order_by(LogbookEntry.requested_at.desc()).limit(1))

