"""`vigie journal export` and `vigie journal verify`, run as a user runs them: new processes, password on stdin.

The station is made in-process with a cheap key derivation, so that each run
costs the start of a process and not half a second of Argon2id.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from app.audit.signing import readable_fingerprint
from tests.tamper import tamper
from tests.conftest import ADMIN_PASSWORD
from tests.test_journal_support import service, write_entries

ROOT = Path(__file__).resolve().parent.parent
DOES_NOT_HOLD = 3


def vigie(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    # Every warning is an error, except a string still waiting for its French translation
    # (tests/ui/test_translation.py is the test that fails for those).
    warnings = ["-W", "error", "-W", "ignore:no French translation:UserWarning"]
    return subprocess.run([sys.executable, *warnings, "-m", "app", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


@pytest.mark.present_time
def test_export_then_verify_from_the_command_line(gate, clock, station_dir, tmp_path):
    first_day = clock.now().astimezone().date().isoformat()
    write_entries(gate, clock, 30, step=timedelta(minutes=20))
    last_day = clock.now().astimezone().date().isoformat()  # ten hours on: the next day, run after 14:00
    fingerprint = service(gate).station_key().fingerprint
    gate.close()
    out = tmp_path / "extrait.csv"

    exported = vigie("journal", "export", "--data-dir", str(station_dir), "--as", "admin", "--from", first_day,
                     "--to", last_day, "--format", "csv", "--out", str(out), "--motive", "R\u00e9quisition judiciaire",
                     stdin=f"{ADMIN_PASSWORD}\n")
    assert exported.returncode == 0, exported.stderr
    assert readable_fingerprint(fingerprint) in exported.stdout
    manifest = json.loads((tmp_path / "extrait.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest["motive"] == "R\u00e9quisition judiciaire" and manifest["entry_count"] > 30
    assert manifest["generated_by"]["login"] == "admin"

    holds = vigie("journal", "verify", str(out), "--key", readable_fingerprint(fingerprint).upper())
    assert holds.returncode == 0, holds.stdout + holds.stderr
    assert readable_fingerprint(fingerprint) in holds.stdout

    other_key = vigie("journal", "verify", str(out), "--key", "ab" * 32)
    assert other_key.returncode == DOES_NOT_HOLD

    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[12][13] = "chang\u00e9"  # the detail of one entry
    with open(out, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    tampered = vigie("journal", "verify", str(out))
    assert tampered.returncode == DOES_NOT_HOLD
    assert rows[12][0] in tampered.stdout.splitlines()[3]  # after fingerprint, station and headline: the entry


@pytest.mark.present_time
def test_verify_the_station_journal_from_the_command_line(gate, clock, station_dir):
    write_entries(gate, clock, 5)
    gate.close()
    holds = vigie("journal", "verify", "--station", "--data-dir", str(station_dir), "--as", "admin",
                  stdin=f"{ADMIN_PASSWORD}\n")
    assert holds.returncode == 0, holds.stderr
    assert holds.stderr == ""


@pytest.mark.present_time
def test_a_damaged_station_journal_exits_non_zero_naming_the_entry(gate, clock, station_dir):
    write_entries(gate, clock, 5)
    tamper(gate, "UPDATE journal SET detail = 'effac\u00e9' WHERE seq = 4")  # triggers dropped, as an attacker can
    gate.close()
    broken = vigie("journal", "verify", "--station", "--data-dir", str(station_dir), "--as", "admin",
                   stdin=f"{ADMIN_PASSWORD}\n")
    assert broken.returncode == DOES_NOT_HOLD
    assert " 4 " in broken.stdout.splitlines()[-1]


def test_an_extract_that_cannot_be_read_is_said_why_in_french(tmp_path):
    """The system's and the parser's reasons ("No such file or directory", "not JSON") are said in French."""
    def said(result: subprocess.CompletedProcess) -> str:  # French typography's no-break spaces as spaces
        assert result.returncode == 1, result.stderr
        return result.stderr.strip().replace("\u00a0", " ").replace("\u202f", " ")

    missing = vigie("journal", "verify", str(tmp_path / "absent.csv"))
    assert said(missing) == f"vigie: Impossible de lire {tmp_path / 'absent.csv'} : fichier ou dossier introuvable."
    (tmp_path / "dossier.csv").mkdir()
    folder = vigie("journal", "verify", str(tmp_path / "dossier.csv"))
    assert said(folder).endswith("dossier.csv : c'est un dossier, pas un fichier.")
    extract = tmp_path / "extrait.csv"
    extract.write_text("a,b\n", encoding="utf-8")
    (tmp_path / "extrait.csv.manifest.json").write_text("{pas du JSON", encoding="utf-8")
    damaged = vigie("journal", "verify", str(extract))
    assert said(damaged).endswith("extrait.csv.manifest.json : ce n'est pas du JSON.")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_far_date_is_refused_in_one_line(tmp_path, day):
    exported = vigie("journal", "export", "--data-dir", str(tmp_path / "poste"), "--as", "admin", "--from", day,
                     "--to", "2026-12-01", "--format", "csv", "--out", str(tmp_path / "extrait.csv"))
    assert exported.returncode == 1 and exported.stderr.count("\n") == 1, exported.stderr
    assert "hors limites" in exported.stderr and "Traceback" not in exported.stderr


def test_a_password_that_is_not_utf8_text_is_refused_in_one_line(gate, station_dir, tmp_path):
    gate.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    listed = subprocess.run([sys.executable, "-m", "app", "user", "list", "--as", "admin", "--data-dir",
                             str(station_dir)], input=b"\xff\xfe mot de passe\n", capture_output=True, env=env,
                            cwd=ROOT, timeout=120)
    stderr = listed.stderr.decode("utf-8")
    assert listed.returncode == 1 and stderr.count("\n") == 1, stderr
    assert "n'est pas du texte UTF-8" in stderr


def test_a_mistyped_data_folder_is_said_and_not_made(tmp_path):
    typo = tmp_path / "poste-mal-tape"
    listed = vigie("user", "list", "--as", "admin", "--data-dir", str(typo), stdin="mot de passe\n")
    assert listed.returncode == 1 and listed.stderr.count("\n") == 1, listed.stderr
    assert "Aucun poste dans" in listed.stderr and not typo.exists()
