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
    type: type
    default: int | str | bool
    label: str  # English source, translated in the "settings" context
    minimum: int | None = None
    maximum: int | None = None


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
    Setting(
        "journal_retention_days", int, 60,
        QT_TRANSLATE_NOOP("settings", "Access journal retention (days)"), minimum=60, maximum=3650,
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}
