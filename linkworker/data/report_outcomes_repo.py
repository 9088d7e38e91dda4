"""What the Community connections, Outcomes and Stories reports read, in few statements.

Rows never leave the data layer: the reports get small values (:class:`PlaceGroup`,
:class:`DirectoryChecks`, :class:`RatingRow`, :class:`StoryRow`) and
:class:`OutcomeRecord`. Each read is bounded by the report's period, so a report over
a large caseload reads only what it counts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select

from linkworker.data.models import (
    Asset,
    AssetReferral,
    AssetReferralChange,
    Episode,
    Goal,
    GoalRating,
    ImportantPersonRow,
    Person,
)
from linkworker.data.models_giving_back import GivingBackRow
from linkworker.data.models_outcomes import OutcomeMeasureRow
from linkworker.data.outcomes_repo import to_record
from linkworker.data.unit_of_work import Repository
from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.outcomes import Measure, OutcomeRecord, Timepoint
from linkworker.domain.plan import ReferralStatus
from linkworker.domain.today import AWAITING_NEWS_STATUSES

#: A place only suggested, or declined, is not a connection.
_NOT_CONNECTIONS = (ReferralStatus.SUGGESTED.value, ReferralStatus.DECLINED.value)
#: A place whose history reaches these was gone to at least once.
_WENT = (ReferralStatus.ATTENDED.value, ReferralStatus.STILL_GOING.value)


@dataclass(frozen=True, slots=True)
class PlaceGroup:
    """Places first agreed, referred to or gone to in a period, alike in what is counted."""

    #: The listing's name now, else the name it had when chosen.
    asset_name: str
    #: Category names joined with "; " ("" when none).
    categories: str
    in_directory: bool
    #: Its status on the period's last day.
    status: str
    #: Whether it had been gone to (attended or still going) by then.
    went: bool
    places: int


@dataclass(frozen=True, slots=True)
class DirectoryChecks:
    """How many live listings there are, and how recently they were checked."""

    listings: int
    since_6_months: int
    since_12_months: int
    never: int


@dataclass(frozen=True, slots=True)
class RatingRow:
    goal_id: uuid.UUID
    score: int
    on: dt.date


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A shared closing story and what the record knows that must be taken out of it."""

    episode_id: uuid.UUID
    words: str
    consent: StoryConsent
    closed_on: dt.date | None
    closing_reason: str | None
    names: tuple[str, ...]
    date_of_birth: dt.date | None
    address: str
    postcode: str
    places: tuple[str, ...]


