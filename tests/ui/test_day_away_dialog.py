"""File > Take a day away… and Bring a day back…, over the demo's data and real files."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linkworker.domain.conflicts import MINE, THEIRS
from linkworker.domain.day_away import Conflict, Values, chosen_row, side_by_side
from linkworker.paths import AppPaths
from linkworker.services.context import Services
from linkworker.services.demo import sign_in_demo
from linkworker.ui.day_away_dialog import BringBackDialog, TakeOutDialog
from linkworker.ui.merge_dialog import MergeDialog
from linkworker.ui.workers import Tasks
from tests.conftest import open_folder

PASSPHRASE = "a day at the hub 1"


@pytest.fixture
def team(demo_data: Path) -> Iterator[Services]:
    services = open_folder(AppPaths.under(demo_data))
    assert sign_in_demo(services) is not None
    yield services
    services.close()


def _take_two(qtbot: Any, team: Services, tasks: Tasks, folder: Path) -> list[uuid.UUID]:
    dialog = TakeOutDialog(team, tasks)
    qtbot.addWidget(dialog)
    for row in (0, 1):
        dialog.people.item(row).setCheckState(dialog.people.item(row).checkState().Checked)
    dialog.folder.setText(str(folder))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    dialog.go.click()
    qtbot.waitUntil(lambda: dialog.taken is not None, timeout=30_000)
    assert "Took out 2 people and the directory" in dialog.message.text()
    return dialog.ticked()


def _rename(services: Services, person_id: uuid.UUID, given: str) -> None:
    detail = services.people.get_person(person_id)
    services.people.save_person(
        dataclasses.replace(detail.draft, id=person_id, version=detail.version, given_name=given)
    )


def _changed_both_sides(
    qtbot: Any, team: Services, tasks: Tasks, folder: Path, *, second_too: bool = True
) -> list[uuid.UUID]:
    """Two people taken out; the first renamed away and at base, the second away only."""
    first, second = _take_two(qtbot, team, tasks, folder)
    away = _laptop(folder)
    try:
        _rename(away, first, "Away")
        if second_too:
            _rename(away, second, "Only away")
    finally:
        away.close()
    _rename(team, first, "At base")
    return [first, second]


def _bring_back(
    qtbot: Any,
    team: Services,
    tasks: Tasks,
    folder: Path,
    choose: Any,
    until: Any = None,
) -> BringBackDialog:
    back = BringBackDialog(team, tasks, choose=choose)
    qtbot.addWidget(back)
    back.folder.setText(str(folder))
    back.passphrase.setText(PASSPHRASE)
    back.go.click()
    done = until or (lambda dialog: dialog.brought is not None)
    qtbot.waitUntil(lambda: done(back), timeout=30_000)
    return back


def _laptop(folder: Path) -> Services:
    from linkworker.services.context import open_services
    from linkworker.services.encryption import unlock

    paths = AppPaths.under(folder)
    services = open_services(paths, key=unlock(paths, PASSPHRASE))
    assert sign_in_demo(services) is not None
    return services


def test_no_one_ticked_takes_nothing_out(
    qtbot: Any, team: Services, tasks: Tasks, tmp_path: Path
) -> None:
    dialog = TakeOutDialog(team, tasks)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "away"))
    dialog.go.click()
    assert dialog.message.text() == "Tick the people to take out first."
    assert not (tmp_path / "away").exists()
    # Typing narrows the list; a person ticked stays ticked while hidden.
    dialog.people.item(0).setCheckState(dialog.people.item(0).checkState().Checked)
    first = dialog.people.item(0).text().split(",")[0]
    dialog.search_box.setText("zzz no such name")
    shown = [dialog.people.item(i) for i in range(dialog.people.count())]
    assert all(item.isHidden() for item in shown)
    assert len(dialog.ticked()) == 1
    dialog.search_box.setText(first.upper())
    visible = [item.text() for item in shown if not item.isHidden()]
    assert visible and all(first in line for line in visible)
    dialog.search_box.clear()
    assert not any(item.isHidden() for item in shown)
    dialog.people.item(0).setCheckState(dialog.people.item(0).checkState().Unchecked)
    # The signed-in worker's own people are ticked in one go, and only they.
    dialog.mine_button.click()
    ticked = set(dialog.ticked())
    mine = {
        r.id
        for r in team.people.caseload(limit=500).rows
        if r.link_worker == team.units.actor.worker_name
    }
    assert ticked == mine != set()


def test_a_day_is_taken_out_and_a_record_changed_on_both_sides_chosen_field_by_field(
    qtbot: Any, team: Services, tasks: Tasks, tmp_path: Path
) -> None:
    folder = tmp_path / "away"
    first, second = _changed_both_sides(qtbot, team, tasks, folder)
    shown: list[MergeDialog] = []

    def choose(conflict: Conflict) -> Values | bool | None:
        # The real side-by-side choice, as the window shows it; keep mine.
        dialog = MergeDialog(side_by_side(conflict, "This person's record"))
        qtbot.addWidget(dialog)
        shown.append(dialog)
        labels = {d.label: (d.theirs, d.mine) for d in dialog.conflict.differences}
        assert labels["Given name"] == ("At base", "Away")
        dialog.choose_all(MINE)
        return chosen_row(conflict, dialog.choices())

    back = _bring_back(qtbot, team, tasks, folder, choose)
    assert len(shown) == 1
    assert "1 chosen side by side" in back.message.text()
    assert team.people.get_person(first).draft.given_name == "Away"
    assert team.people.get_person(second).draft.given_name == "Only away"


def test_cancelling_the_choice_brings_nothing_back(
    qtbot: Any, team: Services, tasks: Tasks, tmp_path: Path
) -> None:
    folder = tmp_path / "away"
    first, second = _changed_both_sides(qtbot, team, tasks, folder)
    back = _bring_back(
        qtbot,
        team,
        tasks,
        folder,
        lambda _conflict: False,
        until=lambda dialog: "Nothing was brought back" in dialog.message.text(),
    )
    assert back.brought is None
    assert team.people.get_person(first).draft.given_name == "At base"
    assert team.people.get_person(second).draft.given_name != "Only away"


def test_taking_theirs_for_every_field_keeps_the_team_s_record(
    qtbot: Any, team: Services, tasks: Tasks, tmp_path: Path
) -> None:
    folder = tmp_path / "away"
    first, _second = _changed_both_sides(qtbot, team, tasks, folder, second_too=False)
    version = team.people.get_person(first).version

    def choose(conflict: Conflict) -> Values | bool | None:
        dialog = MergeDialog(side_by_side(conflict, "This person's record"))
        qtbot.addWidget(dialog)
        dialog.choose_all(THEIRS)
        return chosen_row(conflict, dialog.choices())

    _bring_back(qtbot, team, tasks, folder, choose)
    kept = team.people.get_person(first)
    assert kept.draft.given_name == "At base"
    # A record written back is one version on, so a form opened before sees it changed.
    assert kept.version == version + 1
