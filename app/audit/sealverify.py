"""Sealed verification of the station's journal: with the journal verification code, the seals.

The chain alone (app/audit/verify.py) catches a changed or removed entry, not
someone holding the station's keys who rewrites entries and recomputes every
hash after them, plants a checkpoint, or deletes the newest entries. Here:

- every entry's seal (app/audit/seal.py) is recomputed from the seed the code
  opens: an entry written again after the key of its position was erased
  does not hold, nor one moved to another position;
- the newest checkpoint holds the seal of the entry it names, and a sealed
  purge entry after it names it, dated past that entry's retention;
- the state file (app/audit/sealstate.py) says how far the station sealed: a
  journal that ends before it lost its newest entries, and its key must be
  the one the code gives for that position;
- a seal begun again (a new generation) is named: what was written just
  before it could have been cut off.

Without the code the chain, the checkpoint's purge entry and the state file's
position are still checked, and the report says what could not be.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from app.audit import seal, sealstate
from app.audit.chain import format_time, parse_time
from app.audit.query import AT, CANONICAL_AT, FETCH, HASH, TAG, RowReader, canonical_at, read_snapshot
from app.audit.sealer import Generation, parse_generations
from app.audit.sealstate import SealState
from app.audit.verify import Finding, Report
from app.audit.verify_fast import EVOLVE, IPAD, IPAD_REST, OPAD, OPAD_REST, verify_journal
from app.crypto import aead
from app.crypto.verification_code import public_key
from app.errors import QT_TRANSLATE_NOOP

BAD_SEAL = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} does not hold its seal: it was changed, moved or written again after the station "
               "had erased the key of its position.")
RESTARTED = QT_TRANSLATE_NOOP(
    "journal", "Entry {seq} begins the journal's seal again (generation {generation}): the station lost its seal "
               "state, and entries written before it could have been removed.")
OTHER_SERVICE = QT_TRANSLATE_NOOP(
    "journal", "The verification code is not that of this service: the seal of generation {generation} "
               "(from entry {seq}) was made for another service key.")
UNOPENED = QT_TRANSLATE_NOOP(
    "journal", "The seal of generation {generation} (from entry {seq}) does not open with this code: it was replaced.")
REPLACED = QT_TRANSLATE_NOOP(
    "journal", "The journal's seal was replaced from entry {seq} on: it is not the one the verification code "
               "gives this station.")
FORGED_CHECKPOINT = QT_TRANSLATE_NOOP(
    "journal", "The checkpoint at entry {seq} does not hold: the station never sealed an entry {seq} with that "
               "hash and date.")
NOT_PURGED = QT_TRANSLATE_NOOP(
    "journal", "Entries up to {seq} are missing: the checkpoint the journal begins from was not left by a purge "
               "(no purge entry names it).")
TOO_EARLY = QT_TRANSLATE_NOOP(
    "journal", "Entries up to {seq} were purged before their retention ran out: entry {seq} dates from {at}, "
               "its purge (entry {purge}) from {purged}, with a retention of {days} days.")
TAIL_CUT = QT_TRANSLATE_NOOP(
    "journal", "Entries {seq} to {last} are missing: the station had sealed up to entry {last}, and the journal "
               "ends at entry {end}.")
STATE_MISSING = QT_TRANSLATE_NOOP(
    "journal", "The journal's seal state ({path}) is missing or damaged: whether entries after entry {end} "
               "were removed cannot be told.")
STATE_OTHER = QT_TRANSLATE_NOOP(
    "journal", "The journal's seal state ({path}) is not that of this journal's newest seal.")
STATE_KEY = QT_TRANSLATE_NOOP(
    "journal", "The journal's seal state does not hold the key of entry {seq}: it was replaced.")
DATED_AHEAD = QT_TRANSLATE_NOOP(
    "journal", "Entries up to {seq} were purged with the clock put forward: their purge (entry {purge}) is dated "
               "{purged}, later than entry {later}, written after it.")
# Notes: told beside the outcome, never a failure.
NOT_SEALED = QT_TRANSLATE_NOOP(
    "journal", "This station's journal is not sealed (it was made before sealing, or never received the "
               "service's key): only its chain was checked.")
NO_CODE = QT_TRANSLATE_NOOP(
    "journal", "Without the journal verification code the seals were not checked: an entry rewritten with every "
               "hash after it recomputed, entries put back in another order or a forged checkpoint cannot be "
               "ruled out. Give the code (--sealed) to check them.")
JOINED = QT_TRANSLATE_NOOP(
    "journal", "The seal of generation {generation} was drawn by the station itself when it joined the service "
               "through synchronisation: it proves the entries from {seq} on as far as the copy of it other "
               "stations hold is the same.")
EXTRACT_NOT_SEALED = QT_TRANSLATE_NOOP(
    "journal", "This extract carries no seals (it was made before sealing, or by an unsealed station): only its "
               "chain and signature were checked.")
BEFORE_JOINING = QT_TRANSLATE_NOOP(
    "journal", "The seal of generation {generation} (from entry {seq}) was made for the key the station had before "
               "it joined this service: those entries are checked with that earlier code, not with this one.")
BEFORE_SEALING = QT_TRANSLATE_NOOP(
    "journal", "The checkpoint at entry {seq} comes before the journal was sealed: its seal was not checked.")

_PURGED = re.compile(r"older than (\d+) days purged.*; the journal now begins after entry (\d+) \(hash ([0-9a-f]{64})\)$")
_CHECKPOINT = "SELECT seq, hash, entry_at, tag FROM journal_checkpoint ORDER BY seq DESC LIMIT 1"
CLOCK_LEEWAY = timedelta(hours=1)
_EARLIER_AFTER = "SELECT seq FROM journal WHERE seq > ? AND at < ? ORDER BY seq LIMIT 1"
_PURGES = f"SELECT seq, {CANONICAL_AT}, detail FROM journal WHERE operation = 'purge' AND seq > ? ORDER BY seq"


@dataclass(frozen=True)
class _Checkpoint:
    seq: int
    hash: str
    at: str  # canonical
    tag: str


def verify_sealed(engine: Engine, station_id: str, state_file: Path, code: bytes | None,
                  batch_size: int = FETCH, chain: Callable[..., Report] = verify_journal) -> Report:
    """The chain, the seal's position and checkpoint and, with *code* (the raw key), every seal; the entries
    read and checked *batch_size* at a time, by *chain* (app/audit/verify_fast.py; its reference,
    app/audit/chaincheck.verify_rows, reads the rows themselves)."""
    state = sealstate.read(state_file)  # before the snapshot: a later entry cannot look like a cut
    with read_snapshot(engine) as reader:
        generations = parse_generations(reader.scalar("SELECT journal_seals FROM station WHERE id = ?", [station_id]))
        if not generations:
            plain = chain(reader, station_id, None, batch_size)  # its notes (a restore's rollback) are kept
            return replace(plain, notes=(Finding(NOT_SEALED), *plain.notes))
        row = reader.connection.cursor().execute(_CHECKPOINT).fetchone()
        checkpoint = _Checkpoint(row[0], row[1], canonical_at(_as_canonical(row[2])), row[3]) if row else None
        findings: list[Finding] = []
        notes: list[Finding] = []
        keys = None
        if code is None:
            notes.append(Finding(NO_CODE))
        else:
            starts, opened = _openings(station_id, generations, code, notes)
            keys = _Keys(starts)
            findings += opened + _checkpoint_seal(keys, checkpoint, notes)
        seals = _RowSeals(keys) if keys is not None else None
        report = chain(reader, station_id, seals, batch_size)
        if seals is not None:
            seals.finish()
        findings += report.findings
        end = reader.scalar("SELECT max(seq) FROM journal") or (checkpoint.seq if checkpoint else 0)
        findings += [Finding(RESTARTED, {"seq": g.first_seq, "generation": g.generation}, g.first_seq)
                     for g in generations[1:] if g.origin != seal.ORIGIN_JOINED]
        findings += _position(state, station_id, generations, end, state_file)
        if checkpoint is not None:
            findings += _purge_proof(reader, checkpoint)
        if keys is not None:
            findings += _state_key(keys, state, station_id, generations)
    ordered = sorted(findings, key=lambda f: (f.seq is None, f.seq or 0))
    return replace(report, findings=tuple(ordered), sealed=code is not None, notes=(*notes, *report.notes))


def stored_form(canonical: str) -> str:
    """A canonical time (2026-11-22T07:52:07.830000Z) as the journal's `at` column holds it."""
    return f"{canonical[:10]} {canonical[11:-1]}"


