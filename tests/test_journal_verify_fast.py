"""Sealed verification checks rows a batch at a time: it tells the same first entry, wherever batches end.

The chain and the seals are checked in tight loops over each batch (SQLite's
serialization of the entries, app/audit/verify_fast.py; the rows themselves,
app/audit/chaincheck.py and sealverify.py); the entry told must still be the
first that does not hold, by its number, whether its seal or its chain fails
first, and whether it begins, ends or sits inside a batch.
"""

from __future__ import annotations

import hmac
import os

from app.audit import chaincheck, seal, sealstate, sealverify, verify
from app.crypto import verification_code
from tests.test_journal_support import sql, write_entries

ENTRIES = 40


def sealed(gate, code: bytes, batch_size: int) -> verify.Report:
    """Sealed verification by SQLite's serialization of each entry, which must tell what the rows tell."""
    station = gate.services.station
    args = (station.engine, station.id, sealstate.state_path(station.paths.database), code, batch_size)
    report = sealverify.verify_sealed(*args)
    assert sealverify.verify_sealed(*args, chain=chaincheck.verify_rows) == report
    return report


def told(gate, code: bytes) -> set[tuple]:
    """(checked, first, last, findings) of sealed verification, over batches of every size that matters."""
    return {(r.checked, r.first_seq, r.last_seq, tuple((f.seq, f.message) for f in r.findings))
            for r in (sealed(gate, code, size) for size in (1, 2, 3, 7, 5000))}


def test_the_first_entry_that_does_not_hold_is_told_whatever_the_batches(gate, clock):
    code = verification_code.decode(gate.services.station.journal.take_verification_code())
    seqs = write_entries(gate, clock, ENTRIES)
    [holding] = told(gate, code)
    assert holding[3] == () and holding[0] >= ENTRIES

    bad_seal, changed = seqs[9], seqs[13]
    sql(gate, "UPDATE journal SET tag = :tag WHERE seq = :seq", tag="0" * 64, seq=bad_seal)
    assert told(gate, code) == {(bad_seal - 1, 1, bad_seal - 1, ((bad_seal, sealverify.BAD_SEAL),))}
    sql(gate, "UPDATE journal SET detail = 'changé' WHERE seq = :seq", seq=changed)
    assert told(gate, code) == {(bad_seal - 1, 1, bad_seal - 1, ((bad_seal, sealverify.BAD_SEAL),))}
    sql(gate, "UPDATE journal SET detail = 'changé' WHERE seq = :seq", seq=bad_seal - 2)  # before the seal
    assert told(gate, code) == {(bad_seal - 3, 1, bad_seal - 3, ((bad_seal - 2, verify.MODIFIED),))}


def test_the_seal_written_out_is_hmac_sha256_for_every_key():
    """The loop's HMAC (two SHA-256 over the key XORed with ipad and opad) gives hmac's tag."""
    for _ in range(300):
        key, seq, at, entry_hash = os.urandom(32), int.from_bytes(os.urandom(5)), "2026-11-22T07:52:07.830000Z", \
            os.urandom(32).hex()
        row = (seq, "", at, *[""] * 12, entry_hash, seal.tag(key, seq, at, entry_hash))
        checker = sealverify._RowSeals(sealverify._Keys([(seq, key)]))
        checker.key, checker.following, checker.boundaries = key, seq, set()
        assert checker.run([row], 0, 1) is None
        forged = (*row[:16], hmac.new(os.urandom(32), b"x", "sha256").hexdigest())
        checker.key, checker.following = key, seq
        assert checker.run([forged], 0, 1) == (0, verify.Finding(sealverify.BAD_SEAL, {"seq": seq}, seq))
