"""Printing: the PDF to a file, to a printer or on screen, each journaled as what it is."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import tzinfo
from pathlib import Path

from app.audit.journal import Actor
from app.kernel.motives import checked_motive
from app.kernel.rights import Access
from app.models import Operation, WritingLetterhead
from app.writings import store
from app.writings.base import Translate, WritingsBase
from app.writings.types import Letterhead, PrintFailed, PrintResult, WritingDetail


class Printing(WritingsBase):
    """Printing and previews."""

    def letterhead(self) -> Letterhead:
        details = self.station.details
        with self.station.read() as uow:
            logo = uow.session.get(WritingLetterhead, "logo")
            return Letterhead(details.service_name, details.commune, details.department,
                              logo.data if logo else None)

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
        self._require(actor, Access.EXPORT)
        with self.station.read() as uow:
            motive = checked_motive(uow.session, "print" if operation == Operation.PRINT else "export", motive)
            writing = self._writing(uow.session, writing_id)
            document = store.detail(uow.session, writing)
        letterhead = self.letterhead()
        made: list[Path] = []
        try:
            handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
            os.close(handle)
            temporary = Path(name)
            made.append(temporary)
            pages = self._render_file(temporary, document, letterhead, translate, zone)
            digest = hashlib.sha256(temporary.read_bytes()).hexdigest()
            with self.station.uow() as uow:
                self._journal(uow.session, operation, actor, document.id, motive=motive,
                              recipient=(recipient or "").strip(),
                              detail=f"pdf of {document.number} ({document.status}), {pages} pages; sha256 {digest}")
                uow.commit()
            os.replace(temporary, out)
        except OSError as exc:
            raise PrintFailed(path=str(out), reason=exc.strerror or str(exc)) from exc
        finally:
            for path in made:
                path.unlink(missing_ok=True)
        return PrintResult(str(out), pages, digest)

    def preview(self, actor: Actor, writing_id: str, *, translate: Translate | None = None,
                zone: tzinfo | None = None) -> bytes:
        """The PDF to show in the app; showing it is a consultation (printing it goes through print_to)."""
        import io

        from app.printing import writing_pdf

        document = self.get(actor, writing_id)
        buffer = io.BytesIO()
        writing_pdf.render(buffer, document, self.letterhead(), translate=translate or writing_pdf.english,
                           zone=zone, now=self.station.clock.now())
        return buffer.getvalue()

    def print_bytes(self, actor: Actor, writing_id: str, motive: str, recipient: str = "", *,
                    translate: Translate | None = None, zone: tzinfo | None = None) -> bytes:
        """The PDF to send to a printer from the app (nothing written to disk); journaled as a print.

        The entry is committed before the pages are handed over: a print
        that happened is never missing from the journal.
        """
        import io

        from app.printing import writing_pdf

        self._require(actor, Access.EXPORT)
        with self.station.read() as uow:
            motive = checked_motive(uow.session, "print", motive)
            writing = self._writing(uow.session, writing_id)
            document = store.detail(uow.session, writing)
        buffer = io.BytesIO()
        pages = writing_pdf.render(buffer, document, self.letterhead(), translate=translate or writing_pdf.english,
                                   zone=zone, now=self.station.clock.now())
        data = buffer.getvalue()
        with self.station.uow() as uow:
            self._journal(uow.session, Operation.PRINT, actor, document.id, motive=motive,
                          recipient=(recipient or "").strip(),
                          detail=f"printed on paper: {document.number} ({document.status}), {pages} pages; "
                                 f"sha256 {hashlib.sha256(data).hexdigest()}")
            uow.commit()
        return data

    def _render_file(self, path: Path, document: WritingDetail, letterhead: Letterhead, translate: Translate | None,
                     zone: tzinfo | None) -> int:
        from app.printing import writing_pdf  # reportlab is imported when a PDF is asked for

        with open(path, "wb") as handle:
            pages = writing_pdf.render(handle, document, letterhead,
                                       translate=translate or writing_pdf.english, zone=zone,
                                       now=self.station.clock.now())
            handle.flush()
            os.fsync(handle.fileno())
        return pages
