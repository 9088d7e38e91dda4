"""Settings: who you are, referral reasons and the kinds of asset that help with each,
the team's emergency numbers, what the Today page looks out for, how fresh listings
must be, what Open Referral terms mean, how long records are kept, where data lives, backups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.matching import DEFAULT_REASON_KINDS
from linkworker.domain.rights import DEFAULT_RETENTION_YEARS
from linkworker.errors import UserFacingError
from linkworker.paths import share_exports_with_group
from linkworker.services.settings import (
    emergency_numbers,
    reason_kinds,
    referral_reasons,
    set_emergency_numbers,
    set_reason_kinds,
)
from linkworker.ui.directory.taxonomy_widgets import TaxonomyBox
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.emergency_rows import EmergencyNumberRow
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import hint
from linkworker.ui.keyboard import scroll_area
from linkworker.ui.postcode_lookup_widget import PostcodeLookupWidget
from linkworker.ui.setting_fields import ABOUT_YOU, SavedNote, SettingsWriter
from linkworker.ui.style import title_label
from linkworker.ui.team_database_box import TeamDatabaseBox
from linkworker.ui.workers import Tasks
from linkworker.ui.workers_dialog import SignInSettingsBox

if TYPE_CHECKING:
    from linkworker.services.context import Services


class SettingsPage(QWidget):
    """Edits settings as they are typed; shows the data folder and makes backups."""

    stale_months_changed = Signal(int)
    #: Someone was erased from the retention review (their id): the caseload is read again.
    person_erased = Signal(object)

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        demo: bool = False,
        parent: QWidget | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = services.settings
        self._tasks = tasks

        title = title_label(self.tr("Settings"))
        self.saved_note = SavedNote(now)
        self._writer = SettingsWriter(self._settings)
        self._writer.notes.append(self.saved_note)

        you = QGroupBox(self.tr("You"))
        you_form = QFormLayout(you)
        self._you_edits: dict[str, QLineEdit] = {}
        for key, label, name, example in ABOUT_YOU:
            edit = self._writer.line_edit(key, self.tr(name), self.tr(example))
            you_form.addRow(self.tr(label), edit)
            self._you_edits[key] = edit
        self.name_edit, self.team_edit, self.phone_edit, self.email_edit = self._you_edits.values()
        self.email_edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        contact_note = hint(
            self.tr(
                "Your name, team, phone and email are printed on plans and referral letters, "
                "so people know how to reach you. Your name is also shown when you mark a "
                "listing as checked."
            )
        )
        you_form.addRow(contact_note)
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(1, 60)
        self.stale_spin.setSuffix(self.tr(" months"))
        self.stale_spin.setValue(int(self._settings.get("stale_months") or 12))
        self.stale_spin.setAccessibleName(self.tr("Flag listings not checked for"))
        self.stale_spin.valueChanged.connect(self._stale_changed)

        self.reasons_edit = QPlainTextEdit("\n".join(referral_reasons(self._settings)))
        self.reasons_edit.setAccessibleName(self.tr("Referral reasons, one per line"))
        self.reasons_edit.setTabChangesFocus(True)
        self.reasons_edit.setFixedHeight(150)
        self.reasons_edit.setToolTip(
            self.tr("The reasons offered when recording a referral. One per line.")
        )
        self.reasons_edit.textChanged.connect(self._reasons_changed)
        people = QGroupBox(self.tr("People"))
        people_form = QFormLayout(people)
        people_form.addRow(self.tr("Referral reasons\n(one per line)"), self.reasons_edit)
        kinds = self._build_reason_kinds()

        numbers = self._build_emergency_numbers()
        today = self._build_today()
        records = self._build_records()

        directory = QGroupBox(self.tr("Directory"))
        dir_form = QFormLayout(directory)
        dir_form.addRow(self.tr("Flag listings not checked for"), self.stale_spin)

        paths = services.paths
        data = QGroupBox(self.tr("Your data"))
        data_layout = QVBoxLayout(data)
        where = self.tr("Everything is kept on this computer in {folder}").format(
            folder=paths.data_dir
        )
        if services.on_team_database:
            where = self.tr(
                "People and the directory are kept in the team database (see Team database "
                "below); settings and logs on this computer in {folder}"
            ).format(folder=paths.data_dir)
        if demo:
            where += "\n" + self.tr("Demo mode: this folder is removed when you close Link Worker.")
        self.where_label = QLabel(where)
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open data folder"))
        self.open_button.setAccessibleName(self.tr("Open data folder"))
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir)))
        )
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_label.setAccessibleName(self.tr("Latest backup"))
        self.passphrase_button = QPushButton(self.tr("Change &passphrase…"))
        self.passphrase_button.setAccessibleName(self.tr("Change passphrase"))
        self.passphrase_button.setToolTip(
            self.tr("Re-encrypt the data and every backup under a new passphrase")
        )
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.passphrase_button.setVisible(services.encrypted)
        # The team database's server keeps its backups.
        self.backup_button.setVisible(not services.on_team_database)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.backup_button)
        row.addWidget(self.passphrase_button)
        row.addStretch(1)
        self.share_exports_check = QCheckBox(
            self.tr("Let others in my group on this computer read the files I export")
        )
        self.share_exports_check.setToolTip(
            self.tr(
                "Exports (spreadsheets, PDFs, copies of a person's record, calendars) are "
                "readable by you alone unless this is ticked. The data itself always is."
            )
        )
        self.share_exports_check.setChecked(bool(self._settings.get("exports_shared_with_group")))
        self.share_exports_check.toggled.connect(self._share_exports)
        data_layout.addWidget(self.where_label)
        data_layout.addLayout(row)
        data_layout.addWidget(self.backup_label)
        data_layout.addWidget(self.share_exports_check)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.postcode_lookup = PostcodeLookupWidget(services.geo, tasks)
        self.sign_in_box = SignInSettingsBox(
            services.workers, self._writer, caseloads=services.caseloads
        )
        self.taxonomy_box = TaxonomyBox(services.taxonomy)
        self.team_database_box = TeamDatabaseBox(self._settings, tasks)
        boxes = (you, self.sign_in_box, people, numbers, today, kinds, directory, self.taxonomy_box)
        for box in (*boxes, self.postcode_lookup, records, data, self.team_database_box):
            box.setMaximumWidth(720)
            column.addWidget(box)
        column.addStretch(1)
        scroll = scroll_area(content)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.saved_note, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(scroll, 1)
        self._order_kinds()
        self.refresh_backups()

    def showEvent(self, event: QShowEvent) -> None:
        # The welcome page asks for the same details: show what is stored now.
        for key, edit in self._you_edits.items():
            self._writer.reload(edit, key)
        # An import since may have met new terms.
        self.taxonomy_box.reload()
        super().showEvent(event)

    # Emergency numbers and Today ------------------------------------------------

    def _build_emergency_numbers(self) -> QGroupBox:
        box = QGroupBox(self.tr("Emergency numbers"))
        column = QVBoxLayout(box)
        column.addWidget(
            hint(
                self.tr(
                    "Your team's numbers for a crisis (the crisis team, the safeguarding "
                    "lead, out of hours). They are shown in every crisis conversation."
                )
            )
        )
        self.numbers: EditableRows[EmergencyNumberRow, tuple[str, str]] = EditableRows(
            self._number_row, self.tr("Add a &number"), self.tr("Add a number to call in a crisis")
        )
        self.numbers.fill(emergency_numbers(self._settings))
        self.numbers.rows_changed.connect(self._numbers_changed)
        column.addWidget(self.numbers)
        return box

    def _number_row(self, entry: tuple[str, str] | None) -> EmergencyNumberRow:
        row = EmergencyNumberRow(entry)
        row.who_edit.editingFinished.connect(self._numbers_changed)
        row.number_edit.editingFinished.connect(self._numbers_changed)
        return row

    def _numbers_changed(self) -> None:
        before = emergency_numbers(self._settings)
        set_emergency_numbers(self._settings, [row.entry() for row in self.numbers.filled()])
        if emergency_numbers(self._settings) != before:
            self.saved_note.saved()

    def _build_today(self) -> QGroupBox:
        box = QGroupBox(self.tr("Today page"))
        form = QFormLayout(box)
        self.quiet_spin = self._spin(
            "quiet_weeks", 1, 52, self.tr(" weeks"), self.tr("People with no contact for")
        )
        form.addRow(self.tr("People with no contact for"), self.quiet_spin)
        self.no_news_spin = self._spin(
            "no_news_days", 1, 365, self.tr(" days"), self.tr("Places with no news for")
        )
        form.addRow(self.tr("Places with no news for"), self.no_news_spin)
        form.addRow(
            hint(
                self.tr(
                    "Today lists the people you have not been in touch with for that long, "
                    "and the places you referred someone to that have not said how it went."
                )
            )
        )
        return box

    def _build_records(self) -> QGroupBox:
        box = QGroupBox(self.tr("Keeping records"))
        form = QFormLayout(box)
        name = self.tr("Keep records for this many years after the last referral closes")
        self.retention_spin = self._spin(
            "retention_years", 1, 100, self.tr(" years"), name, DEFAULT_RETENTION_YEARS
        )
        form.addRow(self.tr("Keep records for"), self.retention_spin)
        form.addRow(
            hint(
                self.tr(
                    "How many years a person's record is kept after their last referral "
                    "closes. Make it match your practice's records policy. Records older "
                    "than that are listed for someone to review; nothing is erased by itself."
                )
            )
        )
        self.retention_button = QPushButton(self.tr("Review records past retention…"))
        self.retention_button.setAccessibleName(self.tr("Review records past retention"))
        self.retention_button.clicked.connect(self.review_retention)
        form.addRow(self.retention_button)
        return box

    def review_retention(self) -> None:
        """List the people past retention, with Erase for each (asked twice)."""
        from linkworker.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self._services.rights, self.run_dialog, parent=self)
        self.run_dialog(dialog)
        for person_id in dialog.erased:
            self.person_erased.emit(person_id)

    def run_dialog(self, dialog: QWidget) -> bool:
        """Run a modal dialog; tests replace this to drive the dialog themselves."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    def _spin(
        self, key: str, low: int, high: int, suffix: str, name: str, default: int | None = None
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(int(self._settings.get(key) or default or low))
        spin.setAccessibleName(name)
        spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance(f"000{suffix}") + 60)
        spin.valueChanged.connect(lambda value: self._writer.set(key, value))
        return spin

    # Referral reason -> kinds of asset -----------------------------------------

    def _build_reason_kinds(self) -> QGroupBox:
        box = QGroupBox(self.tr("Suggestions: what helps with each referral reason"))
        column = QVBoxLayout(box)
        explain = hint(
            self.tr(
                "The kinds of asset suggested for each referral reason. Separate them with "
                "semicolons; each is matched with the kinds and tags in the directory."
            )
        )
        column.addWidget(explain)
        self.kinds_form = QFormLayout()
        self.kinds_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(self.kinds_form)
        self.kind_edits: dict[str, QLineEdit] = {}
        self.reset_kinds_button = QPushButton(self.tr("Reset to &defaults"))
        self.reset_kinds_button.setAccessibleName(
            self.tr("Reset to defaults: the kinds of asset for each reason")
        )
        self.reset_kinds_button.clicked.connect(self.reset_reason_kinds)
        row = QHBoxLayout()
        row.addWidget(self.reset_kinds_button)
        row.addStretch(1)
        column.addLayout(row)
        # The rows follow the referral reasons, rebuilt shortly after that list is edited.
        self._kinds_timer = QTimer(self)
        self._kinds_timer.setSingleShot(True)
        self._kinds_timer.setInterval(600)
        self._kinds_timer.timeout.connect(self.fill_reason_kinds)
        self.reasons_edit.textChanged.connect(lambda: self._kinds_timer.start())
        self.fill_reason_kinds()
        return box

    def fill_reason_kinds(self) -> None:
        """One row per referral reason, showing the kinds of asset that help with it."""
        self._kinds_timer.stop()
        table = reason_kinds(self._settings)
        while self.kinds_form.rowCount():
            self.kinds_form.removeRow(0)
        self.kind_edits = {}
        for reason in referral_reasons(self._settings):
            edit = QLineEdit("; ".join(table.get(reason, ())))
            edit.setAccessibleName(self.tr("Kinds of asset for {0}").format(reason))
            edit.setPlaceholderText(self.tr("e.g. Peer support; Gardening"))
            edit.editingFinished.connect(self._kinds_changed)
            label = QLabel(reason)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(edit)
            self.kinds_form.addRow(label, edit)
            self.kind_edits[reason] = edit
        self._order_kinds()

    def _order_kinds(self) -> None:
        """The reasons, each reason's row, then Reset, in the Tab order.

        New rows would otherwise come last, after everything else on the page.
        """
        if self.reasons_edit.window() is not self.reset_kinds_button.window():
            return  # still being built: done again at the end of building
        previous: QWidget = self.reasons_edit
        for edit in self.kind_edits.values():
            QWidget.setTabOrder(previous, edit)
            previous = edit
        QWidget.setTabOrder(previous, self.reset_kinds_button)

    @staticmethod
    def _split_kinds(text: str) -> tuple[str, ...]:
        """Semicolon-separated kinds, tidied, each once (ignoring case), in the order typed."""
        seen: dict[str, str] = {}
        for part in text.split(";"):
            kind = " ".join(part.split())
            if kind:
                seen.setdefault(kind.lower(), kind)
        return tuple(seen.values())

    def _kinds_changed(self) -> None:
        """Save the table: only reasons whose kinds differ from the defaults are stored."""
        saved = self._settings.get("reason_kinds")
        table: dict[str, tuple[str, ...]] = {}
        if isinstance(saved, dict):
            table = {str(r): tuple(k) for r, k in saved.items() if isinstance(k, list)}
        for reason, edit in self.kind_edits.items():
            kinds = self._split_kinds(edit.text())
            tidy = "; ".join(kinds)
            if tidy != edit.text():
                edit.setText(tidy)
            default = DEFAULT_REASON_KINDS.get(reason)
            if kinds == default or (default is None and not kinds):
                table.pop(reason, None)
            else:
                table[reason] = kinds
        self._save_kinds(table)

    def _save_kinds(self, table: dict[str, tuple[str, ...]]) -> None:
        before = self._settings.get("reason_kinds")
        set_reason_kinds(self._settings, table)
        if self._settings.get("reason_kinds") != before:
            self.saved_note.saved()

    def reset_reason_kinds(self) -> None:
        """Forget the team's changes to the table."""
        self._save_kinds({})
        self.fill_reason_kinds()

    def _reasons_changed(self) -> None:
        lines = [line.strip() for line in self.reasons_edit.toPlainText().splitlines()]
        self._writer.set("referral_reasons", [line for line in lines if line])

    def _stale_changed(self, months: int) -> None:
        self._writer.set("stale_months", months)
        self.stale_months_changed.emit(months)

    def refresh_backups(self) -> None:
        if self._services.on_team_database:
            self.backup_label.setText(
                self.tr("The team database is backed up on its server, not from Link Worker.")
            )
            return
        backups = self._services.backups.backups()
        if not backups:
            text = self.tr("No backups yet. Backups are kept in {folder}.")
        else:
            latest = backups[0]
            text = self.tr("{n} backups in {folder}. Latest: {when}.").format(
                n=len(backups), folder="{folder}", when=latest.made_at.strftime("%d %B %Y %H:%M")
            )
        self.backup_label.setText(text.format(folder=self._services.backups.folder))

    def change_passphrase(self) -> None:
        """Ask for the current passphrase and a new one, then re-encrypt the data and backups."""
        from linkworker.ui.passphrase_dialog import change_passphrase

        try:
            done = change_passphrase(self, self._services.paths, self._services.change_passphrase)
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        if done:
            self.backup_label.setText(
                self.tr("The passphrase was changed; the data and its backups use the new one.")
            )

    def _share_exports(self, shared: bool) -> None:
        self._writer.set("exports_shared_with_group", shared)
        share_exports_with_group(shared)

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.backup_label.setText(self.tr("Backing up…"))

        def done(_path: object) -> None:
            self.backup_button.setEnabled(True)
            self.refresh_backups()

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.refresh_backups()
            if isinstance(exc, UserFacingError):
                show_user_error(self, exc)
            else:
                raise exc

        self._tasks.start(self._services.backups.backup_now, done, failed, writes=True)
