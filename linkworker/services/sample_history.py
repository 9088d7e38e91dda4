"""A year of the demo team's past work, so every report has something worth reading.

Invented people referred month by month over the last twelve months (and a little
more), from every kind of referrer, with their contacts (attended, missed, by phone,
at home, at a hub, by video), plans with places and confidence ratings, outcome
measures at baseline, review and closing, and closings for every reason: a few with
stories shared with consent and a few people who went on to volunteer.

Everything goes through the services that record real work, dated in the past
relative to ``today``, so coded events, first contacts and caseload summaries follow
as they would; the same ``seed`` gives the same year. Most of it is closed or belongs
to the team's other link workers, so the demo worker's own caseload stays as it is.

Everyone is invented: NHS numbers are from the 999 test range (with valid check
digits) and never clash with the sample people's.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from linkworker.domain.closing import GivingBackDraft, HelperRole, Story, StoryConsent
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.journey import ContactDraft, ContactOutcome, ContactPlace, ReferralResponse
from linkworker.domain.outcomes import (
    CONNECTION_ANSWERS,
    DECLINED,
    Answer,
    Measure,
    OutcomeRecord,
    Timepoint,
)
from linkworker.domain.people import (
    DEFAULT_REFERRAL_REASONS,
    ClosingReason,
    Consent,
    EpisodeDraft,
    PersonDraft,
    Urgency,
)
from linkworker.domain.plan import (
    AssetReferralDraft,
    ConfidenceRating,
    GoalDraft,
    GoalStatus,
    ReferralStatus,
    StatusChange,
)
from linkworker.services.episodes import Closing
from linkworker.services.plan import GoalRecord, PlanRecord, ReferralRecord
from linkworker.services.sample_history_people import (
    REASON_WEIGHTS,
    REFERRERS,
    invented_person,
    nhs_numbers,
    pick,
)
from linkworker.services.sample_people import (
    DEMO_LINK_WORKER,
    asset_ids_by_name,
)

if TYPE_CHECKING:
    from linkworker.services.context import Services


#: The same year every time the demo is made.
HISTORY_SEED = 17
#: Calendar months with referrals: this one so far and the twelve before it.
HISTORY_MONTHS = 13
#: Referrals a month, on average.
PER_MONTH = 9

#: The team's link workers. The demo worker's share of the history is all closed.
OTHER_WORKERS = ("Sam Patel", "Jo Hughes", "Aisha Begum")

# How a referral went -----------------------------------------------------------------

#: How referrals older than ten weeks ended (None: still being supported).
_ENDINGS = (
    (ClosingReason.GOALS_MET, 44),
    (ClosingReason.REFERRED_ON, 9),
    (ClosingReason.DISENGAGED, 9),
    (ClosingReason.NOT_TAKEN_UP, 7),
    (ClosingReason.DECLINED, 7),
    (ClosingReason.MOVED, 4),
    (ClosingReason.DIED, 2),
    (ClosingReason.OTHER, 2),
    (None, 16),
)
_PLACES = (
    (ContactPlace.PRACTICE, 34),
    (ContactPlace.PHONE, 30),
    (ContactPlace.HOME, 16),
    (ContactPlace.HUB, 14),
    (ContactPlace.VIDEO, 6),
)
_HUBS = ("Westminster Road Community Hub Cafe", "Grange Drop-in Cafe", "Port Town Library")
_PRACTICE_ROOMS = ("Millbrook Medical Centre", "Larkspur Lane Surgery")

#: Goals people set, and places that suit them, by the sample directory's names.
_GOALS = (
    (
        "Get out of the house at least twice a week",
        (
            "Westminster Road Community Hub Cafe",
            "Whitby Park Gentle Strollers",
            "Stanney Grange Stay and Chat",
        ),
    ),
    (
        "Meet people who like what I like",
        ("Knit and Natter", "Port Community Choir", "Port Chess Club", "Port Camera Club"),
    ),
    (
        "Get fitter and sleep better",
        (
            "Rivacre Valley Health Walk",
            "Walking Football",
            "Chair-based Exercise",
            "Couch to 5K Running Group",
        ),
    ),
    ("Sort out my money worries", ("Port Repair Cafe", "Books to Your Door")),
    (
        "Feel less on edge",
        (
            "Calm Together Anxiety Group",
            "Quiet Time Meditation",
            "Green Minds Therapeutic Gardening",
        ),
    ),
    (
        "Do something useful with my hands",
        (
            "Great Sutton Men's Shed",
            "Port Community Shed",
            "Sew and Mend",
            "Overpool Community Garden",
        ),
    ),
    ("Have a break from caring", ("Little Sutton Memory Cafe", "Sing and Remember")),
)

#: Closing stories in people's words, and their answer about sharing them.
_STORIES = (
    (
        StoryConsent.YES,
        "I hadn't spoken to anyone but the telly for months. Now I've got the "
        "walk on Tuesdays and coffee after, and I know people by name in the shop.",
    ),
    (
        StoryConsent.NAMED,
        "The shed gave me somewhere to be. I fixed a bench for the school and "
        "my granddaughter told her whole class it was me.",
    ),
    (
        StoryConsent.YES,
        "I was frightened of going anywhere new on my own. Being met at the door "
        "the first time made all the difference, and now I go by myself.",
    ),
    (
        StoryConsent.NO,
        "Getting the debt sorted was the start. I sleep now. I'd rather this stayed between us.",
    ),
    (
        StoryConsent.YES,
        "Singing again after losing my husband felt wrong at first, then it felt "
        "like him cheering me on. The choir are my friends now.",
    ),
    (
        StoryConsent.NAMED,
        "I'd never have gone to a group about anxiety. I went because the "
        "link worker came with me. I help run the tea now.",
    ),
)
#: People who went on to give something back: (role, the place by its sample name).
_HELPERS = (
    (HelperRole.VOLUNTEER, "Westminster Road Community Hub Cafe"),
    (HelperRole.PEER_SUPPORTER, "Calm Together Anxiety Group"),
    (HelperRole.VOLUNTEER, "Port Community Shed"),
    (HelperRole.PEER_SUPPORTER, "Walk and Talk Buddies"),
    (HelperRole.GROUP_ORGANISER, "Port Camera Club"),
)


@dataclass(slots=True)
class _Visit:
    on: dt.datetime
    minutes: int
    place: ContactPlace
    place_name: str
    outcome: ContactOutcome


@dataclass(slots=True)
class _Life:
    """One invented person's year with the team, before it is recorded."""

    person: PersonDraft
    episode: EpisodeDraft
    visits: list[_Visit] = field(default_factory=list)
    ending: ClosingReason | None = None
    closed_on: dt.date | None = None
    goals: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    wellbeing: float = 0.0  # how far their answers move by the review (0 to 1)
    story: int | None = None
    helper: int | None = None
    episode_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None


