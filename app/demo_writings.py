"""The demo station's PV and rapports, written as the service writes them, each step at its own time.

Each case is a list of steps (when, who, what): drafting, signing, sending, the court's answer. The
steps of every case are run in the order of their times, on the demo's clock, each in a session
of its own (login, the step, logout), so that the documents, their transmissions and outcomes and
the access journal all tell one story that an OPJ can read: facts before the signature, the
signature before the sending, the sending before the court's decision, nothing in the future.
The people are fictional, like the commune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.audit.actor import Actor
from app.models.writings import OutcomeKind, PersonRole, RecipientKind, WritingKind
from app.writings.types import OutcomeData, PersonData, TransmissionData, WritingData

OPJ = "Capitaine Roux, brigade de gendarmerie de Montclair-sur-Vienne"
PROCUREUR = "Procureur de la République près le tribunal judiciaire de Poitiers"
MAYOR = "Mme Hélène Fontaine, maire de Montclair-sur-Vienne"
APJA_BASES = ("article 21 2° du code de procédure pénale", "article 21-2 du code de procédure pénale")

Action = Callable[[Actor], None]


@dataclass(order=True)
class Step:
    at: datetime
    order: int
    login: str = field(compare=False)
    action: Action = field(compare=False)


@dataclass
class _Demo:
    """What the demo's documents are written with: the services, the officers' passwords, the clock."""

    services: Any
    officers: dict
    clock: Any
    today: date
    steps: list[Step] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)

    @property
    def writings(self):
        return self.services.writings

    def at(self, days_ago: int, hour: int, minute: int = 0) -> datetime:
        """A local time *days_ago* days before today."""
        return datetime.combine(self.today - timedelta(days=days_ago), time(hour, minute)).astimezone()

    def step(self, at: datetime, login: str, action: Action) -> None:
        self.steps.append(Step(at, len(self.steps), login, action))

    def password(self, login: str) -> str:
        return self.officers[login].password

    def send(self, document: dict, login: str, at: datetime, kind, name: str, means: str, motive: str,
             sent_at: datetime | None = None) -> None:
        def action(actor: Actor) -> None:
            self.writings.record_transmission(actor, document["id"], TransmissionData(kind, name, sent_at or at, means),
                                              motive=motive)
        self.step(at, login, action)


def fill_writings(services, admin, accounts, clock=None) -> list[str]:
    """Write the demo's documents on *clock* (app.demo.DemoClock), in the order of their times.

    *accounts* are the demo accounts (logins and passwords). Without a clock the steps run in the
    same order at the station's present time, their documents' own dates unchanged. Returns the
    documents' numbers.
    """
    # The demo's clock stands in its past while it writes: the present is the system's.
    now = datetime.now(UTC) if clock is not None else services.station.clock.now()
    demo = _Demo(services=services, officers={a.login: a for a in accounts}, clock=clock,
                 today=now.astimezone().date())
    for case in (_dumped_pv, _noise_pv, _parking_pv, _dog_rapport, _lighting_rapport, _mission_rapport):
        case(demo)
    steps = sorted(demo.steps)
    if steps and steps[-1].at >= now:
        raise ValueError(f"a demo step is in the future: {steps[-1].at}")
    for session in _sessions(steps):
        _run(demo, session)
    return demo.numbers


SESSION = timedelta(hours=4)  # an officer's steps this close together are one session


def _sessions(steps: list[Step]) -> list[list[Step]]:
    """The steps grouped as an officer works: one session for the steps of one sitting."""
    sessions: list[list[Step]] = []
    for step in steps:
        last = sessions[-1][-1] if sessions else None
        if last is not None and last.login == step.login and step.at - last.at <= SESSION:
            sessions[-1].append(step)
        else:
            sessions.append([step])
    return sessions


def _run(demo: _Demo, session: list[Step]) -> None:
    """One sitting: the officer logs in a minute before its first step and out a minute after its last."""
    accounts, clock = demo.services.accounts, demo.clock

    def stand_at(at: datetime) -> None:
        if clock is not None:  # two sittings a minute apart: the second waits for the first
            standing = clock.standing
            clock.set(at if standing is None else max(at, standing))

    login = session[0].login
    stand_at(session[0].at - timedelta(minutes=1))
    actor = accounts.authenticate(login, demo.password(login))
    for step in session:
        stand_at(step.at)
        step.action(actor)
    stand_at(session[-1].at + timedelta(minutes=1))
    accounts.logout(actor)


def _school_day(demo: _Demo, at_least: int) -> int:
    """How many days ago the latest school day (Monday, Tuesday, Thursday, Friday) at least *at_least* ago was."""
    days = at_least
    while (demo.today - timedelta(days=days)).weekday() not in (0, 1, 3, 4):
        days += 1
    return days


def _dumped_pv(d: _Demo) -> None:
    """Six weeks ago, a dumped load with a letter bearing a name; the procureur dismissed it: erased."""
    doc: dict = {}
    day = 45

    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.PV_CONSTATATION, WritingData(
            subject="Dépôt d’encombrants sur l’accotement", occurred_at=d.at(day, 6, 40), place="Chemin des Vignes",
            facts=("Étant en patrouille motorisée, nous constatons la présence d’un dépôt d’encombrants — gravats "
                   "et un réfrigérateur — sur l’accotement du chemin des Vignes, où des traces de roues récentes "
                   "montrent qu’ils y ont été apportés par un véhicule. Un courrier au nom de l’intéressé figure "
                   "parmi les déchets."),
            natinf_codes=("98",), vehicle_plate="",
            people=(PersonData(PersonRole.SUSPECT, "Roussel", "Patrick", address="Lieu-dit Les Ormes"),),
        ))
        doc["id"] = made.id
        d.numbers.append(made.number)

    d.step(d.at(day, 9, 10), "kdiallo", draft)
    d.step(d.at(day, 10, 5), "kdiallo", lambda actor: d.writings.sign(actor, doc["id"], d.password("kdiallo")))
    d.send(doc, "kdiallo", d.at(day, 10, 30), RecipientKind.OPJ, OPJ, "courriel", "Compte rendu à l’OPJ")
    d.step(d.at(9, 14, 0), "kdiallo", lambda actor: d.writings.record_outcome(actor, doc["id"], OutcomeData(
        OutcomeKind.DISMISSAL, d.today - timedelta(days=12), "Parquet de Poitiers",
        "Classement sans suite : dépôt enlevé par l’intéressé")))


def _noise_pv(d: _Demo) -> None:
    """Seven weeks ago, loud music at night: the call in the main courante, the PV from it, an ordonnance pénale."""
    from app.logbook.types import EntryData

    doc: dict = {}
    day = 50

    def call(actor: Actor) -> None:
        saved = d.services.logbook.create(actor, EntryData(
            requested_at=d.at(day, 22, 15), channel="phone", nature_code="tapage", subject="Musique forte en soirée",
            address="4 rue des Lavandières", started_at=d.at(day, 22, 25), ended_at=d.at(day, 22, 40),
            agent_ids=(actor.user_id,),
            facts="Appel d’un riverain : musique amplifiée au premier étage du 4 rue des Lavandières.",
            action_taken="Occupante invitée à baisser le volume ; le bruit cesse à 22 h 40. PV dressé.",
            outcome="Bruit cessé."))
        doc["entry"] = saved.entry.id

    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.PV_CONSTATATION, None, from_entry=doc["entry"])
        made = d.writings.update_draft(actor, made.id, WritingData(
            subject=made.subject, occurred_at=d.at(day, 22, 25), place=made.place,
            facts=("Requis à 22 h 15 par l’appel téléphonique d’un riverain, nous nous transportons sur les lieux. "
                   "Depuis la voie publique, nous percevons distinctement une musique amplifiée provenant du "
                   "logement situé au premier étage.\n\nL’occupante, que nous invitons à baisser le volume, "
                   "s’exécute. Nous constatons que le bruit cesse à 22 h 40."),
            assessments="L’occupante paraissait ne pas mesurer la gêne occasionnée pour le voisinage.",
            natinf_codes=("13313",),
            people=(PersonData(PersonRole.SUSPECT, "Morel", "Céline", date(1991, 2, 2), "Poitiers (86)",
                               "4 rue des Lavandières, 86999 Montclair-sur-Vienne", "CNI n° 910286123999",
                               "Infirmière"),
                    PersonData(PersonRole.REQUESTER, "Bonnet", "André", address="6 rue des Lavandières")),
            legal_bases=APJA_BASES,
        ))
        doc["id"] = made.id
        d.numbers.append(made.number)

    d.step(d.at(day, 22, 18), "kdiallo", call)
    d.step(d.at(day, 23, 5), "kdiallo", draft)
    d.step(d.at(day, 23, 40), "kdiallo", lambda actor: d.writings.sign(actor, doc["id"], d.password("kdiallo")))
    d.step(d.at(day - 1, 8, 0), "kdiallo", lambda actor: d.services.logbook.close(actor, doc["entry"]))
    d.send(doc, "kdiallo", d.at(day - 1, 8, 30), RecipientKind.OPJ, OPJ, "courriel", "Compte rendu à l’OPJ")
    d.send(doc, "kdiallo", d.at(day - 3, 10, 0), RecipientKind.PROCUREUR, PROCUREUR, "transmis par l’OPJ",
           "Transmission au procureur")
    d.step(d.at(6, 14, 0), "kdiallo", lambda actor: d.writings.record_outcome(actor, doc["id"], OutcomeData(
        OutcomeKind.CONVICTION, d.today - timedelta(days=9), "Tribunal de police de Poitiers (ordonnance pénale)",
        "Amende de 68 euros")))


def _parking_pv(d: _Demo) -> None:
    """This week, at the school's entrance: a car on the crossing; sent to the OPJ and the mayor, then corrected."""
    doc: dict = {}
    day = _school_day(d, 5)

    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.PV_CONSTATATION, WritingData(
            subject="Stationnement dangereux devant l’école élémentaire",
            occurred_at=d.at(day, 8, 20), place="Rue des Écoles, devant l’école élémentaire Jules-Ferry",
            facts=("Étant en patrouille pédestre aux abords de l’école élémentaire Jules-Ferry, à l’heure de "
                   "l’entrée des classes, nous constatons qu’un véhicule de marque Peugeot, modèle 308, de couleur "
                   "grise, est arrêté sur le passage protégé situé face au portail de l’école.\n\n"
                   "Les enfants et leurs accompagnants sont contraints de contourner le véhicule par la chaussée.\n\n"
                   "Le conducteur, revenu à son véhicule deux minutes plus tard, nous présente son permis de "
                   "conduire et déclare s’être arrêté « pour déposer son fils ». Nous l’informons de l’infraction "
                   "relevée."),
            assessments="Le conducteur s’est montré courtois mais semblait ignorer le danger créé pour les enfants.",
            offence_nature="Arrêt dangereux de véhicule sur un passage protégé", vehicle_plate="GH-482-TK",
            natinf_codes=("201",),
            people=(PersonData(PersonRole.SUSPECT, "Garnier", "Olivier", date(1984, 9, 14), "Châtellerault (86)",
                               "8 rue des Acacias, 86999 Montclair-sur-Vienne",
                               "Permis de conduire n° 840986200417 délivré le 12/06/2003 par la préfecture de la "
                               "Vienne", "Comptable"),),
            assisting_agents="Gardien-brigadier Karim Diallo (86-86999-004)",
        ))
        doc["id"] = made.id
        d.numbers.append(made.number)

    d.step(d.at(day, 9, 40), "lpetit", draft)
    d.step(d.at(day, 10, 15), "lpetit", lambda actor: d.writings.sign(actor, doc["id"], d.password("lpetit")))
    d.send(doc, "lpetit", d.at(day, 10, 40), RecipientKind.OPJ, OPJ, "courriel", "Compte rendu à l’OPJ")
    d.send(doc, "lpetit", d.at(day - 1, 9, 0), RecipientKind.MAIRE, MAYOR, "remise en main propre",
           "Information du maire")
    d.step(d.at(day - 1, 11, 0), "lpetit", lambda actor: d.writings.add_addendum(
        actor, doc["id"], "Au troisième paragraphe, lire « trois minutes » au lieu de « deux minutes » : le "
                          "conducteur est revenu à 08 h 23.", d.password("lpetit")))


