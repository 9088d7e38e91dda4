"""Bringing a caseload in from a spreadsheet: reading, checking and importing people.

Every NHS number here is from the 999 test range (never issued) and passes Modulus 11;
every name and place is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker import errors
from linkworker.domain.people import (
    AccessNeed,
    EpisodeStatus,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.domain.validation import InvalidValue
from linkworker.services.people import PeopleService
from linkworker.services.people_csv import (
    COLUMNS,
    PLACEHOLDER_PERSON_ID,
    PeopleCsvPreview,
    RowProblem,
    check_against_caseload,
    import_people_csv,
    parse_referrer,
    parse_uk_date,
    read_people_csv,
    split_full_name,
)

TODAY = dt.date(2024, 6, 15)
NHS = ("9995752697", "9997945131", "9991045392", "9995251310", "9998355095", "9992554703")


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    encoding: str = "utf-8",
    header: list[str] | None = None,
    delimiter: str = ",",
) -> Path:
    """Write rows as a spreadsheet would: a heading row, then one row per dict."""
    columns = header or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read(path: Path) -> PeopleCsvPreview:
    return read_people_csv(path, today=TODAY)


GOOD_ROWS = [
    {
        "given_name": "Morwenna",
        "family_name": "Quayle",
        "preferred_name": "Mo",
        "date_of_birth": "1948-02-29",
        "nhs_number": "999 575 2697",
        "postcode": "ch41 5ab",
        "address": "4 Brackenwood Row, Oxton",
        "phone": "01632 960123",
        "email": "mo.quayle@example.org",
        "referral_date": "15/01/2024",
        "referred_by": "GP (Dr Adebayo)",
        "referral_reasons": "Loneliness; money/debt; Bereavement",
        "interests": "Gardening; crosswords; gardening",
        "strengths": "Good listener; Makes a fine scone",
        "what_matters": "Getting back to the allotment.\nSeeing my grandson on Sundays.",
        "accessibility_needs": "Large print; hearing",
        "notes": 'Prefers mornings, "never before 10".',
    },
    {
        "given_name": "Tamsin",
        "family_name": "Ellery",
        "date_of_birth": "03/11/1990",
        "nhs_number": "9997945131",
        "postcode": "NFA",
        "referral_date": "2024-05-02",
        "referred_by": "self-referral",
    },
    {
        "given_name": "Bryn",
        "family_name": "Ashcombe",
        "phone": "07700 900456",
        "interests": "Woodwork",
    },
]


# Reading a good file ----------------------------------------------------------


def test_a_good_file_gives_people_and_their_referrals(tmp_path: Path) -> None:
    preview = read(write_csv(tmp_path / "good.csv", GOOD_ROWS))

    assert preview.ok
    assert preview.problems == () and preview.duplicates == ()
    assert preview.encoding == "UTF-8"
    assert preview.rows_read == 3 and preview.lines == (2, 3, 4)
    assert preview.episodes == 2
    (mo, mo_ref), (tam, tam_ref), (bryn, bryn_ref) = preview.rows

    assert mo.given_name == "Morwenna" and mo.family_name == "Quayle"
    assert mo.preferred_name == "Mo" and mo.display_name == "Mo Quayle"
    assert mo.date_of_birth == dt.date(1948, 2, 29)
    assert mo.nhs_number == "9995752697"
    assert mo.postcode == "CH41 5AB" and not mo.no_fixed_address
    assert mo.address == "4 Brackenwood Row, Oxton"
    assert mo.phone == "01632 960123" and mo.email == "mo.quayle@example.org"
    assert mo.interests == ("Gardening", "crosswords")
    assert mo.strengths == ("Good listener", "Makes a fine scone")
    assert mo.what_matters == "Getting back to the allotment.\nSeeing my grandson on Sundays."
    assert mo.access_needs == (AccessNeed.LARGE_PRINT, AccessNeed.HEARING)
    assert mo.notes == 'Prefers mornings, "never before 10".'
    assert mo.id is None and mo.version is None

    assert mo_ref is not None
    assert mo_ref.person_id == PLACEHOLDER_PERSON_ID
    assert mo_ref.referral_date == dt.date(2024, 1, 15)
    assert mo_ref.referred_by is ReferrerKind.GP and mo_ref.referrer_name == "Dr Adebayo"
    assert mo_ref.reasons == ("Loneliness", "Money or debt", "Bereavement")
    assert mo_ref.status is EpisodeStatus.WAITING
    assert mo_ref.urgency is Urgency.ROUTINE

    assert tam.no_fixed_address and tam.postcode == ""
    assert tam.date_of_birth == dt.date(1990, 11, 3)  # day first
    assert tam_ref is not None and tam_ref.referred_by is ReferrerKind.SELF
    assert tam_ref.referrer_name == ""

    assert bryn == PersonDraft(
        given_name="Bryn", family_name="Ashcombe", phone="07700 900456", interests=("Woodwork",)
    )
    assert bryn_ref is None


def test_headings_are_matched_whatever_their_case_and_spacing(tmp_path: Path) -> None:
    header = ["GIVEN_NAME", "Family Name", "date-of-birth", " NHS_Number ", "Referral Date"]
    path = tmp_path / "caps.csv"
    path.write_text(",".join(header) + "\nIfan,Pryce,01/01/1970,9991045392,01/02/2024\n")
    preview = read(path)
    assert preview.ok and preview.warnings == ()
    ((ifan, ref),) = preview.rows
    assert (ifan.given_name, ifan.family_name, ifan.nhs_number) == ("Ifan", "Pryce", "9991045392")
    assert ref is not None and ref.referral_date == dt.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("First name", "given_name"),
        ("Forename", "given_name"),
        ("Surname", "family_name"),
        ("Last name", "family_name"),
        ("Known as", "preferred_name"),
        ("DOB", "date_of_birth"),
        ("D.O.B.", "date_of_birth"),
        ("Date of birth (DD/MM/YYYY)", "date_of_birth"),
        ("NHS No.", "nhs_number"),
        ("NHS no", "nhs_number"),
        ("NHS", "nhs_number"),
        ("Post code", "postcode"),
        ("Telephone", "phone"),
        ("Mobile", "phone"),
        ("Email address", "email"),
        ("Referred on", "referral_date"),
        ("Date of referral", "referral_date"),
        ("Referrer", "referred_by"),
        ("Reason for referral", "referral_reasons"),
        ("Hobbies", "interests"),
        ("What matters to me", "what_matters"),
        ("Access needs", "accessibility_needs"),
        ("Comments", "notes"),
    ],
)
def test_common_heading_variants(tmp_path: Path, header: str, column: str) -> None:
    values = {
        "given_name": "Ifan",
        "family_name": "Pryce",
        "preferred_name": "If",
        "date_of_birth": "02/01/1970",
        "nhs_number": "9991045392",
        "postcode": "CH41 5AB",
        "phone": "01632 960123",
        "email": "ifan@example.org",
        "referral_date": "01/02/2024",
        "referred_by": "nurse",
        "referral_reasons": "Housing",
        "interests": "Chess",
        "what_matters": "My dog",
        "accessibility_needs": "easy read",
        "notes": "Hello",
    }
    rows = [{"given_name": "Ifan", header: values[column]}]
    if column == "given_name":
        rows = [{header: "Ifan"}]
    if column in ("referred_by", "referral_reasons"):
        rows[0]["referral_date"] = "01/02/2024"
    preview = read(write_csv(tmp_path / "variant.csv", rows))
    assert preview.ok, preview.problems
    assert preview.warnings == ()
    person, episode = preview.rows[0]
    expected = {
        "date_of_birth": dt.date(1970, 1, 2),
        "referral_date": dt.date(2024, 2, 1),
        "referred_by": ReferrerKind.NURSE,
        "referral_reasons": ("Housing",),
        "interests": ("Chess",),
        "accessibility_needs": (AccessNeed.EASY_READ,),
    }.get(column, values[column])
    if column in ("referral_date", "referred_by", "referral_reasons"):
        assert episode is not None
        attr = {"referral_reasons": "reasons"}.get(column, column)
        assert getattr(episode, attr) == expected
    else:
        attr = {"accessibility_needs": "access_needs"}.get(column, column)
        assert getattr(person, attr) == expected


def test_a_single_name_column_is_split(tmp_path: Path) -> None:
    rows = [{"Name": "Ana de Souza"}, {"Name": "HARTLEY, Zoë"}, {"Name": "Cher"}]
    preview = read(write_csv(tmp_path / "names.csv", rows))
    assert preview.ok
    names = [(p.given_name, p.family_name) for p, _ in preview.rows]
    assert names == [("Ana", "de Souza"), ("Zoë", "HARTLEY"), ("Cher", "")]
    assert any("split into first and family names" in w for w in preview.warnings)


def test_a_name_column_beside_first_and_family_names_is_ignored(tmp_path: Path) -> None:
    rows = [{"Name": "Whatever Else", "First name": "Ifan", "Surname": "Pryce"}]
    preview = read(write_csv(tmp_path / "both.csv", rows))
    assert [(p.given_name, p.family_name) for p, _ in preview.rows] == [("Ifan", "Pryce")]
    assert any("'Name' is ignored" in w for w in preview.warnings)


@pytest.mark.parametrize(
    ("full", "given", "family"),
    [
        ("Ana de Souza", "Ana", "de Souza"),
        ("Mary Ann Hartley", "Mary Ann", "Hartley"),
        ("Pieter van der Berg", "Pieter", "van der Berg"),
        ("Quayle, Morwenna", "Morwenna", "Quayle"),
        ("  Bryn   Ashcombe ", "Bryn", "Ashcombe"),
        ("Cher", "Cher", ""),
    ],
)
def test_split_full_name(full: str, given: str, family: str) -> None:
    assert split_full_name(full) == (given, family)


def test_semicolon_separated_files_are_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "semi.csv", GOOD_ROWS, delimiter=";")
    preview = read(path)
    assert preview.ok and len(preview.rows) == 3
    assert preview.rows[0][0].interests == ("Gardening", "crosswords")


def test_unknown_columns_are_reported_and_ignored(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "Favourite colour": "teal"}]
    preview = read(write_csv(tmp_path / "extra.csv", rows))
    assert preview.ok
    assert preview.warnings == (
        "The column 'Favourite colour' is not one Link Worker knows; ignored.",
    )


def test_blank_rows_are_skipped_and_line_numbers_still_match(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text("given_name,postcode\n\nIfan,CH41 5AB\n,\nBryn,nowhere\n")
    preview = read(path)
    assert preview.rows_read == 2
    assert preview.lines == (3,)
    assert [p.line for p in preview.problems] == [5]


def test_a_cell_with_a_line_break_counts_as_one_row(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Ifan", "what_matters": "My dog.\nMy garden.\nMy brother."},
        {"given_name": "Bryn", "postcode": "nowhere"},
    ]
    preview = read(write_csv(tmp_path / "breaks.csv", rows))
    assert [p.line for p in preview.problems] == [3]


def test_a_guarded_phone_number_loses_its_apostrophe(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "phone": "'+44 1632 960123", "notes": "'=not a formula"}]
    ((person, _),) = read(write_csv(tmp_path / "guard.csv", rows)).rows
    assert person.phone == "+44 1632 960123"
    assert person.notes == "=not a formula"


# Encodings --------------------------------------------------------------------

ACCENTED = [
    {"given_name": "Zoë", "family_name": "Hartley", "notes": "Café on Tuesdays, £2"},
    {"given_name": "Seán", "family_name": "Ó Briain"},
]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("cp1252", "Windows-1252"), ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM")],
)
def test_accented_names_survive_every_encoding(
    tmp_path: Path, encoding: str, reported: str
) -> None:
    preview = read(write_csv(tmp_path / "accents.csv", ACCENTED, encoding=encoding))
    assert preview.encoding == reported
    assert preview.warnings == ()
    names = [(p.given_name, p.family_name) for p, _ in preview.rows]
    assert names == [("Zoë", "Hartley"), ("Seán", "Ó Briain")]
    assert preview.rows[0][0].notes == "Café on Tuesdays, £2"


def test_unicode_text_from_excel_is_read(tmp_path: Path) -> None:
    """Excel's 'Unicode Text' is UTF-16 with tabs between the cells."""
    path = write_csv(tmp_path / "unicode.txt", ACCENTED, encoding="utf-16", delimiter="\t")
    preview = read(path)
    assert preview.encoding == "UTF-16"
    assert [p.given_name for p, _ in preview.rows] == ["Zoë", "Seán"]


