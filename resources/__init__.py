"""Vigie's resources (translations, icons, fonts), installed as the package app.resources."""
