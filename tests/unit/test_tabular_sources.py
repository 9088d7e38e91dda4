"""Reading CSV datapackages (ORUK v1 and HSDS 3.0 tables) from folders and zips."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from linkworker import errors
from linkworker.domain.directory import Day
from linkworker.interchange.records import ReadCancelled, SourceKind, SourceRecord
from linkworker.interchange.tabular_sources import TableSource, flavour

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
HSDS3 = FIXTURES / "hsds3_tables"
ORUK1 = FIXTURES / "oruk1_tables"


def copy_tables(source: Path, target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    target.mkdir(parents=True)
    for table in source.glob("*.csv"):
        if table.name not in leave_out:
            shutil.copy(table, target / table.name)
    return target


def zip_tables(source: Path, path: Path, under: str = "", leave_out: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in sorted(source.glob("*.csv")):
            if table.name not in leave_out:
                archive.write(table, f"{under}{table.name}")
    return path


def by_id(records: list[SourceRecord]) -> dict[str, SourceRecord]:
    return {r.source_id: r for r in records}


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write(line + "\n")


# -- HSDS 3.0 tables -----------------------------------------------------------------------


def test_hsds3_tables_in_a_folder_are_linked_into_each_service() -> None:
    source = TableSource(HSDS3)
    records = list(source.records())
    assert source.info.kind is SourceKind.HSDS3_TABLES
    assert source.info.complete is True
    assert source.info.notes == []
    assert [r.label for r in records] == [
        "services.csv row 2 'Knit and Natter'",
        "services.csv row 3 'Money Matters Drop-in'",
        "services.csv row 4 'Wolverham Community Choir'",
    ]
    assert all(r.ok for r in records)
    money = by_id(records)["s3-money"].draft
    assert money.organisation == "Wolverham Community Hub"
    assert money.locations[0].postcode == "CH65 9QT"
    assert money.locations[0].latitude == pytest.approx(53.285)
    # its schedule is linked through service_at_locations only
    assert {t.day for t in money.opening_times} == {Day.TUESDAY, Day.THURSDAY}
    # its phone is on its contact; its language from languages.csv
    assert money.contacts[0].phone == "0151 496 0790"
    assert money.languages == ("Polish",)
    assert "Advice" in money.categories
    knit = by_id(records)["s3-knit"].draft
    assert knit.phone == "0151 496 0789"
    assert "hearing_loop" in knit.accessibility
    assert "Arts and crafts" in knit.categories
    assert "£2" in knit.cost_note


def test_hsds3_singular_table_names_are_read_too(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "tables")
    (folder / "addresses.csv").rename(folder / "address.csv")
    (folder / "schedules.csv").rename(folder / "schedule.csv")
    (folder / "service_at_locations.csv").rename(folder / "service_at_location.csv")
    (folder / "attributes.csv").rename(folder / "attribute.csv")
    source = TableSource(folder)
    choir = by_id(list(source.records()))["s3-choir"].draft
    assert source.info.notes == []
    assert choir.locations[0].postcode == "CH65 4LP"
    assert choir.opening_times[0].day is Day.WEDNESDAY
    assert choir.categories == ("Music",)


# -- ORUK v1 tables ------------------------------------------------------------------------


def test_oruk1_tables_use_the_v1_shape_and_note_missing_tables() -> None:
    source = TableSource(ORUK1)
    records = by_id(list(source.records()))
    assert source.info.kind is SourceKind.ORUK1_TABLES
    assert source.info.notes == [
        "no cost_options table, so no cost options were read",
        "no languages table, so no languages were read",
    ]
    befriending = records["v1s-bef"].draft
    assert befriending.age_min == 65  # from eligibilitys.csv
    assert befriending.categories == ("Befriending",)  # service_taxonomys.csv + taxonomies.csv
    assert befriending.contacts[0].phone == "0151 496 0234"
    assert befriending.opening_times[0].day is Day.MONDAY
    art = records["v1s-art"].draft
    assert art.locations[0].postcode == "CH65 7HD"  # physical_addresses.csv
    assert "accessible_toilet" in art.accessibility  # accessibility_for_disabilities.csv
    assert art.opening_times[0].day is Day.FRIDAY  # linked by service_at_location_id only
    assert art.opening_times[0].starts is not None
    assert art.opening_times[0].starts.hour == 14


@pytest.mark.parametrize(
    ("tables", "columns", "kind"),
    [
        ({"services", "physical_addresses"}, ["id", "name"], SourceKind.ORUK1_TABLES),
        ({"services", "regular_schedules"}, ["id", "name"], SourceKind.ORUK1_TABLES),
        ({"services", "addresses", "schedules"}, ["id", "name"], SourceKind.HSDS3_TABLES),
        ({"services"}, ["id", "attending_type"], SourceKind.ORUK1_TABLES),
        ({"services"}, ["id", "last_modified"], SourceKind.HSDS3_TABLES),
        ({"services"}, ["id", "name"], SourceKind.HSDS3_TABLES),
    ],
)
def test_flavour_is_told_by_tables_and_columns(
    tables: set[str], columns: list[str], kind: SourceKind
) -> None:
    assert flavour(tables, columns) is kind


# -- zips ----------------------------------------------------------------------------------


def test_a_zip_reads_like_the_folder(tmp_path: Path) -> None:
    path = zip_tables(HSDS3, tmp_path / "export.zip")
    source = TableSource(path)
    records = list(source.records())
    assert [r.source_id for r in records] == ["s3-knit", "s3-money", "s3-choir"]
    assert source.info.name == "export"
    assert by_id(records)["s3-money"].draft.locations[0].postcode == "CH65 9QT"


def test_a_zip_with_its_tables_in_a_subfolder(tmp_path: Path) -> None:
    path = zip_tables(ORUK1, tmp_path / "council.zip", under="council-export-2024/data/")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("__MACOSX/council-export-2024/data/._services.csv", b"\x00\x05junk")
        archive.writestr("council-export-2024/README.txt", "Exported for partners.")
    source = TableSource(path)
    records = list(source.records())
    assert source.info.kind is SourceKind.ORUK1_TABLES
    assert len(records) == 2
    assert by_id(records)["v1s-art"].draft.locations[0].postcode == "CH65 7HD"


def test_a_zip_without_services_names_the_table_and_lists_what_it_holds(
    tmp_path: Path,
) -> None:
    path = zip_tables(HSDS3, tmp_path / "part.zip", leave_out=("services.csv",))
    with pytest.raises(errors.ImportFailed) as caught:
        TableSource(path)
    message = caught.value.message
    assert "no services.csv" in message
    assert "part.zip" in message
    assert "organizations.csv" in message
    assert "locations.csv" in message
    assert "Nothing was imported" in caught.value.advice


def test_a_zip_of_json_pages_suggests_importing_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(FIXTURES / "oruk3_page.json", "page-1.json")
    with pytest.raises(errors.ImportFailed) as caught:
        TableSource(path)
    assert "page-1.json" in caught.value.message
    assert "unzip it" in caught.value.advice


def test_a_zip_missing_schedules_notes_that_no_opening_times_were_read(tmp_path: Path) -> None:
    path = zip_tables(HSDS3, tmp_path / "no-times.zip", leave_out=("schedules.csv",))
    source = TableSource(path)
    records = list(source.records())
    assert "no schedules table, so no opening times were read" in source.info.notes
    assert len(source.info.notes) == 1
    assert all(r.draft.opening_times == () for r in records)
    assert by_id(records)["s3-knit"].draft.locations[0].postcode == "CH65 9QT"


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tables.zip"
    path.write_text("id,name\n1,Not a zip at all\n")
    with pytest.raises(errors.ImportFailed, match=r"tables\.zip is not a zip file"):
        TableSource(path)


def test_a_zip_cut_short_is_refused(tmp_path: Path) -> None:
    whole = zip_tables(HSDS3, tmp_path / "whole.zip").read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(errors.ImportFailed, match=r"cut\.zip is not a zip file"):
        TableSource(path)


def test_a_damaged_table_inside_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for table in sorted(HSDS3.glob("*.csv")):
            archive.write(table, table.name)
    data = bytearray(path.read_bytes())
    start = data.index(b"Hearing loop")
    data[start : start + 7] = b"Hearing"[::-1]  # the stored CRC no longer matches
    path.write_bytes(bytes(data))
    source = TableSource(path)
    with pytest.raises(errors.ImportFailed, match=r"damaged\.zip .*damaged"):
        list(source.records())


# -- encodings, orphans, bad rows ----------------------------------------------------------


def test_windows_1252_tables_are_read_and_noted(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "excel")
    text = (
        "id,organization_id,name,description,status\n"
        "s3-cafe,o3-hub,Café Côte,Tea and cake for £1.50 – all welcome,active\n"
    )
    (folder / "services.csv").write_bytes(text.encode("cp1252"))
    source = TableSource(folder)
    [record] = list(source.records())
    assert record.label == "services.csv row 2 'Café Côte'"
    assert record.draft.name == "Café Côte"
    assert "£1.50 – all" in record.draft.description
    assert "services.csv was read as Windows-1252" in source.info.notes


def test_utf8_with_a_byte_order_mark_keeps_the_first_heading(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "bom")
    text = (HSDS3 / "services.csv").read_text(encoding="utf-8")
    (folder / "services.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    source = TableSource(folder)
    assert [r.source_id for r in source.records()] == ["s3-knit", "s3-money", "s3-choir"]
    assert source.info.notes == []


def test_orphan_rows_are_counted_in_one_note(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "orphans")
    append(folder / "phones.csv", "p3-lost,s3-gone,,,0151 496 0999,")
    append(folder / "phones.csv", "p3-lost2,s3-gone,,,0151 496 0998,")
    append(folder / "schedules.csv", "sc3-lost,s3-gone,,WEEKLY,FR,10:00,11:00,")
    append(folder / "addresses.csv", "a3-lost,l3-gone,1 Nowhere Lane,Ellesmere Port,CH65 1AA,GB,")
    source = TableSource(folder)
    records = list(source.records())
    assert len(records) == 3
    [note] = source.info.notes
    assert note.startswith("4 rows point to a service or place that is not in the tables")
    assert "phones.csv 2" in note
    assert "schedules.csv 1" in note
    assert "addresses.csv 1" in note


def test_an_unclosed_quote_is_refused_with_the_row(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "quote")
    (folder / "services.csv").write_text(
        'id,name,description\ns3-a,Open quote,"never closed\n' + "x" * 200_000 + "\n"
    )
    with pytest.raises(errors.ImportFailed, match=r"services\.csv row \d+ could not be read"):
        list(TableSource(folder).records())


def test_a_quote_never_closed_is_refused_not_read_as_one_service(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "swallow")
    (folder / "services.csv").write_text(
        "id,name,description\n"
        "s3-a,Knit and natter,Wool provided\n"
        's3-b,Open quote,"never closed\n'
        "s3-c,Choir,Sing with us\n"
        "s3-d,Walks,Gentle walks\n"
    )
    with pytest.raises(errors.ImportFailed, match="quotation mark at line 3 is never closed"):
        list(TableSource(folder).records())
    (folder / "services.csv").write_text(
        'id,name,description\ns3-a,Knit and natter,"Wool\nprovided"\ns3-c,Choir,Sing\n'
    )
    assert [r.source_id for r in TableSource(folder).records()] == ["s3-a", "s3-c"]


def test_a_row_without_an_id_is_a_problem_not_a_failure(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "noid")
    append(folder / "services.csv", ",o3-hub,Nameless Id Group,,,,active,,,,,")
    records = list(TableSource(folder).records())
    assert len(records) == 4
    assert records[3].label == "services.csv row 5 'Nameless Id Group'"
    assert not records[3].ok


# -- progress and cancel -------------------------------------------------------------------


def big_services(folder: Path, count: int) -> None:
    lines = ["id,organization_id,name,status,last_modified"]
    lines += [f"gen-{n},o3-hub,Generated Group {n},active,2024-01-01" for n in range(count)]
    (folder / "services.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_progress_counts_service_rows(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "big")
    big_services(folder, 350)
    calls: list[tuple[int, int]] = []
    records = list(TableSource(folder).records(progress=lambda d, t: calls.append((d, t))))
    assert len(records) == 350
    assert calls[0] == (0, 350)
    assert (100, 350) in calls
    assert calls[-1] == (350, 350)
    assert len(calls) <= 350 // 100 + 2


def test_cancel_stops_between_rows(tmp_path: Path) -> None:
    folder = copy_tables(HSDS3, tmp_path / "cancel")
    big_services(folder, 500)
    seen: list[str] = []
    with pytest.raises(ReadCancelled):
        for record in TableSource(folder).records(cancelled=lambda: len(seen) >= 25):
            seen.append(record.source_id)
    assert len(seen) == 25


def test_reading_twice_gives_the_same_records_and_notes(tmp_path: Path) -> None:
    path = zip_tables(ORUK1, tmp_path / "twice.zip")
    source = TableSource(path)
    first = [(r.source_id, r.draft) for r in source.records()]
    notes = list(source.info.notes)
    second = [(r.source_id, r.draft) for r in source.records()]
    assert first == second
    assert source.info.notes == notes
