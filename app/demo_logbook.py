"""The demo's main courante: realistic fictional entries written in bulk, and a few attachments.

Montclair-sur-Vienne's week: school exits at the bell on school days, the market on Thursday
mornings, noise at night; numbers taken in the order of the entries, as the service takes them.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import text

CHUNK = 50_000
SERIES = "main_courante"
# Whenever the demo is made, the service is on duty: its last calls came within the hour and are still
# being handled, so that the Today list is never empty, not even at 7 in the morning nor just after midnight.
ONGOING_CALLS = 2
ONGOING_WITHIN = timedelta(minutes=50)

STREETS = (
    "rue de l\u2019\u00c9glise", "place de la Mairie", "avenue de la Gare", "rue Victor-Hugo", "rue Jean-Jaur\u00e8s",
    "rue des \u00c9coles", "chemin des Vignes", "rue du Moulin", "impasse des Tilleuls", "rue Pasteur",
    "boulevard du 11-Novembre", "rue de la R\u00e9publique", "place du March\u00e9", "quai de la Vienne",
    "rue des Lavandi\u00e8res", "all\u00e9e des Peupliers", "rue Gambetta", "rue du Ch\u00e2teau",
    "route de Poitiers", "rue Sainte-Radegonde", "rue des Acacias", "square Jean-Moulin", "rue de la Fontaine",
    "avenue du G\u00e9n\u00e9ral-de-Gaulle", "rue des Jardins", "parking du stade", "rue du Pont-Neuf",
    "lotissement Les Ch\u00eanes", "rue Marcel-Pagnol", "place de la Libert\u00e9",
)

# code, weight, subjects, what was done
NATURES = (
    ("stationnement_genant", 14, ("V\u00e9hicule sur le trottoir", "V\u00e9hicule devant un garage",
                                  "Stationnement sur place PMR"), "Avis de contravention appos\u00e9."),
    ("tapage", 10, ("Musique forte", "Aboiements r\u00e9p\u00e9t\u00e9s", "F\u00eate chez un particulier"),
     "Rappel \u00e0 la r\u00e9glementation, cessation du bruit."),
    ("surveillance", 12, ("Patrouille p\u00e9destre", "Surveillance du centre-ville", "Ronde parc municipal"),
     "RAS."),
    ("sortie_ecoles", 8, ("S\u00e9curisation sortie d\u2019\u00e9cole",), "Pr\u00e9sence dissuasive, RAS."),
    ("differend_voisinage", 6, ("Conflit de voisinage haie", "Diff\u00e9rend entre voisins"),
     "M\u00e9diation, parties orient\u00e9es vers le conciliateur."),
    ("objet_trouve", 5, ("Portefeuille trouv\u00e9", "Cl\u00e9s trouv\u00e9es", "T\u00e9l\u00e9phone trouv\u00e9"),
     "Objet enregistr\u00e9 au registre."),
    ("animal_errant", 5, ("Chien errant", "Chat bless\u00e9 sur la chauss\u00e9e"), "Animal pris en charge."),
    ("accident_materiel", 4, ("Accrochage sans bless\u00e9", "V\u00e9hicule contre poteau"),
     "Constat amiable, circulation r\u00e9gul\u00e9e."),
    ("depot_sauvage", 4, ("D\u00e9p\u00f4t d\u2019encombrants", "Sacs d\u2019ordures sur le trottoir"),
     "Services techniques avis\u00e9s."),
    ("renseignement", 6, ("Renseignement au public", "Demande d\u2019itin\u00e9raire"), "Renseign\u00e9."),
    ("circulation", 4, ("R\u00e9gulation carrefour", "Feux en panne"), "Circulation r\u00e9gul\u00e9e."),
    ("alarme", 3, ("D\u00e9clenchement d\u2019alarme commerce", "Alarme d\u2019habitation"),
     "Lev\u00e9e de doute, RAS."),
    ("degradation", 3, ("Tags sur fa\u00e7ade", "Vitre d\u2019abribus bris\u00e9e"), "Constat, photos prises."),
    ("vol", 2, ("Vol \u00e0 l\u2019\u00e9talage", "Vol de v\u00e9lo"), "Victime orient\u00e9e vers la gendarmerie."),
    ("ivresse", 2, ("Personne en \u00e9tat d\u2019ivresse",), "Remise \u00e0 l\u2019OPJ."),
    ("otv_passage", 5, ("Passage OTV",), "Habitation v\u00e9rifi\u00e9e, RAS."),
    ("marche", 3, ("Police du march\u00e9 hebdomadaire",), "Placement des commer\u00e7ants."),
    ("assistance_personne", 2, ("Personne \u00e2g\u00e9e d\u00e9sorient\u00e9e", "Chute sur la voie publique"),
     "Pompiers requis, personne prise en charge."),
    ("fourriere", 1, ("Mise en fourri\u00e8re v\u00e9hicule ventouse",), "Enl\u00e8vement par la fourri\u00e8re."),
)
NATURE_WEIGHTS = [n[1] for n in NATURES]
CHANNELS = ("phone", "patrol", "counter", "radio", "email", "17", "other")
CHANNEL_WEIGHTS = (40, 30, 12, 8, 5, 4, 1)
# Calls follow the town's day: little at night, a morning rise, the school exits, a busy evening.
HOUR_WEIGHTS = (2, 1, 1, 1, 1, 1, 2, 4, 8, 9, 9, 9, 7, 6, 7, 8, 10, 11, 10, 9, 7, 6, 5, 3)
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lef\u00e8vre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
              "Fournier", "Morel", "Girard", "Andr\u00e9", "Mercier", "Dupont", "Lambert", "Bonnet", "Fran\u00e7ois",
              "Nguyen", "Benali", "Da Silva", "Haddad")
FIRST_NAMES = ("Jean", "Marie", "Pierre", "Nathalie", "Michel", "Isabelle", "Lucas", "L\u00e9a", "Hugo", "Chlo\u00e9",
               "Nicolas", "Camille", "Ana\u00efs", "Karim", "Yasmine", "Th\u00e9o", "In\u00e8s", "J\u00e9r\u00f4me",
               "Ma\u00ebl", "\u00c9lise", "Fran\u00e7oise", "Ren\u00e9")
ROLES = ("requester", "requester", "witness", "victim", "suspect", "third_party")


def fill_logbook(station, actor, count: int, seed: int = 86999, progress=None) -> int:
    """Write *count* fictional entries in bulk (executemany, a few large transactions, the index filled
    alongside) over the last days (within the retention period); journals one "demo fill" entry."""
    if count <= 0:
        return 0
    from app.models import Operation
    from app.logbook.store import next_search_rowid

    rng = random.Random(seed)
    now = station.clock.now()
    days = max(30, min(1000, count // 40))
    with station.read() as uow:
        agents = uow.session.execute(text(
            "SELECT id, full_name, matricule FROM users WHERE role IN ('agent', 'chef_de_poste') AND active "
            "ORDER BY login")).all() or uow.session.execute(text("SELECT id, full_name, matricule FROM users")).all()
        labels = dict(uow.session.execute(text("SELECT code, label FROM logbook_natures")).all())
        first_rowid = next_search_rowid(uow.session)
    planned = _with_ongoing_calls(sorted(_planned(rng, now, days) for _ in range(count)), now, seed)
    moments = [moment for moment, _nature in planned]
    serials = _reserve_serials(station, moments)
    done = 0
    for start in range(0, count, CHUNK):
        stop = min(count, start + CHUNK)
        entries: list[tuple] = []
        agent_rows: list[tuple] = []
        people_rows: list[tuple] = []
        documents: list[tuple] = []
        for i in range(start, stop):
            _fake_entry(rng, now, planned[i], serials[i], first_rowid + i, agents, labels, actor,
                        (entries, agent_rows, people_rows, documents))
        _write_chunk(station, entries, agent_rows, people_rows, documents)
        done = stop
        if progress is not None:
            progress(done, count)
    with station.uow() as uow:
        station.journal.append(uow.session, Operation.CREATE, actor, compartment="main_courante",
                               record_kind="logbook_entry", detail=f"demo fill: {count} entries")
        uow.commit()
    return done


def _reserve_serials(station, moments: list[datetime]) -> list[tuple[int, int]]:
    """Numbers are taken per year, in the order of the entries, as the service takes them."""
    from app.kernel import numbering

    serials: list[tuple[int, int]] = []
    with station.uow() as uow:
        index, count = 0, len(moments)
        while index < count:
            year = numbering.local_year(moments[index])
            end = index
            while end < count and numbering.local_year(moments[end]) == year:
                end += 1
            serials += [(n.year, n.serial) for n in numbering.reserve(uow.session, SERIES, moments[index],
                                                                      end - index)]
            index = end
        uow.commit()
    return serials


def _fake_entry(rng: random.Random, now: datetime, planned: tuple[datetime, int], number: tuple[int, int], rowid: int,
                agents,
                labels: dict, actor, rows: tuple[list, list, list, list]) -> None:
    """One fictional entry's rows (entry, agents, people, search document), added to *rows*."""
    from app.ids import new_id
    from app.kernel import numbering
    from app.logbook.store import place_key
    from app.store.fts import fold

    entries, agent_rows, people_rows, documents = rows
    at, nature = planned
    code, _, subjects, done_text = NATURES[nature]
    street = rng.choice(STREETS)
    address = f"{rng.randint(1, 120)} {street}" if rng.random() < 0.8 else street
    subject = rng.choice(subjects)
    facts = f"Constat\u00e9 sur place {street} : {subject.lower()}."
    started = min(now, at + timedelta(minutes=rng.randint(2, 25)))
    ended = started + timedelta(minutes=rng.randint(5, 90))
    recent = (now - at) < timedelta(hours=12)
    ongoing = (now - at) < ONGOING_WITHIN
    status = "open" if ended > now or (recent and rng.random() < 0.5) or ongoing else "closed"
    entry_id = new_id()
    year, serial = number
    created = _db(min(now, at + timedelta(minutes=rng.randint(0, 30))))
    entries.append((
        entry_id, rowid, numbering.format_number(year, serial), year, serial, _db(at),
        rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0], address, place_key(address), code, subject,
        _db(started), None if status == "open" else _db(ended), facts, done_text,
        "" if status == "open" else "Intervention termin\u00e9e.", status, actor.user_id, created,
        None if status == "open" else _db(ended)))
    team = rng.sample(agents, min(len(agents), 1 if rng.random() < 0.3 else 2))
    for position, (user_id, name, matricule) in enumerate(team):
        agent_rows.append((new_id(), entry_id, user_id, name, matricule, position))
    names = []
    if rng.random() < 0.3:
        for position in range(rng.choice((1, 1, 1, 2))):
            last, first = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)
            names.append(f"{last} {first}")
            people_rows.append((new_id(), entry_id, rng.choice(ROLES), last, first, position, created))
    narrative = "\n".join(t for t in (facts, done_text) if t)
    documents.append((rowid, fold(subject), fold(narrative), fold(address), fold(labels.get(code, code)),
                      fold(" ".join(names))))


