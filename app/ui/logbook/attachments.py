"""The attachments of an entry: the list with thumbnails, attaching, viewing, saving a copy out.

Files are kept encrypted by the service; a copy saved outside Vigie is
journaled with its motive. Reading a file, its thumbnail or an e-mail, and
attaching one, all run in the background.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.audit.actor import Actor
from app.bootstrap import Services
from app.errors import VigieError
from app.i18n import translate
from app.logbook.attachment_files import WARNING_LABELS
from app.logbook.service import LogbookService
from app.logbook.types import AttachmentAdded, AttachmentContent, AttachmentInfo, EmailView, EntryDetail, Saved
from app.models.logbook import ATTACHMENT_KIND_LABELS, AttachmentKind
from app.qt import (
    QAbstractItemView,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QIcon,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QSize,
    Qt,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from app.ui.dates import local_time
from app.ui.forms import Jobs
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.widgets import DialogPart, show_message

# What the tab calls of EntryPeople. Declared for the type checker only, outside the class: an `if` in a class
# body hides the class's strings from lupdate.
if TYPE_CHECKING:
    class _EntryForm(DialogPart):
        def _after_side_change(self, result: Saved) -> None: ...
else:
    _EntryForm = DialogPart


class EntryFiles(_EntryForm):
    """Part of EntryDialog: the attachments tab."""

    actor: Actor
    services: Services
    logbook: LogbookService
    jobs: Jobs
    entry: EntryDetail | None
    tabs: QTabWidget
    message: QLabel
    warning: QLabel

    def _files_tab(self) -> QWidget:
        tab = QWidget(self)
        self.files_note = QLabel(tab)
        self.files_note.setWordWrap(True)
        self.files_note.setStyleSheet("color: #555;")
        self.files = QListWidget(tab)
        self.files.setObjectName("attachments")
        self.files.setIconSize(QSize(96, 72))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.itemActivated.connect(lambda _item: self.open_file())
        self.add_file_button = QPushButton(self.tr("Attach a file\u2026"), tab)
        self.add_file_button.setObjectName("attachmentAdd")
        self.add_file_button.clicked.connect(self.pick_files)
        self.open_file_button = QPushButton(self.tr("Open"), tab)
        self.open_file_button.clicked.connect(self.open_file)
        self.save_file_button = QPushButton(self.tr("Save a copy outside Vigie\u2026"), tab)
        self.save_file_button.setObjectName("attachmentSaveOut")
        self.save_file_button.clicked.connect(self.start_save_out)
        buttons = QHBoxLayout()
        for button in (self.add_file_button, self.open_file_button, self.save_file_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.files_note)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        return tab

    def _refresh_files(self) -> None:
        self.files.clear()
        saved = self.entry is not None
        self.add_file_button.setEnabled(saved)
        self.files_note.setText(self.tr(
            "Photos (JPEG, PNG, WebP), PDF, office documents and e-mails (.eml): drop them here or attach "
            "them. They are kept encrypted.") if saved else self.tr(
            "Save the entry first (Ctrl+S), then attach its photos, documents and e-mails."))
        if self.entry is None:
            self.tabs.setTabText(2, self.tr("Attachments"))
            return
        for info in self.entry.attachments:
            kind = translate("logbook", ATTACHMENT_KIND_LABELS[AttachmentKind(info.kind)])
            text = f"{info.filename}\n{kind}, {file_size(info.size)}"
            if info.warning:
                text += "\n" + translate("logbook", WARNING_LABELS[info.warning])
            if info.receiving:
                text += "\n" + self.tr("Attachment being received")
            item = QListWidgetItem(text, self.files)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
        self.tabs.setTabText(2, self.tr("Attachments ({count})").format(count=len(self.entry.attachments)))
        self._load_thumbnails([info.id for info in self.entry.attachments if info.has_thumbnail])

    def _load_thumbnails(self, ids: list[str]) -> None:
        if not ids:
            return
        logbook, actor = self.logbook, self.actor
        self.jobs.run(lambda: {i: logbook.thumbnail(actor, i) for i in ids}, self._show_thumbnails)

    def _show_thumbnails(self, images: dict[str, bytes | None]) -> None:
        for row in range(self.files.count()):
            item = self.files.item(row)
            image = images.get(item.data(Qt.ItemDataRole.UserRole))
            if image:
                pixmap = QPixmap()
                pixmap.loadFromData(image)
                item.setIcon(QIcon(pixmap))

    def pick_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setObjectName("attachmentPicker")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilters([
            self.tr("Photos, documents and e-mails (*.jpg *.jpeg *.png *.webp *.pdf *.odt *.ods *.docx *.xlsx "
                    "*.doc *.xls *.eml)"),
            self.tr("All files (*)"),
        ])
        dialog.filesSelected.connect(self.attach_paths)
        self.file_dialog = dialog
        dialog.open()

    def dragEnterEvent(self, event) -> None:
        if self.entry is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_paths(paths)

    def attach_paths(self, paths: list[str]) -> None:
        """Attach each file in the background (a large photo takes a moment); refusals say why."""
        if self.entry is None:
            return
        logbook, actor, entry_id = self.logbook, self.actor, self.entry.id

        def work() -> tuple[list[AttachmentAdded], list[VigieError]]:
            added: list[AttachmentAdded] = []
            refused: list[VigieError] = []
            for path in paths:
                try:
                    added.append(logbook.add_attachment(actor, entry_id, path))
                except VigieError as error:
                    refused.append(error)
            return added, refused

        def done(result: tuple[list[AttachmentAdded], list[VigieError]]) -> None:
            added, refused = result
            self.add_file_button.setEnabled(True)
            if added:
                self._after_side_change(added[-1].saved)
            notes = [translate("logbook", WARNING_LABELS[a.warning]) for a in added if a.warning]
            show_message(self.message, "\n".join(notes + [error_text(error) for error in refused]))
            self.tabs.setCurrentIndex(2)

        def failed(error: Exception) -> None:
            self.add_file_button.setEnabled(True)
            show_message(self.message, error_text(error))

        self.add_file_button.setEnabled(False)
        self.jobs.run(work, done, failed)

    def _current_file(self) -> AttachmentInfo | None:
        item = self.files.currentItem()
        if item is None or self.entry is None:
            return None
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        return next(a for a in self.entry.attachments if a.id == attachment_id)

    def open_file(self) -> None:
        """The file is read in the background; the viewer opens once it is there (as `self.viewer`)."""
        info = self._current_file()
        if info is None:
            return
        if info.receiving:
            show_message(self.message, self.tr(
                "The file {name} is still being received from another station; it opens after the next "
                "sync.").format(name=info.filename))
            return
        logbook, actor, kind = self.logbook, self.actor, AttachmentKind(info.kind)

        def read() -> EmailView | AttachmentContent | None:
            if kind == AttachmentKind.EMAIL and not info.warning:
                return logbook.email_view(actor, info.id)
            if kind == AttachmentKind.PHOTO:
                return logbook.open_attachment(actor, info.id)
            return None

        self.jobs.run(read, lambda shown: self._show_file(info, shown))

    def _show_file(self, info: AttachmentInfo, shown: EmailView | AttachmentContent | None) -> None:
        self.viewer = AttachmentViewer(info, shown, self)
        self.viewer.show()

    def start_save_out(self) -> None:
        info = self._current_file()
        if info is None:
            return
        settings = self.services.settings
        self.jobs.run(lambda: settings.get("motives"), lambda motives: self._ask_motive(info, motives))

    def _ask_motive(self, info: AttachmentInfo, motives: list[str]) -> None:
        dialog = MotiveDialog(self.tr("Save a copy outside Vigie"), motives, required=True, parent=self)
        dialog.setObjectName("attachmentMotive")
        dialog.accepted.connect(lambda: self._choose_target(info, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()

    def _choose_target(self, info: AttachmentInfo, motive: str) -> None:
        dialog = QFileDialog(self, self.tr("Save a copy"), str(Path.home() / info.filename))
        dialog.setObjectName("attachmentTarget")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda path: self.save_out(info.id, path, motive))
        self.file_dialog = dialog
        dialog.open()

    def save_out(self, attachment_id: str, path: str, motive: str) -> None:
        logbook, actor = self.logbook, self.actor
        self.jobs.run(lambda: logbook.save_attachment(actor, attachment_id, path, motive), self._saved_out)

    def _saved_out(self, written: Any) -> None:
        show_message(self.message, "")
        self.warning.setText(self.tr("Copy saved: {path}. The export is written in the access journal.").format(
            path=str(written)))
        self.warning.show()


def file_size(size: int) -> str:
    """A size as people read it, in the interface's units (Mo and ko in French)."""
    if size >= 1_000_000:
        shown = QCoreApplication.translate("logbook", "{size} MB")
        return shown.format(size=f"{size / 1_000_000:.1f}".replace(".", ","))
    return QCoreApplication.translate("logbook", "{size} kB").format(size=max(1, round(size / 1000)))


