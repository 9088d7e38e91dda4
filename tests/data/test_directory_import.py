"""Importing and refreshing the directory from Open Referral files, on a real database file.

The sources here are real ORUK 3.0 JSON files the tests write, read by the real
readers and mappers: nothing of ours is stood in for.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from linkworker import errors
from linkworker.domain.audit import AuditFilter
from linkworker.domain.directory import AssetDraft, DirectoryFilter, Location
from linkworker.interchange import reading
from linkworker.interchange.records import ReadCancelled
from linkworker.services.directory_import import BATCH, RecordsHaveProblems

TODAY = dt.date.today()


def service(n: int, **changes: Any) -> dict[str, Any]:
    """An invented ORUK 3.0 service, numbered so each has its own id, name and postcode."""
    record: dict[str, Any] = {
        "id": str(uuid.UUID(int=n + 1)),
        "name": f"Riverside Walking Group {n}",
        "description": "Gentle walks by the canal, with a cuppa after.",
        "status": "active",
        "url": "https://walks.example.org",
        "email": "walks@example.org",
        "assured_date": (TODAY - dt.timedelta(days=30)).isoformat(),
        "organization": {"id": str(uuid.UUID(int=10_000 + n)), "name": "Canal Friends"},
        "contacts": [{"id": str(uuid.UUID(int=20_000 + n)), "name": "Ann Lee", "phones": []}],
        "service_at_locations": [
            {
                "id": str(uuid.UUID(int=30_000 + n)),
                "location": {
                    "id": str(uuid.UUID(int=40_000 + n)),
                    "name": "Boat House",
                    "latitude": 53.28,
                    "longitude": -2.9,
                    "addresses": [
                        {
                            "id": str(uuid.UUID(int=50_000 + n)),
                            "address_1": f"{n} Towpath Lane",
                            "city": "Ellesmere Port",
                            "postal_code": f"CH65 {n % 9 + 1}AB",
                            "country": "GB",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": str(uuid.UUID(int=60_000 + n)),
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "10:00",
                "closes_at": "11:30",
            }
        ],
        "attributes": [
            {
                "id": str(uuid.UUID(int=70_000 + n)),
                "taxonomy_term": {"id": str(uuid.UUID(int=80_000 + n)), "name": "Walking"},
            }
        ],
    }
    record.update(changes)
    return record


def page(services: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


def write(path: Path, services: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(page(services)), encoding="utf-8")
    return path


@pytest.fixture
def importer(services: Any) -> Any:
    return services.directory_import


@pytest.fixture(params=["read here", "read in a helper process"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the source read in this process, then in a helper process."""
    helper = request.param == "read in a helper process"
    monkeypatch.setattr(reading, "HELPER_FROM_BYTES", 0 if helper else 1 << 62)
    monkeypatch.setattr(reading, "cores", lambda: 2)  # as on a machine with one core too
    return str(request.param)


def imported(services: Any, path: Path, **kwargs: Any) -> Any:
    source = services.directory_import.open(path, name="canal-feed")
    try:
        return services.directory_import.run(source, **kwargs)
    finally:
        source.close()


def checked(services: Any, path: Path) -> Any:
    source = services.directory_import.open(path, name="canal-feed")
    try:
        return services.directory_import.check(source)
    finally:
        source.close()


def test_a_page_of_services_is_imported_whole_and_can_be_searched(
    services: Any, tmp_path: Path, reader: str
) -> None:
    report = imported(services, write(tmp_path / "page.json", [service(1), service(2), service(3)]))

    assert (report.read, report.created, report.updated, report.left_out) == (3, 3, 0, 0)
    page_ = services.directory.search(DirectoryFilter(text="Riverside"))
    assert page_.total == 3
    detail = services.directory.get(page_.rows[0].id)
    draft = detail.draft
    assert draft.organisation == "Canal Friends"
    assert draft.locations[0].postcode.startswith("CH65")
    assert draft.locations[0].latitude == pytest.approx(53.28)
    assert draft.opening_times[0].starts == dt.time(10, 0)
    assert "Walking and exercise" in draft.categories
    assert draft.last_verified_on == TODAY - dt.timedelta(days=30)
    # Searchable by the place words, through the full-text index the bulk path fills.
    assert services.directory.search(DirectoryFilter(text="Towpath")).total == 3


