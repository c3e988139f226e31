"""Attachments' files between two real stations through a real server: encrypted chunks, a cut in
the middle resumed where it stopped, a file on its way shown as such, the server blind to content
and name, and an erased attachment's chunks deleted on the server and on the other station."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import delete, select, update

from app.logbook.attachments import AttachmentArriving
from app.models.attachments import BlobTransfer
from app.models.logbook import LogbookAttachment
from app.models.sync import SyncAccount
from app.sync import protocol
from app.sync.attachments import CHUNK_BYTES, BlobRefused, BlobReport, blob_handle, frame, open_chunk, padded_size, unframe
from app.sync.envelope import ServiceKeys
from app.sync.transport import SyncOffline
from tests.conftest import journal_entries
from tests.logbook_helpers import entry_data
from tests.server.processes import CutProxy
from tests.sync.conftest import sync_of
from tests.sync.test_sync_history import entry_dialog
from tests.ui.conftest import french, tasks  # noqa: F401 - fixtures

MARKER = b"Temoignage de Mme Lefebvre-Garnier sur la rixe du quai Branly"
FILENAME = "plainte-Lefebvre-Garnier.pdf"


def report_pdf() -> bytes:
    """A PDF of about 2.3 MB (three chunks), the marker inside each megabyte."""
    body = bytearray(b"%PDF-1.4\n")
    while len(body) < 2_300_000:
        body += MARKER + b"\n" + os.urandom(100_000)
    return bytes(body) + b"\n%%EOF\n"


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(out, "JPEG")
    return out.getvalue()


class ChunkCutProxy(CutProxy):
    """Forwards each request to the server on a connection of its own; the *cut_at*-th chunk PUT of
    the blob *cut_handle* is cut: half its body goes to the server, then both sockets are closed."""

    def __init__(self, target_port: int) -> None:
        self.cut_at: int | None = None
        self.cut_handle = ""
        self.puts = 0
        self.puts_of_handle = 0
        super().__init__(target_port)

    def fault_for(self, head: bytes) -> str:
        if not head.startswith(b"PUT /v1/blobs/"):
            return "pass"
        self.puts += 1
        of_handle = head.startswith(f"PUT /v1/blobs/{self.cut_handle}/".encode())
        self.puts_of_handle += of_handle
        return "kill_mid_body" if of_handle and self.puts_of_handle == self.cut_at else "pass"


def point_at(gate, url: str) -> None:
    with gate.opened().station.uow() as uow:
        uow.session.execute(update(SyncAccount).where(SyncAccount.id == 1).values(server_url=url))
        uow.commit()


def server_chunks(server, handle: str) -> list[tuple[int, bytes]]:
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute("SELECT chunk_index, data FROM blob_chunks WHERE blob_handle = ? ORDER BY chunk_index",
                          (handle,)).fetchall()


def set_chunk(server, handle: str, index: int, data: bytes) -> None:
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blob_chunks SET data = ? WHERE blob_handle = ? AND chunk_index = ?", (data, handle, index))


def keys_of(gate) -> tuple[ServiceKeys, str]:
    with gate.opened().station.read() as uow:
        account = uow.session.get(SyncAccount, 1)
        return ServiceKeys(account.sync_key, account.handle_key), account.tenant_id


def test_chunk_format_binds_handle_place_and_end():
    keys = ServiceKeys.draw()
    assert padded_size(0) == 4096 and padded_size(10_000_000) < 10_000_000 * 1.12
    assert unframe(frame(b"abc")) == b"abc"
    from app.sync.attachments import seal_chunks
    sealed = list(seal_chunks(keys, "t", "a" * 64, b"x" * (CHUNK_BYTES + 5)))
    assert len(sealed) == 2 and all(len(c) <= protocol.MAX_CHUNK_BYTES for c in sealed)
    assert open_chunk(keys, "t", "a" * 64, 1, sealed[1]) == (open_chunk(keys, "t", "a" * 64, 1, sealed[1])[0], True)
    for tenant, handle, index in (("u", "a" * 64, 0), ("t", "b" * 64, 0), ("t", "a" * 64, 1)):
        with pytest.raises(BlobRefused):
            open_chunk(keys, tenant, handle, index, sealed[0])


def test_an_attachment_travels_in_chunks_resumes_after_a_cut_and_is_erased_everywhere(
        apart_pair, clock, apart_server, qtbot, tasks, french):
    a, b = apart_pair
    data, image = report_pdf(), photo()
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    pdf = a.opened().logbook.add_attachment(a.admin, entry.id, data=data, filename=FILENAME).attachment
    jpeg = a.opened().logbook.add_attachment(a.admin, entry.id, data=image, filename="quai.jpg").attachment

    keys, tenant = keys_of(a)
    with a.opened().station.read() as uow:
        pdf_name = uow.session.get(LogbookAttachment, pdf.id).blob
    handle = blob_handle(keys, pdf_name)

    # A's first sync is cut in the middle of the PDF's second chunk.
    proxy = ChunkCutProxy(int(apart_server.url.rsplit(":", 1)[1]))
    try:
        point_at(a, proxy.url)
        proxy.cut_at, proxy.cut_handle = 2, handle
        with pytest.raises(SyncOffline):
            sync_of(a).sync(a.admin)
        assert [index for index, _ in server_chunks(apart_server, handle)] == [0]

        # B has the records, not the whole file: the entry says it is on its way.
        assert sync_of(b).sync(b.admin).files.waiting >= 1
        shown = b.opened().logbook.get(b.admin, entry.id)
        assert {(f.filename, f.receiving) for f in shown.attachments} >= {(FILENAME, True)}
        with pytest.raises(AttachmentArriving):
            b.opened().logbook.open_attachment(b.admin, pdf.id)
        files = entry_dialog(qtbot, b, tasks, entry.id).files
        qtbot.waitUntil(lambda: files.count() == 2, timeout=30_000)
        waiting = [files.item(row).text() for row in range(files.count()) if FILENAME in files.item(row).text()]
        assert waiting and waiting[0].endswith("Pièce jointe en cours de réception")

        # The next sync sends only what the server lacks: chunks 1 and 2 of the PDF, and the photo's.
        proxy.cut_at, proxy.puts = None, 0
        report = sync_of(a).sync(a.admin)
        assert report.files.chunks_sent == proxy.puts
        assert [index for index, _ in server_chunks(apart_server, handle)] == [0, 1, 2]
    finally:
        proxy.close()
        point_at(a, apart_server.url)

    # A chunk altered on the server is refused by B, journaled, never stored; the true one is taken later.
    true_chunk = server_chunks(apart_server, handle)[1][1]
    set_chunk(apart_server, handle, 1, true_chunk[:100] + bytes([true_chunk[100] ^ 1]) + true_chunk[101:])
    report = sync_of(b).sync(b.admin)
    assert report.files.refused == 1
    assert any("refused: not authentic" in e.detail for e in journal_entries(b) if e.detail.startswith("attachment"))
    with pytest.raises(AttachmentArriving):
        b.opened().logbook.open_attachment(b.admin, pdf.id)
    set_chunk(apart_server, handle, 1, true_chunk)
    report = sync_of(b).sync(b.admin)
    assert report.files.received >= 1 and report.files.waiting == report.files.refused == 0
    shown = b.opened().logbook.get(b.admin, entry.id)
    assert not any(f.receiving for f in shown.attachments)
    assert b.opened().logbook.open_attachment(b.admin, pdf.id).data == data
    assert b.opened().logbook.open_attachment(b.admin, jpeg.id).data == image
    assert b.opened().logbook.thumbnail(b.admin, jpeg.id)
    # On B's disk, the file is sealed under B's own key: neither the marker nor A's file's bytes.
    b_files = [p for p in (b.opened().station.paths.attachments).rglob("*") if p.is_file()]
    a_file = a.opened().station.paths.attachments / pdf_name[:2] / pdf_name
    b_file = b.opened().station.paths.attachments / pdf_name[:2] / pdf_name
    assert b_file.read_bytes() != a_file.read_bytes()
    assert not any(MARKER in p.read_bytes() for p in b_files)

    # Blind: the server's chunks and its database files hold neither the content nor the file name.
    chunks = server_chunks(apart_server, handle)
    assert all(len(chunk) <= protocol.MAX_CHUNK_BYTES for _, chunk in chunks)
    assert sum(len(chunk) for _, chunk in chunks) >= padded_size(len(data))
    folder = Path(apart_server.database_url.removeprefix("sqlite:///")).parent
    for path in folder.iterdir():
        raw = path.read_bytes()
        for secret in (MARKER, MARKER[:24], FILENAME.encode(), FILENAME.encode("utf-16-le"), pdf.id.encode(),
                       pdf_name.encode()):
            assert secret not in raw, (path.name, secret)

    # Erased on A by an administrator: its chunks go from the server, and its file from B.
    a.opened().logbook.erase(a.admin, entry.id, "Saisie en double")
    sync_of(a).sync(a.admin)
    assert server_chunks(apart_server, handle) == []
    sync_of(b).sync(b.admin)
    assert not b_file.exists()
    with b.opened().station.read() as uow:
        assert uow.session.scalars(select(BlobTransfer)).all() == []


def test_a_file_deleted_damaged_or_whose_sync_state_is_lost_is_fetched_again_from_the_server(pair, clock):
    """The repair that compares the records' digest covers attachments' files too: a file the sync state
    says is here but that is missing, whose sealed size is not its record's, or that no longer opens, is
    fetched again; a file whose sync state is lost is sent or fetched as a new one. Each is journaled."""
    a, b = pair
    data, image = b"%PDF-1.4\n" + MARKER + os.urandom(50_000) + b"\n%%EOF\n", photo()
    entry = a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Rixe")).entry
    pdf = a.opened().logbook.add_attachment(a.admin, entry.id, data=data, filename=FILENAME).attachment
    jpeg = a.opened().logbook.add_attachment(a.admin, entry.id, data=image, filename="quai.jpg").attachment
    assert files_waiting(a)
    sync_of(a).sync(a.admin)
    assert not files_waiting(a)
    assert sync_of(b).sync(b.admin).files.received == 3  # the PDF, the photo and its thumbnail
    assert not files_waiting(b)
    with b.opened().station.read() as uow:
        pdf_name = uow.session.get(LogbookAttachment, pdf.id).blob
        jpeg_name = uow.session.get(LogbookAttachment, jpeg.id).blob
    folder = b.opened().station.paths.attachments

    # Deleted on B's disk: the next sync of B (a change of A's to pull) brings it back.
    (folder / pdf_name[:2] / pdf_name).unlink()
    a.opened().logbook.create(a.admin, entry_data(clock.now(), subject="Tapage"))
    sync_of(a).sync(a.admin)
    report = sync_of(b).sync(b.admin)
    assert (report.files.repaired, report.files.received) == (1, 1)
    assert b.opened().logbook.open_attachment(b.admin, pdf.id).data == data
    assert any("missing or damaged here: 1 fetched again" in e.detail for e in journal_entries(b))

    # Cut short on B's disk, and on another sync, with nothing to pull: the first sync of a session.
    damaged = folder / jpeg_name[:2] / jpeg_name
    damaged.write_bytes(damaged.read_bytes()[:-10])
    report = sync_of(b).sync(b.admin)
    assert (report.files.repaired, report.files.received) == (1, 1)
    assert b.opened().logbook.open_attachment(b.admin, jpeg.id).data == image

    # Altered in place on B's disk, its size kept: found by reading it (its tag), at a session's first sync.
    sealed = bytearray((folder / pdf_name[:2] / pdf_name).read_bytes())
    sealed[len(sealed) // 2] ^= 1
    (folder / pdf_name[:2] / pdf_name).write_bytes(bytes(sealed))
    report = sync_of(b).sync(b.admin)
    assert (report.files.repaired, report.files.received) == (1, 1)
    assert b.opened().logbook.open_attachment(b.admin, pdf.id).data == data
    assert not list(folder.rglob("*.damaged"))  # the damaged copy set aside went once the good one was in

    # B's record of what it received is lost and the file with it: fetched as a file never received.
    with b.opened().station.uow() as uow:
        uow.session.execute(delete(BlobTransfer))
        uow.commit()
    (folder / pdf_name[:2] / pdf_name).unlink()
    report = sync_of(b).sync(b.admin)
    assert report.files.received == 1 and report.files.sent == 2  # the photo and thumbnail: the server holds them
    assert b.opened().logbook.open_attachment(b.admin, pdf.id).data == data
    # Nothing left to repair: a sync that moves nothing does not fetch again.
    assert sync_of(b).sync(b.admin).files == BlobReport()
    a.opened().logbook.erase(a.admin, entry.id, "Saisie en double")
    assert files_waiting(a)  # an erased attachment's file, to delete on the server


def files_waiting(gate) -> bool:
    from app.sync.attachments import files_to_move

    with gate.opened().station.read() as uow:
        return files_to_move(uow.session)