# When each nature happens in a small town: school exits on school days at the bell, the market on
# Thursday mornings, noise and drunkenness at night, parking and errands in the day; the rest any time.
SCHOOL_DAYS = (0, 1, 3, 4)  # no school on Wednesday afternoons nor at the weekend
SCHOOL_BELLS = ((8, 15), (11, 30), (16, 20))
MARKET_DAY = 3  # Thursday
NIGHT_HOURS = ((20, 21, 22, 23, 0, 1, 2, 3), (3, 4, 5, 5, 4, 3, 2, 1))
WHEN = {
    "sortie_ecoles": "school", "marche": "market", "tapage": "night", "ivresse": "night", "alarme": "night",
    "stationnement_genant": "day", "otv_passage": "day", "circulation": "day", "depot_sauvage": "day",
    "renseignement": "office", "objet_trouve": "office",
}


def _planned(rng: random.Random, now: datetime, days: int) -> tuple[datetime, int]:
    """A nature (its index in NATURES) and a moment when such a call comes, within *days* before *now*."""
    nature = rng.choices(range(len(NATURES)), NATURE_WEIGHTS)[0]
    return _moment(rng, now, days, WHEN.get(NATURES[nature][0], "any")), nature


def _with_ongoing_calls(planned: list[tuple[datetime, int]], now: datetime,
                        seed: int) -> list[tuple[datetime, int]]:
    """*planned*, its last ONGOING_CALLS calls replaced by calls of the last ONGOING_WITHIN, of natures that
    come at any hour (drawn apart, so that the rest of the demo's story stays as it was)."""
    rng = random.Random(seed + 1)
    kept = len(planned) - min(ONGOING_CALLS, len(planned))
    span = int(ONGOING_WITHIN.total_seconds()) - 60
    any_hour = [index for index, nature in enumerate(NATURES) if nature[0] not in WHEN]
    ongoing = [((now - timedelta(seconds=rng.randrange(60, span))).replace(microsecond=0), rng.choice(any_hour))
               for _ in planned[kept:]]
    return sorted(planned[:kept] + ongoing)