def _as_canonical(stored: str) -> str:
    """A stored time (2026-11-22 07:52:07.830000) as CANONICAL_AT gives it."""
    text = str(stored)
    return f"{text[:10]}T{text[11:]}Z"


def _position(state: SealState | None, station_id: str, generations: list[Generation], end: int,
              path: Path) -> list[Finding]:
    if state is None:
        return [Finding(STATE_MISSING, {"path": str(path), "end": end}, end + 1)]
    if state.station_id != station_id or state.generation != generations[-1].generation:
        return [Finding(STATE_OTHER, {"path": str(path)}, None)]
    if state.next_seq > end + 1:
        return [Finding(TAIL_CUT, {"seq": end + 1, "last": state.next_seq - 1, "end": end}, end + 1)]
    return []


def _purge_proof(reader: RowReader, checkpoint: _Checkpoint) -> list[Finding]:
    """The newest checkpoint is named by a purge entry after it, dated past the entry's retention."""
    cursor = reader.connection.cursor()
    try:
        for seq, at, detail in cursor.execute(_PURGES, [checkpoint.seq]):
            named = _PURGED.search(detail or "")
            if named is None or int(named[2]) != checkpoint.seq or named[3] != checkpoint.hash:
                continue
            days, purged = int(named[1]), canonical_at(at)
            params = {"seq": checkpoint.seq, "at": checkpoint.at, "purge": seq, "purged": purged, "days": days}
            if parse_time(checkpoint.at) >= parse_time(purged) - timedelta(days=days):
                return [Finding(TOO_EARLY, params, checkpoint.seq)]
            # A purge dated ahead of the entries written after it: the clock was put forward to purge early.
            # (An hour of leeway: a clock corrected by a few minutes after a purge is not an attack.)
            ahead = format_time(parse_time(purged) - CLOCK_LEEWAY)
            later = cursor.execute(_EARLIER_AFTER, [seq, stored_form(ahead)]).fetchone()
            if later is not None:
                return [Finding(DATED_AHEAD, {**params, "later": later[0]}, checkpoint.seq)]
            return []
    finally:
        cursor.close()
    return [Finding(NOT_PURGED, {"seq": checkpoint.seq}, checkpoint.seq)]


