"""The invented people shipped in resources/, so the demo shows a living caseload.

``resources/sample_people.json`` is a list of people. Each object has the fields
of :class:`~linkworker.domain.people.PersonDraft` (enums by value, lists for
tuples, ``important_people`` as objects) plus ``episodes``, oldest first. Every
date is relative to ``today`` so the demo always looks current:

- a person gives ``age`` and ``birthday`` (``"MM-DD"``) instead of a date of birth,
  and ``gp_practice`` names one of :data:`SAMPLE_PRACTICES` (left out: none recorded);
- an episode gives ``referral_days_ago``, ``closed_days_ago`` and
  ``next_contact_in_days`` (negative when the contact is overdue); a closed one may
  give the person's ``story`` as ``{"words", "consent", "days_ago"}``; each consent is
  ``{"given": true, "days_ago": 40}``, recorded by :data:`DEMO_LINK_WORKER` unless
  it says ``recorded_by``; its ``conversations`` are oldest first;
- a conversation gives ``days_ago`` and ``time`` (``"HH:MM"``), and ``answers`` as an
  object keyed by the :data:`~linkworker.domain.people.WHAT_MATTERS_PROMPTS` keys;
  a crisis plan's steps give ``within_days`` and the plan ``check_back_within_days``,
  both counted from the day of the conversation;
- an episode's ``plan`` (optional) holds ``goals`` in the person's order, each with
  ``words``, ``status``, ``ratings`` (``{"days_ago", "score", "note"}``, oldest first)
  and ``steps`` (``what``, ``who``, ``who_name``, ``by_in_days``, and
  ``done_days_ago`` once done), and ``referrals``: the community assets chosen, each
  by its exact ``asset`` name in the sample directory, with ``goal`` (the index of
  the goal it helps with), ``getting_there``, ``going_with``, ``notes`` and a
  ``history`` of ``{"status", "days_ago", "note"}``, oldest first. Status changes are
  recorded by the episode's link worker.

Everyone is invented: NHS numbers are from the 999 test range, phone numbers from
Ofcom's drama ranges and emails at example.org.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from linkworker.domain.closing import Story, StoryConsent
from linkworker.domain.directory import DirectoryFilter, SortKey
from linkworker.domain.people import (
    WHAT_MATTERS_PROMPTS,
    AccessNeed,
    ClosingReason,
    Consent,
    ContactMethod,
    ConversationDraft,
    ConversationMode,
    ConversationType,
    CrisisPlan,
    CrisisStep,
    EpisodeDraft,
    EpisodeStatus,
    GpPractice,
    ImportantPerson,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.domain.plan import (
    AssetReferralDraft,
    ConfidenceRating,
    GoalDraft,
    GoalStatus,
    GoalStep,
    ReferralStatus,
    StatusChange,
    StepOwner,
)
from linkworker.domain.validation import parse_time
from linkworker.services.plan import GoalRecord, PlanRecord, ReferralRecord

if TYPE_CHECKING:
    from linkworker.services.directory import DirectoryService
    from linkworker.services.people import PeopleService
    from linkworker.services.plan import PlanService

log = logging.getLogger(__name__)

SAMPLE_FILE = "sample_people.json"

#: The name the demo signs in as; sample consents and conversations are recorded by it.
DEMO_LINK_WORKER = "Demo link worker"

#: Stands in for the ids of records not saved yet; :func:`add_sample_people` fills them in.
PLACEHOLDER_ID = uuid.UUID(int=0)

_PROMPT_ORDER = {key: i for i, (key, _label) in enumerate(WHAT_MATTERS_PROMPTS)}


@dataclass(frozen=True, slots=True)
class SampleReferral:
    """A community asset chosen together, named as in the sample directory."""

    asset_name: str
    #: Its ``draft.asset_id`` and ``episode_id`` are :data:`PLACEHOLDER_ID` until saved.
    record: ReferralRecord


@dataclass(frozen=True, slots=True)
class SamplePlan:
    """An episode's plan with its history, before saving (episode ids are placeholders)."""

    goals: tuple[GoalRecord, ...] = ()
    referrals: tuple[SampleReferral, ...] = ()


