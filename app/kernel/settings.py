"""Reading and changing station settings; a change is an administrator's, and journaled."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.config import BY_NAME, SETTINGS, Setting
from app.errors import QT_TRANSLATE_NOOP, InvalidInput
from app.models import Operation, SettingValue
from app.kernel.rights import Permission


def read_setting(session: Session, name: str) -> Any:
    setting = BY_NAME[name]
    row = session.get(SettingValue, name)
    return _default(setting) if row is None else json.loads(row.value)


def read_all(session: Session) -> dict[str, Any]:
    stored = {row.name: json.loads(row.value) for row in session.scalars(select(SettingValue))}
    return {s.name: stored[s.name] if s.name in stored else _default(s) for s in SETTINGS}


def _default(setting: Setting) -> Any:
    default = setting.default
    return list(default) if setting.type is list and isinstance(default, tuple | list) else default


def checked_value(setting: Setting, value: Any) -> Any:
    if setting.type is list:
        return _checked_list(setting, value)
    if setting.type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A whole number is expected.")) from None
        if (setting.minimum is not None and value < setting.minimum) or (
            setting.maximum is not None and value > setting.maximum
        ):
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "The value must be between {min} and {max}."),
                min=setting.minimum,
                max=setting.maximum,
            )
    return value


def _checked_list(setting: Setting, value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "A list is expected."))
    items = []
    for item in value:
        text = str(item).strip()
        if text and text not in items:
            items.append(text)
    unknown = [item for item in items if setting.choices and item not in setting.choices]
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Unknown value: {value}."), value=unknown[0])
    return items


class SettingsService:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.station = kernel.station

    def values(self) -> dict[str, Any]:
        with self.station.read() as uow:
            return read_all(uow.session)

    def get(self, name: str) -> Any:
        with self.station.read() as uow:
            return read_setting(uow.session, name)

    def change(self, actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply several changes at once; nothing is kept if one value is refused."""
        with self.kernel.administer(actor, Permission.ADMINISTER_STATION) as work:
            checked = {name: checked_value(BY_NAME[name], value) for name, value in changes.items()}
            now = work.now
            current = read_all(work.session)
            for name, value in checked.items():
                if current[name] == value:
                    continue
                row = work.session.get(SettingValue, name)
                if row is None:
                    row = SettingValue(name=name, value="", updated_at=now)
                    work.session.add(row)
                row.value = json.dumps(value)
                row.updated_at = now
                row.updated_by = actor.user_id
                work.queue(row)
                work.journal(Operation.ADMINISTER, kind="setting", detail=f"{name}={value}")
            work.changed("settings")
            work.commit()
            return read_all(work.session)
