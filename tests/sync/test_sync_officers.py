"""A station joins a service through a real server and each officer opens it, closed, with their own
password; a password changed or an account disabled on another station follows at the next sync."""

from __future__ import annotations

import queue
import threading

import pytest
from sqlalchemy import func, select

from app.errors import BadCredentials
from app.models import OutboxChange, User
from app.sync.joining import Joined, join_service
from tests.conftest import ADMIN_PASSWORD, AGENT_PASSWORD, add_agent
from tests.sync.conftest import make_gate, sync_of

SECOND_PASSWORD = "second-agent-password"
NEW_PASSWORD = "nouveau-mot-de-passe-2026"
DEADLINE = 60


def joined(a, sync_server, folder, second_clock, password: str = ADMIN_PASSWORD) -> Joined:
    """`vigie join` as a function, in a thread; the administrator approves on *a* once the code is shown."""
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore
    from app.kernel.deps import StationDeps
    from tests.conftest import CHEAP_KDF

    codes: queue.Queue[str] = queue.Queue()
    outcome: queue.Queue[Joined | BaseException] = queue.Queue()
    deps = StationDeps(clock=second_clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())

    def run() -> None:
        try:
            outcome.put(join_service(folder, sync_server.url, "Admin", password,
                                     lambda code, _fingerprint: codes.put(code), deps))
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
    assert result.records > 0 and len(result.recovery_code) > 20
    return result


def opens(folder, clock, login: str, password: str, then=None) -> bool:
    """Whether *password* opens the closed station in *folder* as *login*; *then(gate)* runs while it is open."""
    gate = make_gate(folder, clock)
    try:
        gate.admin = gate.login(login, password)
    except BadCredentials:
        return False
    try:
        if then is not None:
            then(gate)
    finally:
        gate.close()
    return True


def test_each_officer_opens_a_newly_joined_closed_station_and_password_changes_follow(
        gate, sync_server, tmp_path, second_clock):
    a = gate
    add_agent(a, "lpetit")
    add_agent(a, "mbernard", SECOND_PASSWORD, full_name="Marc Bernard", matricule="86-86999-004")
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())
    sync_of(a).sync(a.admin)
    folder = tmp_path / "joined"
    joined(a, sync_server, folder, second_clock)

    def nothing_of_its_own(b) -> None:  # the joining mode made no account and queued nothing
        with b.opened().station.read() as uow:
            assert uow.session.scalar(select(func.count()).select_from(OutboxChange)) == 0
            assert set(uow.session.scalars(select(User.login))) == {"admin", "lpetit", "mbernard"}

    assert opens(folder, second_clock, "admin", ADMIN_PASSWORD, nothing_of_its_own)
    assert opens(folder, second_clock, "lpetit", AGENT_PASSWORD)
    assert opens(folder, second_clock, "mbernard", SECOND_PASSWORD)
    assert not opens(folder, second_clock, "lpetit", SECOND_PASSWORD)

    accounts = a.opened().accounts
    accounts.change_password(accounts.authenticate("lpetit", AGENT_PASSWORD), AGENT_PASSWORD, NEW_PASSWORD)
    accounts.disable_user(a.admin, "mbernard")
    sync_of(a).sync(a.admin)
    # Another officer opens the joined station and it syncs; then it is closed again.
    assert opens(folder, second_clock, "admin", ADMIN_PASSWORD, lambda b: sync_of(b).sync(b.admin))
    assert opens(folder, second_clock, "lpetit", NEW_PASSWORD)
    assert not opens(folder, second_clock, "lpetit", AGENT_PASSWORD)
    assert not opens(folder, second_clock, "mbernard", SECOND_PASSWORD)


def test_a_join_before_the_registering_station_synced_says_so_and_works_once_it_did(
        gate, sync_server, tmp_path, second_clock):
    from app.i18n import translate_error
    from app.sync.joining import AccountNotReceived

    a = gate
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())  # registered, not synced yet
    folder = tmp_path / "joined"
    with pytest.raises(AccountNotReceived) as refused:
        joined(a, sync_server, folder, second_clock)
    said = translate_error(refused.value)  # the line `vigie join` prints
    assert said.startswith("Aucun compte du service n'est encore arrivé sur le serveur") and "Admin" in said, said
    assert not folder.exists() or not any(p for p in folder.iterdir() if p.name != "logs")
    sync_of(a).sync(a.admin)
    assert joined(a, sync_server, folder, second_clock).records > 0


