"""People, referrals and conversations to test with: fixed dates and 999-range NHS numbers."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterator
from typing import Any

from linkworker.domain.people import (
    AccessNeed,
    CaseloadFilter,
    Consent,
    ContactMethod,
    ConversationDraft,
    EpisodeDraft,
    ImportantPerson,
    PersonDraft,
)
from linkworker.services.people import (
    PeopleService,
)

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)
#: The person agreed to us keeping their record (the usual case once they have been met).
AGREED = Consent(True)
NO_ONE = uuid.UUID(int=0)  # an episode's person before import gives it a real one


def nhs_test_numbers() -> Iterator[str]:
    """Valid NHS numbers from the 999 test range, in order."""
    for serial in itertools.count(1):
        nine = f"999{serial:06d}"
        check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            yield f"{nine}{check}"


NHS = list(itertools.islice(nhs_test_numbers(), 60))


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def add_person(people: PeopleService, given: str, family: str = "", **fields: Any) -> uuid.UUID:
    return people.save_person(PersonDraft(given_name=given, family_name=family, **fields)).id


def add_episode(people: PeopleService, person_id: uuid.UUID, **fields: Any) -> uuid.UUID:
    fields.setdefault("referral_date", TODAY - dt.timedelta(days=30))
    fields.setdefault("consent_to_hold", AGREED)
    return people.save_episode(EpisodeDraft(person_id=person_id, **fields)).id


def add_talk(people: PeopleService, episode_id: uuid.UUID, at: dt.datetime, **fields: Any) -> Any:
    return people.save_conversation(ConversationDraft(episode_id=episode_id, at=at, **fields))


def caseload_names(
    people: PeopleService, flt: CaseloadFilter = CaseloadFilter(), **kw: Any
) -> list[str]:
    return [r.name for r in people.caseload(flt, **kw).rows]


def found_names(people: PeopleService, text: str) -> list[str]:
    return sorted(caseload_names(people, CaseloadFilter(text=text)))


def caseload_row(people: PeopleService, person_id: uuid.UUID) -> Any:
    (row,) = [r for r in people.caseload(limit=1000).rows if r.id == person_id]
    return row


FULL_PERSON = PersonDraft(
    given_name="Margaret",
    family_name="Ó Súilleabháin",
    preferred_name="Peggy",
    date_of_birth=dt.date(1948, 3, 2),
    nhs_number=spaced(NHS[0]),
    address="Flat 2, 14 Station Road\nEllesmere Port",
    postcode="ch65  4ab",
    no_fixed_address=False,
    phone="01632 960123",
    email="peggy@example.org",
    preferred_contact=ContactMethod.LETTER,
    contact_times="Mornings, not Tuesdays",
    gender="Woman",
    ethnicity="White Irish",
    first_language="Irish",
    interpreter_needed=True,
    access_needs=(AccessNeed.LARGE_PRINT, AccessNeed.HEARING, AccessNeed.EASY_READ),
    is_carer=True,
    is_cared_for=False,
    important_people=(
        ImportantPerson("Siobhán", "Daughter", "07700 900123", may_contact=True),
        ImportantPerson("Reg", "Neighbour"),
        ImportantPerson("Dr Amaka Obi", "GP", "Station Road Surgery", may_contact=False),
    ),
    what_matters="Getting back to the allotment, and seeing my grandchildren.",
    interests=("Gardening", "Baking", "Céilí dancing"),
    strengths=("Patient teacher", "Good with plants"),
    notes="Prefers a home visit.",
)
