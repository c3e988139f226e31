"""The complete export: every record of every kind out in open formats, sealed, and back into a new station exactly."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from sqlalchemy import select

from app.backup import export_format as fmt
from app.backup.errors import ExportRefused
from app.backup.importing import Export, import_export
from app.bootstrap import build_gate, record_kinds
from app.demo import DEMO_ACCOUNTS, DEMO_STATION, attach_demo_files, fill_logbook
from app.demo_writings import fill_writings
from app.errors import AccessDenied
from app.kernel.motives import MotiveRequired
from app.store.attachments import BlobStore
from app.store.layout import StationPaths
from app.services.accounts import NewUser
from tests.conftest import CHEAP_KDF, FakeClock, add_agent, journal_entries

PASSPHRASE = "la phrase de passe du service"
NEW_PASSWORD = "un-nouveau-mot-de-passe"


def every_record(gate) -> dict[str, list[dict]]:
    """Each kind's records as payloads, a file named by its content's hash (each station names it its own way)."""
    station = gate.opened().station
    blobs = BlobStore(station.paths.attachments, station.clock)
    found = {}
    with station.read() as uow:
        for kind in [*record_kinds(), *fmt.STATION_TABLES]:
            rows = []
            for record in uow.session.scalars(select(kind.model)):
                payload = kind.payload(record)
                for field in fmt.blob_fields(kind):
                    if payload[field]:
                        payload[field] = hashlib.sha256(blobs.get(uow.session, payload[field])).hexdigest()
                rows.append(payload)
            found[kind.name] = sorted(rows, key=lambda p: json.dumps(p, sort_keys=True))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo station (main courante with attachments, PV and rapports, accounts), and its export."""
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore
    from app.kernel.deps import StationDeps

    folder = tmp_path_factory.mktemp("demo")
    # make_demo_station's steps, with the cheap key derivation of the other tests
    gate = build_gate(folder / "station", StationDeps(FakeClock(), KdfPolicy(fixed=CHEAP_KDF), NoSecretStore()))
    actor, _code = gate.create(DEMO_STATION)
    for account in DEMO_ACCOUNTS[1:]:
        gate.opened().accounts.create_user(actor, NewUser(account.login, account.full_name, account.role,
                                                          account.password, account.grade, account.matricule),
                                           must_change_password=False)
    fill_logbook(gate.opened().station, actor, 40)
    attach_demo_files(gate.opened().logbook, actor, 6)
    fill_writings(gate.opened(), actor, DEMO_ACCOUNTS)
    before = every_record(gate)
    out = folder / "export.zip"
    done = gate.opened().exports.export(actor, out, PASSPHRASE, "Réversibilité : fin du marché")
    yield gate, actor, before, out, done
    gate.close()


def test_the_round_trip_is_exact_for_every_record_of_every_kind(demo, tmp_path):
    gate, _actor, before, out, done = demo
    assert done.counts["logbook_entry"] == 41 and done.counts["writing"] > 0  # 40, and the PV's night call
    assert any(p["blob"] for p in before["logbook_attachment"])
    target = StationPaths(tmp_path / "new")
    imported = import_export(out, PASSPHRASE, target, gate.deps, record_kinds(), DEMO_ACCOUNTS[0].login,
                             NEW_PASSWORD)
    assert imported.records == done.records
    new = build_gate(target.root, gate.deps)
    try:
        actor = new.login(DEMO_ACCOUNTS[0].login, NEW_PASSWORD)
        after = every_record(new)
        journal = after.pop("journal_entry")
        old_journal = before.pop("journal_entry")
        assert after == before
        # the new station's journal goes on from the exported one, which it holds unchanged
        by_seq = sorted(journal, key=lambda e: e["seq"])
        assert by_seq[: len(old_journal)] == sorted(old_journal, key=lambda e: e["seq"])
        assert by_seq[len(old_journal)]["prev_hash"] == by_seq[len(old_journal) - 1]["hash"]
        assert new.opened().station.id != gate.opened().station.id
        # what each station derives for itself is derived again: the search finds the entries
        subject = before["logbook_entry"][0]["subject"]
        assert new.opened().logbook.search(actor, subject).rows
    finally:
        new.close()


def test_the_export_is_an_open_archive_inside_its_seal(demo):
    _gate, _actor, before, out, _done = demo
    assert not zipfile.is_zipfile(out)  # sealed: nothing readable without the passphrase
    export = Export(out, PASSPHRASE)
    try:
        names = set(export.archive.namelist())
        assert {"README.txt", "manifest.json", "data/logbook_entry.jsonl", "journal/journal_entry.jsonl",
                "schema/logbook_entry.schema.json", "station/journal_checkpoint.jsonl"} <= names
        attachment = before["logbook_attachment"][0]
        assert any(n.startswith(f"attachments/logbook_attachment/{attachment['id']}/") for n in names)
        assert any(n.endswith("/" + attachment["filename"]) for n in names)
        readme = export.archive.read("README.txt").decode("utf-8")
        assert "Police municipale" in readme and "vigie import" in readme
        schema = json.loads(export.archive.read("schema/logbook_entry.schema.json"))
        assert schema["properties"]["requested_at"]["format"] == "date-time"
        line = json.loads(export.archive.read("data/logbook_entry.jsonl").splitlines()[0])
        assert set(line) == set(schema["required"])
    finally:
        export.close()


def _spoiled(out, tmp_path, how: str):
    data = bytearray(out.read_bytes())
    if how == "flipped":
        data[len(data) // 2] ^= 0x40
    elif how == "truncated":
        del data[len(data) - 100:]
    target = tmp_path / f"{how}.zip"
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(("how", "reason"), [("flipped", "altered"), ("truncated", "truncated"),
                                             ("passphrase", "passphrase is wrong")])
def test_a_tampered_export_is_refused_with_the_reason(demo, tmp_path, how, reason):
    gate, _actor, _before, out, _done = demo
    path = out if how == "passphrase" else _spoiled(out, tmp_path, how)
    target = StationPaths(tmp_path / "new")
    with pytest.raises(ExportRefused) as refused:
        import_export(path, PASSPHRASE + ("x" if how == "passphrase" else ""), target, gate.deps, record_kinds(),
                      DEMO_ACCOUNTS[0].login, NEW_PASSWORD)
    assert reason in refused.value.untranslated()
    assert not target.root.exists() or not any(target.root.iterdir())


def test_the_export_is_journaled_with_its_motive(demo):
    gate, _actor, _before, out, _done = demo
    last = [e for e in journal_entries(gate) if e.operation == "export" and e.record_kind == "export"][-1]
    assert last.motive == "Réversibilité : fin du marché" and out.name in last.detail


def test_an_officer_without_the_export_right_is_refused_and_journaled(gate, tmp_path):
    agent = add_agent(gate)
    actor = gate.services.accounts.authenticate(agent.login, "agent-password-2026")
    with pytest.raises(AccessDenied):
        gate.services.exports.export(actor, tmp_path / "x.zip", PASSPHRASE, "Contrôle")
    assert not (tmp_path / "x.zip").exists() and list(tmp_path.glob(".x.zip*")) == []
    assert journal_entries(gate)[-1].operation == "refused"


def test_an_export_needs_a_motive(gate, tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(MotiveRequired):
        gate.services.exports.export(gate.admin, tmp_path / "out" / "x.zip", PASSPHRASE, "")
    assert list((tmp_path / "out").iterdir()) == []