@dataclass(frozen=True, slots=True)
class SampleEpisode:
    """An episode of support, its conversations (oldest first) and its plan, before saving."""

    episode: EpisodeDraft
    conversations: tuple[ConversationDraft, ...] = ()
    plan: SamplePlan | None = None


@dataclass(frozen=True, slots=True)
class SamplePerson:
    """A person and their episodes, oldest first, before saving."""

    person: PersonDraft
    episodes: tuple[SampleEpisode, ...] = ()

    @property
    def latest(self) -> SampleEpisode | None:
        """The most recent referral: the one the caseload shows."""
        return self.episodes[-1] if self.episodes else None


def _days_before(today: dt.date, days: int | None) -> dt.date | None:
    return None if days is None else today - dt.timedelta(days=int(days))


def _birth_date(today: dt.date, age: int, birthday: str) -> dt.date:
    """The date of birth that makes someone ``age`` today (29 February is not used)."""
    month, day = (int(part) for part in birthday.split("-"))
    year = today.year - age
    if (month, day) > (today.month, today.day):
        year -= 1
    return dt.date(year, month, day)


def _consent(raw: dict[str, Any] | None, today: dt.date) -> Consent:
    if not raw:
        return Consent()
    return Consent(
        given=bool(raw.get("given", False)),
        on=_days_before(today, raw.get("days_ago")),
        recorded_by=raw.get("recorded_by", DEMO_LINK_WORKER),
    )


def _story(raw: dict[str, Any] | None, today: dt.date, recorded_by: str) -> Story:
    if not raw:
        return Story()
    return Story(
        words=raw.get("words", ""),
        consent=StoryConsent(raw["consent"]) if raw.get("consent") else None,
        consent_on=_days_before(today, raw.get("days_ago")),
        recorded_by=recorded_by,
    )


def _crisis(raw: dict[str, Any] | None, day: dt.date) -> CrisisPlan | None:
    if raw is None:
        return None
    return CrisisPlan(
        must_change=raw["must_change"],
        steps=tuple(
            CrisisStep(
                what=step["what"],
                who=step.get("who", ""),
                by=day + dt.timedelta(days=int(step["within_days"]))
                if "within_days" in step
                else None,
            )
            for step in raw.get("steps", ())
        ),
        check_back_on=day + dt.timedelta(days=int(raw["check_back_within_days"])),
    )


def conversation_from_sample(
    raw: dict[str, Any], today: dt.date, recorded_by: str = DEMO_LINK_WORKER
) -> ConversationDraft:
    """One sample conversation as a draft, its date relative to ``today``."""
    day = today - dt.timedelta(days=int(raw["days_ago"]))
    answers = raw.get("answers", {})
    return ConversationDraft(
        episode_id=PLACEHOLDER_ID,
        at=dt.datetime.combine(day, parse_time(raw.get("time", "10:00"))),
        kind=ConversationType(raw.get("kind", "follow_up")),
        mode=ConversationMode(raw.get("mode", "face_to_face")),
        place=raw.get("place", ""),
        minutes=raw.get("minutes"),
        notes=raw.get("notes", ""),
        answers=tuple(sorted(answers.items(), key=lambda item: _PROMPT_ORDER[item[0]])),
        crisis=_crisis(raw.get("crisis"), day),
        recorded_by=raw.get("recorded_by", recorded_by),
    )


def _step(raw: dict[str, Any], today: dt.date) -> GoalStep:
    by = raw.get("by_in_days")
    done = raw.get("done_days_ago")
    return GoalStep(
        what=raw["what"],
        who=StepOwner(raw.get("who", StepOwner.PERSON.value)),
        who_name=raw.get("who_name", ""),
        by=None if by is None else today + dt.timedelta(days=int(by)),
        done=done is not None,
        done_on=_days_before(today, done),
    )


