"""People's rights through the real window over a real data folder: a subject access
request from the person's page, erasure asked twice, and the retention review in Settings.
Only the modal dialogs' running and the folder picker are replaced."""

from __future__ import annotations

import datetime as dt
import json
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from rights_helpers import WORDS, Sample, make_sample

from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.domain.rights import years_before
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.erase_dialog import EraseDialog
from linkworker.ui.retention_dialog import RetentionDialog
from tests.data.people_helpers import AGREED
from tests.ui.laptop_window import open_window


@pytest.fixture
def sample(services: Any) -> Sample:
    services.settings.set("welcome_done", True)
    return make_sample(services)


@pytest.fixture
def window(qtbot: Any, services: Any, sample: Sample) -> MainWindow:
    return open_window(qtbot, services)


def _on_person_page(window: MainWindow, person_id: uuid.UUID) -> Any:
    window.open_person(person_id, "story")
    page = window.people_page
    assert page._person_id == person_id
    return page


class Answers:
    """Runs an erase dialog the way a person would: types, presses Erase, answers the second ask."""

    def __init__(self, typed: str, confirm: bool) -> None:
        self.typed = typed
        self.confirm = confirm
        self.seen: list[EraseDialog] = []

    def __call__(self, dialog: QWidget) -> bool:
        assert isinstance(dialog, EraseDialog)
        self.seen.append(dialog)
        dialog.confirm = lambda: self.confirm  # type: ignore[method-assign]
        dialog.name_edit.setText(self.typed)
        if dialog.erase_button.isEnabled():
            dialog.erase_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted


def test_a_subject_access_request_from_the_persons_page(
    qtbot: Any, window: MainWindow, sample: Sample, tmp_path: Path
) -> None:
    page = _on_person_page(window, sample.person_id)
    menu = page.rights_menu
    assert menu.isEnabled()
    folder = tmp_path / "for-bron"
    folder.mkdir()
    told: list[str] = []
    menu.choose_folder = lambda: folder  # type: ignore[method-assign]
    menu.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
    menu.access_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    files = sorted(folder.iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    assert all(str(f) in told[0] for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["person"]["what_matters"] == WORDS["what_matters"]


def test_erasure_needs_both_asks_then_the_page_closes_and_the_caseload_refreshes(
    qtbot: Any, window: MainWindow, services: Any, sample: Sample
) -> None:
    page = _on_person_page(window, sample.person_id)
    wrong = Answers("Bronwen", confirm=True)  # not their whole name, nor ERASE
    page._exec_dialog = wrong  # type: ignore[method-assign]
    page.rights_menu.erase_action.trigger()
    assert not wrong.seen[0].erase_button.isEnabled()
    assert "1 conversation" in wrong.seen[0].counts_label.text()

    one_ask = Answers("bronwen  llewellyn-harcourt", confirm=False)  # the second ask refused
    page._exec_dialog = one_ask  # type: ignore[method-assign]
    page.rights_menu.erase_action.trigger()
    assert one_ask.seen[0].erase_button.isEnabled() and not one_ask.seen[0].erased
    assert services.people.find_by_nhs_number(sample.nhs_number) is not None

    both = Answers("ERASE", confirm=True)
    page._exec_dialog = both  # type: ignore[method-assign]
    page.rights_menu.erase_action.trigger()
    assert both.seen[0].erased
    assert services.people.find_by_nhs_number(sample.nhs_number) is None
    assert page._person_id is None and not page.rights_menu.isEnabled()
    assert page.model.row_of(sample.person_id) < 0
    assert services.people.find_by_nhs_number(sample.other_nhs_number) is not None


def _old_closed(services: Any, given: str, closed_years: int) -> uuid.UUID:
    today = dt.date.today()
    pid = services.people.save_person(PersonDraft(given_name=given, family_name="Prys")).id
    services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=pid,
            referral_date=years_before(today, closed_years + 1),
            status=EpisodeStatus.CLOSED,
            closed_on=years_before(today, closed_years),
            closing_reason=ClosingReason.MOVED,
        )
    )
    return pid


def test_settings_keeps_the_years_and_reviews_records_past_them(
    qtbot: Any, window: MainWindow, services: Any, sample: Sample
) -> None:
    olwen = _old_closed(services, "Olwen", 10)
    _old_closed(services, "Dewi", 7)
    window.show_area(Area.PEOPLE)
    window.people_page.open_person(olwen)
    window.show_area(Area.SETTINGS)
    settings = window.settings_page
    assert settings.retention_spin.value() == 8
    seen: list[RetentionDialog] = []
    erase = Answers("Olwen Prys", confirm=True)

    def run(dialog: QWidget) -> bool:
        if isinstance(dialog, RetentionDialog):
            seen.append(dialog)
            assert [c.name for c in dialog.model.cases] == ["Olwen Prys"]
            assert dialog.model.data(dialog.model.index(0, 2)) == "10"
            dialog.erase_chosen()
            return False
        return erase(dialog)

    settings.run_dialog = run  # type: ignore[method-assign]
    settings.retention_button.click()
    assert seen and seen[0].erased == [olwen]
    assert "No one's last referral" in seen[0].intro.text()
    assert services.rights.retention_due() == []
    assert window.people_page._person_id is None  # their page closed

    settings.retention_spin.setValue(6)  # Dewi's closed seven years ago
    assert services.settings.get("retention_years") == 6
    assert [c.name for c in services.rights.retention_due()] == ["Dewi Prys"]
