"""Who acts: kept apart from the journal's writer so that screens can name it without loading the database layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Plain data about the logged-in user, safe to pass between threads."""

    user_id: str
    login: str
    full_name: str
    matricule: str
    role: str
    grade: str = ""
