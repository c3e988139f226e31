"""One answer, one cost: a login does not tell whether the account exists, is locked or is disabled.

Timing is compared by the work done, not by a clock: every Argon2id derivation of the station
(key slots, password hashes and their verification) is counted with its cost, on the real
derivation, so that an attempt's cost is the list of derivations it made.
"""

from __future__ import annotations

from typing import Any

import pytest

import app.crypto.kdf as kdf
from app.errors import AccountLocked, BadCredentials
from app.models.writings import WritingStatus
from app.writings.types import WrongSigningPassword
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent, journal_entries, reopen, user_row
from tests.test_writings_support import draft_pv

INCORRECT = "Incorrect login or password."
WRONG = "wrong-password-typed"


class Derivations:
    """Every Argon2id derivation made while it is installed, as (iterations, memory in KiB)."""

    def __init__(self, real: type[kdf.Argon2id]) -> None:
        self.real = real
        self.made: list[tuple[int, int]] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        counter = self

        class CountedArgon2id:
            def __init__(self, **params: Any) -> None:  # Argon2id's: the salt (bytes) and the costs (int)
                self._params = params["iterations"], params["memory_cost"]
                self._real = counter.real(**params)

            def derive(self, secret: bytes) -> bytes:
                counter.made.append(self._params)
                return self._real.derive(secret)

            def derive_phc_encoded(self, secret: bytes) -> str:
                counter.made.append(self._params)
                return self._real.derive_phc_encoded(secret)

            @staticmethod
            def verify_phc_encoded(secret: bytes, encoded: str) -> None:
                cost = dict(part.split("=") for part in encoded.split("$")[3].split(","))
                counter.made.append((int(cost["t"]), int(cost["m"])))
                counter.real.verify_phc_encoded(secret, encoded)

        monkeypatch.setattr(kdf, "Argon2id", CountedArgon2id)

    def during(self, attempt) -> tuple[str, list[tuple[int, int]]]:
        """The message a refused *attempt* gives and the derivations it made."""
        before = len(self.made)
        with pytest.raises(BadCredentials) as refused:
            attempt()
        assert type(refused.value) is BadCredentials
        return str(refused.value), self.made[before:]


@pytest.fixture
def derivations(monkeypatch) -> Derivations:
    counted = Derivations(kdf.Argon2id)
    counted.install(monkeypatch)
    return counted


def lock(gate, login: str) -> None:
    for _ in range(5):
        with pytest.raises(BadCredentials):
            gate.login(login, WRONG)
    locked = user_row(gate, login)
    assert locked is not None and locked.locked_until is not None


@pytest.fixture
def accounts(gate):
    """lpetit locked, kdiallo disabled, mbernard usable; the administrator logged in."""
    add_agent(gate)
    add_agent(gate, "kdiallo", full_name="Karim Diallo", matricule="86-86999-004")
    add_agent(gate, "mbernard", full_name="Marc Bernard", matricule="86-86999-005")
    lock(gate, "lpetit")
    gate.services.accounts.disable_user(gate.admin, "kdiallo")
    return gate


CASES = {
    "wrong password": ("mbernard", WRONG),
    "unknown login": ("nobody", AGENT_PASSWORD),
    "locked, right password": ("lpetit", AGENT_PASSWORD),
    "locked, wrong password": ("lpetit", WRONG),
    "disabled, right password": ("kdiallo", AGENT_PASSWORD),
    "disabled, wrong password": ("kdiallo", WRONG),
}


def test_with_the_station_open_every_refusal_gives_one_message_after_one_derivation(accounts, derivations):
    outcomes = {case: derivations.during(lambda: accounts.services.accounts.authenticate(login, password))
                for case, (login, password) in CASES.items()}
    assert {message for message, _ in outcomes.values()} == {INCORRECT}
    costs = {case: made for case, (_, made) in outcomes.items()}
    assert all(len(made) == 1 for made in costs.values()), costs
    assert len({made[0] for made in costs.values()}) == 1, costs  # the same Argon2id cost each time


def test_with_the_station_open_each_refusal_is_journaled_as_what_it_was(accounts):
    since = len(journal_entries(accounts))
    for login, password in CASES.values():
        with pytest.raises(BadCredentials):
            accounts.login(login, password)
    assert [(e.operation, e.login, e.detail) for e in journal_entries(accounts)[since:]] == [
        ("login_failed", "mbernard", "wrong password"),
        ("login_failed", "nobody", "unknown login"),
        ("login_locked", "lpetit", ""),
        ("login_locked", "lpetit", ""),
        ("login_failed", "kdiallo", "disabled account"),
        ("login_failed", "kdiallo", "disabled account"),
    ]