def test_importing_the_same_file_again_changes_nothing(services: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "page.json", [service(1), service(2)])
    imported(services, path)
    before = {r.id: services.directory.get(r.id).version for r in services.directory.search().rows}

    again = imported(services, path)

    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 2, 0)
    after = {r.id: services.directory.get(r.id).version for r in services.directory.search().rows}
    assert after == before


def test_a_refresh_updates_in_place_withdraws_the_missing_and_keeps_local_work(
    services: Any, tmp_path: Path, reader: str
) -> None:
    imported(services, write(tmp_path / "v1.json", [service(1), service(2), service(3)]))
    ids = {r.name: r.id for r in services.directory.search().rows}
    first = ids["Riverside Walking Group 1"]
    # A link worker adds a note and checks the listing herself.
    draft = services.directory.get(first).draft
    services.directory.save(
        AssetDraft(**{**_fields(draft), "notes": "Ring Ann first; she meets newcomers."})
    )
    services.directory.mark_verified(first, "Priya (link worker)", on=TODAY - dt.timedelta(days=2))

    changed = service(1, email="towpath@example.org", assured_date=TODAY.isoformat())
    report = imported(services, write(tmp_path / "v2.json", [changed, service(2)]))

    assert (report.created, report.updated, report.unchanged, report.withdrawn) == (0, 1, 1, 1)
    lines = {c.label: c.change for c in report.changes}
    assert lines["“Riverside Walking Group 1”"] == "changed: email"
    assert lines["“Riverside Walking Group 3”"] == "withdrawn by the source"
    kept = services.directory.get(first).draft
    assert kept.email == "towpath@example.org"
    assert kept.notes == "Ring Ann first; she meets newcomers."
    assert kept.verified_by == "Priya (link worker)"
    assert kept.last_verified_on == TODAY - dt.timedelta(days=2)
    gone = services.directory.get(ids["Riverside Walking Group 3"])
    assert gone.archived
    assert services.directory.search().total == 2


def _fields(draft: AssetDraft) -> dict[str, Any]:
    return {f: getattr(draft, f) for f in AssetDraft.__dataclass_fields__}


def test_a_withdrawn_listing_that_comes_back_is_listed_again(services: Any, tmp_path: Path) -> None:
    imported(services, write(tmp_path / "a.json", [service(1), service(2)]))
    imported(services, write(tmp_path / "b.json", [service(1)]))
    assert services.directory.search().total == 1

    report = imported(services, write(tmp_path / "c.json", [service(1), service(2)]))

    assert report.updated == 1
    assert ("“Riverside Walking Group 2”", "listed again by the source") in {
        (c.label, c.change) for c in report.changes
    }
    assert services.directory.search().total == 2


def test_a_check_reports_what_would_change_and_writes_nothing(
    services: Any, tmp_path: Path
) -> None:
    report = checked(services, write(tmp_path / "page.json", [service(1), service(2)]))

    assert report.dry_run
    assert report.created == 2
    assert "If imported: 2 new" in report.summary()
    assert services.directory.is_empty()
    assert services.directory_import.sources() == ()


def test_records_with_problems_are_listed_and_the_person_chooses(
    services: Any, tmp_path: Path, reader: str
) -> None:
    bad = service(2, name="")
    path = write(tmp_path / "page.json", [service(1), bad, service(3)])

    report = checked(services, path)
    assert report.left_out == 1
    assert report.problems[0].reasons
    with pytest.raises(RecordsHaveProblems):
        imported(services, path)
    assert services.directory.is_empty()

    good = imported(services, path, skip_problems=True)
    assert (good.created, good.left_out) == (2, 1)
    assert services.directory.search().total == 2


def test_cancel_part_way_leaves_the_directory_as_it_was(
    services: Any, tmp_path: Path, reader: str
) -> None:
    path = write(tmp_path / "big.json", [service(n) for n in range(BATCH * 4 + 10)])
    reports = 0

    def progress(done: int, total: int) -> None:
        nonlocal reports
        reports += 1

    def cancelled() -> bool:
        return reports > 3  # a report comes every 100 records: batches have been written

    with pytest.raises(ReadCancelled):
        imported(services, path, progress=progress, cancelled=cancelled)
    assert services.directory.is_empty()


