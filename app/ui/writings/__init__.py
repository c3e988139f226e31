"""The Écrits screens."""
