"""The main courante: natures, entries, agents, people, versions, attachments, drafts, numbers, full-text index.

The natures are the service's own nomenclature, in French, which an
administrator edits; this migration gives a new station the usual list of a
municipal police. The full-text index is an FTS5 table (logbook_search) kept
in step by the logbook service in the transaction of each change.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The list as it stood when this migration was written (a migration never follows later code).
NATURES = (
    ("tapage", "Tapage / nuisances sonores"),
    ("stationnement_genant", "Stationnement gênant"),
    ("accident_materiel", "Accident matériel"),
    ("differend_voisinage", "Différend de voisinage"),
    ("objet_trouve", "Objet trouvé"),
    ("animal_errant", "Animal errant"),
    ("chien_dangereux", "Chien dangereux / morsure"),
    ("depot_sauvage", "Dépôt sauvage"),
    ("surveillance", "Surveillance / patrouille"),
    ("assistance_personne", "Assistance à personne"),
    ("personne_vulnerable", "Personne vulnérable"),
    ("fourriere", "Fourrière"),
    ("otv_passage", "OTV – passage"),
    ("ivresse", "Ivresse publique manifeste"),
    ("degradation", "Dégradation / vandalisme"),
    ("vol", "Vol / tentative de vol"),
    ("rixe", "Rixe / violences"),
    ("infraction_routiere", "Infraction routière"),
    ("arrete_municipal", "Infraction à un arrêté municipal"),
    ("circulation", "Circulation / régulation"),
    ("sortie_ecoles", "Sécurisation sortie d’écoles"),
    ("marche", "Police du marché"),
    ("evenement", "Manifestation / événement"),
    ("occupation_domaine", "Occupation du domaine public"),
    ("alarme", "Déclenchement d’alarme"),
    ("incendie", "Feu / incendie"),
    ("renseignement", "Renseignement au public"),
    ("autre", "Autre"),
)

CHANNELS = ("phone", "counter", "radio", "patrol", "email", "17", "other")
STATUSES = ("open", "closed")
ROLES = ("suspect", "victim", "witness", "third_party", "requester", "other")
KINDS = ("photo", "pdf", "office", "email", "file")

# unicode61 with remove_diacritics 2: "Éloïse" is found by "eloise"; ligatures ("CŒUR") are spelled out
# by the code that fills the index and reads the query (app/store/fts.py, fold).
SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE logbook_search USING fts5("
    "subject, narrative, address, nature, people, tokenize = 'unicode61 remove_diacritics 2')"
)
# An erased entry's words must leave the index's pages at once, not at some later merge.
SECURE_DELETE = "INSERT INTO logbook_search (logbook_search, rank) VALUES ('secure-delete', 1)"


def _enum(values: tuple[str, ...], name: str, length: int) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=length)


def upgrade() -> None:
    natures = op.create_table(
        "logbook_natures",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_logbook_natures")),
    )
    op.bulk_insert(natures, [{"code": code, "label": label, "active": True, "position": index}
                             for index, (code, label) in enumerate(NATURES)])
    op.create_table(
        "logbook_entries",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("search_rowid", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("channel", _enum(CHANNELS, "channel", 10), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("place_key", sa.String(300), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("nature_code", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("assessments", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("status", _enum(STATUSES, "entrystatus", 10), nullable=False),
        sa.Column("document_number", sa.String(200), nullable=False),
        sa.Column("writing_id", sa.String(36), nullable=True),
        sa.Column("request_id", sa.String(36), nullable=True),
        sa.Column("last_change", sa.String(30), nullable=False),
        sa.Column("created_by", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(36), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["nature_code"], ["logbook_natures.code"],
                                name=op.f("fk_logbook_entries_nature_code_logbook_natures")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_entries")),
        sa.UniqueConstraint("number", name=op.f("uq_logbook_entries_number")),
        sa.UniqueConstraint("search_rowid", name=op.f("uq_logbook_entries_search_rowid")),
    )
    op.create_index("ix_logbook_entries_requested", "logbook_entries", ["requested_at", "id"])
    op.create_index("ix_logbook_entries_nature_requested", "logbook_entries",
                    ["nature_code", "requested_at", "id"])
    op.create_index("ix_logbook_entries_status_requested", "logbook_entries", ["status", "requested_at", "id"])
    op.create_index("ix_logbook_entries_year_serial", "logbook_entries", ["year", "serial"])
    op.create_index(op.f("ix_logbook_entries_created_at"), "logbook_entries", ["created_at"])
    op.create_table(
        "logbook_agents",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("matricule", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["logbook_entries.id"],
                                name=op.f("fk_logbook_agents_entry_id_logbook_entries")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_logbook_agents_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_agents")),
        sa.UniqueConstraint("entry_id", "user_id", name="uq_logbook_agents_entry_user"),
    )
    op.create_index(op.f("ix_logbook_agents_user_id"), "logbook_agents", ["user_id"])
    op.create_table(
        "logbook_people",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("role", _enum(ROLES, "personrole", 20), nullable=False),
        sa.Column("last_name", sa.String(200), nullable=False),
        sa.Column("first_names", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_place", sa.String(200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("guardian", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["logbook_entries.id"],
                                name=op.f("fk_logbook_people_entry_id_logbook_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_people")),
    )
    op.create_index(op.f("ix_logbook_people_entry_id"), "logbook_people", ["entry_id"])
    op.create_table(
        "logbook_versions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("replaced_by", sa.String(36), nullable=False),
        sa.Column("replaced_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["logbook_entries.id"],
                                name=op.f("fk_logbook_versions_entry_id_logbook_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_versions")),
        sa.UniqueConstraint("entry_id", "entry_version", name="uq_logbook_versions_entry_version"),
    )
    op.create_table(
        "logbook_attachments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("blob", sa.String(64), nullable=False),
        sa.Column("thumbnail_blob", sa.String(64), nullable=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("kind", _enum(KINDS, "attachmentkind", 10), nullable=False),
        sa.Column("media_type", sa.String(120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("warning", sa.String(40), nullable=False),
        sa.Column("email_from", sa.Text(), nullable=False),
        sa.Column("email_to", sa.Text(), nullable=False),
        sa.Column("email_date", UTCDateTime(), nullable=True),
        sa.Column("email_subject", sa.Text(), nullable=False),
        sa.Column("email_text", sa.Text(), nullable=False),
        sa.Column("email_parts", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(36), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["logbook_entries.id"],
                                name=op.f("fk_logbook_attachments_entry_id_logbook_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbook_attachments")),
    )
    op.create_index(op.f("ix_logbook_attachments_entry_id"), "logbook_attachments", ["entry_id"])
    op.create_index(op.f("ix_logbook_attachments_blob"), "logbook_attachments", ["blob"])
    op.create_index(op.f("ix_logbook_attachments_thumbnail_blob"), "logbook_attachments", ["thumbnail_blob"])
    op.create_table(
        "logbook_drafts",
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_logbook_drafts_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "key", name=op.f("pk_logbook_drafts")),
    )
    op.create_index(op.f("ix_logbook_drafts_saved_at"), "logbook_drafts", ["saved_at"])
    op.create_table(
        "blob_keys",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_blob_keys")),
    )
    op.create_table(
        "number_counters",
        sa.Column("series", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("station_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year", "station_number", name=op.f("pk_number_counters")),
    )
    op.create_table(
        "number_voids",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("voided_by", sa.String(36), nullable=False),
        sa.Column("voided_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_voids")),
        sa.UniqueConstraint("series", "number", name="uq_number_voids_series_number"),
    )
    op.execute(SEARCH_TABLE)
    op.execute(SECURE_DELETE)


def downgrade() -> None:
    op.execute("DROP TABLE logbook_search")
    for table in ("number_voids", "number_counters", "blob_keys", "logbook_drafts", "logbook_attachments",
                  "logbook_versions", "logbook_people", "logbook_agents", "logbook_entries", "logbook_natures"):
        op.drop_table(table)
