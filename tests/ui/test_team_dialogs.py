"""The Workers dialog for a team: roles, handing a caseload over, and archiving one who holds
people; with real services over a temporary data file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkworker.domain.people import CaseloadFilter
from linkworker.ui.handover_dialog import HandoverDialog
from linkworker.ui.workers_dialog import RoleDialog, SecretDialog, WorkersDialog
from tests.data.people_helpers import NHS, add_episode, add_person

PIN = "246810"


def _team(services: Any) -> None:
    services.workers.add_first("Priya Shah", PIN)
    services.workers.add("Sam Okafor", "135790")
    services.workers.add("Jo Bell", "112233")
    for n, given in enumerate(("Ada", "Bea")):
        person = add_person(services.people, given, "Lovell", nhs_number=NHS[n])
        add_episode(services.people, person, link_worker="Sam Okafor")


def _dialog(qtbot: Any, services: Any) -> WorkersDialog:
    dialog = WorkersDialog(services.workers, caseloads=services.caseloads)
    qtbot.addWidget(dialog)
    told: list[str] = []
    dialog._tell = told.append  # type: ignore[method-assign]
    dialog.told = told  # type: ignore[attr-defined]
    return dialog


def _choose(dialog: WorkersDialog, name: str) -> None:
    for row in range(dialog.model.rowCount()):
        if dialog.model.item(row).text().startswith(name):
            dialog.view.setCurrentIndex(dialog.model.index(row, 0))
            return
    raise AssertionError(name)


def _run(fill: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    def run(dialog: QDialog) -> bool:
        fill(dialog)
        if isinstance(dialog, SecretDialog):
            dialog.try_save()
        elif isinstance(dialog, HandoverDialog):
            dialog.hand_over()
        elif isinstance(dialog, RoleDialog):
            dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def _holders(services: Any) -> list[str]:
    return [r.link_worker for r in services.people.caseload(CaseloadFilter()).rows]


def test_a_worker_is_added_with_a_role_and_it_can_be_changed(qtbot: Any, services: Any) -> None:
    _team(services)
    dialog = _dialog(qtbot, services)

    def new_editor(form: SecretDialog) -> None:
        form.name_edit.setText("Dee Marsh")
        form.role_combo.setCurrentIndex(form.role_combo.findData("directory_editor"))
        form.new_edit.setText("445566")
        form.again_edit.setText("445566")

    dialog._exec_dialog = _run(new_editor)  # type: ignore[method-assign]
    dialog.add_worker()
    assert "Dee Marsh (directory editor)" in [
        dialog.model.item(r).text() for r in range(dialog.model.rowCount())
    ]
    _choose(dialog, "Dee Marsh")

    def read_only(form: RoleDialog) -> None:
        form.role_combo.setCurrentIndex(form.role_combo.findData("read_only"))
        assert form.hint.text().startswith("Looks at the directory and the reports")

    dialog._exec_dialog = _run(read_only)  # type: ignore[method-assign]
    dialog.change_role()
    dee = next(w for w in services.workers.listed() if w.display_name == "Dee Marsh")
    assert dee.role == "read_only"


def test_a_caseload_is_handed_over_with_chosen_people_and_a_note(qtbot: Any, services: Any) -> None:
    _team(services)
    dialog = _dialog(qtbot, services)
    _choose(dialog, "Sam Okafor")

    def only_bea_to_jo(form: HandoverDialog) -> None:
        assert form.to_combo.itemText(0) == "Jo Bell"  # not Sam himself
        assert [form.people_list.item(r).text() for r in range(2)] == ["Ada Lovell", "Bea Lovell"]
        form.people_list.item(0).setCheckState(Qt.CheckState.Unchecked)
        form.to_combo.setCurrentIndex(form.to_combo.findText("Jo Bell"))
        form.note_edit.setPlainText("Bea prefers a phone call in the morning.")

    dialog._exec_dialog = _run(only_bea_to_jo)  # type: ignore[method-assign]
    assert dialog.hand_over()
    assert dialog.told == ["Handed 1 person from Sam Okafor to Jo Bell."]  # type: ignore[attr-defined]
    assert _holders(services) == ["Sam Okafor", "Jo Bell"]
    from linkworker.ui.people.person_summary import person_html

    bea = next(
        r.id for r in services.people.caseload(CaseloadFilter()).rows if r.name == "Bea Lovell"
    )
    html = person_html(
        services.people.get_person(bea), dt.date.today(), (), services.caseloads.history(bea)
    )
    assert "Link worker: Jo Bell" in html
    assert "Handed over from Sam Okafor to Jo Bell by Priya Shah on " in html
    assert "“Bea prefers a phone call in the morning.”" in html


def test_archiving_someone_who_holds_people_offers_the_hand_over_first(
    qtbot: Any, services: Any
) -> None:
    _team(services)
    dialog = _dialog(qtbot, services)
    _choose(dialog, "Sam Okafor")
    dialog._confirm = lambda _worker: True  # type: ignore[method-assign]
    offered: list[str] = []

    def decline(exc: Any) -> bool:
        offered.append(exc.message)
        return False

    dialog._ask_hand_over = decline  # type: ignore[method-assign]
    dialog.archive()
    assert offered == ["This worker still has 2 people on their caseload."]
    assert "Sam Okafor" in [w.display_name for w in services.workers.listed()]

    dialog._ask_hand_over = lambda _exc: True  # type: ignore[method-assign]
    dialog._exec_dialog = _run(lambda _form: None)  # type: ignore[method-assign]
    dialog.archive()
    assert "Sam Okafor" not in [w.display_name for w in services.workers.listed()]
    assert _holders(services) == ["Jo Bell", "Jo Bell"]


def test_the_window_offers_only_what_the_role_allows(qtbot: Any, services: Any) -> None:
    from linkworker.ui.main_window import Area, MainWindow
    from linkworker.ui.worker_session import WorkerSession

    services.settings.set("welcome_done", True)
    _team(services)
    services.workers.add("Dee Marsh", "445566", "directory_editor")
    services.workers.sign_out()
    window = MainWindow(services.settings, services.paths.data_dir)
    qtbot.addWidget(window)
    session = WorkerSession(window, services)
    window.attach(services)
    assert window.current_area() is Area.DIRECTORY  # a team, and nobody signed in yet

    dee = services.workers.sign_in("Dee Marsh", "445566")
    session.begin(dee)
    people = window.nav.item(int(Area.PEOPLE))
    assert not people.flags() & Qt.ItemFlag.ItemIsEnabled
    assert (
        people.toolTip() == "Only a link worker or a manager can open or change people's records."
    )
    assert not window.audit_action.isEnabled()
    assert window.current_area() is Area.DIRECTORY

    priya = services.workers.sign_in("Priya Shah", PIN)
    session.begin(priya)
    assert window.current_area() is Area.TODAY
    assert window.nav.item(int(Area.PEOPLE)).flags() & Qt.ItemFlag.ItemIsEnabled
    assert window.audit_action.isEnabled()
