"""`vigie-server` speaks French as `vigie` does: the catalogue's typography on every line it prints (help
included), the help's words in vigie's forms, and lists with a header and French dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.server import accounts, db
from app.server.cli import main
from tests.server.processes import command
from tools.i18n_typography import faults

PREFIX = "vigie-server: "  # the program's name before its message, as `vigie: …` (no space before its colon)
# Every command's help: what is asked for, and its words.
HELPS = [[], ["serve"], ["tenant"], ["tenant", "add"], ["tenant", "list"], ["device"], ["device", "list"],
         ["device", "revoke"], ["backup"], ["restore"]]
# The help's words before they took vigie's forms.
OLD_FORMS = ("affiche cette aide", "et quitte\n", "démarre le", "crée un", "liste les", "révoque un", "(défaut",
             "remet une", "HOST")


def helped(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as ended:
        main([*argv, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Every line the command printed, on standard output and standard error."""
    try:
        main(list(argv))
    except SystemExit:  # argparse's own mistakes
        pass
    out, err = capsys.readouterr()
    return out.splitlines() + err.splitlines()


def test_every_line_it_prints_is_in_the_typography_of_vigies_catalogue(capsys: pytest.CaptureFixture[str],
                                                                       tmp_path: Path):
    """A no-break space before « : ; ? ! » and inside « », as in `vigie`'s lines (tests/test_french_typography.py
    checks its catalogue with the same rules); the colons that are no punctuation are left as they are."""
    folder = ["--data-dir", str(tmp_path / "serveur")]
    lines = [line for argv in HELPS for line in helped(capsys, *argv).splitlines()]
    lines += said(capsys, *folder, "tenant", "add", "Police municipale de Valmont")
    lines += said(capsys, *folder, "tenant", "list") + said(capsys, *folder, "device", "list")
    lines += said(capsys, *folder, "backup", "--out", str(tmp_path / "copies"))
    [copy] = (tmp_path / "copies").iterdir()
    lines += said(capsys, *folder, "restore", str(copy))
    for mistake in (["device", "revoke", "inconnu"], ["tenant"], ["serve", "--port", "x"], ["restore", "/nulle/part"],
                    ["serve", "--tls-cert", "cert.pem"], ["--database-url", "mysql://h:3306/vigie", "tenant", "list"]):
        lines += said(capsys, *folder, *mistake)
    wrong = [f"{line!r}: {found}" for line in lines if (found := faults(line.removeprefix(PREFIX)))]
    assert wrong == []
    text = "\n".join(lines)
    assert "Service «\u00a0Police municipale de Valmont\u00a0» créé\u00a0: " in text
    assert "Jeton d'inscription (à usage unique, affiché une seule fois)\u00a0:" in text
    assert "(postgresql://…)\u00a0;" in text
    assert "vigie-server: adresse de base de données non prise en charge\u00a0: mysql." in text
    # What was given is printed as it was: only the server's own words are typeset.
    added = said(capsys, *folder, "tenant", "add", "Police : nord")
    assert added[0].startswith("Service «\u00a0Police : nord\u00a0» ")
    assert "utilisation\u00a0: vigie-server [-h]" in text and "arguments positionnels\u00a0:" in text


def test_the_help_says_what_each_command_does_in_the_words_of_vigies(capsys: pytest.CaptureFixture[str]):
    """Infinitives ("afficher cette aide et quitter", "créer un poste"), "(par défaut : …)", French
    metavariables."""
    shown = {" ".join(argv): helped(capsys, *argv) for argv in HELPS}
    for help_text in shown.values():
        assert "afficher cette aide et quitter" in help_text
        assert [old for old in OLD_FORMS if old in help_text] == []
    assert "afficher le numéro de version du serveur et quitter" in shown[""]
    for does in ("démarrer le serveur", "gérer les services (locataires)", "gérer les postes inscrits",
                 "faire la copie cohérente du jour", "restaurer une sauvegarde"):
        assert does in shown[""]
    assert "--host HÔTE" in shown["serve"] and "HOST" not in shown["serve"]
    assert "(par défaut\u00a0: 127.0.0.1)" in shown["serve"] and "(par défaut\u00a0: 8750\u00a0;" in shown["serve"]
    assert "créer un service et afficher son jeton d'inscription" in shown["tenant"]
    assert "lister les services" in shown["tenant"] and "lister les postes" in shown["device"]
    assert "révoquer un poste" in shown["device"]


@pytest.mark.parametrize("columns", [48, 60, 72, 80, 100, 132])
def test_no_word_of_the_help_is_cut_at_its_hyphen(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch, columns: int):
    """argparse wraps the help to the terminal's width (COLUMNS): at spaces only, never "vigie-" / "server.sqlite"
    nor "--tls-" / "cert"."""
    monkeypatch.setenv("COLUMNS", str(columns))
    for argv in HELPS:
        shown = helped(capsys, *argv)
        assert "vigie-server.sqlite" in shown or argv in (["tenant"], ["device"]), (argv, shown)  # their own options
        assert not [line for line in shown.splitlines() if line.rstrip().endswith("-")], (argv, shown)


def test_the_lists_name_their_columns_and_give_their_times_in_french_in_local_time(tmp_path: Path):
    """One row per line, tab-separated under a header; a time as `vigie` writes it (04/12/2026 01:45), in the
    time zone of the process that prints it (here Paris: UTC+1 in December)."""
    folder = tmp_path / "serveur"
    folder.mkdir(mode=0o700)
    engine = db.make_engine(db.sqlite_url(folder), pool_size=1)
    db.upgrade(engine)
    try:
        with db.sessions(engine)() as session:
            tenant, _token = accounts.add_tenant(session, "Police municipale de Valmont", at(12, 3, 23, 30))
            tenant_id = tenant.id
            active, _ = accounts.new_device(session, tenant_id, "Accueil", at(12, 4, 0, 1))
            waiting, _ = accounts.new_device(session, tenant_id, "Garage", at(12, 4, 0, 2), with_token=False)
            revoked, _ = accounts.new_device(session, tenant_id, "Voiture 2", at(12, 4, 0, 3))
            accounts.revoke(session, revoked.id, at(12, 4, 0, 45))
            ids = [active.id, waiting.id, revoked.id]
            session.commit()
    finally:
        engine.dispose()
    paris = {"TZ": "Europe/Paris"}
    tenants = command("tenant", "list", "--data-dir", str(folder), env=paris)
    assert (tenants.returncode, tenants.stderr) == (0, "")
    assert tenants.stdout.splitlines() == ["identifiant\tservice\tséquence\tcréé le",
                                           f"{tenant_id}\tPolice municipale de Valmont\t0\t04/12/2026 00:30"]
    devices = command("device", "list", "--data-dir", str(folder), env=paris)
    assert (devices.returncode, devices.stderr) == (0, "")
    assert devices.stdout.splitlines() == [
        "identifiant\tservice\tposte\tétat",
        f"{ids[0]}\tPolice municipale de Valmont\tAccueil\tactif",
        f"{ids[1]}\tPolice municipale de Valmont\tGarage\ten attente d'appairage",
        f"{ids[2]}\tPolice municipale de Valmont\tVoiture 2\trévoqué le 04/12/2026 01:45"]


def at(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)