def test_a_join_with_a_password_that_is_not_the_administrators_leaves_the_folder_empty(
        gate, sync_server, tmp_path, second_clock):
    from app.sync.joining import NotTheAdministrator

    from app.demo_logbook import demo_picture
    from tests.logbook_helpers import entry_data

    a = gate
    entry = a.opened().logbook.create(a.admin, entry_data(second_clock.now())).entry
    a.opened().logbook.add_attachment(a.admin, entry.id, data=demo_picture("JPEG", 1), filename="photo.jpg")
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())
    sync_of(a).sync(a.admin)
    folder = tmp_path / "joined"
    with pytest.raises(NotTheAdministrator):
        joined(a, sync_server, folder, second_clock, "not-the-admin-password")
    # Nothing left, not even the photo the first sync received: `vigie join` runs again there.
    assert not folder.exists() or not any(p for p in folder.iterdir() if p.name != "logs")
    # The approved device of the station that no longer exists gave up its token on the server.
    from tests.sync.test_sync import tenant_of
    from tests.sync.test_sync_kill import server_count

    devices = "SELECT count(*) FROM devices WHERE tenant_id = ? AND token_hash IS NOT NULL"
    revoked = devices + " AND revoked_at IS NOT NULL"
    assert (server_count(sync_server, devices, tenant_of(a)), server_count(sync_server, revoked, tenant_of(a))) \
        == (2, 1)
    assert joined(a, sync_server, folder, second_clock).records > 0  # and `vigie join` runs again there


def test_a_join_into_a_file_is_refused_before_any_code_is_shown(sync_server, tmp_path, second_clock):
    from app.errors import NotAFolder

    folder = tmp_path / "poste"
    folder.write_text("not a folder", encoding="utf-8")
    codes: list[str] = []
    with pytest.raises(NotAFolder):
        join_service(folder, sync_server.url, "Admin", ADMIN_PASSWORD, lambda code, _print: codes.append(code))
    assert codes == []  # no pairing an administrator could approve for a station that cannot be made


def test_a_join_into_a_folder_that_is_not_empty_is_refused_before_any_code_is_shown(sync_server, tmp_path):
    from app.errors import StationError

    folder = tmp_path / "poste"
    folder.mkdir()
    (folder / "notes.txt").write_text("les notes du chef de poste", encoding="utf-8")
    codes: list[str] = []
    with pytest.raises(StationError, match="not empty"):
        join_service(folder, sync_server.url, "Admin", ADMIN_PASSWORD, lambda code, _print: codes.append(code))
    assert codes == [] and [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_join_whose_station_cannot_be_made_after_the_approval_gives_up_its_token(
        gate, sync_server, tmp_path, second_clock):
    """The folder taken away between the code shown and the approval: the approved device's token is revoked
    on the server, not left valid for a station that does not exist."""
    import shutil

    from app.errors import StationError
    from tests.sync.test_sync import tenant_of
    from tests.sync.test_sync_kill import server_count

    a = gate
    sync_of(a).register(a.admin, sync_server.url, sync_server.tenant())
    sync_of(a).sync(a.admin)
    folder = tmp_path / "joined"

    def taken_away(code: str, _fingerprint: str) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.write_text("a file where the station was to be", encoding="utf-8")
        service = sync_of(a)
        service.approve(a.admin, service.pending_station(a.admin, code))

    with pytest.raises(StationError):
        join_service(folder, sync_server.url, "Admin", ADMIN_PASSWORD, taken_away, make_gate_deps(second_clock))
    devices = "SELECT count(*) FROM devices WHERE tenant_id = ? AND token_hash IS NOT NULL"
    revoked = devices + " AND revoked_at IS NOT NULL"
    assert (server_count(sync_server, devices, tenant_of(a)), server_count(sync_server, revoked, tenant_of(a))) \
        == (2, 1)
    assert folder.read_text(encoding="utf-8") == "a file where the station was to be"


def make_gate_deps(clock):
    from app.crypto.kdf import KdfPolicy
    from app.crypto.secretstore import NoSecretStore
    from app.kernel.deps import StationDeps
    from tests.conftest import CHEAP_KDF

    return StationDeps(clock=clock, kdf=KdfPolicy(fixed=CHEAP_KDF), secrets=NoSecretStore())


def test_a_password_reset_on_two_stations_offline_ends_the_same_on_both(pair):
    from tests.sync.test_sync import sync_all

    a, b = pair
    add_agent(a, "kdiallo")
    sync_all(a, b)
    a.opened().accounts.reset_password(a.admin, "kdiallo", "temporaire-A-12345")
    b.opened().accounts.reset_password(b.admin, "kdiallo", "temporaire-B-67890")
    sync_all(a, b)  # a's reset reaches the server first, b's after it: b's is the last in the server's order
    for gate in (a, b):
        gate.opened().accounts.authenticate("kdiallo", "temporaire-B-67890")
        with pytest.raises(BadCredentials):
            gate.opened().accounts.authenticate("kdiallo", "temporaire-A-12345")
        assert gate.opened().station.keyfile.open_password("kdiallo", "temporaire-B-67890")
