"""After a backlog's swap, no purged entry can be read back from the station's files, even with its key.

Every page of the database file and every frame of its -wal is decrypted
here with the station's key, as SQLCipher 4 lays them out (docs/journal-
format.md, "Purge"), free pages included: a purged entry's detail and record
id must be in none of them, while the entries kept are found (the decryption
reads what the station wrote). The same purge made with SQLCipher's
secure_delete off leaves the purged entries in free pages, where this reading
finds them: it is the zeroing that takes them away.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import event, text

from app.audit.purge import NEVER_SWAP, purge_expired
from app.crypto.keyslots import KeyFile
from app.store.layout import StationPaths
from tests.conftest import ADMIN_PASSWORD, reopen
from tests.test_journal_support import write_entries

PAGE = 4096  # SQLCipher 4's defaults: 4 KB pages, each ending with its IV (16 bytes) and HMAC-SHA512 (64)
RESERVE = 80
SALT = 16  # the first page begins with the file's salt, not encrypted
WAL_HEADER, FRAME_HEADER = 32, 24
PURGED_DETAIL, KEPT_DETAIL = "ancienne-consultation-7f3a", "consultation-recente-51c2"
OLD, RECENT = 1_200, 30


def plain_pages(data: bytes, key: bytes, numbers: list[int]) -> list[bytes]:
    """The decrypted content of each page in *data* (PAGE bytes each), page *numbers[i]* for the i-th."""
    pages = []
    for index, number in enumerate(numbers):
        page = data[index * PAGE:(index + 1) * PAGE]
        start = SALT if number == 1 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize())
    return pages


def database_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    return plain_pages(data, key, list(range(1, len(data) // PAGE + 1)))


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    """Every frame of the -wal, whether or not it was checkpointed or belongs to a transaction still valid."""
    if not path.exists():
        return []
    data = path.read_bytes()[WAL_HEADER:]
    frame = FRAME_HEADER + PAGE
    frames = [data[at:at + frame] for at in range(0, len(data) - frame + 1, frame)]
    return plain_pages(b"".join(f[FRAME_HEADER:] for f in frames), key,
                       [int.from_bytes(f[:4], "big") for f in frames])


def found(station_dir: Path, key: bytes, text: str) -> dict[str, int]:
    """How many pages of the database file and of its -wal hold *text*, decrypted with *key*."""
    paths = StationPaths(station_dir)
    needle = text.encode()
    return {"database": sum(needle in page for page in database_pages(paths.database, key)),
            "wal": sum(needle in page for page in wal_pages(Path(f"{paths.database}-wal"), key))}


def station_key(station_dir: Path) -> bytes:
    _user, keys = KeyFile.load(StationPaths(station_dir).keys).open_password("admin", ADMIN_PASSWORD)
    return keys[0]


def backlog(gate, clock) -> None:
    write_entries(gate, clock, OLD, step=timedelta(hours=1), detail=PURGED_DETAIL, record_id="dossier-ancien-9e41")
    clock.advance(days=80)
    write_entries(gate, clock, RECENT, detail=KEPT_DETAIL)


def test_a_swapped_backlog_leaves_no_purged_entry_in_any_page_of_the_database_or_its_wal(
        gate, clock, station_dir, deps, tmp_path):
    backlog(gate, clock)
    key = station_key(station_dir)
    assert sum(found(station_dir, key, PURGED_DETAIL).values()) > 20  # the reading finds what is there
    careless = tmp_path / "careless"
    shutil.copytree(station_dir, careless)

    result = purge_expired(gate.services.station, 60, swap_from=100)
    assert result.swap_seconds is not None and result.purged >= OLD
    assert found(station_dir, key, PURGED_DETAIL) == {"database": 0, "wal": 0}
    assert found(station_dir, key, "dossier-ancien-9e41") == {"database": 0, "wal": 0}  # the record id's index too
    assert found(station_dir, key, KEPT_DETAIL)["database"] > 0
    gate.close()
    assert found(station_dir, key, PURGED_DETAIL) == {"database": 0, "wal": 0}

    # The same purge with secure_delete off: the dropped table's pages keep their entries, on the free list.
    other = reopen(careless, deps)
    other.purge_at_opening = False
    try:
        other.login("admin", ADMIN_PASSWORD)
        station = other.services.station
        event.listen(station.engine, "checkout", lambda dbapi, record, proxy: dbapi.execute(
            "PRAGMA secure_delete = OFF"))
        assert purge_expired(station, 60, swap_from=100).swap_seconds is not None
        left = found(careless, key, PURGED_DETAIL)
    finally:
        other.close()
    assert left["database"] + left["wal"] > 20


def test_a_day_purge_in_batches_leaves_no_purged_entry_in_the_wal_of_the_open_station(gate, clock, station_dir):
    # The application's purge goes in batches while people work (app/audit/purge.py): once done, the -wal no
    # longer holds the pages the purged entries were in before their batch deleted them.
    backlog(gate, clock)
    key = station_key(station_dir)
    assert found(station_dir, key, PURGED_DETAIL)["wal"] > 0  # written, not yet checkpointed away

    result = purge_expired(gate.services.station, 60, swap_from=NEVER_SWAP)
    assert result.swap_seconds is None and result.purged >= OLD
    assert found(station_dir, key, PURGED_DETAIL) == {"database": 0, "wal": 0}
    assert found(station_dir, key, KEPT_DETAIL)["database"] + found(station_dir, key, KEPT_DETAIL)["wal"] > 0


def test_a_day_purge_does_not_wait_for_a_reader_to_empty_the_wal(gate, clock, station_dir, caplog):
    backlog(gate, clock)
    with gate.services.station.read() as reader:  # a screen reading its snapshot meanwhile
        reader.session.execute(text("SELECT count(*) FROM journal")).scalar()
        with caplog.at_level("INFO", logger="vigie.journal"):
            result = purge_expired(gate.services.station, 60, swap_from=NEVER_SWAP)
    assert result.purged >= OLD
    assert "the -wal keeps its older frames" in caplog.text
