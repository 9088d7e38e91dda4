"""The dialog that shows two versions of a record side by side, field by field."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt

from linkworker.domain.conflicts import MINE, THEIRS, conflict
from linkworker.domain.people import PersonDraft
from linkworker.ui.merge_dialog import CHANGED_STYLE, SAME_STYLE, MergeDialog

OPENED = PersonDraft(given_name="Ada", family_name="Lovell", phone="", version=1)
THEIRS_NOW = PersonDraft(
    given_name="Ada",
    family_name="Lovell",
    phone="01234 567890",
    version=2,
    date_of_birth=dt.date(1950, 3, 4),
)
MINE_NOW = PersonDraft(given_name="Ada", family_name="Lovell-Byron", phone="", version=1)


def _dialog(qtbot: Any) -> MergeDialog:
    found = conflict(
        "This person's record", "person", uuid.uuid4(), 2, THEIRS_NOW, MINE_NOW, base=OPENED
    )
    dialog = MergeDialog(found)
    qtbot.addWidget(dialog)
    return dialog


def test_each_differing_field_is_a_row_with_the_changed_side_highlighted(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    names = [d.name for d in dialog.conflict.differences]
    assert names == ["family_name", "date_of_birth", "phone"]

    def cell(field: str, side: str) -> Any:
        return dialog._buttons[(field, side)].parentWidget()  # type: ignore[index]

    assert cell("date_of_birth", THEIRS).label.text() == "4 March 1950"
    assert CHANGED_STYLE in cell("date_of_birth", THEIRS).styleSheet()
    assert cell("date_of_birth", MINE).label.text() == "(empty)"
    assert SAME_STYLE in cell("date_of_birth", MINE).styleSheet()
    assert CHANGED_STYLE in cell("family_name", MINE).styleSheet()


def test_what_each_side_changed_is_chosen_at_first(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    assert dialog.choices() == {"family_name": MINE, "date_of_birth": THEIRS, "phone": THEIRS}


def test_choosing_by_field_and_for_all(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    qtbot.mouseClick(dialog._buttons[("phone", MINE)], Qt.MouseButton.LeftButton)
    assert dialog.choices()["phone"] == MINE
    theirs_value = dialog._buttons[("phone", THEIRS)].parentWidget().label  # type: ignore[union-attr]
    qtbot.mouseClick(theirs_value, Qt.MouseButton.LeftButton)  # the value itself chooses
    assert dialog.choices()["phone"] == THEIRS
    qtbot.mouseClick(dialog.take_theirs_button, Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {THEIRS}
    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {MINE}


def test_save_accepts_and_cancel_keeps_editing(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    dialog.show()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == MergeDialog.DialogCode.Rejected
    dialog = _dialog(qtbot)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == MergeDialog.DialogCode.Accepted
