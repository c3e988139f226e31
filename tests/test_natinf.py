"""NATINF: the shipped sample, the search, and importing a new version (a bad file refused whole)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.errors import AccessDenied
from app.writings.natinf import NatinfFileRefused, normalized, sample_bytes
from tests.conftest import AGENT_PASSWORD, add_agent, journal_entries
from tests.test_writings_support import draft_pv

HEADER = "Numéro NATINF;Nature de l'infraction;Qualification de l'infraction;Définie par;Réprimée par\r\n"
NEW_ROW = ("99001;Contravention de classe 1;DEPOT DE DECHETS VERTS SUR LA VOIE PUBLIQUE (arrêté municipal "
           "n° 2026-12);ART.R.610-5 C.PENAL.;ART.R.610-5 C.PENAL.\r\n")


def count(gate, table: str) -> int:
    with gate.services.station.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def new_edition(extra: str = NEW_ROW, encoding: str = "latin-1") -> bytes:
    """The shipped sample with one more row, as the next official file would bring it."""
    return (sample_bytes().decode("latin-1") + extra).encode(encoding)


def test_the_shipped_sample_is_the_first_version(gate):
    natinf = gate.services.natinf
    version = natinf.current(gate.admin)
    assert version.row_count == 479 and version.current and version.imported_by is None
    assert count(gate, "natinf_offences") == 479
    stop = natinf.get(gate.admin, "203")
    assert stop.nature == "Contravention de classe 4" and '"STOP"' in stop.qualification
    assert natinf.get(gate.admin, "0203").code == "203"


def test_search_by_code_or_by_words_ignores_case_and_accents(gate):
    natinf = gate.services.natinf
    assert natinf.search(gate.admin, "203")[0].code == "203"
    assert all(e.code.startswith("20") for e in natinf.search(gate.admin, "20"))
    dogs = natinf.search(gate.admin, "chien dangereux categorie")
    assert dogs and all("categorie" in normalized(d.qualification) for d in dogs)
    assert any("catégorie" in d.qualification for d in dogs)
    assert [d.code for d in natinf.search(gate.admin, "Dangereux CATÉGORIE  chien")] == [d.code for d in dogs]
    noise = natinf.search(gate.admin, "bruit voisinage")
    assert "13313" in [n.code for n in noise]
    assert natinf.search(gate.admin, "%") == []


def test_a_new_version_is_imported_and_documents_keep_the_version_they_used(gate, tmp_path):
    natinf = gate.services.natinf
    before = draft_pv(gate)
    path = tmp_path / "Liste Natinf_octobre2026.csv"
    path.write_bytes(new_edition())
    version = natinf.import_csv(gate.admin, path, "octobre 2026")
    assert version.current and version.row_count == 480 and version.label == "octobre 2026"
    assert [v.label for v in natinf.versions(gate.admin)][0] == "octobre 2026"
    assert natinf.get(gate.admin, "99001").qualification.endswith("(arrêté municipal n° 2026-12)")
    after = draft_pv(gate, natinf_codes=("99001",))
    assert after.natinf_version_id == version.id
    assert gate.services.writings.get(gate.admin, before.id).natinf_version_id != version.id
    journaled = [e for e in journal_entries(gate)
                 if e.record_kind == "natinf_version" and e.record_id == version.id]
    assert journaled and journaled[0].operation == "administer"
    with pytest.raises(Exception, match="already imported"):
        natinf.import_csv(gate.admin, path)


def test_a_file_saved_again_as_utf8_is_read_too(gate):
    version = gate.services.natinf.import_bytes(gate.admin, new_edition(encoding="utf-8-sig"), "natinf.csv", "utf8")
    assert version.row_count == 480
    assert "catégorie" in gate.services.natinf.get(gate.admin, "22153").qualification


@pytest.mark.parametrize(("content", "message"), [
    (new_edition("ABC;Délit;QUALIFICATION;ART.1;ART.2\r\n"), "Line 481 .*\u201cABC\u201d is not a NATINF number"),
    (new_edition("99002;Délit;QUALIFICATION\r\n"), "Line 481 .* has 3 columns instead of five"),
    (new_edition("203;Délit;DOUBLON;ART.1;ART.2\r\n"), "Line 481 .*203 appears twice"),
    (new_edition("99003;;QUALIFICATION;ART.1;ART.2\r\n"), "Line 481 .*empty"),
    (sample_bytes().split(b"\r\n", 1)[1], "no header line"),
    (HEADER.encode("latin-1"), "holds no offence"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a NATINF list"),
])
def test_a_bad_file_is_refused_whole_naming_the_line(gate, content, message):
    natinf = gate.services.natinf
    natinf.current(gate.admin)
    with pytest.raises(NatinfFileRefused, match=message) as caught:
        natinf.import_bytes(gate.admin, content, "natinf.csv", "mauvais")
    assert "Nothing was imported" in str(caught.value)
    assert count(gate, "natinf_versions") == 1 and count(gate, "natinf_offences") == 479
    assert natinf.current(gate.admin).row_count == 479


def test_importing_is_for_administrators(gate):
    add_agent(gate)
    agent = gate.login("lpetit", AGENT_PASSWORD)
    assert gate.services.natinf.search(agent, "203")
    with pytest.raises(AccessDenied):
        gate.services.natinf.import_bytes(agent, new_edition(), "natinf.csv", "x")
