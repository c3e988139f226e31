"""The stored details of the journal that this version knows, for app/audit/wording.py to say them in words:
those said in full, and the patterns whose values are put into their sentence."""

from __future__ import annotations

import re

from app.errors import QT_TRANSLATE_NOOP

# Details said in full, as stored.
FIXED = {text: text for text in (
    QT_TRANSLATE_NOOP("journal", "station created"),
    QT_TRANSLATE_NOOP("journal", "station created to join a service"),
    QT_TRANSLATE_NOOP("journal", "personal data erased"),
    QT_TRANSLATE_NOOP("journal", "erased by an administrator"),
    QT_TRANSLATE_NOOP("journal", "history"),
    QT_TRANSLATE_NOOP("journal", "rekey"),
    QT_TRANSLATE_NOOP("journal", "legal hold released"),
    QT_TRANSLATE_NOOP("journal", "nature added"),
    QT_TRANSLATE_NOOP("journal", "nature renamed"),
    QT_TRANSLATE_NOOP("journal", "nature enabled"),
    QT_TRANSLATE_NOOP("journal", "nature disabled"),
    QT_TRANSLATE_NOOP("journal", "person search"),
    QT_TRANSLATE_NOOP("journal", "text search"),
    QT_TRANSLATE_NOOP("journal", "logo removed"),
    QT_TRANSLATE_NOOP("journal", "logo changed"),
    QT_TRANSLATE_NOOP("journal", "unknown login"),
    QT_TRANSLATE_NOOP("journal", "disabled account"),
    QT_TRANSLATE_NOOP("journal", "password changed"),
    QT_TRANSLATE_NOOP("journal", "account disabled"),
    QT_TRANSLATE_NOOP("journal", "account enabled"),
    QT_TRANSLATE_NOOP("journal", "password reset"),
    QT_TRANSLATE_NOOP("journal", "recovery code used, administrator password replaced"),
    QT_TRANSLATE_NOOP("journal", "wrong password"),
    QT_TRANSLATE_NOOP("journal", "wrong password, account locked"),
    QT_TRANSLATE_NOOP("journal", "wrong signing password"),
    QT_TRANSLATE_NOOP("journal", "wrong signing password, account locked"),
    QT_TRANSLATE_NOOP("journal", "recovery code"),
    QT_TRANSLATE_NOOP("journal", "before unlock"),
    QT_TRANSLATE_NOOP("journal", "no filter"),
    QT_TRANSLATE_NOOP("journal", "sync conflict settled"),
    QT_TRANSLATE_NOOP("journal", "saved without change"),
)}

