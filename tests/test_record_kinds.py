"""The registry of record kinds: every table is a kind or local on purpose, every kind round-trips
through its sync schema, and no payload carries a field its schema does not declare."""

from __future__ import annotations

import json
import string
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from app.bootstrap import record_kinds
from app.kernel.kinds import FieldType, KindDeclarationError, RecordKind, SyncField
from app.kernel.station_kinds import LOCAL_TABLES
from app.models import Base, ChangeOperation, OutboxChange, Tombstone, User
from tests.logbook_helpers import entry_data

KINDS = record_kinds()
SECRETS = {"password_hash", "failed_attempts", "locked_until", "must_change_password", "seal_private_key",
           "signing_private_key"}


def test_every_table_is_a_record_kind_or_kept_on_the_station_on_purpose(gate):
    declared = {kind.model.__tablename__ for kind in KINDS}
    tables = set(Base.metadata.tables)
    assert tables - declared - LOCAL_TABLES == set(), "a table nobody declared: a kind, or local on purpose"
    assert declared & LOCAL_TABLES == set()


def test_a_column_neither_synced_nor_local_is_refused_at_declaration():
    with pytest.raises(KindDeclarationError, match="neither synced nor local"):
        RecordKind(name="user_partial", model=User, compartment="administration", fields=("id", "login"))


def test_no_kind_lets_a_secret_or_local_state_travel():
    for kind in KINDS:
        assert SECRETS.isdisjoint(kind.fields), kind.name


def _value(spec: SyncField):
    base: st.SearchStrategy[object]
    if spec.choices:
        base = st.sampled_from(spec.choices)
    elif spec.type == FieldType.INTEGER:
        base = st.integers(min_value=-(2**53), max_value=2**53)
    elif spec.type == FieldType.REAL:
        base = st.floats(allow_nan=False, allow_infinity=False, width=64)
    elif spec.type == FieldType.BOOLEAN:
        base = st.booleans()
    elif spec.type == FieldType.DATETIME:
        base = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1),
                            timezones=st.just(UTC)).map(lambda d: d.isoformat())
    elif spec.type == FieldType.DATE:
        base = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)).map(date.isoformat)
    elif spec.type == FieldType.BYTES:
        base = st.binary(max_size=64).map(lambda b: __import__("base64").b64encode(b).decode("ascii"))
    else:
        base = st.text(alphabet=string.ascii_letters + "éèàçœ /'-0123456789", max_size=40)
    return st.one_of(st.none(), base) if spec.nullable else base


def _payloads(kind: RecordKind):
    return st.fixed_dictionaries({spec.name: _value(spec) for spec in kind.schema})


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda kind: kind.name)
def test_every_kind_round_trips_through_its_sync_schema(kind):
    @settings(max_examples=40, deadline=None)
    @given(_payloads(kind))
    def round_trip(payload):
        record = kind.apply(None, payload)
        assert kind.payload(record) == payload
        assert json.loads(json.dumps(kind.payload(record))) == payload

    round_trip()


def test_a_payload_with_a_field_its_schema_does_not_declare_is_refused():
    kind = KINDS["user"]
    with pytest.raises(ValueError, match="undeclared"):
        kind.values({"id": "x", "password_hash": "$argon2id$..."})


def _outbox(gate) -> list[OutboxChange]:
    with gate.services.station.read() as uow:
        rows = list(uow.session.scalars(select(OutboxChange).order_by(OutboxChange.seq)))
        uow.session.expunge_all()
        return rows


def test_every_queued_payload_holds_exactly_its_kinds_fields(gate, clock):
    gate.services.logbook.create(gate.admin, entry_data(clock.now()))
    queued = _outbox(gate)
    assert {change.record_kind for change in queued} >= {"user", "logbook_entry"}
    for change in queued:
        if change.operation == ChangeOperation.UPSERT:
            assert set(json.loads(change.payload)) == set(KINDS[change.record_kind].fields), change.record_kind


def test_an_erasure_leaves_a_tombstone_that_syncs_and_drops_the_unsent_states(gate, clock):
    logbook = gate.services.logbook
    entry = logbook.create(gate.admin, entry_data(clock.now())).entry
    logbook.erase(gate.admin, entry.id, "Saisie en double")
    mine = [c for c in _outbox(gate) if c.record_id == entry.id]
    assert [(c.operation, c.payload) for c in mine] == [(ChangeOperation.ERASE, "{}")]
    with gate.services.station.read() as uow:
        assert uow.session.get(Tombstone, ("logbook_entry", entry.id)) is not None


def test_record_ids_of_composite_keys_are_stable():
    kind = KINDS["right_grant"]
    record = kind.apply(None, {"role": "agent", "compartment": "main_courante", "access": "read"})
    assert kind.record_id(record) == "agent|main_courante|read"
    assert [column.key for column in sa_inspect(kind.model).primary_key] == list(kind.key)


def test_a_right_withdrawn_then_given_again_travels_as_a_tombstone_then_a_grant(gate):
    from app.kernel.rights import Access, Compartment
    from app.models import Role

    rights = gate.services.station.rights
    matrix = dict(rights.matrix(gate.admin))
    key = (Role.MAIRE, Compartment.MAIN_COURANTE)
    rights.set_matrix(gate.admin, {**matrix, key: matrix[key] | {Access.READ}})
    rights.set_matrix(gate.admin, {**matrix, key: matrix[key] - {Access.READ}})
    record_id = "maire|main_courante|read"
    with gate.services.station.read() as uow:
        assert uow.session.get(Tombstone, ("right_grant", record_id)) is not None
    rights.set_matrix(gate.admin, {**matrix, key: matrix[key] | {Access.READ}})
    grants = [c.operation for c in _outbox(gate) if c.record_kind == "right_grant" and c.record_id == record_id]
    assert grants == [ChangeOperation.ERASE, ChangeOperation.UPSERT]  # the first grant's unsent state went
    with gate.services.station.read() as uow:
        assert uow.session.get(Tombstone, ("right_grant", record_id)) is None
