"""What suits them: the form over a person's match preferences, saved for real."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import (
    FreeTime,
    JoinPreference,
    MatchPreferences,
    PartOfDay,
    TravelRange,
)
from linkworker.domain.people import PersonDraft
from linkworker.ui.people.preferences_dialog import PreferencesDialog

KINDS = ("Befriending", "Gardening", "Peer support", "Walking and exercise")


def _person(services: Any) -> Any:
    return services.people.save_person(PersonDraft(given_name="Idris", family_name="Rowlands"))


def _open(qtbot: Any, services: Any, person: Any) -> PreferencesDialog:
    def save(chosen: MatchPreferences) -> None:
        services.matching.save_preferences(person.id, chosen)

    dialog = PreferencesDialog(
        save, services.matching.preferences(person.id), KINDS, "Idris Rowlands"
    )
    qtbot.addWidget(dialog)
    dialog._confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_a_week_of_mornings_afternoons_and_evenings(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, _person(services))
    assert dialog.windowTitle() == "What suits Idris Rowlands"
    assert len(dialog.time_checks) == 21
    names = [c.accessibleName() for c in dialog.time_checks.values()]
    assert "Free on Monday morning" in names and "Free on Sunday evening" in names
    assert not any(c.isChecked() for c in dialog.time_checks.values())
    assert dialog.cost_combo.currentText() == "Not asked yet"
    qtbot.mouseClick(dialog.weekdays_button, Qt.MouseButton.LeftButton)
    ticked = sorted(f for f, c in dialog.time_checks.items() if c.isChecked())
    assert len(ticked) == 10 and all(f.part is not PartOfDay.EVENING for f in ticked)
    qtbot.mouseClick(dialog.clear_times_button, Qt.MouseButton.LeftButton)
    assert not any(c.isChecked() for c in dialog.time_checks.values())


def test_what_suits_them_is_saved_and_shown_again(qtbot: Any, services: Any) -> None:
    person = _person(services)
    dialog = _open(qtbot, services, person)
    dialog.time_checks[FreeTime(Day.TUESDAY, PartOfDay.MORNING)].setChecked(True)
    dialog.time_checks[FreeTime(Day.FRIDAY, PartOfDay.EVENING)].setChecked(True)
    _choose(dialog.cost_combo, "Free or low cost")
    _choose(dialog.join_combo, "Would like someone to go with them the first time")
    _choose(dialog.travel_combo, "Walking distance")
    dialog.kind_checks["Peer support"].setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    expected = MatchPreferences(
        free_times=(
            FreeTime(Day.TUESDAY, PartOfDay.MORNING),
            FreeTime(Day.FRIDAY, PartOfDay.EVENING),
        ),
        cost_limit=Cost.LOW_COST,
        join=JoinPreference.WITH_SOMEONE,
        travel=TravelRange.WALKING,
        avoid_categories=("Peer support",),
    )
    assert services.matching.preferences(person.id) == expected

    again = _open(qtbot, services, person)
    assert again.preferences() == expected
    assert again.time_checks[FreeTime(Day.TUESDAY, PartOfDay.MORNING)].isChecked()
    assert again.travel_combo.currentText() == "Walking distance"
    assert again.kind_checks["Peer support"].isChecked()
    assert not again.is_dirty()


def test_a_kind_no_longer_in_the_directory_is_kept(qtbot: Any, services: Any) -> None:
    person = _person(services)
    services.matching.save_preferences(
        person.id, MatchPreferences(avoid_categories=("Bingo",), cost_limit=Cost.FREE)
    )
    dialog = _open(qtbot, services, person)
    assert list(dialog.kind_checks) == [*KINDS, "Bingo"]
    assert dialog.kind_checks["Bingo"].isChecked()
    assert dialog.cost_combo.currentText() == "Only free things"
    _choose(dialog.cost_combo, "Not asked yet")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.matching.preferences(person.id) == MatchPreferences(avoid_categories=("Bingo",))
