"""Key slots: passwords, the recovery code, the OS keyring, key derivation, and rekeying."""

from __future__ import annotations

import logging
import os
import shutil

import keyring
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.crypto.kdf import KdfParams, calibrate, derive_key, hash_password, verify_password
from app.crypto.keyslots import RECOVERY_ALPHABET, KeyFile, new_database_key, normalize_recovery_code
from app.crypto.secretstore import KeyringSecretStore, MemorySecretStore, NoSecretStore
from app.errors import BadCredentials, InvalidInput, StationError
from app.models import Operation, Role
from app.services.accounts import NewUser
from app.bootstrap import build_gate
from app.kernel.station import StationDeps
from app.store.engine import rekey as rekey_database
from app.store.layout import StationPaths
from tests.conftest import (
    ADMIN_PASSWORD,
    AGENT_PASSWORD,
    add_agent,
    journal_entries,
    opens_with,
    reopen,
    station_files,
)

NEW_ADMIN_PASSWORD = "new-admin-password-2026"


def keyfile_of(station_dir) -> KeyFile:
    return KeyFile.load(StationPaths(station_dir).keys)


# -- password slots ----------------------------------------------------------------


def test_a_new_account_gets_a_slot_that_opens_the_closed_station(gate, station_dir, deps):
    user = add_agent(gate)
    assert keyfile_of(station_dir).password_slot_users() == {gate.admin.user_id, user.id}
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)


def test_accounts_added_by_two_processes_of_the_station_both_get_their_slot(gate, station_dir, deps):
    """The application open, and a command run beside it (`vigie user add`): each read the key file as it
    opened the station, and the one that wrote last erased the other's new slot; that account never opened."""
    beside = build_gate(station_dir, deps)
    beside_admin = beside.login("admin", ADMIN_PASSWORD)
    agent = add_agent(gate)
    other = beside.opened().accounts.create_user(beside_admin, NewUser(
        login="mdurand", full_name="Marc Durand", role=Role.AGENT, password="marc-durand-password",
        grade="Gardien-brigadier", matricule="86-86999-004"), must_change_password=False)
    beside.opened().accounts.change_password(beside_admin, ADMIN_PASSWORD, "the-admin-new-password")
    assert keyfile_of(station_dir).password_slot_users() == {gate.admin.user_id, agent.id, other.id}
    beside.close()
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert opens_with(station_dir, deps, "mdurand", "marc-durand-password")
    assert opens_with(station_dir, deps, "admin", "the-admin-new-password")
    assert not opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)


def test_a_changed_password_opens_the_station_and_the_old_one_no_longer_does(gate, station_dir, deps):
    agent = add_agent(gate)
    actor = gate.login("lpetit", AGENT_PASSWORD)
    gate.services.accounts.change_password(actor, AGENT_PASSWORD, "a-brand-new-password")
    assert keyfile_of(station_dir).password_slot_users() == {gate.admin.user_id, agent.id}
    gate.close()
    assert not opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert opens_with(station_dir, deps, "lpetit", "a-brand-new-password")


def test_a_password_change_needs_the_current_password(gate, station_dir, deps):
    add_agent(gate)
    actor = gate.login("lpetit", AGENT_PASSWORD)
    keys = gate.paths.keys.read_bytes()
    with pytest.raises(BadCredentials, match="current password is incorrect"):
        gate.services.accounts.change_password(actor, "not-my-password", "a-brand-new-password")
    with pytest.raises(InvalidInput, match="must differ"):
        gate.services.accounts.change_password(actor, AGENT_PASSWORD, AGENT_PASSWORD)
    assert gate.paths.keys.read_bytes() == keys
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)


def test_disabling_an_account_removes_its_slot(gate, station_dir, deps):
    agent = add_agent(gate)
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    assert agent.id not in keyfile_of(station_dir).password_slot_users()
    gate.close()
    assert not opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)


def test_an_account_without_a_slot_gets_one_at_its_next_login(gate, station_dir, deps):
    agent = add_agent(gate)
    gate.services.accounts.disable_user(gate.admin, "lpetit")
    gate.services.accounts.enable_user(gate.admin, "lpetit")
    assert agent.id not in keyfile_of(station_dir).password_slot_users()
    gate.login("lpetit", AGENT_PASSWORD)  # through the station the administrator opened
    gate.close()
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)