class _Keys:
    """The key of any position, walked forward from its generation's first key."""

    def __init__(self, starts: list[tuple[int, bytes | None]]) -> None:
        self.firsts = [first for first, _key in starts]
        self.starts = starts
        self._generation = -1
        self._position = 0
        self._key: bytes | None = None

    def resume(self, position: int, key: bytes | None) -> None:
        """The caller walked on to *position* (whose key is *key*) within the current generation."""
        if key is not None and self._key is not None and self._position <= position:
            self._position, self._key = position, key

    def at(self, seq: int) -> bytes | None:
        index = bisect_right(self.firsts, seq) - 1
        if index < 0:
            return None
        if index != self._generation or seq < self._position:
            self._generation, (self._position, self._key) = index, self.starts[index]
        if self._key is None:
            return None
        self._key = seal.evolve_by(self._key, seq - self._position)
        self._position = seq
        return self._key


def _openings(station_id: str, generations: list[Generation], code: bytes,
              notes: list[Finding]) -> tuple[list[tuple[int, bytes | None]], list[Finding]]:
    service = public_key(code).hex()
    starts: list[tuple[int, bytes | None]] = []
    findings = []
    for g in generations:
        params = {"seq": g.first_seq, "generation": g.generation}
        seed = None
        if g.service_key != service and any(later.generation > g.generation and later.service_key == service
                                             and later.origin == seal.ORIGIN_JOINED for later in generations):
            notes.append(Finding(BEFORE_JOINING, params, g.first_seq))  # the station's own, before it joined
        elif g.service_key != service:
            findings.append(Finding(OTHER_SERVICE, params, g.first_seq))
        else:
            try:
                seed = seal.unseal_seed(code, g.sealed_seed, station_id, g.generation)
            except (aead.DecryptionFailed, ValueError):
                findings.append(Finding(UNOPENED, params, g.first_seq))
        if seed is not None and g.origin == seal.ORIGIN_CREATED and seed != seal.derived_seed(code, station_id):
            findings.append(Finding(REPLACED, {"seq": g.first_seq}, g.first_seq))
        elif seed is not None and g.origin == seal.ORIGIN_JOINED:
            notes.append(Finding(JOINED, params, g.first_seq))
        starts.append((g.first_seq, seal.first_key(seed, station_id, g.generation) if seed is not None else None))
    return starts, findings


def _checkpoint_seal(keys: _Keys, checkpoint: _Checkpoint | None, notes: list[Finding]) -> list[Finding]:
    """The newest checkpoint holds the seal of the entry it names, at that entry's position."""
    if checkpoint is None:
        return []
    if not keys.firsts or checkpoint.seq < keys.firsts[0]:
        notes.append(Finding(BEFORE_SEALING, {"seq": checkpoint.seq}, checkpoint.seq))
        return []
    key = keys.at(checkpoint.seq)
    if key is not None and not hmac.compare_digest(
            seal.tag(key, checkpoint.seq, checkpoint.at, checkpoint.hash), checkpoint.tag):
        return [Finding(FORGED_CHECKPOINT, {"seq": checkpoint.seq}, checkpoint.seq)]
    return []


