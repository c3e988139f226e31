"""A document on paper or as a file: the preview inside Vigie, saving as PDF, printing.

All three render the same reportlab document; printing and saving are
journaled with their motive.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import Plurals, translate
from app.writings.types import PrintResult, WritingDetail
from app.qt import (
    QBuffer,
    QByteArray,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPainter,
    QVBoxLayout,
    pdf_widgets,
    print_support,
)
from app.ui.motive import MotiveDialog
from app.ui.widgets import DialogPart, show_message

if TYPE_CHECKING:
    from app.audit.actor import Actor
    from app.bootstrap import Services
    from app.ui.forms import Jobs
    from app.writings.service import WritingsService


class WritingOutputCounts(Plurals):
    """The output's sentences with a count. A part of a dialog cannot say them with its own tr(): PySide looks a
    text up in the context of each class of the dialog in turn and keeps the first answer that is not the text
    itself, and for a plural message the dialog's own context already answers it, untranslated, with its count."""

    def saved(self, path: str, pages: int) -> str:
        return self.tr("Saved: {path} (%n pages). The export is written in the access journal.", "",
                       pages).format(path=path)


class WritingOutput(DialogPart):
    """Part of WritingDialog: preview, PDF, printing."""

    services: Services
    actor: Actor
    writings: WritingsService
    jobs: Jobs
    document: WritingDetail | None  # read before the form is enabled: there once a button can be pressed
    message: QLabel
    notice: QLabel

    def show_preview(self) -> None:
        """The PDF is made in the background; the preview (`self.preview`) opens once it is there."""
        assert self.document is not None  # the form is enabled once its document is read
        writings, actor, writing_id = self.writings, self.actor, self.document.id
        self.jobs.run(lambda: writings.preview(actor, writing_id, translate=translate), self._show_preview)

    def _show_preview(self, data: bytes) -> None:
        self.preview = PdfPreview(data, self.windowTitle(), self)
        self.preview.show()

    def start_output(self, how: str) -> None:
        """Ask the motive and the recipient, then where to save (PDF) or which printer."""
        settings = self.services.settings
        # A PDF and a print are both journaled as "print": the station's rule says whether it needs a motive,
        # and the dialog asks as the service will check, not after the file is chosen.
        self.jobs.run(lambda: (settings.get("motives"), "print" in settings.get("motive_required_for")),
                      lambda read: self._ask_motive(how, *read))

    def _ask_motive(self, how: str, motives: list[str], required: bool) -> MotiveDialog:
        title = self.tr("Print the document") if how == "print" else self.tr("Save the document as PDF")
        dialog = MotiveDialog(title, motives, required=required, ask_recipient=False, parent=self)
        dialog.setObjectName("writingOutputMotive")
        dialog.accepted.connect(lambda: self._output(how, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()
        return dialog

    def _output(self, how: str, motive: str) -> None:
        if how == "pdf":
            assert self.document is not None  # the form is enabled once its document is read
            name = f"{self.document.number.replace('/', '-')}.pdf"
            dialog = QFileDialog(self, self.tr("Save as PDF"), str(Path.home() / name))
            dialog.setObjectName("writingPdfFile")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setDefaultSuffix("pdf")
            dialog.fileSelected.connect(lambda path: self.save_pdf(path, motive))
            self.file_dialog = dialog
            dialog.open()
            return
        self.print_on_paper(motive)

    def save_pdf(self, path: str, motive: str, recipient: str = "") -> None:
        assert self.document is not None  # the form is enabled once its document is read
        writings, actor, writing_id = self.writings, self.actor, self.document.id

        def saved(result: PrintResult) -> None:
            show_message(self.message, "")
            self.notice.setText(WritingOutputCounts().saved(result.path, result.pages))
            self.notice.show()

        self.jobs.run(lambda: writings.print_to(actor, writing_id, path, motive, recipient, translate=translate),
                      saved)

    def print_on_paper(self, motive: str) -> None:
        """The system's print dialog; the pages printed are those of the PDF, journaled as a print."""
        printer_class, dialog_class = print_support()
        printer = printer_class(printer_class.PrinterMode.HighResolution)
        dialog = dialog_class(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        assert self.document is not None  # the form is enabled once its document is read
        writings, actor, writing_id = self.writings, self.actor, self.document.id
        self.jobs.run(lambda: writings.print_bytes(actor, writing_id, motive, translate=translate),
                      lambda data: self._paint(printer, data))

    def _paint(self, printer: Any, data: bytes) -> None:
        document_class, _view = pdf_widgets()
        pdf = document_class(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        pdf.load(buffer)
        painter = QPainter(printer)
        for page in range(pdf.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport().size()
            image = pdf.render(page, target)
            painter.drawImage(0, 0, image)
        painter.end()


class PdfPreview(QDialog):
    """The PDF as it will print, inside Vigie (nothing written to disk)."""

    def __init__(self, data: bytes, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.resize(820, 900)
        document_class, view_class = pdf_widgets()
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.pdf = document_class(self)
        self.pdf.load(self.buffer)
        self.view = view_class(self)
        self.view.setPageMode(view_class.PageMode.MultiPage)
        self.view.setZoomMode(view_class.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount()
