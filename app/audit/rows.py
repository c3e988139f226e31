"""The journal's rows as the driver reads them, even where someone wrote into it past Vigie.

Vigie writes only UTF-8; a text of other bytes in a journal row was put there by hand, and the
driver cannot read it as text. The readers here give such a text as its bytes (which no check
takes for the text it replaced) or as a screen shows it, instead of stopping the verification
or the journal screen that must name the entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlcipher3.dbapi2 import OperationalError


def journal_rows(connection: Any, sql: str, params: list[Any], fetch: int,
                 not_utf8: Callable[[bytes], Any] | None = None) -> Iterator[tuple]:
    """The rows of *sql*, *fetch* at a time. A text that is not UTF-8 (the application writes only UTF-8:
    such a text was put there past it) comes as its bytes, which no check takes for the text it replaced,
    or as *not_utf8* makes it (what a screen or an extract shows), instead of the driver's error stopping
    the verification that must name its entry: the query is read again from its first row, in the same
    snapshot, and the rows already given are skipped."""
    given = 0
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(fetch):
            given += len(batch)
            yield from batch
        return
    except OperationalError as exc:
        if not str(exc).startswith(_NOT_UTF8):
            raise
    finally:
        cursor.close()
    yield from _rows_not_utf8(connection, sql, params, fetch, given, not_utf8 or (lambda data: data))


_NOT_UTF8 = "Could not decode to UTF-8"


def shown_replaced(data: bytes) -> str:
    """A text that is not UTF-8 as a screen or an extract shows it: each byte that is not, as U+FFFD."""
    return data.decode("utf-8", "replace")


def _rows_not_utf8(connection: Any, sql: str, params: list[Any], fetch: int, skip: int,
                   not_utf8: Callable[[bytes], Any]) -> Iterator[tuple]:
    def text(data: bytes) -> Any:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return not_utf8(data)

    driver = getattr(connection, "dbapi_connection", connection)  # a pooled connection's own
    usual = driver.text_factory
    driver.text_factory = text  # slower: only for a journal someone wrote into by hand
    cursor = driver.cursor()
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(fetch):
            yield from batch[skip:]
            skip = max(0, skip - len(batch))
    finally:
        cursor.close()
        driver.text_factory = usual
