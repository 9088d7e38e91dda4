"""Reading ORUK JSON files and folders of pages: shapes, flavours, damage, progress, memory."""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from linkworker import errors
from linkworker.domain.directory import Day
from linkworker.interchange.json_sources import JsonFileSource, JsonFolderSource, json_flavour
from linkworker.interchange.records import ReadCancelled, SourceKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def v3_service(number: int) -> dict[str, Any]:
    """An invented ORUK 3.0 service, about a kilobyte of JSON."""
    return {
        "id": f"gen-{number:05d}",
        "name": f"Generated Group {number}",
        "description": "A weekly group for anyone who would like company and a cup of tea. " * 3,
        "status": "active",
        "last_modified": "2024-04-01T10:00:00Z",
        "organization": {"id": f"org-{number % 50}", "name": f"Helpers Trust {number % 50}"},
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location": {
                    "id": f"loc-{number}",
                    "name": "Meeting room",
                    "latitude": 53.28,
                    "longitude": -2.9,
                    "addresses": [
                        {
                            "id": f"adr-{number}",
                            "address_1": f"{number} Wren Street",
                            "city": "Ellesmere Port",
                            "postal_code": "CH65 2AB",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": f"sch-{number}",
                "freq": "WEEKLY",
                "byday": "MO",
                "opens_at": "10:00",
                "closes_at": "12:00",
            }
        ],
        "attributes": [],
    }


def v1_service(number: int) -> dict[str, Any]:
    return {
        "id": f"v1-{number}",
        "name": f"Older Group {number}",
        "service_at_locations": [
            {
                "id": f"v1sal-{number}",
                "location": {
                    "id": f"v1loc-{number}",
                    "name": "Old hall",
                    "physical_addresses": [
                        {
                            "id": "a",
                            "address_1": "1 Finch Row",
                            "city": "Ellesmere Port",
                            "postal_code": "CH66 4XY",
                        }
                    ],
                },
            }
        ],
        "regular_schedules": [
            {
                "id": f"v1rs-{number}",
                "weekday": "Friday",
                "opens_at": "2:00pm",
                "closes_at": "3:00pm",
            }
        ],
    }


def page(services: list[dict[str, Any]], number: int = 1, pages: int = 1) -> dict[str, Any]:
    return {
        "total_items": len(services) * pages,
        "total_pages": pages,
        "page_number": number,
        "size": len(services),
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": not services,
        "contents": services,
    }


