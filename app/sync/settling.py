"""The records "à arbitrer": two versions of one record that stations made apart, as the resolution
screen shows them, and a person's settlement, which becomes a new version of the record that syncs
and settles the conflict on every station (docs/sync.md, "Conflicts")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.actor import Actor
from app.audit.stations import StationLabel, station_numbers
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, VigieError
from app.kernel.rights import Permission
from app.kernel.work import Kernel
from app.models import Operation
from app.models.sync import SyncAccount, SyncConflict


@dataclass(frozen=True)
class Provenance:
    """Who made a version, when, and on which station, as far as this station knows: a kind without an
    author field has no author, and the station of a version pulled from the server is not kept."""

    author: str = ""  # the officer's name as the accounts give it
    at: datetime | None = None
    station: StationLabel | None = None


@dataclass(frozen=True)
class Conflict:
    """Two versions of one record, field by field, for the resolution screen."""

    id: int
    record_kind: str
    record_id: str
    compartment: str
    kept: dict
    other: dict
    kept_station: str = ""  # the station that made each version ("" when not known here)
    other_station: str = ""
    # The service's own labels of codes the versions hold (a nature's "tapage": "Tapage / nuisances sonores").
    labels: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # Who made the version in the table and the concurrent one (described()).
    provenance: tuple[Provenance, Provenance] = field(default=(Provenance(), Provenance()), compare=False)

    @property
    def differing(self) -> list[str]:
        return sorted(name for name in set(self.kept) | set(self.other) if self.kept.get(name) != self.other.get(name))


def list_conflicts(kernel: Kernel) -> list[Conflict]:
    import json

    with kernel.station.read() as uow:
        rows = uow.session.scalars(select(SyncConflict).order_by(SyncConflict.id)).all()
        return [Conflict(r.id, r.record_kind, r.record_id, r.compartment, json.loads(r.kept_payload),
                         json.loads(r.other_payload), r.kept_station, r.other_station) for r in rows]


def described(session: Session, station_id: str, found: list[Conflict]) -> list[Conflict]:
    """The conflicts as a person reads them: the nature codes by their labels, and who made each version,
    when and where (the station's number in the service)."""
    from app.kernel.settings import read_setting
    from app.models import LogbookNature, User

    if not found:
        return []
    natures = dict(session.execute(select(LogbookNature.code, LogbookNature.label)).all())
    authors = {str(c.get("updated_by") or "") for conflict in found for c in (conflict.kept, conflict.other)}
    names = dict(session.execute(select(User.id, User.full_name).where(User.id.in_(authors - {""}))).all())
    stations = {station: StationLabel(station, number)
                for station, number in station_numbers(session.connection().connection).items()}
    stations[station_id] = StationLabel(station_id, int(read_setting(session, "station_number")), own=True)

    def made(version: dict, station: str) -> Provenance:
        return Provenance(names.get(str(version.get("updated_by") or ""), ""), _moment(version.get("updated_at")),
                          stations.get(station) or (StationLabel(station, None) if station else None))

    return [replace(conflict, labels={"nature_code": natures},
                    provenance=(made(conflict.kept, conflict.kept_station),
                                made(conflict.other, conflict.other_station)))
            for conflict in found]


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class ConflictGone(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "This record was settled meanwhile, on this station or on another one: "
                                          "nothing was changed, and the list is read again.")


def resolve_conflict(kernel: Kernel, actor: Actor, conflict: Conflict, chosen: dict) -> None:
    """A person's settlement: *chosen* (one version, or a field-by-field merge) becomes a new version
    of the record, which syncs and settles the conflict on every station."""
    from app.kernel.rights import Access, Compartment
    from app.sync.apply import _typed_key
    from app.sync.pull_conflicts import RESOLVED
    from app.models.sync import SyncHead
    from sqlalchemy import delete

    kind = kernel.kinds[conflict.record_kind]
    unknown = set(chosen) - set(kind.fields)
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A field that this record does not have was given."))
    compartment = Compartment(kind.compartment) if kind.compartment in set(Compartment) else None
    context = (kernel.work(actor, compartment, Access.WRITE) if compartment is not None
               else kernel.administer(actor, Permission.ADMINISTER_STATION))
    with context as work:
        if work.session.get(SyncConflict, conflict.id) is None:  # read in the transaction that settles it
            raise ConflictGone
        key = tuple(conflict.record_id.split("|")) if len(kind.key) > 1 else conflict.record_id
        record = work.session.get(kind.model, _typed_key(kind, key))
        if record is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "This record no longer exists here."))
        values = {**kind.payload(record), **chosen}
        if "version" in kind.fields:
            values["version"] = max(int(conflict.kept.get("version", 1)), int(conflict.other.get("version", 1)),
                                    int(getattr(record, "version", 1))) + 1
        kind.apply(record, values)
        if kind.settled is not None:
            kind.settled(work, record, (conflict.kept, conflict.other))
        work.session.flush()
        work.queue(record)
        from app.sync.envelope import ServiceKeys

        account = work.session.get(SyncAccount, 1)
        if account is not None:
            handle = ServiceKeys(account.sync_key, account.handle_key).handle(kind.name, conflict.record_id)
            head = work.session.get(SyncHead, handle)
            if head is not None:
                head.shadow = RESOLVED
        work.session.execute(delete(SyncConflict).where(SyncConflict.record_kind == kind.name,
                                                        SyncConflict.record_id == conflict.record_id))
        work.journal(Operation.MODIFY, conflict.record_id, kind=kind.name, detail="sync conflict settled")
        work.changed("sync")
        work.commit()