# Bad rows ---------------------------------------------------------------------


def test_a_bad_row_in_the_middle_gives_its_line_and_every_reason(tmp_path: Path) -> None:
    bad = {
        "given_name": "Gethin",
        "family_name": "Morrow",
        "date_of_birth": "31/02/1970",
        "nhs_number": "999 575 2698",
        "postcode": "NOT A CODE",
        "phone": "call me",
        "referral_date": "2099-01-01",
        "accessibility_needs": "ramp",
    }
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], bad, GOOD_ROWS[2]]
    preview = read(write_csv(tmp_path / "bad.csv", rows))

    assert not preview.ok
    assert preview.rows_read == 4
    assert preview.lines == (2, 3, 5)
    assert [p.given_name for p, _ in preview.rows] == ["Morwenna", "Tamsin", "Bryn"]
    ((line, message),) = [(p.line, p.message) for p in preview.problems]
    assert line == 4
    for reason in (
        "date_of_birth: '31/02/1970' is not a real date",
        "nhs_number: 999 575 2698 is not a valid NHS number",
        "postcode: 'NOT A CODE' is not a UK postcode",
        "phone: 'call me' has characters a phone number cannot have",
        "referral_date: The referral date is in the future",
        "accessibility_needs: 'ramp' not known",
    ):
        assert reason in message


