"""Importing a spreadsheet: preview, every problem with its line, then all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.errors import UserFacingError
from linkworker.services.csv_reading import RowProblem
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_csv import import_directory_csv, read_directory_csv
from linkworker.services.people import PeopleService
from linkworker.services.people_csv import (
    PeopleCsvPreview,
    check_against_caseload,
    import_people_csv,
    read_people_csv,
)
from linkworker.ui.keyboard import tab_leaves
from linkworker.ui.workers import Tasks


class Preview(Protocol):
    """What an importer's read step returns (directory and people previews both fit)."""

    @property
    def problems(self) -> Sequence[RowProblem]: ...

    @property
    def duplicates(self) -> Sequence[RowProblem]: ...

    @property
    def warnings(self) -> Sequence[str]: ...

    @property
    def rows_read(self) -> int: ...

    @property
    def ok(self) -> bool: ...


class SpreadsheetImportDialog(QDialog):
    """Reads the file in the background, shows what it found, imports only if all is well.

    ``read(path)`` checks the file without saving; ``count(preview)`` is how many
    records it would add; ``commit(preview, progress)`` adds them all or none;
    ``check(preview)`` (optional, run in the background too) lists rows that may
    already be held. ``noun`` is the plural shown to the user ("assets", "people").
    ``found(preview)`` (optional) gives a sentence for the summary and rows that do
    not stop the import but are worth reading, each with a word saying what kind.
    """

    def __init__(
        self,
        tasks: Tasks,
        path: Path,
        read: Callable[[Path], Any],
        count: Callable[[Any], int],
        commit: Callable[[Any, Callable[[int, int], None]], int],
        noun: str,
        check: Callable[[Any], Sequence[RowProblem]] | None = None,
        parent: QWidget | None = None,
        found: Callable[[Any], tuple[str, Sequence[tuple[str, RowProblem]]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._path = path
        self._count = count
        self._commit = commit
        self._noun = noun
        self._found = found
        self.preview: Any = None
        self.imported = 0
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.setMinimumSize(640, 420)

        self.summary = QLabel(self.tr("Reading {name}…").format(name=path.name))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Import summary"))
        self.problem_model = QStandardItemModel(0, 2, self)
        self.problem_model.setHorizontalHeaderLabels([self.tr("Line"), self.tr("What was found")])
        self.problems = tab_leaves(QTableView())
        self.problems.setModel(self.problem_model)
        self.problems.setAccessibleName(self.tr("Problems found in the file"))
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setRange(0, 0)

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.setAccessibleName(self.tr("Import"))
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        def read_and_check() -> tuple[Any, Sequence[RowProblem]]:
            preview = read(path)
            held = check(preview) if check is not None and preview.ok else ()
            return preview, held

        self._tasks.start(read_and_check, self._previewed, self._failed)

    def _previewed(self, result: tuple[Preview, Sequence[RowProblem]]) -> None:
        preview, held = result
        self.preview = preview
        self.progress.hide()
        for problem in (*preview.problems, *preview.duplicates, *held):
            self._add_problem(str(problem.line), problem.message)
        for warning in preview.warnings:
            self._add_problem("", warning)
        said, noted = self._found(preview) if self._found is not None else ("", ())
        for kind, note in noted:
            self._add_problem(str(note.line), f"{kind}: {note.message}")
        self.problems.resizeRowsToContents()
        count = self._count(preview)
        read = self.tr("Read {rows} rows from {name}.").format(
            rows=preview.rows_read, name=self._path.name
        )
        if preview.problems:
            self.summary.setText(
                read
                + " "
                + self.tr(
                    "{n} rows need correcting. Nothing will be imported until they are: correct "
                    "them in your spreadsheet, save it, and import it again."
                ).format(n=len(preview.problems))
            )
        elif count == 0:
            self.summary.setText(read + " " + self.tr("There is nothing in it to import."))
        else:
            self.summary.setText(
                read
                + " "
                + self.tr("{n} {noun} are ready to import.").format(n=count, noun=self._noun)
                + (" " + said if said else "")
            )
            self.import_button.setText(
                self.tr("Import {n} {noun}").format(n=count, noun=self._noun)
            )
            self.import_button.setEnabled(True)
            self.import_button.setFocus()
        self.problems.setVisible(self.problem_model.rowCount() > 0)

    def _add_problem(self, line: str, message: str) -> None:
        self.problem_model.appendRow([QStandardItem(line), QStandardItem(message)])

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.import_button.setEnabled(False)
        if not isinstance(exc, UserFacingError):
            raise exc
        self.summary.setText(f"{exc.message}\n{exc.advice}".strip())
        self.problems.hide()

    def _import(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok:
            return
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(self.tr("Importing…"))

        def progress(done: int, total: int) -> None:
            self.progress.setValue(int(100 * done / max(total, 1)))

        self._tasks.start(
            lambda report: self._commit(preview, report),
            self._imported,
            self._import_failed,
            on_progress=progress,
            writes=True,
        )

    def _imported(self, count: int) -> None:
        self.imported = count
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(True)
        self._failed(exc)
        self.summary.setText(self.summary.text() + "\n" + self.tr("Nothing was imported."))


class DirectoryImportDialog(SpreadsheetImportDialog):
    """Import community assets from a CSV or XLSX file."""

    def __init__(
        self, directory: DirectoryService, tasks: Tasks, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            tasks,
            path,
            read=read_directory_csv,
            count=lambda preview: len(preview.drafts),
            commit=lambda preview, report: import_directory_csv(directory, preview, report),
            noun="assets",
            parent=parent,
        )


class PeopleImportDialog(SpreadsheetImportDialog):
    """Import a caseload (people and their referrals) from a CSV or XLSX file."""

    def __init__(
        self, people: PeopleService, tasks: Tasks, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            tasks,
            path,
            read=read_people_csv,
            count=lambda preview: len(preview.rows),
            commit=lambda preview, report: import_people_csv(people, preview, report),
            noun="people",
            check=lambda preview: check_against_caseload(preview, people),
            parent=parent,
            found=self._found_in,
        )

    def _found_in(self, preview: PeopleCsvPreview) -> tuple[str, list[tuple[str, RowProblem]]]:
        """What was kept as written, what disagrees and what came with no date."""
        said: list[str] = []
        if preview.to_confirm:
            said.append(
                self.tr(
                    "Words in {n} rows are kept as written, with what Link Worker read in them: "
                    "confirm them on each person's page."
                ).format(n=len(preview.to_confirm))
            )
        if preview.conflicts:
            said.append(
                self.tr("{n} rows say things that disagree; you decide which is right.").format(
                    n=len(preview.conflicts)
                )
            )
        if preview.undated == 1:
            said.append(
                self.tr(
                    "1 referral has no date: it comes in marked “date unknown”, for you to "
                    "add the date (Today lists it)."
                )
            )
        elif preview.undated:
            said.append(
                self.tr(
                    "{n} referrals have no date: they come in marked “date unknown”, for you "
                    "to add the date (Today lists them)."
                ).format(n=preview.undated)
            )
        undated = [
            RowProblem(line, self.tr("a referral with no date, kept for you to add the date"))
            for line, extra in zip(preview.lines, preview.extras, strict=False)
            if extra.undated is not None
        ]
        noted = (
            [(self.tr("Disagrees"), p) for p in preview.conflicts]
            + [(self.tr("Date unknown"), p) for p in undated]
            + [(self.tr("Kept as written"), p) for p in preview.to_confirm]
        )
        return " ".join(said), sorted(noted, key=lambda kind_note: kind_note[1].line)