def write(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


# -- shapes --------------------------------------------------------------------------------


def test_a_single_oruk3_service_is_one_record_and_not_a_complete_source() -> None:
    source = JsonFileSource(FIXTURES / "oruk3_service.json")
    [record] = list(source.records())
    assert record.ok, record.problems
    assert record.source_id == "svc-walk-01"
    assert record.label == "record 1 'Rivacre Valley Health Walks'"
    assert record.draft.locations[0].postcode == "CH65 2AB"
    assert source.info.kind is SourceKind.ORUK3_JSON
    assert source.info.complete is False
    assert source.info.name == "oruk3_service"


def test_a_page_streams_every_service_in_order_and_is_complete() -> None:
    source = JsonFileSource(FIXTURES / "oruk3_page.json", name="Wirral feed")
    records = list(source.records())
    assert [r.source_id for r in records] == ["svc-cafe-01", "svc-shed-01", "svc-sing-01"]
    assert records[0].label == "record 1 'Whitby Road Community Café'"
    assert records[0].draft.opening_times[0].day is Day.WEDNESDAY
    assert source.info.complete is True
    assert source.info.name == "Wirral feed"


def test_an_oruk1_service_goes_through_the_v1_mapper() -> None:
    source = JsonFileSource(FIXTURES / "oruk1_service.json")
    [record] = list(source.records())
    assert source.info.kind is SourceKind.ORUK1_JSON
    # physical_addresses and eligibilitys are only read by the v1 mapper
    assert record.draft.locations[0].postcode == "CH66 4XY"
    assert record.draft.age_min == 16
    assert "Gardening" in record.draft.categories


def test_a_bare_list_of_v1_services_is_read_with_both_taxonomy_spellings() -> None:
    source = JsonFileSource(FIXTURES / "oruk1_list.json")
    records = list(source.records())
    assert source.info.kind is SourceKind.ORUK1_JSON
    assert source.info.complete is True
    assert [r.draft.categories for r in records] == [("Library",), ("Carers",)]
    assert records[0].draft.opening_times[0].starts is not None
    assert records[0].draft.opening_times[0].starts.hour == 14


def test_each_record_is_mapped_by_its_own_flavour(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.json", [v3_service(1), v1_service(2)])
    records = list(JsonFileSource(path).records())
    assert records[0].draft.locations[0].postcode == "CH65 2AB"
    assert records[1].draft.locations[0].postcode == "CH66 4XY"
    assert records[1].draft.opening_times[0].day is Day.FRIDAY


@pytest.mark.parametrize(
    ("service", "kind"),
    [
        ({"id": "1", "name": "x", "service_taxonomys": []}, SourceKind.ORUK1_JSON),
        ({"id": "1", "name": "x", "eligibilities": []}, SourceKind.ORUK1_JSON),
        ({"id": "1", "name": "x", "attributes": [], "schedules": []}, SourceKind.ORUK3_JSON),
        ({"id": "1", "name": "x", "last_modified": "2024-01-01"}, SourceKind.ORUK3_JSON),
        (
            {"id": "1", "service_at_locations": [{"location": {"physical_addresses": []}}]},
            SourceKind.ORUK1_JSON,
        ),
        (
            {"id": "1", "service_at_locations": [{"location": {"addresses": []}}]},
            SourceKind.ORUK3_JSON,
        ),
        ({"id": "1", "name": "x"}, None),
    ],
)
def test_flavour_is_told_by_the_keys_a_service_uses(
    service: dict[str, Any], kind: SourceKind | None
) -> None:
    assert json_flavour(service) is kind


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(page([v3_service(1)])).encode())
    assert [r.source_id for r in JsonFileSource(path).records()] == ["gen-00001"]


def test_one_page_of_several_is_not_a_complete_source(
    tmp_path: Path,
) -> None:
    body = page([v3_service(1), v3_service(2)], number=2, pages=5)
    path = write(tmp_path / "p.json", body)
    source = JsonFileSource(path)
    assert len(list(source.records())) == 2
    assert source.info.complete is False
    assert "page 2 of 5" in source.info.notes[0]


def test_an_entry_that_is_not_an_object_is_a_problem_record(tmp_path: Path) -> None:
    path = write(tmp_path / "list.json", [v3_service(1), "stray text", v3_service(3)])
    records = list(JsonFileSource(path).records())
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].label == "record 2"


# -- folders -------------------------------------------------------------------------------


def test_a_folder_reads_pages_in_name_order_and_labels_with_the_file(tmp_path: Path) -> None:
    for number in (1, 2, 10):
        write(tmp_path / f"page-{number}.json", page([v3_service(number)], number, 10))
    write(tmp_path / ".hidden.json", page([v3_service(99)]))
    (tmp_path / "readme.txt").write_text("not a page")
    source = JsonFolderSource(tmp_path)
    records = list(source.records())
    assert [r.source_id for r in records] == ["gen-00001", "gen-00002", "gen-00010"]
    assert records[2].label == "page-10.json record 1 'Generated Group 10'"
    assert source.info.name == tmp_path.name
    # the pages say there were 10, only 3 are here: a refresh must not withdraw the rest
    assert source.info.complete is False
    assert "3 of the 10 pages" in source.info.notes[0]


def test_a_folder_holding_every_page_is_complete(tmp_path: Path) -> None:
    write(tmp_path / "page-1.json", page([v3_service(1)], 1, 2))
    write(tmp_path / "page-2.json", page([v1_service(2)], 2, 2))
    source = JsonFolderSource(tmp_path)
    records = list(source.records())
    assert len(records) == 2
    assert source.info.complete is True
    assert source.info.kind is SourceKind.ORUK3_JSON
    assert records[1].draft.locations[0].postcode == "CH66 4XY"


def test_a_folder_without_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(errors.ImportFailed, match=r"holds no \.json files"):
        list(JsonFolderSource(tmp_path).records())


# -- damage --------------------------------------------------------------------------------


def test_a_file_cut_in_half_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = (FIXTURES / "oruk3_page.json").read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(errors.ImportFailed) as caught:
        list(JsonFileSource(path).records())
    assert "cut.json" in caught.value.message
    assert "cut short" in caught.value.message
    assert "Nothing was imported" in caught.value.advice
    assert "again" in caught.value.advice


