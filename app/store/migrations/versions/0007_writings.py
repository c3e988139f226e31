"""Écrits: PV and rapports, their people, NATINF codes, history, addenda, transmissions, outcomes;
the NATINF reference table; the templates with their defaults; the triggers that lock a signed document.

The triggers are the second lock (the writings service is the first): no
path, not even an UPDATE typed into the database, changes what an author
signed. The one change let through is the erasure of personal data, which
first sets `personal_data_erased_at` (see app/models/writings.py).

Revision ID: 0007
Revises: 0006
"""

import json

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KINDS = ("pv_constatation", "rapport_information", "rapport_intervention", "rapport_mission")
STATUSES = ("draft", "signed")
ROLES = ("suspect", "victim", "witness", "third_party", "requester", "other")
RECIPIENTS = ("opj", "procureur", "maire", "other")
OUTCOMES = ("conviction", "requalification", "acquittal", "dismissal", "non_lieu", "other")

# The templates as they stood when this migration was written (a migration never follows later code).
# Their texts are the service's own, in French; an administrator edits them.
APJA = ("Nous, soussigné(e) {name}, {grade}, matricule {matricule}, agent de police judiciaire adjoint "
        "en fonction à la {service}, à {commune},")
RAPPORT_SECTIONS = {
    "facts": "EXPOSÉ DES FAITS",
    "assessments": "APPRÉCIATIONS PERSONNELLES DU RÉDACTEUR",
    "people": "PERSONNES EN CAUSE",
    "offences": "QUALIFICATION (NATINF)",
    "transmission": "TRANSMISSION",
}
BASES = ["article 21 2° du code de procédure pénale", "article 21-2 du code de procédure pénale"]
RAPPORT_CLOSURE = "Rapport fait à {commune}, le {date} à {time}, pour servir et valoir ce que de droit."
RAPPORT_SIGNATURES = ["Le rédacteur", "Vu, le chef de service"]
TEMPLATES = (
    {
        "kind": "pv_constatation",
        "title": "PROCÈS-VERBAL DE CONSTATATION",
        "sections": {
            "facts": "CONSTATATIONS",
            "assessments": "APPRÉCIATIONS PERSONNELLES DU RÉDACTEUR",
            "people": "PERSONNES EN CAUSE",
            "offences": "INFRACTIONS RELEVÉES (NATINF)",
            "transmission": "TRANSMISSION",
        },
        "preamble": APJA + " en tenue et porteur de nos insignes, agissant conformément aux dispositions "
                           "rappelées ci-dessus, constatons personnellement ce qui suit :",
        "closure": "Dont procès-verbal, fait et clos à {commune}, le {date} à {time}.",
        "legal_bases": BASES,
        "signatures": ["L'agent de police judiciaire adjoint", "La personne en cause"],
    },
    {
        "kind": "rapport_information",
        "title": "RAPPORT D'INFORMATION",
        "sections": RAPPORT_SECTIONS,
        "preamble": APJA + " avons l'honneur de porter à votre connaissance les faits suivants :",
        "closure": RAPPORT_CLOSURE,
        "legal_bases": BASES,
        "signatures": RAPPORT_SIGNATURES,
    },
    {
        "kind": "rapport_intervention",
        "title": "RAPPORT D'INTERVENTION",
        "sections": RAPPORT_SECTIONS,
        "preamble": APJA + " avons l'honneur de vous rendre compte de l'intervention suivante :",
        "closure": RAPPORT_CLOSURE,
        "legal_bases": BASES,
        "signatures": RAPPORT_SIGNATURES,
    },
    {
        "kind": "rapport_mission",
        "title": "RAPPORT DE MISSION",
        "sections": RAPPORT_SECTIONS,
        "preamble": APJA + " avons l'honneur de vous rendre compte de la mission suivante :",
        "closure": RAPPORT_CLOSURE,
        "legal_bases": ["article 21 2° du code de procédure pénale"],
        "signatures": RAPPORT_SIGNATURES,
    },
)

