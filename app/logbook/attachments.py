"""Attachments of an entry: add (checked, encrypted, by content hash), open, save out, thumbnails, e-mails."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit.journal import Actor
from app.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, VigieError
from app.ids import new_id
from app.kernel.motives import checked_motive
from app.kernel.rights import Access
from app.kernel.settings import read_setting
from app.logbook import attachment_files, store
from app.logbook.attachment_files import EmailPart
from app.logbook.base import COMPARTMENT, RECORD_KIND, LogbookBase
from app.logbook.types import AttachmentAdded, AttachmentContent, Change, EmailView
from app.logbook.validation import NO_ATTACHMENT, NO_PART, REQUIRED, SAVE_FAILED
from app.models import Operation
from app.models.logbook import LogbookAttachment
from app.reasons import os_reason


class SaveOutFailed(VigieError):
    message = SAVE_FAILED


class AttachmentArriving(VigieError):
    """The attachment's record came by sync; its file has not arrived yet (app/sync/attachments.py)."""

    message = QT_TRANSLATE_NOOP(
        "errors", "The file {name} is still being received from another station; it opens after the next sync.")


class AttachmentCases(LogbookBase):
    def add_attachment(self, actor: Actor, entry_id: str, path: Path | str | None = None, *,
                       data: bytes | None = None, filename: str | None = None) -> AttachmentAdded:
        """Attach a file given by *path*, or *data* named *filename* (a drop from a mail client).

        The file is read and checked outside the transaction (a large photo
        takes a moment); its encrypted blob is written before the commit and
        removed again if the commit does not happen.
        """
        # The right is checked (and a refusal journaled) before the file is read, without the write lock.
        with self.kernel.read(actor, COMPARTMENT, Access.WRITE) as work:
            self._entry(work.session, entry_id)
            max_bytes = read_setting(work.session, "attachment_max_mb") * 1_000_000
        if path is not None:
            path = Path(path)
            data = attachment_files.read_file(path, max_bytes)
            filename = filename or path.name
        if data is None or not filename:
            raise InvalidInput(REQUIRED, field=QT_TRANSLATE_NOOP("fields", "File"))
        inspected = attachment_files.inspect(filename, data, max_bytes)
        written: list[str] = []
        try:
            with self.kernel.work(actor, COMPARTMENT, Access.WRITE) as work:
                session = work.session
                entry = self._for_change(session, entry_id, None)
                before = store.entry_state(session, entry)
                row = self._attachment_row(session, actor, entry_id, inspected, written)
                session.add(row)
                session.flush()
                made = self._new_version(work, entry, before, Change.ATTACHMENT_ADDED, [row],
                                         detail=f"attachment added: {inspected.kind}")
                saved = self._saved(session, entry, made)
                info = next(a for a in saved.entry.attachments if a.id == row.id)
                work.commit()
        except BaseException:
            # The key made with a first attachment rolled back with it: it must not stay in memory.
            self.blobs.forget_key()
            self.blobs.remove(written)
            raise
        return AttachmentAdded(saved, info, inspected.warning)

    def _attachment_row(self, session: Session, actor: Actor, entry_id: str, inspected,
                        written: list[str]) -> LogbookAttachment:
        """The file's blobs written (their names added to *written*), and its row, not yet added."""
        blob, new = self.blobs.put(session, inspected.data)
        written += [blob] if new else []
        thumb = None
        if inspected.thumbnail is not None:
            thumb, new = self.blobs.put(session, inspected.thumbnail)
            written += [thumb] if new else []
        mail = inspected.email
        return LogbookAttachment(
            id=new_id(), version=1, entry_id=entry_id, blob=blob, thumbnail_blob=thumb,
            filename=inspected.filename[:255], kind=inspected.kind, media_type=inspected.media_type,
            size=len(inspected.data), warning=inspected.warning,
            email_from=mail.sender if mail else "", email_to=mail.to if mail else "",
            email_date=mail.date if mail else None, email_subject=mail.subject if mail else "",
            email_text=mail.text if mail else "",
            email_parts=json.dumps([[p.index, p.filename, p.media_type, p.size] for p in mail.parts]
                                   if mail else [], ensure_ascii=False),
            added_by=actor.user_id, added_at=self.clock.now(),
        )

    def _attachment(self, session: Session, attachment_id: str) -> LogbookAttachment:
        row = session.get(LogbookAttachment, attachment_id)
        if row is None:
            raise NotFound(NO_ATTACHMENT)
        return row

    def _content(self, session: Session, row: LogbookAttachment, part: int | None) -> AttachmentContent:
        if not self.blobs.holds(row.blob):
            raise AttachmentArriving(name=row.filename)
        data = self.blobs.get(session, row.blob, shown_as=row.filename)
        if part is None:
            return AttachmentContent(row.filename, row.media_type, data)
        try:
            name, media_type, inner = attachment_files.read_email_part(data, part)
        except (IndexError, ValueError, TypeError, AttributeError):
            raise NotFound(NO_PART) from None
        return AttachmentContent(name, media_type, inner)

    def open_attachment(self, actor: Actor, attachment_id: str, part: int | None = None) -> AttachmentContent:
        """The file's bytes to show inside Vigie (or a file an e-mail carries, by its index)."""
        with self.kernel.work(actor, COMPARTMENT, Access.READ) as work:
            row = self._attachment(work.session, attachment_id)
            content = self._content(work.session, row, part)
            work.journal(Operation.CONSULT, row.entry_id, kind=RECORD_KIND,
                         detail=f"attachment opened: {row.id}" + (f" part {part}" if part is not None else ""))
            work.commit()
        return content

    def save_attachment(self, actor: Actor, attachment_id: str, target: Path | str, motive: str,
                        part: int | None = None) -> Path:
        """Write the file out of Vigie, in clear, at *target*: an export, with its motive, journaled.

        Written under a temporary name first: a failed write leaves neither
        file nor journal entry, and the file appears only once the entry is committed.
        """
        target = Path(target)
        with self.kernel.work(actor, COMPARTMENT, Access.EXPORT) as work:
            session = work.session
            motive = checked_motive(session, "export", motive)
            row = self._attachment(session, attachment_id)
            content = self._content(session, row, part)
            try:
                handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".vigie-")
                with os.fdopen(handle, "wb") as out:
                    out.write(content.data)
            except OSError as exc:
                raise SaveOutFailed(path=str(target), reason=os_reason(exc)) from exc
            try:
                work.journal(Operation.EXPORT, row.entry_id, kind=RECORD_KIND, motive=motive,
                             detail=f"attachment saved out: {row.id}" + (f" part {part}" if part is not None else ""))
                work.commit()
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return target

    def thumbnail(self, actor: Actor, attachment_id: str) -> bytes | None:
        """A photo's small JPEG, shown with the entry (whose opening was journaled)."""
        with self.kernel.read(actor, COMPARTMENT) as work:
            row = self._attachment(work.session, attachment_id)
            if row.thumbnail_blob is None or not self.blobs.holds(row.thumbnail_blob):
                return None
            return self.blobs.get(work.session, row.thumbnail_blob, shown_as=row.filename)

    def email_view(self, actor: Actor, attachment_id: str) -> EmailView:
        """An attached e-mail as it was read: sender, date, subject, text and the files it carries."""
        with self.kernel.work(actor, COMPARTMENT, Access.READ) as work:
            row = self._attachment(work.session, attachment_id)
            parts = tuple(EmailPart(*p) for p in json.loads(row.email_parts or "[]"))
            view = EmailView(row.id, row.filename, row.email_from, row.email_to, row.email_date, row.email_subject,
                             row.email_text, parts)
            work.journal(Operation.CONSULT, row.entry_id, kind=RECORD_KIND, detail=f"e-mail read: {row.id}")
            work.commit()
        return view
