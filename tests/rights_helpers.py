"""A person with one of every kind of record, made through the real services, and a
neighbour whose record must never leak into theirs or be touched by their erasure."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from linkworker.domain.directory import AssetDraft, Location
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.journey import ContactDraft, ContactPlace, RiskFlagKind
from linkworker.domain.matching import MatchPreferences
from linkworker.domain.people import (
    Consent,
    ConversationDraft,
    ConversationType,
    EpisodeDraft,
    GpPractice,
    ImportantPerson,
    PersonDraft,
)
from linkworker.domain.plan import AssetReferralDraft, GoalDraft, GoalStep
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.context import Services
from tests.data.people_helpers import AGREED

#: Words only this person's record holds, one per kind of record.
WORDS = {
    "person": "Keeps bees behind the chapel",
    "what_matters": "Singing with the Thursday choir again",
    "important": "Gwenllian Pritchard-Jones",
    "reason_notes": "Lost her husband last spring",
    "conversation": "Talked about the hives over tea",
    "answer": "I want to feel useful in the village",
    "goal": "Join the choir before Easter",
    "step": "Ring Mrs Ellis about choir practice",
    "place_note": "She would like someone to walk in with her",
    "contact_note": "Meet at the chapel gate",
    "flag": "Dog in the yard, ring before calling",
    "set_aside": "Too far on the bus",
    "draft": "Half-typed note about the allotment waiting list",
    "avoid": "Bingo nights",
    "gp_practice": "Harbourside Surgery",
}


@dataclass(frozen=True)
class Sample:
    person_id: uuid.UUID
    episode_id: uuid.UUID
    name: str
    nhs_number: str
    other_id: uuid.UUID
    other_name: str
    other_nhs_number: str


def make_sample(
    services: Services, nhs: str = "9995752697", other_nhs: str = "9990000018"
) -> Sample:
    """Bronwen with one of everything; Idris, her neighbour, with a record of his own."""
    today = dt.date.today()
    person = services.people.save_person(
        PersonDraft(
            given_name="Bronwen",
            family_name="Llewellyn-Harcourt",
            preferred_name="Bron",
            date_of_birth=dt.date(1950, 4, 9),
            nhs_number=nhs,
            address="3 Chapel Row\nLlanfair",
            postcode="CH65 4AB",
            phone="01632 960555",
            important_people=(ImportantPerson(WORDS["important"], "Sister", "07700 900555"),),
            what_matters=WORDS["what_matters"],
            interests=("Choir singing",),
            strengths=("Beekeeping",),
            gp_practice=GpPractice(WORDS["gp_practice"], "1 Quay Street", "CH65 4AB"),
            notes=WORDS["person"],
        )
    )
    pid = person.id
    episode = services.people.save_episode(
        EpisodeDraft(
            person_id=pid,
            referral_date=today - dt.timedelta(days=20),
            reasons=("Bereavement",),
            reason_notes=WORDS["reason_notes"],
            consent_to_hold=Consent(True, today - dt.timedelta(days=20), "Sam Patel"),
            link_worker="Sam Patel",
        )
    )
    eid = episode.id
    services.people.save_conversation(
        ConversationDraft(
            episode_id=eid,
            at=dt.datetime.combine(today - dt.timedelta(days=10), dt.time(10, 30)),
            kind=ConversationType.FIRST,
            notes=WORDS["conversation"],
            answers=(("what_matters", WORDS["answer"]),),
            recorded_by="Sam Patel",
        )
    )
    goal = services.plans.save_goal(
        GoalDraft(episode_id=eid, words=WORDS["goal"], steps=(GoalStep(WORDS["step"]),))
    )
    services.plans.rate_goal(goal.id, 6)
    choir = services.directory.save(
        AssetDraft(name="Llanfair Community Choir", locations=(Location(postcode="CH65 2AB"),))
    )
    far = services.directory.save(AssetDraft(name="Harbour Walking Group"))
    cafe = services.directory.save(AssetDraft(name="Chapel Cafe"))
    services.plans.save_referral(
        AssetReferralDraft(episode_id=eid, asset_id=choir.id, notes=WORDS["place_note"])
    )
    services.contacts.book(
        ContactDraft(
            episode_id=eid,
            starts_at=dt.datetime.combine(today + dt.timedelta(days=3), dt.time(11, 0)),
            place=ContactPlace.HOME,
            outcome_note=WORDS["contact_note"],
            link_worker="Sam Patel",
        )
    )
    services.flags.raise_flag(pid, RiskFlagKind.LONE_WORKING, WORDS["flag"], "Sam Patel")
    services.documents.record(pid, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions())
    services.matching.save_preferences(pid, MatchPreferences(avoid_categories=(WORDS["avoid"],)))
    services.matching.pin(pid, cafe.id)
    services.matching.dismiss(pid, far.id, WORDS["set_aside"])
    services.drafts.save(
        f"conversation:{eid}:{uuid.uuid4()}",
        "Conversation with Bron Llewellyn-Harcourt",
        {"episode_id": str(eid), "notes": WORDS["draft"]},
    )

    other = services.people.save_person(
        PersonDraft(
            given_name="Idris",
            family_name="Quennell-Vaughan",
            nhs_number=other_nhs,
            what_matters="Fixing bicycles for the youth club",
        )
    )
    other_episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=other.id, referral_date=today - dt.timedelta(days=5)
        )
    )
    services.people.save_conversation(
        ConversationDraft(
            episode_id=other_episode.id,
            at=dt.datetime.combine(today - dt.timedelta(days=2), dt.time(9, 0)),
            notes="Idris brought his own spanners",
        )
    )
    services.flags.raise_flag(other.id, RiskFlagKind.NO_LETTERS, "Post goes astray", "Sam Patel")
    services.matching.pin(other.id, cafe.id)
    return Sample(
        pid,
        eid,
        "Bronwen Llewellyn-Harcourt",
        nhs,
        other.id,
        "Idris Quennell-Vaughan",
        other_nhs,
    )
