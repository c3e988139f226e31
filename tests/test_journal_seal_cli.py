"""`vigie journal verify --station --sealed`: the password, then the journal verification code, on standard input.

(`vigie init` printing the code is tested with the rest of init, in tests/test_cli.py.)
The station is made in-process with a cheap key derivation, so that each run
costs the start of a process and not half a second of Argon2id.
"""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN_PASSWORD
from tests.tamper import tamper
from tests.test_cli import lines, vigie

DOES_NOT_HOLD = 3
# The station is made at the present: the command opens it on the system's clock (tests/conftest.py).
pytestmark = pytest.mark.present_time


def test_sealed_verification_reads_the_code_after_the_password(gate, station_dir):
    code = gate.services.station.journal.take_verification_code()
    gate.close()
    data_dir = str(station_dir)
    sealed = vigie("journal", "verify", "--station", "--sealed", "--as", "admin", "--data-dir", data_dir,
                   stdin=lines(ADMIN_PASSWORD, code.lower()))
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    assert "Le journal du poste est intègre, sceaux compris" in sealed.stdout


def test_sealed_verification_names_an_entry_rewritten_with_its_chain_recomputed(gate, station_dir):
    from app.audit.chain import entry_hash
    from app.models import JournalEntry

    code = gate.services.station.journal.take_verification_code()
    with gate.services.station.uow() as uow:
        rows = [{c.name: getattr(e, c.name) for c in JournalEntry.__table__.columns}
                for e in uow.session.query(JournalEntry).order_by(JournalEntry.seq)]
    previous = rows[0]["hash"]
    for fields in rows[1:]:  # entry 2 rewritten, every hash after it recomputed
        fields["prev_hash"] = previous
        if fields["seq"] == 2:
            fields["detail"] = "nothing happened"
        previous = entry_hash(fields)
        tamper(gate, "UPDATE journal SET detail = :d, prev_hash = :p, hash = :h WHERE seq = :s",
               d=fields["detail"], p=fields["prev_hash"], h=previous, s=fields["seq"])
    gate.close()
    result = vigie("journal", "verify", "--station", "--sealed", "--as", "admin", "--data-dir", str(station_dir),
                   stdin=lines(ADMIN_PASSWORD, code))
    assert result.returncode == DOES_NOT_HOLD, result.stdout + result.stderr
    assert "L'entrée 2 ne tient pas son sceau" in result.stdout
