"""The audit trail on a real data folder, through the real services.

Every view, create, change, print, export and import leaves an entry saying who,
when and from which machine; changes keep structured values only; the chain
finds tampering done with the file itself, and refuses changes through SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from linkworker.domain.actor import Actor
from linkworker.domain.audit import NEVER_KEPT, VALUES_KEPT, AuditEntry, AuditFilter
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.people import EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.paths import AppPaths
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.context import Services, open_services
from linkworker.services.directory_export import ExportFormat, export_directory
from tests.data.people_helpers import AGREED, NHS, TODAY, add_episode, add_person, spaced
from tests.postgres_seam import outside_engine

WORKER_ID = uuid.UUID(int=7)
WORKER = Actor(worker_id=WORKER_ID, worker_name="Sam Link", machine="desk-7", via="window")


@pytest.fixture
def signed_in(services: Services) -> Services:
    services.units.actor = WORKER
    return services


def entries(services: Services, **flt: Any) -> list[AuditEntry]:
    """The trail's entries oldest first."""
    return list(reversed(services.audit.page(AuditFilter(**flt), limit=1000)))


def the_entry(services: Services, action: str, subject: str) -> AuditEntry:
    (found,) = [e for e in entries(services, action=action) if e.subject == subject]
    return found


def test_each_kind_of_action_is_recorded_with_who_when_and_where(
    signed_in: Services, tmp_path: Path
) -> None:
    services = signed_in
    person_id = add_person(services.people, "Ada", "Pennant", nhs_number=spaced(NHS[0]))
    services.people.get_person(person_id)
    services.documents.record(
        person_id, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions()
    )
    services.calendar.export(tmp_path / "week.ics")
    export_directory(services.directory, tmp_path / "places.csv", ExportFormat.CSV)
    services.people.import_people([(PersonDraft(given_name="Bea", family_name="Quill"), None)])

    (created,) = [
        e
        for e in entries(services, action="create", person_id=str(person_id))
        if e.subject == "person"
    ]
    viewed = the_entry(services, "view", "person")
    printed = the_entry(services, "print", "my_plan")
    exported = the_entry(services, "export", "calendar")
    directory = the_entry(services, "export", "directory")
    imported = the_entry(services, "import", "people")
    for entry in (created, viewed, printed, exported, directory, imported):
        assert (entry.worker_id, entry.worker_name, entry.machine) == (
            str(WORKER_ID),
            "Sam Link",
            "desk-7",
        )
        assert entry.via == "window"
        when = dt.datetime.fromisoformat(entry.at.rstrip("Z"))
        assert abs(dt.datetime.now(dt.UTC).replace(tzinfo=None) - when) < dt.timedelta(minutes=5)
    assert created.record_key == viewed.person_id == printed.person_id == str(person_id)
    assert created.person_id == str(person_id)
    assert printed.details == {"done": "printed"}
    assert exported.details == {"names": False, "rows": 0}
    assert imported.details == {"referrals": 0, "rows": 1}
    assert directory.details == {"format": "csv", "rows": 0}
    # The import's rows are written by one statement: one entry, with the rows counted.
    (statement,) = [e for e in entries(services, action="create") if "rows" in e.details]
    assert (statement.subject, statement.details, statement.record_key) == (
        "person",
        {"rows": 1},
        "",
    )
    assert services.audit.verify().unbroken


def test_a_new_rows_id_reaches_the_trail(signed_in: Services) -> None:
    person_id = add_person(signed_in.people, "Ada", "Pennant")
    episode_id = add_episode(signed_in.people, person_id)

    created = the_entry(signed_in, "create", "episode")

    assert created.record_key == str(episode_id)
    assert created.person_id == str(person_id)


def test_a_statement_on_one_row_names_its_row_and_person(signed_in: Services) -> None:
    person_id = add_person(signed_in.people, "Ada", "Pennant")
    add_episode(signed_in.people, person_id)

    # The caseload summary is rewritten by one UPDATE of the person's row.
    (summary,) = [e for e in entries(signed_in, action="change") if e.subject == "person"]

    assert summary.record_key == summary.person_id == str(person_id)
    assert {"status", "next_contact_on"} <= set(summary.details["fields"])
    assert "link_worker" not in summary.details.get("changes", {})


def test_an_episode_status_change_keeps_before_and_after(signed_in: Services) -> None:
    people = signed_in.people
    person_id = add_person(people, "Ada", "Pennant")
    episode = people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person_id, referral_date=TODAY - dt.timedelta(days=3)
        )
    )
    people.save_episode(
        dataclasses.replace(
            episode.draft,
            id=episode.id,
            version=episode.version,
            status=EpisodeStatus.ACTIVE,
            closing_note="Spoke about her late husband at length.",
        )
    )

    (change,) = [e for e in entries(signed_in, action="change") if e.subject == "episode"]

    assert change.person_id == str(person_id)
    assert change.details["changes"]["status"] == ["waiting", "active"]
    assert "closing_note" in change.details["fields"]
    assert "late husband" not in change.detail