def test_a_file_cut_short_imports_nothing(services: Any, tmp_path: Path, reader: str) -> None:
    whole = json.dumps(page([service(n) for n in range(BATCH + 100)]))
    path = tmp_path / "cut.json"
    path.write_text(whole[: len(whole) * 9 // 10], encoding="utf-8")

    with pytest.raises(errors.ImportFailed):
        imported(services, path)
    assert services.directory.is_empty()


def test_a_single_service_file_never_withdraws_the_others(services: Any, tmp_path: Path) -> None:
    imported(services, write(tmp_path / "page.json", [service(1), service(2)]))
    single = tmp_path / "one.json"
    single.write_text(json.dumps(service(1, email="new@example.org")), encoding="utf-8")

    report = imported(services, single)

    assert (report.updated, report.withdrawn) == (1, 0)
    assert services.directory.search().total == 2


def test_likely_duplicates_across_sources_are_flagged_then_merged(
    services: Any, tmp_path: Path
) -> None:
    local = services.directory.save(
        AssetDraft(
            name="Riverside Walking Group 1",
            notes="Meets by the blue bench.",
            locations=(Location(name="Boat House", postcode="CH65 2AB"),),
        )
    )
    report = imported(services, write(tmp_path / "page.json", [service(1), service(2)]))

    assert report.duplicates_total == 1
    assert report.duplicates[0].reason.startswith("same name and postcode")
    pairs = services.directory_import.duplicates()
    assert len(pairs) == 1
    pair = pairs[0]
    assert {pair.asset_id, pair.other_id} >= {local.id}
    fed = pair.asset_id if pair.other_id == local.id else pair.other_id

    services.directory_import.merge(pair.id, keep_id=fed)

    trail = services.audit.page(AuditFilter(), limit=1000)
    (merged,) = [e for e in trail if e.action == "merge"]
    assert (merged.subject, merged.details) == (
        "asset",
        {"kept": str(fed), "merged": str(local.id)},
    )
    (import_entry,) = [e for e in trail if e.action == "import"]
    assert (import_entry.subject, import_entry.details["created"]) == ("directory", 2)
    assert services.directory.get(local.id).archived
    assert "Meets by the blue bench." in services.directory.get(fed).draft.notes
    assert services.directory_import.duplicates() == ()
    # A refresh of the feed does not flag the pair again.
    again = imported(services, write(tmp_path / "page2.json", [service(1), service(2)]))
    assert again.duplicates_total == 0


def test_the_same_phone_is_flagged_and_can_be_kept_apart(services: Any, tmp_path: Path) -> None:
    services.directory.save(AssetDraft(name="Towpath Walkers", phone="0151 496 0001"))
    record = service(
        1,
        contacts=[
            {
                "id": str(uuid.uuid4()),
                "name": "Ann Lee",
                "phones": [{"id": str(uuid.uuid4()), "number": "0151 496 0001"}],
            }
        ],
    )
    imported(services, write(tmp_path / "page.json", [record]))

    pairs = services.directory_import.duplicates()
    assert len(pairs) == 1 and pairs[0].reason.startswith("same phone number")
    services.directory_import.keep_apart(pairs[0].id)
    assert services.directory_import.duplicates() == ()


def test_the_source_is_remembered_with_its_counts(services: Any, tmp_path: Path) -> None:
    imported(services, write(tmp_path / "page.json", [service(1), service(2)]))

    (summary,) = services.directory_import.sources()
    assert summary.key == "canal-feed"
    assert (summary.created, summary.listings) == (2, 2)
    assert summary.last_finished_at is not None


def test_a_check_that_finds_nothing_to_change_counts_as_the_latest_refresh(
    services: Any, tmp_path: Path
) -> None:
    path = write(tmp_path / "page.json", [service(1), service(2)])
    imported(services, path)
    (before,) = services.directory_import.sources()
    source = services.directory_import.open(path, name="canal-feed")
    try:
        report = services.directory_import.check(source)
        assert report.changes_nothing
        services.directory_import.record_up_to_date(source, report)
    finally:
        source.close()

    (after,) = services.directory_import.sources()
    assert after.last_finished_at > before.last_finished_at
    assert (after.created, after.unchanged) == (0, 2)


def test_only_an_up_to_date_check_can_stand_for_an_import(services: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "page.json", [service(1)])
    source = services.directory_import.open(path, name="canal-feed")
    try:
        report = services.directory_import.check(source)
        with pytest.raises(ValueError):
            services.directory_import.record_up_to_date(source, report)
    finally:
        source.close()
    assert services.directory_import.sources() == ()