def _state_key(keys: _Keys, state: SealState | None, station_id: str, generations: list[Generation]
               ) -> list[Finding]:
    """The seal state's key is the one the code gives for its position."""
    if state is None or state.station_id != station_id or state.generation != generations[-1].generation:
        return []  # said by _position
    key = keys.at(state.next_seq)
    if key is not None and not hmac.compare_digest(key, state.key):
        return [Finding(STATE_KEY, {"seq": state.next_seq}, state.next_seq)]
    return []


class _RowSeals:
    """Each entry's seal, in the chain's own pass: the key evolved entry after entry, the walker asked only
    at a gap or a new generation."""

    def __init__(self, keys: _Keys) -> None:
        self.keys = keys
        self.boundaries = set(keys.firsts)
        self.following = -1  # the position self.key seals
        self.key: bytes | None = None

    def __call__(self, row: tuple) -> Finding | None:
        seq = row[0]
        if seq != self.following or seq in self.boundaries:
            self.keys.resume(self.following, self.key)
            self.key = self.keys.at(seq)
        self.following = seq + 1
        key = self.key
        if key is None:
            return None  # written before the station sealed, or a generation the code does not open (said)
        self.key = seal.evolve(key)
        if not hmac.compare_digest(seal.tag(key, seq, row[AT], row[HASH]), row[TAG] or ""):
            return Finding(BAD_SEAL, {"seq": seq}, seq)
        return None

    def run(self, rows: list[tuple], start: int, stop: int) -> tuple[int, Finding] | None:
        """The first of rows[start:stop] (each following the one before) whose seal does not hold, or None.

        seal.tag and seal.evolve, inlined: a million entries' Python calls would cost more than their
        hashes. An entry at a gap or a new generation, or that nothing seals, goes through the call above.
        """
        key, following, boundaries = self.key, self.following, self.boundaries
        sha256, compare, evolve = hashlib.sha256, hmac.compare_digest, EVOLVE
        ipad, opad, ipad_rest, opad_rest = IPAD, OPAD, IPAD_REST, OPAD_REST
        for index in range(start, stop):
            row = rows[index]
            seq = row[0]
            if key is None or seq != following or seq in boundaries or len(key) != 32:
                self.key, self.following = key, following
                finding = self(row)
                if finding is not None:
                    return index, finding
                key, following = self.key, self.following
                continue
            message = b"vigie-journal-seal|%d|%s|%s" % (seq, row[AT].encode(), row[HASH].encode())
            tag = sha256(key.translate(opad) + opad_rest
                         + sha256(key.translate(ipad) + ipad_rest + message).digest()).hexdigest()
            if not compare(tag, row[TAG] or ""):
                return index, Finding(BAD_SEAL, {"seq": seq}, seq)
            key = sha256(evolve + key).digest()
            following = seq + 1
        self.key, self.following = key, following
        return None

    def finish(self) -> None:
        """The walker moved on to where the rows ended, for the seal state's check after them."""
        self.keys.resume(self.following, self.key)


def row_seals(station_id: str, generations: list[Generation], code: bytes,
              notes: list[Finding]) -> tuple[_RowSeals, list[Finding]]:
    """Another station's seals, as received here (app/audit/stations.py): the check of each of its entries,
    and what its generations already tell (a seal not opened by *code*, one replaced)."""
    starts, findings = _openings(station_id, generations, code, notes)
    return _RowSeals(_Keys(starts)), findings


def extract_seals(manifest: dict[str, Any], rows: list[tuple], code: bytes) -> tuple[list[Finding], list[Finding]]:
    """The seals of a CSV extract's entries, (seq, at, hash, tag) each, with the generations its manifest gives.

    The manifest is signed by the station; a seal holds only with a key that the code regenerates and that
    the station had not erased yet when the entry was written.
    """
    notes: list[Finding] = []
    generations = parse_generations(json.dumps(manifest.get("seal_generations") or []))
    if not generations or not rows:
        return [], [Finding(EXTRACT_NOT_SEALED)] if not generations else []
    starts, findings = _openings(str(manifest["station_id"]), generations, code, notes)
    keys, tag, compare = _Keys(starts), seal.tag, hmac.compare_digest
    for seq, at, entry_hash, entry_tag in rows:
        key = keys.at(seq)
        if key is not None and not compare(tag(key, seq, at, entry_hash), entry_tag or ""):
            findings.append(Finding(BAD_SEAL, {"seq": seq}, seq))
            break
    return findings, notes