def test_a_big_file_cut_short_says_after_which_record(tmp_path: Path) -> None:
    body = json.dumps(page([v3_service(n) for n in range(400)])).encode()
    path = tmp_path / "big.json"
    path.write_bytes(body[: int(len(body) * 0.6)])
    seen: list[str] = []
    with pytest.raises(errors.ImportFailed) as caught:
        seen.extend(r.source_id for r in JsonFileSource(path).records())
    assert 100 < len(seen) < 400
    assert "after record" in caught.value.message
    assert "byte" in caught.value.message


def test_malformed_json_in_the_middle_is_refused(tmp_path: Path) -> None:
    text = json.dumps([v3_service(1), v3_service(2)]).replace('"gen-00002"', '"gen-00002" oops')
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(errors.ImportFailed, match=r"bad\.json is damaged.*after record 1"):
        list(JsonFileSource(path).records())


@pytest.mark.parametrize(
    "content",
    ['{"foo": 1, "bar": [1, 2]}', "[1, 2, 3]", '[{"colour": "blue"}]', "42", '"text"'],
)
def test_valid_json_that_is_not_services_does_not_look_like_open_referral(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(content)
    with pytest.raises(errors.ImportFailed, match="does not look like Open Referral"):
        list(JsonFileSource(path).records())


def test_the_fixture_that_is_not_open_referral_is_refused() -> None:
    with pytest.raises(errors.ImportFailed, match=r"not_open_referral\.json is JSON"):
        list(JsonFileSource(FIXTURES / "not_open_referral.json").records())


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    with pytest.raises(errors.ImportFailed, match=r"empty\.json is empty"):
        list(JsonFileSource(path).records())


def test_json_saved_in_windows_1252_is_refused_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp.json"
    path.write_bytes('[{"id": "1", "name": "Café"}]'.encode("cp1252"))
    with pytest.raises(errors.ImportFailed, match="not saved as UTF-8"):
        list(JsonFileSource(path).records())


# -- progress, cancel, memory --------------------------------------------------------------


def test_progress_counts_bytes_at_most_every_hundred_records(tmp_path: Path) -> None:
    path = write(tmp_path / "p.json", page([v3_service(n) for n in range(450)]))
    size = path.stat().st_size
    calls: list[tuple[int, int]] = []
    records = list(JsonFileSource(path).records(progress=lambda d, t: calls.append((d, t))))
    assert len(records) == 450
    assert len(calls) <= 450 // 100 + 2
    assert all(total == size for _, total in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert calls[-1] == (size, size)


def test_a_folder_reports_bytes_across_all_its_files(tmp_path: Path) -> None:
    for number in (1, 2):
        write(tmp_path / f"page-{number}.json", page([v3_service(n) for n in range(150)]))
    total = sum(p.stat().st_size for p in tmp_path.glob("*.json"))
    calls: list[tuple[int, int]] = []
    list(JsonFolderSource(tmp_path).records(progress=lambda d, t: calls.append((d, t))))
    assert calls[-1] == (total, total)
    assert any(0 < d < total for d, _ in calls)


def test_cancel_stops_between_records(tmp_path: Path) -> None:
    path = write(tmp_path / "p.json", page([v3_service(n) for n in range(300)]))
    seen: list[str] = []
    with pytest.raises(ReadCancelled):
        for record in JsonFileSource(path).records(cancelled=lambda: len(seen) >= 40):
            seen.append(record.source_id)
    assert len(seen) == 40


def test_memory_stays_flat_on_a_big_file(tmp_path: Path) -> None:
    """5,000 services (about 19 MB) read with a peak far below the file's size.

    The bulk of each service is in ``funding``, which the mapper does not read,
    so the test measures the reader rather than the mapping of long texts.
    """
    path = tmp_path / "big.json"
    padding = [{"id": "fund", "source": "Raised by the summer fair and a council grant. " * 76}]
    with path.open("w", encoding="utf-8") as out:
        out.write('{"total_items": 5000, "total_pages": 1, "page_number": 1, "contents": [')
        for number in range(5_000):
            service = {"id": f"big-{number}", "name": f"Group {number}", "funding": padding}
            out.write(("," if number else "") + json.dumps(service))
        out.write("]}")
    size = path.stat().st_size
    assert size > 18_000_000
    gc.collect()
    tracemalloc.start()
    try:
        count = sum(1 for record in JsonFileSource(path).records() if record.ok)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5_000
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,} byte file"
