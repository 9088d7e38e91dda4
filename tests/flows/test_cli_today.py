"""``linkworker today`` and ``linkworker calendar export``, run through the command line's main."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from linkworker.app import main
from linkworker.domain.journey import ContactDraft, ContactPlace
from linkworker.paths import AppPaths
from linkworker.services.calendar_export import CalendarExportService
from linkworker.services.context import Services, open_services
from linkworker.services.sample_journey import SampleContact, add_sample_contacts
from tests.data.today_caseload import DAY, Caseload, build


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Path, Services, Caseload]]:
    folder = tmp_path / "today"
    services = open_services(AppPaths.under(folder))
    try:
        yield folder, services, build(services)
    finally:
        services.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_today_prints_every_section_with_counts(
    built: tuple[Path, Services, Caseload], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _services, _ = built
    code, out, _err = run(capsys, "today", "--date", DAY.isoformat(), "--data-dir", str(folder))
    assert code == 0
    assert "Today, Monday 15 June 2026 (Sam Patel)" in out
    assert "Today: 1  Overdue: 3  Waiting: 2  Quiet: 2  Check-backs: 1  No news: 1" in out
    assert "Alice Booked  Hub: Elton Cafe  13:30" in out
    assert "Gus Longwait  Waiting for a first contact  8 weeks, since 16 Apr" in out
    assert "Bob Colleague" not in out


def test_today_json_has_stable_keys_and_everyone_adds_colleagues(
    built: tuple[Path, Services, Caseload], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _services, caseload = built
    code, out, _err = run(
        capsys, "today", "--json", "--everyone", "--date", "2026-06-15", "--data-dir", str(folder)
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["date", "everyone", "link_worker", "counts", "sections"]
    assert data["everyone"] is True and data["date"] == "2026-06-15"
    booked = data["sections"][0]
    assert booked["kind"] == "booked_today" and booked["total"] == 2
    assert [r["name"] for r in booked["rows"]] == ["Bob Colleague", "Alice Booked"]
    assert booked["rows"][1] == {
        "person_id": str(caseload.ids["Alice"]),
        "name": "Alice Booked",
        "what": "Hub: Elton Cafe",
        "since": "2026-06-15",
        "days": 0,
        "at": "2026-06-15T13:30",
        "link_worker": "Sam Patel",
        "tab": "contacts",
        "flags": [],
    }


def test_today_refuses_a_date_it_cannot_read(
    built: tuple[Path, Services, Caseload], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _services, _ = built
    with pytest.raises(SystemExit):
        main(["today", "--date", "15/06/2026", "--data-dir", str(folder)])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def _book(services: Services, caseload: Caseload, when: dt.datetime) -> None:
    add_sample_contacts(
        services.units,
        [
            SampleContact(
                caseload.ids["Cara"],
                ContactDraft(
                    episode_id=caseload.episodes["Cara"],
                    starts_at=when,
                    minutes=45,
                    place=ContactPlace.HOME,
                    link_worker="Sam Patel",
                ),
            )
        ],
    )


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_calendar_times_are_london_time_in_summer_and_in_winter(
    built: tuple[Path, Services, Caseload], tmp_path: Path
) -> None:
    _folder, services, caseload = built
    _book(services, caseload, dt.datetime(2026, 7, 14, 10, 0))
    _book(services, caseload, dt.datetime(2026, 12, 8, 10, 0))
    export = CalendarExportService(services.today, now=lambda: dt.datetime(2026, 6, 15, 9))
    path = tmp_path / "contacts.ics"
    assert export.export(path, days=200) == 4  # Alice today, Cara tomorrow, July, December
    starts = [
        event.decoded("dtstart").astimezone(dt.UTC)
        for event in _events(path)
        if event.decoded("dtstart").month in (7, 12)
    ]
    assert sorted(starts) == [
        dt.datetime(2026, 7, 14, 9, 0, tzinfo=dt.UTC),  # 10:00 BST
        dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC),  # 10:00 GMT
    ]
    zone = icalendar.Calendar.from_ical(path.read_bytes()).walk("VTIMEZONE")[0]
    assert zone["tzid"] == "Europe/London"
    offsets = {sub.name: sub.decoded("tzoffsetto") for sub in zone.subcomponents}
    assert offsets == {"DAYLIGHT": dt.timedelta(hours=1), "STANDARD": dt.timedelta(0)}


def test_calendar_has_initials_only_unless_names_are_asked_for(
    built: tuple[Path, Services, Caseload], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, services, _ = built
    services.settings.set("user_name", "Sam Patel")
    path = tmp_path / "mine.ics"
    export = CalendarExportService(services.today, now=lambda: dt.datetime(2026, 6, 15, 9))
    export.export(path, days=2)
    events = _events(path)
    assert sorted(str(e["summary"]) for e in events) == ["Contact: A.B.", "Contact: C.O."]
    assert "Alice" not in path.read_text() and "Booked" not in path.read_text()
    assert {str(e["location"]) for e in events} == {"Hub: Elton Cafe", "Practice"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    export.export(path, days=2, names=True)
    assert "Contact: Alice Booked" in {str(e["summary"]) for e in _events(path)}


def test_calendar_uids_are_stable_so_a_second_export_updates(
    built: tuple[Path, Services, Caseload], tmp_path: Path
) -> None:
    _folder, services, _ = built
    export = CalendarExportService(services.today, now=lambda: dt.datetime(2026, 6, 15, 9))
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export.export(first, days=7)
    export.export(second, days=7, names=True)
    uids = [str(e["uid"]) for e in _events(first)]
    assert uids == [str(e["uid"]) for e in _events(second)]
    assert len(set(uids)) == len(uids) == 2


def test_calendar_export_command_writes_the_file(
    built: tuple[Path, Services, Caseload], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _services, _ = built
    path = tmp_path / "week.ics"
    code, out, _err = run(
        capsys, "calendar", "export", "-o", str(path), "--days", "7", "--data-dir", str(folder)
    )
    assert code == 0
    assert f"to {path} (initials only)" in out
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    code, _out, err = run(
        capsys, "calendar", "export", "-o", str(path), "--days", "0", "--data-dir", str(folder)
    )
    assert code == 1 and "--days must be from 1" in err