def test_messages_use_the_heading_as_the_file_spells_it(tmp_path: Path) -> None:
    rows = [{"First name": "Ifan", "DOB": "2030-01-01", "NHS No.": "12345"}]
    (problem,) = read(write_csv(tmp_path / "spelt.csv", rows)).problems
    assert "DOB: The date of birth is in the future" in problem.message
    assert "NHS No.: '12345' is not an NHS number" in problem.message


def test_a_row_without_a_name_is_refused(tmp_path: Path) -> None:
    rows = [{"given_name": "", "family_name": "Pryce", "postcode": "CH41 5AB"}]
    (problem,) = read(write_csv(tmp_path / "noname.csv", rows)).problems
    assert problem == RowProblem(
        2, "No name: every row needs a first name (given_name) or a preferred_name."
    )


def test_someone_over_120_is_refused(tmp_path: Path) -> None:
    (problem,) = read(
        write_csv(tmp_path / "old.csv", [{"given_name": "Ida", "date_of_birth": "01/01/1890"}])
    ).problems
    assert "over 120" in problem.message


def test_referral_details_without_a_date_are_not_dropped(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "referred_by": "GP", "referral_reasons": "Housing"}]
    (problem,) = read(write_csv(tmp_path / "nodate.csv", rows)).problems
    assert problem.line == 2
    assert "referral_date: give the date of the referral" in problem.message
    assert "referred_by, referral_reasons" in problem.message


