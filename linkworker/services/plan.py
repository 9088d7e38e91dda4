"""A person's plan: goals in their words, confidence over time, and the places they will try.

A plan belongs to one referral (episode). Every method opens its own unit of
work and returns the frozen value types of :mod:`linkworker.domain.plan`.
Confidence ratings and the status changes of each community asset chosen are
history: saving only ever adds to them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from linkworker import errors
from linkworker.data import people_repo
from linkworker.data import plan_repo as repo
from linkworker.data.models import AssetReferral, Episode, Goal, utcnow
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.keeping import Beyond
from linkworker.domain.people import EpisodeStatus
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    ConfidenceRating,
    GoalDetail,
    GoalDraft,
    GoalStep,
    PlanDetail,
    ReferralStatus,
    StatusChange,
    StepOwner,
)
from linkworker.domain.validation import FieldError
from linkworker.services import workers
from linkworker.services.conflicts import check_version
from linkworker.services.keeping import require_consent_to_hold

#: ``draft.asset_id`` of a referral whose asset has left the directory (see plan_repo).
REMOVED_ASSET_ID = repo.REMOVED_ASSET_ID

WORDS_LIMIT = 2000
STEP_LIMIT = 500
NAME_LIMIT = 200
#: A step's "by" date further ahead than this is taken for a typing slip.
STEP_HORIZON = dt.timedelta(days=2 * 366)


class InvalidPlan(errors.UserFacingError):
    """A goal, rating, community asset or next contact with problems; ``problems`` says which."""

    title = "Some details need correcting"

    def __init__(self, problems: Sequence[FieldError], what: str = "plan") -> None:
        lines = "; ".join(p.message for p in problems)
        super().__init__(
            f"The {what} was not saved: {lines}", "Correct the fields shown and save again."
        )
        self.problems: list[FieldError] = list(problems)


@dataclass(frozen=True, slots=True)
class GoalRecord:
    """A goal with the confidence ratings it was given, oldest first (for :meth:`add_plans`)."""

    draft: GoalDraft
    ratings: tuple[ConfidenceRating, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferralRecord:
    """A community asset chosen together with its status changes, oldest first.

    The status fields of ``draft`` are ignored when ``history`` is given.
    ``goal`` is the index, in the same :class:`PlanRecord`, of the goal it helps with.
    """

    draft: AssetReferralDraft
    history: tuple[StatusChange, ...] = ()
    goal: int | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """A whole plan with its history, as written by :meth:`PlanService.add_plans`."""

    episode_id: uuid.UUID
    goals: tuple[GoalRecord, ...] = ()
    referrals: tuple[ReferralRecord, ...] = ()


@dataclass
class _Batch:
    """What :meth:`PlanService.add_plans` looks up once and gathers as it goes."""

    uow: UnitOfWork
    today: dt.date
    now: dt.datetime
    #: The referral date of each episode the plans belong to.
    episodes: dict[uuid.UUID, dt.date]
    assets: dict[uuid.UUID, repo.AssetFacts]
    #: (episode, asset) of each open referral, stored or about to be.
    open_now: dict[tuple[uuid.UUID, uuid.UUID], ReferralStatus] = field(default_factory=dict)
    rows: repo.PlanRows = field(default_factory=repo.PlanRows)


def _day(value: dt.date) -> str:
    return f"{value:%d %B %Y}"


def validate_goal(
    draft: GoalDraft, today: dt.date, referral_date: dt.date | None = None
) -> list[FieldError]:
    """Every problem in a goal; step dates may not come before the referral it belongs to."""
    problems: list[FieldError] = []
    words = draft.words.strip()
    if not words:
        problems.append(FieldError("words", "Write the goal in the person's own words."))
    elif len(words) > WORDS_LIMIT:
        problems.append(
            FieldError(
                "words",
                f"The goal is {len(words)} characters long; keep it under {WORDS_LIMIT}.",
            )
        )
    if draft.confidence is not None:
        problems += rating_problems(draft.confidence, today, today, referral_date)
    for i, step in enumerate(draft.steps):
        where, n = f"steps[{i}]", f"Step {i + 1}"
        what = step.what.strip()
        if not what:
            problems.append(FieldError(f"{where}.what", f"{n}: say what will be done."))
        elif len(what) > STEP_LIMIT:
            problems.append(
                FieldError(f"{where}.what", f"{n} is longer than {STEP_LIMIT} characters.")
            )
        if step.who is StepOwner.SOMEONE_ELSE and not step.who_name.strip():
            problems.append(FieldError(f"{where}.who_name", f"{n}: say who will do it."))
        elif len(step.who_name.strip()) > NAME_LIMIT:
            problems.append(FieldError(f"{where}.who_name", f"{n}: the name is too long."))
        if step.by is not None:
            if referral_date is not None and step.by < referral_date:
                problems.append(
                    FieldError(
                        f"{where}.by",
                        f"{n}: the date is before the referral ({_day(referral_date)}).",
                    )
                )
            elif step.by > today + STEP_HORIZON:
                problems.append(
                    FieldError(f"{where}.by", f"{n}: the date is more than two years away.")
                )
        if step.done and step.done_on is not None:
            if step.done_on > today:
                problems.append(
                    FieldError(f"{where}.done_on", f"{n}: the date it was done is in the future.")
                )
            elif referral_date is not None and step.done_on < referral_date:
                problems.append(
                    FieldError(
                        f"{where}.done_on",
                        f"{n}: the date it was done is before the referral "
                        f"({_day(referral_date)}).",
                    )
                )
    return problems


def rating_problems(
    score: int, on: dt.date, today: dt.date, referral_date: dt.date | None = None
) -> list[FieldError]:
    """Problems with a confidence rating: a score 0-10 given between the referral and today."""
    problems: list[FieldError] = []
    if not 0 <= score <= 10:
        problems.append(
            FieldError(
                "confidence", "Confidence is a score from 0 (not at all) to 10 (completely)."
            )
        )
    if on > today:
        problems.append(FieldError("confidence_on", "The date of the rating is in the future."))
    elif referral_date is not None and on < referral_date:
        problems.append(
            FieldError(
                "confidence_on",
                f"The date of the rating is before the referral ({_day(referral_date)}).",
            )
        )
    return problems


def validate_referral(draft: AssetReferralDraft) -> list[FieldError]:
    """Problems in a community asset's details that need no lookup (dates are checked apart)."""
    problems: list[FieldError] = []
    if draft.going_with_someone and len(draft.going_with.strip()) > NAME_LIMIT:
        problems.append(FieldError("going_with", "Who is going with them is too long."))
    if len(draft.recorded_by.strip()) > NAME_LIMIT:
        problems.append(FieldError("recorded_by", "The name of who recorded it is too long."))
    return problems