def _dog_rapport(d: _Demo) -> None:
    """Four days ago, in the afternoon: a dangerous dog off the leash, its owner presented to the OPJ."""
    doc: dict = {}
    day = 4

    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.RAPPORT_INTERVENTION, WritingData(
            subject="Divagation d’un chien de catégorie 2", occurred_at=d.at(day, 15, 10), place="Square Jean-Moulin",
            facts=("Avisés par la mairie de la présence d’un chien sans laisse ni muselière dans le square "
                   "Jean-Moulin, nous nous rendons sur place et constatons la présence d’un chien de type rottweiler "
                   "divaguant parmi les promeneurs.\n\nLe propriétaire, présent à proximité, ne peut présenter le "
                   "permis de détention. Nous rendons compte à l’OPJ, qui nous demande de lui présenter l’intéressé."),
            assessments="Le chien ne nous a pas paru agressif.", natinf_codes=("225", "22153"),
            people=(PersonData(PersonRole.SUSPECT, "Lambert", "Kévin", date(1996, 7, 21), "Niort (79)",
                               "17 route de Poitiers, 86999 Montclair-sur-Vienne", "CNI n° 960779004512",
                               "Magasinier"),
                    PersonData(PersonRole.WITNESS, "Perrin", "Josiane",
                               address="3 square Jean-Moulin, 86999 Montclair-sur-Vienne")),
            legal_bases=(*APJA_BASES, "article 73 du code de procédure pénale"),
            handed_over_at=d.at(day, 16, 5), handed_over_to=OPJ,
        ))
        doc["id"] = made.id
        d.numbers.append(made.number)

    d.step(d.at(day, 16, 40), "lpetit", draft)
    d.step(d.at(day, 17, 20), "lpetit", lambda actor: d.writings.sign(actor, doc["id"], d.password("lpetit")))
    d.send(doc, "lpetit", d.at(day, 17, 35), RecipientKind.OPJ, OPJ, "remise en main propre", "Rapport à l’OPJ")


