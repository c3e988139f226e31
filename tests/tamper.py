"""Tampering as someone holding the station's key can: the integrity triggers dropped first.

Migration 0009's triggers refuse a plain UPDATE or DELETE of the journal and of signed
documents (tests/test_integrity_triggers.py). An attacker with the key can drop them; the
tests of verification, which must see what such an attacker leaves, tamper through here.

This module holds no test.
"""

from __future__ import annotations

import importlib

from sqlalchemy import text

_MIGRATION = importlib.import_module("app.store.migrations.versions.0009_integrity_triggers")
JOURNAL_TRIGGERS = [t.split()[2] for t in _MIGRATION.JOURNAL_TRIGGERS]
WRITING_TRIGGERS = [t.split()[2] for t in _MIGRATION.WRITING_TRIGGERS]


def tamper(gate, statement: str, *, triggers: list[str] = JOURNAL_TRIGGERS, **params) -> list:
    """Drop *triggers* (the journal's by default), then run *statement*, committed."""
    with gate.services.station.engine.begin() as conn:
        for name in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        result = conn.execute(text(statement), params)
        return result.fetchall() if result.returns_rows else []