def test_a_name_change_says_the_name_changed_never_what_it_was(signed_in: Services) -> None:
    people = signed_in.people
    saved = people.save_person(
        PersonDraft(
            given_name="Wilhelmina",
            family_name="Oyelaran",
            nhs_number=spaced(NHS[1]),
            phone="07700 900123",
            notes="Prefers mornings; lives with her son.",
        )
    )
    people.save_person(
        dataclasses.replace(
            saved.draft,
            id=saved.id,
            version=saved.version,
            given_name="Mina",
            phone="07700 900999",
            notes="Moved in with her daughter.",
            is_carer=True,
        )
    )

    (change,) = [e for e in entries(signed_in, action="change") if e.subject == "person"]

    assert {"given_name", "phone", "notes", "is_carer"} <= set(change.details["fields"])
    assert change.details["changes"] == {"is_carer": [False, True]}
    trail = signed_in.audit.page(AuditFilter(), limit=1000)
    text = " ".join(" ".join(str(v) for v in dataclasses.astuple(e)) for e in trail)
    for personal in (
        "Wilhelmina",
        "Mina",
        "Oyelaran",
        NHS[1],
        "900123",
        "900999",
        "mornings",
        "daughter",
    ):
        assert personal not in text


def test_the_lists_of_columns_name_real_columns() -> None:
    from linkworker.data.models import Base

    tables = Base.metadata.tables
    for table, never in NEVER_KEPT.items():
        assert table in tables, table
        columns = {c.name for c in tables[table].columns} | {c.key for c in tables[table].columns}
        assert never - {"relation"} <= columns, (table, never - columns)
    for table, kept in VALUES_KEPT.items():
        assert kept <= {c.name for c in tables[table].columns}, table


def test_a_value_reaches_the_trail_only_for_a_column_on_the_allowlist() -> None:
    from linkworker.data.audit_repo import write_drafts
    from linkworker.data.models import Base
    from linkworker.data.unit_of_work import Write

    for table in Base.metadata.sorted_tables:
        columns = [c.key for c in table.columns]
        secret = [(c, "SECRET-BEFORE", "SECRET-AFTER") for c in columns]
        drafts = write_drafts(
            [Write(table.name, "update", key=1, fields=tuple(columns), changes=tuple(secret))]
        )
        for draft in drafts:
            detail = json.loads(draft.detail)
            kept = set(detail.get("changes", {}))
            assert kept <= VALUES_KEPT.get(table.name, frozenset()), table.name
            assert not kept & NEVER_KEPT.get(table.name, frozenset()), table.name
            if not kept:
                assert "SECRET" not in draft.detail, table.name


@pytest.mark.sqlite_only(reason="tampers with the SQLite file directly, past the guard")
def test_tampering_with_the_file_is_found_at_the_entry_changed(
    signed_in: Services, app_paths: AppPaths
) -> None:
    for given in ("Ada", "Bea", "Cy"):
        add_person(signed_in.people, given, "Pennant")
    assert signed_in.audit.verify().unbroken
    # Someone with the file drops the guard and edits an entry, as an attacker would.
    with sqlite3.connect(app_paths.database) as raw:
        raw.execute("DROP TRIGGER audit_entry_no_update")
        raw.execute("UPDATE audit_entry SET worker_name = 'Nobody' WHERE id = 2")

    check = signed_in.audit.verify()

    assert check.broken is not None
    assert check.broken.entry_id == 2


def test_the_trail_refuses_changes_and_removals(signed_in: Services) -> None:
    add_person(signed_in.people, "Ada", "Pennant")
    other: Any = outside_engine(signed_in.units.database.engine)
    try:
        for statement in ("UPDATE audit_entry SET action = 'view'", "DELETE FROM audit_entry"):
            with pytest.raises(DBAPIError, match="only ever added to"), other.begin() as raw:
                raw.exec_driver_sql(statement)
        with other.connect() as raw:
            count = raw.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one()
    finally:
        other.dispose()
    assert count == 1


def test_a_read_leaves_no_write_behind_but_its_view(signed_in: Services) -> None:
    person_id = add_person(signed_in.people, "Ada", "Pennant")
    before = signed_in.audit.count()

    signed_in.people.caseload()
    signed_in.people.get_person(person_id)

    assert signed_in.audit.count() == before + 1


_WRITER = """
import sys
from pathlib import Path
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services

services = open_services(AppPaths.under(Path(sys.argv[1])))
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
for n in range(int(sys.argv[2])):
    person = services.people.save_person(PersonDraft(given_name=f"P{n}", family_name=sys.argv[3]))
    services.people.get_person(person.id)
services.close()
"""


def test_two_processes_writing_at_once_leave_one_unbroken_chain(app_paths: AppPaths) -> None:
    open_services(app_paths).close()
    saves = 15
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(app_paths.data_dir), str(saves), family],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for family in ("Left", "Right")
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:  # both start together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(timeout=120) == 0

    services = open_services(app_paths)
    try:
        check = services.audit.verify()
        assert check.unbroken
        assert check.entries == 2 * saves * 2  # a create and a view for each save
    finally:
        services.close()
