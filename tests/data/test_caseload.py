"""PeopleService's caseload over a real SQLite file: search, filters, sorts and pages.

Every NHS number here is from the 999 test range (never issued) with a valid Modulus 11
check digit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from people_helpers import (
    NHS,
    NO_ONE,
    NOW,
    TODAY,
    add_episode,
    add_person,
    add_talk,
    caseload_names,
    caseload_row,
    found_names,
    spaced,
)

from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import (
    CaseloadFilter,
    CaseloadSort,
    ClosingReason,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.services.people import (
    PeopleService,
)
from tests.data.people_helpers import AGREED


@pytest.fixture
def people(db: Database) -> PeopleService:
    """A people service over a real file, with a fixed today and now."""
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


# The caseload: search ----------------------------------------------------------


@pytest.fixture
def caseload(people: PeopleService) -> PeopleService:
    add_person(
        people, "Maureen", "Oakes", preferred_name="Mo", nhs_number=NHS[0], postcode="CH65 2AB"
    )
    add_person(people, "Tomasz", "Nowak", nhs_number=NHS[1], postcode="CH66 1XY")
    add_person(people, "Zoë", "Brontë", nhs_number=NHS[2], postcode="L1 8JQ")
    add_person(people, "Siobhán", "O'Brien", postcode="SW1A 1AA")
    add_person(people, "Mary-Jane", "Smith-Jones", postcode="CH64 9AA")
    add_person(people, "Charlotte", "Chadwick", nhs_number=NHS[3])
    add_person(people, "Dee", "Ashworth", no_fixed_address=True)
    return people


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mau", ["Mo Oakes"]),  # given name
        ("mo", ["Mo Oakes"]),  # preferred name
        ("OAK", ["Mo Oakes"]),  # family name, any case
        ("zoe", ["Zoë Brontë"]),  # accents folded
        ("BRONTË", ["Zoë Brontë"]),
        ("siob", ["Siobhán O'Brien"]),
        ("o'b", ["Siobhán O'Brien"]),  # apostrophes ignored
        ("obr", ["Siobhán O'Brien"]),
        ("jones", ["Mary-Jane Smith-Jones"]),  # any part of a double name
        ("smith-j", ["Mary-Jane Smith-Jones"]),
        ("maryj", ["Mary-Jane Smith-Jones"]),
        ("mo oak", ["Mo Oakes"]),  # every word typed must match a name
        ("oakes mau", ["Mo Oakes"]),
        ("mo nowak", []),
        ("ch", ["Charlotte Chadwick"]),  # letters alone are names, not postcode areas
        ("d", ["Dee Ashworth"]),
        ("xavier", []),
        ("--", []),
    ],
)
def test_search_by_the_start_of_any_name(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert found_names(caseload, typed) == expected
    assert caseload.caseload(CaseloadFilter(text=typed)).total == len(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (NHS[1], ["Tomasz Nowak"]),
        (spaced(NHS[1]), ["Tomasz Nowak"]),
        (f"{NHS[1][:3]}-{NHS[1][3:6]}-{NHS[1][6:]}", ["Tomasz Nowak"]),
        (spaced(NHS[1])[:6], ["Charlotte Chadwick", "Mo Oakes", "Tomasz Nowak", "Zoë Brontë"]),
        ("999", ["Charlotte Chadwick", "Mo Oakes", "Tomasz Nowak", "Zoë Brontë"]),
        ("12345", []),
    ],
)
def test_search_by_nhs_number_whole_or_from_the_start(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert found_names(caseload, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CH65 2AB", ["Mo Oakes"]),
        ("ch65 2ab", ["Mo Oakes"]),
        ("ch652ab", ["Mo Oakes"]),
        ("  ch 65 2 a ", ["Mo Oakes"]),
        ("ch65 2", ["Mo Oakes"]),
        ("ch6", ["Mary-Jane Smith-Jones", "Mo Oakes", "Tomasz Nowak"]),
        ("l1", ["Zoë Brontë"]),
        ("l1 8jq", ["Zoë Brontë"]),
        ("sw1a", ["Siobhán O'Brien"]),
        ("ch67", []),
    ],
)
def test_search_by_postcode_ignoring_spaces_and_case(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert found_names(caseload, typed) == expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=30))
def test_any_search_text_gives_a_page(caseload: PeopleService, text: str) -> None:
    page = caseload.caseload(CaseloadFilter(text=text))
    assert page.total == len(page.rows) <= 7


# The caseload: filters, sorts, pages ---------------------------------------------


@pytest.fixture
def varied(people: PeopleService) -> dict[str, uuid.UUID]:
    """Five people with different referrals, contacts, NHS numbers and postcodes."""
    ids = {
        "Ann Adams": add_person(people, "Ann", "Adams", nhs_number=NHS[4], postcode="CH66 1AA"),
        "Bob Brown": add_person(people, "Bob", "Brown", postcode="CH64 2BB"),
        "Cat Clark": add_person(people, "Cat", "Clark", nhs_number=NHS[2], postcode="L1 1AA"),
        "Dan Davies": add_person(people, "Dan", "Davies", nhs_number=NHS[3]),
        "Eve Evans": add_person(people, "Eve", "Evans", nhs_number=NHS[1], postcode="CH65 3DD"),
    }
    # Ann: waiting, Sam, next contact 20 June.
    add_episode(people, ids["Ann Adams"], link_worker="Sam", next_contact_on=dt.date(2026, 6, 20))
    # Bob: active (a conversation on 1 June), Ali, next contact 17 June.
    bob = add_episode(
        people, ids["Bob Brown"], link_worker="Ali", next_contact_on=dt.date(2026, 6, 17)
    )
    add_talk(people, bob, dt.datetime(2026, 6, 1, 10))
    # Cat: closed, Sam, last contact 12 May.
    cat = add_episode(
        people, ids["Cat Clark"], link_worker="Sam", referral_date=dt.date(2026, 5, 1)
    )
    add_talk(people, cat, dt.datetime(2026, 5, 12, 10))
    closing = people.get_person(ids["Cat Clark"]).episodes[0].draft
    people.save_episode(
        dataclasses.replace(
            closing,
            status=EpisodeStatus.CLOSED,
            closed_on=dt.date(2026, 5, 12),
            closing_reason=ClosingReason.GOALS_MET,
        )
    )
    # Dan: active, Sam, last contact 14 June, next 30 June. Eve: no referral at all.
    dan = add_episode(
        people, ids["Dan Davies"], link_worker="Sam", next_contact_on=dt.date(2026, 6, 30)
    )
    add_talk(people, dan, dt.datetime(2026, 6, 14, 15))
    return ids


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CaseloadFilter(status=EpisodeStatus.WAITING), ["Ann Adams"]),
        (CaseloadFilter(status=EpisodeStatus.ACTIVE), ["Bob Brown", "Dan Davies"]),
        (CaseloadFilter(status=EpisodeStatus.CLOSED), ["Cat Clark"]),
        (CaseloadFilter(link_worker="Sam"), ["Ann Adams", "Cat Clark", "Dan Davies"]),
        (CaseloadFilter(link_worker="sam"), []),  # exact, as the settings hold the name
        (CaseloadFilter(status=EpisodeStatus.ACTIVE, link_worker="Sam"), ["Dan Davies"]),
        (CaseloadFilter(text="d", link_worker="Sam"), ["Dan Davies"]),
        (CaseloadFilter(text="ch6", status=EpisodeStatus.ACTIVE), ["Bob Brown"]),
        (CaseloadFilter(text="e"), ["Eve Evans"]),
    ],
)
def test_filters(
    people: PeopleService, varied: dict[str, uuid.UUID], flt: CaseloadFilter, expected: list[str]
) -> None:
    assert caseload_names(people, flt) == expected
    assert people.caseload(flt).total == len(expected)


SORTED = {
    # sort: (ascending, descending); people with nothing in the column come last, by name.
    CaseloadSort.NAME: (
        ["Ann Adams", "Bob Brown", "Cat Clark", "Dan Davies", "Eve Evans"],
        ["Eve Evans", "Dan Davies", "Cat Clark", "Bob Brown", "Ann Adams"],
    ),
    CaseloadSort.NHS_NUMBER: (  # Eve NHS[1], Cat [2], Dan [3], Ann [4]; Bob has none
        ["Eve Evans", "Cat Clark", "Dan Davies", "Ann Adams", "Bob Brown"],
        ["Ann Adams", "Dan Davies", "Cat Clark", "Eve Evans", "Bob Brown"],
    ),
    CaseloadSort.POSTCODE: (  # CH64 2BB, CH65 3DD, CH66 1AA, L1 1AA; Dan has none
        ["Bob Brown", "Eve Evans", "Ann Adams", "Cat Clark", "Dan Davies"],
        ["Cat Clark", "Ann Adams", "Eve Evans", "Bob Brown", "Dan Davies"],
    ),
    CaseloadSort.STATUS: (  # active, active, closed, waiting; Eve has no referral
        ["Bob Brown", "Dan Davies", "Cat Clark", "Ann Adams", "Eve Evans"],
        ["Ann Adams", "Cat Clark", "Dan Davies", "Bob Brown", "Eve Evans"],
    ),
    CaseloadSort.LAST_CONTACT: (  # Cat 12 May, Bob 1 June, Dan 14 June
        ["Cat Clark", "Bob Brown", "Dan Davies", "Ann Adams", "Eve Evans"],
        ["Dan Davies", "Bob Brown", "Cat Clark", "Ann Adams", "Eve Evans"],
    ),
    CaseloadSort.NEXT_CONTACT: (  # Bob 17, Ann 20, Dan 30 June
        ["Bob Brown", "Ann Adams", "Dan Davies", "Cat Clark", "Eve Evans"],
        ["Dan Davies", "Ann Adams", "Bob Brown", "Cat Clark", "Eve Evans"],
    ),
}


@pytest.mark.parametrize("sort", list(CaseloadSort))
def test_every_sort_both_ways_with_blanks_last(
    people: PeopleService, varied: dict[str, uuid.UUID], sort: CaseloadSort
) -> None:
    ascending, descending = SORTED[sort]
    assert caseload_names(people, sort=sort) == ascending
    assert caseload_names(people, sort=sort, descending=True) == descending
    # The same orders while searching (postcodes CH64, CH65 and CH66).
    found = {"Ann Adams", "Bob Brown", "Eve Evans"}
    flt = CaseloadFilter(text="ch6")
    assert caseload_names(people, flt, sort=sort) == [n for n in ascending if n in found]
    assert caseload_names(people, flt, sort=sort, descending=True) == [
        n for n in descending if n in found
    ]


def test_rows_carry_what_the_table_shows(
    people: PeopleService, varied: dict[str, uuid.UUID]
) -> None:
    row = caseload_row(people, varied["Dan Davies"])
    assert row.name == "Dan Davies" and row.nhs_number == NHS[3] and row.postcode == ""
    assert row.status is EpisodeStatus.ACTIVE and row.link_worker == "Sam"
    assert row.last_contact == dt.date(2026, 6, 14) and row.next_contact == dt.date(2026, 6, 30)
    assert caseload_row(people, varied["Ann Adams"]).postcode == "CH66 1AA"


@pytest.fixture
def thirty(people: PeopleService) -> PeopleService:
    """30 people: 'Person 00 Smith' ... with every third one given a next contact."""
    rows = []
    for i in range(30):
        episode = EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=NO_ONE,
            referral_date=TODAY,
            next_contact_on=TODAY + dt.timedelta(days=i) if i % 3 == 0 else None,
        )
        rows.append(
            (
                PersonDraft(given_name=f"Person{i:02}", family_name="Smith", nhs_number=NHS[i]),
                episode,
            )
        )
    people.import_people(rows)
    return people


@pytest.mark.parametrize(
    ("flt", "sort", "descending"),
    [
        (CaseloadFilter(), CaseloadSort.NAME, False),
        (CaseloadFilter(), CaseloadSort.NAME, True),
        (CaseloadFilter(text="smi"), CaseloadSort.NAME, False),
        (CaseloadFilter(text="smi"), CaseloadSort.NAME, True),
        (CaseloadFilter(text="999"), CaseloadSort.NAME, False),
        (CaseloadFilter(), CaseloadSort.NEXT_CONTACT, False),  # pages across the blanks
        (CaseloadFilter(), CaseloadSort.NEXT_CONTACT, True),
        (CaseloadFilter(text="smith"), CaseloadSort.NHS_NUMBER, True),
        (CaseloadFilter(status=EpisodeStatus.WAITING), CaseloadSort.NEXT_CONTACT, False),
    ],
)
def test_pages_join_up_and_carry_the_total(
    thirty: PeopleService, flt: CaseloadFilter, sort: CaseloadSort, descending: bool
) -> None:
    everyone = thirty.caseload(flt, sort, descending, limit=100)
    assert everyone.total == 30 and len(everyone.rows) == 30
    pages = [thirty.caseload(flt, sort, descending, limit=7, offset=o) for o in range(0, 35, 7)]
    assert [p.total for p in pages] == [30] * 5
    assert [len(p.rows) for p in pages] == [7, 7, 7, 7, 2]
    assert [r.id for p in pages for r in p.rows] == [r.id for r in everyone.rows]
    past_the_end = thirty.caseload(flt, sort, descending, limit=7, offset=40)
    assert past_the_end.rows == () and past_the_end.total == 30


def test_next_contact_order_puts_the_blanks_after_the_dates(thirty: PeopleService) -> None:
    rows = thirty.caseload(sort=CaseloadSort.NEXT_CONTACT, limit=100).rows
    dated = [r.next_contact for r in rows[:10]]
    assert dated == sorted(d for d in dated if d) and len(dated) == 10
    assert all(r.next_contact is None for r in rows[10:])
    assert [r.name for r in rows[10:13]] == ["Person01 Smith", "Person02 Smith", "Person04 Smith"]


def test_search_with_thousands_of_words_gives_a_page(caseload: PeopleService) -> None:
    """Pasted pages of text search by their first different words, never failing."""
    repeated = "mo " * 5_000 + "oakes"
    assert found_names(caseload, repeated) == ["Mo Oakes"]
    many = "mo oakes " + " ".join(f"word{n}" for n in range(5_000))
    page = caseload.caseload(CaseloadFilter(text=many))
    assert page.total == 0 and not page.rows
