"""How the Open Referral import looks: where from (a source, its name, sources imported
before), what the check found, the progress with Cancel, the report, and Check, Import
and Close. What it does is in exchange_dialog.py.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.ui.directory.import_report_view import ImportReportView


class ExchangeLayout(QDialog):
    """The controls of the import and their order; :class:`OpenReferralImportDialog` wires
    them up."""

    # Building --------------------------------------------------------------

    def _build(self) -> None:
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(
            self.tr("A JSON file, a zip, a folder, or a feed address (https://…)")
        )
        self.source_edit.setAccessibleName(self.tr("Source: file, folder or feed address"))
        self.source_edit.setClearButtonEnabled(True)
        for clear in self.source_edit.findChildren(QToolButton):
            clear.setAccessibleName(self.tr("Clear the source"))
        self.file_button = QPushButton(self.tr("Choose &file…"))
        self.file_button.setAccessibleName(self.tr("Choose file: JSON or zip (Ctrl+O)"))
        self.file_button.setToolTip(self.tr("Choose a JSON or zip file (Ctrl+O)"))
        self.folder_button = QPushButton(self.tr("Choose f&older…"))
        self.folder_button.setAccessibleName(self.tr("Choose folder of JSON pages or CSV tables"))
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.file_button)
        source_row.addWidget(self.folder_button)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(
            self.tr("Optional: what to call this source (otherwise the file or site name)")
        )
        self.name_edit.setAccessibleName(self.tr("Name for this source (optional)"))
        self.full_check = QCheckBox(self.tr("Read the &whole feed again"))
        self.full_check.setAccessibleName(self.tr("Read the whole feed again"))
        self.full_check.setToolTip(
            self.tr(
                "A feed imported before is asked only for what changed since. Tick this to "
                "read all of it, so listings it no longer has are marked withdrawn."
            )
        )
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.full_check)

        self.sources_combo = QComboBox()
        self.sources_combo.setAccessibleName(self.tr("Sources imported before"))
        self.sources_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sources_combo.setMinimumContentsLength(40)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh: check the chosen source again"))
        self.refresh_button.setToolTip(self.tr("Check the chosen source again"))
        self.sources_row = QWidget()
        sources_layout = QHBoxLayout(self.sources_row)
        sources_layout.setContentsMargins(0, 0, 0, 0)
        sources_layout.addWidget(self.sources_combo, 1)
        sources_layout.addWidget(self.refresh_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        source_label = QLabel(self.tr("&Source:"))
        source_label.setBuddy(self.source_edit)
        form.addRow(source_label, source_row)
        name_label = QLabel(self.tr("Na&me:"))
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, name_row)
        self.sources_label = QLabel(self.tr("Imported &before:"))
        self.sources_label.setBuddy(self.sources_combo)
        form.addRow(self.sources_label, self.sources_row)
        where = QGroupBox(self.tr("Where from"))
        where.setLayout(form)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(self.tr("What the check found"))
        self.summary.setStyleSheet("font-weight:600")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("About the source"))

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Reading… 100%"))
        self.progress_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.progress_label.setAccessibleName(self.tr("Progress in words"))
        self.cancel_button = QPushButton(self.tr("Cance&l"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the check or import"))
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.cancel_button)

        self.report_view = ImportReportView()

        self.buttons = QDialogButtonBox()
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setAccessibleName(
            self.tr("Check the source: see what would change, nothing is saved")
        )
        self.check_button.setToolTip(self.tr("See what would change; nothing is saved"))
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setAccessibleName(self.tr("Import"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.report_view, 1)
        layout.addLayout(bottom)

        order = [
            self.source_edit,
            self.file_button,
            self.folder_button,
            self.name_edit,
            self.full_check,
            self.sources_combo,
            self.refresh_button,
            self.cancel_button,
            self.report_view,
            self.check_button,
            self.import_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
