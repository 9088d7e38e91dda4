"""The invented people shipped in resources/: valid, varied, kind and safely made up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import json
import re
import uuid
from collections import Counter
from typing import Any

import pytest
from nhs_number.validate import is_valid as nhs_checksum_ok

from linkworker.domain.people import (
    DEFAULT_REFERRAL_REASONS,
    WHAT_MATTERS_PROMPTS,
    AccessNeed,
    ConversationDetail,
    ConversationDraft,
    ConversationType,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    PersonDetail,
    PersonDraft,
    ReferrerKind,
)
from linkworker.domain.person_validation import (
    validate_conversation,
    validate_episode,
    validate_person,
)
from linkworker.domain.plan import GoalStatus, ReferralStatus, StepOwner
from linkworker.domain.validation import postcode_parts
from linkworker.services.plan import (
    change_problems,
    rating_problems,
    validate_goal,
    validate_referral,
)
from linkworker.services.sample_people import (
    DEMO_LINK_WORKER,
    PLACEHOLDER_ID,
    SAMPLE_FILE,
    SampleEpisode,
    SamplePerson,
    add_sample_people,
    load_sample_people,
)

TODAY = dt.date(2025, 6, 2)
END_OF_TODAY = dt.datetime.combine(TODAY, dt.time(23, 59))

#: Ofcom numbers reserved for drama: never issued to a real line.
DRAMA_PHONE = re.compile(r"^(01632960\d{3}|07700900\d{3})$")
FIRST_PERSON = re.compile(r"\b(I|I'm|I'd|I've|I'll|me|my|myself|we|our|us)\b", re.IGNORECASE)
PROMPT_KEYS = {key for key, _label in WHAT_MATTERS_PROMPTS}
PLAN_STEP_KEYS = {"what", "who", "who_name", "by_in_days", "done_days_ago"}
PLAN_REFERRAL_KEYS = {"asset", "goal", "getting_there", "going_with", "notes", "history"}


def _raw() -> list[dict[str, Any]]:
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath(SAMPLE_FILE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    assert isinstance(data, list)
    return data


RAW = _raw()
SAMPLES = load_sample_people(TODAY)
PEOPLE = [s.person for s in SAMPLES]
EPISODES = [e for s in SAMPLES for e in s.episodes]
CONVERSATIONS = [c for e in EPISODES for c in e.conversations]


def _latest(sample: SamplePerson) -> EpisodeDraft:
    assert sample.latest is not None
    return sample.latest.episode


def _age(born: dt.date | None, on: dt.date = TODAY) -> int:
    assert born is not None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_there_are_about_thirty_people() -> None:
    assert 28 <= len(RAW) <= 32
    assert len(load_sample_people()) == len(RAW)


def test_only_known_keys_are_used() -> None:
    """A misspelt key would be silently ignored by the loader, so catch it here."""

    def fields(cls: type) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    person_keys = (fields(PersonDraft) - {"id", "version", "date_of_birth"}) | {
        "age",
        "birthday",
        "episodes",
    }
    episode_keys = (
        fields(EpisodeDraft)
        - {"id", "version", "person_id", "referral_date", "next_contact_on", "closed_on"}
    ) | {"referral_days_ago", "next_contact_in_days", "closed_days_ago", "conversations", "plan"}
    conversation_keys = (fields(ConversationDraft) - {"id", "version", "episode_id", "at"}) | {
        "days_ago",
        "time",
    }
    for raw in RAW:
        name = raw["given_name"]
        assert set(raw) <= person_keys, (name, set(raw) - person_keys)
        for person in raw.get("important_people", ()):
            assert set(person) <= {"name", "relationship", "contact", "may_contact"}, name
        for episode in raw["episodes"]:
            assert set(episode) <= episode_keys, (name, set(episode) - episode_keys)
            for key in ("consent_to_hold", "consent_share_gp", "consent_share_providers"):
                assert set(episode.get(key, {})) <= {"given", "days_ago", "recorded_by"}
            for conv in episode.get("conversations", ()):
                assert set(conv) <= conversation_keys, (name, set(conv) - conversation_keys)
                assert set(conv.get("answers", {})) <= PROMPT_KEYS, name
                crisis = conv.get("crisis")
                if crisis:
                    assert set(crisis) <= {"must_change", "steps", "check_back_within_days"}
                    for step in crisis["steps"]:
                        assert set(step) <= {"what", "who", "within_days"}, name
            plan = episode.get("plan", {})
            assert set(plan) <= {"goals", "referrals"}, name
            for goal in plan.get("goals", ()):
                assert set(goal) <= {"words", "status", "ratings", "steps"}, name
                for rating in goal.get("ratings", ()):
                    assert set(rating) <= {"days_ago", "score", "note"}, name
                for step in goal.get("steps", ()):
                    assert set(step) <= PLAN_STEP_KEYS, (name, set(step) - PLAN_STEP_KEYS)
            for referral in plan.get("referrals", ()):
                assert set(referral) <= PLAN_REFERRAL_KEYS, (name, set(referral))
                for change in referral["history"]:
                    assert set(change) <= {"status", "days_ago", "note"}, name


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.person.display_name)
def test_every_record_passes_validation(sample: SamplePerson) -> None:
    assert validate_person(sample.person, TODAY) == []
    for item in sample.episodes:
        assert validate_episode(item.episode, TODAY) == []
        for conversation in item.conversations:
            assert validate_conversation(conversation, END_OF_TODAY) == []


def test_every_record_validates_against_the_real_today() -> None:
    now = dt.datetime.now()
    for sample in load_sample_people():
        name = sample.person.display_name
        assert validate_person(sample.person) == [], name
        for item in sample.episodes:
            assert validate_episode(item.episode) == [], name
            for conversation in item.conversations:
                assert validate_conversation(conversation, now) == [], name
            assert _plan_problems(item, now.date()) == [], name


def _plan_problems(item: SampleEpisode, today: dt.date) -> list[Any]:
    """Every problem PlanService would find in a sample plan."""
    if item.plan is None:
        return []
    referral_date = item.episode.referral_date
    problems: list[Any] = []
    for goal in item.plan.goals:
        problems += validate_goal(goal.draft, today, referral_date)
        for rating in goal.ratings:
            problems += rating_problems(rating.score, rating.on, today, referral_date)
    for referral in item.plan.referrals:
        problems += validate_referral(referral.record.draft)
        problems += change_problems(referral.record.history, today, referral_date)
    return problems


def test_placeholder_ids_until_saved() -> None:
    assert all(p.id is None and p.version is None for p in PEOPLE)
    assert all(e.episode.person_id == PLACEHOLDER_ID and e.episode.id is None for e in EPISODES)
    assert all(c.episode_id == PLACEHOLDER_ID and c.id is None for c in CONVERSATIONS)


def test_nhs_numbers_are_from_the_test_range_valid_and_unique() -> None:
    numbers = [p.nhs_number for p in PEOPLE if p.nhs_number]
    assert len(PEOPLE) - len(numbers) >= 2, "some people have no NHS number"
    for number in numbers:
        assert re.fullmatch(r"999\d{7}", number), number
        assert nhs_checksum_ok(number), number
    assert len(set(numbers)) == len(numbers)


def test_phone_numbers_are_only_from_the_drama_ranges() -> None:
    phones = [p.phone for p in PEOPLE if p.phone]
    assert len(PEOPLE) - len(phones) >= 2, "some people have no phone"
    assert len(set(phones)) == len(phones)
    contacts = [ip.contact for p in PEOPLE for ip in p.important_people if ip.contact]
    for phone in phones + contacts:
        assert DRAMA_PHONE.match(re.sub(r"\D", "", phone)), phone


def test_emails_are_at_example_org() -> None:
    emails = [p.email for p in PEOPLE if p.email]
    assert len(emails) >= 3
    assert all(e.endswith("@example.org") for e in emails), emails


def test_everyone_lives_in_ellesmere_port_or_has_no_fixed_address() -> None:
    homeless = [p for p in PEOPLE if p.no_fixed_address]
    assert len(homeless) >= 2
    assert all(not p.address and not p.postcode for p in homeless)
    districts = Counter(postcode_parts(p.postcode).district for p in PEOPLE if p.postcode)
    assert set(districts) == {"CH65", "CH66"}
    for p in PEOPLE:
        if p.address:
            assert p.address.endswith("Ellesmere Port"), p.address


def test_ages_span_nineteen_to_ninety_one_and_follow_today() -> None:
    ages = {raw["given_name"]: raw["age"] for raw in RAW}
    for p in PEOPLE:
        assert _age(p.date_of_birth) == ages[p.given_name], p.given_name
    assert min(ages.values()) == 19
    assert max(ages.values()) == 91
    other_day = dt.date(2031, 12, 31)
    for sample in load_sample_people(other_day):
        assert _age(sample.person.date_of_birth, other_day) == ages[sample.person.given_name]


def test_people_are_varied() -> None:
    genders = Counter(p.gender for p in PEOPLE)
    assert {"Woman", "Man", "Non-binary"} <= set(genders)
    assert len({p.ethnicity for p in PEOPLE}) >= 8
    interpreted = {p.first_language for p in PEOPLE if p.interpreter_needed}
    assert {"Polish", "Arabic", "Urdu"} <= interpreted
    assert len(interpreted) >= 5
    needs = Counter(n for p in PEOPLE for n in p.access_needs)
    assert set(needs) == set(AccessNeed)
    assert sum(p.is_carer for p in PEOPLE) >= 4
    assert sum(p.is_cared_for for p in PEOPLE) >= 2
    may_contact = Counter(ip.may_contact for p in PEOPLE for ip in p.important_people)
    assert may_contact[True] >= 10 and may_contact[False] >= 10


def test_everyone_has_strengths_interests_and_what_matters_in_their_own_words() -> None:
    for p in PEOPLE:
        assert len(p.interests) >= 2 and len(p.strengths) >= 2, p.given_name
        for tag in p.interests + p.strengths:
            assert tag == tag.strip() and tag, p.given_name
            assert tag[0].islower() or tag.startswith(("BSL", "Urdu")), tag
        assert FIRST_PERSON.search(p.what_matters), p.what_matters
        assert p.what_matters.rstrip().endswith((".", "!")), p.what_matters


def test_statuses_are_spread_like_a_real_caseload() -> None:
    statuses = Counter(_latest(s).status for s in SAMPLES)
    assert 5 <= statuses[EpisodeStatus.WAITING] <= 7, statuses
    assert 16 <= statuses[EpisodeStatus.ACTIVE] <= 20, statuses
    assert 5 <= statuses[EpisodeStatus.CLOSED] <= 7, statuses


def test_some_people_come_back() -> None:
    returning = [s for s in SAMPLES if len(s.episodes) > 1]
    assert len(returning) >= 2
    for s in returning:
        earlier, latest = s.episodes[-2].episode, s.episodes[-1].episode
        assert earlier.status is EpisodeStatus.CLOSED
        assert earlier.closed_on is not None and earlier.closed_on < latest.referral_date


def test_referrals_use_the_default_reasons_and_every_kind_of_referrer() -> None:
    for item in EPISODES:
        e = item.episode
        assert e.reasons, e
        assert set(e.reasons) <= set(DEFAULT_REFERRAL_REASONS), e.reasons
    kinds = {e.episode.referred_by for e in EPISODES}
    assert kinds >= set(ReferrerKind) - {ReferrerKind.OTHER}
    assert len({e.episode.urgency for e in EPISODES}) == 3


def test_consents_are_dated_and_recorded() -> None:
    unagreed = [item for item in EPISODES if not item.episode.consent_to_hold.given]
    # Someone newly referred has not been asked yet: the page shows what is missing, and
    # nothing beyond the referral is kept for them.
    assert unagreed, "someone not yet asked about keeping their record"
    for item in unagreed:
        assert item.episode.status is EpisodeStatus.WAITING, item.episode
        assert item.conversations == () and item.plan is None, item.episode
    for item in EPISODES:
        e = item.episode
        for consent in (e.consent_to_hold, e.consent_share_gp, e.consent_share_providers):
            if consent.on is not None:
                assert e.referral_date <= consent.on <= TODAY
                assert consent.recorded_by == DEMO_LINK_WORKER
    assert any(
        not e.episode.consent_share_providers.given and e.episode.consent_share_providers.on
        for e in EPISODES
    ), "someone said no to sharing"


def test_active_people_have_a_next_contact_some_overdue_some_this_week() -> None:
    active = [_latest(s) for s in SAMPLES if _latest(s).status is EpisodeStatus.ACTIVE]
    nexts = [e.next_contact_on for e in active]
    assert all(n is not None for n in nexts)
    days = [(n - TODAY).days for n in nexts if n is not None]
    assert sum(d < 0 for d in days) >= 3, "some overdue"
    assert sum(0 <= d <= 6 for d in days) >= 6, "some this week"
    assert any(d > 7 for d in days)
    assert all(e.link_worker for e in active)


def test_closed_episodes_tell_a_story_with_a_reason() -> None:
    closed = [e.episode for e in EPISODES if e.episode.status is EpisodeStatus.CLOSED]
    for e in closed:
        assert e.closing_reason is not None and e.closed_on is not None
        assert e.next_contact_on is None
        assert len(e.closing_note) >= 100, e.closing_note
    assert len({e.closing_reason for e in closed}) >= 4


def test_waiting_episodes_have_no_conversations_yet() -> None:
    for item in EPISODES:
        e = item.episode
        if e.status is EpisodeStatus.WAITING:
            assert item.conversations == (), e
            assert e.closed_on is None and e.closing_reason is None
        else:
            assert 1 <= len(item.conversations) <= 6, e


def test_conversations_fall_in_order_within_their_episode() -> None:
    for item in EPISODES:
        e = item.episode
        times = [c.at for c in item.conversations]
        assert times == sorted(times)
        last_day = e.closed_on or TODAY
        for c in item.conversations:
            assert e.referral_date <= c.at.date() <= last_day, (e.reasons, c.at)
            assert dt.time(8, 0) <= c.at.time() <= dt.time(20, 0), c.at
            assert c.minutes is not None and 5 <= c.minutes <= 120
            assert c.recorded_by
        if item.conversations:
            first, *rest = item.conversations
            assert first.kind is ConversationType.FIRST
            assert all(c.kind is not ConversationType.FIRST for c in rest)


def test_first_conversations_answer_most_prompts_in_the_persons_words() -> None:
    firsts = [c for c in CONVERSATIONS if c.kind is ConversationType.FIRST]
    assert len(firsts) >= 20
    for c in firsts:
        answered = dict(c.answers)
        assert len(answered) >= 5, c
        assert "what_matters" in answered
        assert all(text.strip() for text in answered.values())
        assert FIRST_PERSON.search(" ".join(answered.values())), c
        order = [key for key, _label in WHAT_MATTERS_PROMPTS if key in answered]
        assert [key for key, _text in c.answers] == order


def test_only_first_conversations_carry_answers() -> None:
    for c in CONVERSATIONS:
        if c.kind is not ConversationType.FIRST:
            assert c.answers == ()


def test_contacts_happen_in_many_ways() -> None:
    assert len({c.mode for c in CONVERSATIONS}) >= 5
    assert {ConversationType.CLOSING, ConversationType.FOLLOW_UP} <= {c.kind for c in CONVERSATIONS}
    assert any(c.place for c in CONVERSATIONS)


def test_two_crisis_plans_with_steps_and_a_check_back_within_three_days() -> None:
    crises = [c for c in CONVERSATIONS if c.crisis is not None]
    assert len(crises) >= 2
    for c in crises:
        assert c.kind is ConversationType.CRISIS
        plan = c.crisis
        assert plan is not None and plan.must_change.strip()
        assert plan.check_back_on is not None
        assert 0 <= (plan.check_back_on - c.at.date()).days <= 3
        assert 2 <= len(plan.steps) <= 3
        for step in plan.steps:
            assert step.what.strip() and step.who.strip() and step.by is not None
            assert c.at.date() <= step.by <= plan.check_back_on
    assert all(c.crisis is not None for c in CONVERSATIONS if c.kind is ConversationType.CRISIS)


def test_stories_mention_groups_from_the_sample_directory() -> None:
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath("sample_directory.json")
        .read_text(encoding="utf-8")
    )
    assets = {raw["name"] for raw in json.loads(text)}
    stories = json.dumps(RAW, ensure_ascii=False)
    mentioned = {name for name in assets if name in stories}
    assert len(mentioned) >= 25, sorted(mentioned)


PLANNED = [e for e in EPISODES if e.plan is not None]
SAMPLE_DIRECTORY = {
    raw["name"]: raw
    for raw in json.loads(
        importlib.resources.files("linkworker.resources")
        .joinpath("sample_directory.json")
        .read_text(encoding="utf-8")
    )
}


def _last_day(episode: EpisodeDraft) -> dt.date:
    return episode.closed_on or TODAY


def test_about_two_thirds_of_people_who_were_seen_have_a_plan() -> None:
    seen = [
        s for s in SAMPLES if any(e.episode.status is not EpisodeStatus.WAITING for e in s.episodes)
    ]
    planned = [s for s in SAMPLES if any(e.plan is not None for e in s.episodes)]
    assert len(seen) == 27
    assert len(planned) == 18
    assert {s.person.given_name for s in planned} <= {s.person.given_name for s in seen}
    for item in PLANNED:
        assert item.episode.status is not EpisodeStatus.WAITING
        assert item.conversations, "a plan is made in conversation"
    closed = [e for e in PLANNED if e.episode.status is EpisodeStatus.CLOSED]
    assert 3 <= len(closed) <= 5


def test_every_plan_passes_validation_and_fits_its_episode() -> None:
    for item in PLANNED:
        assert item.plan is not None
        assert _plan_problems(item, TODAY) == [], item.episode.reasons
        first, last = item.episode.referral_date, _last_day(item.episode)
        for goal in item.plan.goals:
            days = [r.on for r in goal.ratings]
            assert days == sorted(days) and all(first <= d <= last for d in days)
            for step in goal.draft.steps:
                if step.done_on is not None:
                    assert first <= step.done_on <= last, step
        for referral in item.plan.referrals:
            days = [c.on for c in referral.record.history]
            assert days == sorted(days) and all(first <= d <= last for d in days)
            assert all(
                c.recorded_by == (item.episode.link_worker or DEMO_LINK_WORKER)
                for c in referral.record.history
            )


def test_plans_are_small_and_in_the_persons_own_words() -> None:
    goals = [g for e in PLANNED if e.plan for g in e.plan.goals]
    referrals = [r for e in PLANNED if e.plan for r in e.plan.referrals]
    assert len(goals) == 37 and len(referrals) == 43
    for item in PLANNED:
        assert item.plan is not None
        assert 1 <= len(item.plan.goals) <= 3
        assert 1 <= len(item.plan.referrals) <= 3
        assert [g.draft.position for g in item.plan.goals] == list(range(len(item.plan.goals)))
        for referral in item.plan.referrals:
            goal = referral.record.goal
            assert goal is None or 0 <= goal < len(item.plan.goals)
    for goal in goals:
        words = goal.draft.words
        assert words == words.strip() and len(words) <= 100, words
        assert words[0].isupper() and words.endswith("."), words
        assert 1 <= len(goal.draft.steps) <= 3, words
        assert 1 <= len(goal.ratings) <= 3, words
        assert all(0 <= r.score <= 10 for r in goal.ratings)
    first_person = [g for g in goals if FIRST_PERSON.search(g.draft.words)]
    assert len(first_person) * 3 >= len(goals) * 2
    rated_twice = [g for g in goals if len(g.ratings) >= 2]
    growing = [g for g in rated_twice if g.ratings[-1].score > g.ratings[0].score]
    assert len(rated_twice) >= 25 and len(growing) == len(rated_twice)


def test_plans_show_every_status_a_referral_can_have() -> None:
    referrals = [r.record for e in PLANNED if e.plan for r in e.plan.referrals]
    assert {c.status for r in referrals for c in r.history} == set(ReferralStatus)
    finals = Counter(r.history[-1].status for r in referrals)
    assert finals[ReferralStatus.STILL_GOING] >= 10
    assert finals[ReferralStatus.DECLINED] >= 1 and finals[ReferralStatus.STOPPED] >= 2
    goal_statuses = {g.draft.status for e in PLANNED if e.plan for g in e.plan.goals}
    assert goal_statuses == set(GoalStatus)
    assert any(r.draft.going_with_someone for r in referrals)
    owners = {s.who for e in PLANNED if e.plan for g in e.plan.goals for s in g.draft.steps}
    assert owners == set(StepOwner)


def test_every_plan_asset_is_in_the_sample_directory_and_running() -> None:
    for item in PLANNED:
        assert item.plan is not None
        names = [r.asset_name for r in item.plan.referrals]
        assert len(set(names)) == len(names), names
        for name in names:
            assert name in SAMPLE_DIRECTORY, name
            assert SAMPLE_DIRECTORY[name].get("status", "active") == "active", name


class _FakePeople:
    """Records what would be saved and hands back new ids, as the real service does."""

    def __init__(self) -> None:
        self.people: list[PersonDraft] = []
        self.episodes: list[EpisodeDraft] = []
        self.conversations: list[ConversationDraft] = []

    def save_person(self, draft: PersonDraft) -> PersonDetail:
        self.people.append(draft)
        now = dt.datetime(2025, 6, 2, 9, 0)
        return PersonDetail(uuid.uuid4(), 1, draft, (), (), now, now)

    def save_episode(self, draft: EpisodeDraft) -> EpisodeDetail:
        self.episodes.append(draft)
        return EpisodeDetail(uuid.uuid4(), 1, draft)

    def save_conversation(self, draft: ConversationDraft) -> ConversationDetail:
        self.conversations.append(draft)
        return ConversationDetail(uuid.uuid4(), 1, draft)


def test_add_sample_people_saves_everything_with_the_new_ids() -> None:
    fake = _FakePeople()
    assert add_sample_people(fake, SAMPLES) == len(SAMPLES)  # type: ignore[arg-type]
    assert fake.people == PEOPLE
    assert len(fake.episodes) == len(EPISODES)
    assert len(fake.conversations) == len(CONVERSATIONS)
    assert all(e.person_id != PLACEHOLDER_ID for e in fake.episodes)
    assert all(c.episode_id != PLACEHOLDER_ID for c in fake.conversations)
    assert len({e.person_id for e in fake.episodes}) == len(SAMPLES)


def test_sample_types_are_frozen() -> None:
    sample = SAMPLES[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.person = sample.person  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.episodes[0].conversations = ()  # type: ignore[misc]
    assert isinstance(sample.episodes[0], SampleEpisode)
