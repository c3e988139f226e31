"""Alembic environment of the server: runs on the connection app.server.db hands in."""

from alembic import context

from app.server.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  version_table="server_alembic_version")
with context.begin_transaction():
    context.run_migrations()
