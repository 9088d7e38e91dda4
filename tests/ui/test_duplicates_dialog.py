"""Reviewing listings flagged as possibly the same, over a real database.

Two listings are typed in here; an invented Open Referral page then brings
the same two places from a council feed, so the importer flags two pairs.
Message boxes are patched to answer; the service and the database are real.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkworker.domain.directory import AssetDraft, Day, Location, OpeningTime
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.directory.duplicates_dialog import DuplicatesDialog, short
from linkworker.ui.workers import Tasks

LOCAL = [("Pennant Lane Lunch Club", "CH65 2AB"), ("Heron Walk Walkers", "CH66 3XY")]


def _service(number: int, name: str, postcode: str) -> dict[str, Any]:
    return {
        "id": f"svc-{number}",
        "name": name,
        "status": "active",
        "organization": {"id": "org-1", "name": "Pennant Friends Trust"},
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location": {
                    "id": f"loc-{number}",
                    "addresses": [
                        {
                            "id": f"adr-{number}",
                            "address_1": f"{number} Heron Walk",
                            "city": "Ellesmere Port",
                            "postal_code": postcode,
                            "country": "GB",
                        }
                    ],
                },
            }
        ],
    }


@pytest.fixture
def flagged(services: Any, tmp_path: Path) -> dict[str, Any]:
    """Two listings added here and the same two imported from 'council-feed': two pairs."""
    services.directory.add_many(
        [
            AssetDraft(
                name=name,
                categories=("Community cafe",),
                locations=(Location(address="2 Heron Walk", postcode=postcode),),
                opening_times=(OpeningTime(day=Day.MONDAY, starts=dt.time(10)),),
                notes="Ask for Morwenna at the door",
            )
            for name, postcode in LOCAL
        ]
    )
    page = {
        "total_items": 2,
        "contents": [_service(n + 1, name, pc) for n, (name, pc) in enumerate(LOCAL)],
    }
    path = tmp_path / "council-feed.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    source = services.directory_import.open(path)
    try:
        report = services.directory_import.run(source)
    finally:
        source.close()
    assert report.duplicates_total == 2
    return {"pairs": services.directory_import.duplicates()}


@pytest.fixture
def answers(monkeypatch: Any) -> list[Any]:
    """Message boxes answer from this list (Yes when it is empty) and record what they asked."""
    asked: list[Any] = []

    def exec_(box: QMessageBox) -> int:
        asked.append((box.text(), box.informativeText()))
        reply = answers_given.pop(0) if answers_given else QMessageBox.StandardButton.Yes
        return int(reply.value)

    answers_given: list[Any] = []
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    asked.append(answers_given)  # asked[0] is the queue of replies
    return asked


def _dialog(qtbot: Any, services: Any) -> DuplicatesDialog:
    dialog = DuplicatesDialog(services.directory_import)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row(dialog: DuplicatesDialog, name: str) -> int:
    return [p.asset_name for p in dialog.pairs].index(name)


def test_lists_each_pair_with_where_it_came_from(
    qtbot: Any, services: Any, flagged: dict[str, Any]
) -> None:
    dialog = _dialog(qtbot, services)
    assert dialog.model.rowCount() == 2
    rows = [
        [dialog.model.item(r, c).text() for c in range(5)] for r in range(dialog.model.rowCount())
    ]
    assert sorted(rows) == [
        [
            "Heron Walk Walkers",
            "council-feed",
            "Heron Walk Walkers",
            "added here",
            "same name and postcode (CH66 3XY)",
        ],
        [
            "Pennant Lane Lunch Club",
            "council-feed",
            "Pennant Lane Lunch Club",
            "added here",
            "same name and postcode (CH65 2AB)",
        ],
    ]
    assert dialog.chosen() is not None  # the first is chosen, so the buttons work at once
    name = dialog.chosen().asset_name  # type: ignore[union-attr]
    # The two have the same name, so the buttons say which is which.
    assert dialog.keep_first.text() == f"Keep “{name}” from council-feed (merge the other into it)"
    assert dialog.keep_second.text() == f"Keep “{name}” added here (merge the other into it)"
    assert dialog.different.isEnabled()


def test_keeping_one_merges_the_other_into_it(
    qtbot: Any, services: Any, flagged: dict[str, Any], answers: list[Any]
) -> None:
    dialog = _dialog(qtbot, services)
    dialog.choose(_row(dialog, "Pennant Lane Lunch Club"))
    pair = dialog.chosen()
    assert pair is not None
    with qtbot.waitSignal(dialog.changed, timeout=2000):
        qtbot.mouseClick(dialog.keep_second, Qt.MouseButton.LeftButton)  # keep ours
    question, detail = answers[1]
    assert question == (
        "Keep “Pennant Lane Lunch Club” (added here) and merge "
        "“Pennant Lane Lunch Club” (from council-feed) into it?"
    )
    assert "archived" in detail and "Plans that name it" in detail and "notes" in detail
    assert services.directory.get(pair.asset_id).archived  # the imported one
    kept = services.directory.get(pair.other_id)
    assert not kept.archived and kept.draft.notes == "Ask for Morwenna at the door"
    assert [p.asset_name for p in dialog.pairs] == ["Heron Walk Walkers"]
    assert dialog.model.rowCount() == 1


def test_saying_no_to_the_merge_changes_nothing(
    qtbot: Any, services: Any, flagged: dict[str, Any], answers: list[Any]
) -> None:
    answers[0].append(QMessageBox.StandardButton.No)
    dialog = _dialog(qtbot, services)
    pair = dialog.chosen()
    assert pair is not None
    dialog.keep_first.click()
    assert len(answers) == 2  # asked once
    assert not services.directory.get(pair.other_id).archived
    assert dialog.model.rowCount() == 2


def test_they_are_different_removes_the_pair(
    qtbot: Any, services: Any, flagged: dict[str, Any], answers: list[Any]
) -> None:
    dialog = _dialog(qtbot, services)
    dialog.choose(_row(dialog, "Heron Walk Walkers"))
    with qtbot.waitSignal(dialog.changed, timeout=2000):
        qtbot.mouseClick(dialog.different, Qt.MouseButton.LeftButton)
    assert len(answers) == 1  # no question for keeping both
    assert [p.asset_name for p in services.directory_import.duplicates()] == [
        "Pennant Lane Lunch Club"
    ]
    dialog.keep_apart()
    assert services.directory_import.duplicates() == ()
    assert dialog.model.rowCount() == 0
    assert dialog.empty_label.isVisible() and not dialog.view.isVisible()
    assert not dialog.keep_first.isEnabled() and not dialog.different.isEnabled()
    assert services.directory.search().total == 4  # all four still listed


def test_a_pair_someone_else_decided_is_explained_and_the_list_refreshed(
    qtbot: Any, services: Any, flagged: dict[str, Any], monkeypatch: Any
) -> None:
    from linkworker.ui.directory import duplicates_dialog

    shown: list[str] = []
    monkeypatch.setattr(
        duplicates_dialog, "show_user_error", lambda _w, exc: shown.append(exc.message)
    )
    dialog = _dialog(qtbot, services)
    pair = dialog.chosen()
    assert pair is not None
    services.directory_import.keep_apart(pair.id)  # decided in another window
    dialog.keep_apart()
    assert shown == ["Someone has already dealt with that pair."]
    assert dialog.model.rowCount() == 1


def test_long_names_are_shortened_on_the_buttons_only() -> None:
    name = "The Ellesmere Port and Neston Community Allotment Growers Association"
    assert short(name).endswith("…") and len(short(name)) <= 36
    assert short("Heron Walk Walkers") == "Heron Walk Walkers"


def test_the_page_offers_the_count_and_refreshes_after_a_merge(
    qtbot: Any, services: Any, flagged: dict[str, Any], answers: list[Any]
) -> None:
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    assert page.duplicates_action.text() == "Possible duplicates (2)…"
    assert page.duplicates_action.isEnabled()
    assert page.model.total == 4

    def run_dialog(dialog: Any) -> bool:
        dialog.keep_second.click()
        return True

    page._exec_dialog = run_dialog  # type: ignore[method-assign]
    page.duplicates_action.trigger()
    assert page.duplicates_action.text() == "Possible duplicates (1)…"
    assert page.model.total == 3  # the merged listing is archived


def test_every_control_is_named_and_escape_closes(
    qtbot: Any, services: Any, flagged: dict[str, Any]
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView

    dialog = _dialog(qtbot, services)
    unnamed = [
        type(w).__name__
        for kind in (QAbstractButton, QAbstractItemView)
        for w in dialog.findChildren(kind)
        if w.isVisible() and not w.accessibleName() and not isinstance(w, QHeaderView)
    ]
    assert unnamed == []
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(services.directory_import.duplicates()) == 2
