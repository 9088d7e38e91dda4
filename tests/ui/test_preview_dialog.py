"""The print preview over the real renderers and the real document service."""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from linkworker.domain.documents import DocumentAction
from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.domain.plan import GoalDraft, GoalStep
from linkworker.errors import UserFacingError
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.printing import preview_dialog
from linkworker.ui.printing.pdf_output import safe_file_name
from linkworker.ui.printing.preview_dialog import PrintPreviewDialog
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED

GOALS = (
    "Get back to my allotment",
    "Have someone to talk to most days",
    "Sleep better",
    "Sort out my bills",
)


@pytest.fixture
def peggy(services: Any) -> Any:
    """Someone with a plan: one page in standard print, two in large print."""
    person = services.people.save_person(
        PersonDraft(
            given_name="Peggy",
            family_name="Oyelaran",
            what_matters="Getting out of the house and seeing people again",
            strengths=("Baking", "Knitting"),
        )
    )
    services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=dt.date.today())
    )
    episode_id = services.plans.current_episode_id(person.id)
    for position, words in enumerate(GOALS):
        services.plans.save_goal(
            GoalDraft(
                episode_id=episode_id,
                words=words,
                position=position,
                steps=(GoalStep("Ring the allotment society"), GoalStep("Find my gloves")),
            )
        )
    return person


