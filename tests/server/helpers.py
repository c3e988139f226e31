"""A station as the server meets it in these tests: tokens, encrypted envelopes (AES-256-GCM over a
padded payload, keyed-hash handles, as the contract says), push with retries, pull to the end."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx2
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import text

from app.server import db
from app.sync import protocol


@dataclass
class ServiceKeys:
    """What only a service's stations hold: the sync key and the key of the handles."""

    sync_key: bytes = field(default_factory=lambda: AESGCM.generate_key(bit_length=256))
    handle_key: bytes = field(default_factory=lambda: os.urandom(32))

    def handle(self, kind: str, record_id: str) -> str:
        return hmac.new(self.handle_key, f"{kind}\x00{record_id}".encode(), hashlib.sha256).hexdigest()

    def seal(self, handle: str, payload: dict[str, Any]) -> bytes:
        nonce = os.urandom(12)
        plain = protocol.pad(json.dumps(payload, ensure_ascii=False).encode())
        return nonce + AESGCM(self.sync_key).encrypt(nonce, plain, handle.encode())

    def open(self, handle: str, ciphertext: bytes) -> dict[str, Any]:
        plain = AESGCM(self.sync_key).decrypt(ciphertext[:12], ciphertext[12:], handle.encode())
        result: dict[str, Any] = json.loads(protocol.unpad(plain))
        return result


def change(keys: ServiceKeys, kind: str, record_id: str, payload: dict[str, Any],
           base_seq: int | None = None, mutation_id: str | None = None) -> protocol.Change:
    handle = keys.handle(kind, record_id)
    return {"mutation_id": mutation_id or str(uuid.uuid4()), "handle": handle, "base_seq": base_seq,
            "ciphertext": protocol.b64encode(keys.seal(handle, {"kind": kind, "id": record_id, **payload}))}


def plain_change(handle_char: str = "a", base_seq: int | None = None, size: int = 540) -> protocol.Change:
    return {"mutation_id": str(uuid.uuid4()), "handle": handle_char * 64, "base_seq": base_seq,
            "ciphertext": protocol.b64encode(os.urandom(size))}


class Station:
    def __init__(self, http: httpx2.Client, enrolment: protocol.Enrolment) -> None:
        self.http = http
        self.tenant_id = enrolment["tenant_id"]
        self.device_id = enrolment["device_id"]
        self.token = enrolment["device_token"]

    @classmethod
    def register(cls, http: httpx2.Client, registration_token: str, name: str) -> Station:
        answer = http.post(protocol.REGISTER, json={"registration_token": registration_token, "device_name": name})
        assert answer.status_code == 200, answer.text
        return cls(http, answer.json())

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push(self, changes: list[protocol.Change]) -> list[protocol.PushResult]:
        answer = self.http.post(protocol.PUSH, json={"changes": changes}, headers=self.headers)
        assert answer.status_code == 200, answer.text
        results: list[protocol.PushResult] = answer.json()["results"]
        return results

    def pull_all(self, after: int = 0, limit: int = 500) -> list[protocol.Envelope]:
        envelopes: list[protocol.Envelope] = []
        while True:
            answer = self.http.get(protocol.PULL, params={"after": after, "limit": limit}, headers=self.headers)
            assert answer.status_code == 200, answer.text
            page: protocol.PullResponse = answer.json()
            envelopes.extend(page["envelopes"])
            after = page["last_seq"]
            if not page["more"]:
                return envelopes

    def digest(self, upto: int) -> protocol.DigestResponse:
        """The count and digest (what two sides compare)."""
        result = self._digest_answer(upto)
        return {"count": result["count"], "digest": result["digest"]}

    def backed_up(self) -> int:
        """Up to which seq every kept backup copy holds this tenant's envelopes, as the digest says it."""
        return int(self._digest_answer(0)["backed_up"])

    def _digest_answer(self, upto: int) -> protocol.DigestResponse:
        answer = self.http.get(protocol.DIGEST, params={"upto": upto}, headers=self.headers)
        assert answer.status_code == 200, answer.text
        result: protocol.DigestResponse = answer.json()
        return result


def local_digest(envelopes: list[protocol.Envelope], upto: int) -> protocol.DigestResponse:
    return protocol.digest((e["seq"], e["handle"], protocol.b64decode(e["ciphertext"]))
                           for e in envelopes if e["seq"] <= upto)


_REFUSE_ACCESS = {  # (create, drop) a trigger that makes the database refuse the access log's rows
    "postgresql": (
        ["CREATE FUNCTION refuse_access() RETURNS trigger LANGUAGE plpgsql AS "
         "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
         "CREATE TRIGGER refuse_access BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_access()"],
        ["DROP TRIGGER refuse_access ON access_log", "DROP FUNCTION refuse_access()"]),
    "sqlite": (
        ["CREATE TRIGGER refuse_access BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END"],
        ["DROP TRIGGER refuse_access"]),
}


def refuse_access_rows(settings: Any, refused: bool) -> None:
    """The database itself refuses the access log's rows (as a full disk or a lost connection would)."""
    engine = db.make_engine(settings.database_url, pool_size=1)
    create, drop = _REFUSE_ACCESS[engine.dialect.name]
    with engine.begin() as connection:
        for statement in create if refused else drop:
            connection.execute(text(statement))
    engine.dispose()
