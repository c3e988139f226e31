"""Vigie: the station software of a French municipal police service."""

__version__ = "0.1.0"
