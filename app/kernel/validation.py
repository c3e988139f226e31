"""Checks on what people type, shared by the services; each failure is one clear sentence."""

from __future__ import annotations

import re

from app.errors import QT_TRANSLATE_NOOP, InvalidInput

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
INSEE_PATTERN = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DEPARTMENT_PATTERN = re.compile(r"^(\d{2}|2[AB]|97\d)$")
# The first administrator's password is chosen before the station holds its password_min_length setting:
# it takes that setting's own minimum.
FIRST_PASSWORD_MIN = 12


def login(value: str) -> str:
    normalized = value.strip().casefold()
    if not LOGIN_PATTERN.match(normalized):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "errors",
                "The login must be 2 to 64 characters: lower-case letters, digits, dot, dash or underscore.",
            )
        )
    return normalized


def required(value: str, field: str, max_length: int = 200) -> str:
    """*field* is an English source string, translated where the error is shown."""
    text = value.strip()
    if not text:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is required."), field=field)
    if len(text) > max_length:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "The field \u201c{field}\u201d is longer than {max} characters."),
            field=field,
            max=max_length,
        )
    return text


def insee_code(value: str) -> str:
    code = value.strip().upper()
    if not INSEE_PATTERN.match(code):
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The INSEE code has five characters, such as 86194 or 2A004."))
    return code


def department(value: str) -> str:
    code = value.strip().upper()
    if not DEPARTMENT_PATTERN.match(code):
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The department is a code such as 86, 2A or 974."))
    return code


def password(value: str, min_length: int) -> str:
    if len(value) < min_length:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "The password must be at least {min} characters long."), min=min_length
        )
    if value != value.strip():
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "The password must not begin or end with a space."))
    return value
