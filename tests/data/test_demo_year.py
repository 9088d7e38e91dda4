"""The demo holds a year of the team's work, so every report has something to show:
referrals in every month from every kind of referrer, contacts of every kind, closings
for many reasons, paired measures, stories shared with consent and people who went on
to volunteer; the demo worker's own caseload stays the sample people's."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.codes import SnomedCode
from linkworker.domain.journey import ContactOutcome, ContactPlace
from linkworker.domain.outcomes import DECLINED, EpisodeOutcomes, Measure, Timepoint
from linkworker.domain.people import CaseloadFilter, EpisodeDetail, PersonDetail, ReferrerKind
from linkworker.domain.person_validation import parse_nhs_number
from linkworker.domain.plan import ReferralStatus
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.services.episodes import EpisodeRecord
from linkworker.services.sample_history import plan_history
from linkworker.services.sample_people import DEMO_LINK_WORKER, load_sample_people

RESOURCES = Path(__file__).parents[2] / "resources" / "sample_people.json"


@dataclass
class Year:
    """Everything the demo holds, read back through the services."""

    today: dt.date
    people: list[PersonDetail]
    records: dict[object, EpisodeRecord]
    outcomes: list[EpisodeOutcomes]
    services: Services

    @property
    def episodes(self) -> Iterator[EpisodeDetail]:
        for person in self.people:
            yield from person.episodes


@pytest.fixture(scope="module")
def year(demo_folder: Path) -> Iterator[Year]:
    services = open_services(AppPaths.under(demo_folder))
    try:
        rows = services.people.caseload(CaseloadFilter(), limit=10_000).rows
        people = [services.people.get_person(row.id) for row in rows]
        records = {
            e.id: services.episodes.record(e.id) for person in people for e in person.episodes
        }
        outcomes = [o for person in people for o in services.outcomes.for_person(person.id)]
        yield Year(dt.date.today(), people, records, outcomes, services)
    finally:
        services.close()


def _months_back(today: dt.date, n: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - n
    return index // 12, index % 12 + 1


def test_every_one_of_the_last_twelve_months_has_referrals_from_every_kind_of_referrer(
    year: Year,
) -> None:
    months = Counter(
        (e.draft.referral_date.year, e.draft.referral_date.month) for e in year.episodes
    )
    for n in range(1, 13):
        assert months[_months_back(year.today, n)] >= 5, _months_back(year.today, n)
    recent = [e for e in year.episodes if (year.today - e.draft.referral_date).days <= 30]
    assert len(recent) >= 5
    kinds = Counter(e.draft.referred_by for e in year.episodes)
    for kind in (
        ReferrerKind.GP,
        ReferrerKind.NURSE,
        ReferrerKind.PHARMACIST,
        ReferrerKind.SELF,
        ReferrerKind.OTHER_SERVICE,
    ):
        assert kinds[kind] >= 5, kind
    assert len({r for e in year.episodes for r in e.draft.reasons}) >= 10


def test_the_people_referred_are_a_spread_of_ages_genders_backgrounds_and_places(
    year: Year,
) -> None:
    ages = [
        (year.today - p.draft.date_of_birth).days // 365
        for p in year.people
        if p.draft.date_of_birth is not None
    ]
    assert min(ages) < 30 and max(ages) >= 80
    assert {"Woman", "Man", "Non-binary"} <= {p.draft.gender for p in year.people}
    assert len({p.draft.ethnicity for p in year.people if p.draft.ethnicity}) >= 10
    districts = Counter(p.draft.postcode.split(" ")[0] for p in year.people if p.draft.postcode)
    assert districts["CH65"] > 40 and districts["CH66"] > 40
    assert len(districts) >= 5
    assert len({(p.draft.given_name, p.draft.family_name) for p in year.people}) > 100


def test_contacts_of_every_outcome_and_mode_and_a_first_contact_coded_for_the_gp(
    year: Year,
) -> None:
    contacts = [c for record in year.records.values() for c in record.contacts]
    outcomes = Counter(c.draft.outcome for c in contacts)
    for outcome in (
        ContactOutcome.ATTENDED,
        ContactOutcome.DID_NOT_ATTEND,
        ContactOutcome.COULD_NOT_REACH,
        ContactOutcome.CANCELLED_BY_PERSON,
    ):
        assert outcomes[outcome] >= 5, outcome
    assert outcomes[ContactOutcome.ATTENDED] > 300
    assert set(ContactPlace) == {c.draft.place for c in contacts}
    waits = [e.waiting_days for e in year.episodes if e.draft.first_contact_on is not None]
    assert len(waits) > 60
    start = year.today - dt.timedelta(days=365)
    coded = Counter(event.code for event, _nhs in year.services.codes.between(start, year.today))
    assert coded[SnomedCode.REFERRAL] > 60
    assert coded[SnomedCode.DECLINED] >= 3
    assert coded[SnomedCode.OFFERED] >= coded[SnomedCode.REFERRAL]


def test_referrals_closed_for_many_reasons_through_the_year(year: Year) -> None:
    closed = [e for e in year.episodes if e.draft.closed_on is not None]
    reasons = Counter(e.draft.closing_reason for e in closed)
    assert len(reasons) >= 6
    assert max(reasons.values()) < len(closed)
    quarters = Counter((year.today - e.draft.closed_on).days // 91 for e in closed)  # type: ignore[operator]
    assert all(quarters[q] >= 5 for q in range(4))


def test_places_referred_to_are_attended_still_going_and_stopped(year: Year) -> None:
    places = [r for record in year.records.values() for r in record.plan.referrals]
    statuses = Counter(r.current_status for r in places)
    for status in (ReferralStatus.ATTENDED, ReferralStatus.STILL_GOING, ReferralStatus.STOPPED):
        assert statuses[status] >= 5, status
    ratings = [g.ratings for record in year.records.values() for g in record.plan.goals]
    assert sum(1 for r in ratings if len(r) >= 2) >= 30


def test_measures_are_paired_with_a_baseline_some_items_declined(year: Year) -> None:
    pairs: Counter[Measure] = Counter()
    declined = 0
    for episode in year.outcomes:
        for measure in Measure:
            taken = [m for m in episode.measures if m.measure is measure]
            if any(m.timepoint is Timepoint.BASELINE for m in taken) and any(
                m.timepoint is not Timepoint.BASELINE for m in taken
            ):
                pairs[measure] += 1
        declined += sum(1 for m in episode.measures if DECLINED in m.answers)
        assert all(m.timepoint is not Timepoint.CLOSING or episode.closed for m in episode.measures)
    assert pairs[Measure.ONS4] >= 30
    assert pairs[Measure.UCLA3] >= 15
    assert declined >= 5
    connection = [
        m for episode in year.outcomes for m in episode.measures if m.measure is Measure.CONNECTION
    ]
    assert len(connection) >= 10


def test_stories_with_every_answer_about_sharing_and_people_who_give_back(year: Year) -> None:
    stories = Counter(e.draft.story.consent for e in year.episodes if e.draft.story.told)
    assert stories[StoryConsent.YES] >= 2
    assert stories[StoryConsent.NAMED] >= 1
    assert stories[StoryConsent.NO] >= 1
    roles = Counter(g.draft.role for p in year.people for g in p.giving_back)
    assert roles[HelperRole.VOLUNTEER] >= 2
    assert roles[HelperRole.PEER_SUPPORTER] >= 1
    assert all(g.draft.place_name for p in year.people for g in p.giving_back)


def test_the_demo_workers_caseload_is_still_the_sample_peoples(year: Year) -> None:
    raw = json.loads(RESOURCES.read_text(encoding="utf-8"))
    sample_open = sum(
        1
        for p in raw
        if p["episodes"][-1].get("link_worker") == DEMO_LINK_WORKER
        and p["episodes"][-1].get("status") != "closed"
    )
    mine = year.services.people.caseload(
        CaseloadFilter(link_worker=DEMO_LINK_WORKER, open_only=True), limit=10_000
    )
    assert mine.total == sample_open


def test_the_year_is_the_same_every_time_and_its_nhs_numbers_are_test_numbers() -> None:
    today = dt.date(2026, 3, 1)
    taken = {s.person.nhs_number for s in load_sample_people(today)}
    first = plan_history(today, taken)
    again = plan_history(today, taken)
    assert [(life.person, life.episode, life.visits) for life in first] == [
        (life.person, life.episode, life.visits) for life in again
    ]
    numbers = [life.person.nhs_number for life in first]
    assert len(set(numbers)) == len(numbers)
    assert not set(numbers) & taken
    for number in numbers:
        assert number.startswith("999") and parse_nhs_number(number) == number
    assert all(
        life.episode.referral_date < today and (life.closed_on or today) <= today for life in first
    )
