"""A disk that fills in the middle of a long pull: the transactions committed before it stay, with their
checkpoint, and the sync says so (how many items it kept, that the rest comes at the next sync); the -wal
gives the disk its room back, a failed login right after is still journaled, and the next sync, with room
again, brings the rest, each once.

The disk is real: a 20 MB tmpfs that the pull fills (tests/test_faults_support.py, small_disk), the server
outside it, on loopback. In the namespace's interpreter the pull's transactions hold GROUP envelopes
(patched constants), so that a pull of a few thousand spans several of them. The first half of the natures
pulled are short and fit in the room left; the second half are padded, and their first transaction needs
more than the disk has: it is rolled back, past the check that a transaction like the one before fits.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import LOW_SPACE
from app.models import LogbookNature
from app.models.sync import SyncAccount
from app.sync.envelope import Change
from tests.conftest import ADMIN_PASSWORD, journal_entries, reopen
from tests.sync.conftest import push_sealed, sync_of
from tests.test_faults import one_line
from tests.test_faults_support import run_vigie, small_disk

# The commands open the stations on the system's clock (tests/conftest.py).
pytestmark = pytest.mark.present_time

NATURES = 6_000  # six pages of the server's thousand
SHORT = 3_000  # the first three transactions: short labels, about 1.2 MB of -wal and database pages each at most
GROUP = 1_000  # envelopes per transaction of the pull in the namespace (app/sync/pull_run.py: 10,000)
# Left free by the filler: the short ones' three transactions take about 1.5 MB of it and leave room for one
# more like them (2 MB, 1.7 MB needed), not for a padded one (about 4 MB of -wal).
ROOM = 3_800_000
# Natures all short: about 0.5 MB of database pages each transaction, which then needs room for 1.7 MB.
ROOM_ALIKE = 3_550_000
WRONG = "mauvais-mot-de-passe"
AS_CHEF = ["--data-dir", "{station}", "--as", "chef"]
LABEL = "Nature de main courante, libellé long pour occuper la place d'un vrai enregistrement "


def label(index: int) -> str:
    return f"{LABEL}{index} " * (1 if index < SHORT else 40)


def station_holds(folder: Path, deps) -> tuple[int, int]:
    """The natures the station in *folder* holds, and its pull checkpoint."""
    deps.clock.current = datetime.now(UTC)  # after the commands, which wrote on the system's clock
    gate = reopen(folder, deps)
    gate.login("chef", ADMIN_PASSWORD)
    try:
        with gate.opened().station.read() as uow:
            natures = uow.session.scalar(select(func.count()).select_from(LogbookNature)
                                         .where(LogbookNature.code.like("banc_%")))
            checkpoint = uow.session.scalar(select(SyncAccount.checkpoint).where(SyncAccount.id == 1))
            return int(natures or 0), int(checkpoint or 0)
    finally:
        gate.close()


def on_a_small_disk(pair, sync_server, tmp_path, padded: bool, room: int, *more: dict):
    """Station b's `vigie sync now` on a small disk with *room* left, the service holding NATURES new natures
    (padded from SHORT on, if *padded*), then the steps *more*; their seqs, the results and the station after."""
    a, b = pair
    sync_of(a).sync(a.admin)
    sync_of(b).sync(b.admin)  # b holds the service as it was: the pull below brings the natures alone
    natures = [Change("logbook_nature", f"banc_{index:05d}", "upsert", {
        "code": f"banc_{index:05d}", "label": label(index) if padded else label(0), "active": True,
        "position": index}, "station-a", index + 1) for index in range(NATURES)]
    seqs = push_sealed(sync_server.url, sync_of(a)._account(), natures)
    b_dir = b.paths.root
    b.close()
    steps: list[dict] = [
        {"patch": ["app.sync.pull_run", "GROUP_ENVELOPES", GROUP]},
        {"patch": ["app.sync.pull_run", "GROUP_SECONDS", 600.0]},  # cut by count alone, however slow the machine
        {"fill": room},
        {"vigie": ["sync", "now", *AS_CHEF], "stdin": f"{ADMIN_PASSWORD}\n"},
        *more,
        {"free": True},
    ]
    work = tmp_path / "faults"
    work.mkdir()
    results, after = small_disk(work, b_dir, steps)
    return seqs, results, after


def kept_said(result: dict) -> int:
    """How many items `vigie sync now` said it kept, in its one French line."""
    line = one_line(result, "Le disque est plein", "/station", "Le reste viendra à la prochaine synchronisation",
                    "rien n'est perdu")
    said = re.search(r"après avoir reçu et conservé (\d+) éléments des autres postes", line)
    assert said is not None, line
    return int(said.group(1))


def brings_the_rest(after: Path, deps, kept: int, seqs: list[int]) -> None:
    """The next sync, with room again: the natures not kept yet, each once."""
    resumed = run_vigie("sync", "now", "--data-dir", str(after), "--as", "chef", stdin=f"{ADMIN_PASSWORD}\n")
    assert resumed["returncode"] == 0, resumed
    assert f"Reçus des autres postes\u00a0: {NATURES - kept} enregistrements." in resumed["stdout"], resumed
    total, checkpoint = station_holds(after, deps)
    assert total == NATURES and checkpoint >= seqs[-1]  # the rest, and none twice (a nature's code is its key)


def test_a_disk_that_fills_mid_pull_keeps_what_it_committed_says_how_much_and_the_next_sync_brings_the_rest(
        pair, sync_server, tmp_path, deps):
    seqs, (synced, again, listed), after = on_a_small_disk(
        pair, sync_server, tmp_path, True, ROOM,
        # The application's timer tries again, the station open: the padded transaction is refused again.
        {"sync_open": ["chef", ADMIN_PASSWORD, WRONG]},
        {"vigie": ["user", "list", *AS_CHEF], "stdin": f"{WRONG}\n"})  # the disk still filled to 8 KB

    kept = kept_said(synced)
    # The failed transaction rolled back, the -wal was cut: the disk has its room back, not a -wal that fills it.
    assert synced["wal"] == 0 and synced["free"] > 1_000_000, synced
    assert again["stdout"] == "DiskFull" and again["wal"] == 0 and again["free"] > 1_000_000, again
    assert again["locked"] == "BadCredentials"  # the lock screen, the disk full: the same answer
    one_line(listed, "Identifiant ou mot de passe incorrect")

    present, checkpoint = station_holds(after, deps)
    assert 0 < kept < NATURES
    assert present == kept  # what the sync said it kept is what the station holds
    assert checkpoint == seqs[kept - 1]  # committed with the rows it covers: the next sync goes on from there
    gate = reopen(after, deps)
    gate.login("chef", ADMIN_PASSWORD)
    try:
        failed = [(e.login, e.detail) for e in journal_entries(gate) if e.operation == "login_failed"]
    finally:
        gate.close()
    # Both failed logins on the full disk are in the journal: on the open station and from the command line.
    assert failed == [("chef", "wrong password"), ("chef", "before unlock")], failed

    brings_the_rest(after, deps, kept, seqs)


def test_a_pull_stops_before_a_transaction_the_disk_has_no_room_for_and_leaves_it_room(
        pair, sync_server, tmp_path, deps):
    # Natures all alike: after each transaction the room left is weighed against one more like it.
    seqs, (synced,), after = on_a_small_disk(pair, sync_server, tmp_path, False, ROOM_ALIKE)

    kept = kept_said(synced)
    assert synced["wal"] == 0 and synced["free"] > LOW_SPACE, synced  # stopped before the disk was full
    log = (after / "logs" / "vigie.log").read_text(encoding="utf-8")
    assert "no room for another pulled transaction" in log and "database or disk is full" not in log
    present, checkpoint = station_holds(after, deps)
    assert 0 < kept < NATURES and present == kept and checkpoint == seqs[kept - 1]
    brings_the_rest(after, deps, kept, seqs)


def test_the_screens_say_how_much_a_sync_kept_in_the_singular_up_to_one_and_in_the_plural_from_two():
    from app.errors import PullDiskFull
    from app.ui.messages import error_text  # the Synchronisation page's and the status bar's sentence

    for count, kept in ((1, "1 élément"), (2, "2 éléments"), (6_000, "6000 éléments")):
        said = error_text(PullDiskFull(path="/srv/vigie", count=count))
        assert said == (f"Le disque est plein\u00a0: la synchronisation s'est arrêtée dans /srv/vigie après avoir "
                        f"reçu et conservé {kept} des autres postes (enregistrements, effacements, entrées du "
                        "journal). Le reste viendra à la prochaine synchronisation, une fois de la place libérée sur "
                        "ce disque\u00a0: rien n'est perdu."), said
