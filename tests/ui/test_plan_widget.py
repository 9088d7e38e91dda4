"""The Plan tab over a real database: goals in their words, places chosen, the next contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QComboBox

from linkworker.domain.directory import AssetDraft
from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.domain.plan import (
    AssetReferralDraft,
    GoalDraft,
    GoalStep,
    ReferralStatus,
    StepOwner,
)
from linkworker.printing.snapshots import PrintOptions
from linkworker.ui.people.plan_models import day_text
from linkworker.ui.people.plan_widget import PlanWidget
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
REFERRED = TODAY - dt.timedelta(days=30)


def _person(services: Any, with_referral: bool = True) -> Any:
    person = services.people.save_person(
        PersonDraft(given_name="Maureen", family_name="Oakes", preferred_name="Mo")
    )
    if with_referral:
        services.people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person.id,
                referral_date=REFERRED,
                link_worker="Sam",
            )
        )
    return person


def _episode_id(services: Any, person: Any) -> Any:
    return services.plans.current_episode_id(person.id)


@pytest.fixture
def widget(qtbot: Any, services: Any) -> PlanWidget:
    plan = PlanWidget(services.plans, lambda: "Sam")
    qtbot.addWidget(plan)
    plan.resize(620, 700)
    plan.show()
    qtbot.waitExposed(plan)
    return plan


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _goal_text(widget: PlanWidget, row: int = 0) -> str:
    index = widget.goal_model.index(row, 0)
    return str(widget.goal_model.data(index, Qt.ItemDataRole.AccessibleTextRole))


def _cell(widget: PlanWidget, row: int, column: int) -> str:
    return str(widget.referral_model.index(row, column).data())


def test_nobody_chosen(widget: PlanWidget) -> None:
    assert widget.stack.currentIndex() == 0
    assert widget.nobody_label.text() == "Choose someone to see their plan."


def test_someone_without_a_referral_is_offered_one(
    qtbot: Any, widget: PlanWidget, services: Any
) -> None:
    person = _person(services, with_referral=False)
    widget.show_person(person.id)
    assert widget.plan is None
    assert widget.no_referral_label.isVisible()
    assert "A plan belongs to a referral" in widget.no_referral_label.text()
    assert not widget.add_goal_button.isVisible()
    with qtbot.waitSignal(widget.referral_requested, timeout=1000):
        qtbot.mouseClick(widget.referral_button, Qt.MouseButton.LeftButton)


def test_an_empty_plan_says_what_goes_in_it(widget: PlanWidget, services: Any) -> None:
    person = _person(services)
    widget.show_person(person.id)
    assert widget.goals_empty.isVisible() and not widget.goals_view.isVisible()
    assert widget.goals_empty.text().startswith(
        "No goals yet. Goals are written in the person's words"
    )
    assert widget.referrals_empty.isVisible()
    assert widget.next_contact_label.text() == "Next contact: not planned yet"
    assert widget.add_goal_button.isEnabled()
    assert not widget.edit_goal_button.isEnabled()
    assert not widget.rate_button.isEnabled()
    assert not widget.status_button.isEnabled()


def test_goals_show_their_words_confidence_history_and_steps(
    widget: PlanWidget, services: Any
) -> None:
    person = _person(services)
    episode_id = _episode_id(services, person)
    goal = services.plans.save_goal(
        GoalDraft(
            episode_id=episode_id,
            words="Get back to my allotment",
            steps=(
                GoalStep("Ring the allotment society", done=True),
                GoalStep(
                    "Find my gloves",
                    StepOwner.SOMEONE_ELSE,
                    who_name="my daughter Sarah",
                    by=TODAY + dt.timedelta(days=5),
                ),
            ),
        )
    )
    days = (TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=10), TODAY)
    for score, day in zip((3, 5, 7), days, strict=True):
        services.plans.rate_goal(goal.id, score, day)
    services.plans.save_goal(GoalDraft(episode_id=episode_id, words="Sleep better", position=1))
    widget.show_person(person.id)

    assert widget.goal_model.rowCount() == 2 and widget.goals_view.isVisible()
    text = _goal_text(widget)
    assert text.startswith("“Get back to my allotment”\nWorking on it\nConfidence 3 → 5 → 7")
    assert "Done: Ring the allotment society (Me)" in text
    in_five = TODAY + dt.timedelta(days=5)
    assert f"To do: Find my gloves (my daughter Sarah, by {in_five.day} {in_five:%b})" in text
    tip = widget.goal_model.data(widget.goal_model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    for score, day in zip((3, 5, 7), days, strict=True):
        assert f"{score} on {day_text(day)}" in tip
    html = widget.goal_model.data(widget.goal_model.index(0, 0), Qt.ItemDataRole.UserRole + 2)
    assert "<s>Ring the allotment society</s>" in html
    assert "Confidence not asked yet" in _goal_text(widget, 1)
    # The first goal is chosen, so it can be edited or asked about at once.
    assert widget.selected_goal() is not None and widget.edit_goal_button.isEnabled()


def test_adding_a_goal(qtbot: Any, widget: PlanWidget, services: Any) -> None:
    from linkworker.ui.people.goal_dialog import GoalDialog

    person = _person(services)
    widget.show_person(person.id)

    def fill(dialog: GoalDialog) -> bool:
        assert dialog.windowTitle() == "Add a goal"
        dialog.words_edit.setPlainText("Have someone to talk to most days")
        dialog.confidence.slider.setValue(2)
        dialog.step_rows[0].what_edit.setText("Try the Tuesday cafe")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == GoalDialog.DialogCode.Accepted

    widget._exec_dialog = fill  # type: ignore[method-assign]
    with qtbot.waitSignal(widget.plan_changed, timeout=1000):
        qtbot.mouseClick(widget.add_goal_button, Qt.MouseButton.LeftButton)
    (goal,) = services.plans.plan_for_person(person.id).goals
    assert goal.draft.words == "Have someone to talk to most days"
    assert [r.score for r in goal.ratings] == [2]
    assert widget.goal_model.rowCount() == 1
    assert "Confidence 2 of 10" in _goal_text(widget)
    assert not widget.goals_empty.isVisible()


def test_asking_confidence_again_shows_the_change(
    qtbot: Any, widget: PlanWidget, services: Any
) -> None:
    from linkworker.ui.people.rate_goal_dialog import RateGoalDialog

    person = _person(services)
    episode_id = _episode_id(services, person)
    goal = services.plans.save_goal(GoalDraft(episode_id=episode_id, words="Join a choir"))
    services.plans.rate_goal(goal.id, 4, TODAY - dt.timedelta(days=7))
    widget.show_person(person.id)

    def answer(dialog: RateGoalDialog) -> bool:
        dialog.confidence.slider.setValue(6)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == RateGoalDialog.DialogCode.Accepted

    widget._exec_dialog = answer  # type: ignore[method-assign]
    qtbot.mouseClick(widget.rate_button, Qt.MouseButton.LeftButton)
    ratings = services.plans.plan_for_person(person.id).goals[0].ratings
    assert [(r.score, r.on) for r in ratings] == [(4, TODAY - dt.timedelta(days=7)), (6, TODAY)]
    assert "Confidence 4 → 6" in _goal_text(widget)


def _asset(services: Any, name: str) -> Any:
    return services.directory.save(AssetDraft(name=name, categories=("Community cafe",)))


def test_places_chosen_together_and_updating_one(
    qtbot: Any, widget: PlanWidget, services: Any
) -> None:
    from linkworker.ui.people.asset_referral_dialog import AssetReferralDialog

    person = _person(services)
    episode_id = _episode_id(services, person)
    cafe = _asset(services, "Riverside Community Cafe")
    services.plans.save_referral(
        AssetReferralDraft(
            episode_id=episode_id,
            asset_id=cafe.id,
            status=ReferralStatus.AGREED,
            status_on=TODAY - dt.timedelta(days=3),
            recorded_by="Sam",
        )
    )
    widget.show_person(person.id)
    assert widget.referrals_view.isVisible() and not widget.referrals_empty.isVisible()
    assert _cell(widget, 0, 0) == "Riverside Community Cafe"
    assert _cell(widget, 0, 1) == "Agreed to try"
    assert _cell(widget, 0, 2) == day_text(TODAY - dt.timedelta(days=3))
    assert widget.status_button.isEnabled()

    def update(dialog: AssetReferralDialog) -> bool:
        assert "Agreed to try" in dialog.history_label.text()
        assert not dialog.status_on_edit.isEnabled()  # no change chosen yet
        _choose(dialog.status_combo, "Attended")
        assert dialog.status_on_edit.isEnabled()
        dialog.status_note_edit.setText("Liked the people; going again Thursday")
        dialog.getting_there_edit.setText("The 1 bus from Civic Way")
        dialog.going_with_check.setChecked(True)
        dialog.going_with_edit.setText("Sam (link worker)")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == AssetReferralDialog.DialogCode.Accepted

    widget._exec_dialog = update  # type: ignore[method-assign]
    qtbot.mouseClick(widget.status_button, Qt.MouseButton.LeftButton)
    (referral,) = services.plans.plan_for_person(person.id).referrals
    assert [(c.status, c.note, c.recorded_by) for c in referral.history] == [
        (ReferralStatus.AGREED, "", "Sam"),
        (ReferralStatus.ATTENDED, "Liked the people; going again Thursday", "Sam"),
    ]
    assert referral.draft.getting_there == "The 1 bus from Civic Way"
    assert referral.draft.going_with_someone and referral.draft.going_with == "Sam (link worker)"
    assert _cell(widget, 0, 1) == "Attended"
    assert _cell(widget, 0, 2) == day_text(TODAY)
    assert _cell(widget, 0, 3) == "The 1 bus from Civic Way; with Sam (link worker)"


def test_places_sort_by_a_clicked_heading_and_keep_the_chosen_one(
    qtbot: Any, widget: PlanWidget, services: Any
) -> None:
    person = _person(services)
    episode_id = _episode_id(services, person)
    for name, status, days in (
        ("Riverside Community Cafe", ReferralStatus.ATTENDED, 9),
        ("Allotment Society", ReferralStatus.AGREED, 2),
        ("Men's Shed", ReferralStatus.REFERRED, 5),
    ):
        services.plans.save_referral(
            AssetReferralDraft(
                episode_id=episode_id,
                asset_id=_asset(services, name).id,
                status=status,
                status_on=TODAY - dt.timedelta(days=days),
            )
        )
    widget.show_person(person.id)
    given = [_cell(widget, row, 0) for row in range(3)]
    assert given == ["Riverside Community Cafe", "Allotment Society", "Men's Shed"]
    widget.referrals_view.selectRow(2)
    header = widget.referrals_view.horizontalHeader()

    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().topLeft() + QPoint(5, 5)
    )
    assert [_cell(widget, row, 0) for row in range(3)] == sorted(given)
    assert widget.selected_referral().asset_name == "Men's Shed"  # type: ignore[union-attr]
    assert header.isSortIndicatorShown()

    widget.referral_model.sort(2, Qt.SortOrder.DescendingOrder)  # "Since", newest first
    assert [_cell(widget, row, 0) for row in range(3)] == [
        "Allotment Society",
        "Men's Shed",
        "Riverside Community Cafe",
    ]
    index = widget.referral_model.index(0, 1)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == index.data() == "Agreed to try"
    widget.refresh()  # read again: the order chosen stays
    assert _cell(widget, 0, 0) == "Allotment Society"


def test_a_status_change_before_the_last_one_is_shown_beside_the_date(
    qtbot: Any, widget: PlanWidget, services: Any
) -> None:
    from linkworker.ui.people.asset_referral_dialog import AssetReferralDialog

    person = _person(services)
    episode_id = _episode_id(services, person)
    cafe = _asset(services, "Riverside Community Cafe")
    services.plans.save_referral(
        AssetReferralDraft(episode_id=episode_id, asset_id=cafe.id, status_on=TODAY)
    )
    widget.show_person(person.id)
    seen: list[str] = []

    def update(dialog: AssetReferralDialog) -> bool:
        _choose(dialog.status_combo, "Declined")
        earlier = TODAY - dt.timedelta(days=2)
        dialog.status_on_edit.setDate(QDate(earlier.year, earlier.month, earlier.day))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.field_error("status_on"))
        return dialog.result() == AssetReferralDialog.DialogCode.Accepted

    widget._exec_dialog = update  # type: ignore[method-assign]
    widget.update_status()
    assert seen and "before the last one" in seen[0]
    (referral,) = services.plans.plan_for_person(person.id).referrals
    assert [c.status for c in referral.history] == [ReferralStatus.SUGGESTED]


def test_setting_the_next_contact(qtbot: Any, widget: PlanWidget, services: Any) -> None:
    from linkworker.ui.people.next_contact_dialog import NextContactDialog

    person = _person(services)
    widget.show_person(person.id)
    in_a_week = TODAY + dt.timedelta(days=7)
    errors_seen: list[str] = []

    def choose(dialog: NextContactDialog) -> bool:
        yesterday = TODAY - dt.timedelta(days=1)
        dialog.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        errors_seen.append(dialog.field_error("next_contact_on"))
        dialog.date_edit.setDate(QDate(in_a_week.year, in_a_week.month, in_a_week.day))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == NextContactDialog.DialogCode.Accepted

    widget._exec_dialog = choose  # type: ignore[method-assign]
    qtbot.mouseClick(widget.next_contact_button, Qt.MouseButton.LeftButton)
    assert errors_seen == ["The next contact date is in the past."]
    assert services.plans.plan_for_person(person.id).next_contact_on == in_a_week
    assert services.people.caseload().rows[0].next_contact == in_a_week
    label = widget.next_contact_label.text()
    assert day_text(in_a_week) in label and "in 7 days" in label

    def clear(dialog: NextContactDialog) -> bool:
        dialog.none_check.setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return True

    widget._exec_dialog = clear  # type: ignore[method-assign]
    widget.set_next_contact()
    assert services.plans.plan_for_person(person.id).next_contact_on is None
    assert widget.next_contact_label.text() == "Next contact: not planned yet"


def test_the_person_page_shows_story_plan_and_suggestions_tabs(qtbot: Any, services: Any) -> None:
    from linkworker.ui.people.people_page import PLAN_TAB, SUGGESTIONS_TAB, PeoplePage
    from linkworker.ui.workers import Tasks

    person = _person(services)
    episode_id = _episode_id(services, person)
    services.plans.save_goal(GoalDraft(episode_id=episode_id, words="Get back to my allotment"))
    page = PeoplePage(services, Tasks())
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Story",
        "Plan",
        "Suggestions",
        "Contacts",
        "GP record",
        "Outcomes",
    ]
    page.table.selectRow(0)
    assert "Mo Oakes" in page.summary.toPlainText()
    assert page.plan_widget.person_id is None  # read only when its tab is opened
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == PLAN_TAB
    assert page.plan_widget.person_id == person.id
    assert "Get back to my allotment" in _goal_text(page.plan_widget)
    with qtbot.waitSignal(page.tabs.currentChanged, timeout=1000):
        qtbot.mouseClick(page.plan_widget.find_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == SUGGESTIONS_TAB
    assert page.suggestions_widget.person_id == person.id
    assert page.suggestions_widget.heading.text() != ""


def test_a_referral_recorded_from_the_plan_tab_opens_the_plan(qtbot: Any, services: Any) -> None:
    from linkworker.ui.people.episode_dialog import EpisodeDialog
    from linkworker.ui.people.people_page import PLAN_TAB, PeoplePage
    from linkworker.ui.workers import Tasks

    person = _person(services, with_referral=False)
    page = PeoplePage(services, Tasks())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.show_everyone()  # no referral yet: not on the open caseload the page starts with
    page.table.selectRow(0)
    page.tabs.setCurrentIndex(PLAN_TAB)
    assert page.plan_widget.stack.currentIndex() == 1  # a plan needs a referral

    def record(dialog: EpisodeDialog) -> bool:
        dialog.reason_checks["Loneliness"].setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == EpisodeDialog.DialogCode.Accepted

    page._exec_dialog = record  # type: ignore[method-assign]
    qtbot.mouseClick(page.plan_widget.referral_button, Qt.MouseButton.LeftButton)
    assert services.plans.current_episode_id(person.id) is not None
    assert page.tabs.currentIndex() == PLAN_TAB
    assert page.plan_widget.stack.currentIndex() == 2
    assert page.plan_widget.goals_empty.isVisible()


# Printing ------------------------------------------------------------------


@pytest.fixture
def printing(qtbot: Any, services: Any, tasks: Any) -> PlanWidget:
    """The Plan tab as the person page makes it: with documents, so it prints."""
    services.settings.set("user_name", "Sam")
    plan = PlanWidget(services.plans, lambda: "Sam", documents=services.documents, tasks=tasks)
    qtbot.addWidget(plan)
    plan.resize(720, 700)
    plan.show()
    qtbot.waitExposed(plan)
    return plan


def _place_in_plan(services: Any, person: Any, consent: bool) -> Any:
    from linkworker.domain.people import Consent

    (episode,) = services.people.get_person(person.id).episodes
    if consent:
        agreed = Consent(given=True, on=REFERRED, recorded_by="Sam")
        services.people.save_episode(replace(episode.draft, consent_share_providers=agreed))
    cafe = _asset(services, "Riverside Community Cafe")
    services.plans.save_referral(
        AssetReferralDraft(
            episode_id=_episode_id(services, person),
            asset_id=cafe.id,
            status=ReferralStatus.AGREED,
            status_on=TODAY,
        )
    )


def _accept_print(monkeypatch: Any, out: Any) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def test_printing_the_plan_notes_it_on_their_record(
    qtbot: Any, printing: PlanWidget, services: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    from linkworker.domain.documents import DocumentAction, DocumentKind
    from linkworker.domain.people import AccessNeed
    from linkworker.ui.printing.preview_dialog import PrintPreviewDialog

    person = _person(services)
    detail = services.people.get_person(person.id)
    services.people.save_person(
        replace(
            detail.draft,
            id=detail.id,
            version=detail.version,
            access_needs=(AccessNeed.LARGE_PRINT,),
        )
    )
    services.plans.save_goal(
        GoalDraft(episode_id=_episode_id(services, person), words="Get back to my allotment")
    )
    printing.show_person(person.id, "Mo Oakes")
    out = tmp_path / "printed.pdf"
    _accept_print(monkeypatch, out)
    seen: list[tuple[str, bool, int]] = []

    def run(dialog: PrintPreviewDialog) -> bool:
        seen.append(
            (dialog.windowTitle(), dialog.large_print_check.isChecked(), dialog.page_count())
        )
        with qtbot.waitSignal(printing.document_recorded, timeout=10000):
            dialog.print_document()
        return True

    printing._exec_dialog = run  # type: ignore[method-assign]
    printing.activateWindow()
    qtbot.waitUntil(printing.isActiveWindow)
    assert printing.print_plan_button.isEnabled()
    qtbot.keyClick(printing, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    title, large, pages = seen[0]
    assert title == "Print preview: My plan for Mo Oakes"
    assert large, "their access needs ask for large print"
    assert pages >= 1 and out.exists()
    (record,) = services.documents.history(person.id)
    assert (record.kind, record.action, record.options, record.recorded_by) == (
        DocumentKind.MY_PLAN,
        DocumentAction.PRINTED,
        "large print",
        "Sam",
    )
    assert printing.print_plan_button.isEnabled()


def test_a_referral_letter_without_consent_says_why_and_opens_nothing(
    qtbot: Any, printing: PlanWidget, services: Any, monkeypatch: Any, tasks: Any
) -> None:
    from linkworker.ui.people import plan_actions

    person = _person(services)
    _place_in_plan(services, person, consent=False)
    printing.show_person(person.id, "Mo Oakes")
    problems: list[Any] = []
    opened: list[Any] = []
    monkeypatch.setattr(plan_actions, "show_user_error", lambda _w, exc: problems.append(exc))
    printing._exec_dialog = opened.append  # type: ignore[method-assign,assignment]
    assert printing.referral_letter_button.isEnabled()
    qtbot.mouseClick(printing.referral_letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(problems), timeout=5000)
    tasks.wait()
    assert problems[0].title == "Consent needed"
    assert problems[0].message == (
        "Mo Oakes has not agreed to share their details with services like "
        "Riverside Community Cafe."
    )
    assert opened == []
    assert services.documents.history(person.id) == ()
    assert printing.referral_letter_button.isEnabled()


def test_a_referral_letter_with_consent_opens_the_preview_and_saving_is_noted(
    qtbot: Any, printing: PlanWidget, services: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from linkworker.domain.documents import DocumentAction, DocumentKind
    from linkworker.ui.printing.preview_dialog import PrintPreviewDialog

    person = _person(services)
    _place_in_plan(services, person, consent=True)
    printing.show_person(person.id, "Mo Oakes")
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    seen: list[tuple[str, int, Any]] = []

    def run(dialog: PrintPreviewDialog) -> bool:
        seen.append((dialog.windowTitle(), dialog.page_count(), dialog.shown_options))
        dialog.save_pdf()
        return True

    printing._exec_dialog = run  # type: ignore[method-assign]
    qtbot.mouseClick(printing.referral_letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    title, pages, options = seen[0]
    assert title == "Print preview: Referral to Riverside Community Cafe for Mo Oakes"
    assert pages >= 1 and options == PrintOptions()
    assert target.read_bytes().startswith(b"%PDF")
    (record,) = services.documents.history(person.id)
    assert (record.kind, record.action, record.detail) == (
        DocumentKind.PROVIDER_REFERRAL,
        DocumentAction.SAVED,
        "Riverside Community Cafe",
    )


def test_the_story_lists_documents_printed_newest_first(qtbot: Any, services: Any) -> None:
    from linkworker.domain.documents import DocumentAction, DocumentKind
    from linkworker.ui.people.people_page import PeoplePage
    from linkworker.ui.workers import Tasks

    services.settings.set("user_name", "Sam")
    person = _person(services)
    record = services.documents.record
    record(person.id, DocumentKind.MY_PLAN, DocumentAction.SAVED, PrintOptions())
    record(
        person.id,
        DocumentKind.PROVIDER_REFERRAL,
        DocumentAction.PRINTED,
        PrintOptions(),
        "Riverside Community Cafe",
    )
    record(person.id, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions(large_print=True))
    page = PeoplePage(services, Tasks())
    qtbot.addWidget(page)
    page.table.selectRow(0)
    text = page.summary.toPlainText()
    day = f"{dt.date.today():%d %b %Y}"
    lines = text[text.index("Documents") :].splitlines()[1:4]
    assert lines == [
        f"{day} · My plan (large print) · printed by Sam",
        f"{day} · Referral to a provider: Riverside Community Cafe · printed by Sam",
        f"{day} · My plan · saved as PDF by Sam",
    ]


def test_the_story_shows_the_latest_documents_and_counts_the_rest() -> None:
    from linkworker.domain.documents import DocumentAction, DocumentKind, DocumentRecord
    from linkworker.ui.people.person_summary import _documents

    at = dt.datetime(2026, 11, 22, 10, 30)
    records = [
        DocumentRecord(DocumentKind.MY_PLAN, DocumentAction.PRINTED, at - dt.timedelta(days=i))
        for i in range(7)
    ]
    html = _documents(records)
    assert html.count("My plan") == 5
    assert "22 Nov 2026 · My plan · printed<br>" in html
    assert "and 2 earlier" in html
    assert _documents([]) == ""
