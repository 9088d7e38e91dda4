"""Errors name nobody: two imports at once, the log and the crash dialog.

The people here are invented; their NHS numbers are from the 999 test range.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from people_helpers import NHS, NOW, TODAY
from sqlalchemy import event
from sqlalchemy import exc as sa_exc

from linkworker.app import setup_logging
from linkworker.data.database import Database, open_database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import PersonDraft
from linkworker.errors import ImportFailed, UserFacingError
from linkworker.paths import AppPaths
from linkworker.services.people import PeopleService
from linkworker.ui.error_dialogs import ExceptionHook

BORN = dt.date(1961, 3, 14)
PEOPLE = [
    PersonDraft(
        given_name=f"Perpetua{n}", family_name="Quillfeather", date_of_birth=BORN, nhs_number=nhs
    )
    for n, nhs in enumerate(NHS[:10])
]
#: What must never reach a log line, a traceback or a dialog.
PERSONAL = ["Perpetua", "Quillfeather", "1961-03-14", "14/03/1961", *NHS[:10]]


def _personal_in(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]


def _people(db: Database) -> PeopleService:
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


def _two_imports_at_once(app_paths: AppPaths) -> BaseException:
    """Two imports of the same people, each through its own connection, the way two windows
    would: the second checks the caseload after the first has written them but before it has
    committed. Returns what the second raised."""
    first_db = open_database(app_paths.database, app_paths.backups_dir)
    second_db = open_database(app_paths.database, app_paths.backups_dir)
    first_wrote, second_checked = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def checked(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "nhs_number IN" in statement:
            second_checked.set()

    event.listen(second_db.engine, "after_cursor_execute", checked)

    def first_progress(done: int, total: int) -> None:
        if done == total:  # written, not yet committed
            first_wrote.set()
            second_checked.wait(timeout=10)

    def second() -> None:
        first_wrote.wait(timeout=10)
        try:
            _people(second_db).import_people([(p, None) for p in PEOPLE])
        except BaseException as exc:  # what the window's worker would pass on
            failures.append(exc)

    other = threading.Thread(target=second)
    other.start()
    try:
        assert _people(first_db).import_people([(p, None) for p in PEOPLE], first_progress) == 10
    finally:
        other.join(timeout=30)
    try:
        assert second_checked.is_set(), "the second import never looked at the caseload"
        assert len(failures) == 1, "the second import added the same people again"
        assert _people(first_db).caseload(limit=100).total == 10
        return failures[0]
    finally:
        first_db.dispose()
        second_db.dispose()


def test_two_imports_at_once_the_second_is_refused_clearly(app_paths: AppPaths) -> None:
    refused = _two_imports_at_once(app_paths)
    assert isinstance(refused, UserFacingError), repr(refused)
    assert "another import" in refused.message
    assert not _personal_in(str(refused))


def _error_with_values() -> sa_exc.IntegrityError:
    """A database error as an engine that prints the values it was given raises it."""
    raw = sa_exc.IntegrityError(
        "INSERT INTO people (given_name, family_name, date_of_birth, nhs_number) "
        "VALUES (?, ?, ?, ?)",
        [(p.given_name, p.family_name, BORN.isoformat(), p.nhs_number) for p in PEOPLE],
        sqlite3.IntegrityError("UNIQUE constraint failed: people.nhs_number"),
    )
    assert _personal_in(str(raw))  # what such an error carries unless it is taken out
    return raw


def _handled(hook: ExceptionHook, exc: BaseException, qtbot: Any, shown: list[str]) -> None:
    hook.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)


def test_the_crash_hook_logs_and_shows_no_personal_data(
    app_paths: AppPaths, qtbot: Any, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """A refused import (with the database error behind it), and a database error as an
    engine that prints its values would raise it: neither log nor dialog names anyone."""
    shown: list[str] = []
    hook = ExceptionHook(
        tmp_path / "log.txt",
        show_known=lambda _p, e: shown.append(f"{e.title}\n{e.message}\n{e.advice}"),
        show_unknown=lambda _p, summary, details, _f: shown.append(f"{summary}\n{details}"),
    )
    refused = _two_imports_at_once(app_paths)
    raw = _error_with_values()
    named = ImportFailed(  # a known problem's message, meant for the screen, may name someone
        f"Nothing was imported: row 3: {NHS[0]} is already the NHS number of "
        "Perpetua0 Quillfeather, born 14/03/1961.",
        "Take their row out of the file, then import it again.",
    )
    named.__cause__ = raw
    with caplog.at_level(logging.INFO):
        for exc, dialog_names_nobody in ((refused, True), (raw, True), (named, False)):
            shown.clear()
            caplog.clear()
            try:
                raise exc
            except BaseException as raised:
                _handled(hook, raised, qtbot, shown)
            logged = caplog.text
            assert "Traceback" in logged and type(exc).__name__ in logged
            assert not _personal_in(logged), logged
            if dialog_names_nobody:
                assert not _personal_in(shown[0]), shown[0]
            else:  # the person at the screen is told whose row it is
                assert _personal_in(shown[0])
            if exc is raw:
                assert "UNIQUE constraint failed" in shown[0]  # what went wrong is still said


def test_the_log_file_names_nobody(app_paths: AppPaths) -> None:
    """Whatever logs it, a database error reaches the log file without its values."""
    setup_logging(app_paths)
    root = logging.getLogger()
    try:
        try:
            raise _error_with_values()
        except sa_exc.IntegrityError as exc:
            logging.getLogger("linkworker.x").warning("Saving failed: %s", exc, exc_info=True)
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_linkworker", False)]:
            root.removeHandler(handler)
            handler.close()
    written = app_paths.log_file.read_text(encoding="utf-8")
    assert "Saving failed" in written and "UNIQUE constraint failed" in written
    assert not _personal_in(written), written
