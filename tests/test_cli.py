"""The `vigie` command, run as a user runs it: a new process, passwords on standard input, French output.

These runs use the station's real key-derivation cost (about half a second
per password), so one station made by `vigie init` serves the whole module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "mot-de-passe-du-chef"
RECOVERY_CODE = re.compile(r"(?<![-\w])[A-Z2-9]{5}(?:-[A-Z2-9]{5}){5}(?![-\w])")
# The journal verification code, printed beside it: eleven groups.
JOURNAL_CODE = re.compile(r"Code de vérification du journal\u00a0: ((?:[A-Z2-9]{5}-){10}[A-Z2-9]{5})")
INCORRECT = "Identifiant ou mot de passe incorrect"


def vigie(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    """`vigie ARGS`; with *home*, the user's default data folder is under it (XDG_DATA_HOME)."""
    env = {
        **os.environ,
        **({"XDG_DATA_HOME": str(home), "HOME": str(home)} if home is not None else {}),
        "QT_QPA_PLATFORM": "offscreen",
        # Never the keyring of the machine running the tests.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    # Every warning is an error, except a string still waiting for its French translation
    # (tests/ui/test_translation.py is the test that fails for those).
    warnings = ["-W", "error", "-W", "ignore:no French translation:UserWarning"]
    return subprocess.run(
        [sys.executable, *warnings, "-m", "app", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120,
    )


def lines(*secrets: str) -> str:
    return "".join(f"{secret}\n" for secret in secrets)


def assert_ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def assert_one_line_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit status 1, one line on standard error, no traceback."""
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    line = result.stderr.strip()
    assert line.startswith("vigie: ")
    for text in expected:
        assert text in line
    return line


@dataclass
class CliStation:
    data_dir: Path
    init_output: str
    admin_password: str = ADMIN_PASSWORD

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return vigie(*args, "--data-dir", str(self.data_dir), stdin=stdin)

    def as_admin(self, *args: str, more: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        return self.run(*args, "--as", "admin", stdin=lines(self.admin_password, *more))

    def user_list(self) -> dict[str, list[str]]:
        output = assert_ok(self.as_admin("user", "list"))
        return {row.split("\t")[0]: row.split("\t") for row in output.splitlines()}


INIT_ARGS = (
    "--service", "Police municipale de Montclair-sur-Vienne", "--commune", "Montclair-sur-Vienne",
    "--insee", "86999", "--department", "86", "--admin", "admin",
)


@pytest.fixture(scope="module")
def station(tmp_path_factory) -> CliStation:
    data_dir = tmp_path_factory.mktemp("cli") / "station"
    # The administrator's name on standard input, after the password: never in the process list.
    result = vigie(
        "init", "--data-dir", str(data_dir), *INIT_ARGS,
        "--grade", "Directrice de police municipale", "--matricule", "86-001",
        stdin=lines(ADMIN_PASSWORD, "Sophie Lemaire"),
    )
    return CliStation(data_dir, assert_ok(result))


# -- what works -----------------------------------------------------------------------------


def test_version():
    assert assert_ok(vigie("--version")).strip() == f"vigie {__version__}"


def test_init_creates_the_station_and_shows_the_recovery_code_once(station):
    assert str(station.data_dir) in station.init_output
    assert len(RECOVERY_CODE.findall(station.init_output)) == 1
    assert "coffre" in station.init_output  # the instruction to keep it in a safe, in French
    assert len(JOURNAL_CODE.findall(station.init_output)) == 1
    assert "remettez ce second code au maire" in station.init_output.lower()
    assert (station.data_dir / "vigie.db").is_file() and (station.data_dir / "station.keys").is_file()
    assert station.user_list()["admin"][1:] == [
        "Sophie Lemaire", "Directrice de police municipale", "86-001", "Administrateur", "actif",
    ]


def test_an_administrator_manages_accounts(station):
    added = station.as_admin(
        "user", "add", "lpetit", "--name", "Laura Petit", "--role", "agent", "--grade", "Brigadier-chef principal",
        "--matricule", "86-003", more=("premier-mot-de-passe",),
    )
    assert "lpetit" in assert_ok(added)
    assert station.user_list()["lpetit"][1:] == ["Laura Petit", "Brigadier-chef principal", "86-003", "Agent", "actif"]

    reset = station.as_admin("user", "reset-password", "lpetit", more=("mot-de-passe-temporaire",))
    assert "lpetit" in assert_ok(reset)
    # A command takes no temporary password: it is changed first, in the window (tests/test_cli_terminal.py).
    refused = station.run("user", "list", "--as", "lpetit", stdin=lines("mot-de-passe-temporaire"))
    assert_one_line_error(refused, "temporaire")
    wrong = station.run("user", "list", "--as", "lpetit", stdin=lines("premier-mot-de-passe"))
    assert_one_line_error(wrong, INCORRECT)

    assert "lpetit" in assert_ok(station.as_admin("user", "disable", "lpetit"))
    assert station.user_list()["lpetit"][-1] == "désactivé"


def test_a_command_that_neither_syncs_nor_upgrades_loads_neither_the_http_client_nor_alembic(station):
    """Each cost a quarter to a third of a second at every start of a command (app/sync/transport.py,
    app/store/migrate.py)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    listed = subprocess.run([sys.executable, "-X", "importtime", "-m", "app", "user", "list", "--as", "admin",
                             "--data-dir", str(station.data_dir)], input=lines(station.admin_password),
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert listed.returncode == 0 and listed.stdout.startswith("admin\t"), listed.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in listed.stderr.splitlines()
                if line.startswith("import time:")}
    assert "sqlalchemy" in imported  # the list is what importtime says was imported
    assert {"httpx", "alembic"} & imported == set()


def test_a_name_and_a_motive_come_on_standard_input_after_the_passwords(station, tmp_path):
    added = station.run("user", "add", "nbenali", "--role", "agent", "--as", "admin",
                        stdin=lines(station.admin_password, "premier-mot-de-passe", "Nadia Benali"))
    assert "nbenali" in assert_ok(added)
    assert station.user_list()["nbenali"][1] == "Nadia Benali"
    no_name = station.run("user", "add", "mroux", "--role", "agent", "--as", "admin",
                          stdin=lines(station.admin_password, "premier-mot-de-passe"))
    assert_one_line_error(no_name, "Nom complet" if "Nom complet" in no_name.stderr else "Full name")
    assert "mroux" not in station.user_list()

    day = date.today().isoformat()
    out = tmp_path / "extrait.csv"
    exported = station.run("journal", "export", "--as", "admin", "--from", day, "--to", day, "--format", "csv",
                           "--out", str(out), stdin=lines(station.admin_password, "Réquisition n° 42"))
    assert_ok(exported)
    manifest = json.loads(out.with_name("extrait.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest["motive"] == "Réquisition n° 42"


def test_a_renamed_extract_verifies_and_its_first_name_is_told(station, tmp_path):
    day = date.today().isoformat()
    out = tmp_path / "extrait.csv"
    assert_ok(station.run("journal", "export", "--as", "admin", "--from", day, "--to", day, "--format", "csv",
                          "--out", str(out), "--motive", "Contrôle interne", stdin=lines(station.admin_password)))
    renamed = out.rename(tmp_path / "pièce jointe.csv")
    verified = vigie("journal", "verify", str(renamed))
    assert "extrait.csv" in assert_ok(verified)
    out.with_name("extrait.csv.manifest.json").unlink()
    missing = vigie("journal", "verify", str(renamed))
    assert_one_line_error(missing, str(renamed), "pièce jointe.csv.manifest.json")


@pytest.mark.parametrize("before", [True, False], ids=["before-the-command", "after-it"])
def test_the_data_folder_is_taken_before_or_after_the_command(tmp_path, before):
    home, data_dir = tmp_path / "home", tmp_path / "station"
    folder = ("--data-dir", str(data_dir))
    args = (*folder, "init", *INIT_ARGS) if before else ("init", *folder, *INIT_ARGS)
    assert str(data_dir) in assert_ok(vigie(*args, stdin=lines(ADMIN_PASSWORD), home=home))
    assert (data_dir / "station.keys").is_file()
    assert not home.exists() or not any(home.rglob("station.keys"))  # nothing in the default folder
    listed = vigie(*folder, "user", "list", "--as", "admin", stdin=lines(ADMIN_PASSWORD), home=home)
    assert assert_ok(listed).startswith("admin\t")


def test_rekey_keeps_the_station_open_to_its_users_and_shuts_out_the_old_key_file(station, tmp_path):
    old_copy = tmp_path / "old-copy"
    shutil.copytree(station.data_dir, old_copy, ignore=shutil.ignore_patterns("logs"))
    assert_ok(station.as_admin("rekey"))
    assert "admin" in station.user_list()
    shutil.copyfile(station.data_dir / "vigie.db", old_copy / "vigie.db")
    stale = vigie("user", "list", "--data-dir", str(old_copy), "--as", "admin", stdin=lines(station.admin_password))
    assert_one_line_error(stale, str(old_copy / "vigie.db"))


def test_the_recovery_code_replaces_a_lost_administrator_password(station):
    code = RECOVERY_CODE.search(station.init_output).group(0)
    typed = code.replace("-", "").lower()
    result = station.run("recover", "--admin", "admin", stdin=lines(typed, "nouveau-mot-de-passe-chef"))
    assert "admin" in assert_ok(result)
    old = station.admin_password
    station.admin_password = "nouveau-mot-de-passe-chef"
    assert "admin" in station.user_list()
    assert_one_line_error(station.run("user", "list", "--as", "admin", stdin=lines(old)), INCORRECT)


def test_a_wrong_recovery_code_is_refused(station):
    result = station.run("recover", "--admin", "admin", stdin=lines("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", "x" * 20))
    assert_one_line_error(result, "Code de secours incorrect")


def test_demo_writes_its_accounts_to_a_json_file(tmp_path):
    credentials = tmp_path / "accounts.json"
    output = assert_ok(vigie("demo", "--data-dir", str(tmp_path / "demo"), "--credentials", str(credentials)))
    written = json.loads(credentials.read_text(encoding="utf-8"))
    accounts = written["accounts"]
    assert all(set(account) == {"login", "password", "role"} for account in accounts)
    assert written["journal_verification_code"] in output
    assert {a["role"] for a in accounts} == {"agent", "chef_de_poste", "administrateur", "maire"}
    for account in accounts:
        assert account["login"] in output and account["password"] in output
    admin = next(a for a in accounts if a["role"] == "administrateur")
    listed = vigie("user", "list", "--data-dir", str(tmp_path / "demo"), "--as", admin["login"],
                   stdin=lines(admin["password"]))
    assert len(assert_ok(listed).splitlines()) == len(accounts)


# -- what a user gets wrong ------------------------------------------------------------------


def test_demo_credentials_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = vigie("demo", "--data-dir", str(tmp_path / "demo"), "--credentials", str(blocker / "accounts.json"))
    assert_one_line_error(result, str(blocker))


def test_a_wrong_password(station):
    result = station.run("user", "list", "--as", "admin", stdin=lines("pas-le-bon-mot-de-passe"))
    assert_one_line_error(result, INCORRECT)
    assert result.stdout == ""


def test_an_unknown_login(station):
    result = station.run("user", "list", "--as", "personne", stdin=lines(station.admin_password))
    assert_one_line_error(result, INCORRECT)


def test_init_in_a_folder_that_is_not_empty(station):
    before = (station.data_dir / "station.keys").read_bytes()
    result = vigie("init", "--data-dir", str(station.data_dir), *INIT_ARGS, stdin=lines(ADMIN_PASSWORD))
    assert_one_line_error(result, str(station.data_dir))
    assert (station.data_dir / "station.keys").read_bytes() == before


def test_init_in_a_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = vigie("init", "--data-dir", str(blocker / "station"), *INIT_ARGS, stdin=lines(ADMIN_PASSWORD))
    assert_one_line_error(result, str(blocker / "station"))


def test_a_missing_line_on_standard_input(station):
    result = station.run("user", "add", "kdiallo", "--name", "Karim Diallo", "--role", "agent", "--as", "admin",
                         stdin=lines(station.admin_password))
    assert_one_line_error(result)
    assert "kdiallo" not in station.user_list()


def test_nothing_on_standard_input(tmp_path):
    result = vigie("init", "--data-dir", str(tmp_path / "station"), *INIT_ARGS, stdin="")
    assert_one_line_error(result)
    assert not (tmp_path / "station" / "station.keys").exists()


def test_a_password_too_short(tmp_path):
    result = vigie("init", "--data-dir", str(tmp_path / "station"), *INIT_ARGS, stdin=lines("court"))
    assert_one_line_error(result, "12")
    assert not (tmp_path / "station" / "station.keys").exists()


def test_a_command_on_a_folder_without_a_station(tmp_path):
    result = vigie("user", "list", "--data-dir", str(tmp_path), "--as", "admin", stdin=lines(ADMIN_PASSWORD))
    assert_one_line_error(result, str(tmp_path), "vigie init")


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), ("user", "add", "lpetit", "--as", "admin"), ("user", "list"), ("init", "--service", "PM")],
    ids=["unknown-command", "missing-option", "missing-identity", "init-incomplete"],
)
def test_a_usage_error_is_one_french_line_and_status_1(args):
    assert_one_line_error(vigie(*args), "--help")


def test_the_help_and_argparse_own_words_are_french():
    shown = vigie("--help")
    assert shown.returncode == 0
    for french in ("utilisation\u00a0: vigie", "afficher cette aide et quitter", "COMMANDE",
                   "gérer les comptes"):
        assert french in shown.stdout
    for english in ("usage:", "show this help", "positional arguments", "manage accounts"):
        assert english not in shown.stdout
    sub = vigie("journal", "export", "--help")
    assert "premier jour de la période" in sub.stdout and "IDENTIFIANT" in sub.stdout


def test_a_mistake_on_the_command_line_is_one_french_line_and_status_1():
    line = assert_one_line_error(vigie("init"), "les arguments suivants sont obligatoires", "vigie init --help")
    assert "--service" in line
    assert_one_line_error(vigie("user", "add", "x", "--name", "X", "--role", "chef", "--as", "admin"),
                          "choix invalide")


def test_a_commands_own_help_says_what_it_reads_on_standard_input():
    # `vigie join --help` alone: a person who never read `vigie --help` learns there that the password is asked.
    joining = re.sub(r"[ \n]+", " ", assert_ok(vigie("join", "--help")))  # unwrapped (str.split would cut at U+00A0)
    assert "entrée standard\u00a0: le mot de passe de l'administrateur" in joining
    adding = re.sub(r"[ \n]+", " ", assert_ok(vigie("user", "add", "--help")))
    assert "créer un compte (entrée standard\u00a0: votre mot de passe" in adding


def test_the_journal_exports_help_names_every_operation_and_compartment_by_its_code():
    shown = re.sub(r"[ \n]+", " ", assert_ok(vigie("journal", "export", "--help")))
    assert "uniquement cette opération, par son code\u00a0: login, login_failed," in shown
    assert "uniquement ce compartiment, par son code\u00a0: main_courante, ecrits," in shown
    assert "l'extrait à écrire, un fichier qui n'existe pas encore" in shown
