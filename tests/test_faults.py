"""Faults a station meets: a disk that fills, a write that fails at a chosen byte, a process killed mid-way.

After each, the station opens, its journal verifies, and nothing the user was told was done is lost.
The faults are real (tests/test_faults_support.py says how): a 20 MB tmpfs filled to its last KB,
RLIMIT_FSIZE in the child, SIGKILL once the process is seen at work.
"""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import build_gate
from app.errors import NotAFolder
from tests.conftest import ADMIN_PASSWORD, journal_entries, opens_with, reopen
from tests.test_faults_support import ROOT, run_vigie, small_disk, vigie_command, vigie_env

# The stations are made at the present: the commands open them on the system's clock (tests/conftest.py).
pytestmark = pytest.mark.present_time

WRONG = "mauvais-mot-de-passe"
AGENT = "agent-password-2026"


def one_line(result: dict, *expected: str) -> str:
    """Status 1 and one French line on standard error, never a traceback."""
    assert "Traceback" not in result["stderr"], result["stderr"]
    assert result["returncode"] == 1, result
    assert len(result["stderr"].splitlines()) == 1, result["stderr"]
    line = result["stderr"].strip()
    assert line.startswith("vigie: ")
    for each in expected:
        assert each in line, line
    return line


def verification_code(gate) -> str | None:
    """The journal verification code the station was created with, where sealing hands it over."""
    take = getattr(gate.services.station.journal, "take_verification_code", None)
    return take() if take is not None else None


def opened(station_dir: Path, deps, code: str | None) -> list[tuple[str, str, str]]:
    """The station opens with the administrator's password, and its journal verifies (sealed with *code*).

    Returns its journal entries as (operation, login, detail).
    """
    gate = reopen(station_dir, deps)
    actor = gate.login("admin", ADMIN_PASSWORD)
    assert gate.services is not None
    try:
        report = gate.services.journal.verify_station(actor, code) if code else \
            gate.services.journal.verify_station(actor)
        assert report.ok, report
        assert getattr(report, "sealed", False) == bool(code)
        return [(e.operation, e.login, e.detail) for e in journal_entries(gate)]
    finally:
        gate.close()


