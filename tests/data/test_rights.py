"""People's rights over a real data folder: the subject access copy (JSON and PDF), the
files' mode, erasure of everything about one person and nothing about anyone else."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader
from rights_helpers import WORDS, Sample, make_sample
from sqlalchemy import Uuid, select, text

from linkworker import errors
from linkworker.data.models import Base
from linkworker.data.unit_of_work import Event
from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.domain.rights import years_before
from linkworker.services.context import Services
from tests.data.people_helpers import AGREED


@pytest.fixture
def sample(services: Services) -> Sample:
    return make_sample(services)


@pytest.fixture
def events(services: Services) -> list[Event]:
    seen: list[Event] = []
    services.units.database.event_sink = lambda _unit, noted: seen.extend(noted)
    return seen


def _json_text(services: Services, person_id: uuid.UUID) -> str:
    return json.dumps(services.rights.subject_access(person_id).data, ensure_ascii=False)


def test_the_json_copy_holds_every_kind_of_record_and_no_one_elses(
    services: Services, sample: Sample
) -> None:
    data = services.rights.subject_access(sample.person_id).data
    assert data["format"] == "linkworker-subject-access" and data["version"] == 1
    whole = json.dumps(data, ensure_ascii=False)
    missing = [kind for kind, words in WORDS.items() if words not in whole]
    assert missing == []
    assert "Llanfair Community Choir" in whole  # the place connected with
    assert "Chapel Cafe" in whole and "Harbour Walking Group" in whole  # pinned, set aside
    assert {"code": "lone_working", "term": "Lone-working risk"} in [
        f["kind"] for f in data["safety_flags"]
    ]
    assert data["referrals"][0]["referral_date"].count("-") == 2  # ISO 8601
    for theirs in (sample.other_name, "Idris", sample.other_nhs_number, "spanners", "astray"):
        assert theirs not in whole


@pytest.mark.sqlite_only(reason="changes the SQLite file's tables with the sqlite3 module")
def test_the_report_says_when_there_is_no_access_record(services: Services, sample: Sample) -> None:
    with sqlite3.connect(services.paths.database) as con:
        con.execute("DROP TABLE IF EXISTS audit_entry")  # a database without an audit trail
    report = services.rights.subject_access(sample.person_id)
    (section,) = [s for s in report.sections if s.title == "Who has looked at your record"]
    assert section.items == () and "keeps no log" in section.empty
    assert report.data["access_log"] is None


def _add_audit_entry(con: sqlite3.Connection, **values: str) -> None:
    """An entry in the audit trail, whatever its shape: other columns get blanks."""
    columns = con.execute("PRAGMA table_info(audit_entry)").fetchall()
    row: dict[str, object] = {}
    for _cid, name, kind, not_null, default, _pk in columns:
        if name in values:
            row[name] = values[name]
        elif name == "id":
            row[name] = con.execute("SELECT coalesce(max(id), 0) + 1 FROM audit_entry").fetchone()[
                0
            ]
        elif not_null and default is None:
            row[name] = 0 if "INT" in str(kind).upper() else ""
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO audit_entry ({names}) VALUES ({marks})", tuple(row.values()))


@pytest.mark.sqlite_only(reason="changes the SQLite file's tables with the sqlite3 module")
def test_the_audit_trails_entries_about_the_person_are_in_the_report(
    services: Services, sample: Sample
) -> None:
    with sqlite3.connect(services.paths.database) as con:
        con.execute(
            "CREATE TABLE IF NOT EXISTS audit_entry (id INTEGER PRIMARY KEY, at TEXT,"
            " worker_name TEXT, action TEXT, machine TEXT, person_id TEXT)"
        )
        ours = {"at": "2026-05-01T10:00:00", "worker_name": "Sam Patel", "action": "view"}
        _add_audit_entry(con, **ours, machine="laptop-3", person_id=str(sample.person_id))
        theirs = {"at": "2026-05-02T11:00:00", "worker_name": "Ola Ade", "action": "view"}
        _add_audit_entry(con, **theirs, machine="laptop-4", person_id=str(sample.other_id))
    log = services.rights.subject_access(sample.person_id).data["access_log"]
    assert ("Sam Patel", "view", "laptop-3") in [
        (a["worker"], a["action"], a["machine"]) for a in log
    ]
    assert "Ola Ade" not in json.dumps(log) and "laptop-4" not in json.dumps(log)


def test_the_pdf_is_a_real_pdf_with_their_words_and_no_one_elses(
    services: Services, sample: Sample, tmp_path: Path
) -> None:
    (pdf,) = services.rights.write_subject_access(sample.person_id, tmp_path, ["pdf"])
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    words = " ".join((p.extract_text() or "") for p in reader.pages)
    flat = " ".join(words.split())
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sample.name in flat and WORDS["what_matters"] in flat and WORDS["goal"] in flat
    assert f"Your GP practice {WORDS['gp_practice']} 1 Quay Street CH65 4AB" in flat
    assert f"Page 1 of {len(reader.pages)}" in flat
    assert "Who has looked at your record" in flat
    # The trail's entries about them read as sentences, never as codes or JSON.
    assert "Added person's record" in flat and "Added conversation" in flat
    assert '{"' not in flat and "fields" not in flat
    assert sample.other_name not in flat and "Idris" not in flat
    # the PDF's metadata names the kind of document, never the person
    assert "Bronwen" not in str(reader.metadata)


def test_exports_are_the_users_alone_whatever_the_umask(
    services: Services, sample: Sample, tmp_path: Path, events: list[Event]
) -> None:
    old = os.umask(0)
    try:
        written = services.rights.write_subject_access(sample.person_id, tmp_path / "copy.pdf")
    finally:
        os.umask(old)
    assert sorted(p.name for p in written) == ["copy.json", "copy.pdf"]
    assert [stat.S_IMODE(p.stat().st_mode) for p in written] == [0o600, 0o600]
    noted = [(e.action, dict(e.detail)) for e in events]
    assert noted == [("subject-access", {"format": "pdf"}), ("subject-access", {"format": "json"})]
    assert {e.person_id for e in events} == {sample.person_id}


def test_a_folder_gets_files_named_without_the_persons_name(
    services: Services, sample: Sample, tmp_path: Path
) -> None:
    written = services.rights.write_subject_access(sample.person_id, tmp_path, ["json"])
    assert [p.suffix for p in written] == [".json"]
    assert "Bronwen" not in written[0].name and sample.person_id.hex[:8] in written[0].name


def test_a_format_that_is_not_offered_is_refused(services: Services, sample: Sample) -> None:
    with pytest.raises(errors.UserFacingError):
        services.rights.write_subject_access(sample.person_id, Path("."), ["docx"])


# Erasure ------------------------------------------------------------------------------


def _mentions(services: Services, ids: set[uuid.UUID]) -> dict[str, int]:
    """Rows in any table of the schema whose UUID columns hold one of ``ids``."""
    found: dict[str, int] = {}
    with services.units.read() as uow:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, Uuid)]
            for column in columns:
                rows = uow.session.execute(select(column).where(column.in_(ids))).all()
                if rows:
                    found[f"{table.name}.{column.name}"] = len(rows)
        drafts = uow.session.execute(text("SELECT key, payload FROM draft")).all()
    text_ids = {str(i) for i in ids}
    found["draft"] = sum(1 for row in drafts if any(i in row[0] + row[1] for i in text_ids))
    return {k: v for k, v in found.items() if v}


def _file_bytes(services: Services) -> bytes:
    path = services.paths.database
    parts = [path, path.with_name(path.name + "-wal")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def test_erasure_removes_every_row_about_the_person_and_keeps_everyone_else(
    services: Services, sample: Sample, events: list[Event]
) -> None:
    ours = {sample.person_id, sample.episode_id}
    before_theirs = _mentions(services, {sample.other_id})
    assert _mentions(services, ours)  # the walk finds them before
    other_before = _json_text(services, sample.other_id)

    removed = services.rights.erase(sample.person_id, "request")

    assert removed["person"] == 1 and removed["conversation"] == 1 and removed["draft"] == 1
    assert _mentions(services, ours) == {}
    assert _mentions(services, {sample.other_id}) == before_theirs
    assert (
        json.loads(_json_text(services, sample.other_id))["person"]
        == json.loads(other_before)["person"]
    )
    with pytest.raises(errors.NotFound):
        services.rights.subject_access(sample.person_id)
    # the directory's places stay
    assert services.directory.facets() is not None
    (event,) = [e for e in events if e.action == "erase"]
    detail = dict(event.detail)
    assert event.person_id == sample.person_id
    assert detail["reason"] == "request" and detail["conversations"] == 1
    assert detail["referrals"] == 1 and detail["safety_flags"] == 1
    assert not any(isinstance(v, str) and "Bron" in v for v in detail.values())


@pytest.mark.sqlite_only(reason="about the bytes of the SQLite file (secure_delete, checkpoint)")
def test_after_erasure_the_name_and_nhs_number_are_not_in_the_file(
    services: Services, sample: Sample
) -> None:
    assert b"Llewellyn-Harcourt" in _file_bytes(services)
    services.rights.erase(sample.person_id, "request")
    data = _file_bytes(services)
    for gone in ("Llewellyn-Harcourt", "llewellyn", sample.nhs_number, WORDS["what_matters"]):
        assert gone.encode() not in data, gone
    assert b"Quennell-Vaughan" in data  # the neighbour is still there


def test_erasing_someone_not_there_or_for_no_reason_is_refused(
    services: Services, sample: Sample
) -> None:
    with pytest.raises(ValueError):
        services.rights.erase(sample.person_id, "tidy up")
    services.rights.erase(sample.person_id, "retention")
    with pytest.raises(errors.NotFound):
        services.rights.erase(sample.person_id, "request")


def test_the_preview_counts_what_erasure_removes(services: Services, sample: Sample) -> None:
    preview = services.rights.erasure_preview(sample.person_id)
    assert preview.name == sample.name
    assert "1 conversation" in preview.lines and "1 safety flag" in preview.lines
    assert "2 places pinned or set aside" in preview.lines
    removed = services.rights.erase(sample.person_id, "request")
    assert {k: v for k, v in removed.items() if v} == {k: v for k, v in preview.counts.items() if v}


# Retention ------------------------------------------------------------------------------


def test_retention_lists_exactly_the_people_past_it(services: Services) -> None:
    today = dt.date.today()

    def person(given: str, *episodes: tuple[int, int | None]) -> uuid.UUID:
        """``episodes``: (referred, closed) as years ago; closed None for an open one."""
        pid = services.people.save_person(PersonDraft(given_name=given, family_name="Test")).id
        for referred, closed in episodes:
            closed_on = None if closed is None else years_before(today, closed)
            services.people.save_episode(
                EpisodeDraft(
                    consent_to_hold=AGREED,
                    person_id=pid,
                    referral_date=years_before(today, referred),
                    status=EpisodeStatus.CLOSED if closed_on else EpisodeStatus.ACTIVE,
                    closed_on=closed_on,
                    closing_reason=ClosingReason.GOALS_MET if closed_on else None,
                )
            )
        return pid

    old = person("Olwen", (12, 10))
    person("Newer", (7, 6))
    person("Back again", (12, 10), (1, None))  # an old closed episode and a newer open one
    person("Twice", (12, 11), (9, 9))
    person("No referral")
    found = services.rights.retention_due()
    assert [(c.name, c.years_since) for c in found] == [("Olwen Test", 10), ("Twice Test", 9)]
    services.settings.set("retention_years", 9)
    assert [c.name for c in services.rights.retention_due()] == ["Olwen Test"]
    assert services.rights.retention_years == 9
    services.rights.erase(old, "retention")
    assert [c.name for c in services.rights.retention_due()] == []
