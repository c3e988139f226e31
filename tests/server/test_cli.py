"""`vigie-server`: tenants, devices, backups with their rotation, a restore from yesterday's copy, and
mistakes as one French line with status 1."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

import httpx
import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.server import backup as backups, db
from app.server.api import create_app
from app.server.cli import main
from app.server.settings import ServerSettings
from app.sync import protocol
from tests.server.conftest import empty_database
from tests.server.helpers import Station, local_digest, plain_change
from tests.server.processes import ServerProcess
from tools.i18n_typography import faults


def run(capsys: pytest.CaptureFixture[str], database_url: str, *argv: str) -> tuple[int, list[str], str]:
    code = main([*argv, "--database-url", database_url])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_tenant_add_prints_its_token_alone_on_the_last_line_and_devices_are_revoked(
        capsys: pytest.CaptureFixture[str], database_url: str):
    code, lines, _ = run(capsys, database_url, "tenant", "add", "Police municipale de Valmont")
    assert code == 0 and "Valmont" in lines[0]
    token = lines[-1]
    with TestClient(create_app(ServerSettings(database_url), migrate=False)) as client:
        station = Station.register(client, token, "Accueil")
        code, lines, _ = run(capsys, database_url, "device", "list")
        assert code == 0 and [line.split("\t")[2:] for line in lines[1:]] == [["Accueil", "actif"]]
        assert run(capsys, database_url, "device", "revoke", station.device_id)[0] == 0
        assert client.get(protocol.PULL, headers=station.headers).status_code == 401
        assert "révoqué le" in run(capsys, database_url, "device", "list")[1][1]


@pytest.mark.parametrize("argv, message", [
    (["device", "revoke", "00000000-0000-0000-0000-000000000000"],
     "vigie-server: poste inconnu\u00a0: 00000000-0000-0000-0000-000000000000.\n"),
    (["tenant", "add", " "], "vigie-server: nom de service invalide (1 à 200 caractères imprimables).\n"),
    (["restore", "/nonexistent/backup"], "vigie-server: sauvegarde introuvable\u00a0: /nonexistent/backup.\n"),
    (["tenant"], "vigie-server: les arguments suivants sont obligatoires\u00a0: ACTION "
                 "(voir «\u00a0vigie-server tenant --help\u00a0»)\n"),
    (["serve", "--pairings-per-address", "0"],
     "vigie-server: argument --pairings-per-address\u00a0: un nombre entier d'au moins 1 est attendu, pas "
     "«\u00a00\u00a0» (voir «\u00a0vigie-server serve --help\u00a0»)\n"),
    (["serve", "--port", "99999"], "vigie-server: argument --port\u00a0: un port de 0 à 65535"),
    (["serve", "--port", "0", "--tls-cert", __file__, "--tls-key", __file__],
     "vigie-server: certificat TLS ou clé inutilisable"),
    (["backup", "--out", f"{__file__}/copies"],
     f"vigie-server: sauvegarde impossible dans {__file__}/copies\u00a0: une partie du chemin est un fichier, "
     "pas un dossier.\n"),
])
def test_a_mistake_is_one_french_line_and_status_1(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   argv: list[str], message: str):
    engine = db.make_engine(db.sqlite_url(tmp_path), pool_size=1)  # a server's folder, with its database
    db.upgrade(engine)
    engine.dispose()
    capsys.readouterr()
    try:
        code = main(["--data-dir", str(tmp_path), *argv])
    except SystemExit as ended:  # argparse's own mistakes
        code = int(ended.code or 0)
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(message) and err.count("\n") == 1
    assert faults(err.removeprefix("vigie-server: ")) == []  # the catalogue's typography, as `vigie` says its own
    assert err.endswith(".\n") or err.endswith(" --help\u00a0»)\n")  # a sentence, or argparse's pointer as vigie's


def test_without_a_database_the_command_says_so(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("VIGIE_SERVER_DATABASE_URL", raising=False)
    assert main(["device", "list"]) == 1
    assert capsys.readouterr().err == "vigie-server: indiquez --data-dir DOSSIER ou --database-url URL.\n"


def test_a_mistyped_data_folder_is_said_and_no_empty_server_is_made_there(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("VIGIE_SERVER_DATABASE_URL", raising=False)
    mistyped = tmp_path / "srv-typo"
    for argv in (["device", "list"], ["tenant", "list"], ["device", "revoke", "x"],
                 ["backup", "--out", str(tmp_path / "copies")]):
        assert main([*argv, "--data-dir", str(mistyped)]) == 1
        assert capsys.readouterr().err == (f"vigie-server: aucun serveur dans {mistyped} («\u00a0vigie-server "
                                           "tenant add\u00a0» crée le premier service).\n")
    assert not mistyped.exists()


def test_restored_from_yesterdays_backup_the_server_shows_what_it_lost(
        capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path):
    token = run(capsys, database_url, "tenant", "add", "Police municipale de Valmont")[1][-1]
    out = tmp_path / "backups"
    out.mkdir()
    for day in range(1, 10):  # nine older daily copies: the rotation keeps seven in all
        (out / f"{backups.PREFIX}2026-01-{day:02d}{backups.SQLITE_SUFFIX}").write_bytes(b"old")
    with TestClient(create_app(ServerSettings(database_url), migrate=False)) as client:
        station = Station.register(client, token, "Accueil")
        station.push([plain_change("a"), plain_change("b"), plain_change("c")])
        assert station.backed_up() == 0  # no copy yet: a station keeps every change it pushed
        code, lines, _ = run(capsys, database_url, "backup", "--out", str(out))
        assert code == 0 and station.backed_up() == 3
        station.push([plain_change("a", base_seq=1), plain_change("d")])
        before = station.pull_all()
    copies = sorted(p.name for p in out.iterdir())
    written = lines[-1].removeprefix("Sauvegarde écrite\u00a0: ")
    assert len(copies) == 7 and copies[0].endswith("2026-01-04.sqlite") and Path(written).is_file()
    assert run(capsys, database_url, "restore", written)[0] == 0
    with TestClient(create_app(ServerSettings(database_url), migrate=False)) as client:
        station.http = client
        assert station.pull_all() == before[:3]
        assert station.digest(5) != local_digest(before, 5)  # the station sees the loss...
        assert station.digest(3) == local_digest(before, 3)
        resent = station.push([{"mutation_id": e["mutation_id"], "handle": e["handle"], "base_seq": e["base_seq"],
                                "ciphertext": e["ciphertext"]} for e in before])
        assert [r["status"] for r in resent][:3] == ["duplicate"] * 3
        assert all(r["seq"] > backups.SEQ_GAP for r in resent[3:])  # ...and no seq is given twice
        assert len(station.pull_all()) == 5


@pytest.mark.parametrize("where", ["data-dir", "postgresql"])
def test_a_restore_is_refused_while_a_server_serves_the_database_and_done_once_it_stopped(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
        tmp_path: Path, where: str):
    """Under a live server a restore would delete what it acknowledged since the copy, telling no station."""
    monkeypatch.delenv(db.URL_ENVIRONMENT, raising=False)
    if where == "data-dir":
        folder = tmp_path / "serveur"
        option, server = ["--data-dir", str(folder)], ServerProcess(db.sqlite_url(folder), data_dir=folder)
    else:
        url: str = request.getfixturevalue("postgres_database")
        empty_database(url)
        option, server = ["--database-url", url], ServerProcess(url)
    assert main([*option, "tenant", "add", "Police municipale de Valmont"]) == 0
    token = capsys.readouterr().out.splitlines()[-1]
    assert main([*option, "backup", "--out", str(tmp_path / "copies")]) == 0
    copy = capsys.readouterr().out.strip().removeprefix("Sauvegarde écrite\u00a0: ")
    server.start()
    try:
        with httpx2.Client(base_url=server.url, timeout=30) as http:
            station = Station.register(http, token, "Accueil")
            station.push([plain_change("a")])  # acknowledged after the copy was made
            assert main([*option, "restore", copy]) == 1
            err = capsys.readouterr().err
            assert err == ("vigie-server: un serveur (vigie-server serve) utilise cette base\u00a0: arrêtez-le, puis "
                           "restaurez\u00a0; rien n'a été changé.\n")
            assert len(station.pull_all()) == 1  # nothing was changed
    finally:
        server.stop()
    assert main([*option, "restore", copy]) == 0  # the server stopped: its lock went with it
    assert capsys.readouterr().out.startswith("Sauvegarde remise\u00a0: ")


def test_the_digest_says_what_every_kept_copy_holds(capsys: pytest.CaptureFixture[str], database_url: str,
                                                   tmp_path: Path):
    from app.server.models import BackupMark

    token = run(capsys, database_url, "tenant", "add", "Police municipale de Valmont")[1][-1]
    engine = db.make_engine(database_url, pool_size=1)
    try:
        with TestClient(create_app(ServerSettings(database_url), migrate=False)) as client:
            station = Station.register(client, token, "Accueil")
            for day in range(1, 10):  # a copy a day, one change before each
                station.push([plain_change("0123456789"[day])])
                backups.make_backup(engine, tmp_path / "copies", date(2026, 2, day))
            # The seven copies kept are those of 3 to 9 February: the oldest holds the changes up to seq 3.
            assert station.backed_up() == 3
            station.push([plain_change("f")])
            backups.make_backup(engine, tmp_path / "copies", date(2026, 2, 9))  # the day's copy made again
            assert station.backed_up() == 3
        with engine.connect() as connection:
            days = sorted(connection.scalars(select(BackupMark.day).distinct()))
            ninth = connection.scalar(select(BackupMark.last_seq).where(BackupMark.day == "2026-02-09"))
        assert days == [f"2026-02-{day:02d}" for day in range(3, 10)] and ninth == 10
    finally:
        engine.dispose()


def test_serve_takes_the_pairings_an_address_may_open(database_url: str):
    server = ServerProcess(database_url, pairings_per_address=2).start()
    try:
        answers = [httpx.post(server.url + protocol.PAIRINGS, json={"public_key": base64.b64encode(bytes(32)).decode()})
                   .status_code for _ in range(3)]
    finally:
        server.stop()
    assert answers == [201, 201, 429] or answers == [200, 200, 429], answers


def test_a_backup_on_a_disk_that_fills_up_says_so_and_leaves_no_partial_copy(tmp_path: Path):
    """The copy fails at a byte (RLIMIT_FSIZE in the child): one French line, and nothing left in the folder
    (the partial copy, which holds token hashes and the access log, is not left behind)."""
    import resource
    import subprocess
    import sys

    data = tmp_path / "serveur"
    assert main(["--data-dir", str(data), "tenant", "add", "Police municipale de Valmont"]) == 0
    size = (data / "vigie-server.sqlite").stat().st_size
    limit = size // 2

    def small_files() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    out = tmp_path / "copies"
    result = subprocess.run([sys.executable, "-m", "app.server", "backup", "--data-dir", str(data), "--out",
                             str(out)], capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"vigie-server: sauvegarde impossible dans {out}\u00a0: ")
    assert list(out.iterdir()) == []