class AttachmentViewer(QDialog):
    """An attachment shown inside Vigie: a photo, an e-mail as read; other files are saved out to be opened."""

    def __init__(self, info: AttachmentInfo, shown: EmailView | AttachmentContent | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(info.filename)
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        if isinstance(shown, EmailView):
            self._email(layout, shown)
        elif shown is not None:
            self._photo(layout, shown.data)
        else:
            note = QLabel(self.tr(
                "Vigie does not display this kind of file itself. Use \u00ab Save a copy outside Vigie \u00bb "
                "to open it with another program; the copy is written in the access journal."), self)
            note.setWordWrap(True)
            layout.addWidget(note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _email(self, layout: QVBoxLayout, view: EmailView) -> None:
        header = QLabel(self.tr("From: {sender}\nTo: {to}\nDate: {date}\nSubject: {subject}").format(
            sender=view.sender, to=view.to, date=local_time(view.date), subject=view.subject), self)
        header.setObjectName("emailHeader")
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body = QTextBrowser(self)
        body.setObjectName("emailText")
        body.setPlainText(view.text)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        if view.parts:
            files = QListWidget(self)
            files.setObjectName("emailParts")
            files.setMaximumHeight(90)
            for part in view.parts:
                QListWidgetItem(f"{part.filename} ({file_size(part.size)})", files)
            layout.addWidget(QLabel(self.tr("Files carried by the e-mail:"), self))
            layout.addWidget(files)

    def _photo(self, layout: QVBoxLayout, data: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        picture = QLabel(self)
        picture.setObjectName("photo")
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(pixmap.scaled(QSize(800, 580), Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation))
        layout.addWidget(picture, 1)
