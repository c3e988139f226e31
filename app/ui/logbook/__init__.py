"""The main courante screens."""