def test_a_full_disk_says_so_on_every_path_and_failed_logins_are_still_journaled(gate, station_dir, deps, tmp_path):
    from tests.test_writings_support import draft_pv

    code = verification_code(gate)
    signed = gate.services.writings.sign(gate.admin, draft_pv(gate).id, ADMIN_PASSWORD)
    gate.close()
    as_admin = ["--data-dir", "{station}", "--as", "admin"]
    listing = {"vigie": ["user", "list", *as_admin], "stdin": f"{ADMIN_PASSWORD}\n"}
    steps = [
        {"fill": 8 * 1024},
        {"vigie": ["user", "list", *as_admin], "stdin": f"{WRONG}\n"},
        {"vigie": ["user", "list", *as_admin], "stdin": f"{WRONG}\n"},
        listing,
        {"lock_screen": [ADMIN_PASSWORD, WRONG]},
        {"fill": 8 * 1024},  # again: closing the station gave its -wal's room back
        {"vigie": ["print", "--document", signed.number, "--out", "{disk}/pv.pdf", "--motive", "Parquet", *as_admin],
         "stdin": f"{ADMIN_PASSWORD}\n\n"},
        {"vigie": ["rekey", *as_admin], "stdin": f"{ADMIN_PASSWORD}\n"},
        {"vigie": ["init", "--data-dir", "{disk}/new", "--service", "Police municipale", "--commune", "Montclair",
                   "--insee", "86999", "--department", "86", "--admin", "chef"], "stdin": f"{ADMIN_PASSWORD}\nA\n"},
        # A data folder that is a file: refused before the password is asked (nothing on standard input).
        {"vigie": ["init", "--data-dir", "{disk}/filler", "--service", "Police municipale", "--commune",
                   "Montclair", "--insee", "86999", "--department", "86", "--admin", "chef"]},
        {"drop_reserve": True},  # the reserve used up: even opening the station finds no room
        {"fill": 8 * 1024},
        {"vigie": ["user", "add", "lpetit", "--role", "agent", *as_admin],
         "stdin": f"{ADMIN_PASSWORD}\n{AGENT}\nLaura Petit\n"},
        {"vigie": ["user", "list", *as_admin], "stdin": f"{WRONG}\n"},
        {"free": True},
        {"vigie": ["journal", "verify", "--station", *(["--sealed"] if code else []), *as_admin],
         "stdin": f"{ADMIN_PASSWORD}\n{code or ''}\n"},
        {"read_only": True},
        listing,
    ]
    results, after = small_disk(tmp_path, station_dir, steps)
    (wrong, wrong_again, listed, locked, printed, rekeyed, created, in_a_file, added, unjournaled, verified,
     read_only) = results
    one_line(wrong, "Identifiant ou mot de passe incorrect")
    one_line(wrong_again, "Identifiant ou mot de passe incorrect")
    assert listed["returncode"] == 0 and "admin" in listed["stdout"], listed  # reading needs no room
    assert locked["stdout"] == "BadCredentials"  # the station open (lock screen): the same answer
    one_line(printed, "Le disque est plein", "/disk")
    one_line(rekeyed, "Pas assez de place", "/station")
    one_line(created, "Le disque est plein", "/new")
    one_line(in_a_file, "/disk/filler est un fichier, pas un dossier")
    one_line(added, "Le disque est plein", "/station")
    # Without its reserve, a failed login that cannot be kept says why instead of passing unseen.
    one_line(unjournaled, "Le disque est plein", "/station")
    assert verified["returncode"] == 0, verified  # `vigie journal verify --station --sealed`, the disk freed
    one_line(read_only, "lecture seule", "/station")
    for result in results:
        assert "appartient à un autre poste" not in result["stderr"]
    assert sorted(p.name for p in after.iterdir() if p.suffix == ".pdf" or p.name.endswith(".part")) == []

    # What the disk could not take was refused, and said so; the failed logins, which it could, are there.
    journal = opened(after, deps, code)
    assert [entry for entry in journal if entry[0] == "login_failed"] == [
        ("login_failed", "admin", "before unlock"), ("login_failed", "admin", "before unlock"),
        ("login_failed", "admin", "wrong password")]
    assert not any(op == "print" for op, _login, _detail in journal)
    assert not any(op == "administer" and detail == "rekey" for op, _login, detail in journal)
    assert not any(op == "create" and "lpetit" in detail for op, _login, detail in journal)


def test_a_command_whose_opening_purges_the_journal_on_a_disk_that_cannot_grow_says_nothing_was_saved(
        clock, station_dir, deps, new_station):
    # The station was made 70 days ago: the command's opening purges its first journal entries, commits, and
    # the disk refuses the checkpoint that follows. That was "Une erreur inattendue"; the purge is done.
    clock.current = datetime.now(UTC) - timedelta(days=70)
    gate = build_gate(station_dir, deps)
    gate.admin, _recovery = gate.create(new_station)
    code = verification_code(gate)
    gate.close()
    cut = run_vigie("user", "add", "lpetit", "--role", "agent", "--data-dir", str(station_dir), "--as", "admin",
                    stdin=f"{ADMIN_PASSWORD}\n{AGENT}\nLaura Petit\n", file_size_limit=70_000)
    one_line(cut, "rien n'a été enregistré")
    clock.current = datetime.now(UTC)
    journal = opened(station_dir, deps, code)
    # The entries of 70 days ago are gone, and the purge that took them is in the journal, which verifies.
    assert any(op == "purge" and "journal entries older than 60 days purged" in detail for op, _login, detail in journal)
    assert not any(op == "create" and "lpetit" in detail for op, _login, detail in journal)


