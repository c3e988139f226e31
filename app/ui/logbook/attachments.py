"""The attachments of an entry: the list with thumbnails, attaching, viewing, saving a copy out.

Files are kept encrypted by the service; a copy saved outside Vigie is
journaled with its motive.
"""

from __future__ import annotations

from pathlib import Path

from app.audit.actor import Actor
from app.errors import VigieError
from app.i18n import translate
from app.models.logbook import ATTACHMENT_KIND_LABELS, AttachmentKind
from app.qt import (
    QAbstractItemView,
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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from app.logbook.attachment_files import WARNING_LABELS
from app.ui.background import run_in_background
from app.ui.dates import local_time
from app.ui.messages import error_text
from app.ui.motive import MotiveDialog
from app.ui.widgets import show_message


class EntryFiles:
    """Part of EntryDialog: the attachments tab."""

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
        if not saved:
            self.tabs.setTabText(2, self.tr("Attachments"))
            return
        for info in self.entry.attachments:
            kind = translate("logbook", ATTACHMENT_KIND_LABELS[AttachmentKind(info.kind)])
            text = f"{info.filename}\n{kind}, {_size(info.size)}"
            if info.warning:
                text += "\n" + translate("logbook", WARNING_LABELS[info.warning])
            item = QListWidgetItem(text, self.files)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            if info.has_thumbnail:
                image = self.logbook.thumbnail(self.actor, info.id)
                if image:
                    pixmap = QPixmap()
                    pixmap.loadFromData(image)
                    item.setIcon(QIcon(pixmap))
        self.tabs.setTabText(2, self.tr("Attachments ({count})").format(count=len(self.entry.attachments)))

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

        def work():
            added, refused = [], []
            for path in paths:
                try:
                    added.append(logbook.add_attachment(actor, entry_id, path))
                except VigieError as error:
                    refused.append(error_text(error))
            return added, refused

        def done(result) -> None:
            added, refused = result
            if added:
                self._after_side_change(added[-1].saved)
            notes = [translate("logbook", WARNING_LABELS[a.warning]) for a in added if a.warning] + refused
            show_message(self.message, "\n".join(notes))
            self.tabs.setCurrentIndex(2)

        self.add_file_button.setEnabled(False)
        task = run_in_background(self, work, done, lambda error: show_message(self.message, error_text(error)))
        self._tasks.append(task)

        def finished() -> None:
            self._tasks.remove(task)
            self.add_file_button.setEnabled(self.entry is not None)

        task.finished.connect(finished)

    @property
    def is_busy(self) -> bool:
        return bool(self._tasks)

    def _current_file_id(self) -> str | None:
        item = self.files.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_file(self) -> AttachmentViewer | None:
        attachment_id = self._current_file_id()
        if attachment_id is None:
            return None
        info = next(a for a in self.entry.attachments if a.id == attachment_id)
        try:
            viewer = AttachmentViewer(self.logbook, self.actor, info, self)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return None
        self.viewer = viewer
        viewer.show()
        return viewer

    def start_save_out(self) -> None:
        attachment_id = self._current_file_id()
        if attachment_id is None:
            return
        info = next(a for a in self.entry.attachments if a.id == attachment_id)
        motives = self.services.settings.get("motives")
        dialog = MotiveDialog(self.tr("Save a copy outside Vigie"), motives, required=True, parent=self)
        dialog.setObjectName("attachmentMotive")
        dialog.accepted.connect(lambda: self._choose_target(info, dialog.motive))
        self.motive_dialog = dialog
        dialog.open()

    def _choose_target(self, info, motive: str) -> None:
        dialog = QFileDialog(self, self.tr("Save a copy"), str(Path.home() / info.filename))
        dialog.setObjectName("attachmentTarget")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda path: self.save_out(info.id, path, motive))
        self.file_dialog = dialog
        dialog.open()

    def save_out(self, attachment_id: str, path: str, motive: str) -> None:
        try:
            written = self.logbook.save_attachment(self.actor, attachment_id, path, motive)
        except VigieError as error:
            show_message(self.message, error_text(error))
            return
        show_message(self.message, "")
        self.warning.setText(self.tr("Copy saved: {path}. The export is written in the access journal.").format(
            path=str(written)))
        self.warning.show()


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


class AttachmentViewer(QDialog):
    """An attachment shown inside Vigie: a photo, an e-mail as read; other files are saved out to be opened."""

    def __init__(self, logbook, actor: Actor, info, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(info.filename)
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        kind = AttachmentKind(info.kind)
        if kind == AttachmentKind.EMAIL and not info.warning:
            view = logbook.email_view(actor, info.id)
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
                    QListWidgetItem(f"{part.filename} ({_size(part.size)})", files)
                layout.addWidget(QLabel(self.tr("Files carried by the e-mail:"), self))
                layout.addWidget(files)
        elif kind == AttachmentKind.PHOTO:
            content = logbook.open_attachment(actor, info.id)
            pixmap = QPixmap()
            pixmap.loadFromData(content.data)
            picture = QLabel(self)
            picture.setObjectName("photo")
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setPixmap(pixmap.scaled(QSize(800, 580), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
            layout.addWidget(picture, 1)
        else:
            note = QLabel(self.tr(
                "Vigie does not display this kind of file itself. Use \u00ab Save a copy outside Vigie \u00bb "
                "to open it with another program; the copy is written in the access journal."), self)
            note.setWordWrap(True)
            layout.addWidget(note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
