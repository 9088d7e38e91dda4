"""The audit trail in the window, over real services and a real database file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from linkworker.domain.actor import Actor
from linkworker.domain.audit import AuditFilter
from linkworker.domain.people import EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.services.context import Services
from linkworker.ui.audit.audit_dialog import AuditDialog
from linkworker.ui.audit.audit_model import describe
from tests.data.people_helpers import AGREED

SAM = Actor(worker_id=1, worker_name="Sam Link", machine="desk-7", via="window")
JO = Actor(worker_id=2, worker_name="Jo Bridge", machine="laptop-2", via="window")


@pytest.fixture
def trail(services: Services) -> dict[str, Any]:
    """Two workers: Sam adds Ada and her referral and moves it on; Jo opens Bea's record."""
    services.units.actor = SAM
    ada = services.people.save_person(PersonDraft(given_name="Ada", family_name="Pennant"))
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=ada.id,
            referral_date=dt.date.today() - dt.timedelta(days=5),
        )
    )
    services.people.save_episode(
        dataclasses.replace(
            episode.draft, id=episode.id, version=episode.version, status=EpisodeStatus.ACTIVE
        )
    )
    bea = services.people.save_person(PersonDraft(given_name="Bea", family_name="Quill"))
    services.units.actor = JO
    services.people.get_person(bea.id)
    return {"ada": ada.id, "bea": bea.id}


def opened(qtbot: Any, services: Services) -> AuditDialog:
    dialog = AuditDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def texts(dialog: AuditDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_entries_are_shown_newest_first_in_plain_words(
    qtbot: Any, services: Services, trail: dict[str, Any]
) -> None:
    dialog = opened(qtbot, services)

    what = texts(dialog, 4)
    assert what[0] == "Viewed record"
    assert "Changed referral: status waiting → active" in what
    assert texts(dialog, 2)[0] == "Jo Bridge"
    assert texts(dialog, 3)[0] == "laptop-2 (window)"
    assert dialog.count.text() == f"{len(what)} entries"


def test_filters_pick_a_worker_an_action_and_a_person(
    qtbot: Any, services: Services, trail: dict[str, Any]
) -> None:
    dialog = opened(qtbot, services)

    dialog.worker.setCurrentIndex(dialog.worker.findData("Jo Bridge"))
    dialog.apply_filters()
    assert texts(dialog, 4) == ["Viewed record"]

    dialog.clear_filters()
    dialog.action.setCurrentIndex(dialog.action.findData("change"))
    dialog.apply_filters()
    changes = texts(dialog, 4)
    assert "Changed referral: status waiting → active" in changes
    assert all(text.startswith("Changed ") for text in changes)

    dialog.clear_filters()
    dialog.person.setText("Pennant")  # by name: one person fits
    dialog.apply_filters()
    assert dialog.person_id == str(trail["ada"])
    assert set(texts(dialog, 5)) == {str(trail["ada"])[:8]}

    dialog.clear_filters()
    dialog.since_on.setChecked(True)
    dialog.since.setDate(QDate.currentDate().addDays(2))
    dialog.apply_filters()
    assert texts(dialog, 4) == []
    dialog.since.setDate(QDate.currentDate().addDays(-1))
    dialog.apply_filters()
    assert "Viewed record" in texts(dialog, 4)


def test_check_says_the_trail_is_intact_then_where_it_was_changed(
    qtbot: Any, services: Services, trail: dict[str, Any]
) -> None:
    dialog = opened(qtbot, services)
    dialog.verify()
    assert "the trail is intact" in dialog.chain.text()

    with sqlite3.connect(services.paths.database) as raw:
        raw.execute("DROP TRIGGER audit_entry_no_update")
        raw.execute("UPDATE audit_entry SET action = 'view' WHERE id = 3")
    dialog.verify()

    assert "first broken link is entry 3" in dialog.chain.text()


def test_export_writes_what_is_shown_to_a_private_file(
    qtbot: Any, services: Services, trail: dict[str, Any], tmp_path: Path
) -> None:
    dialog = opened(qtbot, services)
    target = tmp_path / "dpo.csv"
    dialog._ask_where = lambda: target  # type: ignore[method-assign]
    dialog.action.setCurrentIndex(dialog.action.findData("view"))
    dialog.apply_filters()

    dialog.export()

    assert dialog.chain.text() == "Exported 1 entries to dpo.csv."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and ",view,person," in lines[1]
    dialog.clear_filters()
    assert texts(dialog, 4)[0] == "Exported audit trail: 1 row"


def test_plain_words_never_show_what_the_trail_does_not_hold(
    services: Services, trail: dict[str, Any]
) -> None:
    entries = services.audit.page(AuditFilter())
    words = " ".join(describe(e) for e in entries)
    assert "Ada" not in words and "Pennant" not in words
    assert "Added person's record" in words


def test_the_file_menu_opens_the_trail(
    qtbot: Any, services: Services, trail: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from linkworker.ui.main_window import MainWindow

    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    shown: list[AuditDialog] = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: shown.append(self) or 0)

    assert window.audit_action in window.file_menu.actions()
    window.audit_action.trigger()

    (dialog,) = shown
    assert dialog.model.total == services.audit.count()
    assert dialog.windowTitle() == "Audit trail"


def test_every_action_the_code_notes_has_plain_words() -> None:
    """An event noted anywhere (uow.note("...")) reads as a sentence in the trail, not a code."""
    import re

    from linkworker.domain.audit_words import ACTION_WORDS

    source = Path(__file__).resolve().parents[2] / "linkworker"
    noted = set()
    for file in source.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        noted |= set(re.findall(r"""note\(\s*["']([a-z-]+)["']""", text))
    assert {"sign-in", "lock", "erase", "subject-access"} <= noted  # the search finds them
    assert noted - set(ACTION_WORDS) == set()
