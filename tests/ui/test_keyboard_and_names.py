"""Every window, page and dialog, walked as a keyboard and a screen reader meet them.

The windows are built over the demo data (invented assets and people), each page
and tab is shown in turn, and the controls are checked: no Alt key answers to two
controls at once, every button's accessible name contains the words on it, and
Tab always moves on (no scroll area takes focus, no table or text box keeps Tab).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from window_audit import clashes, every_page, names_without_labels, tab_traps

from linkworker.domain.people import ConversationType, PersonDraft
from linkworker.paths import AppPaths
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.context import open_services
from linkworker.services.demo import fill_demo
from linkworker.services.settings import referral_reasons
from linkworker.ui.workers import Tasks

BAD_PEOPLE = "given_name,family_name,nhs_number\nAda,Quill,999 000 0019\n"


def _feed_page(path: Path, asset: Any) -> Path:
    """An invented Open Referral page listing ``asset`` again, so a duplicate is flagged."""
    place = asset.draft.locations[0]
    service = {
        "id": "svc-1",
        "name": asset.draft.name,
        "status": "active",
        "organization": {"id": "org-1", "name": "Pennant Friends Trust"},
        "service_at_locations": [
            {
                "id": "sal-1",
                "location": {
                    "id": "loc-1",
                    "addresses": [
                        {
                            "id": "adr-1",
                            "address_1": place.address,
                            "city": place.town,
                            "postal_code": place.postcode,
                            "country": "GB",
                        }
                    ],
                },
            }
        ],
    }
    path.write_text(json.dumps({"total_items": 1, "contents": [service]}), encoding="utf-8")
    return path


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Any]:
    """Real services over a data folder filled as ``--demo`` fills it, with one duplicate."""
    paths = AppPaths.under(tmp_path / "demo")
    fill_demo(paths)
    opened = open_services(paths)
    first = opened.directory.get(opened.directory.search().rows[0].id)
    source = opened.directory_import.open(_feed_page(tmp_path / "feed.json", first))
    try:
        opened.directory_import.run(source)
    finally:
        source.close()
    assert opened.directory_import.duplicates()
    yield opened
    opened.close()


def _windows(qtbot: Any, services: Any, tmp_path: Path) -> Iterator[tuple[str, QWidget]]:
    """Every window the app opens, built as the app builds it, one at a time."""
    from linkworker.ui.directory.asset_form_dialog import AssetFormDialog
    from linkworker.ui.directory.duplicates_dialog import DuplicatesDialog
    from linkworker.ui.directory.exchange_dialog import OpenReferralImportDialog
    from linkworker.ui.help_dialog import HelpDialog
    from linkworker.ui.import_dialog import DirectoryImportDialog, PeopleImportDialog
    from linkworker.ui.main_window import MainWindow
    from linkworker.ui.people.asset_referral_dialog import AssetReferralDialog
    from linkworker.ui.people.closing_dialog import ClosingDialog
    from linkworker.ui.people.conversation_dialog import ConversationDialog
    from linkworker.ui.people.draft_recovery import DraftRecoveryDialog
    from linkworker.ui.people.episode_dialog import EpisodeDialog
    from linkworker.ui.people.goal_dialog import GoalDialog
    from linkworker.ui.people.gp_practice_fields import GpPracticeDialog
    from linkworker.ui.people.next_contact_dialog import NextContactDialog
    from linkworker.ui.people.person_form_dialog import MatchListDialog, PersonFormDialog
    from linkworker.ui.people.preferences_dialog import PreferencesDialog
    from linkworker.ui.people.rate_goal_dialog import RateGoalDialog
    from linkworker.ui.people.set_aside_dialog import SetAsideDialog
    from linkworker.ui.printing.preview_dialog import PrintPreviewDialog

    tasks = Tasks()
    asset = services.directory.search().rows[0]
    detail = services.directory.get(asset.id)
    people = services.people.caseload().rows
    person = next(
        services.people.get_person(p.id)
        for p in people
        if (plan := services.plans.plan_for_person(p.id)) and plan.goals and plan.referrals
    )
    plan = services.plans.plan_for_person(person.id)
    episode = person.episodes[0]
    window = every_page(MainWindow.with_services(services))
    window.people_page.select_person(person.id)
    yield "main window", window
    yield "new asset", AssetFormDialog(services.directory.save, None)
    yield "edit asset", AssetFormDialog(services.directory.save, detail)
    yield "duplicates", DuplicatesDialog(services.directory_import)
    yield "Open Referral import", OpenReferralImportDialog(services.directory_import, tasks)
    checked = OpenReferralImportDialog(services.directory_import, tasks)
    checked.source_edit.setText(str(_feed_page(tmp_path / "again.json", detail)))
    checked.check()
    qtbot.waitUntil(lambda: checked.report is not None, timeout=20000)
    yield "Open Referral import, checked", checked
    csv = tmp_path / "directory.csv"
    csv.write_text("name,postcode\nGood Group,CH65 2BB\nBad Group,NOT A POSTCODE\n")
    yield "directory import", DirectoryImportDialog(services.directory, tasks, csv)
    people_csv = tmp_path / "people.csv"
    people_csv.write_text(BAD_PEOPLE)
    yield "people import", PeopleImportDialog(services.people, tasks, people_csv)
    yield "new person", PersonFormDialog(services.people.save_person, lambda _d: [], None)
    yield (
        "edit person",
        PersonFormDialog(services.people.save_person, lambda _d: [], person),
    )
    same = PersonDraft(
        given_name=person.draft.given_name,
        family_name=person.draft.family_name,
        date_of_birth=person.draft.date_of_birth,
    )
    yield "possible matches", MatchListDialog(services.people.possible_matches(same))
    yield "GP practice", GpPracticeDialog(person, lambda _p: None)
    reasons = referral_reasons(services.settings)
    yield "new referral", EpisodeDialog(services.people.save_episode, person.id, "Sam", reasons)
    yield (
        "edit referral",
        EpisodeDialog(services.people.save_episode, person.id, "Sam", reasons, detail=episode),
    )
    closing = ClosingDialog(
        lambda _c: episode,
        episode,
        person.draft.display_name,
        "Sam",
        places=services.episodes.open_places(episode.id),
    )
    closing.giving_back.add_row()
    yield "close referral", closing
    for kind in ConversationType:
        yield (
            f"{kind.value} conversation",
            ConversationDialog(
                services.people.save_conversation,
                services.drafts,
                episode.id,
                person.draft.display_name,
                "Sam",
                kind=kind,
            ),
        )
    yield "new goal", GoalDialog(services.plans.save_goal, plan.episode_id)
    yield "edit goal", GoalDialog(services.plans.save_goal, plan.episode_id, plan.goals[0])
    yield "ask confidence", RateGoalDialog(lambda *_a: plan.goals[0], plan.goals[0])
    yield "next contact", NextContactDialog(lambda _d: None, plan.next_contact_on)
    yield (
        "place in the plan",
        AssetReferralDialog(services.plans.save_referral, plan.referrals[0], "Sam", plan.goals),
    )
    yield (
        "what suits them",
        PreferencesDialog(
            lambda _p: None,
            services.matching.preferences(person.id),
            services.directory.facets().categories,
            person.draft.display_name,
        ),
    )
    yield "set aside", SetAsideDialog(services.matching, person.id)
    yield "saved notes", DraftRecoveryDialog(services.drafts.pending(), lambda _k: None)
    pdf = services.documents.plan_pdf(person.id, PrintOptions())
    yield "help", HelpDialog(services.paths.data_dir, "People", [("Ctrl+2", "People")])
    yield (
        "print preview",
        PrintPreviewDialog(lambda _o: pdf, "My plan", PrintOptions(), tasks, pdf=pdf),
    )


def _walk(qtbot: Any, services: Any, tmp_path: Path, check: Any) -> list[str]:
    problems: list[str] = []
    seen = 0
    for name, window in _windows(qtbot, services, tmp_path):
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        problems.extend(f"{name}: {problem}" for problem in check(window))
        window.hide()
        seen += 1
    assert seen >= 25
    return problems


def _report(problems: list[str]) -> str:
    return "\n".join(["", *problems])


def test_no_alt_key_answers_to_two_controls(qtbot: Any, demo: Any, tmp_path: Path) -> None:
    problems = _walk(qtbot, demo, tmp_path, clashes)
    assert problems == [], _report(problems)


def test_every_button_is_named_by_the_words_on_it(qtbot: Any, demo: Any, tmp_path: Path) -> None:
    problems = _walk(qtbot, demo, tmp_path, names_without_labels)
    assert problems == [], _report(problems)


def test_tab_always_moves_on(qtbot: Any, demo: Any, tmp_path: Path) -> None:
    problems = _walk(qtbot, demo, tmp_path, tab_traps)
    assert problems == [], _report(problems)
