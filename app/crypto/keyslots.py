"""The station's key slots: every way the database key can be unwrapped.

The database key is never stored in clear. Each slot holds it wrapped:

* a **password slot** per user: an X25519 key pair whose private half is
  encrypted (AES-256-GCM) under a key derived from the user's password
  (Argon2id), and the database key sealed to its public half;
* a **recovery slot**, the same, opened by the recovery code kept in a safe;
* a **keyring slot**: the database key encrypted under a random key kept in
  the OS keyring, when the station has one.

Sealing to public keys lets `vigie rekey` re-wrap a new database key for every
slot without knowing anyone's password. During a rekey each slot also holds
the next key (``*_next``) until the database itself has been re-encrypted, so
a crash in between never leaves a station that nothing opens.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.crypto import aead
from app.crypto.kdf import MAX_ITERATIONS, KdfParams, derive_key
from app.crypto.secretstore import SecretStore
from app.filelock import held
from app.ids import new_id

FORMAT = 1
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LENGTH = 5
MAX_MEMORY_KIB = 1024 * 1024  # an unlock key from another station costs at most 1 GiB to derive

# What each kind of slot must hold; a slot missing any of it is damage, found at loading.
SLOT_FIELDS = {
    "password": {"id", "kind", "kdf", "public_key", "private_key", "sealed", "user_id", "login_tag"},
    "recovery": {"id", "kind", "kdf", "public_key", "private_key", "sealed"},
    "keyring": {"id", "kind", "sealed"},
}


class SlotLocked(Exception):
    """No slot of this kind opened with what was given."""


class KeyFileError(Exception):
    """The key file is missing, unreadable or not a Vigie key file."""


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def new_recovery_code() -> str:
    chars = [secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH)]
    groups = [
        "".join(chars[i : i + RECOVERY_GROUP_LENGTH])
        for i in range(0, len(chars), RECOVERY_GROUP_LENGTH)
    ]
    return "-".join(groups)


def normalize_recovery_code(code: str) -> str:
    """Accept the code as typed: lower case, spaces or missing dashes."""
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(
        letters[i : i + RECOVERY_GROUP_LENGTH] for i in range(0, len(letters), RECOVERY_GROUP_LENGTH)
    )


@dataclass
class KeyFile:
    """station.keys: the station id, its slots and the public key for early login events."""

    path: Path
    station_id: str
    tag_salt: bytes
    seal_public: bytes
    slots: list[dict[str, Any]] = field(default_factory=list)

    # -- reading and writing -------------------------------------------------

    @classmethod
    def create(cls, path: Path, station_id: str, seal_public: bytes) -> KeyFile:
        return cls(path, station_id, secrets.token_bytes(16), seal_public, [])

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise KeyFileError(f"unknown key file format {data.get('format')!r}")
            slots = list(data["slots"])
            for slot in slots:
                if not SLOT_FIELDS[slot["kind"]] <= slot.keys():
                    raise KeyFileError(f"slot {slot['id']!r} is incomplete")
            return cls(
                path,
                data["station_id"],
                aead.unb64(data["tag_salt"]),
                aead.unb64(data["seal_public"]),
                slots,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError(str(exc)) from exc

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "station_id": self.station_id,
            "tag_salt": aead.b64(self.tag_salt),
            "seal_public": aead.b64(self.seal_public),
            "slots": self.slots,
        }
        write_atomically(self.path, json.dumps(data, indent=1).encode("utf-8"))

    @contextmanager
    def changing(self) -> Iterator[KeyFile]:
        """Change the slots as the file holds them now, and write them back, under the file's lock.

        Each of the station's processes (the application, a command run beside it) loaded the file when it
        opened the station: a change written from what one of them loaded erased what another had written
        since (two accounts added at once left one of them with no slot, a password that opened nothing).
        """
        with held(self.path.with_name(self.path.name + ".lock")):
            if self.path.exists():
                self.slots = KeyFile.load(self.path).slots
            yield self
            self.save()

    # -- password and recovery slots ----------------------------------------

    def login_tag(self, login: str) -> str:
        """Slots name their user by a keyed hash, so the file does not list the logins."""
        # Normalized as the accounts service does, so that "Admin " finds the slot of "admin".
        normalized = login.strip().casefold()
        return hmac.new(self.tag_salt, normalized.encode("utf-8"), hashlib.sha256).hexdigest()

    def set_password_slot(
        self, user_id: str, login: str, password: str, db_key: bytes, params: KdfParams
    ) -> None:
        """Add or replace the slot of *user_id*, opened by *password*.

        The slot's private key is the account's **unlock key**, drawn anew at every password (so that an old
        password opens no later slot), encrypted under the password and bound to the account, not to this
        station: it travels to the service's other stations, which seal their own database key to it.
        """
        self.remove_password_slot(user_id)
        key_id = new_id()
        slot = self._secret_slot("password", password.encode("utf-8"), db_key, params,
                                 private_aad=account_aad(user_id, key_id))
        slot.update(user_id=user_id, login_tag=self.login_tag(login), key_id=key_id)
        self.slots.append(slot)

    def unlock_key(self, user_id: str) -> dict[str, Any] | None:
        """What another station needs to let this account's password open it: the account's unlock key,
        still encrypted under the password (never the database key, never anything in clear)."""
        for slot in self.slots:
            if slot["kind"] == "password" and slot["user_id"] == user_id and "key_id" in slot:
                return {name: slot[name] for name in UNLOCK_FIELDS}
        return None

    def adopt_password_slot(self, user_id: str, login: str, unlock: dict[str, Any], db_key: bytes) -> None:
        """Let the password that opens *unlock* (another station's `unlock_key`) open this station too:
        this station's database key sealed to the account's public key. Refuses what is not an unlock key."""
        checked = _checked_unlock(unlock)
        self.remove_password_slot(user_id)
        slot_id = new_id()
        public = aead.unb64(checked["public_key"])
        self.slots.append({
            "id": slot_id, "kind": "password", "user_id": user_id, "login_tag": self.login_tag(login),
            **checked, "sealed": aead.b64(aead.seal(public, db_key, self._aad(slot_id, "password"))),
        })

    def remove_password_slot(self, user_id: str) -> bool:
        before = len(self.slots)
        self.slots = [s for s in self.slots if not (s["kind"] == "password" and s["user_id"] == user_id)]
        return len(self.slots) != before

    def put_back_password_slots(self, user_id: str, before: list[dict[str, Any]]) -> None:
        """The password slots of *user_id* as they were in *before*; every other slot as it is now."""
        self.remove_password_slot(user_id)
        self.slots += [s for s in before if s["kind"] == "password" and s["user_id"] == user_id]

    def has_password_slot(self, user_id: str) -> bool:
        return any(s["kind"] == "password" and s["user_id"] == user_id for s in self.slots)

    def password_slot_users(self) -> set[str]:
        return {s["user_id"] for s in self.slots if s["kind"] == "password"}

    def set_recovery_slot(self, code: str, db_key: bytes, params: KdfParams) -> None:
        self.slots = [s for s in self.slots if s["kind"] != "recovery"]
        secret = normalize_recovery_code(code).encode("ascii")
        self.slots.append(self._secret_slot("recovery", secret, db_key, params))

    def open_password(self, login: str, password: str) -> tuple[str, list[bytes]]:
        """(user id, candidate database keys) for this login and password."""
        tag = self.login_tag(login)
        for slot in self.slots:
            if slot["kind"] == "password" and hmac.compare_digest(slot["login_tag"], tag):
                return slot["user_id"], self._open_secret_slot(slot, password.encode("utf-8"))
        # An unknown login costs the derivation a wrong password costs, so that the time
        # taken does not tell which logins have a slot.
        decoy = next((s for s in self.slots if s["kind"] == "password"), None)
        if decoy is not None:
            derive_key(password.encode("utf-8"), os.urandom(16), KdfParams.from_dict(decoy["kdf"]))
        raise SlotLocked

    def open_recovery(self, code: str) -> list[bytes]:
        secret = normalize_recovery_code(code).encode("ascii")
        for slot in self.slots:
            if slot["kind"] == "recovery":
                return self._open_secret_slot(slot, secret)
        raise SlotLocked

    def _aad(self, slot_id: str, kind: str) -> bytes:
        return f"vigie-slot|{self.station_id}|{slot_id}|{kind}".encode()

    def _secret_slot(self, kind: str, secret: bytes, db_key: bytes, params: KdfParams,
                     private_aad: bytes | None = None) -> dict[str, Any]:
        slot_id = new_id()
        aad = self._aad(slot_id, kind)
        salt = os.urandom(16)
        kek = derive_key(secret, salt, params)
        private = X25519PrivateKey.generate()
        public = aead.public_bytes(private.public_key())
        return {
            "id": slot_id,
            "kind": kind,
            "kdf": {"algorithm": "argon2id", "salt": aead.b64(salt), **params.as_dict()},
            "public_key": aead.b64(public),
            "private_key": aead.b64(aead.encrypt(kek, aead.private_bytes(private), private_aad or aad)),
            "sealed": aead.b64(aead.seal(public, db_key, aad)),
        }

    def _open_secret_slot(self, slot: dict[str, Any], secret: bytes) -> list[bytes]:
        aad = self._aad(slot["id"], slot["kind"])
        kdf = slot["kdf"]
        kek = derive_key(secret, aead.unb64(kdf["salt"]), KdfParams.from_dict(kdf))
        # An account's unlock key is bound to the account (it travels); an older slot's key to its slot.
        private_aad = account_aad(slot["user_id"], slot["key_id"]) if "key_id" in slot else aad
        try:
            private = aead.decrypt(kek, aead.unb64(slot["private_key"]), private_aad)
        except aead.DecryptionFailed as exc:
            raise SlotLocked from exc
        # The secret was right: a database key that does not unseal now is damage, not a wrong password.
        keys = []
        for name in _sealed_names(slot):
            try:
                keys.append(aead.unseal(private, aead.unb64(slot[name]), aad))
            except (ValueError, aead.DecryptionFailed):
                continue
        if not keys:
            raise KeyFileError(f"slot {slot['id']!r} is damaged")
        return keys

    # -- keyring slot --------------------------------------------------------

    def keyring_entry(self) -> str:
        return f"station-{self.station_id}"

    def set_keyring_slot(self, store: SecretStore, db_key: bytes) -> bool:
        """Keep a wrapping key in the OS keyring; False (and no slot) when there is none."""
        self.slots = [s for s in self.slots if s["kind"] != "keyring"]
        if not store.available():
            return False
        wrapping_key = secrets.token_bytes(32)
        if not store.set(self.keyring_entry(), aead.b64(wrapping_key)):
            return False
        slot_id = new_id()
        self.slots.append(
            {
                "id": slot_id,
                "kind": "keyring",
                "sealed": aead.b64(aead.encrypt(wrapping_key, db_key, self._aad(slot_id, "keyring"))),
            }
        )
        return True

    def open_keyring(self, store: SecretStore) -> list[bytes]:
        slot = next((s for s in self.slots if s["kind"] == "keyring"), None)
        if slot is None:
            raise SlotLocked
        value = store.get(self.keyring_entry())
        if value is None:
            raise SlotLocked
        try:
            wrapping_key = aead.unb64(value)
            aad = self._aad(slot["id"], "keyring")
            return [aead.decrypt(wrapping_key, aead.unb64(slot[n]), aad) for n in _sealed_names(slot)]
        except (ValueError, aead.DecryptionFailed) as exc:
            raise SlotLocked from exc

    def has_keyring_slot(self) -> bool:
        return any(s["kind"] == "keyring" for s in self.slots)

    # -- rekey ---------------------------------------------------------------

    def stage_next_key(self, store: SecretStore, new_key: bytes) -> None:
        """Wrap *new_key* in every slot beside the current key (phase one of a rekey)."""
        for slot in self.slots:
            aad = self._aad(slot["id"], slot["kind"])
            if slot["kind"] == "keyring":
                value = store.get(self.keyring_entry())
                if value is None:
                    continue
                slot["sealed_next"] = aead.b64(aead.encrypt(aead.unb64(value), new_key, aad))
            else:
                public = aead.unb64(slot["public_key"])
                slot["sealed_next"] = aead.b64(aead.seal(public, new_key, aad))

    def commit_next_key(self) -> None:
        """The database is under the new key: it becomes the only one (phase two). Nothing to do when no slot
        holds a next key (another process settled the rekey already): every slot would go."""
        if not any("sealed_next" in slot for slot in self.slots):
            return
        kept = []
        for slot in self.slots:
            # A slot the new key could not reach (a keyring that vanished) would open nothing.
            if "sealed_next" in slot:
                slot["sealed"] = slot.pop("sealed_next")
                kept.append(slot)
        self.slots = kept

    def drop_next_key(self) -> None:
        for slot in self.slots:
            slot.pop("sealed_next", None)


UNLOCK_FIELDS = ("key_id", "kdf", "public_key", "private_key")


def account_aad(user_id: str, key_id: str) -> bytes:
    return f"vigie-account-key|{user_id}|{key_id}".encode()


def _checked_unlock(unlock: Any) -> dict[str, Any]:
    """An unlock key as it travelled, refused (ValueError) unless every part has its shape and a sane cost."""
    if not isinstance(unlock, dict) or set(unlock) != set(UNLOCK_FIELDS):
        raise ValueError("not an unlock key")
    kdf = unlock["kdf"]
    if not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id" or len(aead.unb64(str(kdf["salt"]))) != 16:
        raise ValueError("not an unlock key's derivation")
    params = KdfParams.from_dict(kdf)
    if not (1 <= params.iterations <= MAX_ITERATIONS and 8 * params.lanes <= params.memory_cost <= MAX_MEMORY_KIB
            and 1 <= params.lanes <= 16):
        raise ValueError("an unlock key's derivation cost is out of bounds")
    if len(aead.unb64(str(unlock["public_key"]))) != 32 or len(aead.unb64(str(unlock["private_key"]))) < 44:
        raise ValueError("not an unlock key's key pair")
    return {"key_id": str(unlock["key_id"])[:36], "public_key": str(unlock["public_key"]),
            "private_key": str(unlock["private_key"]),
            "kdf": {"algorithm": "argon2id", "salt": str(kdf["salt"]), **params.as_dict()}}


def _sealed_names(slot: dict[str, Any]) -> list[str]:
    return [name for name in ("sealed", "sealed_next") if name in slot]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace *path* with *data* so that a crash leaves either the old or the new file."""
    tmp = path.with_name(path.name + ".tmp")
    # Readable by the station's own account only (where the system has such modes).
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    with open(os.open(tmp, flags, 0o600), "wb") as handle:
        if hasattr(os, "fchmod"):  # a .tmp left by a crash keeps its old mode through O_CREAT: set it again
            os.fchmod(handle.fileno(), 0o600)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a directory; os.replace is atomic there already.
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
