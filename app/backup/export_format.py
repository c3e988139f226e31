"""The export's layout, shared by the writer and the importer, and the JSON Schema of each kind.

    README.txt                          the format, in French
    manifest.json                       station, date, author, counts per kind, SHA-256 of every member
    data/<kind>.jsonl                   one record a line, the kind's declared fields (app/kernel/kinds.py)
    journal/journal_entry.jsonl         the access journal, in its order, hashes as the station chained them
    station/<table>.jsonl               what the station needs to go on: purge checkpoints, numbers given, erasures
    schema/<kind>.schema.json           JSON Schema (2020-12) of a line of each file above
    attachments/<kind>/<id>/<name>      each attached file under its original name, in clear inside the archive
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import inspect

from app.kernel.kinds import FieldType, RecordKind
from app.models import NumberCounter, Tombstone
from app.models.journal import JournalCheckpoint
from app.models.base import Base

FORMAT = "vigie-export-1"
MANIFEST = "manifest.json"
README = "README.txt"
JOURNAL_COMPARTMENT = "journal"


def _whole(name: str, model: type[Base]) -> RecordKind:
    """A local table carried whole (every column), as a kind so that it is written and read the same way."""
    columns = tuple(str(column.key) for column in inspect(model).columns)
    return RecordKind(name=name, model=model, compartment="station", fields=columns)


# Local tables the new station needs: where the journal's chain begins after a purge, the yearly numbers
# already given (never given again), and the erasures (a stale copy never brings a record back).
STATION_TABLES = (
    _whole("journal_checkpoint", JournalCheckpoint),
    _whole("number_counters", NumberCounter),
    _whole("tombstones", Tombstone),
)


def member(kind: RecordKind) -> str:
    if kind.compartment == JOURNAL_COMPARTMENT:
        return f"journal/{kind.name}.jsonl"
    if kind.compartment == "station":
        return f"station/{kind.name}.jsonl"
    return f"data/{kind.name}.jsonl"


def blob_fields(kind: RecordKind) -> tuple[str, ...]:
    """The fields that name an attached file's bytes (stored apart, encrypted on the station)."""
    return tuple(name for name in kind.fields if name == "blob" or name.endswith("_blob"))


_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def attachment_member(kind: RecordKind, record_id: str, field: str, filename: str) -> str:
    safe = _UNSAFE.sub("_", filename).strip(". ") or "fichier"
    folder = f"attachments/{kind.name}/{record_id}"
    return f"{folder}/{safe}" if field == "blob" else f"{folder}/{field}/{safe}"


_JSON_TYPES = {
    FieldType.TEXT: {"type": "string"},
    FieldType.INTEGER: {"type": "integer"},
    FieldType.REAL: {"type": "number"},
    FieldType.BOOLEAN: {"type": "boolean"},
    FieldType.DATETIME: {"type": "string", "format": "date-time"},
    FieldType.DATE: {"type": "string", "format": "date"},
    FieldType.BYTES: {"type": "string", "contentEncoding": "base64"},
}


def json_schema(kind: RecordKind) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for spec in kind.schema:
        prop: dict[str, Any] = dict(_JSON_TYPES[spec.type])
        if spec.choices:
            prop["enum"] = list(spec.choices)
        if spec.nullable:
            prop = {"anyOf": [prop, {"type": "null"}]}
        properties[spec.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:vigie:export:1:{kind.name}",
        "title": kind.name,
        "description": f"Vigie, {kind.compartment}: one record of kind {kind.name} per line",
        "type": "object",
        "properties": properties,
        "required": list(kind.fields),
        "additionalProperties": False,
    }


README_TEXT = """\
Export Vigie - format vigie-export-1
=====================================

Ce fichier est la copie complète des données du service de police municipale
{service} ({commune}, code INSEE {insee}), faite le {date} par {author}.
Les données appartiennent au service : ce format est ouvert et documenté ici
pour qu'il puisse les relire sans Vigie, ou les reprendre dans un autre logiciel.

Contenu de l'archive
--------------------

manifest.json
    Le poste, la date, l'auteur de l'export, le nombre d'enregistrements de
    chaque type, et l'empreinte SHA-256 de chaque fichier de l'archive.

data/<type>.jsonl
    Un fichier par type d'enregistrement (main courante, personnes citées,
    versions, pièces jointes, PV et rapports, comptes, réglages, droits...).
    Une ligne par enregistrement, au format JSON (JSON Lines, UTF-8).
    Les dates et heures sont en UTC au format ISO 8601 ; les dates seules en
    AAAA-MM-JJ ; les données binaires en base64.

journal/journal_entry.jsonl
    Le journal des accès, dans son ordre (champ seq). Chaque entrée porte
    l'empreinte de la précédente (prev_hash) et la sienne (hash) : la chaîne
    se vérifie comme l'explique la documentation du format du journal.

station/<table>.jsonl
    Ce qu'un nouveau poste doit savoir pour continuer : les points de
    reprise du journal après une purge, les numéros annuels déjà donnés
    (jamais redonnés) et les effacements (un enregistrement effacé ne revient pas).

schema/<type>.schema.json
    Le schéma (JSON Schema 2020-12) d'une ligne de chaque fichier ci-dessus :
    le nom, le type et les valeurs permises de chaque champ.

attachments/<type>/<identifiant>/<nom du fichier>
    Chaque pièce jointe, sous son nom d'origine, en clair dans l'archive.
    Le champ "blob" de l'enregistrement est le nom interne du fichier sur le
    poste ; le fichier se trouve sous l'identifiant de l'enregistrement
    (une vignette, champ "thumbnail_blob", dans le sous-dossier du même nom).

Ce que l'export ne contient pas : les mots de passe et les clés du poste.
Les appréciations personnelles sont dans les champs "assessments", séparées
des constatations ("facts").

Chiffrement
-----------

L'archive est chiffrée (AES-256-GCM, par blocs de 1 Mio) sous une clé tirée
de la phrase de passe choisie à l'export (Argon2id). Elle contient des données
de police : gardez la phrase de passe à part, et l'archive en lieu sûr.
Pour reprendre ces données dans une nouvelle station Vigie :

    vigie import FICHIER.zip --data-dir DOSSIER --admin IDENTIFIANT
"""
