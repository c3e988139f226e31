"""Why a pulled envelope was refused, as `sync_refused.reason` keeps it (app/sync/pull_retry.py tries some again).

Not authentic (it does not decrypt under the service's key, or names another record than its handle):
the reason is the opener's (app/sync/envelope.py), and the envelope stays refused. Not applicable here
(the database refused it, a value did not convert, a record kind this version does not know): the
reason begins with NOT_APPLICABLE or UNKNOWN_KIND, as every such reason has since the first version,
and ends with the version of Vigie that last tried it, so that the next version tries it again.
"""

from __future__ import annotations

from app import __version__

NOT_APPLICABLE = "not applicable"
UNKNOWN_KIND = "unknown record kind"
MARK = f" [Vigie {__version__}]"
_MARKED = " [Vigie "
REASON_LENGTH = 200  # sync_refused.reason's


def not_applicable(reason: str) -> str:
    """The stored reason of an envelope this station could not apply, marked as tried by this version."""
    return reason.split(_MARKED)[0][:REASON_LENGTH - len(MARK)] + MARK


def could_not_apply(reason: str) -> bool:
    """Whether *reason* is this station's failure to apply an envelope (not the envelope's authenticity)."""
    return reason.startswith((NOT_APPLICABLE, UNKNOWN_KIND))
