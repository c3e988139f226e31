"""Restoring a backup: checked whole first, then built aside, then put in place in one step.

The recovery code opens the backup's recovery slot; the backup is checked
(manifest MAC, every file, the database's integrity and counts) before
anything is touched. The station is rebuilt in a folder beside the target,
opened there (migrations brought up to date), and the restore journaled in it.
Only then does it take the target's place: by one exchange of the two folders
where the system has it (Linux), else two renames. A kill at any point leaves
the target as it was, and the station it replaces is kept beside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.audit.actor import Actor
from app.backup import manifest as mf
from app.backup.check import MISSING_FILE, ALTERED_FILE, check_backup
from app.backup.errors import BackupDamaged, OtherService, RestoreTarget
from app.backup.files import copy_hashed, exchange, fsync_folder, remove_tree
from app.backup.interrupt import held_back
from app.backup.replaced import ReplacedJournal, carry_seal, read_replaced
from app.backup.writer import Progress, kind_tables
from app.crypto.keyslots import KeyFile, KeyFileError, SlotLocked
from app.errors import QT_TRANSLATE_NOOP, BadCredentials
from app.kernel.deps import StationDeps
from app.kernel.kinds import RecordKinds
from app.kernel.rights import ADMINISTRATION
from app.models import Operation
from app.store.layout import StationPaths


@dataclass(frozen=True)
class BackupSummary:
    """What a restore shows before it replaces anything."""

    path: str
    made_at: datetime
    station_id: str
    service_name: str
    commune: str
    insee_code: str
    counts: dict[str, int]
    journal_seq: int
    journal_hash: str
    sealed_head: str = ""


@dataclass(frozen=True)
class Restored:
    summary: BackupSummary
    target: str
    kept_copy: str  # where the replaced station was kept ("" when there was none)
    rolled_back: int  # journal entries of the replaced station the restored one does not hold


def open_backup(path: Path, code: str, kinds: RecordKinds, progress: Progress | None = None, *,
                full: bool = False) -> tuple[BackupSummary, bytes]:
    """Check the backup with the recovery code (*full*: SQLite's full integrity_check too); its summary and key."""
    path = Path(path)
    try:
        keyfile = KeyFile.load(path / mf.KEYS)
    except KeyFileError as exc:
        if not path.is_dir() or not (path / mf.NAME).exists():
            mf_error = BackupDamaged(path=str(path), reason=QT_TRANSLATE_NOOP("fields", "it is not a Vigie backup"))
            raise mf_error from exc
        raise BackupDamaged(path=str(path), reason=MISSING_FILE) from exc
    try:
        candidates = keyfile.open_recovery(code)
    except SlotLocked:
        raise BadCredentials(QT_TRANSLATE_NOOP("errors", "Incorrect recovery code.")) from None
    except KeyFileError as exc:
        raise BackupDamaged(path=str(path), reason=ALTERED_FILE) from exc
    key = candidates[-1]
    manifest = check_backup(path, key, kind_tables(kinds), progress, full=full)
    return _summary(path, manifest), key


def _summary(path: Path, manifest: mf.Manifest) -> BackupSummary:
    return BackupSummary(str(path), manifest.made_at, manifest.station_id, manifest.service_name,
                         manifest.commune, manifest.insee_code, dict(manifest.counts), manifest.journal_seq,
                         manifest.journal_hash, manifest.sealed_head or "")


def same_service(summary: BackupSummary, service_name: str, insee_code: str) -> None:
    """Refuse, naming both, a backup of another service than the station it would replace."""
    if (summary.service_name, summary.insee_code) != (service_name, insee_code):
        raise OtherService(theirs=summary.service_name, ours=service_name)


@dataclass(frozen=True)
class Replacing:
    """The station a restore replaces, as its administrator's login found it.

    Its key reads its journal's head and seal generations once it is closed (app/backup/replaced.py);
    it is held in memory for that alone.
    """

    service_name: str
    insee_code: str
    actor: Actor
    db_key: bytes = field(repr=False)


def restore(path: Path, code: str, target: Path, deps: StationDeps, kinds: RecordKinds, *,
            replacing: Replacing | None = None, progress: Progress | None = None,
            shown: Callable[[BackupSummary], None] | None = None, full_check: bool = False,
            opened: tuple[BackupSummary, bytes] | None = None) -> Restored:
    """Restore the backup in *path* into *target* (empty, or the station *replacing* describes).

    *shown* is given the backup's summary once it is checked, before anything is written. *opened* is
    what `open_backup` gave for it just before (it is not checked twice: its files are hashed again as
    they are copied, against the manifest that check verified).
    """
    target = Path(target)
    paths = StationPaths(target)
    if replacing is None and not paths.is_empty():
        raise RestoreTarget(path=str(target))
    summary, key = opened if opened is not None else open_backup(path, code, kinds, full=full_check)
    replaced = None
    if replacing is not None:
        same_service(summary, replacing.service_name, replacing.insee_code)
        replaced = read_replaced(paths, replacing.db_key)
    if shown is not None:
        shown(summary)
    stamp = deps.clock.now().strftime("%Y%m%d-%H%M%S")
    for leftover in target.parent.glob(f".{target.name}.restoring-*"):  # a restore killed before its end
        remove_tree(leftover)
    staging = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        staging.mkdir(parents=True)
        _copy_backup(Path(path), staging, summary, progress)
        if replaced is not None:
            carry_seal(paths, StationPaths(staging), key, summary.station_id, replaced)
        rolled_back = _open_and_journal(staging, key, deps, kinds, summary, replacing, replaced, stamp)
        kept = _put_in_place(staging, target, stamp, keep=replacing is not None)
    except BaseException:
        remove_tree(staging)
        raise
    return Restored(summary, str(target), str(kept or ""), rolled_back)


def _copy_backup(source: Path, staging: Path, summary: BackupSummary, progress: Progress | None) -> None:
    """Copy every file the (checked) manifest names, hashing again what is copied."""
    data = mf.read_unverified(source)
    files = data["files"]
    total = sum(int(entry["size"]) for entry in files.values())
    done = 0

    def count(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    for name, entry in sorted(files.items()):
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if copy_hashed(source / name, target, count) != entry["sha256"]:
            raise BackupDamaged(path=summary.path, reason=ALTERED_FILE)
    for folder in {p.parent for p in staging.rglob("*") if p.is_file()} | {staging}:
        fsync_folder(folder)


def _open_and_journal(staging: Path, key: bytes, deps: StationDeps, kinds: RecordKinds, summary: BackupSummary,
                      replacing: Replacing | None, replaced: ReplacedJournal | None, stamp: str) -> int:
    """Open the rebuilt station (migrations run) and journal the restore in it."""
    from app.kernel.opening import open_with_keys
    from app.kernel.work import Kernel

    paths = StationPaths(staging)
    station = open_with_keys(paths, KeyFile.load(paths.keys), [key], deps)
    try:
        detail = f"restored from backup {Path(summary.path).name} made at {summary.made_at.isoformat()}"
        rolled_back = 0
        if replaced is not None:
            rolled_back = max(replaced.seq - summary.journal_seq, 0)
            detail += (f"; replaced station's journal at seq {replaced.seq} ({replaced.hash}), "
                       f"restored journal at seq {summary.journal_seq} ({summary.journal_hash}, sealed "
                       f"{summary.sealed_head or 'no seal'}): {rolled_back} entries rolled back, kept "
                       f"in the copy before-restore-{stamp}")
        kernel = Kernel(station, kinds)
        with kernel.system(ADMINISTRATION) as work:
            work.journal(Operation.ADMINISTER, station.id, kind="backup", detail=detail,
                         actor=replacing.actor if replacing is not None else None)
            work.commit()
    finally:
        station.close()
    return rolled_back


def _put_in_place(staging: Path, target: Path, stamp: str, keep: bool) -> Path | None:
    """The rebuilt station takes *target*'s place; what was there is kept beside it (or dropped if empty).

    A Ctrl+C is held back until this is done: between two renames, *staging* holds the station being
    replaced, and the caller removes *staging* when anything cuts the restore short.
    """
    aside = target.with_name(f"{target.name}-before-restore-{stamp}")
    with held_back():
        if not target.exists():
            os.replace(staging, target)
        elif exchange(staging, target):
            os.replace(staging, aside)
        else:
            os.replace(target, aside)
            os.replace(staging, target)
        fsync_folder(target.parent)
        if not keep:
            remove_tree(aside)
            return None
    return aside
