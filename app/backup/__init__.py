"""Backups that are checked and restored, and the service's complete export (docs/backup.md).

A backup is a folder: the database copied online through SQLite's backup API
(still encrypted under the station's key, never a plaintext page on disk),
the attachments (already encrypted files), the key slots that open it (the
recovery code alone is enough) and a manifest authenticated with a key
derived from the database key. It is written under a temporary name, checked,
then renamed: a folder that fills up or vanishes leaves no partial backup.

An export is the open copy the service takes away: every record kind as JSON
Lines, the attachments under their names, the journal, a JSON Schema per kind
and a README, in a zip encrypted with a passphrase (app/backup/sealed.py).
"""
