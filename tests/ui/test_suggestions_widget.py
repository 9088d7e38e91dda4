"""The Suggestions tab over real matching: reasons, adding to the plan, pinning, setting aside,
what suits them, and searching the whole directory."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.matching import MatchPreferences
from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.domain.plan import ReferralStatus
from linkworker.ui.people.set_aside_dialog import SetAsideDialog
from linkworker.ui.people.suggestion_model import CONCERN, HTML_ROLE
from linkworker.ui.people.suggestions_widget import SuggestionsWidget
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _at(day: Day, hour: int) -> tuple[OpeningTime, ...]:
    return (OpeningTime(day=day, starts=dt.time(hour), ends=dt.time(hour + 2)),)


def _place(postcode: str) -> tuple[Location, ...]:
    return (Location(name="", address="", town="Ellesmere Port", postcode=postcode),)


ASSETS = (
    AssetDraft(
        name="Grange Road Allotments",
        organisation="Grange Growers",
        description="Shared allotment plots with tools, seeds and a cup of tea.",
        categories=("Gardening",),
        tags=("allotment", "gardening", "outdoors"),
        opening_times=_at(Day.TUESDAY, 10),
        locations=_place("CH65 2AB"),
        last_verified_on=TODAY,
    ),
    AssetDraft(
        name="Friendship Cafe",
        organisation="Whitby Methodist Church",
        description="A warm drop-in cafe to meet people and have some company.",
        categories=("Community cafe",),
        tags=("cafe", "company", "loneliness"),
        opening_times=_at(Day.WEDNESDAY, 14),
        locations=_place("CH65 4AA"),
        last_verified_on=TODAY,
    ),
    AssetDraft(
        name="Park Volunteers",
        description="Help keep the park gardens tidy; no experience needed.",
        categories=("Volunteering", "Gardening"),
        tags=("volunteering", "gardening", "outdoors"),
        opening_times=_at(Day.THURSDAY, 9),
        locations=_place("CH65 2AB"),
        last_verified_on=TODAY,
    ),
    AssetDraft(
        name="Riverside Walking Group",
        description="Gentle walks by the river for all abilities.",
        categories=("Walking and exercise",),
        tags=("walking", "outdoors"),
        cost=Cost.PAID,
        cost_note="£3 a walk",
        opening_times=_at(Day.MONDAY, 10),
        locations=_place("CH66 1XY"),
        last_verified_on=TODAY - dt.timedelta(days=800),
    ),
    AssetDraft(
        name="Knit and Natter",
        description="Knitting, crochet and a chat.",
        categories=("Arts and crafts",),
        tags=("knitting", "company"),
        status=AssetStatus.CLOSED,
        locations=_place("CH65 2AB"),
        last_verified_on=TODAY,
    ),
    AssetDraft(
        name="Debt Advice Clinic",
        description="Free, confidential help with debt and benefits.",
        categories=("Advice",),
        tags=("debt", "benefits", "money"),
        join_mode=JoinMode.REFERRAL,
        locations=_place("CH65 0AA"),
        last_verified_on=TODAY,
    ),
)


@pytest.fixture
def person(services: Any) -> Any:
    for draft in ASSETS:
        services.directory.save(draft)
    mo = services.people.save_person(
        PersonDraft(
            given_name="Maureen",
            family_name="Oakes",
            preferred_name="Mo",
            postcode="CH65 2AB",
            what_matters="Getting back to my allotment, and some company",
            interests=("Gardening",),
            strengths=("Baking",),
        )
    )
    services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=mo.id,
            referral_date=TODAY - dt.timedelta(days=10),
            reasons=("Loneliness",),
        )
    )
    return mo


@pytest.fixture
def widget(qtbot: Any, services: Any) -> SuggestionsWidget:
    suggestions = SuggestionsWidget(
        services.matching, services.plans, services.directory, lambda: "Sam"
    )
    qtbot.addWidget(suggestions)
    suggestions.resize(620, 760)
    suggestions.show()
    qtbot.waitExposed(suggestions)
    return suggestions


def _names(widget: SuggestionsWidget) -> list[str]:
    return [widget.model.row_data(r).name for r in range(widget.model.rowCount())]


def _text(widget: SuggestionsWidget, name: str) -> str:
    row = _names(widget).index(name)
    return str(widget.model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))


def _select(widget: SuggestionsWidget, name: str) -> None:
    row = _names(widget).index(name)
    widget.view.setCurrentIndex(widget.model.index(row, 0))


def test_nobody_chosen(widget: SuggestionsWidget) -> None:
    assert widget.empty_label.text() == "Choose someone to see suggestions."
    assert not widget.search_edit.isEnabled()
    assert not widget.add_button.isEnabled()


def test_suggestions_come_ranked_with_reasons_and_concerns(
    widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    widget.show_person(person.id, "Mo Oakes")
    result = services.matching.suggest(person.id)
    assert widget.heading.text() == "Suggestions for Mo Oakes"
    assert _names(widget) == [s.name for s in result.suggestions]
    assert "Grange Road Allotments" in _names(widget)
    assert "Knit and Natter" not in _names(widget)  # closed
    for suggestion in result.suggestions:
        text = _text(widget, suggestion.name)
        for reason in suggestion.reasons:
            assert reason in text
        for concern in suggestion.concerns:
            assert f"To check: {concern}" in text
    allotment = next(s for s in result.suggestions if s.name == "Grange Road Allotments")
    assert allotment.reasons, "the allotment should come with a reason in plain words"
    assert "Tue" in _text(widget, "Grange Road Allotments")
    concerned = [s for s in result.suggestions if s.concerns]
    assert concerned, "the walk not checked for two years should carry a concern"
    row = _names(widget).index(concerned[0].name)
    html = widget.model.index(row, 0).data(HTML_ROLE)
    assert f"color:{CONCERN}" in html and "⚠" in html
    giving = [s for s in result.suggestions if s.giving]
    assert giving and "A way to give" in _text(widget, giving[0].name)
    left_out = ", ".join(f"{n} {reason}" for reason, n in result.left_out if n)
    assert left_out and widget.left_out_label.text().startswith(f"Left out: {left_out}.")
    assert widget.left_out_label.isVisible()
    # Each listing left out, and why, on request.
    assert '<a href="which">Show which</a>' in widget.left_out_label.text()
    assert widget.left_out_list.isHidden()
    widget.left_out_label.linkActivated.emit("which")
    assert not widget.left_out_list.isHidden()
    assert "Hide" in widget.left_out_label.text()
    for gone in result.left_out_assets:
        assert f"• {gone.name}: {gone.reason}" in widget.left_out_list.text()
    widget.toggle_left_out()
    assert widget.left_out_list.isHidden()
    if result.hints:
        for hint in result.hints:
            assert hint in widget.hints_label.text()


def test_what_would_improve_suggestions_is_said(
    widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    quiet = services.people.save_person(PersonDraft(given_name="Dee", family_name="Ashworth"))
    services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=quiet.id, referral_date=TODAY)
    )
    widget.show_person(quiet.id, "Dee Ashworth")
    result = services.matching.suggest(quiet.id)
    assert result.hints
    assert widget.hints_label.isVisible()
    assert widget.hints_label.text().startswith("To find better matches:")
    for hint in result.hints:
        assert f"• {hint}" in widget.hints_label.text()


def test_adding_a_suggestion_to_the_plan(
    qtbot: Any, widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    widget.show_person(person.id, "Mo Oakes")
    _select(widget, "Grange Road Allotments")
    assert widget.add_button.isEnabled()
    with qtbot.waitSignal(widget.plan_changed, timeout=1000):
        widget.add_action.trigger()
    (referral,) = services.plans.plan_for_person(person.id).referrals
    assert referral.asset_name == "Grange Road Allotments"
    assert [(c.status, c.on, c.recorded_by) for c in referral.history] == [
        (ReferralStatus.AGREED, TODAY, "Sam")
    ]
    assert "In the plan" in _text(widget, "Grange Road Allotments")
    assert widget.selected_row() is not None
    assert widget.selected_row().name == "Grange Road Allotments"  # type: ignore[union-attr]
    assert not widget.add_button.isEnabled()
    assert widget.add_button.toolTip() == "Already in their plan"

    _select(widget, "Friendship Cafe")
    later = widget.add_button.menu().actions()[1]
    assert later.text() == "Add: to think about"
    later.trigger()
    statuses = {
        r.asset_name: r.history[-1].status
        for r in services.plans.plan_for_person(person.id).referrals
    }
    assert statuses == {
        "Grange Road Allotments": ReferralStatus.AGREED,
        "Friendship Cafe": ReferralStatus.SUGGESTED,
    }


def test_without_a_referral_nothing_can_be_added(
    widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    dee = services.people.save_person(PersonDraft(given_name="Dee", family_name="Ashworth"))
    widget.show_person(dee.id)
    assert widget.model.rowCount() > 0  # suggestions still help the conversation
    assert not widget.add_button.isEnabled()
    assert widget.add_button.toolTip() == "Record a referral first: a plan belongs to one."


def test_pinning_puts_a_suggestion_first(
    qtbot: Any, widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    widget.show_person(person.id, "Mo Oakes")
    last = _names(widget)[-1]
    _select(widget, last)
    assert widget.pin_button.text().replace("&", "") == "Pin to top"
    qtbot.mouseClick(widget.pin_button, Qt.MouseButton.LeftButton)
    assert _names(widget)[0] == last
    assert "Pinned" in _text(widget, last)
    assert "★" in widget.model.index(0, 0).data(HTML_ROLE)
    assert widget.selected_row().name == last  # type: ignore[union-attr]
    assert widget.pin_button.text().replace("&", "") == "Unpin"
    qtbot.mouseClick(widget.pin_button, Qt.MouseButton.LeftButton)
    assert "Pinned" not in _text(widget, last)


def test_setting_aside_and_bringing_back(
    qtbot: Any, widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    widget.show_person(person.id, "Mo Oakes")
    assert not widget.set_aside_button.isEnabled()
    asked: list[str] = []

    def reason(name: str) -> str:
        asked.append(name)
        return "Tried it last year; too noisy"

    widget._ask_reason = reason  # type: ignore[method-assign]
    _select(widget, "Friendship Cafe")
    qtbot.mouseClick(widget.dismiss_button, Qt.MouseButton.LeftButton)
    assert asked == ["Friendship Cafe"]
    assert "Friendship Cafe" not in _names(widget)
    assert widget.set_aside_button.text().replace("&", "") == "Set aside (1)…"
    (dismissal,) = services.matching.dismissed(person.id)
    assert dismissal.reason == "Tried it last year; too noisy"

    widget._ask_reason = lambda name: None  # type: ignore[method-assign]
    _select(widget, _names(widget)[0])
    qtbot.mouseClick(widget.dismiss_button, Qt.MouseButton.LeftButton)
    assert len(services.matching.dismissed(person.id)) == 1  # cancelled: nothing set aside

    shown: list[str] = []

    def bring_back(dialog: SetAsideDialog) -> bool:
        shown.append(str(dialog.model.index(0, 0).data()))
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.empty_label.isVisibleTo(dialog)
        return False

    widget._exec_dialog = bring_back  # type: ignore[method-assign]
    qtbot.mouseClick(widget.set_aside_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].startswith("Friendship Cafe: “Tried it last year; too noisy”")
    assert services.matching.dismissed(person.id) == ()
    assert "Friendship Cafe" in _names(widget)


def test_searching_the_whole_directory(
    qtbot: Any, widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    from linkworker.domain.directory import DirectoryFilter

    widget.show_person(person.id, "Mo Oakes")
    widget.search_edit.setFocus()
    qtbot.keyClicks(widget.search_edit, "debt")
    qtbot.waitUntil(lambda: "match" in widget.heading.text(), timeout=3000)
    found = services.directory.search(DirectoryFilter(text="debt"), limit=50)
    assert _names(widget) == [r.name for r in found.rows] == ["Debt Advice Clinic"]
    assert widget.heading.text() == "1 listing matches “debt”"
    assert not widget.hints_label.isVisible() and not widget.left_out_label.isVisible()
    assert widget.model.row_data(0).reasons == ()
    _select(widget, "Debt Advice Clinic")
    widget.add_action.trigger()
    names = [r.asset_name for r in services.plans.plan_for_person(person.id).referrals]
    assert names == ["Debt Advice Clinic"]
    assert "In the plan" in _text(widget, "Debt Advice Clinic")

    widget.search_edit.selectAll()
    qtbot.keyClicks(widget.search_edit, "knitting")
    qtbot.waitUntil(lambda: "knitting" in widget.heading.text(), timeout=3000)
    assert "To check: Closed" in _text(widget, "Knit and Natter")

    qtbot.keyClick(widget.search_edit, Qt.Key.Key_Escape)
    assert widget.search_edit.text() == ""
    assert widget.heading.text() == "Suggestions for Mo Oakes"
    assert _names(widget) == [s.name for s in services.matching.suggest(person.id).suggestions]


def test_what_suits_them_changes_the_suggestions(
    qtbot: Any, widget: SuggestionsWidget, services: Any, person: Any
) -> None:
    from linkworker.ui.people.preferences_dialog import PreferencesDialog

    widget.show_person(person.id, "Mo Oakes")
    before = services.matching.suggest(person.id)

    def only_free(dialog: PreferencesDialog) -> bool:
        assert "Gardening" in dialog.kind_checks  # the directory's own kinds
        combo: QComboBox = dialog.cost_combo
        combo.setCurrentIndex(combo.findText("Only free things"))
        dialog.kind_checks["Advice"].setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return True

    widget._exec_dialog = only_free  # type: ignore[method-assign]
    qtbot.mouseClick(widget.preferences_button, Qt.MouseButton.LeftButton)
    preferences = services.matching.preferences(person.id)
    assert preferences == MatchPreferences(cost_limit=Cost.FREE, avoid_categories=("Advice",))
    after = services.matching.suggest(person.id)
    assert after != before
    assert _names(widget) == [s.name for s in after.suggestions]