def test_values_a_spreadsheet_mangled_are_explained(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "nhs_number": "9.99575E+09", "phone": "1632960123"}]
    (problem,) = read(write_csv(tmp_path / "mangled.csv", rows)).problems
    assert "spreadsheet turned into a number" in problem.message
    assert "lost its leading 0" in problem.message


def test_a_row_with_more_cells_than_headings(tmp_path: Path) -> None:
    path = tmp_path / "overflow.csv"
    path.write_text("given_name,address\nIfan,1 Elm Row, Oxton\nBryn,2 Oak Row\n")
    preview = read(path)
    assert [p.line for p in preview.problems] == [2]
    assert "missing its quote marks" in preview.problems[0].message


def test_values_under_a_blank_heading_are_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("given_name,,notes\nIfan,stray,hi\n")
    preview = read(path)
    assert preview.ok
    assert preview.warnings == ("Row 2 has values in a column with no heading; ignored.",)


# Cell values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("1956-03-31", dt.date(1956, 3, 31)),
        ("31/03/1956", dt.date(1956, 3, 31)),
        ("1/3/1956", dt.date(1956, 3, 1)),
        ("01/03/1956", dt.date(1956, 3, 1)),  # 1 March, never 3 January
        ("31.03.1956", dt.date(1956, 3, 31)),
        ("31-03-1956", dt.date(1956, 3, 31)),
        ("31 March 1956", dt.date(1956, 3, 31)),
        ("31 Mar 1956", dt.date(1956, 3, 31)),
        ("31-Mar-1956", dt.date(1956, 3, 31)),
        ("1st Sept 1956", dt.date(1956, 9, 1)),
        ("31/03/1956 00:00", dt.date(1956, 3, 31)),
        ("1956-03-31 00:00:00", dt.date(1956, 3, 31)),
    ],
)
def test_dates_written_the_british_way(typed: str, date: dt.date) -> None:
    assert parse_uk_date(typed) == date


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("03/31/1956", "has the month first"),
        ("31/03/56", "two-figure year"),
        ("31/02/1956", "not a real date"),
        ("1956-31-03", "not a real date"),
        ("31 Marchember 1956", "is not a month"),
        ("31 March 56", "year in full"),
        ("yesterday", "is not a date"),
        ("31/03/19567", "is not a date"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused_clearly(typed: str, says: str) -> None:
    with pytest.raises(InvalidValue, match=says):
        parse_uk_date(typed)


@pytest.mark.parametrize(
    ("typed", "kind", "name"),
    [
        ("GP", ReferrerKind.GP, ""),
        ("gp", ReferrerKind.GP, ""),
        ("GP practice", ReferrerKind.GP, ""),
        ("GP (Dr Adebayo)", ReferrerKind.GP, "Dr Adebayo"),
        ("Dr Adebayo", ReferrerKind.GP, "Dr Adebayo"),
        ("Practice nurse", ReferrerKind.NURSE, ""),
        ("Nurse: Lowri Penhale", ReferrerKind.NURSE, "Lowri Penhale"),
        ("Pharmacist", ReferrerKind.PHARMACIST, ""),
        ("pharmacy", ReferrerKind.PHARMACIST, ""),
        ("Self", ReferrerKind.SELF, ""),
        ("Self-referral", ReferrerKind.SELF, ""),
        ("self referral", ReferrerKind.SELF, ""),
        ("Another service", ReferrerKind.OTHER_SERVICE, ""),
        ("Other service - Brackenwood Housing Trust", ReferrerKind.OTHER_SERVICE,
         "Brackenwood Housing Trust"),
        ("Someone else", ReferrerKind.OTHER, ""),
        ("Other", ReferrerKind.OTHER, ""),
        ("Oxton Food Bank", ReferrerKind.OTHER, "Oxton Food Bank"),
        ("Daughter", ReferrerKind.OTHER, "Daughter"),
    ],
)  # fmt: skip
def test_referred_by(typed: str, kind: ReferrerKind, name: str) -> None:
    assert parse_referrer(typed) == (kind, name)


def test_referrer_name_column(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "referral_date": "01/02/2024", "referred_by": "GP",
         "referrer_name": "Dr Adebayo"},
        {"given_name": "B", "referral_date": "01/02/2024", "referred_by": "Oxton Food Bank",
         "referrer_name": "Jas"},
        {"given_name": "C", "referral_date": "01/02/2024", "referrer_name": "Jas"},
    ]  # fmt: skip
    preview = read(write_csv(tmp_path / "referrer.csv", rows))
    episodes = [e for _, e in preview.rows]
    assert [(e.referred_by, e.referrer_name) for e in episodes if e] == [
        (ReferrerKind.GP, "Dr Adebayo"),
        (ReferrerKind.OTHER, "Oxton Food Bank / Jas"),
        (ReferrerKind.GP, "Jas"),
    ]