def test_with_the_station_closed_every_refusal_gives_one_message_after_one_derivation(
        accounts, station_dir, deps, derivations):
    keys_before = accounts.paths.keys.read_bytes()
    accounts.close()
    closed = reopen(station_dir, deps)
    outcomes = {}
    for case, (login, password) in CASES.items():
        outcomes[case] = derivations.during(lambda: closed.login(login, password))
        assert not closed.is_open, case  # a locked or disabled account that opened the file leaves it closed
    assert {message for message, _ in outcomes.values()} == {INCORRECT}
    costs = {case: made for case, (_, made) in outcomes.items()}
    assert all(len(made) == 1 for made in costs.values()), costs
    assert len({made[0] for made in costs.values()}) == 1, costs
    assert accounts.paths.keys.read_bytes() == keys_before  # no refused attempt wrote a slot


def test_a_disabled_account_whose_slot_came_back_is_refused_as_a_wrong_password(
        gate, station_dir, deps, derivations):
    add_agent(gate, "kdiallo", full_name="Karim Diallo")
    key_file_with_kdiallo = gate.paths.keys.read_bytes()
    gate.services.accounts.disable_user(gate.admin, "kdiallo")
    gate.close()
    gate.paths.keys.write_bytes(key_file_with_kdiallo)  # an older copy of the key file, restored
    closed = reopen(station_dir, deps)
    right = derivations.during(lambda: closed.login("kdiallo", AGENT_PASSWORD))
    wrong = derivations.during(lambda: closed.login("kdiallo", WRONG))
    assert right[0] == wrong[0] == INCORRECT and len(right[1]) == len(wrong[1]) == 1
    assert not closed.is_open


def test_refusals_with_the_station_closed_reach_the_journal_at_the_next_opening(accounts, station_dir, deps):
    accounts.close()
    closed = reopen(station_dir, deps)
    for login, password in CASES.values():
        with pytest.raises(BadCredentials):
            closed.login(login, password)
    closed.login("admin", ADMIN_PASSWORD)
    entries = [(e.operation, e.login) for e in journal_entries(closed)]
    assert ("login_locked", "lpetit") in entries  # the right password opened the file: refused inside
    for login in ("mbernard", "nobody", "kdiallo"):
        assert ("login_failed", login) in entries
    closed.close()


# -- the signing password ---------------------------------------------------------------------------


@pytest.fixture
def signer(gate):
    add_agent(gate)
    return gate.login("lpetit", AGENT_PASSWORD)


def test_wrong_signing_passwords_lock_the_account(gate, signer):
    writings = gate.services.writings
    draft = draft_pv(gate, signer)
    for _ in range(5):
        with pytest.raises(WrongSigningPassword):
            writings.sign(signer, draft.id, WRONG)
    failed = [(e.operation, e.login, e.detail) for e in journal_entries(gate) if e.operation == "login_failed"]
    assert failed == [("login_failed", "lpetit", "wrong signing password")] * 4 + [
        ("login_failed", "lpetit", "wrong signing password, account locked")]
    with pytest.raises(AccountLocked):
        writings.sign(signer, draft.id, AGENT_PASSWORD)  # the right password, during the lock
    assert writings.get(signer, draft.id).status == WritingStatus.DRAFT
    with pytest.raises(BadCredentials) as login:
        gate.login("lpetit", AGENT_PASSWORD)
    assert str(login.value) == INCORRECT


def test_during_a_lock_every_signing_password_gets_the_same_answer(gate, signer, clock):
    draft = draft_pv(gate, signer)
    lock(gate, "lpetit")
    answers = set()
    for password in (AGENT_PASSWORD, WRONG):
        with pytest.raises(AccountLocked) as refused:
            gate.services.writings.sign(signer, draft.id, password)
        answers.add(str(refused.value))
    assert len(answers) == 1
    clock.advance(minutes=15)
    assert gate.services.writings.sign(signer, draft.id, AGENT_PASSWORD).status == WritingStatus.SIGNED


def test_failed_logins_and_signing_passwords_add_up(gate, signer):
    writings = gate.services.writings
    draft = draft_pv(gate, signer)
    signed = writings.sign(signer, draft.id, AGENT_PASSWORD)
    for _ in range(3):
        with pytest.raises(BadCredentials):
            gate.login("lpetit", WRONG)
    for _ in range(2):
        with pytest.raises(WrongSigningPassword):
            writings.add_addendum(signer, signed.id, "Heure corrigée : 10 h 40.", WRONG)
    row = user_row(gate, "lpetit")
    assert row is not None and row.locked_until is not None
    with pytest.raises(AccountLocked):
        writings.add_addendum(signer, signed.id, "Heure corrigée : 10 h 40.", AGENT_PASSWORD)
    assert writings.get(signer, signed.id).addenda == ()
