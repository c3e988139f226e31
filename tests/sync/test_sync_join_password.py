"""A mistyped administrator's password at joining is asked again, like any login: the approval, and the station
number it gave (one of the service's ten, given for good), are not lost. Each wrong attempt is a failed login in
the new station's journal, which reaches the other stations; after the third, nothing is kept, as before."""

from __future__ import annotations

import queue
import threading

import pytest

from app.audit.query import JournalFilter
from app.models import Operation
from app.sync.joining import Joined, NotTheAdministrator, join_service
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent
from tests.sync.conftest import sync_of
from tests.sync.test_sync_officers import DEADLINE, make_gate_deps, opens

WRONG = "pas-le-bon-mot-de-passe"


def joined_typing(a, sync_server, folder, clock, login: str, *typed: str | None, asked: list[int]) -> Joined:
    """`vigie join` as a function, in a thread, its password typed as *typed*: the first, then each asked again
    (None: given up), the attempts asked for added to *asked*; the administrator approves on *a*."""
    codes: queue.Queue[str] = queue.Queue()
    outcome: queue.Queue[Joined | BaseException] = queue.Queue()
    again = iter(typed[1:])

    def ask_again(attempt: int) -> str | None:
        asked.append(attempt)
        return next(again)

    def run() -> None:
        try:
            outcome.put(join_service(folder, sync_server.url, login, typed[0] or "",
                                     lambda code, _fingerprint: codes.put(code), make_gate_deps(clock),
                                     ask_again=ask_again))
        except BaseException as error:  # handed to the test's thread
            outcome.put(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    service = sync_of(a)
    service.approve(a.admin, service.pending_station(a.admin, codes.get(timeout=DEADLINE)))
    result = outcome.get(timeout=DEADLINE)
    thread.join(timeout=DEADLINE)
    if isinstance(result, BaseException):
        raise result
    return result


@pytest.fixture
def synced(gate, sync_server):
    """Station A, with an agent of its own, registered and synced: its accounts are on the server."""
    add_agent(gate, "lpetit")
    sync_of(gate).register(gate.admin, sync_server.url, sync_server.tenant())
    sync_of(gate).sync(gate.admin)
    return gate


def empty(folder) -> bool:
    return not folder.exists() or not any(p for p in folder.iterdir() if p.name != "logs")


def test_a_wrong_then_right_password_joins_with_the_number_approved_and_the_service_sees_the_failure(
        synced, sync_server, tmp_path, second_clock):
    a = synced
    folder = tmp_path / "joined"
    asked: list[int] = []
    joined = joined_typing(a, sync_server, folder, second_clock, "Admin", WRONG, ADMIN_PASSWORD, asked=asked)
    assert asked == [2]
    assert joined.station_number == 2  # the approval's number, not a second one burnt by the wrong password
    seen: dict[str, object] = {}

    def failures_then_sync(b) -> None:
        station_id = b.opened().station.id
        rows = b.opened().journal.search(b.admin, JournalFilter(operation=Operation.LOGIN_FAILED), limit=100)
        seen["here"] = [(row.station_id, row.login, row.detail) for row in rows]
        seen["id"] = station_id
        sync_of(b).sync(b.admin)

    assert opens(folder, second_clock, "admin", ADMIN_PASSWORD, failures_then_sync)
    b_id = seen["id"]
    assert seen["here"] == [(b_id, "admin", "wrong password")]  # as a failed login at the window is journaled
    sync_of(a).sync(a.admin)
    journal = a.opened().journal
    rows = journal.search(a.admin, JournalFilter(station=str(b_id), operation=Operation.LOGIN_FAILED), limit=100)
    assert [(row.login, row.detail) for row in rows] == [("admin", "wrong password")]
    own, others = journal.verify_every_station(a.admin)
    assert own.ok and [other.report.ok for other in others if other.station.station_id == b_id] == [True]


def test_three_wrong_passwords_remove_the_station_and_give_up_its_token(synced, sync_server, tmp_path,
                                                                       second_clock):
    from tests.sync.test_sync import tenant_of
    from tests.sync.test_sync_kill import server_count

    a = synced
    folder = tmp_path / "joined"
    asked: list[int] = []
    with pytest.raises(NotTheAdministrator):
        joined_typing(a, sync_server, folder, second_clock, "Admin", WRONG, "encore-faux", "toujours-faux",
                      asked=asked)
    assert asked == [2, 3] and empty(folder)
    devices = "SELECT count(*) FROM devices WHERE tenant_id = ? AND token_hash IS NOT NULL"
    revoked = devices + " AND revoked_at IS NOT NULL"
    assert (server_count(sync_server, devices, tenant_of(a)), server_count(sync_server, revoked, tenant_of(a))) \
        == (2, 1)
    # The station is gone, its attempts are not: pushed before it went, they reach the station that approved it.
    sync_of(a).sync(a.admin)
    own = a.opened().station.id
    rows = a.opened().journal.search(a.admin, JournalFilter(operation=Operation.LOGIN_FAILED), limit=100)
    assert [(row.login, row.detail) for row in rows if row.station_id != own] == [("admin", "wrong password")] * 3


def test_a_password_not_typed_again_removes_the_station(synced, sync_server, tmp_path, second_clock):
    folder, asked = tmp_path / "joined", []
    with pytest.raises(NotTheAdministrator):
        joined_typing(synced, sync_server, folder, second_clock, "Admin", WRONG, None, asked=asked)
    assert asked == [2] and empty(folder)


def test_an_account_that_is_no_administrator_is_not_asked_again(synced, sync_server, tmp_path, second_clock):
    """Only a wrong password is a typing mistake: an agent's login, with its right password, ends the joining."""
    folder, asked = tmp_path / "joined", []
    with pytest.raises(NotTheAdministrator):
        joined_typing(synced, sync_server, folder, second_clock, "lpetit", AGENT_PASSWORD, ADMIN_PASSWORD,
                      asked=asked)
    assert asked == [] and empty(folder)
