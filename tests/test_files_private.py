"""A station's files are its user's alone: the folder 0700, the database, its -wal and -shm, the key file,
pending-events.log and the logs 0600 (POSIX), however they came to be written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.store.layout import StationPaths
from tests import conftest
from tests.test_cli import ADMIN_PASSWORD, INCORRECT, INIT_ARGS, assert_ok, assert_one_line_error, lines, vigie

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")


@pytest.fixture(autouse=True)
def usual_umask():
    """The usual umask (022), which made every file 0644 before; the `vigie` processes inherit it."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def modes(folder: Path) -> dict[str, int]:
    """Every file and folder under *folder* (itself as "."), by relative path: its permission bits."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_private(folder: Path) -> None:
    shown = {name: oct(mode) for name, mode in modes(folder).items() if mode & 0o077}
    assert shown == {}, f"readable by others: {shown}"


def test_init_a_login_and_a_failed_login_leave_only_private_files(tmp_path):
    data_dir = tmp_path / "station"
    assert_ok(vigie("init", "--data-dir", str(data_dir), *INIT_ARGS, stdin=lines(ADMIN_PASSWORD)))
    assert_private(data_dir)
    assert modes(data_dir)["."] == 0o700 and modes(data_dir)["station.keys"] == 0o600

    assert_ok(vigie("user", "list", "--data-dir", str(data_dir), "--as", "admin", stdin=lines(ADMIN_PASSWORD)))
    assert_one_line_error(vigie("user", "list", "--data-dir", str(data_dir), "--as", "admin",
                                stdin=lines("pas-le-bon-mot-de-passe")), INCORRECT)
    found = modes(data_dir)
    for name in ("vigie.db", "station.keys", "pending-events.log", "logs/vigie.log"):
        assert found[name] == 0o600, (name, oct(found[name]))
    assert found["logs"] == 0o700
    assert_private(data_dir)


def test_a_station_made_with_open_modes_is_made_private_when_vigie_starts(gate, station_dir, tmp_path):
    gate.close()
    paths = StationPaths(station_dir)
    paths.logs.mkdir(exist_ok=True)
    (paths.logs / "vigie.log").write_text("", encoding="utf-8")
    paths.pending_events.write_text("", encoding="ascii")
    for path in (station_dir, *station_dir.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    outside = tmp_path / "not-the-station.txt"
    outside.write_text("", encoding="utf-8")
    outside.chmod(0o644)

    result = vigie("user", "list", "--data-dir", str(station_dir), "--as", "admin",
                   stdin=lines(conftest.ADMIN_PASSWORD))
    assert_ok(result)
    found = modes(station_dir)
    for name in ("vigie.db", "station.keys", "logs/vigie.log"):  # pending-events.log: imported, then gone
        assert found[name] == 0o600, (name, oct(found[name]))
    assert found["."] == found["logs"] == 0o700
    assert_private(station_dir)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644  # only the station's own files change


def test_a_key_file_left_half_written_with_open_modes_is_written_private(tmp_path):
    from app.crypto.keyslots import write_atomically

    target = tmp_path / "station.keys"
    left = tmp_path / "station.keys.tmp"
    left.write_bytes(b"half")
    left.chmod(0o644)
    write_atomically(target, b"{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_bytes() == b"{}"