# -- the recovery code -----------------------------------------------------------------


def test_the_recovery_code_is_six_groups_easy_to_read_aloud(gate):
    groups = gate.recovery_code.split("-")
    assert [len(g) for g in groups] == [5] * 6
    assert set("".join(groups)) <= set(RECOVERY_ALPHABET)


@settings(max_examples=100, deadline=None)
@given(
    groups=st.lists(st.text(alphabet=RECOVERY_ALPHABET, min_size=5, max_size=5), min_size=6, max_size=6),
    separators=st.lists(st.sampled_from(["", "-", " ", " - ", "\u2010"]), min_size=5, max_size=5),
    lower=st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_a_recovery_code_reads_the_same_however_it_is_typed(groups, separators, lower):
    code = "-".join(groups)
    letters = "".join(c.lower() if low else c for c, low in zip("".join(groups), lower, strict=True))
    typed = letters[:5] + "".join(sep + letters[5 * (i + 1) : 5 * (i + 2)] for i, sep in enumerate(separators))
    assert normalize_recovery_code(f"  {typed}\n") == code


@pytest.mark.parametrize(
    "typing", [str, str.lower, lambda c: c.replace("-", "").lower(), lambda c: c.replace("-", " ")],
    ids=["as-shown", "lower-case", "no-dashes", "spaces"],
)
def test_the_recovery_code_opens_the_station_and_replaces_the_admin_password(gate, station_dir, deps, typing):
    code = gate.recovery_code
    gate.close()
    rescued = reopen(station_dir, deps)
    actor = rescued.recover(typing(code), "admin", NEW_ADMIN_PASSWORD)
    assert actor.login == "admin" and rescued.is_open
    assert not rescued.services.accounts.must_change_password(actor)
    assert any(e.operation == Operation.ADMINISTER and "recovery code" in e.detail for e in journal_entries(rescued))
    rescued.close()
    assert not opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)
    assert opens_with(station_dir, deps, "admin", NEW_ADMIN_PASSWORD)


def test_a_wrong_recovery_code_opens_nothing_and_is_journaled(gate, station_dir, deps):
    gate.close()
    before = station_files(station_dir)
    rescued = reopen(station_dir, deps)
    with pytest.raises(BadCredentials, match="Incorrect recovery code"):
        rescued.recover("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567", "admin", NEW_ADMIN_PASSWORD)
    with pytest.raises(BadCredentials, match="Incorrect recovery code"):
        rescued.recover("   ", "admin", NEW_ADMIN_PASSWORD)
    assert not rescued.is_open
    after = station_files(station_dir)
    after.pop("pending-events.log")
    assert after == before
    again = reopen(station_dir, deps)
    again.login("admin", ADMIN_PASSWORD)
    failed = [e for e in journal_entries(again) if e.operation == Operation.LOGIN_FAILED]
    assert [e.detail for e in failed] == ["recovery code"]
    again.close()


def test_the_recovery_code_gives_a_password_only_to_an_active_administrator(gate, station_dir, deps):
    add_agent(gate)
    code = gate.recovery_code
    gate.close()
    rescued = reopen(station_dir, deps)
    with pytest.raises(InvalidInput, match="not an active administrator"):
        rescued.recover(code, "lpetit", NEW_ADMIN_PASSWORD)
    assert not rescued.is_open
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)


# -- the OS keyring ----------------------------------------------------------------------


def test_without_a_keyring_the_password_slots_carry_the_station(gate, station_dir, deps):
    assert isinstance(deps.secrets, NoSecretStore)
    assert {s["kind"] for s in keyfile_of(station_dir).slots} == {"password", "recovery"}
    gate.close()
    closed = reopen(station_dir, deps)
    assert not closed.open_with_keyring()
    assert closed.login("admin", ADMIN_PASSWORD).login == "admin"
    closed.close()


@pytest.fixture
def keyring_deps(clock, deps) -> StationDeps:
    return StationDeps(clock=clock, kdf=deps.kdf, secrets=MemorySecretStore())


