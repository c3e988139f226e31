"""The sync screens: the records to settle after two stations changed them apart."""

from app.ui.sync.conflicts import ConflictsDialog

__all__ = ["ConflictsDialog"]
