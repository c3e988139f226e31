"""The server is blind: after a demo-like sync (records of the main courante and the écrits with
people, places, numbers; attachments; a pairing), a dump of its database, SQLite or PostgreSQL, holds
none of the demo's names, places, numbers, record ids, record kinds, compartments or field names."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi.testclient import TestClient
from sqlalchemy import make_url, select

from app.demo import FIRST_NAMES, LAST_NAMES, STREETS
from app.server import db
from app.server.models import Base
from app.crypto import aead
from app.sync import protocol
from app.sync.envelope import Change, ServiceKeys, open_envelope, seal_change, seal_keys
from tests.server.helpers import Station

KINDS = ("logbook_entry", "writing_document", "journal_entry", "user_credentials")
# Field names of the stations' payloads ("address" is left out: the access log has a column of that name,
# the client's network address; the places themselves are searched for).
FIELDS = ("narrative", "people", "full_name", "compartment", "main_courante", "ecrits", "Montclair")


def demo_records(rng: random.Random, count: int) -> list[tuple[str, str, dict[str, object]]]:
    records: list[tuple[str, str, dict[str, object]]] = []
    for number in range(1, count + 1):
        person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        records.append((rng.choice(KINDS), str(uuid.uuid4()), {
            "compartment": rng.choice(("main_courante", "ecrits")), "number": f"2026/{number:05d}",
            "address": f"{rng.randint(1, 99)} {rng.choice(STREETS)}, Montclair",
            "people": [{"full_name": person, "role": "victim",
                        "phone": f"06 {rng.randint(10, 99)} 42 17 {number % 90 + 10}"}],
            "narrative": f"Appel de {person} pour un différend de voisinage, constat sur place."}))
    return records


def dump(database_url: str) -> bytes:
    """Every value of every table, bytes as they are stored, plus the database's own files or pg_dump."""
    parts: list[bytes] = []
    engine = db.make_engine(database_url, pool_size=1)
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.extend(v if isinstance(v, bytes) else str(v).encode() for v in row)
    engine.dispose()
    url = make_url(database_url)
    if url.drivername.startswith("sqlite"):
        folder = Path(str(url.database)).parent
        for path in folder.glob(f"{db.DATABASE_FILE}*"):  # the file and its WAL
            # Read by another process: closing a descriptor of the file in this one would drop the
            # POSIX locks that this process's SQLite connections hold on it.
            parts.append(subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout)
    elif shutil.which("pg_dump"):
        env = {**os.environ, "PGHOST": url.host or "", "PGPORT": str(url.port or 5432), "PGUSER": url.username or "",
               "PGPASSWORD": url.password or "", "PGDATABASE": url.database or ""}
        # The server's schema only: the other test workers' servers share the database, in schemas of their own
        # (tests/server/conftest.py), and hold the names of their own tests' services.
        schema = str(url.query.get("options", "")).removeprefix("-csearch_path=")
        only = ("--strict-names", "--schema", schema) if schema else ()
        parts.append(subprocess.run(["pg_dump", "--no-owner", *only], env=env, capture_output=True, check=True).stdout)
    return b"\n".join(parts)


def test_the_servers_database_holds_nothing_readable(client: TestClient, station: Station, database_url: str):
    """Envelopes, an attachment's chunk and sealed keys made by the station's own code (app/sync/envelope.py)."""
    keys = ServiceKeys.draw()
    counter = iter(range(1, 10 ** 6))

    def envelope(kind: str, record_id: str, payload: dict[str, object], base_seq: int | None = None
                 ) -> protocol.Change:
        mutation_id = str(uuid.uuid4())
        handle, ciphertext = seal_change(keys, station.tenant_id, mutation_id,
                                         Change(kind, record_id, "upsert", payload, "Accueil", next(counter)))
        return {"mutation_id": mutation_id, "handle": handle, "base_seq": base_seq,
                "ciphertext": protocol.b64encode(ciphertext)}

    records = demo_records(random.Random(11), 120)
    results = station.push([envelope(kind, record_id, payload) for kind, record_id, payload in records])
    later = {"narrative": "Suite : médiation acceptée par Dupont."}
    station.push([envelope(kind, record_id, {**payload, **later}, base_seq=result["seq"])
                  for (kind, record_id, payload), result in zip(records[:20], results)])
    photo = aead.encrypt(keys.sync_key, protocol.pad(b"photo_Dupont_rue_Pasteur.jpg" + b"x" * 3000), b"chunk")
    assert client.put(protocol.chunk_path("9" * 64, 0), content=photo, headers=station.headers).status_code == 204
    newcomer = X25519PrivateKey.generate().public_key().public_bytes_raw()
    opened = client.post(protocol.PAIRINGS, json={"public_key": protocol.b64encode(newcomer)}).json()
    sealed = seal_keys(keys, newcomer, station.tenant_id)
    assert client.post(protocol.approve_path(opened["pairing_code"]), headers=station.headers,
                       json={"sealed_keys": protocol.b64encode(sealed), "device_name": "Poste 2"}).status_code == 200
    # The station reads back what it wrote: the search below would find it were it stored in clear.
    first = station.pull_all()[0]
    opened_first = open_envelope(keys, station.tenant_id, first["handle"], first["mutation_id"],
                                 protocol.b64decode(first["ciphertext"]))
    assert opened_first.payload["number"] == "2026/00001"

    content = dump(database_url)
    assert len(content) > 120 * 512  # the envelopes are in it, padded
    terms = {*FIRST_NAMES, *LAST_NAMES, *STREETS, *KINDS, *FIELDS, "2026/00001", "médiation", "voisinage",
             *(record_id for _kind, record_id, _payload in records),
             *re.findall(r"06 \d\d 42 17 \d\d", json.dumps(records, ensure_ascii=False))}
    terms = {term for term in terms if len(term) >= 4}
    found = sorted(term for term in terms if term.encode() in content or term.lower().encode() in content.lower())
    assert found == []
