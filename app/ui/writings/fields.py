"""The fields of a procès-verbal or rapport: built, laid out in the order a PV reads, read back as WritingData."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.i18n import translate
from app.models.writings import (
    OUTCOME_LABELS,
    PERSON_ROLE_LABELS,
    RECIPIENT_LABELS,
    OutcomeKind,
    PersonRole,
    RecipientKind,
)
from app.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)
from app.writings.types import PersonData, WritingData, WritingDetail
from app.ui.dates import DateTimeField, local_time
from app.ui.widgets import DialogPart, busy_bar, error_label, heading
from app.ui.writings.labels import erasure_label


if TYPE_CHECKING:
    from app.ui.forms import Jobs

    # What the fields call of WritingDialog, declared for the type checker only (outside the class, where
    # lupdate still sees the class's strings).
    class _WritingForm(DialogPart):
        jobs: Jobs
        def search_natinf(self) -> None: ...
        def _add_code(self, item: QListWidgetItem) -> None: ...
        def add_person(self) -> object: ...
        def remove_person(self) -> None: ...
else:
    _WritingForm = DialogPart

ERASING = (OutcomeKind.ACQUITTAL, OutcomeKind.DISMISSAL, OutcomeKind.NON_LIEU)
# How a signed document's field shows: as the page it lies on, without a box.
READ_ONLY_LOOK = "background: palette(window); border: none;"


class WritingFields(_WritingForm):
    """Part of WritingDialog: its fields."""

    document: WritingDetail | None
    people: list[PersonData]

    def _build_fields(self) -> None:
        self._build_state()
        self._build_texts()

    def _build_state(self) -> None:
        self.header = heading("", 14)
        self.busy = busy_bar(self)
        self.jobs.busy.connect(self.busy.setVisible)
        self.state = QLabel(self)
        self.state.setObjectName("writingState")
        self.state.setWordWrap(True)
        self.message = error_label(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("writingNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #1f3a5f; background: #e8eef6; padding: 4px;")
        self.notice.hide()

    def _build_texts(self) -> None:
        self.hints: dict[QLineEdit | QPlainTextEdit, str] = {}  # each field's hint to type, off once signed
        self.subject = QLineEdit(self)
        self.subject.setObjectName("writingSubject")
        self.occurred_at = DateTimeField(self, label=self.tr("Date and time of the facts"))
        self.occurred_at.setObjectName("writingOccurredAt")
        self.place = QLineEdit(self)
        self.place.setObjectName("writingPlace")
        self.offence_nature = QLineEdit(self)
        self.offence_nature.setObjectName("writingOffenceNature")
        self.codes = QLineEdit(self)
        self.codes.setObjectName("writingCodes")
        self.codes.setPlaceholderText(self.tr("NATINF codes, separated by commas (search below)"))
        self.natinf_query = QLineEdit(self)
        self.natinf_query.setObjectName("natinfQuery")
        self.natinf_query.setPlaceholderText(self.tr("Search the NATINF table: a code or words (stationnement\u2026)"))
        self.natinf_query.returnPressed.connect(self.search_natinf)
        self.natinf_results = QListWidget(self)
        self.natinf_results.setObjectName("natinfResults")
        self.natinf_results.setMinimumHeight(self.fontMetrics().height() * 9)  # eight results or so in view
        self.natinf_results.itemActivated.connect(self._add_code)
        self.plate = QLineEdit(self)
        self.plate.setObjectName("writingPlate")
        self.assisting = QLineEdit(self)
        self.assisting.setObjectName("writingAssisting")
        self.facts = QPlainTextEdit(self)
        self.facts.setObjectName("writingFacts")
        self.facts.setTabChangesFocus(True)
        self.assessments = QPlainTextEdit(self)
        self.assessments.setObjectName("writingAssessments")
        self.assessments.setTabChangesFocus(True)
        self.handed_over_at = DateTimeField(self, label=self.tr("Handed to an OPJ on"))
        self.handed_over_at.setObjectName("writingHandedOverAt")
        self.handed_over_to = QLineEdit(self)
        self.handed_over_to.setObjectName("writingHandedOverTo")
        for field in (self.occurred_at, self.handed_over_at):
            field.report_to(self.message)
        self.people_list = QListWidget(self)
        self.people_list.setObjectName("writingPeople")
        self.people_list.setMaximumHeight(80)
        self.add_person_button = QPushButton(self.tr("Add a person\u2026"), self)
        self.add_person_button.clicked.connect(self.add_person)
        self.remove_person_button = QPushButton(self.tr("Remove"), self)
        self.remove_person_button.clicked.connect(self.remove_person)
        for button in (self.add_person_button, self.remove_person_button):
            button.setAutoDefault(False)  # Enter in a field (the NATINF search) presses none of them
        self.follow_up = QLabel(self)
        self.follow_up.setObjectName("writingFollowUp")
        self.follow_up.setWordWrap(True)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Date and time of the facts"), self.occurred_at)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Nature of the offence"), self.offence_nature)
        form.addRow(self.tr("NATINF"), self.codes)
        form.addRow("", self.natinf_query)
        form.addRow("", self.natinf_results)
        form.addRow(self.tr("Vehicle plate"), self.plate)
        form.addRow(self.tr("Assisting agents"), self.assisting)
        form.addRow(self.tr("Facts (what was established)"), self.facts)
        form.addRow(self.tr("Assessments (kept apart from the facts)"), self.assessments)
        handed = QHBoxLayout()
        handed.addWidget(self.handed_over_at)
        handed.addWidget(self.handed_over_to, 1)
        form.addRow(self.tr("Person handed to an OPJ (when, to whom)"), handed)
        people_buttons = QHBoxLayout()
        people_buttons.addWidget(self.add_person_button)
        people_buttons.addWidget(self.remove_person_button)
        people_buttons.addStretch()
        people = QVBoxLayout()
        people.addWidget(self.people_list)
        people.addLayout(people_buttons)
        form.addRow(self.tr("People involved"), people)
        form.addRow(self.tr("Follow-up"), self.follow_up)
        return form

    def _show_people(self) -> None:
        self.people_list.clear()
        for person in self.people:
            role = translate("people", PERSON_ROLE_LABELS[PersonRole(person.role)])
            QListWidgetItem(f"{role} \u2014 {person.last_name.upper()} {person.first_names}".strip(),
                            self.people_list)

    def _follow_up_text(self, document: WritingDetail) -> str:
        lines = []
        for addendum in document.addenda:
            lines.append(self.tr("Addendum {number} of {when}").format(number=addendum.number,
                                                                       when=local_time(addendum.signed_at)))
        for sending in document.transmissions:
            lines.append(self.tr("Sent to {kind} {name} on {when} ({means})").format(
                kind=translate("writings", RECIPIENT_LABELS[RecipientKind(sending.recipient_kind)]),
                name=sending.recipient_name, when=local_time(sending.sent_at), means=sending.means))
        for outcome in document.outcomes:
            lines.append(self.tr("{kind} on {when} ({authority})").format(
                kind=translate("writings", OUTCOME_LABELS[OutcomeKind(outcome.kind)]),
                when=outcome.decided_on.strftime("%d/%m/%Y"), authority=outcome.authority))
        if document.personal_data_erased_at:
            lines.append(self.tr("Personal data of the case erased on {when}.").format(
                when=local_time(document.personal_data_erased_at)))
        return "\n".join(lines) or self.tr("(none yet)")

    # -- showing, reading back --------------------------------------------------------------------

    def line_fields(self) -> tuple[QLineEdit, ...]:
        return (self.subject, self.occurred_at, self.place, self.offence_nature, self.codes, self.plate,
                self.assisting, self.handed_over_at, self.handed_over_to)

    def fill(self, document: WritingDetail) -> None:
        """The fields as *document* has them; an erased subject says when and why it was erased."""
        self.subject.setText(document.subject)
        self.subject.setPlaceholderText(self._erasure_text(document))
        self.occurred_at.set_value(document.occurred_at)
        self.place.setText(document.place)
        self.offence_nature.setText(document.offence_nature)
        self.codes.setText(", ".join(o.code for o in document.offences))
        self.plate.setText(document.vehicle_plate)
        self.assisting.setText(document.assisting_agents)
        self.facts.setPlainText(document.facts)
        self.assessments.setPlainText(document.assessments)
        self.handed_over_at.set_value(document.handed_over_at)
        self.handed_over_to.setText(document.handed_over_to)
        self.people = [p.data() for p in document.people]
        self._show_people()
        self.follow_up.setText(self._follow_up_text(document))

    def _erasure_text(self, document: WritingDetail) -> str:
        if document.personal_data_erased_at is None:
            return ""
        erasing = [OutcomeKind(o.kind) for o in document.outcomes if OutcomeKind(o.kind) in ERASING]
        return erasure_label(document.personal_data_erased_at, erasing[-1] if erasing else None)

    def lock_fields(self, locked: bool) -> None:
        """A signed document's fields read as text on the page, not as boxes to type in."""
        boxes: tuple[QLineEdit | QPlainTextEdit, ...] = (*self.line_fields(), self.natinf_query, self.facts,
                                                         self.assessments)
        for field in boxes:
            field.setReadOnly(locked)
            if field is not self.subject:  # a hint to type is no text of a signed document (an erasure's is)
                hint = self.hints.setdefault(field, field.placeholderText())
                field.setPlaceholderText("" if locked else hint)
        for widget in (*boxes, self.people_list):
            widget.setStyleSheet(READ_ONLY_LOOK if locked else "")

    def data(self) -> WritingData:
        """The document as typed; its dates are read first (first_problem)."""
        codes = tuple(c.strip() for c in self.codes.text().replace(";", ",").split(",") if c.strip())
        return WritingData(
            subject=self.subject.text(), occurred_at=self.occurred_at.value(), place=self.place.text(),
            facts=self.facts.toPlainText(), assessments=self.assessments.toPlainText(),
            offence_nature=self.offence_nature.text(), vehicle_plate=self.plate.text(), natinf_codes=codes,
            people=tuple(self.people), legal_bases=self.document.legal_bases if self.document else None,
            assisting_agents=self.assisting.text(), handed_over_at=self.handed_over_at.value(),
            handed_over_to=self.handed_over_to.text(),
        )
