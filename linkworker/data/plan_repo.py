"""Reading and writing plans: goals with their ratings, asset referrals with their history.

Only this module knows how :mod:`linkworker.domain.plan` value types are laid
out in the ``goal``, ``goal_rating``, ``asset_referral`` and
``asset_referral_change`` tables. Rows never leave the data and service layers:
callers get the frozen value types built by the ``to_*`` functions.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import selectinload

from linkworker.data.episode_standing import episode_standings
from linkworker.data.models import (
    Asset,
    AssetReferral,
    AssetReferralChange,
    Episode,
    Goal,
    GoalRating,
)
from linkworker.data.unit_of_work import Repository
from linkworker.domain.episodes import current_episode, open_in_order
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    ConfidenceRating,
    GoalDetail,
    GoalDraft,
    GoalStatus,
    GoalStep,
    PlanDetail,
    ReferralStatus,
    StatusChange,
    StepOwner,
)

#: Stands in for ``asset_id`` on a referral whose asset row is gone (the directory was
#: replaced): the referral keeps the asset's name, but no longer points at it.
REMOVED_ASSET_ID = uuid.UUID(int=0)

OPEN_REFERRAL_STATUSES = tuple(s.value for s in ReferralStatus if s.is_open)


# Steps (JSON text on the goal row) ---------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def steps_json(steps: Sequence[GoalStep]) -> str:
    return json.dumps(
        [
            {
                "what": s.what,
                "who": s.who.value,
                "who_name": s.who_name,
                "by": _iso(s.by),
                "done": s.done,
                "done_on": _iso(s.done_on),
            }
            for s in steps
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def steps_from_json(text: str) -> tuple[GoalStep, ...]:
    return tuple(
        GoalStep(
            what=s["what"],
            who=StepOwner(s.get("who", StepOwner.PERSON.value)),
            who_name=s.get("who_name", ""),
            by=_date(s.get("by")),
            done=bool(s.get("done", False)),
            done_on=_date(s.get("done_on")),
        )
        for s in json.loads(text or "[]")
    )


# Goals ---------------------------------------------------------------------------


def goal_values(draft: GoalDraft, steps: Sequence[GoalStep]) -> dict[str, Any]:
    """The goal's columns from a checked draft and its tidied steps."""
    return {
        "episode_id": draft.episode_id,
        "position": draft.position,
        "words": draft.words.strip(),
        "status": draft.status.value,
        "steps": steps_json(steps),
    }


def to_goal_detail(goal: Goal) -> GoalDetail:
    """The goal as stored; ``draft.confidence`` is None (the history is in ``ratings``)."""
    draft = GoalDraft(
        episode_id=goal.episode_id,
        words=goal.words,
        id=goal.id,
        version=goal.version,
        steps=steps_from_json(goal.steps),
        status=GoalStatus(goal.status),
        position=goal.position,
    )
    return GoalDetail(
        id=goal.id,
        version=goal.version,
        draft=draft,
        ratings=tuple(
            ConfidenceRating(score=r.score, on=r.rated_on, note=r.note)
            for r in sorted(goal.ratings, key=_rating_order)
        ),
        created_at=goal.created_at,
    )


def _rating_order(rating: GoalRating) -> tuple[dt.date, dt.datetime]:
    return rating.rated_on, rating.created_at


def add_rating(goal: Goal, score: int, on: dt.date, note: str, now: dt.datetime) -> bool:
    """Append a rating unless the latest one is the same score on the same day.

    ``created_at`` orders ratings given on one day; it is kept after the
    latest one's so that order holds however fast they come.
    """
    latest = max(goal.ratings, key=_rating_order, default=None)
    if latest is not None and latest.score == score and latest.rated_on == on:
        return False
    stamp = now
    same_day = [r.created_at for r in goal.ratings if r.rated_on == on and r.created_at]
    if same_day and stamp <= max(same_day):
        stamp = max(same_day) + dt.timedelta(microseconds=1)
    goal.ratings.append(GoalRating(score=score, rated_on=on, note=note.strip(), created_at=stamp))
    return True


# Asset referrals ------------------------------------------------------------------


def referral_values(draft: AssetReferralDraft) -> dict[str, Any]:
    """The columns a referral's draft sets directly (status and asset are handled apart)."""
    going_with = draft.going_with.strip() if draft.going_with_someone else ""
    return {
        "episode_id": draft.episode_id,
        "goal_id": draft.goal_id,
        "getting_there": draft.getting_there.strip(),
        "going_with_someone": draft.going_with_someone,
        "going_with": going_with,
        "notes": draft.notes,
    }


def add_change(
    referral: AssetReferral,
    status: ReferralStatus,
    on: dt.date,
    note: str,
    recorded_by: str,
    now: dt.datetime,
) -> None:
    """Append a status change and make it the referral's current status."""
    stamp = now
    if referral.changes and stamp <= referral.changes[-1].created_at:
        stamp = referral.changes[-1].created_at + dt.timedelta(microseconds=1)
    referral.changes.append(
        AssetReferralChange(
            status=status.value,
            changed_on=on,
            note=note.strip(),
            recorded_by=recorded_by.strip(),
            created_at=stamp,
        )
    )
    referral.status = status.value
    referral.status_on = on


