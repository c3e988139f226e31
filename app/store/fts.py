"""Full-text search with SQLite FTS5, inside the encrypted database.

An FTS5 table is a virtual table with shadow tables of its own
(`<name>_data`, `_idx`, `_content`, `_docsize`, `_config`); the models do not
declare them, so schema comparisons leave them out (`is_search_index`).
"""

from __future__ import annotations

import re

# Every full-text table of the station; each is made by a migration.
SEARCH_TABLES = ("logbook_search",)
_SHADOW_SUFFIXES = ("", "_data", "_idx", "_content", "_docsize", "_config")

# A word as the unicode61 tokenizer sees it: letters and digits; anything else separates words.
_WORD = re.compile(r"\w+", re.UNICODE)


def is_search_index(table_name: str) -> bool:
    """Whether *table_name* is a full-text table or one of its shadow tables."""
    return any(table_name == table + suffix for table in SEARCH_TABLES for suffix in _SHADOW_SUFFIXES)


# Ligatures the unicode61 tokenizer keeps whole ("cœur" would not match "coeur"): spelled out,
# in the index and in what is typed alike. Its remove_diacritics does the accents.
_LIGATURES = str.maketrans({"\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE", "\ufb01": "fi",
                            "\ufb02": "fl", "\u00df": "ss"})


_ANY_LIGATURE = re.compile("[\u0153\u0152\u00e6\u00c6\ufb01\ufb02\u00df]")


def fold(text: str) -> str:
    """Text as the index holds it: ligatures spelled out (the tokenizer does case and accents).

    Most texts hold none: one search is several times cheaper than a translation that may grow the
    text (an import or a sync folds every field of every entry)."""
    return text.translate(_LIGATURES) if _ANY_LIGATURE.search(text) else text


def words(text: str) -> list[str]:
    """The words of what a user typed, as the index cuts them (apostrophes and dashes separate)."""
    return [word for word in _WORD.findall(fold(text)) if word.strip("_")]


def match_expression(text: str, columns: tuple[str, ...]) -> str | None:
    """An FTS5 query finding entries that hold every typed word as a word start, in *columns*.

    The user's text never reaches FTS5's query syntax: each word is quoted as
    a string ("AND", "NEAR", quotes and stars lose their meaning) and only
    then given the prefix star. None when nothing searchable was typed.
    """
    terms = [f'"{word}"*' for word in words(text)]
    if not terms:
        return None
    return "{" + " ".join(columns) + "} : (" + " AND ".join(terms) + ")"
