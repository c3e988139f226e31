"""What a copy of the disk gives away: nothing that was typed into Vigie."""

from __future__ import annotations

import secrets

import pytest

from app.errors import BadCredentials
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, reopen, station_files


def occurrences(files: dict[str, bytes], *needles: str) -> list[tuple[str, str]]:
    return [
        (name, needle)
        for name, data in files.items()
        for needle in needles
        if needle.encode("utf-8") in data or needle.encode("utf-16-le") in data
    ]


def test_a_name_written_through_vigie_is_in_no_file_of_the_station(gate, station_dir, deps):
    unique = secrets.token_hex(6)
    full_name = f"Zephyrine Quetzal {unique}"
    matricule = f"M-{unique}"
    login = f"zq{unique}"
    typed_login = f"inconnu{unique}"
    add_agent(gate, login, full_name=full_name, matricule=matricule)
    with pytest.raises(BadCredentials):
        gate.login(typed_login, "wrong-password-typed")
    assert [u.full_name for u in gate.services.accounts.list_users(gate.admin) if u.login == login] == [full_name]

    # While the station is open, the latest pages sit in the write-ahead log.
    open_files = station_files(station_dir)
    assert open_files.get("vigie.db-wal"), "the write-ahead log should hold the latest writes"
    assert occurrences(open_files, full_name, matricule, login, typed_login, AGENT_PASSWORD) == []

    gate.close()
    closed = reopen(station_dir, deps)
    for typed, password in [(typed_login, ADMIN_PASSWORD), (login, "wrong-password-typed")]:
        with pytest.raises(BadCredentials):
            closed.login(typed, password)  # sealed to the station until its journal can take them
    files = station_files(station_dir)
    # station.keys.lock: empty, the lock held while the key file changes (the agent's slot was added)
    assert set(files) == {"vigie.db", "station.keys", "station.keys.lock", "pending-events.log", "journal.seal",
                          "space-reserve"}
    secrets_typed = (full_name, matricule, login, typed_login, AGENT_PASSWORD, ADMIN_PASSWORD)
    assert occurrences(files, *secrets_typed) == []
    assert occurrences(files, "Sophie Lemaire", "Montclair") == []

    assert closed.login(login, AGENT_PASSWORD).full_name == full_name
    closed.close()
    files = station_files(station_dir)
    assert set(files) == {"vigie.db", "station.keys", "station.keys.lock", "journal.seal", "space-reserve"}
    assert occurrences(files, *secrets_typed) == []


def test_the_search_finds_a_name_in_a_database_that_is_not_encrypted(tmp_path):
    import sqlite3

    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    with conn:
        conn.execute("CREATE TABLE users (full_name TEXT)")
        conn.execute("INSERT INTO users VALUES ('Zephyrine Quetzal')")
    conn.close()
    assert occurrences({"plain.db": plain.read_bytes()}, "Zephyrine Quetzal") == [("plain.db", "Zephyrine Quetzal")]
