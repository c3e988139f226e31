"""Station settings, declared once: name, type, default, bounds and label.

Values an administrator changed are stored in the station database (table
`settings`); everything else takes its default here. No secret is ever a setting.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Setting:
    name: str
    type: type  # int, or list for a list of short texts
    default: int | str | bool | tuple[str, ...]
    label: str  # English source, translated in the "settings" context
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # for a list: the only values it may hold (empty: free text)
    group: str = "station"


# Operations for which the journal entry must carry a motive (configurable).
MOTIVE_OPERATIONS = ("search_person", "print", "export", "transmit")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "password_min_length", int, 12,
        QT_TRANSLATE_NOOP("settings", "Minimum password length"), minimum=12, maximum=128,
    ),
    Setting(
        "lockout_threshold", int, 5,
        QT_TRANSLATE_NOOP("settings", "Failed attempts before an account locks"), minimum=1, maximum=50,
    ),
    Setting(
        "lockout_minutes", int, 15,
        QT_TRANSLATE_NOOP("settings", "Lockout duration (minutes)"), minimum=1, maximum=1440,
    ),
    Setting(
        "idle_lock_minutes", int, 10,
        QT_TRANSLATE_NOOP("settings", "Lock the screen after this many idle minutes"), minimum=1, maximum=240,
    ),
    # Each station of a service has its own number: it chooses the blocks of yearly numbers
    # the station gives (docs/numbering.md), so two stations never give the same number.
    Setting(
        "station_number", int, 1,
        QT_TRANSLATE_NOOP("settings", "Number of this station in the service (1 to 10, for yearly numbers)"),
        minimum=1, maximum=10,
    ),
    Setting(
        "attachment_max_mb", int, 50,
        QT_TRANSLATE_NOOP("settings", "Largest attachment accepted (MB)"), minimum=1, maximum=500,
    ),
    Setting(
        "journal_retention_days", int, 60,
        QT_TRANSLATE_NOOP("settings", "Access journal retention (days)"), minimum=60, maximum=3650,
        group="retention",
    ),
    # Arrêté of 14 April 2009: main courante, rapports and PV are kept at most 3 years.
    Setting(
        "retention_main_courante_days", int, 1095,
        QT_TRANSLATE_NOOP("settings", "Main courante retention (days)"), minimum=1, maximum=1095,
        group="retention",
    ),
    Setting(
        "retention_ecrits_days", int, 1095,
        QT_TRANSLATE_NOOP("settings", "PV and rapports retention (days)"), minimum=1, maximum=1095,
        group="retention",
    ),
    # GDPR registers and requests: 5 years by default.
    Setting(
        "retention_registres_days", int, 1825,
        QT_TRANSLATE_NOOP("settings", "Administrative registers retention (days)"), minimum=1, maximum=3650,
        group="retention",
    ),
    Setting(
        "retention_demandes_days", int, 1825,
        QT_TRANSLATE_NOOP("settings", "Requests retention (days)"), minimum=1, maximum=3650,
        group="retention",
    ),
    Setting(
        "motives", list,
        (
            "Suivi d\u2019une intervention",
            "R\u00e9daction d\u2019un rapport ou d\u2019un PV",
            "R\u00e9quisition judiciaire",
            "Demande de l\u2019officier de police judiciaire",
            "Contr\u00f4le interne",
            "Exercice des droits d\u2019une personne",
        ),
        QT_TRANSLATE_NOOP("settings", "Motives offered (one per line)"),
        group="motives",
    ),
    Setting(
        "motive_required_for", list, MOTIVE_OPERATIONS,
        QT_TRANSLATE_NOOP("settings", "Operations that require a motive"),
        choices=MOTIVE_OPERATIONS,
        group="motives",
    ),
)

# Backups (app/backup): where, how often, how many are kept. The folder is a path on this machine
# (a USB disk, a network share); empty until the chef de poste chooses one.
BACKUP_SETTINGS: tuple[Setting, ...] = (
    Setting("backup_folder", str, "", QT_TRANSLATE_NOOP("settings", "Backup folder"), group="backup"),
    Setting(
        "backup_interval_hours", int, 12,
        QT_TRANSLATE_NOOP("settings", "Hours between automatic backups"), minimum=1, maximum=168, group="backup",
    ),
    Setting(
        "backup_keep_last", int, 14,
        QT_TRANSLATE_NOOP("settings", "Most recent backups kept"), minimum=1, maximum=365, group="backup",
    ),
    Setting(
        "backup_keep_weeks", int, 8,
        QT_TRANSLATE_NOOP("settings", "Weeks for which one backup a week is kept"), minimum=0, maximum=104,
        group="backup",
    ),
    Setting(
        "backup_keep_months", int, 12,
        QT_TRANSLATE_NOOP("settings", "Months for which one backup a month is kept"), minimum=0, maximum=120,
        group="backup",
    ),
)
SETTINGS = SETTINGS + BACKUP_SETTINGS

BY_NAME = {setting.name: setting for setting in SETTINGS}