LOCKED = "vigie: a signed document is locked; write an addendum"
# Every column of a document but its sync bookkeeping and the erasure mark.
CONTENT_COLUMNS = (
    "number", "year", "serial", "kind", "status", "title", "sections", "preamble", "closure", "signatures",
    "legal_bases", "author_id", "author_name", "author_grade", "author_matricule", "assisting_agents", "subject",
    "occurred_at", "place", "facts", "assessments", "offence_nature", "vehicle_plate", "natinf_version_id",
    "handed_over_at", "handed_over_to", "logbook_entry_id", "logbook_number", "created_by", "created_at",
    "signed_at", "content_hash",
)
PARENT_SIGNED = "(SELECT status FROM writings WHERE id = {row}.writing_id) = 'signed'"
PARENT_KEPT = ("(SELECT status = 'signed' AND personal_data_erased_at IS NULL FROM writings "
               "WHERE id = OLD.writing_id)")
TRIGGERS = (
    f"""CREATE TRIGGER writings_signed_locked BEFORE UPDATE ON writings
    WHEN OLD.status = 'signed'
     AND NOT (OLD.personal_data_erased_at IS NULL AND NEW.personal_data_erased_at IS NOT NULL)
     AND ({" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT_COLUMNS)})
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""",
    f"""CREATE TRIGGER writings_signed_kept BEFORE DELETE ON writings
    WHEN OLD.status = 'signed' AND OLD.personal_data_erased_at IS NULL
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""",
)
for _table in ("writing_people", "writing_offences"):
    TRIGGERS += (
        f"""CREATE TRIGGER {_table}_signed_insert BEFORE INSERT ON {_table}
        WHEN {PARENT_SIGNED.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""",
        f"""CREATE TRIGGER {_table}_signed_update BEFORE UPDATE ON {_table}
        WHEN {PARENT_SIGNED.format(row="OLD")} OR {PARENT_SIGNED.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""",
        f"""CREATE TRIGGER {_table}_signed_delete BEFORE DELETE ON {_table}
        WHEN {PARENT_KEPT}
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""",
    )
TRIGGERS += (
    f"""CREATE TRIGGER writing_addenda_locked_update BEFORE UPDATE ON writing_addenda
    WHEN {PARENT_KEPT} OR NEW.writing_id IS NOT OLD.writing_id OR NEW.addendum_number IS NOT OLD.addendum_number
    BEGIN SELECT RAISE(ABORT, 'vigie: an addendum is locked once written'); END""",
    f"""CREATE TRIGGER writing_addenda_locked_delete BEFORE DELETE ON writing_addenda
    WHEN {PARENT_KEPT}
    BEGIN SELECT RAISE(ABORT, 'vigie: an addendum is locked once written'); END""",
)
TRIGGER_NAMES = [t.split()[2] for t in TRIGGERS]


def _enum(values: tuple[str, ...], name: str, length: int) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=length)


def _record(*columns: sa.Column) -> list[sa.Column]:
    return [sa.Column("id", sa.String(36), nullable=False), sa.Column("version", sa.Integer(), nullable=False),
            *columns]


