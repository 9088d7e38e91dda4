"""Caseload spreadsheets: Excel workbooks, any input, and importing into the caseload."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from people_csv_rows import (
    GOOD_ROWS,
    read,
)
from spreadsheets import write_csv

from linkworker import errors
from linkworker.domain.people import (
    AccessNeed,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.services.people import PeopleService
from linkworker.services.people_csv import (
    COLUMNS,
    PeopleCsvPreview,
    RowProblem,
    check_against_caseload,
    import_people_csv,
    read_people_csv,
)

# Excel workbooks --------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _column(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def write_xlsx(
    path: Path, rows: dict[int, list[Any]], sheets: tuple[str, ...] = ("Caseload",)
) -> Path:
    """A minimal workbook as Excel writes it: shared strings, a date style, numbers."""
    shared: list[str] = []
    sheet_rows = []
    for number, values in sorted(rows.items()):
        cells = []
        for i, value in enumerate(values):
            ref = f"{_column(i)}{number}"
            if value is None:
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, dt.date):
                serial = (value - dt.date(1899, 12, 30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif isinstance(value, tuple):  # ("inline", text)
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value[1])}</t></is></c>')
            else:
                shared.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        sheet_rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0"?><worksheet {_NS}>'
        f"<sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
    )
    strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    book_sheets = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(sheets))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr(
            "xl/workbook.xml", f"<workbook {_NS} {_R_NS}><sheets>{book_sheets}</sheets></workbook>"
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        book.writestr("xl/sharedStrings.xml", f"<sst {_NS}>{strings}</sst>")
        book.writestr(
            "xl/styles.xml",
            f'<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
            '</numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>'
            "</styleSheet>",
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet)
        for i in range(1, len(sheets)):
            book.writestr(
                f"xl/worksheets/sheet{i + 1}.xml",
                f"<worksheet {_NS}><sheetData/></worksheet>",
            )
    return path


def test_an_excel_workbook_is_read(tmp_path: Path) -> None:
    header = ["First name", "Surname", "DOB", "NHS number", "Phone", "Referral date", "Notes"]
    rows: dict[int, list[Any]] = {
        1: header,
        2: ["Morwenna", "Quayle", dt.date(1948, 2, 29), 9995752697, "01632 960123",
            dt.date(2024, 1, 15), ("inline", "Café & cake")],
        4: ["Seán", "Ó Briain", "03/11/1990", "999 794 5131", None, None, True],
        5: ["Bad", "Row", dt.date(2030, 1, 1)],
    }  # fmt: skip
    preview = read(write_xlsx(tmp_path / "caseload.xlsx", rows, sheets=("Caseload", "Notes")))

    assert preview.encoding == "Excel workbook"
    assert preview.lines == (2, 4)  # Excel's own row numbers, row 3 left empty
    (mo, mo_ref), (sean, sean_ref) = preview.rows
    assert mo.date_of_birth == dt.date(1948, 2, 29)
    assert mo.nhs_number == "9995752697"
    assert mo.notes == "Café & cake"
    assert mo_ref is not None and mo_ref.referral_date == dt.date(2024, 1, 15)
    assert (sean.given_name, sean.family_name) == ("Seán", "Ó Briain")
    assert sean.date_of_birth == dt.date(1990, 11, 3) and sean.nhs_number == "9997945131"
    assert sean.notes == "yes" and sean_ref is None
    assert [p.line for p in preview.problems] == [5]
    assert "Only the first sheet, “Caseload”, was read." in preview.warnings


def test_an_empty_workbook_is_explained(tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed, match="nothing in its first sheet"):
        read(write_xlsx(tmp_path / "empty.xlsx", {}))


def test_a_zip_that_is_not_a_workbook_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photo.jpg", b"not really")
    with pytest.raises(errors.ImportFailed, match="not an Excel workbook"):
        read(path)


# Any input: a preview or a clear error ---------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.sampled_from(COLUMNS),
    text=st.text(),
    where=st.sampled_from([(0,), (1,), (2,), (0, 1, 2)]),
)
def test_any_text_in_any_cell_gives_a_preview_or_a_clear_error(
    column: str, text: str, where: tuple[int, ...]
) -> None:
    import tempfile

    rows = [dict(r) for r in GOOD_ROWS]
    for i in where:
        rows[i][column] = text
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "any.csv", rows, header=list(COLUMNS))
        try:
            preview = read(path)
        except errors.ImportFailed as exc:
            assert exc.message and exc.advice
            return
    assert preview.rows_read == 3
    assert len(preview.rows) + len(preview.problems) == 3
    assert len(preview.lines) == len(preview.rows)
    assert all(2 <= p.line <= 4 for p in preview.problems)


@settings(max_examples=200, deadline=None)
@given(
    content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    heading=st.sampled_from([b"", b"given_name,date_of_birth\n", b"PK\x03\x04"]),
)
def test_any_bytes_give_a_preview_or_a_clear_error(content: bytes, heading: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(heading + content)
        try:
            preview = read(path)
        except errors.ImportFailed as exc:
            assert exc.message and exc.advice
        else:
            assert len(preview.rows) + len(preview.problems) == preview.rows_read
            assert len(preview.lines) == len(preview.rows)


# Importing into the caseload --------------------------------------------------


@pytest.fixture
def people(services: Any) -> PeopleService:
    result: PeopleService = services.people
    return result


def test_a_good_file_is_imported_with_its_referrals(tmp_path: Path, people: PeopleService) -> None:
    preview = read(write_csv(tmp_path / "good.csv", GOOD_ROWS))
    progress: list[tuple[int, int]] = []

    assert import_people_csv(people, preview, lambda done, total: progress.append((done, total)))

    assert people.count() == 3
    assert progress and progress[-1][0] == progress[-1][1]
    mo = people.find_by_nhs_number("999 575 2697")
    assert mo is not None
    assert mo.draft.display_name == "Mo Quayle"
    assert mo.draft.interests == ("Gardening", "crosswords")
    assert mo.draft.access_needs == (AccessNeed.LARGE_PRINT, AccessNeed.HEARING)
    (referral,) = mo.episodes
    assert referral.draft.person_id == mo.id
    assert referral.draft.referrer_name == "Dr Adebayo"
    assert referral.draft.reasons == ("Loneliness", "Money or debt", "Bereavement")
    rows = {r.name: r for r in people.caseload().rows}
    assert rows["Mo Quayle"].status is EpisodeStatus.WAITING
    assert rows["Tamsin Ellery"].postcode == ""
    assert rows["Bryn Ashcombe"].status is None


def test_a_bad_row_in_the_middle_imports_nothing(tmp_path: Path, people: PeopleService) -> None:
    rows = [GOOD_ROWS[0], {"given_name": "Gethin", "date_of_birth": "30/02/1970"}, GOOD_ROWS[2]]
    preview = read(write_csv(tmp_path / "bad.csv", rows))

    with pytest.raises(errors.ImportFailed) as caught:
        import_people_csv(people, preview)

    assert (
        "Nothing was imported: 1 row needs correcting (the first is row 3:" in caught.value.message
    )
    assert "“30/02/1970” is not a real date" in caught.value.message
    assert people.count() == 0


def test_rows_already_on_the_caseload_are_listed(tmp_path: Path, people: PeopleService) -> None:
    assert import_people_csv(people, read(write_csv(tmp_path / "first.csv", GOOD_ROWS))) == 3
    again = [
        {"given_name": "Hester", "family_name": "Vane"},
        {"given_name": "Tammy", "family_name": "Ellery", "nhs_number": "9997945131"},
        {"given_name": "Morwena", "family_name": "Quayle", "date_of_birth": "29/02/1948"},
    ]
    preview = read(write_csv(tmp_path / "again.csv", again))
    assert preview.ok

    found = check_against_caseload(preview, people)

    assert [p.line for p in found] == [3, 4]
    assert found[0].message.startswith("Tammy Ellery may already be on the caseload: Tamsin Ellery")
    assert "NHS 999 794 5131" in found[0].message and "Same NHS number" in found[0].message
    assert "Mo Quayle (born 29 February 1948, NHS 999 575 2697, CH41 5AB)" in found[1].message


def test_an_nhs_number_already_on_the_caseload_stops_the_import(
    tmp_path: Path, people: PeopleService
) -> None:
    assert import_people_csv(people, read(write_csv(tmp_path / "first.csv", GOOD_ROWS))) == 3
    again = [{"given_name": "Hester"}, {"given_name": "Tammy", "nhs_number": "9997945131"}]
    preview = read(write_csv(tmp_path / "again.csv", again))

    with pytest.raises(errors.ImportFailed) as caught:
        import_people_csv(people, preview)

    assert caught.value.message.startswith("Nothing was imported: row 3: 999 794 5131 is already")
    assert "already on the caseload" in caught.value.advice
    assert people.count() == 3


def test_importing_the_same_file_twice_is_refused(tmp_path: Path, people: PeopleService) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    assert import_people_csv(people, read(path)) == 3
    with pytest.raises(errors.ImportFailed):
        import_people_csv(people, read(path))
    assert people.count() == 3


def test_import_refuses_a_preview_with_problems(people: PeopleService) -> None:
    preview = PeopleCsvPreview(
        rows=((PersonDraft(given_name="Hester"), None),),
        problems=(RowProblem(4, "postcode: “x” is not a UK postcode."),),
        duplicates=(),
        warnings=(),
        encoding="UTF-8",
        rows_read=2,
    )
    assert not preview.ok
    with pytest.raises(errors.ImportFailed, match="row 4"):
        import_people_csv(people, preview)
    assert people.count() == 0


def test_a_preview_built_by_hand_is_still_checked(people: PeopleService) -> None:
    preview = PeopleCsvPreview(
        rows=((PersonDraft(given_name="Hester"), None), (PersonDraft(given_name=""), None)),
        problems=(),
        duplicates=(),
        warnings=(),
        encoding="UTF-8",
        rows_read=2,
        lines=(2, 7),
    )
    with pytest.raises(errors.ImportFailed, match="row 7"):
        import_people_csv(people, preview)
    assert people.count() == 0


def test_an_empty_file_imports_nobody(tmp_path: Path, people: PeopleService) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("given_name\n")
    assert import_people_csv(people, read(path)) == 0
    assert people.count() == 0


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    column=st.sampled_from(COLUMNS),
    text=st.text(),
    where=st.sampled_from([(0,), (1,), (2,), (0, 1, 2)]),
)
def test_any_cell_text_never_gives_half_an_import(
    tmp_path: Path, people: PeopleService, column: str, text: str, where: tuple[int, ...]
) -> None:
    rows = [
        {"given_name": "Hester", "family_name": "Vane", "postcode": "CH41 5AB"},
        {"given_name": "Ifan", "date_of_birth": "02/01/1970", "referral_date": "01/02/2024"},
        {"given_name": "Lowri", "phone": "01632 960123", "interests": "Choir"},
    ]
    for i in where:
        rows[i] = {**rows[i], column: text}
    path = write_csv(tmp_path / "any.csv", rows, header=list(COLUMNS))
    before = people.count()
    try:
        preview = read_people_csv(path)  # today's date, as the service checks with
    except errors.ImportFailed as exc:
        assert exc.message
        assert people.count() == before
        return
    assert len(preview.rows) + len(preview.problems) == preview.rows_read == 3
    try:
        added = import_people_csv(people, preview)
    except errors.ImportFailed as exc:
        assert exc.message and exc.advice
        assert not preview.ok or column == "nhs_number"  # imported by an earlier example
        added = 0
    else:
        assert preview.ok
    assert people.count() == before + added


def test_the_example_in_the_guide_reads_cleanly(tmp_path: Path) -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "people-csv.md").read_text()
    example = guide.split("## A short example", 1)[1].split("```")[1]
    path = tmp_path / "example.csv"
    path.write_text(example.strip() + "\n", encoding="utf-8")
    preview = read(path)
    assert preview.ok and preview.warnings == () and preview.duplicates == ()
    assert preview.rows_read == 3 and preview.episodes == 2
    assert all(p.nhs_number.startswith("999") for p, _ in preview.rows)