def test_writes_cut_at_a_chosen_byte_save_nothing_and_a_rekey_cut_keeps_the_old_key(gate, station_dir, deps):
    code = verification_code(gate)
    gate.close()
    # Room for the -shm and the login's pages in the -wal; not for the new account's.
    cut = run_vigie("user", "add", "lpetit", "--role", "agent", "--data-dir", str(station_dir), "--as", "admin",
                    stdin=f"{ADMIN_PASSWORD}\n{AGENT}\nLaura Petit\n", file_size_limit=70_000)
    one_line(cut, "rien n'a été enregistré")
    # Past half the database no file grows: the login fits in the -wal, the rewrite of every page does not.
    size = (station_dir / "vigie.db").stat().st_size
    failed = run_vigie("rekey", "--data-dir", str(station_dir), "--as", "admin", stdin=f"{ADMIN_PASSWORD}\n",
                       file_size_limit=size // 2)
    one_line(failed, "n'a pas pu être rechiffrée", "ancienne clé")
    assert "sealed_next" not in (station_dir / "station.keys").read_text(encoding="utf-8")

    again = reopen(station_dir, deps)
    actor = again.login("admin", ADMIN_PASSWORD)
    ops = [(e.operation, e.detail) for e in journal_entries(again)]
    assert [op for op, _detail in ops].count("create") == 2  # the station and its administrator: no account
    assert ("administer", "rekey") not in ops  # a rekey that failed never reads as done
    again.services.station.rekey(actor)
    again.close()
    journal = opened(station_dir, deps, code)
    assert [d for op, _login, d in journal if op == "administer" and d == "rekey"] == ["rekey"]
    assert not opens_with(station_dir, deps, "lpetit", AGENT)


def _ballast(gate, megabytes: int) -> None:
    """A station grown to *megabytes*, so that a rekey's rewrite of every page takes a while."""
    with gate.services.station.engine.begin() as conn:
        conn.execute(text("CREATE TABLE ballast (b BLOB)"))
        conn.execute(text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
                          "INSERT INTO ballast SELECT randomblob(4000) FROM n"), {"count": megabytes * 256})