def test_referral_reasons_take_the_usual_spelling_and_keep_others(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "referral_date": "01/02/2024",
         "referral_reasons": "LONELINESS; debt; carer; long term condition; Fuel poverty"},
        {"given_name": "B", "referral_date": "01/02/2024", "referral_reasons": "fuel poverty"},
    ]  # fmt: skip
    preview = read(write_csv(tmp_path / "reasons.csv", rows))
    assert preview.ok
    first = preview.rows[0][1]
    assert first is not None
    assert first.reasons == (
        "Loneliness",
        "Money or debt",
        "Carer support",
        "Long-term condition",
        "Fuel poverty",
    )
    assert preview.warnings == (
        "Referral reasons not in the usual list, kept as written: 'Fuel poverty' (rows 2, 3).",
    )


def test_accessibility_needs_by_name_or_label(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "accessibility_needs": "large_print; Easy read; HEARING"},
        {"given_name": "B", "accessibility_needs": "wheelchair user; partially sighted"},
        {"given_name": "C", "accessibility_needs": "Interpreter"},
    ]
    preview = read(write_csv(tmp_path / "access.csv", rows))
    assert preview.ok
    people = [p for p, _ in preview.rows]
    assert people[0].access_needs == (
        AccessNeed.LARGE_PRINT,
        AccessNeed.EASY_READ,
        AccessNeed.HEARING,
    )
    assert people[1].access_needs == (AccessNeed.MOBILITY, AccessNeed.SIGHT)
    assert people[2].access_needs == () and people[2].interpreter_needed


def test_no_fixed_address_in_either_column(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "postcode": "nfa"},
        {"given_name": "B", "address": "No fixed abode"},
        {"given_name": "C", "no_fixed_address": "yes", "postcode": "CH41 5AB"},
    ]
    people = [p for p, _ in read(write_csv(tmp_path / "nfa.csv", rows)).rows]
    assert [(p.no_fixed_address, p.address, p.postcode) for p in people] == [
        (True, "", ""),
        (True, "", ""),
        (True, "", "CH41 5AB"),
    ]


