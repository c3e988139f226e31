"""What a station needs from the machine (time, key-derivation cost, the OS keyring); tests pass their own."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.clock import Clock, SystemClock
from app.crypto.kdf import KdfPolicy
from app.crypto.secretstore import NoSecretStore, SecretStore


@dataclass
class StationDeps:
    clock: Clock = field(default_factory=SystemClock)
    kdf: KdfPolicy = field(default_factory=KdfPolicy)
    secrets: SecretStore = field(default_factory=NoSecretStore)
