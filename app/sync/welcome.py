"""What the approving station gives a joining one beside the service's keys, sealed with them to the new
station's key: the service's identity (its name, commune, INSEE code and department, printed on every PV
and extract) and a station number of its own (docs/numbering.md), so that the two never give one number.

The station number is the lowest that no station of the service is known to hold: this station's own, the
numbers the other stations' journals recorded, the blocks of every numbered record this station holds, and
the numbers given by earlier approvals (their journal entries say them, on every station).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.audit.stations import station_numbers
from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.kernel.numbering import BLOCK, CYCLE, STATIONS
from app.kernel.settings import read_setting
from app.models import JournalEntry, LogbookEntry, StationInfo, Writing
from app.models.sync import RemoteJournalEntry

APPROVED = "station approved, key {fingerprint}, station number {number}"
_GIVEN = re.compile(r"^station approved, key .*, station number (\d{1,2})$")


class NoStationNumberLeft(VigieError):
    message = QT_TRANSLATE_NOOP("errors", "The ten station numbers of the service are all taken: a station that "
                                          "left the service gives its number back only by an administrator's "
                                          "choice (Administration, station number).")


@dataclass(frozen=True)
class Welcome:
    service_name: str
    commune: str
    insee_code: str
    department: str
    station_number: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Welcome | None:
        """The welcome an approval sealed; None from an older Vigie, or from anything malformed."""
        if not isinstance(data, dict):
            return None
        try:
            texts = [str(data[name])[:200] for name in ("service_name", "commune", "insee_code", "department")]
            welcome = cls(texts[0], texts[1], texts[2], texts[3], int(data["station_number"]))
        except (KeyError, TypeError, ValueError):
            return None
        return welcome if 1 <= welcome.station_number <= STATIONS else None


def welcome_for(session: Session) -> Welcome:
    """This station's service, and the number the joining station takes (NoStationNumberLeft when none)."""
    info = session.scalar(select(StationInfo))
    assert info is not None  # every station has its row
    free = sorted(set(range(1, STATIONS + 1)) - numbers_in_use(session))
    if not free:
        raise NoStationNumberLeft
    return Welcome(info.service_name, info.commune, info.insee_code, info.department, free[0])


def numbers_in_use(session: Session) -> set[int]:
    used = {int(read_setting(session, "station_number"))}
    used |= {number for number in station_numbers(session.connection().connection).values() if number}
    for table in (LogbookEntry.__tablename__, Writing.__tablename__):
        used |= {int(block) + 1 for block in session.scalars(text(
            f"SELECT DISTINCT ((serial - 1) % {CYCLE}) / {BLOCK} FROM {table} WHERE serial > 0"))}
    for table in (JournalEntry.__tablename__, RemoteJournalEntry.__tablename__):
        for detail in session.scalars(text(f"SELECT detail FROM {table} WHERE record_kind = 'sync' "
                                           "AND detail LIKE 'station approved, key %, station number %'")):
            if (given := _GIVEN.match(detail)) is not None:
                used.add(int(given[1]))
    return used
