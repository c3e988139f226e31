"""First run: create the station (service, commune, first administrator), then show the recovery code once."""

from __future__ import annotations

from app.audit.actor import Actor
from app.qt import (
    QCheckBox,
    QFont,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
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
        form = QFormLayout()
        form.addRow(self.tr("Service name:"), self.service)
        form.addRow(self.tr("Commune:"), self.commune)
        form.addRow(self.tr("INSEE code of the commune:"), self.insee)
        form.addRow(self.tr("Department:"), self.department)
        self.message = error_label(self)
        self.message.setObjectName("serviceMessage")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch()
        for field in (self.service, self.commune, self.insee, self.department):
            field.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return all(f.text().strip() for f in (self.service, self.commune, self.insee, self.department))

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


class SetupWizard(QWizard):
    """Accepted once the station exists and its administrator is logged in (`actor`)."""

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
        for page in (self.service_page, self.admin_page, self.code_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.quit_box: QMessageBox | None = None

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: asked first, as nothing typed is kept."""
        if self.actor is not None or self.admin_page._creating:
            return  # the station exists (its code must be seen) or is being made: finish first
        if self.quit_box is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Vigie \u2014 New station"),
                          self.tr("Quit without creating the station? What you typed will be lost."),
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
            if box.clickedButton() is leave:
                super(SetupWizard, self).reject()

        box.finished.connect(answered)
        self.quit_box = box
        box.open()

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
