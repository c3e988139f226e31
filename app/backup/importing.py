"""Building a new station from an export: checked whole first, then written in one transaction.

The container is authenticated chunk by chunk, the archive's manifest checked
against every member (hashes, counts), and only then is a station made: new
keys, new identity, the records of every kind as they were, the journal as it
was chained (the new station's entries follow it), the attachments stored
again under the new station's key. The administrator named gets the new
password; every other account must be given one by them. A failure at any
step leaves no station behind.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from app.backup import export_format as fmt
from app.backup.errors import ExportRefused
from app.backup.rows import Writer
from app.backup.sealed import ALTERED, NOT_AN_EXPORT, SealedError, SealedReader
from app.crypto.kdf import hash_password
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.kernel import validation
from app.kernel.deps import StationDeps
from app.kernel.kinds import RecordKind, RecordKinds
from app.reasons import os_reason
from app.store.layout import StationPaths

Progress = Callable[[int, int], None]
IMPORT_CACHE_KIB = 256 * 1024  # this connection's page cache while it writes every record (the default: 8 MB)
NO_ADMIN = QT_TRANSLATE_NOOP("errors", "The export holds no active administrator {login}.")


@dataclass(frozen=True)
class Imported:
    records: int
    counts: dict[str, int]
    recovery_code: str


class Export:
    """An opened, checked export: its manifest, and the records of each kind as payloads."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = Path(path)
        try:
            self._reader = SealedReader(self.path, passphrase)
        except SealedError as exc:
            raise ExportRefused(path=str(path), reason=exc.args[0]) from exc
        except OSError as exc:
            raise ExportRefused(path=str(path), reason=os_reason(exc)) from exc
        try:
            self.archive = zipfile.ZipFile(self._reader)
            self.manifest = json.loads(self.archive.read(fmt.MANIFEST))
            if self.manifest.get("format") != fmt.FORMAT:
                raise ValueError(self.manifest.get("format"))
            self._lines: dict[str, bytes] = {}  # the records' members, read once (kept for records())
            for name, digest in self.manifest["files"].items():
                data = self.archive.read(name)
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError(name)
                if name.endswith(".jsonl"):
                    self._lines[name] = data
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
            self.close()
            raise ExportRefused(path=str(path), reason=ALTERED if isinstance(exc, ValueError) else NOT_AN_EXPORT
                                ) from exc

    def records(self, kind: RecordKind) -> list[dict[str, Any]]:
        member = fmt.member(kind)
        if member not in self.manifest["files"]:
            return []
        lines = [line for line in self._lines.pop(member).split(b"\n") if line]
        try:
            payloads = orjson.loads(b"[" + b",".join(lines) + b"]")  # one parse for the whole member
        except ValueError as exc:
            raise ExportRefused(path=str(self.path), reason=ALTERED) from exc
        if len(payloads) != self.manifest["counts"].get(kind.name, -1):
            raise ExportRefused(path=str(self.path), reason=ALTERED)
        return payloads

    def attachment(self, kind: RecordKind, payload: dict[str, Any], field: str) -> bytes:
        record_id = "|".join(str(payload[name]) for name in kind.key)
        return self.archive.read(fmt.attachment_member(kind, record_id, field,
                                                       str(payload.get("filename") or payload[field])))

    def close(self) -> None:
        self._reader.close()


def import_export(path: Path, passphrase: str, paths: StationPaths, deps: StationDeps, kinds: RecordKinds,
                  admin_login: str, admin_password: str, progress: Progress | None = None) -> Imported:
    """A new station in *paths* from the export in *path*; its recovery code is shown once."""
    from app.backup.newstation import build_station

    if not paths.is_empty():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "errors", "The folder {path} is not empty: a new station needs an empty folder."), path=str(paths.root))
    password = validation.password(admin_password, 12)
    export = Export(path, passphrase)
    try:
        loaded = {kind.name: export.records(kind) for kind in [*kinds, *fmt.STATION_TABLES]}
        admin = next((u for u in loaded.get("user", []) if u["login"] == admin_login.strip().casefold()
                      and u["role"] == "administrateur" and u["active"]), None)
        if admin is None:
            raise InvalidInput(NO_ADMIN, login=admin_login)
        code = build_station(paths, deps, export.manifest, admin["id"], admin["login"], password,
                             lambda session, blobs: _fill(session, blobs, export, kinds, loaded, deps, admin["id"],
                                                          password, progress))
    finally:
        export.close()
    counts = {name: len(rows) for name, rows in loaded.items()}
    return Imported(sum(counts.values()), counts, code)


