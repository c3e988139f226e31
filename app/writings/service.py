"""Écrits: procès-verbaux and rapports, from draft to signed, printed, transmitted, and followed to the court.

The only way to those data. Every call checks the actor's rights on the
écrits compartment, writes its journal entry and its sync outbox rows in
the unit of work of the change, and hands back plain data.

Lifecycle: a draft (numbered at once, in the series "ecrits") is edited by
its author; the author signs it by typing their password again; the
document is then locked (here, and by SQLite triggers: migration 0007) and
the SHA-256 of its content is stored. A correction is an addendum numbered
1, 2... within the document, signed when written. Each transmission is a
disclosure in the journal, with its recipient. A requalification adds a
qualification and keeps the author's; an acquittal, a dismissal or a
non-lieu erases the personal data of the case through RetentionService.
"""

from __future__ import annotations

from app.writings.base import COMPARTMENT, LIST_LIMIT, RECORD_KIND, SERIES, Translate, retention_target
from app.writings.court import Court
from app.writings.drafts import Drafts
from app.writings.printing import Printing
from app.writings.reading import Reading
from app.writings.signing import Signing

__all__ = ["COMPARTMENT", "LIST_LIMIT", "RECORD_KIND", "SERIES", "Translate", "WritingsService", "retention_target"]


class WritingsService(Drafts, Signing, Court, Reading, Printing):
    """The écrits' use cases, one part per module; bootstrap builds it once with the kernel and the main courante."""
