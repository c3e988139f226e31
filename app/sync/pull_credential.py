"""An officer's password verifier pulled from another station (app/sync/apply.py's CREDENTIAL kind)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.sync.envelope import Pulled
from app.sync.pull_applied import Applied


def follow_credential(session: Session, records: dict[str, dict[str, Any]], change: Pulled, result: Applied) -> None:
    """An officer's password verifier, changed on another station: it holds here too, and the
    password slot of the old one goes (the next login with the new password makes a new slot).

    This station's own verifiers are followed too, as they come back in the server's order: the last
    verifier of an account in that order is the one every station holds. (Its password reset on two
    stations offline: each took the other's, and each password opened only the other station.)"""
    from app.models import User

    found = records.get("user", {}).get(change.record_id)
    user = found if isinstance(found, User) else session.get(User, change.record_id)
    if user is None:
        return
    verifier = str(change.payload.get("password_hash", ""))
    disabled = not change.payload.get("active", True)
    if verifier and verifier != user.password_hash:
        user.password_hash = verifier
        user.must_change_password = bool(change.payload.get("must_change_password", False))
        result.credentials.append(user.id)
        result.unlocks[user.id] = change.payload.get("unlock")
    elif disabled:
        result.credentials.append(user.id)