def plan_from_sample(raw: dict[str, Any], today: dt.date, recorded_by: str) -> SamplePlan:
    """One sample plan, its dates relative to ``today``; changes are recorded by ``recorded_by``."""
    goals = tuple(
        GoalRecord(
            draft=GoalDraft(
                episode_id=PLACEHOLDER_ID,
                words=g["words"],
                steps=tuple(_step(s, today) for s in g.get("steps", ())),
                status=GoalStatus(g.get("status", GoalStatus.OPEN.value)),
                position=i,
            ),
            ratings=tuple(
                ConfidenceRating(
                    score=int(r["score"]),
                    on=today - dt.timedelta(days=int(r["days_ago"])),
                    note=r.get("note", ""),
                )
                for r in g.get("ratings", ())
            ),
        )
        for i, g in enumerate(raw.get("goals", ()))
    )
    referrals = tuple(
        SampleReferral(
            asset_name=r["asset"],
            record=ReferralRecord(
                draft=AssetReferralDraft(
                    episode_id=PLACEHOLDER_ID,
                    asset_id=PLACEHOLDER_ID,
                    recorded_by=recorded_by,
                    getting_there=r.get("getting_there", ""),
                    going_with_someone=bool(r.get("going_with")),
                    going_with=r.get("going_with", ""),
                    notes=r.get("notes", ""),
                ),
                history=tuple(
                    StatusChange(
                        status=ReferralStatus(c["status"]),
                        on=today - dt.timedelta(days=int(c["days_ago"])),
                        note=c.get("note", ""),
                        recorded_by=recorded_by,
                    )
                    for c in r["history"]
                ),
                goal=r.get("goal"),
            ),
        )
        for r in raw.get("referrals", ())
    )
    return SamplePlan(goals=goals, referrals=referrals)


def episode_from_sample(raw: dict[str, Any], today: dt.date) -> SampleEpisode:
    """One sample episode, with its conversations, relative to ``today``."""
    next_in = raw.get("next_contact_in_days")
    reason = raw.get("closing_reason")
    link_worker = raw.get("link_worker", "")
    episode = EpisodeDraft(
        person_id=PLACEHOLDER_ID,
        referral_date=today - dt.timedelta(days=int(raw["referral_days_ago"])),
        referred_by=ReferrerKind(raw.get("referred_by", "gp")),
        referrer_name=raw.get("referrer_name", ""),
        reasons=tuple(raw.get("reasons", ())),
        reason_notes=raw.get("reason_notes", ""),
        urgency=Urgency(raw.get("urgency", "routine")),
        consent_to_hold=_consent(raw.get("consent_to_hold"), today),
        consent_share_gp=_consent(raw.get("consent_share_gp"), today),
        consent_share_providers=_consent(raw.get("consent_share_providers"), today),
        status=EpisodeStatus(raw.get("status", "waiting")),
        link_worker=link_worker,
        next_contact_on=None if next_in is None else today + dt.timedelta(days=int(next_in)),
        closed_on=_days_before(today, raw.get("closed_days_ago")),
        closing_reason=None if reason is None else ClosingReason(reason),
        closing_note=raw.get("closing_note", ""),
        story=_story(raw.get("story"), today, link_worker or DEMO_LINK_WORKER),
    )
    conversations = tuple(
        conversation_from_sample(c, today, link_worker or DEMO_LINK_WORKER)
        for c in raw.get("conversations", ())
    )
    plan = raw.get("plan")
    return SampleEpisode(
        episode=episode,
        conversations=conversations,
        plan=None
        if plan is None
        else plan_from_sample(plan, today, link_worker or DEMO_LINK_WORKER),
    )


#: The invented GP practices a sample person's ``gp_practice`` names (none has an ODS code).
SAMPLE_PRACTICES = {
    "millbrook": GpPractice("Millbrook Medical Centre", "2 Wharf Walk\nEllesmere Port", "CH65 0BS"),
    "larkspur_lane": GpPractice(
        "Larkspur Lane Surgery", "40 Larkspur Lane\nGreat Sutton\nEllesmere Port", "CH66 2TN"
    ),
}


