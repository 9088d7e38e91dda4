""" "Letter to GP…" on the person's page, on the real window over a real database: no consent
says why and makes nothing; no practice asks for it (saved on the person) or goes on without
an address; the preview saves the PDF with its JSON beside it and the record notes it."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.people import Consent, EpisodeDraft, GpPractice, PersonDraft
from linkworker.errors import UserFacingError
from linkworker.ui.main_window import Area
from linkworker.ui.people.gp_practice_fields import GpPracticeDialog
from linkworker.ui.printing.preview_dialog import PrintPreviewDialog
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _person(services: Any, *, consent: bool = True) -> uuid.UUID:
    person = services.people.save_person(
        PersonDraft(given_name="Tamsin", family_name="Trelawny", nhs_number="9995752697")
    ).id
    services.episodes.record_referral(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person,
            referral_date=TODAY - dt.timedelta(days=20),
            reasons=("Loneliness",),
            consent_share_gp=Consent(consent, TODAY - dt.timedelta(days=20), "Sam Link"),
            first_contact_on=TODAY - dt.timedelta(days=10),
        )
    )
    return person


def _page(open_window: Any, person: uuid.UUID) -> Any:
    window = open_window()
    window.show_area(Area.PEOPLE)
    page = window.people_page
    page.open_person(person, "gp")
    assert page.gp_widget.letter_button.isEnabled()
    return page


def test_without_consent_it_says_why_and_opens_nothing(
    qtbot: Any, services: Any, laptop_window: Any
) -> None:
    person = _person(services, consent=False)
    page = _page(laptop_window, person)
    told: list[UserFacingError] = []
    opened: list[QWidget] = []
    page.gp_letter.tell = told.append
    page._exec_dialog = opened.append
    qtbot.mouseClick(page.gp_widget.letter_button, Qt.MouseButton.LeftButton)
    assert [e.title for e in told] == ["No consent to share with the GP"]
    assert "not agreed" in told[0].message and opened == []
    assert services.documents.history(person) == ()


def test_no_practice_is_asked_for_then_the_letter_and_its_json_are_saved(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any, laptop_window: Any
) -> None:
    person = _person(services)
    page = _page(laptop_window, person)
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    seen: list[str] = []

    def run(dialog: QWidget) -> bool:
        seen.append(dialog.windowTitle())
        if isinstance(dialog, GpPracticeDialog):
            dialog.rows.name_edit.setText("Canal Side Surgery")
            dialog.rows.ods_edit.setText("8100")
            dialog.save_button.click()
            assert dialog.field_error("gp_practice.ods_code")  # the shape is checked
            dialog.rows.ods_edit.setText("a81001")
            dialog.rows.postcode_edit.setText("ch65 0bs")
            dialog.save_button.click()
            return dialog.saved is not None
        assert isinstance(dialog, PrintPreviewDialog)
        dialog.save_pdf()
        return True

    page._exec_dialog = run
    qtbot.mouseClick(page.gp_widget.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20000)
    assert "Letter to GP for Tamsin Trelawny" in seen[1]
    kept = services.people.get_person(person).draft.gp_practice
    assert kept == GpPractice("Canal Side Surgery", "", "CH65 0BS", "A81001")
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Canal Side Surgery" in text and "Practice code A81001" in text
    data = json.loads(target.with_suffix(".json").read_text("utf-8"))
    assert data["gp_practice"]["ods_code"] == "A81001"
    (record,) = services.documents.history(person)
    assert (record.kind, record.action) == (DocumentKind.GP_LETTER, DocumentAction.SAVED)


def test_no_practice_can_print_without_an_address(
    qtbot: Any, services: Any, laptop_window: Any
) -> None:
    person = _person(services)
    page = _page(laptop_window, person)
    pages: list[int] = []

    def run(dialog: QWidget) -> bool:
        if isinstance(dialog, GpPracticeDialog):
            dialog.without_button.click()
            return True
        assert isinstance(dialog, PrintPreviewDialog) and dialog.document is not None
        pages.append(dialog.document.pageCount())
        return False

    page._exec_dialog = run
    page.gp_widget.letter_button.click()
    qtbot.waitUntil(lambda: bool(pages), timeout=20000)
    assert pages[0] >= 1
    assert services.people.get_person(person).draft.gp_practice == GpPractice()
    assert services.documents.history(person) == ()  # only previewed: nothing printed
