"""A small hand-built caseload for Today: each person is in a section for one reason, or is not.

Day: Monday 15 June 2026. The user is Sam Patel; Jo Hart is a colleague.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from linkworker.domain.directory import AssetDraft
from linkworker.domain.journey import ContactDraft, ContactOutcome, ContactPlace
from linkworker.domain.people import (
    ClosingReason,
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import AssetReferralDraft, ReferralStatus
from linkworker.services.context import Services
from linkworker.services.sample_journey import SampleContact, add_sample_contacts
from tests.data.people_helpers import AGREED

DAY = dt.date(2026, 6, 15)
ME = "Sam Patel"
COLLEAGUE = "Jo Hart"


def days_ago(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@dataclass
class Caseload:
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    episodes: dict[str, uuid.UUID] = field(default_factory=dict)

    def name_of(self, person_id: uuid.UUID) -> str:
        return next(name for name, pid in self.ids.items() if pid == person_id)


def _person(s: Services, c: Caseload, given: str, family: str, **episode: object) -> uuid.UUID:
    person = s.people.save_person(PersonDraft(given_name=given, family_name=family))
    episode.setdefault("referral_date", days_ago(30))
    episode.setdefault("link_worker", ME)
    saved = s.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, **episode)
    )  # type: ignore[arg-type]
    c.ids[given] = person.id
    c.episodes[given] = saved.id
    return person.id


def _talk(s: Services, c: Caseload, given: str, when: dt.datetime, **fields: object) -> None:
    s.people.save_conversation(
        ConversationDraft(episode_id=c.episodes[given], at=when, **fields)  # type: ignore[arg-type]
    )


def build(s: Services) -> Caseload:
    """Everyone, with a reason to be in a section or to be left out of it."""
    c = Caseload()
    active = {"status": EpisodeStatus.ACTIVE}
    # Booked today: Alice (mine, at a hub), Bob (a colleague's); Alice's 09:00 was recorded.
    _person(s, c, "Alice", "Booked", **active)
    _person(s, c, "Bob", "Colleague", link_worker=COLLEAGUE, **active)
    _person(s, c, "Cara", "Overdue", next_contact_on=days_ago(3), **active)
    _person(s, c, "Dan", "Missed", **active)
    _person(
        s,
        c,
        "Eve",
        "Closed",
        status=EpisodeStatus.CLOSED,
        next_contact_on=days_ago(10),
        closed_on=days_ago(5),
        closing_reason=ClosingReason.GOALS_MET,
    )
    _person(s, c, "Fay", "Waiting", referral_date=days_ago(12), status=EpisodeStatus.WAITING)
    _person(s, c, "Gus", "Longwait", referral_date=days_ago(60), status=EpisodeStatus.WAITING)
    _person(s, c, "Hal", "Quiet", referral_date=days_ago(90), **active)
    _person(s, c, "Ivy", "Recent", referral_date=days_ago(90), **active)
    _person(s, c, "Jon", "Crisis", **active)
    _person(s, c, "Kim", "Followed", **active)
    _person(s, c, "Lou", "News", referral_date=days_ago(60), **active)
    # Mine though written differently: folded, "sam  PATEL" is Sam Patel.
    _person(s, c, "Mo", "Spelt", next_contact_on=days_ago(1), link_worker="sam  PATEL", **active)
    _person(s, c, "Nia", "Theirs", next_contact_on=days_ago(2), link_worker=COLLEAGUE, **active)
    _person(
        s,
        c,
        "Ola",
        "Theirswaiting",
        referral_date=days_ago(9),
        link_worker=COLLEAGUE,
        status=EpisodeStatus.WAITING,
    )

    for given in ("Alice", "Bob", "Cara", "Dan", "Jon", "Kim", "Lou", "Mo", "Nia", "Eve"):
        _talk(s, c, given, at(days_ago(7), 10))
    _talk(s, c, "Hal", at(days_ago(50), 10))
    _talk(s, c, "Ivy", at(days_ago(5), 10))
    crisis = ConversationType.CRISIS
    _talk(
        s,
        c,
        "Jon",
        at(days_ago(4), 11),
        kind=crisis,
        crisis=CrisisPlan(must_change="Somewhere safe tonight", check_back_on=days_ago(1)),
    )
    _talk(
        s,
        c,
        "Kim",
        at(days_ago(6), 11),
        kind=crisis,
        crisis=CrisisPlan(must_change="Heating back on", check_back_on=days_ago(2)),
    )
    _talk(s, c, "Kim", at(days_ago(1), 15))

    def contact(
        given: str,
        when: dt.datetime,
        outcome: ContactOutcome = ContactOutcome.BOOKED,
        place: ContactPlace = ContactPlace.PRACTICE,
        place_name: str = "",
        worker: str = "",
    ) -> SampleContact:
        return SampleContact(
            c.ids[given],
            ContactDraft(
                episode_id=c.episodes[given],
                starts_at=when,
                place=place,
                place_name=place_name,
                outcome=outcome,
                link_worker=worker,
            ),
        )

    add_sample_contacts(
        s.units,
        [
            contact("Alice", at(DAY, 13, 30), place=ContactPlace.HUB, place_name="Elton Cafe"),
            contact("Alice", at(DAY, 9), ContactOutcome.ATTENDED),
            contact("Bob", at(DAY, 11), worker=COLLEAGUE),
            contact("Dan", at(days_ago(2), 10)),
            contact("Dan", at(days_ago(5), 10), ContactOutcome.DID_NOT_ATTEND),
            contact("Eve", at(DAY, 15)),
            contact("Cara", at(DAY + dt.timedelta(days=1), 10)),
        ],
    )
    places = [
        s.directory.save(AssetDraft(name=name)).id
        for name in ("Port Money Advice", "Knit and Natter", "Walking Football")
    ]
    for asset_id, status, days in (
        (places[0], ReferralStatus.REFERRED, 30),
        (places[1], ReferralStatus.AGREED, 5),
        (places[2], ReferralStatus.ATTENDED, 40),
    ):
        s.plans.save_referral(
            AssetReferralDraft(
                episode_id=c.episodes["Lou"],
                asset_id=asset_id,
                status=status,
                status_on=days_ago(days),
                recorded_by=ME,
            )
        )
    s.settings.set("user_name", ME)
    return c
