"""What a backup, a restore, an export or an import can tell the user."""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, VigieError


class BackupError(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The backup failed: {reason}.")


class BackupDiskFull(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "The backup disk is full: the backup was not made, the previous ones "
                                          "are kept.")


class BackupFolderMissing(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "The backup folder {path} cannot be found (is the disk plugged in?).")


class BackupNotConfigured(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "No backup folder is configured: choose one in Administration > Data.")


class BackupDamaged(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "The backup {path} is damaged or incomplete ({reason}): nothing was "
                                          "replaced.")


class OtherService(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "This backup belongs to the service \u201c{theirs}\u201d, not to "
                                          "\u201c{ours}\u201d: it was not restored.")


class RestoreTarget(BackupError):
    message = QT_TRANSLATE_NOOP("errors", "The folder {path} already holds a station: restore into an empty "
                                          "folder, or replace the station with --replace.")


class ExportRefused(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The export {path} cannot be read: {reason}.")
