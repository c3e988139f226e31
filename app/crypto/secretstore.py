"""Where the station keeps the secret of its keyring slot: the OS keyring, or nowhere.

A headless Linux box has no keyring backend; that is a normal station, whose
password slots carry it. A plaintext keyring (keyrings.alt) is never used.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger("vigie.crypto")

SERVICE_NAME = "Vigie"


class SecretStore(Protocol):
    def available(self) -> bool:
        """True when secrets can be kept here at all."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> bool:
        """Keep *value*; False when the store could not (the caller carries on without it)."""

    def delete(self, name: str) -> None: ...


class NoSecretStore:
    """A station without a keyring: nothing is kept, nothing fails."""

    def available(self) -> bool:
        return False

    def get(self, name: str) -> str | None:
        return None

    def set(self, name: str, value: str) -> bool:
        return False

    def delete(self, name: str) -> None:
        return None


class MemorySecretStore:
    """A keyring that lives as long as the process (tests, and the demo station)."""

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}

    def available(self) -> bool:
        return True

    def get(self, name: str) -> str | None:
        return self.secrets.get(name)

    def set(self, name: str, value: str) -> bool:
        self.secrets[name] = value
        return True

    def delete(self, name: str) -> None:
        self.secrets.pop(name, None)


class KeyringSecretStore:
    """The OS keyring through `keyring`; any failure is logged and treated as absence."""

    _UNKNOWN = object()

    def __init__(self) -> None:
        # Asked on first use: importing keyring and probing its backends costs a noticeable
        # part of a second, which the login window should not wait for.
        self.__backend = self._UNKNOWN

    @property
    def _backend(self):
        if self.__backend is self._UNKNOWN:
            self.__backend = _usable_backend()
        return self.__backend

    def available(self) -> bool:
        return self._backend is not None

    def get(self, name: str) -> str | None:
        if self._backend is None:
            return None
        try:
            return self._backend.get_password(SERVICE_NAME, name)
        except Exception as exc:  # a backend may raise anything (locked, D-Bus gone...)
            log.warning("keyring read failed, using password slots: %s", type(exc).__name__)
            return None

    def set(self, name: str, value: str) -> bool:
        if self._backend is None:
            return False
        try:
            self._backend.set_password(SERVICE_NAME, name, value)
        except Exception as exc:
            log.warning("keyring write failed, using password slots: %s", type(exc).__name__)
            return False
        return True

    def delete(self, name: str) -> None:
        if self._backend is None:
            return
        try:
            self._backend.delete_password(SERVICE_NAME, name)
        except Exception as exc:
            log.warning("keyring delete failed: %s", type(exc).__name__)


def _usable_backend():
    """The keyring backend if a real, non-plaintext one exists, else None."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:
        log.warning("no keyring backend: %s", type(exc).__name__)
        return None
    if isinstance(backend, fail.Keyring):
        return None
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module.startswith("keyring.backends.null"):
        return None
    try:
        from keyring.backends.chainer import ChainerBackend

        if isinstance(backend, ChainerBackend) and not backend.backends:
            return None
    except ImportError:
        pass
    return backend
