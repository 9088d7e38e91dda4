"""Spreadsheet exchange for the directory: reading, checking, importing and exporting CSV."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from directory_csv_rows import (
    GOOD_ROWS,
    T,
    count,
)
from spreadsheets import write_csv

from linkworker import errors
from linkworker.domain.directory import (
    AssetStatus,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.services import directory_csv
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_csv import (
    RowProblem,
    import_directory_csv,
    read_directory_csv,
)

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
        (b"organisation,cost\nAge UK,free\n", "no “name” column"),
        (b'{"name": "Cafe"}\n', "no “name” column"),
        (b"name,Name\nCafe,Cafe\n", "two columns called “name”"),
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


def test_unclosed_quote_is_reported_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('name,description\nCafe,"never closed\nSecond,row\n')
    with pytest.raises(errors.ImportFailed, match="quotation mark at line 2 is never closed"):
        read_directory_csv(path)  # not one asset describing itself with the next row


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
        ({"last_verified_on": "next week"}, "last_verified_on: “next week” is not a date"),
        ({"last_verified_on": "2999-01-01"}, "in the future"),
        ({"postcode": "XYZ 123"}, "postcode: “XYZ 123” is not a UK postcode"),
        ({"cost": "dear"}, "cost: “dear” is not a cost"),
        ({"cost": "£3.50"}, "is an amount"),
        ({"join_mode": "whenever"}, "join_mode: “whenever” is not a way to join"),
        ({"status": "maybe"}, "status: “maybe” is not a status"),
        ({"opening_times": "Tue 12:00-10:00"}, "end time 10:00 is not after the start time 12:00"),
        ({"opening_times": "Tue 25:00"}, "opening_times: “25:00” is not a time of day"),
        ({"latitude": "53.4", "longitude": "200"}, "Longitude must be -180 to 180"),
        ({"latitude": "north", "longitude": "-3"}, "latitude: “north” is not a number"),
        ({"latitude": "53.4"}, "give both, or neither"),
        ({"age_min": "eighteen"}, "age_min: The youngest age must be a whole number"),
        ({"age_min": "65", "age_max": "18"}, "youngest age (65) is above the oldest (18)"),
        ({"waiting_list": "perhaps"}, "waiting_list: “perhaps” is not yes or no"),
        ({"accessibility": "step_free; jetpack"}, "“jetpack” not known"),
        ({"id": "not-a-uuid"}, "id: “not-a-uuid” is not an id"),
        ({"website": "not a site"}, "website: “not a site” is not a web address"),
        ({"email": "nobody"}, "email: “nobody” is not an email address"),
        ({"phone": "12345"}, "phone: “12345” is not a UK phone number"),
        ({"contact_email": "x@"}, "contact_email: “x@” is not an email address"),
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