class ReportOutcomesRepository(Repository):
    """The aggregates behind Community connections, Outcomes and Stories."""

    # Community connections -----------------------------------------------------------

    @staticmethod
    def _at(end: dt.date) -> tuple[Any, Any]:
        """A place's status and its day as they stood on ``end``: the place's own when its
        latest change is no later (nearly always), else its latest change up to ``end``."""
        change = AssetReferralChange
        latest = (
            select(change.status, change.changed_on)
            .where(change.referral_id == AssetReferral.id, change.changed_on <= end)
            .order_by(change.changed_on.desc(), change.created_at.desc())
            .limit(1)
        )
        own = AssetReferral.status_on <= end
        then_status = latest.with_only_columns(change.status).scalar_subquery()
        then_day = latest.with_only_columns(change.changed_on).scalar_subquery()
        status = case((own, AssetReferral.status), else_=then_status)
        day = case((own, AssetReferral.status_on), else_=then_day)
        return status.label("status"), day.label("day")

    def connections(self, start: dt.date, end: dt.date) -> list[PlaceGroup]:
        """Places first agreed, referred to or gone to from ``start`` to ``end``, grouped by
        listing, status on ``end`` and whether gone to by then."""
        change = AssetReferralChange
        connecting = change.status.not_in(_NOT_CONNECTIONS)
        went = case((change.status.in_(_WENT), 1), else_=0)
        per_place = (
            select(
                change.referral_id,
                func.min(case((connecting, change.changed_on))).label("connected_on"),
                func.max(went).label("went"),
            )
            .where(change.changed_on <= end)
            .group_by(change.referral_id)
            .subquery()
        )
        status, _ = self._at(end)
        name = func.coalesce(Asset.name, AssetReferral.asset_name)
        categories = func.coalesce(Asset.category_text, "")
        in_directory = Asset.id.is_not(None)
        query = (
            select(name, categories, in_directory, status, per_place.c.went, func.count())
            .select_from(per_place)
            .join(AssetReferral, AssetReferral.id == per_place.c.referral_id)
            .outerjoin(Asset, Asset.id == AssetReferral.asset_id)
            .where(per_place.c.connected_on >= start, per_place.c.connected_on <= end)
            .group_by(name, categories, in_directory, status, per_place.c.went)
        )
        return [
            PlaceGroup(str(n or ""), str(c or ""), bool(d), s, bool(w), int(k))
            for n, c, d, s, w, k in self._session.execute(query)
        ]

    def no_news(self, end: dt.date, quiet_since: dt.date) -> list[tuple[str, int]]:
        """(listing, places) agreed or referred to on ``end``, unchanged since before
        ``quiet_since``, in a referral still open on ``end``."""
        status, day = self._at(end)
        name = func.coalesce(Asset.name, AssetReferral.asset_name)
        query = (
            select(name, func.count())
            .select_from(AssetReferral)
            .join(Episode, Episode.id == AssetReferral.episode_id)
            .outerjoin(Asset, Asset.id == AssetReferral.asset_id)
            .where(
                or_(Episode.closed_on.is_(None), Episode.closed_on > end),
                status.in_(AWAITING_NEWS_STATUSES),
                day < quiet_since,
            )
            .group_by(name)
        )
        return [(str(n or ""), int(k)) for n, k in self._session.execute(query)]

    def undated_places(self) -> int:
        """Places in plans with no dated change at all (they cannot be placed in a period)."""
        query = select(func.count()).where(
            ~exists().where(AssetReferralChange.referral_id == AssetReferral.id)
        )
        return int(self._session.scalar(query.select_from(AssetReferral)) or 0)

    def helpers_began(self, start: dt.date, end: dt.date) -> list[tuple[uuid.UUID, HelperRole]]:
        """(person, role) of every helper role begun from ``start`` to ``end``."""
        query = select(GivingBackRow.person_id, GivingBackRow.role).where(
            GivingBackRow.started_on >= start, GivingBackRow.started_on <= end
        )
        return [(who, HelperRole(role)) for who, role in self._session.execute(query)]

    def directory_checks(self, six: dt.date, twelve: dt.date) -> DirectoryChecks:
        """Live listings (not archived, merged or withdrawn) and how many were checked on
        or after ``six`` and ``twelve`` (the days six and twelve months back)."""
        checked = Asset.last_verified_on
        query = select(
            func.count(),
            func.count().filter(checked >= six),
            func.count().filter(checked >= twelve),
            func.count().filter(checked.is_(None)),
        ).where(
            Asset.archived_at.is_(None),
            Asset.merged_into_id.is_(None),
            Asset.withdrawn_at.is_(None),
        )
        row = self._session.execute(query).one()
        return DirectoryChecks(*(int(n or 0) for n in row))

    # Outcomes --------------------------------------------------------------------------

    def measures_for_change(
        self, start: dt.date, end: dt.date, measures: tuple[Measure, ...]
    ) -> list[OutcomeRecord]:
        """``measures`` taken on or before ``end`` within referrals that have a review or
        closing of one of them in the period, in the order taken."""
        later = (
            select(OutcomeMeasureRow.episode_id)
            .where(
                OutcomeMeasureRow.measure.in_([m.value for m in measures]),
                OutcomeMeasureRow.timepoint != Timepoint.BASELINE.value,
                OutcomeMeasureRow.taken_on >= start,
                OutcomeMeasureRow.taken_on <= end,
            )
            .distinct()
        )
        query = (
            select(OutcomeMeasureRow)
            .where(
                OutcomeMeasureRow.episode_id.in_(later),
                OutcomeMeasureRow.measure.in_([m.value for m in measures]),
                OutcomeMeasureRow.taken_on <= end,
            )
            .order_by(
                OutcomeMeasureRow.episode_id,
                OutcomeMeasureRow.taken_on,
                OutcomeMeasureRow.created_at,
            )
        )
        return [to_record(row) for row in self._session.scalars(query)]

    def ratings_for_change(self, start: dt.date, end: dt.date) -> list[RatingRow]:
        """Confidence ratings on or before ``end`` of goals rated in the period, oldest first."""
        rated = (
            select(GoalRating.goal_id)
            .where(GoalRating.rated_on >= start, GoalRating.rated_on <= end)
            .distinct()
        )
        query = (
            select(GoalRating.goal_id, GoalRating.score, GoalRating.rated_on)
            .join(Goal, Goal.id == GoalRating.goal_id)
            .where(GoalRating.goal_id.in_(rated), GoalRating.rated_on <= end)
            .order_by(GoalRating.goal_id, GoalRating.rated_on, GoalRating.created_at)
        )
        return [RatingRow(*row) for row in self._session.execute(query)]

    # Stories ---------------------------------------------------------------------------

    def stories(self, start: dt.date, end: dt.date) -> tuple[list[StoryRow], int, int]:
        """Stories with words closed in the period that the person agreed to share; how
        many others closed in the period are kept private; how many shared stories have
        no closing day."""
        told = func.trim(Episode.story) != ""
        shared = Episode.story_consent.in_([StoryConsent.YES.value, StoryConsent.NAMED.value])
        in_period = and_(Episode.closed_on >= start, Episode.closed_on <= end)
        private = select(func.count()).select_from(Episode).where(told, in_period, ~shared)
        undated = (
            select(func.count())
            .select_from(Episode)
            .where(told, shared, Episode.closed_on.is_(None), Episode.status == "closed")
        )
        query = (
            select(Episode, Person)
            .join(Person, Person.id == Episode.person_id)
            .where(told, shared, in_period)
            .order_by(Episode.closed_on, Episode.id)
        )
        rows = [(episode, person) for episode, person in self._session.execute(query)]
        episodes = [e.id for e, _ in rows]
        people = list({p.id for _, p in rows})
        important: dict[uuid.UUID, list[str]] = {}
        for who, name in self._session.execute(
            select(ImportantPersonRow.person_id, ImportantPersonRow.name).where(
                ImportantPersonRow.person_id.in_(people)
            )
        ):
            important.setdefault(who, []).append(name)
        places: dict[uuid.UUID, list[str]] = {}
        for episode_id, *names in self._session.execute(
            select(AssetReferral.episode_id, AssetReferral.asset_name, Asset.name)
            .outerjoin(Asset, Asset.id == AssetReferral.asset_id)
            .where(AssetReferral.episode_id.in_(episodes))
        ):
            places.setdefault(episode_id, []).extend(n for n in names if n)
        gives: dict[uuid.UUID, list[str]] = {}
        for who, name in self._session.execute(
            select(GivingBackRow.person_id, GivingBackRow.place_name).where(
                GivingBackRow.person_id.in_(people)
            )
        ):
            gives.setdefault(who, []).append(name)
        found = [
            StoryRow(
                episode_id=e.id,
                words=e.story,
                consent=StoryConsent(e.story_consent or StoryConsent.YES),
                closed_on=e.closed_on,
                closing_reason=e.closing_reason,
                names=(
                    p.given_name,
                    p.family_name,
                    p.preferred_name,
                    *important.get(p.id, ()),
                    e.link_worker,
                    e.referrer_name,
                    e.story_recorded_by,
                ),
                date_of_birth=p.date_of_birth,
                address=p.address,
                postcode=p.postcode or "",
                places=tuple(n for n in (*places.get(e.id, ()), *gives.get(p.id, ())) if n),
            )
            for e, p in rows
        ]
        count = self._session.scalar
        return found, int(count(private) or 0), int(count(undated) or 0)