@dataclass(frozen=True, slots=True)
class AssetFacts:
    """What a plan shows of a referral's asset as the directory holds it now."""

    name: str
    archived: bool


def to_referral_detail(referral: AssetReferral, facts: AssetFacts | None) -> AssetReferralDetail:
    """The referral as stored.

    The name is the asset's as it is now, or the one kept with the referral
    when the asset row is gone (then ``asset_archived`` is True and
    ``draft.asset_id`` is :data:`REMOVED_ASSET_ID`). ``draft.status`` is the
    current status; ``draft.status_on`` is None, so a form that changes the
    status records the change today unless it says otherwise. When and by whom
    each status was recorded is in ``history``.
    """
    draft = AssetReferralDraft(
        episode_id=referral.episode_id,
        asset_id=referral.asset_id or REMOVED_ASSET_ID,
        id=referral.id,
        version=referral.version,
        status=ReferralStatus(referral.status),
        getting_there=referral.getting_there,
        going_with_someone=referral.going_with_someone,
        going_with=referral.going_with,
        goal_id=referral.goal_id,
        notes=referral.notes,
    )
    return AssetReferralDetail(
        id=referral.id,
        version=referral.version,
        draft=draft,
        asset_name=facts.name if facts else referral.asset_name,
        asset_archived=facts.archived if facts else True,
        history=tuple(
            StatusChange(
                status=ReferralStatus(c.status),
                on=c.changed_on,
                note=c.note,
                recorded_by=c.recorded_by,
            )
            for c in referral.changes
        ),
    )


# Episodes and whole plans ----------------------------------------------------------


@dataclass
class PlanRows:
    """Rows for many checked plans, gathered to be written in a few bulk inserts.

    ``created_at`` counts up by a microsecond per row, so goals, ratings,
    referrals and changes keep the order they were given in.
    """

    goals: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    _tick: int = 0

    def _stamp(self, now: dt.datetime) -> dt.datetime:
        self._tick += 1
        return now + dt.timedelta(microseconds=self._tick)

    def add_goal(
        self,
        draft: GoalDraft,
        steps: Sequence[GoalStep],
        ratings: Sequence[ConfidenceRating],
        now: dt.datetime,
    ) -> uuid.UUID:
        """A new goal and its ratings (a rating repeating the one before it is left out)."""
        goal_id = uuid.uuid4()
        stamp = self._stamp(now)
        self.goals.append(
            {
                "id": goal_id,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                **goal_values(draft, steps),
            }
        )
        previous: tuple[int, dt.date] | None = None
        for rating in ratings:
            if (rating.score, rating.on) == previous:
                continue
            previous = (rating.score, rating.on)
            self.ratings.append(
                {
                    "id": uuid.uuid4(),
                    "goal_id": goal_id,
                    "score": rating.score,
                    "rated_on": rating.on,
                    "note": rating.note.strip(),
                    "created_at": self._stamp(now),
                }
            )
        return goal_id

    def add_referral(
        self,
        draft: AssetReferralDraft,
        asset_name: str,
        history: Sequence[StatusChange],
        now: dt.datetime,
    ) -> uuid.UUID:
        """A new referral to ``draft.asset_id`` with its status changes, oldest first."""
        referral_id = uuid.uuid4()
        stamp = self._stamp(now)
        self.referrals.append(
            {
                "id": referral_id,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "asset_id": draft.asset_id,
                "asset_name": asset_name,
                "status": history[-1].status.value,
                "status_on": history[-1].on,
                **referral_values(draft),
            }
        )
        self.changes += [
            {
                "id": uuid.uuid4(),
                "referral_id": referral_id,
                "status": c.status.value,
                "changed_on": c.on,
                "note": c.note.strip(),
                "recorded_by": c.recorded_by.strip(),
                "created_at": self._stamp(now),
            }
            for c in history
        ]
        return referral_id


_Row = TypeVar("_Row", Goal, AssetReferral)