def change_problems(
    changes: Sequence[StatusChange],
    today: dt.date,
    referral_date: dt.date | None,
    last: dt.date | None = None,
) -> list[FieldError]:
    """Problems with the dates of status changes: in order, from the referral (and ``last``) on."""
    problems: list[FieldError] = []
    for change in changes:
        if change.on > today:
            message = "The date of the change is in the future."
        elif referral_date is not None and change.on < referral_date:
            message = f"The date of the change is before the referral ({_day(referral_date)})."
        elif last is not None and change.on < last:
            message = f"The date of the change is before the last one ({_day(last)})."
        else:
            last = change.on
            continue
        problems.append(FieldError("status_on", message))
    return problems


def _tidy_steps(
    steps: Sequence[GoalStep], stored: Sequence[GoalStep], today: dt.date
) -> tuple[GoalStep, ...]:
    """Trimmed steps; a step newly marked done is done today unless a date is given.

    A step that was already done keeps the date it was done, even if the form
    hands it back without one; a step no longer done has no date.
    """
    done_before = {s.what: s.done_on for s in stored if s.done and s.done_on}
    tidy: list[GoalStep] = []
    for step in steps:
        what = step.what.strip()
        done_on = (step.done_on or done_before.get(what) or today) if step.done else None
        tidy.append(
            GoalStep(
                what=what,
                who=step.who,
                who_name=step.who_name.strip() if step.who is StepOwner.SOMEONE_ELSE else "",
                by=step.by,
                done=step.done,
                done_on=done_on,
            )
        )
    return tuple(tidy)