def test_a_keyring_opens_the_station_without_a_password(station_dir, keyring_deps, new_station):
    gate = build_gate(station_dir, keyring_deps)
    gate.create(new_station)
    gate.close()
    again = reopen(station_dir, keyring_deps)
    assert again.open_with_keyring()
    assert again.is_open
    # Opening the file is not logging in: the user still gives their password.
    with pytest.raises(BadCredentials):
        again.login("admin", "not-the-password")
    assert again.login("admin", ADMIN_PASSWORD).login == "admin"
    again.close()


def test_a_keyring_that_lost_the_secret_falls_back_to_passwords(station_dir, keyring_deps, new_station, deps):
    gate = build_gate(station_dir, keyring_deps)
    gate.create(new_station)
    gate.close()
    elsewhere = reopen(station_dir, StationDeps(clock=deps.clock, kdf=deps.kdf, secrets=MemorySecretStore()))
    assert not elsewhere.open_with_keyring()
    assert elsewhere.login("admin", ADMIN_PASSWORD).login == "admin"
    elsewhere.close()


class FlakyKeyring:
    """An OS keyring backend that works until it breaks, as D-Bus or a locked wallet do."""

    def __init__(self, broken: bool) -> None:
        self.broken = broken
        self.values: dict[tuple[str, str], str] = {}

    def _check(self) -> None:
        if self.broken:
            raise RuntimeError("the keyring daemon is gone")

    def get_password(self, service, name):
        self._check()
        return self.values.get((service, name))

    def set_password(self, service, name, value):
        self._check()
        self.values[(service, name)] = value

    def delete_password(self, service, name):
        self._check()
        self.values.pop((service, name), None)


def keyring_deps_with(monkeypatch, backend, deps) -> StationDeps:
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    return StationDeps(clock=deps.clock, kdf=deps.kdf, secrets=KeyringSecretStore())


def vigie_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("vigie") and r.levelno == logging.WARNING]


def test_a_keyring_that_raises_at_creation_leaves_the_password_slots(
    monkeypatch, caplog, station_dir, deps, new_station
):
    broken = keyring_deps_with(monkeypatch, FlakyKeyring(broken=True), deps)
    gate = build_gate(station_dir, broken)
    gate.create(new_station)
    gate.close()
    assert any("keyring" in message for message in vigie_warnings(caplog))
    assert not keyfile_of(station_dir).has_keyring_slot()
    assert opens_with(station_dir, broken, "admin", ADMIN_PASSWORD)


def test_a_keyring_that_breaks_later_leaves_the_password_slots(monkeypatch, caplog, station_dir, deps, new_station):
    backend = FlakyKeyring(broken=False)
    flaky = keyring_deps_with(monkeypatch, backend, deps)
    gate = build_gate(station_dir, flaky)
    gate.create(new_station)
    gate.close()
    assert keyfile_of(station_dir).has_keyring_slot()
    backend.broken = True
    again = reopen(station_dir, flaky)
    assert not again.open_with_keyring()
    assert any("keyring" in message for message in vigie_warnings(caplog))
    assert again.login("admin", ADMIN_PASSWORD).login == "admin"
    again.close()


# -- rekey ------------------------------------------------------------------------------------


def test_rekey_shuts_out_old_key_files_and_keeps_every_active_user(gate, station_dir, deps, tmp_path):
    lpetit = add_agent(gate)
    kdiallo = add_agent(gate, "kdiallo", full_name="Karim Diallo", matricule="86-86999-004")
    key_file_with_kdiallo = gate.paths.keys.read_bytes()
    gate.services.accounts.disable_user(gate.admin, "kdiallo")
    gate.close()
    # An older copy of the key file comes back (a restored backup): kdiallo's slot with it.
    gate.paths.keys.write_bytes(key_file_with_kdiallo)
    with pytest.raises(BadCredentials):
        reopen(station_dir, deps).login("kdiallo", AGENT_PASSWORD)

    again = reopen(station_dir, deps)
    actor = again.login("admin", ADMIN_PASSWORD)
    again.services.station.rekey(actor)
    again.close()

    slots = keyfile_of(station_dir)
    assert slots.password_slot_users() == {gate.admin.user_id, lpetit.id}
    assert not any("sealed_next" in slot for slot in slots.slots)
    assert kdiallo.id not in slots.password_slot_users()
    assert opens_with(station_dir, deps, "admin", ADMIN_PASSWORD)
    assert opens_with(station_dir, deps, "lpetit", AGENT_PASSWORD)
    assert not opens_with(station_dir, deps, "kdiallo", AGENT_PASSWORD)

    stolen = tmp_path / "stolen"
    shutil.copytree(station_dir, stolen)
    (stolen / "station.keys").write_bytes(key_file_with_kdiallo)
    for login, password in [("admin", ADMIN_PASSWORD), ("kdiallo", AGENT_PASSWORD)]:
        with pytest.raises(StationError, match="does not open with this station's keys"):
            reopen(stolen, deps).login(login, password)


