"""Printing: the PDF to a file, to a printer or on screen, each journaled as what it is.

reportlab is imported when a PDF is asked for, not when the service is made.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from datetime import tzinfo
from pathlib import Path

from app.audit.journal import Actor
from app.errors import DiskFull, storage_error
from app.kernel.motives import checked_motive
from app.kernel.rights import Access
from app.kernel.work import Work
from app.models import Operation, Writing, WritingLetterhead
from app.reasons import os_reason
from app.writings import integrity, store
from app.writings.base import COMPARTMENT, Translate, WritingsBase
from app.writings.types import Letterhead, PrintFailed, PrintResult, WritingDetail


class Printing(WritingsBase):
    """Printing and previews."""

    def letterhead(self) -> Letterhead:
        with self.kernel.system(COMPARTMENT, write=False) as work:
            return self._letterhead(work)

    def _letterhead(self, work: Work) -> Letterhead:
        details = self.station.details
        logo = work.session.get(WritingLetterhead, "logo")
        return Letterhead(details.service_name, details.commune, details.department, logo.data if logo else None)

    def _to_print(self, actor: Actor, writing_id: str, purpose: str, motive: str
                  ) -> tuple[str, WritingDetail, Letterhead]:
        """The checked motive, the document and the letterhead, read under the export right (no lock)."""
        with self._reading(actor, Access.EXPORT) as work:
            motive = checked_motive(work.session, purpose, motive)
            document = store.detail(work.session, self._writing(work, writing_id))
            return motive, document, self._letterhead(work)

    def _journal_print(self, actor: Actor, operation: Operation, document: WritingDetail, motive: str,
                       recipient: str, detail: str) -> None:
        """The print's entry, in a unit of work of its own that reads the export right again.

        The document is checked against its signature in that same transaction: a print is
        journaled only of a document that holds, and a refusal is journaled in its place.
        """
        with self._unit(actor, Access.EXPORT) as work:
            self._refuse_if_altered(work, self._writing(work, document.id), str(operation))
            self._journal(work, operation, document.id, motive=motive, recipient=(recipient or "").strip(),
                          detail=detail)
            work.commit()

    def _refuse_if_altered(self, work: Work, writing: Writing, what: str) -> None:
        """A signed document that no longer holds: the refusal committed in *work*, then ContentAltered."""
        if not integrity.is_altered(work.session, writing):
            return
        self._journal(work, Operation.REFUSED, writing, detail=f"refused: {what} of a document whose content "
                                                               f"no longer matches its signature")
        work.commit()
        raise integrity.ContentAltered(number=writing.number)

    def print_to(self, actor: Actor, writing_id: str, out_path: Path | str, motive: str, recipient: str = "", *,
                 operation: Operation = Operation.PRINT, translate: Translate | None = None,
                 zone: tzinfo | None = None) -> PrintResult:
        """Write the document's PDF to *out_path*; journaled (with motive and recipient) only once written.

        The PDF is written under a temporary name beside the target, the
        entry is committed, and only then is the file renamed: a folder gone
        or a full disk leaves neither file nor entry, and the document is
        never touched. A draft prints with its "PROJET" watermark.
        """
        out = Path(out_path)
        purpose = "print" if operation == Operation.PRINT else "export"
        motive, document, letterhead = self._to_print(actor, writing_id, purpose, motive)
        made: list[Path] = []
        try:
            handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
            os.close(handle)
            temporary = Path(name)
            made.append(temporary)
            pages = self._render_file(temporary, document, letterhead, translate, zone)
            digest = hashlib.sha256(temporary.read_bytes()).hexdigest()
            self._journal_print(actor, operation, document, motive, recipient,
                                f"pdf of {document.number} ({document.status}), {pages} pages; sha256 {digest}")
            os.replace(temporary, out)
        except OSError as exc:
            if isinstance(storage_error(exc, out.parent), DiskFull):
                raise DiskFull(path=str(out.parent)) from exc
            raise PrintFailed(path=str(out), reason=os_reason(exc)) from exc
        finally:
            for path in made:
                path.unlink(missing_ok=True)
        return PrintResult(str(out), pages, digest)

    def preview(self, actor: Actor, writing_id: str, *, translate: Translate | None = None,
                zone: tzinfo | None = None) -> bytes:
        """The PDF to show in the app; showing it is a consultation (printing it goes through print_to)."""
        with self._unit(actor, Access.READ) as work:
            writing = self._writing(work, writing_id)
            self._refuse_if_altered(work, writing, "preview")
            document, letterhead = store.detail(work.session, writing), self._letterhead(work)
            self._journal(work, Operation.CONSULT, writing)
            work.commit()
        buffer = io.BytesIO()
        self._render(buffer, document, letterhead, translate, zone)
        return buffer.getvalue()

    def print_bytes(self, actor: Actor, writing_id: str, motive: str, recipient: str = "", *,
                    translate: Translate | None = None, zone: tzinfo | None = None) -> bytes:
        """The PDF to send to a printer from the app (nothing written to disk); journaled as a print.

        The entry is committed before the pages are handed over: a print
        that happened is never missing from the journal.
        """
        motive, document, letterhead = self._to_print(actor, writing_id, "print", motive)
        buffer = io.BytesIO()
        pages = self._render(buffer, document, letterhead, translate, zone)
        data = buffer.getvalue()
        self._journal_print(actor, Operation.PRINT, document, motive, recipient,
                            f"printed on paper: {document.number} ({document.status}), {pages} pages; "
                            f"sha256 {hashlib.sha256(data).hexdigest()}")
        return data

    def _render(self, out, document: WritingDetail, letterhead: Letterhead, translate: Translate | None,
                zone: tzinfo | None) -> int:
        from app.printing import writing_pdf  # reportlab is imported when a PDF is asked for

        return writing_pdf.render(out, document, letterhead, translate=translate or writing_pdf.english,
                                  zone=zone, now=self.station.clock.now())

    def _render_file(self, path: Path, document: WritingDetail, letterhead: Letterhead, translate: Translate | None,
                     zone: tzinfo | None) -> int:
        with open(path, "wb") as handle:
            pages = self._render(handle, document, letterhead, translate, zone)
            handle.flush()
            os.fsync(handle.fileno())
        return pages
