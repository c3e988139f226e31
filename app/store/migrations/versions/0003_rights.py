"""The rights matrix per role and compartment, with the default profiles.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The default profiles as they stood when this migration was written (a migration never
# follows later code): agent, chef de poste, administrateur, and the mayor (journal only).
OFFICER_COMPARTMENTS = ("main_courante", "ecrits", "registres", "demandes")
DEFAULTS = (
    [("agent", c, a) for c in OFFICER_COMPARTMENTS for a in ("read", "write")]
    + [("agent", c, "export") for c in ("ecrits", "registres", "demandes")]
    + [("chef_de_poste", c, a) for c in OFFICER_COMPARTMENTS for a in ("read", "write", "export", "administer")]
    + [("chef_de_poste", "journal", a) for a in ("read", "export")]
    + [("administrateur", c, a) for c in (*OFFICER_COMPARTMENTS, "journal")
       for a in ("read", "write", "export", "administer")]
    + [("maire", "journal", a) for a in ("read", "export")]
)


def upgrade() -> None:
    rights = op.create_table(
        "rights",
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("compartment", sa.String(20), nullable=False),
        sa.Column("access", sa.String(12), nullable=False),
        sa.PrimaryKeyConstraint("role", "compartment", "access", name=op.f("pk_rights")),
    )
    op.bulk_insert(rights, [{"role": r, "compartment": c, "access": a} for r, c, a in DEFAULTS])


def downgrade() -> None:
    op.drop_table("rights")
