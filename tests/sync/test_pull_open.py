"""A pulled page is opened on the fetcher's thread with every check of one envelope: AES-GCM under the
service's key, the associated data binding tenant, handle and mutation id, the padding, the plaintext's
form and the handle's HMAC over the record it names; the page's base64 is read as strictly as the
protocol reads it; pages come in order, and a failed fetch is raised after the pages before it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os

import pytest

from app.sync import protocol
from app.sync.envelope import Change, EnvelopeRefused, Opener, ServiceKeys, aad, open_envelope, seal_change
from app.sync.pull_page import OpenedPage, PageFetcher, b64decode, open_page
from app.sync.transport import SyncOffline

TENANT = "0190f0b0-0000-7000-8000-00000000000a"
CHANGE = Change("logbook_nature", "vol_etalage", "upsert", {"code": "vol_etalage", "label": "Vol à l'étalage"},
                "station-a", 7, resolves=True, forgets=True)


def test_a_record_handle_is_the_hmac_sha256_of_its_kind_and_id():
    for key in (os.urandom(32), os.urandom(64), os.urandom(65), b""):
        keys = ServiceKeys(os.urandom(32), key)
        for kind, record_id in (("logbook_entry", "0190f0b0-1111-7222-8333-444455556666"), ("user", "é|ü"), ("", "")):
            expected = hmac.new(key, f"{kind}\x00{record_id}".encode(), hashlib.sha256).hexdigest()
            assert keys.handle(kind, record_id) == expected


def test_base64_is_read_as_strictly_as_the_protocol_reads_it():
    samples = [base64.b64encode(os.urandom(size)).decode() for size in range(9)] + [
        "QQ==", "QR==", "QUI=", "QUJ=", "QQ", "QQ=", "QQ===", "Q Q==", "QQ==\n", "é", "=QQ=", "QU=D", "QUJD====",
        "A===", "AB==", "ABC=", "ABCD", "AB-_", "AB+/"]
    for text in samples:
        assert _read(b64decode, text) == _read(protocol.b64decode, text), text
    assert _read(b64decode, "QR==") is None and _read(b64decode, "QQ==") == b"A"


def _read(decode, text):
    try:
        return decode(text)
    except protocol.SyncProtocolError:
        return None


def test_an_envelope_opens_as_sealed_and_one_altered_or_moved_is_refused():
    keys = ServiceKeys.draw()
    handle, ciphertext = seal_change(keys, TENANT, "m-1", CHANGE)
    opener = Opener(keys, TENANT)
    assert Change(*opener.open(handle, "m-1", ciphertext)) == CHANGE
    assert open_envelope(keys, TENANT, handle, "m-1", ciphertext) == CHANGE
    flipped = ciphertext[:40] + bytes([ciphertext[40] ^ 1]) + ciphertext[41:]
    moved = {"altered": (opener, handle, "m-1", flipped), "cut short": (opener, handle, "m-1", ciphertext[:11]),
             "another mutation": (opener, handle, "m-2", ciphertext),
             "another record's handle": (opener, keys.handle("logbook_nature", "autre"), "m-1", ciphertext),
             "another service": (Opener(keys, "0190f0b0-0000-7000-8000-00000000000b"), handle, "m-1", ciphertext),
             "another key": (Opener(ServiceKeys.draw(), TENANT), handle, "m-1", ciphertext)}
    for name, (other, *args) in moved.items():
        with pytest.raises(EnvelopeRefused, match="does not decrypt"):
            other.open(*args)
    with pytest.raises(EnvelopeRefused, match="does not decrypt"):
        open_envelope(keys, TENANT, handle, "m-1", flipped)


def test_a_plaintext_that_is_not_an_envelope_of_its_handle_is_refused():
    keys = ServiceKeys.draw()
    handle = keys.handle("logbook_nature", "vol_etalage")
    body = {"f": 1, "k": "logbook_nature", "i": "vol_etalage", "o": "upsert", "p": {}, "s": "a", "c": 1}
    cases = {"names another record than its handle": protocol.pad(_text({**body, "i": "autre"})),
             "unknown operation": protocol.pad(_text({**body, "o": "drop"})),
             "not an envelope": protocol.pad(_text({**body, "p": [1]}))}
    cases |= {f"not an envelope {index}": plaintext for index, plaintext in enumerate(
        (protocol.pad(b"{not json"), _text(body), protocol.pad(_text({**body, "c": "sept"})),
         protocol.pad("é".encode("latin-1")), protocol.pad(_text([body]))))}
    for reason, plaintext in cases.items():
        ciphertext = keys.cipher.encrypt(plaintext, aad(TENANT, handle, "m-1"))
        with pytest.raises(EnvelopeRefused, match=reason.rstrip(" 0123456789")):
            Opener(keys, TENANT).open(handle, "m-1", ciphertext)


def _text(body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def test_a_page_is_opened_with_its_record_of_what_was_pulled_and_its_refusals_apart():
    keys = ServiceKeys.draw()
    envelopes = []
    for seq, (record_id, device) in enumerate((("vol", "d-1"), ("rixe", "d-2"), ("bruit", "d-1")), start=41):
        change = Change("logbook_nature", record_id, "upsert", {"code": record_id}, "a", seq)
        handle, ciphertext = seal_change(keys, TENANT, f"m-{seq}", change)
        if record_id == "rixe":
            ciphertext = ciphertext[:-1] + bytes([ciphertext[-1] ^ 0x80])
        envelopes.append({"seq": seq, "handle": handle, "base_seq": None, "device_id": device,
                          "mutation_id": f"m-{seq}", "ciphertext": protocol.b64encode(ciphertext)})
    page = open_page(Opener(keys, TENANT), "d-1", {"envelopes": envelopes, "last_seq": 43, "more": False, "head": 50})
    assert [change if isinstance(change, str) else change.record_id for change in page.changes] == \
        ["vol", "the ciphertext does not decrypt under the service's key", "bruit"]
    assert page.seen == [(e["seq"], e["handle"], hashlib.sha256(base64.b64decode(e["ciphertext"])).hexdigest(),
                          e["mutation_id"], e["device_id"] == "d-1") for e in envelopes]
    assert (page.last_seq, page.more, page.head) == (43, False, 50)
    envelopes[0]["ciphertext"] = envelopes[0]["ciphertext"][:-2] + "!="
    with pytest.raises(protocol.SyncProtocolError):  # the server's mistake: the pull stops, nothing applied
        open_page(Opener(keys, TENANT), "d-1", {"envelopes": envelopes, "last_seq": 43, "more": False})


def test_pages_come_in_order_a_failed_fetch_after_them_and_leaving_early_stops_the_fetcher():
    asked: list[int] = []

    def fetch(after: int) -> dict:
        asked.append(after)
        if after >= 30:
            raise SyncOffline(url="http://127.0.0.1:9")
        return {"envelopes": [{"seq": after + 1}] * 10, "last_seq": after + 10, "more": True}

    def opened(page: dict) -> OpenedPage:
        return OpenedPage(page["envelopes"], [], [], page["last_seq"], page["more"], None)

    with PageFetcher(fetch, opened, 0) as pages:
        assert [pages.take().last_seq for _ in range(3)] == [10, 20, 30]
        with pytest.raises(SyncOffline):
            pages.take()
        with pytest.raises(RuntimeError):
            pages.take()
    assert asked == [0, 10, 20, 30]
    asked.clear()
    endless = itertools.count()

    def forever(after: int) -> dict:
        asked.append(next(endless))
        return {"envelopes": [{"seq": after + 1}], "last_seq": after + 1, "more": True}

    with PageFetcher(forever, opened, 0, depth=2) as pages:
        assert pages.take().last_seq == 1
    assert len(asked) <= 4  # the page taken, two ahead, and at most one fetched as it stopped


def test_an_envelope_the_server_says_its_disk_altered_is_refused_only_if_it_differs_from_what_was_stored():
    from app.sync.pull_page import ALTERED_ON_SERVER

    keys = ServiceKeys.draw()
    handle, ciphertext = seal_change(keys, TENANT, "m-1", Change("logbook_nature", "vol", "upsert", {"code": "vol"},
                                                                 "a", 1))
    received = hashlib.sha256(ciphertext).hexdigest()
    envelope = {"seq": 1, "handle": handle, "base_seq": None, "device_id": "d-2", "mutation_id": "m-1",
                "ciphertext": protocol.b64encode(ciphertext)}
    stored = "ab" * 32  # the hash the server stored: what the digest names, whatever the disk now holds
    page = open_page(Opener(keys, TENANT), "d-1", {"envelopes": [{**envelope, "stored_sha256": stored}],
                                                    "last_seq": 1, "more": False})
    assert page.changes == [ALTERED_ON_SERVER] and page.seen[0][2] == stored
    same = open_page(Opener(keys, TENANT), "d-1", {"envelopes": [{**envelope, "stored_sha256": received}],
                                                    "last_seq": 1, "more": False})
    assert not isinstance(same.changes[0], str) and same.changes[0].record_id == "vol"  # nothing altered: opened
