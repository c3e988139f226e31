"""The records of a CSV extract, exactly as csv.writer writes them (RFC 4180: the excel dialect, CR LF).

csv.writer looks at every character of every cell to decide whether to quote it; a journal's cells
are hex hashes, ids, codes, times and words, and almost never hold a comma, a quote or a line break.
Such a row is joined as it stands, which gives the same characters; any other row (a cell that needs
quotes, a cell that is not text, such as a missing user id) is written by csv.writer itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

LINE_END = "\r\n"


class CsvLines:
    """Rows to CSV text, as csv.writer(handle, lineterminator="\\r\\n") would write them."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator=LINE_END)

    def __call__(self, rows: Iterable[tuple]) -> str:
        line = self.line
        return "".join([line(row) for row in rows])

    def line(self, row: tuple) -> str:
        """One record and its line end. A plain row: every cell text (the first may be an integer, the
        sequence number), none with a comma, a quote, a CR, a LF or a NUL, and more than one cell
        (csv.writer quotes a lone empty cell)."""
        first = row[0]
        try:
            text = (str(first) if type(first) is int else first) + "," + ",".join(row[1:])
        except TypeError:  # a cell that is not text: as csv.writer writes it
            return self.written(row)
        if (len(row) < 2 or text.count(",") != len(row) - 1 or '"' in text or "\r" in text or "\n" in text
                or "\0" in text):
            return self.written(row)
        return text + LINE_END

    def written(self, row: tuple) -> str:
        """The record as csv.writer writes it."""
        self.writer.writerow(row)
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text
