"""The service's complete export: every record kind in open formats, in a zip sealed with a passphrase.

The records are read in one snapshot (a read transaction: saves go on), the
right checked in it: an administrator, or the EXPORT right on every
compartment exported. The archive is written under a temporary name and
renamed once complete; the export is then journaled with its motive (and the
file removed if that entry cannot be written).
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson
from sqlalchemy.orm import Session

from app import __version__
from app.audit.actor import Actor
from app.backup import export_format as fmt
from app.backup import rows
from app.backup.sealed import SealedWriter
from app.errors import QT_TRANSLATE_NOOP, AccessDenied, InvalidInput
from app.kernel.kinds import RecordKind
from app.kernel.motives import checked_motive
from app.kernel.rights import ADMINISTRATION, COMPARTMENT_LABELS, Access, Compartment, holds, role_now
from app.kernel.work import Kernel
from app.models import Operation, Role
from app.store.attachments import BlobStore

Progress = Callable[[int, int], None]
MIN_PASSPHRASE = 12


@dataclass(frozen=True)
class Exported:
    path: Path
    records: int
    counts: dict[str, int]


class ExportService:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.station = kernel.station

    def export(self, actor: Actor, out: Path | str, passphrase: str, motive: str | None,
               progress: Progress | None = None) -> Exported:
        out = Path(out)
        if len(passphrase) < MIN_PASSPHRASE:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The passphrase must have at least %n characters.", None, 1),
                               count=MIN_PASSPHRASE)
        if not out.parent.is_dir():
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The folder {path} does not exist."), path=str(out.parent))
        partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
        try:
            with open(partial, "xb") as handle:
                counts, reason = self._write(actor, handle, passphrase, motive or "", progress)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        try:
            self._journal(actor, out, counts, reason)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        return Exported(out, sum(counts.values()), counts)

    def _kinds(self) -> list[RecordKind]:
        return [*self.kernel.kinds, *fmt.STATION_TABLES]

    def _write(self, actor: Actor, handle, passphrase: str, motive: str,
               progress: Progress | None) -> tuple[dict[str, int], str]:
        with self.station.read() as uow:
            session = uow.session
            refused = self._refused(session, actor)
            if refused is None:
                reason = checked_motive(session, "export", motive)
                sealed = SealedWriter(handle, passphrase, self.station.deps.kdf.params())
                with zipfile.ZipFile(sealed, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                    counts = _Archive(archive, session, BlobStore(self.station.paths.attachments,
                                                                  self.station.clock)).fill(
                        self._kinds(), progress, self._about(actor))
                sealed.finish()
                return counts, reason
        self._refuse(actor, refused)
        raise AssertionError("unreachable")  # _refuse raises

    def _refused(self, session: Session, actor: Actor) -> str | None:
        """The first compartment *actor* may not export, or None.

        The station's administration (accounts without their passwords, settings, rights) is not a
        compartment of the matrix: it goes with the data, whoever holds the right to all of them.
        """
        if role_now(session, actor) == str(Role.ADMINISTRATEUR):
            return None
        for compartment in sorted({kind.compartment for kind in self.kernel.kinds} - {ADMINISTRATION}):
            if not holds(session, actor, Compartment(compartment), Access.EXPORT):
                return compartment
        return None

    def _refuse(self, actor: Actor, compartment: str) -> None:
        self.station.rights.require_compartment(actor, Compartment(compartment), Access.EXPORT)
        raise AccessDenied(what=COMPARTMENT_LABELS[Compartment(compartment)])

    def _about(self, actor: Actor) -> dict:
        details = self.station.details
        return {"station_id": details.id, "service_name": details.service_name, "commune": details.commune,
                "insee_code": details.insee_code, "department": details.department,
                "made_at": self.kernel.clock.now().isoformat(), "made_by": actor.login,
                "vigie_version": __version__}

    def _journal(self, actor: Actor, out: Path, counts: dict[str, int], motive: str) -> None:
        with self.kernel.system(ADMINISTRATION) as work:
            work.journal(Operation.EXPORT, self.station.id, kind="export", motive=motive, actor=actor,
                         detail=f"complete export {out.name}: {sum(counts.values())} records")
            work.commit()


class _Archive:
    """Members written one by one; the hash of each kept for the manifest, written last."""

    def __init__(self, archive: zipfile.ZipFile, session: Session, blobs: BlobStore) -> None:
        self.archive = archive
        self.session = session
        self.blobs = blobs
        self.hashes: dict[str, str] = {}

    def put(self, name: str, data: bytes) -> None:
        self.hashes[name] = hashlib.sha256(data).hexdigest()
        self.archive.writestr(name, data)

    def fill(self, kinds: list[RecordKind], progress: Progress | None, about: dict) -> dict[str, int]:
        counts: dict[str, int] = {}
        for index, kind in enumerate(kinds):
            counts[kind.name] = self._kind(kind)
            self.put(f"schema/{kind.name}.schema.json", _json(fmt.json_schema(kind)))
            if progress is not None:
                progress(index + 1, len(kinds))
        readme = fmt.README_TEXT.format(service=about["service_name"], commune=about["commune"],
                                        insee=about["insee_code"], date=about["made_at"], author=about["made_by"])
        self.put(fmt.README, readme.encode("utf-8"))
        manifest = {"format": fmt.FORMAT, **about, "counts": counts, "files": self.hashes}
        self.archive.writestr(fmt.MANIFEST, _json(manifest))
        return counts

    def _kind(self, kind: RecordKind) -> int:
        lines: list[bytes] = []
        blob_fields = fmt.blob_fields(kind)
        for payload in rows.payloads(self.session, kind):
            lines.append(orjson.dumps(payload, option=orjson.OPT_APPEND_NEWLINE))  # compact UTF-8 JSON, a line
            for field in blob_fields:
                if payload.get(field):
                    self._attachment(kind, payload, field)
        self.put(fmt.member(kind), b"".join(lines))
        return len(lines)

    def _attachment(self, kind: RecordKind, payload: dict, field: str) -> None:
        record_id = "|".join(str(payload[name]) for name in kind.key)
        name = fmt.attachment_member(kind, record_id, field,
                                     str(payload.get("filename") or payload[field]))
        self.put(name, self.blobs.get(self.session, payload[field], shown_as=str(payload.get("filename", ""))))


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
