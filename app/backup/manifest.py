"""A backup's manifest: what it holds, and a MAC that only its database key can make.

The key that authenticates the manifest is derived from the database key, so
whoever opens the backup (the recovery code unwraps that key) can tell that
neither the manifest nor, through its hashes, any file was changed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "vigie-backup-1"
NAME = "manifest.json"
DATABASE = "vigie.db"
KEYS = "station.keys"


class ManifestError(Exception):
    """Not a manifest of this format, or one whose MAC does not hold."""


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    station_id: str
    service_name: str
    commune: str
    insee_code: str
    department: str
    made_at: datetime
    vigie_version: str
    schema_revision: str
    counts: dict[str, int]
    journal_seq: int
    journal_hash: str
    # The seal (forward-secure, app/audit/seal.py) of the journal's last entry: with the journal's head, what a
    # restore compares, so that a journal rolled back or cut off shows.
    sealed_head: str | None = None
    files: dict[str, FileEntry] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = FORMAT
        data["made_at"] = self.made_at.astimezone(UTC).isoformat()
        return data

    def sealed(self, db_key: bytes) -> bytes:
        body = self.body()
        body["mac"] = _mac(db_key, body)
        return json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _mac_key(db_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"vigie backup manifest v1").derive(db_key)


def _mac(db_key: bytes, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hmac.new(_mac_key(db_key), canonical, hashlib.sha256).hexdigest()


def read_unverified(folder: Path) -> dict[str, Any]:
    """The manifest as written, before its MAC is checked (to find the station and the keys)."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ManifestError("no readable manifest") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError("not a Vigie backup")
    return data


def made_at_of(folder: Path) -> datetime | None:
    """When the backup in *folder* was made, from its manifest; None when it has none."""
    try:
        return datetime.fromisoformat(read_unverified(folder)["made_at"])
    except (ManifestError, KeyError, TypeError, ValueError):
        return None


def verified(data: dict[str, Any], db_key: bytes) -> Manifest:
    """The manifest, once its MAC holds under *db_key*."""
    body = {name: value for name, value in data.items() if name != "mac"}
    given = data.get("mac")
    if not isinstance(given, str) or not hmac.compare_digest(given, _mac(db_key, body)):
        raise ManifestError("the manifest was altered")
    try:
        files = {name: FileEntry(int(e["size"]), str(e["sha256"])) for name, e in body["files"].items()}
        return Manifest(
            station_id=body["station_id"], service_name=body["service_name"], commune=body["commune"],
            insee_code=body["insee_code"], department=body["department"],
            made_at=datetime.fromisoformat(body["made_at"]), vigie_version=body["vigie_version"],
            schema_revision=body["schema_revision"], counts={k: int(v) for k, v in body["counts"].items()},
            journal_seq=int(body["journal_seq"]), journal_hash=str(body["journal_hash"]),
            sealed_head=body.get("sealed_head"), files=files,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ManifestError("the manifest is incomplete") from exc