class Done:
    """Records what on_done was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[DocumentAction, PrintOptions]] = []

    def __call__(self, action: DocumentAction, options: PrintOptions) -> None:
        self.calls.append((action, options))


@pytest.fixture
def done() -> Done:
    return Done()


def _open(
    qtbot: Any, services: Any, person: Any, tasks: Tasks, done: Done, **kw: Any
) -> PrintPreviewDialog:
    def render(options: PrintOptions) -> bytes:
        return bytes(services.documents.plan_pdf(person.id, options))

    kw.setdefault("render", render)
    dialog = PrintPreviewDialog(
        title="My plan for Peggy Oyelaran",
        options=kw.pop("options", PrintOptions()),
        tasks=tasks,
        on_done=done,
        suggested_name="My plan - Peggy Oyelaran",
        **kw,
    )
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def dialog(qtbot: Any, services: Any, peggy: Any, tasks: Tasks, done: Done) -> PrintPreviewDialog:
    made = _open(qtbot, services, peggy, tasks, done)
    qtbot.waitUntil(lambda: made.document is not None and not made.busy, timeout=5000)
    made.show()
    qtbot.waitExposed(made)
    return made


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_preview_shows_every_page(dialog: PrintPreviewDialog) -> None:
    assert dialog.page_count() == 1
    assert dialog.view.document() is dialog.document
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert dialog.page_label.text() == "Page 1 of 1"
    assert dialog.windowTitle() == "Print preview: My plan for Peggy Oyelaran"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.busy_bar.isVisible()


def test_large_print_renders_again_with_more_pages(qtbot: Any, dialog: PrintPreviewDialog) -> None:
    first = dialog.document
    with qtbot.waitSignal(dialog.preview_shown, timeout=5000) as shown:
        dialog.large_print_check.setChecked(True)
        assert dialog.busy and dialog.state_label.text() == "Preparing…"
        assert not dialog.print_button.isEnabled()  # it would print the old version
    assert shown.args == [2]
    assert dialog.document is not first and dialog.view.document() is dialog.document
    assert dialog.view.document().pageCount() == 2
    assert dialog.page_label.text() == "Page 1 of 2"
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert dialog.shown_options == PrintOptions(large_print=True)
    assert dialog.print_button.isEnabled() and not dialog.busy_bar.isVisible()


def test_a_result_overtaken_by_a_later_change_is_ignored(
    qtbot: Any, services: Any, peggy: Any, tasks: Tasks, done: Done, request: Any
) -> None:
    release = threading.Event()
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(threads, 2))  # one is kept waiting below
    request.addfinalizer(lambda: pool.setMaxThreadCount(threads))

    def render(options: PrintOptions) -> bytes:
        if options.large_print:
            release.wait(5)  # the large print version comes back last
        return bytes(services.documents.plan_pdf(peggy.id, options))

    dialog = _open(qtbot, services, peggy, tasks, done, render=render)
    qtbot.waitUntil(lambda: dialog.document is not None and not dialog.busy, timeout=5000)
    dialog.large_print_check.setChecked(True)
    with qtbot.waitSignal(dialog.preview_shown, timeout=5000):
        dialog.large_print_check.setChecked(False)
        dialog.easy_read_check.setChecked(True)
    assert dialog.shown_options == PrintOptions(easy_read=True)
    shown: list[int] = []
    dialog.preview_shown.connect(shown.append)
    release.set()
    tasks.wait()
    qtbot.wait(50)  # let the late result arrive, to be dropped
    assert shown == []
    assert dialog.shown_options == dialog.options() == PrintOptions(easy_read=True)
    assert not dialog.busy


def test_save_writes_the_pdf_and_tells_the_record(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, tmp_path: Path, monkeypatch: Any
) -> None:
    asked: list[str] = []
    target = tmp_path / "saved" / "Peggy's plan"
    target.parent.mkdir()

    def choose(_parent: Any, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    with qtbot.waitSignal(dialog.preview_shown, timeout=5000):
        dialog.large_print_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked and Path(asked[0]).name == "My plan - Peggy Oyelaran.pdf"
    saved = target.with_name("Peggy's plan.pdf")  # ".pdf" added
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]
    text = _pdf_text(saved)
    assert "My plan" in text and "Peggy Oyelaran" in text and "Get back to my allotment" in text
    assert len(pypdf.PdfReader(saved).pages) == 2
    assert done.calls == [(DocumentAction.SAVED, PrintOptions(large_print=True))]
    assert str(saved) in dialog.done_label.text()


def _failing_save(
    qtbot: Any, dialog: PrintPreviewDialog, monkeypatch: Any, target: Path
) -> list[UserFacingError]:
    shown: list[UserFacingError] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    monkeypatch.setattr(preview_dialog, "show_user_error", lambda _p, exc: shown.append(exc))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return shown


def test_no_permission_says_so(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, tmp_path: Path, monkeypatch: Any
) -> None:
    def refuse(*_a: Any, **_kw: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    shown = _failing_save(qtbot, dialog, monkeypatch, tmp_path / "plan.pdf")
    assert [(e.title, e.message) for e in shown] == [
        ("The file could not be saved", f"Link Worker is not allowed to save in {tmp_path}.")
    ]
    assert "Documents" in shown[0].advice
    assert not (tmp_path / "plan.pdf").exists()
    assert done.calls == []


def test_a_full_disk_keeps_the_old_file_and_nothing_half_written(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, tmp_path: Path, monkeypatch: Any
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    old = folder / "plan.pdf"
    old.write_bytes(b"the copy saved last week")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    shown = _failing_save(qtbot, dialog, monkeypatch, old)
    assert [e.message for e in shown] == ["The disk is full, so the PDF was not saved."]
    assert [p.name for p in folder.iterdir()] == ["plan.pdf"]
    assert old.read_bytes() == b"the copy saved last week"
    assert done.calls == []


def _print_to(monkeypatch: Any, out: Path, pages: str = "") -> list[QPrinter]:
    """Accept the print dialog, printing to a PDF file (optionally only some pages)."""
    printers: list[QPrinter] = []

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        if pages:
            from PySide6.QtGui import QPageRanges

            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setPageRanges(QPageRanges.fromString(pages))
        printers.append(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return printers


def test_print_sends_every_page_and_tells_the_record(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "printed.pdf"
    printers = _print_to(monkeypatch, out)
    with qtbot.waitSignal(dialog.preview_shown, timeout=5000):
        dialog.large_print_check.setChecked(True)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printers, "the print dialog was not shown"
    qtbot.waitUntil(lambda: bool(done.calls), timeout=10000)
    assert done.calls == [(DocumentAction.PRINTED, PrintOptions(large_print=True))]
    printed = pypdf.PdfReader(out)
    assert len(printed.pages) == 2 == dialog.page_count()
    for page in printed.pages:  # each page one opaque picture: no transparency for the printer
        (picture,) = page["/Resources"]["/XObject"].values()
        assert picture.get_object()["/Width"] == round(595.28 / 72 * 300)
        assert "/SMask" not in picture.get_object()
    assert dialog.done_label.text() == f"Printed to {out}"
    assert dialog.print_button.isEnabled() and dialog.close_button.isEnabled()


def test_print_honours_the_page_range(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "page-two.pdf"
    _print_to(monkeypatch, out, pages="2")
    with qtbot.waitSignal(dialog.preview_shown, timeout=5000):
        dialog.large_print_check.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done.calls), timeout=10000)
    assert len(pypdf.PdfReader(out).pages) == 1


def test_cancelling_the_print_dialog_records_nothing(
    qtbot: Any, dialog: PrintPreviewDialog, done: Done, monkeypatch: Any
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert done.calls == [] and not dialog.busy


def test_a_rendering_problem_is_shown_and_the_options_go_back(
    qtbot: Any, services: Any, peggy: Any, tasks: Tasks, done: Done, monkeypatch: Any
) -> None:
    def render(options: PrintOptions) -> bytes:
        if options.easy_read:
            raise UserFacingError("The easy read pictures are missing.", "Reinstall.")
        return bytes(services.documents.plan_pdf(peggy.id, options))

    shown: list[UserFacingError] = []
    monkeypatch.setattr(preview_dialog, "show_user_error", lambda _p, exc: shown.append(exc))
    dialog = _open(qtbot, services, peggy, tasks, done, render=render)
    qtbot.waitUntil(lambda: dialog.document is not None and not dialog.busy, timeout=5000)
    dialog.easy_read_check.setChecked(True)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].message == "The easy read pictures are missing."
    assert not dialog.easy_read_check.isChecked()
    assert dialog.options() == dialog.shown_options == PrintOptions()
    assert dialog.print_button.isEnabled()


def test_zoom_keys_and_escape(qtbot: Any, dialog: PrintPreviewDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    fitted = dialog.zoom_factor()
    qtbot.keyClick(dialog, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert dialog.zoom_factor() == pytest.approx(fitted * 1.25)
    assert not dialog.fit_button.isChecked()
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_factor() == pytest.approx(fitted / 1.25)
    qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_control_has_an_accessible_name(dialog: PrintPreviewDialog) -> None:
    from PySide6.QtWidgets import QAbstractButton

    unnamed = [
        type(w).__name__ + ":" + w.text()
        for w in dialog.findChildren(QAbstractButton)
        if not w.accessibleName()
    ]
    assert unnamed == []
    assert dialog.view.accessibleName() == "Preview of My plan for Peggy Oyelaran"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("My plan - Peggy Oyelaran", "My plan - Peggy Oyelaran.pdf"),
        ("Referral: Men's Shed / Grange Road.pdf", "Referral- Men's Shed - Grange Road.pdf"),
        ("  ", "Document.pdf"),
    ],
)
def test_suggested_file_names_are_safe(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_the_pages_load_qtpdf_only_when_printing() -> None:
    """Start-up stays quick: opening the window's pages does not load QtPdf."""
    code = (
        "import sys, linkworker.ui.main_window, linkworker.ui.people.people_page,"
        " linkworker.ui.directory.directory_page, linkworker.ui.settings_page;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtPdf',"
        " 'PySide6.QtPrintSupport', 'reportlab'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_phone_and_email_set_in_settings_are_printed(
    qtbot: Any, services: Any, peggy: Any, tasks: Tasks
) -> None:
    from linkworker.ui.settings_page import SettingsPage

    page = SettingsPage(services, tasks)
    qtbot.addWidget(page)
    for edit, text in (
        (page.name_edit, "Sam Jones"),
        (page.phone_edit, " 0151 496 0123 "),
        (page.email_edit, "sam.jones@example.org"),
    ):
        edit.setText(text)
        edit.editingFinished.emit()
    assert services.settings.get("user_phone") == "0151 496 0123"
    assert page.email_edit.accessibleName() == "Your work email"
    path = Path(services.paths.data_dir) / "plan.pdf"
    path.write_bytes(services.documents.plan_pdf(peggy.id))
    text = _pdf_text(path)
    assert "0151 496 0123" in text and "sam.jones@example.org" in text
