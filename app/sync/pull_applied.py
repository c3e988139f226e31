"""What a pulled page brought, for the report of a sync (app/sync/apply.py applies the page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Applied:
    """What a page brought, for the report of a sync."""

    records: int = 0
    erased: int = 0
    # Children of a record erased here, erased as they arrived or as their parent's erasure was applied.
    erased_over_stale: int = 0
    queued_over_stale: int = 0  # of them, those whose erasure this station sends (it erased the parent)
    files: list[str] = field(default_factory=list)  # the files those children named (attachments' files)
    journal: int = 0
    conflicts: int = 0
    refused: list[int] = field(default_factory=list)  # refused anew: journaled, and said by the sync
    still_refused: list[int] = field(default_factory=list)  # pulled again after a repair, refused as before
    kinds: dict[str, int] = field(default_factory=dict)
    # Accounts whose password changed elsewhere, or were disabled: their slots here go.
    credentials: list[str] = field(default_factory=list)
    # Their unlock keys as they travelled (app/crypto/keyslots.py), for this station's new slots.
    unlocks: dict[str, Any] = field(default_factory=dict)

    def add(self, other: Applied) -> None:
        self.records += other.records
        self.erased += other.erased
        self.erased_over_stale += other.erased_over_stale
        self.queued_over_stale += other.queued_over_stale
        self.files += other.files
        self.journal += other.journal
        self.conflicts += other.conflicts
        self.refused += other.refused
        self.still_refused += other.still_refused
        self.credentials += other.credentials
        self.unlocks.update(other.unlocks)
        for kind, count in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + count