def person_from_sample(raw: dict[str, Any], today: dt.date) -> SamplePerson:
    """One sample object as a person with their episodes; dates are relative to ``today``."""
    contact = raw.get("preferred_contact")
    person = PersonDraft(
        given_name=raw["given_name"],
        family_name=raw.get("family_name", ""),
        preferred_name=raw.get("preferred_name", ""),
        date_of_birth=_birth_date(today, int(raw["age"]), raw["birthday"])
        if "age" in raw
        else None,
        nhs_number=raw.get("nhs_number", ""),
        address=raw.get("address", ""),
        postcode=raw.get("postcode", ""),
        no_fixed_address=bool(raw.get("no_fixed_address", False)),
        phone=raw.get("phone", ""),
        email=raw.get("email", ""),
        preferred_contact=None if contact is None else ContactMethod(contact),
        contact_times=raw.get("contact_times", ""),
        gender=raw.get("gender", ""),
        ethnicity=raw.get("ethnicity", ""),
        first_language=raw.get("first_language", ""),
        interpreter_needed=bool(raw.get("interpreter_needed", False)),
        speaks_english=raw.get("speaks_english"),
        access_needs=tuple(AccessNeed(a) for a in raw.get("access_needs", ())),
        is_carer=bool(raw.get("is_carer", False)),
        is_cared_for=bool(raw.get("is_cared_for", False)),
        important_people=tuple(ImportantPerson(**p) for p in raw.get("important_people", ())),
        what_matters=raw.get("what_matters", ""),
        interests=tuple(raw.get("interests", ())),
        strengths=tuple(raw.get("strengths", ())),
        notes=raw.get("notes", ""),
        gp_practice=SAMPLE_PRACTICES.get(raw.get("gp_practice", ""), GpPractice()),
    )
    episodes = tuple(episode_from_sample(e, today) for e in raw.get("episodes", ()))
    return SamplePerson(person=person, episodes=episodes)


def load_sample_people(today: dt.date | None = None) -> list[SamplePerson]:
    """Every invented person in the shipped sample, with dates relative to ``today``."""
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath(SAMPLE_FILE)
        .read_text(encoding="utf-8")
    )
    return [person_from_sample(raw, today or dt.date.today()) for raw in json.loads(text)]


def add_sample_people(
    people: PeopleService,
    samples: Sequence[SamplePerson],
    plans: PlanService | None = None,
    directory: DirectoryService | None = None,
) -> int:
    """Save each person, then their episodes and conversations (oldest first); returns people.

    Given ``plans`` and ``directory``, the episodes' plans follow, all in one
    transaction, their assets looked up by name in the directory (an asset it
    does not hold, or holds archived, is left out of the plan, with a warning in
    the log).
    """
    saved_plans: list[tuple[uuid.UUID, SamplePlan]] = []
    for sample in samples:
        person = people.save_person(sample.person)
        for item in sample.episodes:
            episode = people.save_episode(replace(item.episode, person_id=person.id))
            for conversation in item.conversations:
                people.save_conversation(replace(conversation, episode_id=episode.id))
            if item.plan is not None:
                saved_plans.append((episode.id, item.plan))
    if plans is not None and directory is not None and saved_plans:
        asset_ids = asset_ids_by_name(directory)
        plans.add_plans([_plan_record(eid, plan, asset_ids) for eid, plan in saved_plans])
    return len(samples)


def asset_ids_by_name(directory: DirectoryService) -> dict[str, uuid.UUID]:
    """Every asset in the directory (archived ones left out) by its exact name, in one query."""
    page = directory.search(DirectoryFilter(), SortKey.NAME, limit=1_000_000)
    return {row.name: row.id for row in page.rows}


def _plan_record(
    episode_id: uuid.UUID, plan: SamplePlan, asset_ids: dict[str, uuid.UUID]
) -> PlanRecord:
    referrals: list[ReferralRecord] = []
    for item in plan.referrals:
        asset_id = asset_ids.get(item.asset_name)
        if asset_id is None:
            log.warning("Sample plan left out %r: it is not in the directory", item.asset_name)
            continue
        record = item.record
        referrals.append(
            replace(record, draft=replace(record.draft, episode_id=episode_id, asset_id=asset_id))
        )
    return PlanRecord(
        episode_id=episode_id,
        goals=tuple(replace(g, draft=replace(g.draft, episode_id=episode_id)) for g in plan.goals),
        referrals=tuple(referrals),
    )