def _fill(session: Session, blobs, export: Export, kinds: RecordKinds, loaded: dict[str, list[dict]],
          deps: StationDeps, admin_id: str, password: str, progress: Progress | None) -> None:
    """Every record in this one transaction (foreign keys checked at its commit).

    The integrity triggers accept a signed document's rows, or a purge's checkpoint, only as the
    station's own work writes them, in its order; here they come back as they were, so the triggers
    are dropped and made again inside this same transaction.
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    session.execute(text(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))  # the indexes' pages stay decrypted in memory
    triggers = session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
    for name, _sql in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    ordered = [*kinds, *fmt.STATION_TABLES]
    for kind in reversed(ordered):  # what the migrations put in a new station (rights, natures, templates)
        session.execute(delete(kind.model))
    for index, kind in enumerate(ordered):
        payloads = loaded[kind.name]
        writer = Writer(session, kind, kind.local)
        columns = writer.columns(payloads)
        for field in fmt.blob_fields(kind):
            columns[field] = [blobs.put(session, export.attachment(kind, payload, field))[0] if payload.get(field)
                              else value for payload, value in zip(payloads, columns[field])]
        if payloads:
            _derive(kind, columns, deps, admin_id, password)
        writer.insert(columns, len(payloads))
        if kind.name == "logbook_entry":
            _index_logbook(session, payloads, columns["search_rowid"], loaded)
        if progress is not None:
            progress(index + 1, len(ordered))
    for _name, sql in triggers:
        session.execute(text(sql))


def _derive(kind: RecordKind, columns: dict[str, list[Any]], deps: StationDeps, admin_id: str, password: str) -> None:
    """The columns each station derives for itself (kinds.py lists them as local), for *kind*'s rows."""
    if kind.name == "user":
        # Nobody knows the other accounts' passwords: one unusable hash (of a secret nobody keeps) for all of
        # them, until the administrator gives each one a password; Argon2id runs twice, not once per account.
        unusable = hash_password(secrets.token_urlsafe(32), deps.kdf.params())
        own = [user_id == admin_id for user_id in columns["id"]]
        own_hash = hash_password(password, deps.kdf.params()) if any(own) else unusable
        columns["password_hash"] = [own_hash if mine else unusable for mine in own]
        columns["must_change_password"] = [not mine for mine in own]
        columns["failed_attempts"] = [0] * len(own)
        columns["locked_until"] = [None] * len(own)
    elif kind.name == "logbook_entry":
        from app.logbook.store import place_key

        columns["place_key"] = [place_key(address or "") for address in columns["address"]]
        columns["search_rowid"] = list(range(1, len(columns["id"]) + 1))  # ids are UUIDv7: the order of recording
    elif kind.name == "natinf_offence":
        from app.writings.natinf import normalized

        columns["search_key"] = [normalized(f"{code} {qualification} {nature}") for code, qualification, nature
                                 in zip(columns["code"], columns["qualification"], columns["nature"])]


def _index_logbook(session: Session, entries: list[dict[str, Any]], rowids: list[int],
                   loaded: dict[str, list[dict]]) -> None:
    """The main courante's search index, as the station builds it when an entry is saved."""
    from app.logbook.store import _INDEX, search_document

    if not entries:
        return
    people: dict[str, list] = defaultdict(list)
    for person in sorted(loaded.get("logbook_person", []), key=lambda p: p["position"]):
        people[person["entry_id"]].append(SimpleNamespace(**person))
    labels = {n["code"]: n["label"] for n in loaded.get("logbook_nature", [])}
    # An entry's text fields are stored as the export holds them: the index is made from its lines
    documents = [search_document(SimpleNamespace(**entry, search_rowid=rowid),  # type: ignore[arg-type]
                                 labels.get(entry["nature_code"], ""), people[entry["id"]])
                 for entry, rowid in zip(entries, rowids)]
    raw = session.connection().connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()  # the same statement as the station's, without SQLAlchemy's work per row
    try:
        cursor.executemany(str(_INDEX), documents)
    finally:
        cursor.close()