def test_urgency_and_link_worker(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "referral_date": "01/02/2024", "urgency": "Urgent",
         "link_worker": "Lowri"},
        {"given_name": "B", "referral_date": "01/02/2024", "urgency": "asap"},
    ]  # fmt: skip
    preview = read(write_csv(tmp_path / "urgency.csv", rows))
    episode = preview.rows[0][1]
    assert episode is not None
    assert episode.urgency is Urgency.URGENT and episode.link_worker == "Lowri"
    assert [p.line for p in preview.problems] == [3]
    assert "Use routine, soon or urgent" in preview.problems[0].message


# Duplicates in the file -------------------------------------------------------


def test_the_same_nhs_number_twice_is_refused(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Morwenna", "nhs_number": "999 575 2697"},
        {"given_name": "Bryn", "nhs_number": "9997945131"},
        {"given_name": "Mo", "nhs_number": "9995752697"},
    ]
    preview = read(write_csv(tmp_path / "twice.csv", rows))
    assert preview.problems == (
        RowProblem(
            4,
            "nhs_number: 999 575 2697 is also the NHS number on row 2. One person has one "
            "row: keep one of them, or correct the number.",
        ),
    )
    assert [p.given_name for p, _ in preview.rows] == ["Morwenna", "Bryn"]


def test_a_bad_row_does_not_claim_its_nhs_number(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Morwenna", "nhs_number": "9995752697", "postcode": "nowhere"},
        {"given_name": "Mo", "nhs_number": "9995752697"},
    ]
    preview = read(write_csv(tmp_path / "twice.csv", rows))
    assert [p.line for p in preview.problems] == [2]
    assert preview.lines == (3,)


def test_the_same_birthday_and_name_is_flagged_ignoring_case_and_accents(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Zoë", "family_name": "Hartley", "date_of_birth": "12/03/1961"},
        {"given_name": "ZOE", "family_name": "hartley", "date_of_birth": "1961-03-12"},
        {"given_name": "Zoe", "family_name": "Hartley", "date_of_birth": "13/03/1961"},
        {"given_name": "Zoe", "family_name": "Hartley"},
    ]
    preview = read(write_csv(tmp_path / "same.csv", rows))
    assert preview.duplicates == (
        RowProblem(3, "ZOE hartley, born 12 March 1961, is also on row 2: the same person twice?"),
    )


# Files that cannot be read ----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says", "advice"),
    [
        (b"", "is empty", "CSV UTF-8"),
        (b"  \n\n", "is empty", "CSV UTF-8"),
        (b",,,\n,,\n", "no column headings", "given_name"),
        (b"title,cost\nCafe,free\n", "has no name column (its first row is: title, cost)",
         "given_name"),
        (b"given_name,First name\nA,B\n", "two columns for given_name", "Delete or rename"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old-style Excel", "CSV UTF-8"),
        (b"PK\x03\x04not really a zip", "could not be read", "save it again"),
        (b"given_name\x00,x\n", "not a text file", "CSV UTF-8"),
    ],
)  # fmt: skip
def test_unreadable_files_are_explained(
    tmp_path: Path, content: bytes, says: str, advice: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(errors.ImportFailed) as caught:
        read(path)
    assert says in caught.value.message
    assert advice in caught.value.advice


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed, match="There is no file"):
        read(tmp_path / "nowhere.csv")


def test_a_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed, match="is a folder"):
        read(tmp_path)


def test_headings_only_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("given_name,family_name\n")
    preview = read(path)
    assert preview.ok and preview.rows == () and preview.rows_read == 0
    assert preview.warnings == ("The file has column headings but no rows of people.",)


def test_an_unclosed_quote_is_read_to_the_end_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('given_name,notes\nIfan,"never closed\nBryn,hello\n')
    preview = read(path)
    assert preview.rows_read == 1  # the quote swallows the rest, as a spreadsheet would
    assert preview.rows[0][0].notes.startswith("never closed")


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
    assert "Only the first sheet, 'Caseload', was read." in preview.warnings


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
    assert "'30/02/1970' is not a real date" in caught.value.message
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
        problems=(RowProblem(4, "postcode: 'x' is not a UK postcode."),),
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
