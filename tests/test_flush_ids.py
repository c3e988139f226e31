"""Record ids as new_id writes them: the canonical text of a UUIDv7, in the order they were made."""

from __future__ import annotations

import time
import uuid

from app.ids import new_id, uuid7


def test_new_id_is_the_canonical_text_of_a_uuidv7_carrying_the_time():
    before = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(3000)]
    after = time.time_ns() // 1_000_000
    for text in ids:
        value = uuid.UUID(text)
        assert str(value) == text and value.version == 7 and value.variant == uuid.RFC_4122
        assert before <= value.int >> 80 <= after + 1
    assert len(set(ids)) == len(ids)


def test_ids_from_new_id_and_uuid7_increase_together_within_one_millisecond():
    made = [new_id() if index % 2 else str(uuid7()) for index in range(3000)]
    assert made == sorted(made)


def test_a_record_has_its_id_as_it_is_made_and_keeps_one_it_is_given():
    from app.models import LogbookNature, User

    made, given = User(login="ajoly"), User(login="bjoly", id="01a2c0de-0000-7000-8000-000000000001")
    assert uuid.UUID(made.id).version == 7 and given.id == "01a2c0de-0000-7000-8000-000000000001"
    assert User(login="cjoly", id=None).id  # None, as for the column's default, asks for a new one
    assert LogbookNature().code is None  # a natural key is never made up
