"""Sealing each journal entry as it is written, inside the transaction that writes it.

The entry's tag is made with the key of its position; the next key waits in
the session until the transaction commits, and only then overwrites the
state file (app/audit/sealstate.py). A transaction that rolls back leaves the
state as it was, so its entry's position is used again by the next entry:
nothing of it was ever committed. The state never runs ahead of the database
by itself; when it is ahead (the newest entries were deleted, or an older
copy of the database was put back), the next entry takes the state's
position: a gap that verification names, never a sequence number used twice.

The seal's generations (each with its seed sealed to the service's key) are
kept in the station's row (`station.journal_seals`, JSON), the service's
public key in the setting `journal_verification_key`, which syncs: a station
that joins through sync begins sealing at its first entry, with a seed of its
own, and needs no new verification code.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.audit import seal, sealstate
from app.audit.sealstate import SealState
from app.store.database import DATABASE

log = logging.getLogger("vigie.journal")

SETTING = "journal_verification_key"  # the service's public sealing key, hex (a setting row: it syncs)
PENDING = "vigie.journal_seal"
# The sealer whose state file ensure() found usable in this transaction: its entry's position() takes that
# state without looking at the file again (one stat per journaled action, not two).
CHECKED = "vigie.journal_seal_checked"

_GENERATIONS = text("SELECT journal_seals FROM station WHERE id = :id")
_SAVE_GENERATIONS = text("UPDATE station SET journal_seals = :seals WHERE id = :id")
_SERVICE_KEY = text("SELECT value FROM settings WHERE name = :name")


@dataclass(frozen=True)
class Generation:
    """One seal: from entry *first_seq* on, keys come from the seed sealed here."""

    generation: int
    first_seq: int
    service_key: str  # hex of the service's public key the seed is sealed to
    sealed_seed: str  # base64 (app/audit/seal.py, seal_seed)
    origin: str  # seal.ORIGIN_*


def parse_generations(value: str | None) -> list[Generation]:
    """The generations a station row holds; an unreadable value holds none (verification says so)."""
    try:
        items = json.loads(value or "[]")
        return [Generation(int(g["generation"]), int(g["first_seq"]), str(g["service_key"]),
                           str(g["sealed_seed"]), str(g["origin"])) for g in items]
    except (ValueError, TypeError, KeyError):
        return []


def read_generations(session: Session, station_id: str) -> list[Generation]:
    return parse_generations(session.execute(_GENERATIONS, {"id": station_id}).scalar())


@dataclass
class _Pending:
    sealer: Sealer
    state: SealState
    generations: list[Generation]


class Sealer:
    """The seal of one station's journal: positions and keys, and the state file after each commit."""

    def __init__(self, station_id: str, path: Path) -> None:
        self.station_id = station_id
        self.path = path
        self._file = sealstate.StateFile(path)  # held open: one pread, then one pwrite, per journaled action
        self._generations: list[Generation] | None = None
        self._state: SealState | None = None
        self._record: bytes | None = None  # the state file's bytes as this sealer last wrote or read them
        self._warned_ahead = 0
        self._closes_with: object = None  # the Database whose closing closes the state file

    # -- in the writing transaction ------------------------------------------------------------

    def ensure(self, session: Session, seq: int) -> Generation | None:
        """Make sure entry *seq* can be sealed; returns the generation begun for it, if one was.

        A station whose state file is missing, damaged or not of its newest
        generation begins a new generation (it cannot make the old keys again);
        a station with no generation yet and the service's key begins its first.
        """
        pending = session.info.get(PENDING)
        if pending is not None and pending.sealer is self:
            return None
        session.info.pop(CHECKED, None)  # only this call's own finding counts
        database = session.info.get(DATABASE)
        if database is not None and database is not self._closes_with:
            database.on_close(self._file.close)  # the state file is held open until the station closes
            self._closes_with = database
        first_use = self._generations is None
        generations = self._generations_of(session, reload=False)
        if first_use and generations:
            joined = self._service_key(session)
            if joined is not None and joined.hex() != generations[-1].service_key:
                # The service's key reached this station through sync: from now on it seals to it.
                return self.begin(session, joined, seal.new_seed(), seal.ORIGIN_JOINED, self._start(seq))
        if generations and self._usable(self._file_state(), generations):
            session.info[CHECKED] = self
            return None
        generations = self._generations_of(session, reload=True)
        if generations and self._usable(self._file_state(), generations):
            session.info[CHECKED] = self
            return None
        if generations:
            service = bytes.fromhex(generations[-1].service_key)
            origin = seal.ORIGIN_RESTARTED
            seq = self._start(seq)
            log.warning("the journal seal state %s is missing or stale: a new seal begins at entry %d", self.path, seq)
        else:
            found = self._service_key(session)
            if found is None:
                return None  # a station made before sealing, without the service's key: not sealed
            service, origin = found, seal.ORIGIN_JOINED
        return self.begin(session, service, seal.new_seed(), origin, seq)

    def _start(self, seq: int) -> int:
        """Where a new generation begins: at *seq*, or where the old state had reached if that is further."""
        state = self._file_state()
        return max(seq, state.next_seq) if state is not None and state.station_id == self.station_id else seq

    @staticmethod
    def _service_key(session: Session) -> bytes | None:
        value = session.execute(_SERVICE_KEY, {"name": SETTING}).scalar()
        try:
            key = bytes.fromhex(json.loads(value)) if value is not None else None
        except (ValueError, TypeError):
            log.warning("the setting %s is not a public key", SETTING)
            return None
        return key if key is not None and len(key) == 32 else None

    def begin(self, session: Session, service_public: bytes, seed: bytes, origin: str, first_seq: int) -> Generation:
        """A new generation of the seal from entry *first_seq*, its seed sealed to *service_public*."""
        generations = self._generations_of(session, reload=True)
        number = generations[-1].generation + 1 if generations else 1
        generation = Generation(number, first_seq, service_public.hex(),
                                seal.seal_seed(service_public, seed, self.station_id, number), origin)
        generations = [*generations, generation]
        session.execute(_SAVE_GENERATIONS, {"id": self.station_id,
                                            "seals": json.dumps([asdict(g) for g in generations])})
        state = SealState(self.station_id, number, first_seq, seal.first_key(seed, self.station_id, number))
        session.info[PENDING] = _Pending(self, state, generations)
        return generation

    def position(self, session: Session, seq: int) -> tuple[int, bytes | None]:
        """The sequence number entry *seq* really takes (the state's, when it is ahead), and its key."""
        pending = session.info.get(PENDING)
        if pending is not None and pending.sealer is self:
            state: SealState | None = pending.state
        elif session.info.get(CHECKED) is self:
            state = self._state  # what ensure() just read and found usable
        else:
            state = self._valid_file_state(session)
        if state is None:
            return seq, None
        if state.next_seq > seq:
            if self._warned_ahead != state.next_seq:
                log.warning("the journal ends before entry %d, which the seal had reached: entries were removed "
                            "or an older copy of the database was put back", state.next_seq)
                self._warned_ahead = state.next_seq
            seq = state.next_seq
        return seq, seal.evolve_by(state.key, seq - state.next_seq)

    def advance(self, session: Session, seq: int, key: bytes) -> None:
        """Entry *seq* was sealed with *key*: the next key waits for the commit."""
        pending = session.info.get(PENDING)
        generations = pending.generations if pending is not None and pending.sealer is self else (
            self._generations or [])
        state = SealState(self.station_id, generations[-1].generation, seq + 1, seal.evolve(key))
        session.info[PENDING] = _Pending(self, state, generations)

    # -- after the commit ----------------------------------------------------------------------

    def committed(self, state: SealState, generations: list[Generation]) -> None:
        self._generations = generations
        try:
            record = self._file.write(state)
        except OSError as exc:  # the state stays behind the journal: the next entry rolls it forward
            log.error("the journal seal state %s could not be written: %s", self.path, exc.strerror or exc)
            return
        self._state = state
        self._record = record

    # -- reading --------------------------------------------------------------------------------

    def _generations_of(self, session: Session, reload: bool) -> list[Generation]:
        if reload or self._generations is None:
            self._generations = read_generations(session, self.station_id)
        return self._generations

    def _file_state(self) -> SealState | None:
        current = self._file.record()
        if current is None:
            return None
        if current != self._record or self._state is None:
            # Read by its path again only when the bytes do not hold a whole record (a write under way).
            self._state = sealstate.decode(current) or sealstate.read(self.path)
            self._record = current
        return self._state

    def _usable(self, state: SealState | None, generations: list[Generation]) -> bool:
        return (state is not None and state.station_id == self.station_id
                and state.generation == generations[-1].generation)

    def _valid_file_state(self, session: Session) -> SealState | None:
        generations = self._generations_of(session, reload=False)
        state = self._file_state()
        return state if generations and self._usable(state, generations) else None


def _after_commit(session: Session) -> None:
    session.info.pop(CHECKED, None)
    pending = session.info.pop(PENDING, None)
    if pending is not None:
        pending.sealer.committed(pending.state, pending.generations)


def _after_rollback(session: Session) -> None:
    session.info.pop(CHECKED, None)
    session.info.pop(PENDING, None)


event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_rollback", _after_rollback)