def _moment(rng: random.Random, now: datetime, days: int, when: str = "any") -> datetime:
    # Days are counted on the calendar and the hour set on the wall clock, then placed in time: a call at
    # the market's opening stays at 7 o'clock on a day before the change to summer time.
    day = (now - timedelta(days=rng.randrange(days))).astimezone().date()
    minute = rng.randrange(60)
    if when == "school":
        while day.weekday() not in SCHOOL_DAYS:
            day -= timedelta(days=1)
        hour, first = rng.choice(SCHOOL_BELLS)
        minute = first + rng.randrange(20)
    elif when == "market":
        day -= timedelta(days=(day.weekday() - MARKET_DAY) % 7)
        hour = rng.randint(7, 12)
    elif when == "night":
        hour = rng.choices(*NIGHT_HOURS)[0]
    elif when == "day":
        hour = rng.choices(range(8, 20), HOUR_WEIGHTS[8:20])[0]
    elif when == "office":
        hour = rng.randint(9, 17)
    else:
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
    local = datetime.combine(day, time(hour, minute, rng.randrange(60)))
    while local.astimezone() >= now:  # later today: the same hour a week before, on the same weekday
        local -= timedelta(days=7)
    return local.astimezone(UTC)  # a naive time is read as this machine's local time


def _db(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


_ENTRY_SQL = (
    "INSERT INTO logbook_entries (id, version, search_rowid, number, year, serial, requested_at, channel, address, "
    "place_key, latitude, longitude, nature_code, subject, started_at, ended_at, facts, assessments, action_taken, "
    "outcome, status, document_number, writing_id, request_id, last_change, created_by, created_at, updated_by, "
    "updated_at, closed_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, '', ?, ?, ?, '', NULL, "
    "NULL, 'created', ?18, ?19, ?18, ?19, ?20)"
)
_AGENT_SQL = ("INSERT INTO logbook_agents (id, version, entry_id, user_id, full_name, matricule, position) "
              "VALUES (?, 1, ?, ?, ?, ?, ?)")
_PERSON_SQL = (
    "INSERT INTO logbook_people (id, version, entry_id, role, last_name, first_names, birth_date, birth_place, "
    "address, contact, guardian, position, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, NULL, '', '', '', '', "
    "?, ?7, ?7)"
)
_SEARCH_SQL = "INSERT INTO logbook_search (rowid, subject, narrative, address, nature, people) VALUES (?, ?, ?, ?, ?, ?)"


def _write_chunk(station, entries, agent_rows, people_rows, documents) -> None:
    with station.uow() as uow:
        cursor = uow.session.connection().connection.cursor()
        try:
            cursor.executemany(_ENTRY_SQL, entries)
            cursor.executemany(_AGENT_SQL, agent_rows)
            cursor.executemany(_PERSON_SQL, people_rows)
            cursor.executemany(_SEARCH_SQL, documents)
        finally:
            cursor.close()
        uow.commit()


def attach_demo_files(logbook, actor, how_many: int = 6) -> int:
    """A few photos, a plan and an e-mail on the most recent entries, through the service (encrypted, thumbnails)."""
    from app.logbook.types import ListFilter

    rows = logbook.list_page(actor, ListFilter(), limit=how_many).rows
    made = 0
    for index, row in enumerate(rows):
        if index % 3 == 2:
            logbook.add_attachment(actor, row.id, data=demo_email(row.subject), filename="signalement.eml")
        else:
            kind = "JPEG" if index % 3 == 0 else "PNG"
            logbook.add_attachment(actor, row.id, data=demo_picture(kind, index),
                                   filename=f"photo-{index + 1}.{'jpg' if kind == 'JPEG' else 'png'}")
        made += 1
    return made


def demo_picture(fmt: str, seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), (180 - seed * 10 % 60, 190, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=(90, 90, 95))  # the street
    draw.rectangle((120 + seed * 40 % 300, 330, 420 + seed * 40 % 300, 450), fill=(160, 30, 40))  # a car
    draw.text((20, 20), "Montclair-sur-Vienne \u2013 photo de d\u00e9monstration", fill=(0, 0, 0))
    out = io.BytesIO()
    options = {"quality": 80} if fmt == "JPEG" else {}
    image.save(out, fmt, **options)
    return out.getvalue()


def demo_email(subject: str) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Accueil mairie <accueil@montclair-sur-vienne.example>"
    message["To"] = "police.municipale@montclair-sur-vienne.example"
    message["Date"] = "Mon, 16 Nov 2026 09:12:00 +0100"
    message["Subject"] = f"Signalement : {subject}"
    message.set_content("Bonjour,\n\nUn administr\u00e9 signale ce jour : " + subject.lower()
                        + ".\nMerci de votre intervention.\n\nL\u2019accueil de la mairie")
    message.add_attachment(demo_picture("PNG", 7), maintype="image", subtype="png", filename="photo-jointe.png")
    return message.as_bytes()