def test_the_recovery_code_and_the_keyring_survive_a_rekey(station_dir, keyring_deps, new_station):
    gate = build_gate(station_dir, keyring_deps)
    admin, code = gate.create(new_station)
    gate.services.station.rekey(admin)
    gate.close()
    again = reopen(station_dir, keyring_deps)
    assert again.open_with_keyring()
    again.close()
    rescued = reopen(station_dir, keyring_deps)
    assert rescued.recover(code, "admin", NEW_ADMIN_PASSWORD).login == "admin"
    rescued.close()


def crash_during_rekey(gate, rekeyed: bool) -> None:
    """Stop a rekey as a power cut would: the next key staged, the database perhaps re-encrypted."""
    station = gate.services.station
    new_key = new_database_key()
    station.keyfile.stage_next_key(station.deps.secrets, new_key)
    station.keyfile.save()
    if rekeyed:
        rekey_database(station.engine, new_key)
    gate.services = None  # the process dies: nothing more is written
    station.engine.dispose()


@pytest.mark.parametrize("rekeyed", [True, False], ids=["after-reencryption", "before-reencryption"])
def test_a_rekey_cut_short_still_opens_and_settles(station_dir, keyring_deps, new_station, rekeyed):
    gate = build_gate(station_dir, keyring_deps)
    gate.admin, _code = gate.create(new_station)
    add_agent(gate)
    crash_during_rekey(gate, rekeyed)
    assert any("sealed_next" in slot for slot in keyfile_of(station_dir).slots)

    again = reopen(station_dir, keyring_deps)
    assert again.login("lpetit", AGENT_PASSWORD).login == "lpetit"
    assert any(e.operation == Operation.LOGIN and e.login == "lpetit" for e in journal_entries(again))
    again.close()
    settled = keyfile_of(station_dir)
    assert not any("sealed_next" in slot for slot in settled.slots)
    assert {s["kind"] for s in settled.slots} == {"password", "keyring", "recovery"}
    by_keyring = reopen(station_dir, keyring_deps)
    assert by_keyring.open_with_keyring()
    by_keyring.close()
    assert opens_with(station_dir, keyring_deps, "admin", ADMIN_PASSWORD)


# -- key derivation --------------------------------------------------------------------------


def test_a_password_hash_checks_only_its_password():
    encoded = hash_password("correct-horse-battery", KdfParams(iterations=1, memory_cost=1024))
    assert encoded.startswith("$argon2id$")
    assert verify_password("correct-horse-battery", encoded)
    assert not verify_password("correct-horse-batterie", encoded)


def test_a_key_depends_on_the_secret_the_salt_and_the_cost():
    cheap = KdfParams(iterations=1, memory_cost=1024)
    salt = os.urandom(16)
    key = derive_key(b"secret", salt, cheap)
    assert len(key) == 32
    assert derive_key(b"secret", salt, cheap) == key
    assert derive_key(b"secreT", salt, cheap) != key
    assert derive_key(b"secret", os.urandom(16), cheap) != key
    assert derive_key(b"secret", salt, KdfParams(iterations=2, memory_cost=1024)) != key


@pytest.mark.slow
def test_calibration_counts_the_fixed_cost_of_a_derivation_once():
    # A machine where filling the memory costs 0.12 s and each pass 0.08 s: 0.5 s is (0.5 - 0.12) / 0.08 passes.
    timed = []

    def machine(params):
        timed.append(params.iterations)
        return 0.12 + 0.08 * params.iterations

    params = calibrate(0.5, timer=machine)
    assert params.iterations == 5 and params.memory_cost == 65536
    assert set(timed) == {1, 3}
    # A machine so fast that one pass costs next to nothing still gets a bounded, positive count.
    assert 1 <= calibrate(0.5, timer=lambda p: 1e-9 * p.iterations).iterations <= 1000