def upgrade() -> None:
    op.create_table(
        "natinf_versions",
        *_record(
            sa.Column("label", sa.String(100), nullable=False),
            sa.Column("source_name", sa.String(255), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("row_count", sa.Integer(), nullable=False),
            sa.Column("current", sa.Boolean(), nullable=False),
            sa.Column("imported_at", UTCDateTime(), nullable=False),
            sa.Column("imported_by", sa.String(36), nullable=True),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_natinf_versions")),
    )
    op.create_table(
        "natinf_offences",
        sa.Column("version_id", sa.String(36), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("nature", sa.String(100), nullable=False),
        sa.Column("qualification", sa.Text(), nullable=False),
        sa.Column("defined_by", sa.Text(), nullable=False),
        sa.Column("punished_by", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["natinf_versions.id"],
                                name=op.f("fk_natinf_offences_version_id_natinf_versions")),
        sa.PrimaryKeyConstraint("version_id", "code", name=op.f("pk_natinf_offences")),
    )
    templates = op.create_table(
        "writing_templates",
        sa.Column("kind", _enum(KINDS, "writingkind", 30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("preamble", sa.Text(), nullable=False),
        sa.Column("closure", sa.Text(), nullable=False),
        sa.Column("legal_bases", sa.Text(), nullable=False),
        sa.Column("signatures", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_writing_templates")),
    )
    op.bulk_insert(templates, [
        {"kind": t["kind"], "version": 1, "title": t["title"],
         "sections": json.dumps(t["sections"], ensure_ascii=False), "preamble": t["preamble"],
         "closure": t["closure"], "legal_bases": json.dumps(t["legal_bases"], ensure_ascii=False),
         "signatures": json.dumps(t["signatures"], ensure_ascii=False), "updated_at": None, "updated_by": None}
        for t in TEMPLATES
    ])
    op.create_table(
        "writing_letterhead",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_writing_letterhead")),
    )
    op.create_table(
        "writings",
        *_record(
            sa.Column("number", sa.String(20), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("serial", sa.Integer(), nullable=False),
            sa.Column("kind", _enum(KINDS, "writingkind", 30), nullable=False),
            sa.Column("status", _enum(STATUSES, "writingstatus", 10), nullable=False),
            sa.Column("title", sa.String(200), nullable=False),
            sa.Column("sections", sa.Text(), nullable=False),
            sa.Column("preamble", sa.Text(), nullable=False),
            sa.Column("closure", sa.Text(), nullable=False),
            sa.Column("signatures", sa.Text(), nullable=False),
            sa.Column("legal_bases", sa.Text(), nullable=False),
            sa.Column("author_id", sa.String(36), nullable=False),
            sa.Column("author_name", sa.String(200), nullable=False),
            sa.Column("author_grade", sa.String(100), nullable=False),
            sa.Column("author_matricule", sa.String(40), nullable=False),
            sa.Column("assisting_agents", sa.Text(), nullable=False),
            sa.Column("subject", sa.String(300), nullable=False),
            sa.Column("occurred_at", UTCDateTime(), nullable=True),
            sa.Column("place", sa.String(300), nullable=False),
            sa.Column("facts", sa.Text(), nullable=False),
            sa.Column("assessments", sa.Text(), nullable=False),
            sa.Column("offence_nature", sa.Text(), nullable=False),
            sa.Column("vehicle_plate", sa.String(20), nullable=False),
            sa.Column("natinf_version_id", sa.String(36), nullable=True),
            sa.Column("handed_over_at", UTCDateTime(), nullable=True),
            sa.Column("handed_over_to", sa.String(200), nullable=False),
            sa.Column("logbook_entry_id", sa.String(36), nullable=True),
            sa.Column("logbook_number", sa.String(20), nullable=False),
            sa.Column("created_by", sa.String(36), nullable=False),
            sa.Column("created_at", UTCDateTime(), nullable=False),
            sa.Column("updated_by", sa.String(36), nullable=False),
            sa.Column("updated_at", UTCDateTime(), nullable=False),
            sa.Column("signed_at", UTCDateTime(), nullable=True),
            sa.Column("content_hash", sa.String(64), nullable=False),
            sa.Column("personal_data_erased_at", UTCDateTime(), nullable=True),
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_writings_author_id_users")),
        sa.ForeignKeyConstraint(["natinf_version_id"], ["natinf_versions.id"],
                                name=op.f("fk_writings_natinf_version_id_natinf_versions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writings")),
        sa.UniqueConstraint("number", name=op.f("uq_writings_number")),
    )
    op.create_index("ix_writings_created", "writings", ["created_at", "id"])
    op.create_index("ix_writings_year_serial", "writings", ["year", "serial"])
    op.create_index(op.f("ix_writings_author_id"), "writings", ["author_id"])
    op.create_index(op.f("ix_writings_logbook_entry_id"), "writings", ["logbook_entry_id"])
    op.create_table(
        "writing_people",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("role", _enum(ROLES, "personrole", 20), nullable=False),
            sa.Column("last_name", sa.String(200), nullable=False),
            sa.Column("first_names", sa.String(200), nullable=False),
            sa.Column("birth_date", sa.Date(), nullable=True),
            sa.Column("birth_place", sa.String(200), nullable=False),
            sa.Column("address", sa.Text(), nullable=False),
            sa.Column("identity_document", sa.String(300), nullable=False),
            sa.Column("profession", sa.String(200), nullable=False),
            sa.Column("contact", sa.Text(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"], name=op.f("fk_writing_people_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_people")),
    )
    op.create_index(op.f("ix_writing_people_writing_id"), "writing_people", ["writing_id"])
    op.create_table(
        "writing_offences",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("code", sa.String(10), nullable=False),
            sa.Column("qualification", sa.Text(), nullable=False),
            sa.Column("nature", sa.String(100), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"],
                                name=op.f("fk_writing_offences_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_offences")),
        sa.UniqueConstraint("writing_id", "code", name="uq_writing_offences_writing_code"),
    )
    op.create_table(
        "writing_versions",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("writing_version", sa.Integer(), nullable=False),
            sa.Column("state", sa.Text(), nullable=False),
            sa.Column("change", sa.String(30), nullable=False),
            sa.Column("replaced_by", sa.String(36), nullable=False),
            sa.Column("replaced_at", UTCDateTime(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"],
                                name=op.f("fk_writing_versions_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_versions")),
        sa.UniqueConstraint("writing_id", "writing_version", name="uq_writing_versions_writing_version"),
    )
    op.create_table(
        "writing_addenda",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("addendum_number", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("author_id", sa.String(36), nullable=False),
            sa.Column("author_name", sa.String(200), nullable=False),
            sa.Column("author_grade", sa.String(100), nullable=False),
            sa.Column("author_matricule", sa.String(40), nullable=False),
            sa.Column("signed_at", UTCDateTime(), nullable=False),
            sa.Column("content_hash", sa.String(64), nullable=False),
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_writing_addenda_author_id_users")),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"], name=op.f("fk_writing_addenda_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_addenda")),
        sa.UniqueConstraint("writing_id", "addendum_number", name="uq_writing_addenda_writing_number"),
    )
    op.create_table(
        "writing_transmissions",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("recipient_kind", _enum(RECIPIENTS, "recipientkind", 20), nullable=False),
            sa.Column("recipient_name", sa.String(200), nullable=False),
            sa.Column("sent_at", UTCDateTime(), nullable=False),
            sa.Column("means", sa.String(200), nullable=False),
            sa.Column("recorded_by", sa.String(36), nullable=False),
            sa.Column("recorded_at", UTCDateTime(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"],
                                name=op.f("fk_writing_transmissions_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_transmissions")),
    )
    op.create_index(op.f("ix_writing_transmissions_writing_id"), "writing_transmissions", ["writing_id"])
    op.create_table(
        "writing_outcomes",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("kind", _enum(OUTCOMES, "outcomekind", 20), nullable=False),
            sa.Column("decided_on", sa.Date(), nullable=False),
            sa.Column("authority", sa.String(200), nullable=False),
            sa.Column("detail", sa.Text(), nullable=False),
            sa.Column("recorded_by", sa.String(36), nullable=False),
            sa.Column("recorded_at", UTCDateTime(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"],
                                name=op.f("fk_writing_outcomes_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_outcomes")),
    )
    op.create_index(op.f("ix_writing_outcomes_writing_id"), "writing_outcomes", ["writing_id"])
    op.create_table(
        "writing_qualifications",
        *_record(
            sa.Column("writing_id", sa.String(36), nullable=False),
            sa.Column("outcome_id", sa.String(36), nullable=False),
            sa.Column("code", sa.String(10), nullable=False),
            sa.Column("qualification", sa.Text(), nullable=False),
            sa.Column("nature", sa.String(100), nullable=False),
            sa.Column("natinf_version_id", sa.String(36), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
        ),
        sa.ForeignKeyConstraint(["natinf_version_id"], ["natinf_versions.id"],
                                name=op.f("fk_writing_qualifications_natinf_version_id_natinf_versions")),
        sa.ForeignKeyConstraint(["outcome_id"], ["writing_outcomes.id"],
                                name=op.f("fk_writing_qualifications_outcome_id_writing_outcomes")),
        sa.ForeignKeyConstraint(["writing_id"], ["writings.id"],
                                name=op.f("fk_writing_qualifications_writing_id_writings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_qualifications")),
    )
    op.create_index(op.f("ix_writing_qualifications_writing_id"), "writing_qualifications", ["writing_id"])
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER {name}")
    for table in ("writing_qualifications", "writing_outcomes", "writing_transmissions", "writing_addenda",
                  "writing_versions", "writing_offences", "writing_people", "writings", "writing_letterhead",
                  "writing_templates", "natinf_offences", "natinf_versions"):
        op.drop_table(table)
