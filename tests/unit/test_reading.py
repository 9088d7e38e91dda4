"""Reading a source in a helper process gives what reading it here gives, or the same error.

Each helper test starts a real process (spawned, as on Windows) that reads
real files; the sources that fail on purpose are defined here, at module
level, so the helper can import them as it would any source.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linkworker import errors
from linkworker.domain.directory import AssetDraft, Contact, Location
from linkworker.domain.directory_exchange import lookalike_keys
from linkworker.interchange import reading
from linkworker.interchange.checking import check_record, digest
from linkworker.interchange.json_sources import JsonFileSource, JsonFolderSource
from linkworker.interchange.records import (
    Cancelled,
    OnDisk,
    Progress,
    ReadCancelled,
    SourceInfo,
    SourceRecord,
    never,
)
from linkworker.interchange.tabular_sources import TableSource

TODAY = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def service(n: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": str(uuid.UUID(int=n + 1)),
        "name": f"Canal Walkers {n}",
        "description": "A <b>gentle</b> walk, then tea.",
        "assured_date": "2026-10-01",
        "organization": {"id": str(uuid.UUID(int=9_000 + n)), "name": "Towpath Trust"},
        "service_at_locations": [
            {
                "location": {
                    "id": str(uuid.UUID(int=19_000 + n)),
                    "name": "Boat House",
                    "addresses": [
                        {"address_1": f"{n} Lock Lane", "postal_code": f"ch65 {n % 9 + 1}ab"}
                    ],
                }
            }
        ],
        "contacts": [{"name": "Ann Lee", "phones": [{"number": "0151 496 0001"}]}],
        "schedules": [{"freq": "WEEKLY", "byday": "WE", "opens_at": "10:00am"}],
        "attributes": [{"taxonomy_term": {"name": "Walking"}}],
    }
    record.update(changes)
    return record


def write_page(path: Path, services: list[dict[str, Any]], pages: int = 1) -> Path:
    body = {"total_items": len(services), "total_pages": pages, "page_number": 1}
    path.write_text(json.dumps({**body, "contents": services}), encoding="utf-8")
    return path


def both_ways(source_factory: Any) -> tuple[list[Any], SourceInfo, list[Any], SourceInfo]:
    here_source, helper_source = source_factory(), source_factory()
    here = list(reading.read_checked(here_source, TODAY, helper=False))
    there = list(reading.read_checked(helper_source, TODAY, helper=True))
    return here, here_source.info, there, helper_source.info


def helpers_running() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == reading.HELPER_NAME]


# -- One record, checked ------------------------------------------------------------------


def test_a_checked_record_credits_the_source_and_is_fingerprinted() -> None:
    draft = AssetDraft(
        name="Lunch Club",
        phone="0151 496 0002",
        locations=(Location(postcode="ch65 2ab"),),
        contacts=(Contact(name="Raj", phone="+44 151 496 0003"),),
        last_verified_on=dt.date(2026, 10, 1),
    )
    record = SourceRecord(source_id="s1", draft=draft, label="record 1")

    checked = check_record(record, TODAY, "council feed")
    by_assurer = check_record(
        SourceRecord(source_id="s1", draft=draft, label="r", assured_by="a@example.org"),
        TODAY,
        "council feed",
    )

    assert checked.ok
    assert checked.draft.verified_by == "council feed"
    assert by_assurer.draft.verified_by == "a@example.org"
    assert checked.fingerprint == digest(checked.draft)
    assert checked.fingerprint != by_assurer.fingerprint
    assert checked.keys == lookalike_keys(checked.draft)
    assert checked.keys.postcodes == ("CH65 2AB",)
    assert [key for key, _ in checked.keys.phones] == ["01514960002", "01514960003"]


def test_a_record_the_directory_would_refuse_carries_the_reasons_and_no_fingerprint() -> None:
    late = AssetDraft(name="Choir", last_verified_on=TODAY + dt.timedelta(days=3))
    checked = check_record(SourceRecord("s2", late, "record 2"), TODAY, "feed")
    refused = check_record(SourceRecord("s3", late, "record 3", problems=("has no id",)), TODAY, "")

    assert checked.problems == ("The date last checked is in the future.",)
    assert checked.fingerprint == ""
    assert refused.problems == ("has no id",)  # the reader's own reasons come first


def test_the_same_listing_read_twice_has_the_same_fingerprint(tmp_path: Path) -> None:
    path = write_page(tmp_path / "p.json", [service(1)])
    first = list(reading.read_checked(JsonFileSource(path), TODAY, helper=False))
    second = list(reading.read_checked(JsonFileSource(path), TODAY, helper=False))
    write_page(path, [service(1, email="new@example.org")])
    changed = list(reading.read_checked(JsonFileSource(path), TODAY, helper=False))

    assert first[0].fingerprint == second[0].fingerprint
    assert changed[0].fingerprint != first[0].fingerprint


# -- In a helper process --------------------------------------------------------------------


def test_a_page_read_in_a_helper_gives_the_same_records_in_the_same_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger=reading.__name__)
    path = write_page(
        tmp_path / "page.json",
        [service(n) for n in range(reading.BATCH * 2 + 7)] + [service(999, name="")],
        pages=3,
    )

    here, here_info, there, there_info = both_ways(lambda: JsonFileSource(path))

    assert len(there) == reading.BATCH * 2 + 8
    assert there == here
    assert there[-1].problems == ("has no name",)
    assert there[0].warnings  # the HTML in the description was cleaned, and said so
    assert there_info == here_info
    assert not there_info.complete and "page 1 of 3" in there_info.notes[0]
    assert f"Read page in a helper process: {reading.BATCH * 2 + 8} records." in caplog.text
    assert helpers_running() == []


def test_tables_read_in_a_helper_bring_back_what_the_reader_noticed(tmp_path: Path) -> None:
    folder = tmp_path / "excel"
    shutil.copytree(FIXTURES / "hsds3_tables", folder)
    (folder / "schedules.csv").unlink()
    text = (
        "id,organization_id,name,description,status\n"
        "s3-cafe,o3-hub,Café Côte,Tea and cake for £1.50 – all welcome,active\n"
    )
    (folder / "services.csv").write_bytes(text.encode("cp1252"))

    here, here_info, there, there_info = both_ways(lambda: TableSource(folder))

    assert [r.draft.name for r in there] == ["Café Côte"]
    assert there == here
    assert "services.csv was read as Windows-1252" in there_info.notes
    assert any("no schedules table" in note for note in there_info.notes)
    assert there_info == here_info


def test_a_folder_of_pages_read_in_a_helper_reports_progress_to_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in (1, 2):
        services = [service(page * 1000 + n) for n in range(150)]
        write_page(folder / f"page-{page}.json", services)
    seen: list[tuple[int, int]] = []

    records = list(
        reading.read_checked(
            JsonFolderSource(folder), TODAY, lambda d, t: seen.append((d, t)), helper=True
        )
    )

    assert len(records) == 300
    assert seen, "no progress was reported"
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1] == sum(p.stat().st_size for p in folder.iterdir())


def test_a_file_cut_short_fails_in_the_helper_as_it_does_here(tmp_path: Path) -> None:
    whole = json.dumps({"contents": [service(n) for n in range(300)]})
    path = tmp_path / "cut.json"
    path.write_text(whole[: len(whole) * 2 // 3], encoding="utf-8")

    with pytest.raises(errors.ImportFailed) as here:
        list(reading.read_checked(JsonFileSource(path), TODAY, helper=False))
    with pytest.raises(errors.ImportFailed) as there:
        list(reading.read_checked(JsonFileSource(path), TODAY, helper=True))

    assert "stops part way through" in there.value.message
    assert (there.value.message, there.value.advice) == (here.value.message, here.value.advice)
    assert helpers_running() == []


def test_cancel_stops_the_helper_between_batches(tmp_path: Path) -> None:
    path = write_page(tmp_path / "page.json", [service(n) for n in range(reading.BATCH * 6)])
    reports = 0

    def progress(done: int, total: int) -> None:
        nonlocal reports
        reports += 1

    def cancelled() -> bool:
        return reports >= 2

    got = 0
    with pytest.raises(ReadCancelled):
        for _ in reading.read_checked(
            JsonFileSource(path), TODAY, progress, cancelled, helper=True
        ):
            got += 1
    assert got == reading.BATCH * 2
    assert helpers_running() == []


class Failing:
    """A real JSON file whose reading goes wrong after ``after`` records, as a bug would."""

    def __init__(self, path: Path, after: int, how: str) -> None:
        self.inner = JsonFileSource(path)
        self.info = self.inner.info
        self.after = after
        self.how = how

    def on_disk(self) -> OnDisk:
        return OnDisk(self, 1)

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        for n, record in enumerate(self.inner.records(progress, cancelled)):
            if n == self.after:
                if self.how == "exit":
                    os._exit(3)  # the process dies with no word
                raise KeyError("a bug in a reader")
            yield record

    def close(self) -> None:
        """Nothing to remove."""


@pytest.mark.parametrize(
    ("how", "said"),
    [("raise", "failed unexpectedly (KeyError: 'a bug in a reader')"), ("exit", "part way")],
)
def test_a_helper_that_fails_or_dies_is_an_import_failure_not_a_hang(
    tmp_path: Path, how: str, said: str
) -> None:
    path = write_page(tmp_path / "page.json", [service(n) for n in range(reading.BATCH + 20)])

    got = 0
    with pytest.raises(errors.ImportFailed) as failure:
        for _ in reading.read_checked(Failing(path, reading.BATCH + 5, how), TODAY, helper=True):
            got += 1

    assert said in failure.value.message
    assert "Nothing was imported" in failure.value.advice
    assert got == reading.BATCH  # the batch sent before the failure, and nothing after
    assert helpers_running() == []


class DiesInAHelper(Failing):
    """Reads normally here; in a helper process, dies before reading anything."""

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        if multiprocessing.parent_process() is not None:
            os._exit(4)
        yield from self.inner.records(progress, cancelled)


def test_a_helper_that_cannot_begin_leaves_the_reading_to_this_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_page(tmp_path / "page.json", [service(n) for n in range(30)])

    records = list(reading.read_checked(DiesInAHelper(path, 0, ""), TODAY, helper=True))

    assert [r.source_id for r in records] == [service(n)["id"] for n in range(30)]
    assert "stopped before it began (exit code 4)" in caplog.text


# -- When a helper is used --------------------------------------------------------------------


def test_only_a_big_source_on_disk_is_read_in_a_helper_given_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "cores", lambda: 2)
    path = write_page(tmp_path / "page.json", [service(n) for n in range(reading.BATCH + 1)])
    size = path.stat().st_size

    def helper_while_reading(threshold: int) -> bool:
        monkeypatch.setattr(reading, "HELPER_FROM_BYTES", threshold)
        records = reading.read_checked(JsonFileSource(path), TODAY)
        next(records)
        running = bool(helpers_running())
        records.close()
        return running

    assert helper_while_reading(size)
    assert not helper_while_reading(size + 1)
    monkeypatch.setattr(reading, "cores", lambda: 1)
    assert not helper_while_reading(size)  # with one core, a helper would only slow it
    assert helpers_running() == []