class PlanRepository(Repository):
    """Goals, ratings, the places chosen in a plan and the episodes they belong to."""

    def add(self, row: _Row) -> _Row:
        """Add a new goal or referral to this unit of work."""
        self._session.add(row)
        return row

    def episode(self, episode_id: uuid.UUID) -> Episode | None:
        return self._session.get(Episode, episode_id)

    def plan_of_episode(self, episode_id: uuid.UUID) -> PlanDetail | None:
        episode = self.episode(episode_id)
        return None if episode is None else self.plan_detail(episode)

    def plan_for_person(self, person_id: uuid.UUID) -> PlanDetail | None:
        """The plan of :meth:`current_episode_id`, or None for someone with no referral yet."""
        episode_id = self.current_episode_id(person_id)
        episode = self.episode(episode_id) if episode_id is not None else None
        return None if episode is None else self.plan_detail(episode)

    def insert_rows(self, rows: PlanRows) -> None:
        """Write whole plans gathered in ``rows`` with a few multi-row inserts."""
        for model, values in (
            (Goal, rows.goals),
            (GoalRating, rows.ratings),
            (AssetReferral, rows.referrals),
            (AssetReferralChange, rows.changes),
        ):
            if values:
                self._session.execute(insert(cast(Table, model.__table__)), values)

    def move_referrals(self, from_asset: uuid.UUID, to_asset: uuid.UUID) -> None:
        """Point every plan's referral to ``from_asset`` at ``to_asset`` (a merge of listings)."""
        self._session.execute(
            update(AssetReferral)
            .where(AssetReferral.asset_id == from_asset)
            .values(asset_id=to_asset)
        )

    def load_goal(self, goal_id: uuid.UUID) -> Goal | None:
        return self._session.get(Goal, goal_id, options=[selectinload(Goal.ratings)])

    def load_referral(self, referral_id: uuid.UUID) -> AssetReferral | None:
        return self._session.get(
            AssetReferral, referral_id, options=[selectinload(AssetReferral.changes)]
        )

    def asset_facts(self, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, AssetFacts]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self._session.execute(
            select(Asset.id, Asset.name, Asset.archived_at).where(Asset.id.in_(wanted))
        ).all()
        return {r.id: AssetFacts(r.name, r.archived_at is not None) for r in rows}

    def load_asset(self, asset_id: uuid.UUID) -> AssetFacts | None:
        return self.asset_facts([asset_id]).get(asset_id)

    def open_referral_for(
        self, episode_id: uuid.UUID, asset_id: uuid.UUID, other_than: uuid.UUID | None
    ) -> AssetReferral | None:
        """A referral to ``asset_id`` in this plan still open (suggested to still going), if any."""
        query = select(AssetReferral).where(
            AssetReferral.episode_id == episode_id,
            AssetReferral.asset_id == asset_id,
            AssetReferral.status.in_(OPEN_REFERRAL_STATUSES),
        )
        if other_than is not None:
            query = query.where(AssetReferral.id != other_than)
        return self._session.scalars(query.limit(1)).first()

    def referral_detail(self, referral: AssetReferral) -> AssetReferralDetail:
        facts = self.load_asset(referral.asset_id) if referral.asset_id else None
        return to_referral_detail(referral, facts)

    def goal_in_episode(self, goal_id: uuid.UUID, episode_id: uuid.UUID) -> bool:
        found = self._session.execute(
            select(Goal.id).where(Goal.id == goal_id, Goal.episode_id == episode_id)
        ).first()
        return found is not None

    def current_episode_id(self, person_id: uuid.UUID) -> uuid.UUID | None:
        """The episode the person is in now (the rule is ``domain.episodes.current_episode``)."""
        return current_episode(episode_standings(self._session, person_id))

    def open_episode_ids(self, person_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
        """The person's open episodes, the current one first, then the others oldest first."""
        return open_in_order(episode_standings(self._session, person_id))

    def plan_detail(self, episode: Episode) -> PlanDetail:
        """One referral's plan: goals in the person's order, referrals in the order chosen."""
        goals = self._session.scalars(
            select(Goal)
            .where(Goal.episode_id == episode.id)
            .options(selectinload(Goal.ratings))
            .order_by(Goal.position, Goal.created_at, Goal.id)
        ).all()
        referrals = self._session.scalars(
            select(AssetReferral)
            .where(AssetReferral.episode_id == episode.id)
            .options(selectinload(AssetReferral.changes))
            .order_by(AssetReferral.created_at, AssetReferral.id)
        ).all()
        facts = self.asset_facts(r.asset_id for r in referrals)
        return PlanDetail(
            episode_id=episode.id,
            person_id=episode.person_id,
            goals=tuple(to_goal_detail(g) for g in goals),
            referrals=tuple(
                to_referral_detail(r, facts.get(r.asset_id) if r.asset_id else None)
                for r in referrals
            ),
            next_contact_on=episode.next_contact_on,
        )

    def referral_dates(self, episode_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dt.date]:
        """The referral date of each of these episodes that exists."""
        found: dict[uuid.UUID, dt.date] = {}
        wanted = list(dict.fromkeys(episode_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._session.execute(
                select(Episode.id, Episode.referral_date).where(Episode.id.in_(chunk))
            ).all()
            found.update({r.id: r.referral_date for r in rows})
        return found

    def open_assets(
        self, episode_ids: Sequence[uuid.UUID]
    ) -> dict[tuple[uuid.UUID, uuid.UUID], ReferralStatus]:
        """(episode, asset) of every open referral in these episodes, with its status."""
        found: dict[tuple[uuid.UUID, uuid.UUID], ReferralStatus] = {}
        for start in range(0, len(episode_ids), 500):
            rows = self._session.execute(
                select(
                    AssetReferral.episode_id, AssetReferral.asset_id, AssetReferral.status
                ).where(
                    AssetReferral.episode_id.in_(episode_ids[start : start + 500]),
                    AssetReferral.asset_id.is_not(None),
                    AssetReferral.status.in_(OPEN_REFERRAL_STATUSES),
                )
            ).all()
            for r in rows:
                found[(r.episode_id, r.asset_id)] = ReferralStatus(r.status)
        return found
