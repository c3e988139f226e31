"""PySide6 widgets, item models and dialogs. They talk only to services."""