_N = r"(?P<count>\d+)"
_SHA = r"(?P<sha>[0-9a-f]{64})"
_NUMBER = r"(?P<number>\d{4}/\d+)"
_DATE = r"(?P<date>\d{4}-\d\d-\d\d)"
# (pattern over the stored detail, English source of what people read); placeholders are the groups.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern + r"\Z"), text) for pattern, text in (
    (r"records erased: (?P<counts>.*)", QT_TRANSLATE_NOOP("journal", "records erased: {counts}")),
    (rf"demo fill: {_N} entries", QT_TRANSLATE_NOOP("journal", "demo fill: %n main courante entries", None, 1)),
    (r"attachment added: (?P<what>.+)", QT_TRANSLATE_NOOP("journal", "attachment added: {what}")),
    (r"attachment opened: (?P<id>\S+) part (?P<part>\d+)",
     QT_TRANSLATE_NOOP("journal", "attachment {id} opened, part {part}")),
    (r"attachment opened: (?P<id>\S+)", QT_TRANSLATE_NOOP("journal", "attachment {id} opened")),
    (r"attachment saved out: (?P<id>\S+) part (?P<part>\d+)",
     QT_TRANSLATE_NOOP("journal", "attachment {id} saved out, part {part}")),
    (r"attachment saved out: (?P<id>\S+)", QT_TRANSLATE_NOOP("journal", "attachment {id} saved out")),
    (r"e-mail read: (?P<id>\S+)", QT_TRANSLATE_NOOP("journal", "e-mail {id} read")),
    (rf"NATINF sample loaded: {_N} offences",
     QT_TRANSLATE_NOOP("journal", "NATINF sample loaded: %n offences", None, 1)),
    (rf"NATINF version imported: {_N} offences, sha256 {_SHA}",
     QT_TRANSLATE_NOOP("journal", "NATINF version imported: %n offences, SHA-256 {sha}", None, 1)),
    (rf"(?P<document>[a-z_]+) {_NUMBER} from main courante (?P<entry>\d{{4}}/\d+)",
     QT_TRANSLATE_NOOP("journal", "{document} {number} written from main courante {entry}")),
    (rf"(?P<document>pv_[a-z_]+|rapport_[a-z_]+) {_NUMBER}", QT_TRANSLATE_NOOP("journal", "{document} {number}")),
    (rf"signed; sha256 {_SHA}", QT_TRANSLATE_NOOP("journal", "signed; SHA-256 {sha}")),
    (rf"pdf of {_NUMBER} \((?P<status>[a-z_]+)\), {_N} pages; sha256 {_SHA}",
     QT_TRANSLATE_NOOP("journal", "PDF of {number} ({status}), %n pages; SHA-256 {sha}", None, 1)),
    (rf"addendum (?P<addendum>\d+); sha256 {_SHA}", QT_TRANSLATE_NOOP("journal", "addendum {addendum} signed; SHA-256 {sha}")),
    (rf"{_NUMBER} sent by (?P<means>.+) at (?P<at>\d{{4}}-\d\d-\d\dT[0-9:.+\-Z]+)",
     QT_TRANSLATE_NOOP("journal", "{number} sent ({means}) on {at}")),
    (rf"court outcome: (?P<outcome>[a-z_]+) of {_DATE}", QT_TRANSLATE_NOOP("journal", "court outcome: {outcome} of {date}")),
    (rf"court outcome (?P<outcome>[a-z_]+) of {_DATE} on {_NUMBER}",
     QT_TRANSLATE_NOOP("journal", "court outcome: {outcome} of {date} on {number}")),
    (r"changed: (?P<fields>.+)", QT_TRANSLATE_NOOP("journal", "changed: {fields}")),
    (r"person added \((?P<role>[a-z_]+)\)", QT_TRANSLATE_NOOP("journal", "person added ({role})")),
    (r"person removed \((?P<role>[a-z_]+)\)", QT_TRANSLATE_NOOP("journal", "person removed ({role})")),
    (r"list: all", QT_TRANSLATE_NOOP("journal", "list of all documents")),
    (r"list: (?P<filters>.+)", QT_TRANSLATE_NOOP("journal", "list: {filters}")),
    (r"template (?P<document>[a-z_]+) changed", QT_TRANSLATE_NOOP("journal", "template of {document} changed")),
    (rf"legal hold until {_DATE}", QT_TRANSLATE_NOOP("journal", "legal hold until {date}")),
    (r"refused: (?P<what>.+)", QT_TRANSLATE_NOOP("journal", "refused: {what}")),
    (r"search: no filter", QT_TRANSLATE_NOOP("journal", "search without filter")),
    (r"search: (?P<filters>.+)", QT_TRANSLATE_NOOP("journal", "search: {filters}")),
    (rf"(?P<format>csv|pdf) extract of {_N} entries; (?P<filters>.+); sha256 {_SHA}",
     QT_TRANSLATE_NOOP("journal", "{format} extract of %n entries; {filters}; SHA-256 {sha}", None, 1)),
    (rf"verification: the journal holds \({_N} entries\)",
     QT_TRANSLATE_NOOP("journal", "verification: the journal holds (%n entries)", None, 1)),
    (r"verification: entry (?P<entry>\S+) does not hold",
     QT_TRANSLATE_NOOP("journal", "verification: entry {entry} does not hold")),
    (rf"{_N} journal entries older than (?P<days>\d+) days purged( in this batch)?; the journal now begins after "
     r"entry (?P<entry>\d+) \(hash (?P<hash>[0-9a-f]+)\)",
     QT_TRANSLATE_NOOP("journal", "%n journal entries older than {days} days purged; the journal now begins "
                                  "after entry {entry} (hash {hash})", None, 1)),
    (r"journal seal generation (?P<generation>\d+) begins at entry (?P<entry>\d+): (?P<why>.+)",
     QT_TRANSLATE_NOOP("journal", "seal generation {generation} of the journal begins at entry {entry}: {why}")),
    (rf"complete export (?P<name>.+): {_N} records",
     QT_TRANSLATE_NOOP("journal", "complete export {name}: %n records", None, 1)),
    (r"station built from the export of station (?P<station>\S+) made at (?P<at>\S+) by (?P<by>.+)",
     QT_TRANSLATE_NOOP("journal", "station built from the export of station {station} made on {at} by {by}")),
    (rf"enrolled with (?P<url>\S+), {_N} records held and never queued are queued",
     QT_TRANSLATE_NOOP("journal", "enrolled with the sync server {url}; %n records held here and never sent are "
                                  "now to send", None, 1)),
    (r"enrolled with (?P<url>\S+)", QT_TRANSLATE_NOOP("journal", "enrolled with the sync server {url}")),
    (r"station_number=(?P<given>\d{1,2})", QT_TRANSLATE_NOOP("journal", "station number in the service: {given}")),
    (rf"{_N} entries of station (?P<station>\S+) removed, as its own purge did",
     QT_TRANSLATE_NOOP("journal", "%n entries of the station {station} removed here, as its own purge did", None, 1)),
    (r"station approved, key (?P<key>[0-9A-F ]+), station number (?P<given>\d{1,2})",
     QT_TRANSLATE_NOOP("journal", "new station approved, key {key}, station number {given}")),
    (r"station approved, key (?P<key>\S+)", QT_TRANSLATE_NOOP("journal", "new station approved, key {key}")),
    (r"envelope (?P<seq>\d+) refused: not authentic",
     QT_TRANSLATE_NOOP("journal", "envelope {seq} refused: not authentic")),
    (r"server lost envelopes after (?P<seq>\d+): (?P<count>\d+) resent",
     QT_TRANSLATE_NOOP("journal", "the server had lost the envelopes after {seq}: %n sent again", None, 1)),
    # Four counts: said as label : value, which French reads without agreeing each word with its number.
    (r"pushed (?P<pushed>\d+), pulled (?P<pulled>\d+), erased (?P<erased>\d+), conflicts (?P<conflicts>\d+)",
     QT_TRANSLATE_NOOP("journal", "sent: {pushed}, received: {pulled}, erased: {erased}, conflicts: {conflicts}")),
    (r"station clock moved back: previous entry at (?P<previous>\S+), clock now at (?P<now>\S+)",
     QT_TRANSLATE_NOOP("journal", "station clock moved back: previous entry at {previous}, clock now at {now}")),
    # A main courante entry's change and what it changed ("closed: ended_at, status"): last, it is the widest.
    (r"(?P<change>[a-z_]+): (?P<fields>[a-z_]+(?:, [a-z_]+)*)", QT_TRANSLATE_NOOP("journal", "{change}: {fields}")),
))