def _referral_days(rng: random.Random, today: dt.date) -> list[int]:
    """Days before today of each referral: about :data:`PER_MONTH` in every calendar
    month (at least six in a whole one), none in the last two days."""
    days: list[int] = []
    latest = today - dt.timedelta(days=2)
    for back in range(HISTORY_MONTHS):
        index = today.year * 12 + today.month - 1 - back
        first = dt.date(index // 12, index % 12 + 1, 1)
        following = dt.date((index + 1) // 12, (index + 1) % 12 + 1, 1)
        last = min(following - dt.timedelta(days=1), latest)
        if last < first:
            continue
        span = (last - first).days + 1
        count = max(6, round(rng.gauss(PER_MONTH, 2.5))) * span // (following - first).days
        days += [(today - first).days - rng.randrange(span) for _ in range(max(1, count))]
    return sorted(days, reverse=True)


def _visits(rng: random.Random, start: dt.date, end: dt.date, engaged: bool) -> list[_Visit]:
    """Contacts from ``start`` to ``end``: a missed one now and then; none if not engaged."""
    visits: list[_Visit] = []
    day = start
    failed = 0
    while day <= end:
        place = pick(rng, _PLACES)
        name = {
            ContactPlace.HUB: rng.choice(_HUBS),
            ContactPlace.PRACTICE: rng.choice(_PRACTICE_ROOMS),
        }.get(place, "")
        if not engaged:
            outcome = rng.choice((ContactOutcome.DID_NOT_ATTEND, ContactOutcome.COULD_NOT_REACH))
            failed += 1
        elif rng.random() < 0.13:
            outcome = pick(
                rng,
                (
                    (ContactOutcome.DID_NOT_ATTEND, 6),
                    (ContactOutcome.CANCELLED_BY_PERSON, 3),
                    (ContactOutcome.CANCELLED_BY_WORKER, 1),
                ),
            )
        else:
            outcome = ContactOutcome.ATTENDED
        if place is ContactPlace.PHONE and outcome is ContactOutcome.DID_NOT_ATTEND:
            outcome = ContactOutcome.COULD_NOT_REACH
        at = dt.datetime.combine(
            day, dt.time(rng.choice((9, 10, 11, 13, 14, 15)), rng.choice((0, 30)))
        )
        minutes = 20 if place is ContactPlace.PHONE else rng.choice((30, 45, 60, 60, 75))
        visits.append(_Visit(at, minutes, place, name, outcome))
        if not engaged and failed >= 3:
            break
        day += dt.timedelta(days=rng.randint(10, 24) if engaged else rng.randint(4, 9))
    return visits


def plan_history(today: dt.date, taken: set[str], seed: int = HISTORY_SEED) -> list[_Life]:
    """The year as it will be recorded: one invented person a referral, oldest first."""
    rng = random.Random(seed)
    numbers = nhs_numbers(rng.randint(100_000, 400_000), taken)
    lives: list[_Life] = []
    stories = iter(range(len(_STORIES)))
    helpers = iter(range(len(_HELPERS)))
    for days_ago in _referral_days(rng, today):
        referred = today - dt.timedelta(days=days_ago)
        kind, _w, names = pick(rng, [(r, r[1]) for r in REFERRERS])
        reasons = sorted(
            set(
                rng.choices(
                    list(REASON_WEIGHTS),
                    list(REASON_WEIGHTS.values()),
                    k=rng.choice((1, 2, 2, 3)),
                )
            ),
            key=DEFAULT_REFERRAL_REASONS.index,
        )
        ending = pick(rng, _ENDINGS) if days_ago > 70 else None
        if ending is None and days_ago > 20 and rng.random() < 0.2:
            ending = rng.choice((ClosingReason.DECLINED, ClosingReason.NOT_TAKEN_UP))
        # The demo worker's share of the year is closed; who is still supported is
        # with the team's other link workers.
        worker = rng.choice(OTHER_WORKERS)
        if ending is not None and rng.random() < 0.4:
            worker = DEMO_LINK_WORKER
        first = referred + dt.timedelta(days=rng.randint(2, 18))
        life = _Life(
            person=invented_person(rng, today, next(numbers)),
            episode=EpisodeDraft(
                person_id=uuid.UUID(int=0),
                referral_date=referred,
                referred_by=kind,
                referrer_name=rng.choice(names),
                reasons=tuple(reasons),
                urgency=pick(rng, ((Urgency.ROUTINE, 80), (Urgency.SOON, 16), (Urgency.URGENT, 4))),
                link_worker=worker,
            ),
            ending=ending,
        )
        if first >= today:
            lives.append(life)  # still waiting for a first contact
            continue
        engaged = ending is not ClosingReason.NOT_TAKEN_UP
        if ending is ClosingReason.DECLINED:
            last = first
        elif ending is None or not engaged:
            last = today - dt.timedelta(days=1)
        else:
            last = min(
                today - dt.timedelta(days=1), first + dt.timedelta(days=rng.randint(40, 160))
            )
        life.visits = _visits(rng, first, last, engaged)
        if ending is ClosingReason.DECLINED:
            life.visits[0].outcome = ContactOutcome.ATTENDED
        if ending is not None:
            life.closed_on = min(
                today, life.visits[-1].on.date() + dt.timedelta(days=rng.randint(0, 10))
            )
        attended = [v for v in life.visits if v.outcome is ContactOutcome.ATTENDED]
        if attended:
            life.episode = _consented(life.episode, attended[0].on.date())
        if engaged and ending is not ClosingReason.DECLINED and len(attended) >= 2:
            life.goals = [rng.choice(_GOALS) for _ in range(rng.choice((1, 1, 2)))]
            life.wellbeing = rng.random()
            if ending is ClosingReason.GOALS_MET:
                life.story = next(stories, None) if rng.random() < 0.3 else None
                life.helper = next(helpers, None) if rng.random() < 0.25 else None
        lives.append(life)
    return lives


def _consented(episode: EpisodeDraft, on: dt.date) -> EpisodeDraft:
    consent = Consent(given=True, on=on, recorded_by=episode.link_worker)
    return replace(
        episode,
        consent_to_hold=consent,
        consent_share_gp=consent,
        consent_share_providers=consent,
    )


# Recording it ---------------------------------------------------------------------------


def add_sample_history(
    services: Services,
    taken: set[str],
    today: dt.date | None = None,
    seed: int = HISTORY_SEED,
) -> int:
    """Record the year through the services; returns the referrals added.

    ``taken``: NHS numbers already used by the sample people, never given again.
    """
    day = today or dt.date.today()
    lives = plan_history(day, taken, seed)
    rng = random.Random(seed + 1)
    services.people.import_people([(life.person, life.episode) for life in lives])
    with services.units.read() as uow:
        saved = uow.people.taken_nhs_numbers([life.person.nhs_number for life in lives])
        for life in lives:
            detail = uow.people.to_detail(saved[life.person.nhs_number])
            life.person_id, life.episode_id = detail.id, detail.episodes[0].id
    _record_contacts(services, lives)
    _answer(services, lives)
    assets = asset_ids_by_name(services.directory)
    services.plans.add_plans(
        [
            _plan(rng, life.episode_id, life, assets, day)
            for life in lives
            if life.goals and life.episode_id is not None
        ]
    )
    _measure(services, rng, lives, day, (Timepoint.BASELINE, Timepoint.REVIEW))
    _close(services, rng, lives, assets)
    _measure(services, rng, lives, day, (Timepoint.CLOSING,))
    return len(lives)


def _record_contacts(services: Services, lives: Sequence[_Life]) -> None:
    services.contacts.record_past(
        [
            ContactDraft(
                episode_id=life.episode_id,
                starts_at=visit.on,
                minutes=visit.minutes,
                place=visit.place,
                place_name=visit.place_name,
                outcome=visit.outcome,
                link_worker=life.episode.link_worker,
            )
            for life in lives
            if life.episode_id is not None
            for visit in life.visits
        ]
    )


def _answer(services: Services, lives: Sequence[_Life]) -> None:
    """Record the referrals declined at the first contact, or never taken up."""
    for life in lives:
        if life.episode_id is None:
            continue
        if life.ending is ClosingReason.DECLINED and life.visits:
            services.episodes.respond(
                life.episode_id,
                ReferralResponse.DECLINED,
                life.visits[0].on.date(),
                "Not the right time: wants to try on their own first.",
                recorded_by=life.episode.link_worker,
            )
        elif life.ending is ClosingReason.NOT_TAKEN_UP and life.closed_on is not None:
            services.episodes.respond(
                life.episode_id,
                ReferralResponse.NOT_TAKEN_UP,
                life.closed_on,
                recorded_by=life.episode.link_worker,
            )


def _plan(
    rng: random.Random,
    episode_id: uuid.UUID,
    life: _Life,
    assets: dict[str, uuid.UUID],
    today: dt.date,
) -> PlanRecord:
    """Goals rated now and then, each with a place tried: attended, still going, stopped."""
    attended = [v.on.date() for v in life.visits if v.outcome is ContactOutcome.ATTENDED]
    start, end = attended[0], life.closed_on or today
    span = max(1, (end - start).days)
    goals: list[GoalRecord] = []
    referrals: list[ReferralRecord] = []
    seen: set[str] = set()
    for n, (words, places) in enumerate(life.goals):
        first = rng.randint(2, 5)
        ratings = [ConfidenceRating(first, start)]
        for step in (1, 2):
            on = start + dt.timedelta(days=span * step // 3)
            if on > start and on <= end:
                moved = round(life.wellbeing * 5 * step / 2 - rng.random() * 1.5)
                ratings.append(ConfidenceRating(max(0, min(10, first + moved)), on))
        done = life.ending is ClosingReason.GOALS_MET
        goals.append(
            GoalRecord(
                GoalDraft(
                    episode_id=episode_id,
                    words=words,
                    status=GoalStatus.ACHIEVED if done else GoalStatus.OPEN,
                    position=n,
                ),
                tuple(ratings),
            )
        )
        name = rng.choice([p for p in places if p not in seen] or places)
        if name in seen or name not in assets:
            continue
        seen.add(name)
        referred = start + dt.timedelta(days=rng.randint(0, 7))
        history = [StatusChange(ReferralStatus.REFERRED, min(referred, end))]
        went = referred + dt.timedelta(days=rng.randint(5, 14))
        fate = rng.random()
        if went < end and fate < 0.8:
            history.append(StatusChange(ReferralStatus.ATTENDED, went))
            later = went + dt.timedelta(days=rng.randint(14, 40))
            if later < end:
                status = ReferralStatus.STILL_GOING if fate < 0.6 else ReferralStatus.STOPPED
                history.append(StatusChange(status, later))
        elif went < end:
            history.append(StatusChange(ReferralStatus.STOPPED, went, "Did not go"))
        referrals.append(
            ReferralRecord(
                AssetReferralDraft(
                    episode_id=episode_id,
                    asset_id=assets[name],
                    recorded_by=life.episode.link_worker,
                ),
                tuple(history),
                goal=n,
            )
        )
    return PlanRecord(episode_id, tuple(goals), tuple(referrals))


def _ons4(rng: random.Random, base: Sequence[int], lift: float) -> tuple[Answer, ...]:
    """ONS4 answers moved by ``lift`` (anxiety goes down as the rest go up); now and then
    an item declined."""
    answers: list[Answer] = []
    for n, score in enumerate(base):
        change = round(lift * rng.uniform(1, 4) - rng.uniform(0, 1.2))
        value = score - change if n == 3 else score + change
        answers.append(DECLINED if rng.random() < 0.05 else max(0, min(10, value)))
    return tuple(answers)


def _ucla(rng: random.Random, base: Sequence[int], lift: float) -> tuple[Answer, ...]:
    return tuple(
        DECLINED
        if rng.random() < 0.05
        else max(1, min(3, score - (1 if rng.random() < lift * 0.7 else 0)))
        for score in base
    )


def _measure(
    services: Services,
    rng: random.Random,
    lives: Sequence[_Life],
    today: dt.date,
    timepoints: tuple[Timepoint, ...],
) -> None:
    """Baseline at the first meeting, a review about two months on, and at the close."""
    kept: list[OutcomeRecord] = []
    for life in lives:
        if not life.goals or life.episode_id is None or life.person_id is None:
            continue
        person_rng = random.Random(f"{life.episode_id}")
        ons = [
            person_rng.randint(2, 6),
            person_rng.randint(2, 6),
            person_rng.randint(3, 6),
            person_rng.randint(4, 9),
        ]
        ucla = [person_rng.randint(2, 3) for _ in range(3)]
        lonely = "Loneliness" in life.episode.reasons or person_rng.random() < 0.3
        attended = [v.on.date() for v in life.visits if v.outcome is ContactOutcome.ATTENDED]
        taken = {
            Timepoint.BASELINE: attended[0],
            Timepoint.REVIEW: attended[0] + dt.timedelta(days=60),
            Timepoint.CLOSING: life.closed_on,
        }
        records: list[OutcomeRecord] = []
        for timepoint in timepoints:
            on = taken[timepoint]
            if (
                on is None
                or on > today
                or (timepoint is Timepoint.REVIEW and life.closed_on and on >= life.closed_on)
            ):
                continue
            lift = {Timepoint.BASELINE: 0.0, Timepoint.REVIEW: life.wellbeing * 0.6}.get(
                timepoint, life.wellbeing
            )
            if timepoint is Timepoint.BASELINE:
                answers_ons = (*ons[:3], DECLINED if person_rng.random() < 0.1 else ons[3])
                answers_ucla: tuple[Answer, ...] = tuple(ucla)
            else:
                answers_ons = _ons4(person_rng, ons, lift)
                answers_ucla = _ucla(person_rng, ucla, lift)
            records.append(
                OutcomeRecord(
                    life.person_id, life.episode_id, Measure.ONS4, timepoint, on, answers_ons
                )
            )
            if lonely:
                records.append(
                    OutcomeRecord(
                        life.person_id, life.episode_id, Measure.UCLA3, timepoint, on, answers_ucla
                    )
                )
            if timepoint is Timepoint.CLOSING:
                connection = tuple(
                    rng.choice(
                        CONNECTION_ANSWERS[:2] if life.wellbeing > 0.4 else CONNECTION_ANSWERS
                    )
                    for _ in range(3)
                )
                records.append(
                    OutcomeRecord(
                        life.person_id,
                        life.episode_id,
                        Measure.CONNECTION,
                        timepoint,
                        on,
                        connection,
                    )
                )
        kept += [replace(record, recorded_by=life.episode.link_worker) for record in records]
    services.outcomes.record_many(kept)


def _close(
    services: Services, rng: random.Random, lives: Sequence[_Life], assets: dict[str, uuid.UUID]
) -> None:
    """Close each referral that ended (besides those already closed by their answer)."""
    closings: list[tuple[uuid.UUID, Closing]] = []
    for life in lives:
        if (
            life.ending in (None, ClosingReason.DECLINED, ClosingReason.NOT_TAKEN_UP)
            or life.closed_on is None
            or life.episode_id is None
        ):
            continue
        places = tuple(
            (place.id, PlaceOutcome.KEEP_GOING if rng.random() < 0.7 else PlaceOutcome.STOPPED)
            for place in services.episodes.open_places(life.episode_id)
        )
        story = Story()
        if life.story is not None:
            consent, words = _STORIES[life.story]
            story = Story(words, consent, life.closed_on, life.episode.link_worker)
        helpers: tuple[GivingBackDraft, ...] = ()
        if life.helper is not None:
            role, name = _HELPERS[life.helper]
            helpers = (GivingBackDraft(role, life.closed_on, assets.get(name), name),)
        closing = Closing(
            on=life.closed_on,
            reason=life.ending,
            places=places,
            recorded_by=life.episode.link_worker,
            story=story,
            helpers=helpers,
        )
        closings.append((life.episode_id, closing))
    services.episodes.close_many(closings)