class PlanService:
    """Goals, confidence ratings, asset referrals and the next contact of one referral."""

    def __init__(self, units: UnitsOfWork, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._units = units
        self._today = today

    # Reading -----------------------------------------------------------------

    def current_episode_id(self, person_id: uuid.UUID) -> uuid.UUID | None:
        """The person's newest open (waiting or active) referral, else their newest, else None.

        An open referral wins over a newer closed one: that is the plan still
        being worked on. Raises NotFound for someone not on the caseload.
        """
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            return uow.plans.current_episode_id(person_id)

    def get_plan(self, episode_id: uuid.UUID) -> PlanDetail:
        """One referral's plan; NotFound if there is no such referral."""
        with self._units.read() as uow:
            return uow.plans.plan_detail(self._episode(uow, episode_id))

    def plan_for_person(self, person_id: uuid.UUID) -> PlanDetail | None:
        """The plan of :meth:`current_episode_id`, or None for someone with no referral yet."""
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            return uow.plans.plan_for_person(person_id)

    # Goals -------------------------------------------------------------------

    def save_goal(self, draft: GoalDraft) -> GoalDetail:
        """Create (no id) or update a goal in the person's words.

        ``draft.confidence``, when given, is added to the goal's ratings dated
        today unless the latest rating is that same score today. Raises
        :class:`InvalidPlan`, NotFound, or ConcurrentEdit when ``version`` is
        no longer the stored one (``version=None`` saves over whatever is there).
        The detail's ``draft.confidence`` is None: the ratings hold the history.
        """
        with self._units.write() as uow:
            goal = self._save_goal(uow, draft)
            return repo.to_goal_detail(goal)

    def rate_goal(
        self, goal_id: uuid.UUID, score: int, on: dt.date | None = None, note: str = ""
    ) -> GoalDetail:
        """Add how confident the person feels about a goal (0-10) on a day (today by default).

        The same score on the same day as the latest rating is not added twice.
        """
        day = on or self._today()
        with self._units.write() as uow:
            goal = uow.plans.load_goal(goal_id)
            if goal is None:
                raise errors.NotFound(
                    "That goal is no longer in the plan.", "Reopen the person's record."
                )
            episode = self._episode(uow, goal.episode_id)
            require_consent_to_hold(episode, Beyond.GOAL)
            problems = rating_problems(score, day, self._today(), episode.referral_date)
            if problems:
                raise InvalidPlan(problems, "confidence rating")
            repo.add_rating(goal, score, day, note, utcnow())
            uow.flush("This goal")
            return repo.to_goal_detail(goal)

    # Community assets chosen together ------------------------------------------

    def save_referral(self, draft: AssetReferralDraft) -> AssetReferralDetail:
        """Add a community asset to the plan, or update one.

        A new one records its first status (dated ``status_on`` or today); an
        edit records a change when the status differs from the latest. An asset
        can be open (suggested to still going) only once in a plan: a second is
        refused with :class:`InvalidPlan`, as is a new one for an archived asset.
        Raises NotFound for an asset not in the directory, ConcurrentEdit as
        :meth:`save_goal` does.
        """
        with self._units.write() as uow:
            referral = self._save_referral(uow, draft)
            return uow.plans.referral_detail(referral)

    # The next contact -------------------------------------------------------------

    def set_next_contact(self, episode_id: uuid.UUID, on: dt.date | None) -> None:
        """Set (or clear, with None) when the person will next be contacted in this referral.

        The person's row in the People table follows, as it does for any change
        to their referrals. Raises InvalidPlan for a date in the past or a
        closed referral.
        """
        with self._units.write() as uow:
            episode = self._episode(uow, episode_id)
            if on is not None:
                problems: list[FieldError] = []
                if episode.status == EpisodeStatus.CLOSED.value:
                    problems.append(
                        FieldError(
                            "next_contact_on",
                            "This referral is closed; reopen it before planning a next contact.",
                        )
                    )
                elif on < self._today():
                    problems.append(
                        FieldError("next_contact_on", "The next contact date is in the past.")
                    )
                if problems:
                    raise InvalidPlan(problems, "next contact")
            if episode.next_contact_on == on:
                return
            episode.next_contact_on = on
            uow.flush("This referral")
            uow.people.refresh_summary(episode.person_id)

    # Whole plans ---------------------------------------------------------------------

    def add_plans(self, records: Sequence[PlanRecord]) -> int:
        """Write whole plans with their histories in one transaction: all of them, or none.

        Everything is checked as :meth:`save_goal`, :meth:`rate_goal` and
        :meth:`save_referral` check it (an asset open twice in one plan
        included) before anything is written; rows then go in a few bulk
        inserts, so filling the demo stays quick. Returns the plans written.
        """
        with self._units.write() as uow:
            batch = _Batch(
                uow=uow,
                today=self._today(),
                now=utcnow(),
                episodes=uow.plans.referral_dates([r.episode_id for r in records]),
                assets=uow.plans.asset_facts(
                    ref.draft.asset_id for r in records for ref in r.referrals
                ),
            )
            batch.open_now = uow.plans.open_assets(list(batch.episodes))
            for record in records:
                if record.episode_id not in batch.episodes:
                    raise self._no_episode()
                goal_ids = [self._goal_rows(batch, record.episode_id, g) for g in record.goals]
                for ref in record.referrals:
                    self._referral_rows(batch, record.episode_id, ref, goal_ids)
            uow.plans.insert_rows(batch.rows)
        return len(records)

    @staticmethod
    def _goal_rows(batch: _Batch, episode_id: uuid.UUID, item: GoalRecord) -> uuid.UUID:
        draft = replace(item.draft, episode_id=episode_id, id=None, version=None, confidence=None)
        referral_date = batch.episodes[episode_id]
        problems = validate_goal(draft, batch.today, referral_date)
        if problems:
            raise InvalidPlan(problems, "goal")
        for rating in item.ratings:
            problems += rating_problems(rating.score, rating.on, batch.today, referral_date)
        if problems:
            raise InvalidPlan(problems, "confidence rating")
        steps = _tidy_steps(draft.steps, (), batch.today)
        return batch.rows.add_goal(draft, steps, item.ratings, batch.now)

    def _referral_rows(
        self,
        batch: _Batch,
        episode_id: uuid.UUID,
        record: ReferralRecord,
        goal_ids: Sequence[uuid.UUID],
    ) -> None:
        draft = replace(
            record.draft,
            episode_id=episode_id,
            goal_id=goal_ids[record.goal] if record.goal is not None else record.draft.goal_id,
        )
        history = tuple(
            replace(c, recorded_by=c.recorded_by or draft.recorded_by) for c in record.history
        ) or (
            StatusChange(
                draft.status, draft.status_on or batch.today, draft.status_note, draft.recorded_by
            ),
        )
        problems = validate_referral(draft)
        if (
            record.goal is None
            and draft.goal_id is not None
            and not batch.uow.plans.goal_in_episode(draft.goal_id, episode_id)
        ):
            problems.append(FieldError("goal_id", "That goal is not part of this plan."))
        problems += change_problems(history, batch.today, batch.episodes[episode_id])
        facts = batch.assets.get(draft.asset_id)
        if facts is None:
            raise self._no_asset()
        if facts.archived:
            problems.append(self._archived(facts.name))
        key = (episode_id, draft.asset_id)
        if history[-1].status.is_open:
            if key in batch.open_now:
                problems.append(self._already_open(facts.name, batch.open_now[key]))
            batch.open_now[key] = history[-1].status
        if problems:
            raise InvalidPlan(problems, "community asset")
        batch.rows.add_referral(draft, facts.name[:NAME_LIMIT], history, batch.now)

    # Inside a unit of work ------------------------------------------------------------

    def _save_goal(self, uow: UnitOfWork, draft: GoalDraft) -> Goal:
        today = self._today()
        episode = self._episode(uow, draft.episode_id)
        require_consent_to_hold(episode, Beyond.GOAL)
        problems = validate_goal(draft, today, episode.referral_date)
        if problems:
            raise InvalidPlan(problems, "goal")
        stored: tuple[GoalStep, ...] = ()
        if draft.id is None:
            goal = uow.plans.add(Goal(id=uuid.uuid4(), ratings=[]))
        else:
            loaded = uow.plans.load_goal(draft.id)
            if loaded is None:
                raise errors.NotFound(
                    "That goal was removed from the plan while you were editing it.",
                    "Copy what you typed, then reopen the person's record.",
                )
            self._same_episode(loaded.episode_id, draft.episode_id, "goal")
            check_version(
                "This goal",
                loaded,
                draft,
                lambda: repo.to_goal_detail(loaded).draft,
                person_id=episode.person_id,
            )
            goal = loaded
            stored = repo.steps_from_json(goal.steps)
        steps = _tidy_steps(draft.steps, stored, today)
        people_repo.apply_values(goal, repo.goal_values(draft, steps))
        if draft.confidence is not None:
            repo.add_rating(goal, draft.confidence, today, draft.confidence_note, utcnow())
        uow.flush("This goal")
        return goal

    def _save_referral(self, uow: UnitOfWork, draft: AssetReferralDraft) -> AssetReferral:
        today = self._today()
        episode = self._episode(uow, draft.episode_id)
        require_consent_to_hold(episode, Beyond.PLACE)
        problems = validate_referral(draft)
        if draft.goal_id is not None and not uow.plans.goal_in_episode(draft.goal_id, episode.id):
            problems.append(FieldError("goal_id", "That goal is not part of this plan."))
        if draft.id is None:
            facts = uow.plans.load_asset(draft.asset_id)
            if facts is None:
                raise self._no_asset()
            if facts.archived:
                problems.append(self._archived(facts.name))
            referral = AssetReferral(
                id=uuid.uuid4(),
                asset_id=draft.asset_id,
                asset_name=facts.name[:NAME_LIMIT],
                changes=[],
            )
            name = facts.name
        else:
            loaded = uow.plans.load_referral(draft.id)
            if loaded is None:
                raise errors.NotFound(
                    "That community asset was removed from the plan while you were editing it.",
                    "Copy what you typed, then reopen the person's record.",
                )
            self._same_episode(loaded.episode_id, draft.episode_id, "community asset")
            referral = loaded
            current = uow.plans.load_asset(referral.asset_id) if referral.asset_id else None
            name = current.name if current else referral.asset_name
            check_version(
                f"“{name}” in this plan",
                referral,
                draft,
                lambda: repo.to_referral_detail(referral, current).draft,
                person_id=episode.person_id,
            )
            if draft.asset_id not in (REMOVED_ASSET_ID, referral.asset_id):
                problems.append(
                    FieldError(
                        "asset_id",
                        f"“{name}” cannot be swapped for another asset; add the other one "
                        "to the plan instead.",
                    )
                )
        latest = referral.changes[-1] if referral.changes else None
        changes: tuple[StatusChange, ...] = ()
        if latest is None or latest.status != draft.status.value:
            by = workers.recorded_by(uow, draft.recorded_by)
            changes = (StatusChange(draft.status, draft.status_on or today, draft.status_note, by),)
        problems += change_problems(
            changes, today, episode.referral_date, latest.changed_on if latest else None
        )
        final = changes[-1].status if changes else ReferralStatus(referral.status)
        if final.is_open and referral.asset_id is not None:
            other = uow.plans.open_referral_for(episode.id, referral.asset_id, referral.id)
            if other is not None:
                problems.append(self._already_open(name, ReferralStatus(other.status)))
        if problems:
            raise InvalidPlan(problems, "community asset")
        if draft.id is None:
            uow.plans.add(referral)
        people_repo.apply_values(referral, repo.referral_values(draft))
        for change in changes:
            repo.add_change(
                referral, change.status, change.on, change.note, change.recorded_by, utcnow()
            )
        uow.flush(f"“{name}” in this plan")
        return referral

    # Helpers ---------------------------------------------------------------------------

    @staticmethod
    def _episode(uow: UnitOfWork, episode_id: uuid.UUID) -> Episode:
        episode = uow.plans.episode(episode_id)
        if episode is None:
            raise PlanService._no_episode()
        return episode

    @staticmethod
    def _no_episode() -> errors.NotFound:
        return errors.referral_gone(typed=True)

    @staticmethod
    def _no_asset() -> errors.NotFound:
        return errors.NotFound(
            "That community asset is no longer in the directory.",
            "Refresh the list and choose it again.",
        )

    @staticmethod
    def _archived(name: str) -> FieldError:
        return FieldError(
            "asset_id",
            f"“{name}” is archived in the directory. Choose another, "
            "or bring it back in the directory first.",
        )

    @staticmethod
    def _already_open(name: str, status: ReferralStatus) -> FieldError:
        return FieldError(
            "asset_id",
            f"“{name}” is already in this plan ({status.label.lower()}). "
            "Update that one instead of adding it again.",
        )

    @staticmethod
    def _check_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
        if not uow.people.person_exists(person_id):
            raise errors.person_gone()

    @staticmethod
    def _same_episode(stored: uuid.UUID, given: uuid.UUID, what: str) -> None:
        if stored != given:
            raise InvalidPlan(
                [FieldError("episode_id", f"This {what} belongs to another referral's plan.")],
                what,
            )