def _lighting_rapport(d: _Demo) -> None:
    """Three nights ago, on the night patrol: street lights out; the mayor told the next morning."""
    doc: dict = {}

    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.RAPPORT_INFORMATION, WritingData(
            subject="Éclairage public défaillant", occurred_at=d.at(3, 23, 30), place="Allée des Peupliers",
            facts=("Lors de notre patrouille de nuit, nous constatons que l’éclairage public de l’allée des Peupliers "
                   "est défaillant : quatre candélabres sont éteints, laissant la voie dans l’obscurité sur environ "
                   "cent mètres."),
        ))
        doc["id"] = made.id
        d.numbers.append(made.number)

    d.step(d.at(2, 0, 15), "lpetit", draft)
    d.step(d.at(2, 0, 40), "lpetit", lambda actor: d.writings.sign(actor, doc["id"], d.password("lpetit")))
    d.send(doc, "lpetit", d.at(2, 8, 30), RecipientKind.MAIRE, MAYOR, "courriel", "Information du maire")


def _mission_rapport(d: _Demo) -> None:
    """Yesterday from 16 h to 20 h, the Christmas market; its rapport de mission is still a draft."""
    def draft(actor: Actor) -> None:
        made = d.writings.create_draft(actor, WritingKind.RAPPORT_MISSION, WritingData(
            subject="Sécurisation du marché de Noël", occurred_at=d.at(1, 16, 0), place="Place du Marché",
            facts="Mission de surveillance du marché de Noël de 16 h à 20 h (rapport en cours de rédaction)."))
        d.numbers.append(made.number)

    d.step(d.at(1, 20, 45), "kdiallo", draft)