def _killed_when(process: subprocess.Popen, reached, deadline: float = 60.0) -> None:
    """SIGKILL *process* as soon as *reached()* holds (polled), or fail at the deadline."""
    end = time.monotonic() + deadline
    while not reached():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < end, "the process never reached the point to kill it at"
        time.sleep(0.002)  # a poll's interval, not a wait for the outcome: the condition decides
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _started(*args: str, stdin: str) -> subprocess.Popen:
    process = subprocess.Popen(vigie_command(*args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=vigie_env(), cwd=ROOT)
    assert process.stdin is not None
    process.stdin.write(stdin)
    process.stdin.close()
    return process


def _closed(process: subprocess.Popen) -> None:
    for stream in (process.stdout, process.stderr):
        assert stream is not None
        stream.close()


def test_vigie_killed_after_confirming_or_mid_rekey_leaves_a_station_that_opens_with_all_it_confirmed(
        gate, station_dir, deps):
    code = verification_code(gate)
    _ballast(gate, 8)
    gate.close()
    as_admin = ("--data-dir", str(station_dir), "--as", "admin")

    added = _started("user", "add", "lpetit", "--role", "agent", *as_admin,
                     stdin=f"{ADMIN_PASSWORD}\n{AGENT}\nLaura Petit\n")
    assert added.stdout is not None
    confirmed = added.stdout.readline()  # blocks until Vigie says the account exists
    added.send_signal(signal.SIGKILL)  # before it closes the station: no checkpoint, the -wal as it stands
    added.wait(timeout=30)
    _closed(added)
    assert confirmed.startswith("Compte lpetit créé"), confirmed

    keys = station_dir / "station.keys"
    rekeying = _started("rekey", *as_admin, stdin=f"{ADMIN_PASSWORD}\n")
    # The new key is staged in the key file just before SQLCipher starts rewriting the pages.
    _killed_when(rekeying, lambda: "sealed_next" in keys.read_text(encoding="utf-8"))
    assert rekeying.returncode == -signal.SIGKILL
    _closed(rekeying)
    assert "sealed_next" in keys.read_text(encoding="utf-8")  # killed between staging the key and settling it

    journal = opened(station_dir, deps, code)  # opens with the password, whichever key the file is under now
    assert "sealed_next" not in keys.read_text(encoding="utf-8")
    assert [op for op, _login, _detail in journal].count("create") == 3  # station, administrator, then lpetit
    assert opens_with(station_dir, deps, "lpetit", AGENT)  # the account confirmed, its slot under the key now


def test_a_data_folder_that_is_a_file_is_refused_and_nothing_is_made(tmp_path, deps, new_station):
    from app.bootstrap import build_gate

    taken = tmp_path / "vigie"
    taken.write_text("not a folder", encoding="utf-8")
    gate = build_gate(taken, deps)
    with pytest.raises(NotAFolder):
        gate.check_folder()
    with pytest.raises(NotAFolder):
        gate.create(new_station)
    assert taken.read_text(encoding="utf-8") == "not a folder" and sorted(tmp_path.iterdir()) == [taken]
    inside = build_gate(taken / "station", deps)  # a folder below a file: the same answer
    with pytest.raises(NotAFolder):
        inside.check_folder()
    with pytest.raises(NotAFolder):  # and a command on it, rather than "no station here"
        gate.login("admin", ADMIN_PASSWORD)


def test_on_screen_a_file_that_found_no_room_reads_the_disk_is_full(qapp):
    import errno

    from app.i18n import install_translator
    from app.ui.messages import error_text

    install_translator(qapp)
    text = error_text(OSError(errno.ENOSPC, "No space left on device", "/srv/vigie/attachments/ab.bin"))
    assert text.startswith("Le disque est plein") and "/srv/vigie/attachments" in text


def test_the_wizard_refuses_a_data_folder_that_is_a_file_on_its_first_page(tmp_path, deps, qapp, qtbot):
    from app.bootstrap import build_gate
    from app.i18n import install_translator
    from app.ui.tasks import TaskManager
    from app.ui.wizard import SetupWizard
    from tests.ui.test_wizard import click_next, fill_service

    install_translator(qapp)
    taken = tmp_path / "vigie"
    taken.write_text("not a folder", encoding="utf-8")
    tasks = TaskManager()
    wizard = SetupWizard(build_gate(taken, deps), tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.service_page
    assert page.message.text().startswith(f"{taken} est un fichier, pas un dossier")  # said as the page opens
    fill_service(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentPage() is page and "est un fichier" in page.message.text()
    assert taken.read_text(encoding="utf-8") == "not a folder"
    tasks.wait_for_done()


def test_the_lock_screen_on_a_database_that_cannot_grow_reads_the_disk_is_full(gate, qapp, qtbot):
    from sqlalchemy import event

    from app.i18n import install_translator
    from app.qt import Qt
    from app.ui.lock import LockDialog
    from app.ui.tasks import TaskManager
    from tests.ui.helpers import type_into

    install_translator(qapp)
    engine = gate.services.station.engine
    with engine.begin() as conn:  # SQLite's own SQLITE_FULL: a journal entry asks for a megabyte it may not take
        conn.exec_driver_sql("CREATE TABLE filler (data BLOB)")
        conn.exec_driver_sql("CREATE TRIGGER fill_disk BEFORE INSERT ON journal "
                             "BEGIN INSERT INTO filler VALUES (zeroblob(1000000)); END")
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(engine, "begin")
    def full_disk(conn):
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")

    tasks = TaskManager()
    dialog = LockDialog(gate.services.accounts, gate.admin, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.password, WRONG)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10_000)
    assert dialog.message.text().startswith("Le disque est plein") and str(gate.paths.root) in dialog.message.text()
    tasks.wait_for_done()
