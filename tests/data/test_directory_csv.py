"""Spreadsheet exchange for the directory: reading, checking, importing and exporting CSV."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker import errors
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.errors import ExportFailed
from linkworker.services import directory_csv
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_csv import (
    COLUMNS,
    CsvPreview,
    RowProblem,
    export_directory_csv,
    import_directory_csv,
    read_directory_csv,
    row_from_draft,
)

T = dt.time


def write_csv(
    path: Path, rows: list[dict[str, str]], encoding: str = "utf-8", header: list[str] | None = None
) -> Path:
    """Write rows as a spreadsheet would: a heading row, then one row per dict."""
    columns = header or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def count(directory: DirectoryService) -> int:
    return directory.facets().total_assets


GOOD_ROWS = [
    {
        "name": "Wirral Walking Group",
        "organisation": "Wirral Ramblers",
        "description": 'Gentle walks, about 2 miles.\nTea afterwards, "on us".',
        "categories": "Walking; Exercise",
        "cost": "Free",
        "join_mode": "just turn up",
        "postcode": "ch47 2ab",
        "opening_times": "Tue 10:00-12:00; Thu 2pm-4pm",
        "accessibility": "step_free; Seating available",
        "waiting_list": "no",
        "last_verified_on": "2024-03-01",
    },
    {
        "name": "Men's Shed",
        "cost": "low cost",
        "cost_note": "£2 a session",
        "join_mode": "self referral",
        "age_min": "18",
        "postcode": "CH41 5AB",
        "opening_times": "Wednesdays 9:30am-1pm",
        "last_verified_on": "15/01/2024",
        "waiting_list": "yes",
    },
    {
        "name": "Debt advice clinic",
        "cost": "paid",
        "join_mode": "referral needed",
        "status": "paused",
        "website": "www.example.org/debt",
        "phone": "01632  960123",
        "contact_name": "Sam Jones",
        "contact_email": "sam@example.org",
    },
]


# Reading a good file --------------------------------------------------------


def test_good_file_is_read_and_imported(tmp_path: Path, directory: DirectoryService) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)

    preview = read_directory_csv(path)

    assert preview.ok
    assert preview.problems == () and preview.duplicates == () and preview.warnings == ()
    assert preview.encoding == "UTF-8"
    assert preview.rows_read == 3
    assert preview.lines == (2, 3, 4)
    walk, shed, debt = preview.drafts
    assert walk.description == 'Gentle walks, about 2 miles.\nTea afterwards, "on us".'
    assert walk.categories == ("Walking", "Exercise")
    assert walk.cost is Cost.FREE and walk.join_mode is JoinMode.DROP_IN
    assert walk.locations == (Location(postcode="CH47 2AB"),)
    assert walk.accessibility == ("step_free", "seating")
    assert walk.opening_times == (
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.THURSDAY, T(14), T(16)),
    )
    assert walk.last_verified_on == dt.date(2024, 3, 1)
    assert shed.cost is Cost.LOW_COST and shed.cost_note == "£2 a session"
    assert shed.join_mode is JoinMode.SELF_REFERRAL and shed.age_min == 18
    assert shed.waiting_list is True
    assert shed.opening_times == (OpeningTime(Day.WEDNESDAY, T(9, 30), T(13)),)
    assert shed.last_verified_on == dt.date(2024, 1, 15)
    assert debt.cost is Cost.PAID and debt.join_mode is JoinMode.REFERRAL
    assert debt.status is AssetStatus.PAUSED
    assert debt.website == "https://www.example.org/debt"
    assert debt.phone == "01632 960123"
    assert debt.contacts == (Contact(name="Sam Jones", email="sam@example.org"),)
    assert debt.locations == ()

    progress: list[tuple[int, int]] = []
    assert import_directory_csv(directory, preview, lambda d, t: progress.append((d, t))) == 3
    assert count(directory) == 3
    assert progress[-1] == (6, 6)
    found = directory.search(DirectoryFilter(text="shed")).rows
    assert [r.name for r in found] == ["Men's Shed"]


def test_headings_ignore_case_spaces_and_underscores(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("  NAME ,Join Mode, last-verified-on\nCafe,Drop-in,2024-02-02\n")
    preview = read_directory_csv(path)
    assert preview.ok and preview.warnings == ()
    assert preview.drafts[0].join_mode is JoinMode.DROP_IN
    assert preview.drafts[0].last_verified_on == dt.date(2024, 2, 2)


def test_unknown_heading_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", [{"name": "Cafe", "Favourite colour": "blue"}])
    preview = read_directory_csv(path)
    assert preview.ok and len(preview.drafts) == 1
    assert len(preview.warnings) == 1 and "Favourite colour" in preview.warnings[0]


def test_only_name_is_required(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("name\nLunch club\n\n,\nBook club\n")
    preview = read_directory_csv(path)
    assert [d.name for d in preview.drafts] == ["Lunch club", "Book club"]
    assert preview.lines == (2, 5)  # blank rows keep their row numbers
    assert preview.rows_read == 2


def test_semicolon_separated_file_from_a_european_excel(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text('name;cost;categories\nCafe;free;"Food; Social"\n', encoding="utf-8")
    preview = read_directory_csv(path)
    assert preview.ok
    assert preview.drafts[0].categories == ("Food", "Social")


def test_excel_sep_line_sets_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\nname;cost\nCafe;£\nShed;dear\n")
    preview = read_directory_csv(path)
    assert [d.cost for d in preview.drafts] == [Cost.LOW_COST]
    assert [p.line for p in preview.problems] == [3]  # Excel hides the sep= line


def test_heading_row_without_assets_warns(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("name,cost\n")
    preview = read_directory_csv(path)
    assert preview.drafts == () and preview.rows_read == 0
    assert any("no rows" in w for w in preview.warnings)


# Encodings and unreadable files ----------------------------------------------


def test_windows_1252_file_reads_accents_and_pound_signs(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "ansi.csv",
        [{"name": "Café Hub", "cost": "£", "cost_note": "£2 – pay what you can"}],
        encoding="cp1252",
    )
    assert b"Caf\xe9" in path.read_bytes()  # really not UTF-8
    preview = read_directory_csv(path)
    assert preview.encoding == "Windows-1252"
    draft = preview.drafts[0]
    assert draft.name == "Café Hub"
    assert draft.cost is Cost.LOW_COST
    assert draft.cost_note == "£2 – pay what you can"


def test_utf8_with_bom_from_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", [{"name": "Café Hub"}], encoding="utf-8-sig")
    preview = read_directory_csv(path)
    assert preview.encoding == "UTF-8 with BOM"
    assert preview.drafts[0].name == "Café Hub"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"name\n\x81\x8d\x8f\n", "not a text file"),
        (b"name\x00\x01\x02\n", "not a text file"),
        (b"organisation,cost\nAge UK,free\n", "no 'name' column"),
        (b'{"name": "Cafe"}\n', "no 'name' column"),
        (b"name,Name\nCafe,Cafe\n", "two columns called 'name'"),
        (b",,,\r\n,,,\r\n", "no column headings"),
    ],
)
def test_unreadable_files_raise_import_failed(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(errors.ImportFailed) as caught:
        read_directory_csv(path)
    assert expected in caught.value.message
    assert caught.value.advice  # always says what to do


def test_missing_name_column_says_what_was_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [{"title": "Cafe", "cost": "free"}])
    with pytest.raises(errors.ImportFailed) as caught:
        read_directory_csv(path)
    assert "title" in caught.value.message
    assert "CSV UTF-8" in caught.value.advice


def test_missing_file_raises_import_failed(tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed) as caught:
        read_directory_csv(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in caught.value.message


def test_unclosed_quote_is_read_to_the_end_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('name,description\nCafe,"never closed\nSecond,row\n')
    preview = read_directory_csv(path)
    assert preview.drafts[0].description == "never closed\nSecond,row"


# Row problems ---------------------------------------------------------------


def test_a_bad_row_in_the_middle_imports_nothing_and_says_where(
    tmp_path: Path, directory: DirectoryService
) -> None:
    rows = [
        {"name": "One", "postcode": "CH41 1AA", "last_verified_on": "2024-01-01"},
        {"name": "Two", "postcode": "CH41 1AB", "last_verified_on": "31/02/2024"},
        {"name": "Three", "postcode": "CH41 1AD"},
        {"name": "", "postcode": "CH41 1AE", "latitude": "95", "longitude": "-3"},
        {"name": "Five", "postcode": "CH41 1AF"},
    ]
    preview = read_directory_csv(write_csv(tmp_path / "mixed.csv", rows))

    assert not preview.ok
    assert [p.line for p in preview.problems] == [3, 5]
    assert "last_verified_on" in preview.problems[0].message
    assert "31/02/2024" in preview.problems[0].message
    assert "name is missing" in preview.problems[1].message
    assert "Latitude must be -90 to 90" in preview.problems[1].message  # both reasons
    assert [d.name for d in preview.drafts] == ["One", "Three", "Five"]

    with pytest.raises(errors.ImportFailed) as caught:
        import_directory_csv(directory, preview)
    assert "row 3" in caught.value.message
    assert count(directory) == 0


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"last_verified_on": "next week"}, "last_verified_on: 'next week' is not a date"),
        ({"last_verified_on": "2999-01-01"}, "in the future"),
        ({"postcode": "XYZ 123"}, "postcode: 'XYZ 123' is not a UK postcode"),
        ({"cost": "dear"}, "cost: 'dear' is not a cost"),
        ({"cost": "£3.50"}, "is an amount"),
        ({"join_mode": "whenever"}, "join_mode: 'whenever' is not a way to join"),
        ({"status": "maybe"}, "status: 'maybe' is not a status"),
        ({"opening_times": "Tue 12:00-10:00"}, "end time 10:00 is not after the start time 12:00"),
        ({"opening_times": "Tue 25:00"}, "opening_times: '25:00' is not a time of day"),
        ({"latitude": "53.4", "longitude": "200"}, "Longitude must be -180 to 180"),
        ({"latitude": "north", "longitude": "-3"}, "latitude: 'north' is not a number"),
        ({"latitude": "53.4"}, "give both, or neither"),
        ({"age_min": "eighteen"}, "age_min: The youngest age must be a whole number"),
        ({"age_min": "65", "age_max": "18"}, "youngest age (65) is above the oldest (18)"),
        ({"waiting_list": "perhaps"}, "waiting_list: 'perhaps' is not yes or no"),
        ({"accessibility": "step_free; jetpack"}, "'jetpack' not known"),
        ({"id": "not-a-uuid"}, "id: 'not-a-uuid' is not an id"),
        ({"website": "not a site"}, "website: 'not a site' is not a web address"),
        ({"email": "nobody"}, "email: 'nobody' is not an email address"),
        ({"phone": "12345"}, "phone: '12345' is not a UK phone number"),
        ({"contact_email": "x@"}, "contact_email: 'x@' is not an email address"),
        ({"name": "x" * 201}, "longer than 200 characters"),
    ],
)
def test_each_kind_of_bad_value_is_explained(
    tmp_path: Path, cells: dict[str, str], expected: str
) -> None:
    rows = [{"name": "Fine"}, {"name": "Bad row", **cells}]
    header = list(dict.fromkeys(["name", *cells, "latitude", "longitude"]))
    preview = read_directory_csv(write_csv(tmp_path / "b.csv", rows, header=header))
    assert preview.problems == (RowProblem(3, preview.problems[0].message),)
    assert expected in preview.problems[0].message
    assert [d.name for d in preview.drafts] == ["Fine"]


def test_row_with_more_cells_than_headings_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "shift.csv"
    path.write_text("name,description,cost\nCafe,Tea, cake and chat,free\nShed,Tools,free\n")
    preview = read_directory_csv(path)
    assert [p.line for p in preview.problems] == [2]
    assert "missing its quote marks" in preview.problems[0].message


def test_values_under_a_blank_heading_are_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("name,,cost\nCafe,stray,free\n")
    preview = read_directory_csv(path)
    assert preview.ok and len(preview.drafts) == 1
    assert any("no heading" in w for w in preview.warnings)


def test_duplicate_rows_are_flagged_but_do_not_block(tmp_path: Path) -> None:
    rows = [
        {"name": "Lunch Club", "postcode": "CH41 1AA"},
        {"name": "Book club", "postcode": "CH41 1AA"},
        {"name": "lunch  club", "postcode": "ch411aa"},
        {"name": "Lunch Club", "postcode": "CH41 1AB"},
        {"name": "Knit and natter"},
        {"name": "Knit and Natter"},
    ]
    preview = read_directory_csv(write_csv(tmp_path / "d.csv", rows))
    assert preview.ok and len(preview.drafts) == 6
    assert [d.line for d in preview.duplicates] == [4, 7]
    assert "row 2" in preview.duplicates[0].message
    assert "row 6" in preview.duplicates[1].message


def test_the_same_id_twice_is_a_problem(tmp_path: Path) -> None:
    same = str(uuid.uuid4())
    rows = [{"name": "A", "id": same}, {"name": "B", "id": same.upper()}]
    preview = read_directory_csv(write_csv(tmp_path / "i.csv", rows))
    assert [p.line for p in preview.problems] == [3]
    assert "same id as row 2" in preview.problems[0].message


def test_every_problem_in_a_row_is_reported(tmp_path: Path) -> None:
    rows = [{"name": "", "cost": "dear", "postcode": "nope", "waiting_list": "eh"}]
    preview = read_directory_csv(write_csv(tmp_path / "m.csv", rows))
    (problem,) = preview.problems
    for bit in ("name is missing", "cost:", "postcode:", "waiting_list:"):
        assert bit in problem.message


# Values people type -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("Free", Cost.FREE),
        ("FREE", Cost.FREE),
        ("£0", Cost.FREE),
        ("low cost", Cost.LOW_COST),
        ("Low-cost", Cost.LOW_COST),
        ("low_cost", Cost.LOW_COST),
        ("£", Cost.LOW_COST),
        ("Paid", Cost.PAID),
        ("££", Cost.PAID),
        ("", Cost.FREE),
    ],
)
def test_cost_values(text: str, cost: Cost) -> None:
    draft, problems = directory_csv.draft_from_cells({"name": "A", "cost": text})
    assert problems == []
    assert draft.cost is cost


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("drop_in", JoinMode.DROP_IN),
        ("Drop in", JoinMode.DROP_IN),
        ("Just turn up", JoinMode.DROP_IN),
        ("self referral", JoinMode.SELF_REFERRAL),
        ("Self-referral", JoinMode.SELF_REFERRAL),
        ("referral", JoinMode.REFERRAL),
        ("Referral needed", JoinMode.REFERRAL),
    ],
)
def test_join_mode_values(text: str, mode: JoinMode) -> None:
    draft, problems = directory_csv.draft_from_cells({"name": "A", "join_mode": text})
    assert problems == []
    assert draft.join_mode is mode


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("no", False), ("0", False)],
)
def test_waiting_list_values(text: str, value: bool) -> None:
    draft, problems = directory_csv.draft_from_cells({"name": "A", "waiting_list": text})
    assert problems == [] and draft.waiting_list is value


def test_accessibility_accepts_keys_and_labels_in_any_case() -> None:
    draft, problems = directory_csv.draft_from_cells(
        {"name": "A", "accessibility": "HEARING LOOP; step-free access; bsl; Hearing_loop"}
    )
    assert problems == []
    assert draft.accessibility == ("hearing_loop", "step_free", "bsl")


def test_lists_drop_blanks_and_repeats() -> None:
    draft, _ = directory_csv.draft_from_cells(
        {"name": "A", "tags": " tea ;; Tea; cake  and   chat ;", "languages": "English; Welsh"}
    )
    assert draft.tags == ("tea", "cake and chat")
    assert draft.languages == ("English", "Welsh")


# Exporting ------------------------------------------------------------------

FULL = AssetDraft(
    name="Wirral Walking Group",
    organisation="Wirral Ramblers",
    description='Gentle walks, about 2 miles.\nTea afterwards, "on us".',
    categories=("Walking", "Exercise"),
    tags=("outdoors", "@home", "social"),
    cost=Cost.LOW_COST,
    cost_note="£2 a walk",
    join_mode=JoinMode.SELF_REFERRAL,
    age_min=18,
    age_max=99,
    eligibility="Adults; carers welcome too",
    accessibility=("step_free", "seating", "hearing_loop"),
    languages=("English", "Polish"),
    status=AssetStatus.PAUSED,
    capacity_note="12 places",
    waiting_list=True,
    website="https://example.org/walks",
    email="walks@example.org",
    phone="+44 1632 960123",
    locations=(Location("Hoylake Parade", "1 Market St", "Hoylake", "CH47 2AB", 53.3912, -3.1801),),
    opening_times=(
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.THURSDAY, T(14), None, "term time only"),
        OpeningTime(note="first Friday of the month"),
    ),
    contacts=(Contact("Sam Jones", "Walk leader", "07700 900123", "sam@example.org"),),
    last_verified_on=dt.date(2024, 3, 1),
    verified_by="A. Link",
    notes="=SUM(A1) must stay text\n-5 degrees is too cold",
)
MINIMAL = AssetDraft(name="Knit and natter")
FORMULAE = AssetDraft(
    name='=HYPERLINK("http://evil.example")',
    organisation="+Plus Org",
    description="-minus",
    cost_note="'=already quoted",
    verified_by="@someone",
)


def normalised(draft: AssetDraft) -> dict[str, Any]:
    """The fields a CSV holds, ignoring id and version; sets where order is not kept."""
    values = {f.name: getattr(draft, f.name) for f in dataclasses.fields(AssetDraft)}
    del values["id"], values["version"]
    for name in ("categories", "tags", "accessibility", "languages"):
        values[name] = sorted(values[name])
    return values


def test_export_then_import_into_a_fresh_database_round_trips_every_field(
    tmp_path: Path, directory: DirectoryService
) -> None:
    from linkworker.paths import AppPaths
    from linkworker.services.context import open_services

    originals = [FULL, MINIMAL, FORMULAE]
    directory.add_many(originals)
    path = tmp_path / "export.csv"

    assert export_directory_csv(directory, path) == 3

    preview = read_directory_csv(path)
    assert preview.ok and preview.warnings == () and preview.duplicates == ()
    assert preview.encoding == "UTF-8 with BOM"
    fresh = open_services(AppPaths.under(tmp_path / "fresh"))
    try:
        assert import_directory_csv(fresh.directory, preview) == 3
        before = {d.name: d for d in directory.details()}
        after = {d.name: d for d in fresh.directory.details()}
    finally:
        fresh.close()
    assert sorted(after) == sorted(d.name for d in originals)
    for original in originals:
        assert normalised(after[original.name].draft) == normalised(original), original.name
        assert after[original.name].id == before[original.name].id  # ids travel with the file


def test_export_file_is_excel_friendly_and_guards_formulae(
    tmp_path: Path, directory: DirectoryService
) -> None:
    directory.add_many([FORMULAE, FULL])
    path = tmp_path / "out.csv"
    export_directory_csv(directory, path)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    by_name = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    evil = by_name['\'=HYPERLINK("http://evil.example")']
    assert evil["organisation"] == "'+Plus Org"
    assert evil["description"] == "'-minus"
    assert evil["cost_note"] == "''=already quoted"
    assert evil["verified_by"] == "'@someone"
    walk = by_name["Wirral Walking Group"]
    assert walk["phone"] == "'+44 1632 960123"
    assert walk["longitude"] == "-3.1801"  # numbers are not prefixed
    assert walk["waiting_list"] == "yes"
    assert walk["opening_times"] == "Tue 10:00-12:00; Thu 14:00 (term time only); " + (
        "first Friday of the month"
    )
    assert uuid.UUID(walk["id"])


def test_export_writes_only_the_first_location_and_contact(
    tmp_path: Path, directory: DirectoryService
) -> None:
    two = AssetDraft(
        name="Two places",
        locations=(Location(postcode="CH41 1AA"), Location(postcode="CH42 1AA")),
        contacts=(Contact(name="First"), Contact(name="Second")),
    )
    directory.add_many([two])
    path = tmp_path / "two.csv"
    export_directory_csv(directory, path)
    (draft,) = read_directory_csv(path).drafts
    assert draft.locations == (Location(postcode="CH41 1AA"),)
    assert draft.contacts == (Contact(name="First"),)


def test_export_filter_chooses_the_rows(tmp_path: Path, directory: DirectoryService) -> None:
    directory.add_many([FULL, MINIMAL])
    path = tmp_path / "paid.csv"
    assert export_directory_csv(directory, path, DirectoryFilter(cost=Cost.LOW_COST)) == 1
    assert [d.name for d in read_directory_csv(path).drafts] == [FULL.name]


def test_a_failed_export_leaves_the_old_file_untouched(
    tmp_path: Path, directory: DirectoryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory.add_many([FULL])
    path = tmp_path / "out" / "directory.csv"
    path.parent.mkdir()
    path.write_text("the old export\n")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportFailed) as caught:
        export_directory_csv(directory, path)
    assert "Permission denied" in caught.value.message
    assert path.read_text() == "the old export\n"
    assert os.listdir(path.parent) == ["directory.csv"]  # no temporary file left behind


def test_an_error_while_writing_leaves_the_old_file_untouched(
    tmp_path: Path, directory: DirectoryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "directory.csv"
    path.parent.mkdir()
    path.write_text("the old export\n")

    def broken(flt: DirectoryFilter = DirectoryFilter()) -> Any:
        yield directory.save(MINIMAL)
        raise errors.DiskFull("The disk is full.")

    monkeypatch.setattr(directory, "details", broken)
    with pytest.raises(errors.DiskFull):
        export_directory_csv(directory, path)
    assert path.read_text() == "the old export\n"
    assert os.listdir(path.parent) == ["directory.csv"]


def test_export_to_a_missing_folder_is_explained(
    tmp_path: Path, directory: DirectoryService
) -> None:
    with pytest.raises(ExportFailed) as caught:
        export_directory_csv(directory, tmp_path / "no" / "such" / "folder.csv")
    assert "left as it was" in caught.value.message


# Importing ------------------------------------------------------------------


def test_importing_an_export_into_the_same_directory_is_refused(
    tmp_path: Path, directory: DirectoryService
) -> None:
    directory.add_many([FULL, MINIMAL])
    path = tmp_path / "again.csv"
    export_directory_csv(directory, path)
    preview = read_directory_csv(path)
    with pytest.raises(errors.ImportFailed) as caught:
        import_directory_csv(directory, preview)
    assert "rows 2, 3" in caught.value.message
    assert "delete the id column" in caught.value.advice
    assert count(directory) == 2


def test_an_archived_asset_id_counts_as_already_there(
    tmp_path: Path, directory: DirectoryService
) -> None:
    archived = directory.archive(directory.save(MINIMAL).id)
    rows = [{"name": "New one"}, {"name": "Knit again", "id": str(archived.id)}]
    preview = read_directory_csv(write_csv(tmp_path / "a.csv", rows))
    assert preview.ok
    with pytest.raises(errors.ImportFailed) as caught:
        import_directory_csv(directory, preview)
    assert "rows 3 have ids" in caught.value.message
    assert directory.search(DirectoryFilter(include_archived=True)).total == 1


def test_import_refuses_a_preview_with_problems(directory: DirectoryService) -> None:
    preview = CsvPreview(
        drafts=(MINIMAL,),
        problems=(RowProblem(4, "cost: 'dear' is not a cost."),),
        duplicates=(),
        warnings=(),
        encoding="UTF-8",
        rows_read=2,
    )
    assert not preview.ok
    with pytest.raises(errors.ImportFailed):
        import_directory_csv(directory, preview)
    assert count(directory) == 0


def test_a_row_written_and_read_back_is_the_same_draft() -> None:
    row = dict(zip(COLUMNS, row_from_draft(FULL), strict=True))
    cells = {k: directory_csv.unguard_cell(v) for k, v in row.items() if v}
    draft, problems = directory_csv.draft_from_cells(cells)
    assert problems == []
    assert draft == FULL


# Any input: a preview or a clear error, and never half an import ------------


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    column=st.sampled_from(COLUMNS),
    text=st.text(),
    where=st.sampled_from([(0,), (1,), (2,), (0, 1, 2)]),
)
def test_any_text_in_any_cell_gives_a_preview_or_a_clear_error(
    tmp_path: Path, directory: DirectoryService, column: str, text: str, where: tuple[int, ...]
) -> None:
    rows = [
        {"name": "Lunch club", "cost": "free", "postcode": "CH41 1AA"},
        {"name": "Walk", "opening_times": "Tue 10-12", "latitude": "53.4", "longitude": "-3"},
        {"name": "Shed", "organisation": "Sheds UK", "categories": "Making"},
    ]
    for i in where:
        rows[i] = {**rows[i], column: text}
    path = write_csv(tmp_path / "any.csv", rows, header=list(COLUMNS))
    before = count(directory)
    try:
        preview = read_directory_csv(path)
    except errors.ImportFailed as exc:
        assert exc.message
        assert count(directory) == before
        return
    assert preview.rows_read == 3
    assert len(preview.drafts) + len(preview.problems) == 3
    if not preview.ok:
        assert all(2 <= p.line <= 4 for p in preview.problems)
        with pytest.raises(errors.ImportFailed):
            import_directory_csv(directory, preview)
        assert count(directory) == before
        return
    try:
        added = import_directory_csv(directory, preview)
    except errors.ImportFailed:
        assert column == "id"  # that id was imported by an earlier example
        added = 0
    assert added in (0, len(preview.drafts))
    assert count(directory) == before + added


@settings(max_examples=200, deadline=None)
@given(
    content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    with_heading=st.booleans(),
)
def test_any_bytes_give_a_preview_or_a_clear_error(content: bytes, with_heading: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(b"name,cost\n" + content if with_heading else content)
        try:
            preview = read_directory_csv(path)
        except errors.ImportFailed as exc:
            assert exc.message and exc.advice
        else:
            assert len(preview.drafts) + len(preview.problems) == preview.rows_read
            assert len(preview.lines) == len(preview.drafts)


def test_non_ascii_capitals_in_a_category_twice(
    tmp_path: Path, directory: DirectoryService
) -> None:
    """Names used to be matched with SQLite lower(), which folds only ASCII: 'CAFÉ' twice
    hit the unique key. The import must add both rows and share one category."""
    rows = [
        {"name": "A", "categories": "CAFÉ", "organisation": "ÉCOLE"},
        {"name": "B", "categories": "CAFÉ", "organisation": "ÉCOLE"},
    ]
    preview = read_directory_csv(write_csv(tmp_path / "c.csv", rows))
    assert import_directory_csv(directory, preview) == 2
    assert directory.facets().categories == ("CAFÉ",)


def test_unicode_text_from_excel_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode text" (UTF-16) reads like any other CSV."""
    path = tmp_path / "unicode.csv"
    path.write_bytes("name,postcode\nCafé Zoë,ch65 4ab\n".encode("utf-16"))
    preview = read_directory_csv(path)
    assert preview.ok
    assert [d.name for d in preview.drafts] == ["Café Zoë"]
    assert preview.drafts[0].locations[0].postcode == "CH65 4AB"
