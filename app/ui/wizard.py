"""First run: create the station (service, commune, first administrator), or join a service another station
belongs to (app/ui/wizard_join.py); then show the recovery code once."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import (
    QCheckBox,
    QFont,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from app.services.gate import StationGate
from app.errors import VigieError
from app.kernel import validation
from app.kernel.station import NewStation
from app.ui.messages import error_text
from app.ui.recovery import show_journal_code
from app.ui.tasks import TaskManager
from app.ui.widgets import busy_bar, error_label, password_field, show_message
from app.ui.wizard_join import JoinedStation, JoinPage


class ServicePage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The service"))
        self.setSubTitle(self.tr("Which municipal police service will use this station?"))
        self.service = QLineEdit(self)
        self.service.setObjectName("service")
        self.service.setPlaceholderText(self.tr("Police municipale de \u2026"))
        self.commune = QLineEdit(self)
        self.commune.setObjectName("commune")
        self.insee = QLineEdit(self)
        self.insee.setObjectName("insee")
        self.insee.setMaxLength(5)
        self.department = QLineEdit(self)
        self.department.setObjectName("department")
        self.department.setMaxLength(3)
        self.choose_create = QRadioButton(self.tr("&Create a new service"), self)
        self.choose_create.setObjectName("createService")
        self.choose_create.setChecked(True)
        self.choose_join = QRadioButton(
            self.tr("&Join an existing service (another station is already enrolled)"), self)
        self.choose_join.setObjectName("joinService")
        self.choose_join.toggled.connect(self._choice_changed)
        self.form = form = QFormLayout()
        form.addRow(self.tr("Service name:"), self.service)
        form.addRow(self.tr("Commune:"), self.commune)
        form.addRow(self.tr("INSEE code of the commune:"), self.insee)
        form.addRow(self.tr("Department:"), self.department)
        self.message = error_label(self)
        self.message.setObjectName("serviceMessage")
        layout = QVBoxLayout(self)
        for choice in (self.choose_create, self.choose_join):
            layout.addWidget(choice, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch()
        for field in (self.service, self.commune, self.insee, self.department):
            field.textChanged.connect(self.completeChanged)

    def _choice_changed(self) -> None:
        """Joining takes the service from the other stations: its fields are not asked here."""
        for field in (self.service, self.commune, self.insee, self.department):
            field.setEnabled(not self.choose_join.isChecked())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.choose_join.isChecked() or all(
            f.text().strip() for f in (self.service, self.commune, self.insee, self.department))

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return SetupWizard.JOIN if self.choose_join.isChecked() else SetupWizard.ADMIN

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        refusal = self._folder_refusal()
        if refusal is not None:
            show_message(self.message, error_text(refusal))

    def _folder_refusal(self) -> VigieError | None:
        """Where no station can be made (a file in the data folder's place, read-only, a full disk): said at once."""
        setup = self.wizard()
        if not isinstance(setup, SetupWizard):
            return None
        try:
            setup.gate.check_folder()
        except VigieError as error:
            return error
        return None

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """A bad INSEE code or department is said here, on its own page, not after the administrator's."""
        refusal = self._folder_refusal()
        if refusal is not None:
            show_message(self.message, error_text(refusal))
            return False
        if self.choose_join.isChecked():
            show_message(self.message, "")
            return True
        for field, check in ((self.insee, validation.insee_code), (self.department, validation.department)):
            try:
                check(field.text())
            except VigieError as error:
                show_message(self.message, error_text(error))
                field.setFocus()
                field.selectAll()
                return False
        show_message(self.message, "")
        return True


class AdministratorPage(QWizardPage):
    """Collects the first administrator; leaving it creates the station (in the background)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setup = wizard
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(
            self.tr("This account manages the other accounts and the station. It is a personal account.")
        )
        self.login = QLineEdit(self)
        self.login.setObjectName("adminLogin")
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminName")
        self.grade = QLineEdit(self)
        self.grade.setObjectName("adminGrade")
        self.matricule = QLineEdit(self)
        self.matricule.setObjectName("adminMatricule")
        self.password = password_field(self)
        self.password.setObjectName("adminPassword")
        self.confirm = password_field(self)
        self.confirm.setObjectName("adminConfirm")
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Grade:"), self.grade)
        form.addRow(self.tr("Matricule:"), self.matricule)
        form.addRow(self.tr("Password (12 characters or more):"), self.password)
        form.addRow(self.tr("Confirm the password:"), self.confirm)
        self.message = error_label(self)
        self.busy = busy_bar(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        for field in (self.login, self.full_name, self.password, self.confirm):
            field.textChanged.connect(self.completeChanged)
        self._creating = False

    def isComplete(self) -> bool:  # noqa: N802
        return not self._creating and all(
            f.text().strip() for f in (self.login, self.full_name, self.password, self.confirm)
        )

    def validatePage(self) -> bool:  # noqa: N802
        if self.setup.actor is not None:
            return True
        if self.password.text() != self.confirm.text():
            show_message(self.message, self.tr("The two passwords differ."))
            return False
        self.setup.create_station(self)
        return False


class RecoveryCodePage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The recovery code"))
        self.setSubTitle(self.tr("The station is created. This code is shown only once."))
        self.code = QLabel(self)
        self.code.setObjectName("recoveryCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.code.setFont(font)
        instruction = QLabel(
            self.tr(
                "Write this code down on paper now and keep it in the service's safe. If every password "
                "is lost, it alone opens the station; without it, the data cannot be recovered. "
                "Do not keep it on this computer."
            ),
            self,
        )
        instruction.setWordWrap(True)
        self.kept = QCheckBox(self.tr("I have written the code down and it will be kept in a safe."), self)
        self.kept.setObjectName("codeKept")
        self.kept.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(instruction)
        layout.addWidget(self.kept)
        layout.addStretch()

    def isComplete(self) -> bool:  # noqa: N802
        return self.kept.isChecked()

    def nextId(self) -> int:  # noqa: N802
        return -1


class SetupWizard(QWizard):
    """Accepted once the station exists and its administrator is logged in (`actor`)."""

    SERVICE, ADMIN, CODE, JOIN = range(4)

    def __init__(self, gate: StationGate, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.tasks = tasks
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Vigie \u2014 New station"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(620, 460)
        self.service_page = ServicePage(self)
        self.admin_page = AdministratorPage(self)
        self.code_page = RecoveryCodePage(self)
        self.join_page = JoinPage(self)
        for number, page in enumerate((self.service_page, self.admin_page, self.code_page, self.join_page)):
            self.setPage(number, page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.quit_box: QMessageBox | None = None

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: asked first, as nothing typed is kept."""
        if self.actor is not None or self.admin_page._creating:
            return  # the station exists (its code must be seen) or is being made: finish first
        if self.quit_box is not None or self.join_page.cancel is not None and self.join_page.cancel.is_set():
            return  # asked already, or the joining is stopping
        if self.join_page.asking:  # approved already: what goes is the station it received
            question = self.tr("Give up joining and quit? This station, already approved and filled, will be "
                               "removed from this computer, and its approval given up on the server.")
        elif self.join_page.joining:
            question = self.tr("Stop waiting for the approval and quit? Nothing will be kept on this computer; "
                               "do not approve the pairing code shown on the other station.")
        else:
            question = self.tr("Quit without creating the station? What you typed will be lost.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Vigie \u2014 New station"), question,
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmQuit")
        leave = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.DestructiveRole)
        leave.setObjectName("quit")
        stay = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.RejectRole)
        stay.setObjectName("continue")
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)

        def answered() -> None:
            self.quit_box = None
            if box.clickedButton() is not leave:
                return
            if self.join_page.joining:
                self.join_page.stop()  # the wizard closes once the joining thread has returned
            else:
                self.quit_now()

        box.finished.connect(answered)
        self.quit_box = box
        box.open()

    def quit_now(self) -> None:
        super().reject()

    def joined(self, joined: JoinedStation) -> None:
        """The station joined and its administrator is logged in: its own recovery code, as at creation."""
        self.actor = joined.actor
        self.code_page.setSubTitle(self.tr("The station has joined the service as its station number {number}. "
                                           "This code is shown only once.").format(number=joined.station_number))
        self.code_page.code.setText(joined.recovery_code)
        show_journal_code(self.code_page, self.gate)
        self.next()

    def new_station(self) -> NewStation:
        s, a = self.service_page, self.admin_page
        return NewStation(
            service_name=s.service.text(), commune=s.commune.text(), insee_code=s.insee.text(),
            department=s.department.text(), admin_login=a.login.text(), admin_full_name=a.full_name.text(),
            admin_password=a.password.text(), admin_grade=a.grade.text(), admin_matricule=a.matricule.text(),
        )

    def create_station(self, page: AdministratorPage) -> None:
        new = self.new_station()
        page._creating = True
        page.completeChanged.emit()
        page.busy.show()
        show_message(page.message, "")
        gate = self.gate
        self.tasks.run(lambda: gate.create(new), self._created, self._failed, owner=self)

    def _created(self, result) -> None:
        self.actor, recovery_code = result
        self.admin_page._creating = False
        self.admin_page.busy.hide()
        self.code_page.code.setText(recovery_code)
        show_journal_code(self.code_page, self.gate)  # the journal verification code, beside it
        self.next()

    def _failed(self, error: Exception) -> None:
        page = self.admin_page
        page._creating = False
        page.busy.hide()
        page.completeChanged.emit()
        show_message(page.message, error_text(error))
