"""The reasons inside error sentences are said in French: the system's and SQLite's own words are English."""

from __future__ import annotations

import errno
import os

import pytest
import sqlcipher3

from app.errors import StorageFailed
from app.i18n import install_translator, translate_error
from app.reasons import database_reason, os_reason
from app.services.journal import ExportFailed
from app.store.engine import raw_key_literal


@pytest.fixture(autouse=True)
def translated(qapp):
    install_translator(qapp)


def french(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_refusal_of_the_system_is_said_in_french(tmp_path):
    with pytest.raises(OSError) as refused:
        (tmp_path / "absent" / "extrait.csv").write_text("")
    error = ExportFailed(path="extrait.csv", reason=os_reason(refused.value))
    assert french(translate_error(error)) == ("Impossible d'écrire l'extrait extrait.csv : fichier ou dossier "
                                              "introuvable. Rien n'a été exporté.")


def test_a_reason_the_system_gives_that_vigie_does_not_name_keeps_the_system_words():
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"


def test_a_file_that_is_not_a_database_under_the_key_is_said_so(tmp_path):
    path = tmp_path / "vigie.db"
    path.write_bytes(os.urandom(8192))
    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = \"{raw_key_literal(os.urandom(32))}\"")
    with pytest.raises(sqlcipher3.DatabaseError) as refused:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()
    error = StorageFailed(path=str(path), reason=database_reason(refused.value))
    assert "(ce n'est pas une base Vigie, ou pas sous la clé de ce poste)" in french(translate_error(error))
