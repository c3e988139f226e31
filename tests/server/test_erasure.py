"""The server forgets what a station erased: once a station pushes the erasure of a record (retention, a
court outcome), a real server on loopback, on SQLite and on PostgreSQL, holds none of that record's
earlier ciphertexts (its dump searched for them), keeps the erasure for the other stations, and answers
a stale write to the record with a conflict without storing it."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator

import httpx2
import pytest

from app.sync import protocol
from tests.server.helpers import ServiceKeys, Station, change, local_digest
from tests.server.processes import ServerProcess
from tests.server.test_blind import dump
from tests.server.test_faults import enrol_two_devices


@pytest.fixture
def server(database_url: str) -> Iterator[ServerProcess]:
    started = ServerProcess(database_url).start()
    yield started
    started.stop()


def erasure(keys: ServiceKeys, kind: str, record_id: str, base_seq: int) -> protocol.Change:
    tombstone = change(keys, kind, record_id, {"operation": "erase"}, base_seq=base_seq)
    tombstone["erasure"] = True
    return tombstone


def traces(ciphertext_b64: str) -> list[bytes]:
    """Pieces of a ciphertext as a dump could hold them: raw bytes (its start, middle and end), base64."""
    raw = protocol.b64decode(ciphertext_b64)
    return [raw[:24], raw[len(raw) // 2:len(raw) // 2 + 24], raw[-24:], ciphertext_b64[:32].encode(),
            base64.b16encode(raw[:24]).lower()]


def found(content: bytes, changes: list[protocol.Change]) -> list[bytes]:
    return [piece for c in changes for piece in traces(c["ciphertext"]) if piece in content]


def test_an_erasure_leaves_only_its_tombstone_on_the_server(server: ServerProcess, database_url: str):
    keys = ServiceKeys()
    enrolments = enrol_two_devices(database_url)
    with httpx2.Client(base_url=server.url, timeout=30) as http:
        accueil, bureau = Station(http, enrolments[0]), Station(http, enrolments[1])
        erased_id, kept_id = str(uuid.uuid4()), str(uuid.uuid4())
        first = change(keys, "logbook_entry", erased_id, {"narrative": "Différend, M. Lefebvre, 12 rue Pasteur"})
        kept = change(keys, "logbook_entry", kept_id, {"narrative": "Chien errant, place du Marché"})
        (stored, _kept) = accueil.push([first, kept])
        second = change(keys, "logbook_entry", erased_id, {"narrative": "Suite : plainte retirée"},
                        base_seq=stored["seq"])
        (stored_second,) = accueil.push([second])
        assert len(bureau.pull_all()) == 3  # the other station holds both states, and the kept record
        assert found(dump(database_url), [first, second, kept]) != []  # the search finds what is there

        tombstone = erasure(keys, "logbook_entry", erased_id, stored_second["seq"])
        (result,) = accueil.push([tombstone])
        assert result["status"] == protocol.STORED and result["seq"] == stored_second["seq"] + 1

        content = dump(database_url)
        assert found(content, [first, second]) == []
        assert found(content, [kept]) != [] and found(content, [tombstone]) != []

        # The other station, from its checkpoint, and a new one, from nothing, learn of the erasure.
        (pulled,) = bureau.pull_all(after=stored_second["seq"])
        assert pulled["mutation_id"] == tombstone["mutation_id"]
        assert keys.open(pulled["handle"], protocol.b64decode(pulled["ciphertext"]))["operation"] == "erase"
        everything = bureau.pull_all()
        assert [e["mutation_id"] for e in everything] == [kept["mutation_id"], tombstone["mutation_id"]]
        assert bureau.digest(result["seq"]) == local_digest(everything, result["seq"])

        # A stale write (a station that had not heard of the erasure) is a conflict and is not stored; the
        # same erasure from another station is the erasure already held; neither brings anything back.
        stale = change(keys, "logbook_entry", erased_id, {"narrative": "Ajout : témoin M. Lefebvre"},
                       base_seq=stored_second["seq"])
        again = erasure(keys, "logbook_entry", erased_id, stored_second["seq"])
        answers = bureau.push([stale, again])
        assert [(a["status"], a["seq"], a["head_seq"]) for a in answers] == [
            (protocol.CONFLICT, result["seq"], result["seq"]), (protocol.DUPLICATE, result["seq"], result["seq"])]
        assert found(dump(database_url), [first, second, stale, again]) == []
        assert [e["mutation_id"] for e in bureau.pull_all()] == [kept["mutation_id"], tombstone["mutation_id"]]
        # The state pushed first again (a retry after a restore) is no longer known: refused the same way.
        assert accueil.push([first])[0]["status"] == protocol.CONFLICT
