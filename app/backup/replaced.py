"""What a restore over a station takes from the station it replaces: its journal's head and its seal.

The restored journal is older than the replaced one: it ends at the backup's
last entry, while the replaced station had gone on, and its seal state
(`journal.seal`, beside the database, app/audit/sealstate.py) had moved past
every entry written since. The key of each position after the backup's end
was erased as the station went on: those positions cannot be sealed again,
and a seal begun anew would read as a station that lost its seal state.

So the replaced station's seal state goes with the restored database: the
restore's own journal entry takes the position the seal had reached (the
replaced journal's next entry), sealed with its key, and names both heads.
The gap before it holds exactly the entries rolled back; verification tells
it as that rollback (app/audit/verify.py), and those entries remain in the
copy of the replaced station. The seal's generations the replaced station
had begun since the backup go with it too (its station row), so that the
state's generation is one the restored journal knows.

All of it is read from the replaced station once it is closed: nothing
written after these reads can be missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.audit import sealstate
from app.audit.sealer import parse_generations
from app.backup.check import journal_head, open_database
from app.store.layout import StationPaths


@dataclass(frozen=True)
class ReplacedJournal:
    station_id: str
    seq: int
    hash: str
    seals: str | None  # the station row's journal_seals (JSON), None on a station made before sealing


def read_replaced(paths: StationPaths, db_key: bytes) -> ReplacedJournal:
    """The closed station's id, journal head and seal generations."""
    conn = open_database(paths.database, db_key, read_only=False)  # read only, but a WAL file needs its -shm
    try:
        station_id = str(conn.execute("SELECT id FROM station").fetchone()[0])
        seq, head = journal_head(conn)
        try:
            seals = conn.execute("SELECT journal_seals FROM station").fetchone()[0]
        except sqlcipher3.OperationalError:  # no such column: a station of a version before sealing
            seals = None
        return ReplacedJournal(station_id, seq, head, seals)
    finally:
        conn.close()


def carry_seal(replaced_paths: StationPaths, staging: StationPaths, db_key: bytes, backup_station: str,
               replaced: ReplacedJournal) -> bool:
    """Give the rebuilt station (still closed) the replaced station's seal state and generations;
    whether it was carried (only between the same station's journals, and only a whole state)."""
    state = sealstate.read(sealstate.state_path(replaced_paths.database))
    if state is None or state.station_id != backup_station or replaced.station_id != backup_station:
        return False
    conn = open_database(staging.database, db_key, read_only=False)
    try:
        restored = conn.execute("SELECT journal_seals FROM station").fetchone()[0]
        ours, theirs = parse_generations(restored), parse_generations(replaced.seals)
        if theirs[: len(ours)] != ours or not theirs or theirs[-1].generation != state.generation:
            return False  # not the same seal: the restored station begins its own, which verification names
        if len(theirs) > len(ours):
            conn.execute("UPDATE station SET journal_seals = ? WHERE id = ?", (replaced.seals, backup_station))
    finally:
        conn.close()
    sealstate.write(sealstate.state_path(staging.database), state)
    return True
