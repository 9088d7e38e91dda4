"""Bringing a caseload in from a spreadsheet: reading, checking and importing people.

Every NHS number here is from the 999 test range (never issued) and passes Modulus 11;
every name and place is invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from people_csv_rows import (
    GOOD_ROWS,
    read,
)
from spreadsheets import write_csv

from linkworker import errors
from linkworker.domain.people import (
    AccessNeed,
    EpisodeStatus,
    GpPractice,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.domain.validation import InvalidValue
from linkworker.services.people_csv import (
    PLACEHOLDER_PERSON_ID,
    RowProblem,
    parse_referrer,
    parse_uk_date,
    split_full_name,
)

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
    assert any("“Name” is ignored" in w for w in preview.warnings)


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
        "The column “Favourite colour” is not one Link Worker knows; ignored.",
    )


def test_blank_rows_are_skipped_and_line_numbers_still_match(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text("given_name,date_of_birth\n\nIfan,01/02/1970\n,\nBryn,31/02/1970\n")
    preview = read(path)
    assert preview.rows_read == 2
    assert preview.lines == (3,)
    assert [p.line for p in preview.problems] == [5]


def test_a_cell_with_a_line_break_counts_as_one_row(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Ifan", "what_matters": "My dog.\nMy garden.\nMy brother."},
        {"given_name": "Bryn", "date_of_birth": "31/02/1970"},
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
        "date_of_birth: “31/02/1970” is not a real date",
        "nhs_number: 999 575 2698 is not a valid NHS number",
        "referral_date: The referral date is in the future",
    ):
        assert reason in message
    # What would not corrupt the record does not turn the row back.
    for kept in ("postcode", "phone", "ramp"):
        assert kept not in message


def test_messages_use_the_heading_as_the_file_spells_it(tmp_path: Path) -> None:
    rows = [{"First name": "Ifan", "DOB": "2030-01-01", "NHS No.": "12345"}]
    (problem,) = read(write_csv(tmp_path / "spelt.csv", rows)).problems
    assert "DOB: The date of birth is in the future" in problem.message
    assert "NHS No.: “12345” is not an NHS number" in problem.message


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


def test_referral_details_without_a_date_are_kept_undated(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "referred_by": "GP", "referral_reasons": "Housing"}]
    preview = read(write_csv(tmp_path / "nodate.csv", rows))
    assert preview.ok and preview.undated == 1
    ((_person, episode),) = preview.rows
    assert episode is None  # no date is ever invented
    (extra,) = preview.extras
    assert extra.undated is not None and extra.undated.reasons == ("Housing",)


def test_values_a_spreadsheet_mangled_are_explained(tmp_path: Path) -> None:
    rows = [{"given_name": "Ifan", "nhs_number": "9.99575E+09", "phone": "1632960123"}]
    preview = read(write_csv(tmp_path / "mangled.csv", rows))
    (problem,) = preview.problems
    assert "spreadsheet turned into a number" in problem.message
    rows = [{"given_name": "Ifan", "phone": "1632960123"}]
    preview = read(write_csv(tmp_path / "phone.csv", rows))
    ((person, _),) = preview.rows
    assert person.phone == "" and "phone (as written): 1632960123" in person.notes
    assert "lost its leading 0" in preview.to_confirm[0].message


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
        "Referral reasons not in the usual list, kept as written: “Fuel poverty” (rows 2, 3).",
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
    assert people[1].access_needs == (AccessNeed.WHEELCHAIR, AccessNeed.SIGHT)
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


def test_the_gp_practice_is_read_and_checked(tmp_path: Path) -> None:
    good = [
        {
            "given_name": "Ifan",
            "GP surgery": "Canal Side Surgery",
            "Practice address": "2 Wharf Walk",
            "GP postcode": "ch65 0bs",
            "ODS code": "a81001",
        }
    ]
    ((person, _),) = read(write_csv(tmp_path / "gp.csv", good)).rows
    assert person.gp_practice == GpPractice(
        "Canal Side Surgery", "2 Wharf Walk", "CH65 0BS", "A81001"
    )
    bad = [{"given_name": "Ifan", "Practice code": "A8100", "GP postcode": "CH65 0BS"}]
    preview = read(write_csv(tmp_path / "bad-gp.csv", bad))
    ((person, _),) = preview.rows
    assert not person.gp_practice.recorded
    assert "Practice code (as written): A8100" in person.notes
    assert "Practice code: “A8100” is not a GP practice code" in preview.to_confirm[0].message


def test_urgency_and_link_worker(tmp_path: Path) -> None:
    rows = [
        {"given_name": "A", "referral_date": "01/02/2024", "urgency": "Urgent",
         "link_worker": "Lowri"},
        {"given_name": "B", "referral_date": "01/02/2024", "urgency": "asap"},
        {"given_name": "C", "referral_date": "01/02/2024", "urgency": "when she can"},
    ]  # fmt: skip
    preview = read(write_csv(tmp_path / "urgency.csv", rows))
    assert preview.ok
    episode, asap, words = (e for _, e in preview.rows)
    assert episode is not None and asap is not None and words is not None
    assert episode.urgency is Urgency.URGENT and episode.link_worker == "Lowri"
    assert asap.urgency is Urgency.URGENT
    assert words.urgency is Urgency.ROUTINE and "urgency: when she can" in words.reason_notes


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
        {"given_name": "Morwenna", "nhs_number": "9995752697", "date_of_birth": "31/02/1970"},
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


def test_an_unclosed_quote_is_reported_not_read_as_one_person(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('given_name,notes\nIfan,"never closed\nBryn,hello\n')
    with pytest.raises(errors.ImportFailed, match="quotation mark at line 2 is never closed"):
        read(path)  # the quote would swallow the rest into one person
