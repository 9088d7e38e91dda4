"""What the Community connections, Outcomes and Stories reports read, in few statements.

Rows never leave the data layer: the reports get small values (:class:`PlaceGroup`,
:class:`DirectoryChecks`, :class:`ChangeCount`, :class:`StoryRow`); the outcomes'
pairs are counted in SQL. Each read is bounded by the report's period, so a report over
a large caseload reads only what it counts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, exists, false, func, literal, or_, select, true, union_all

from linkworker.data.dialect import json_item, json_valid, json_whole_item
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
from linkworker.data.unit_of_work import Repository
from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.outcomes import LONELY_SCORES, Measure, Timepoint
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
class ChangeCount:
    """How many referrals' answers to one item went from ``before`` to ``after``.

    An item is an ONS4 question (0 to 3), the UCLA total or the direct loneliness
    question's answer as a score (1 never to 5 often or always). ``before`` or ``after``
    is None when declined, not asked or not whole; ``has_baseline`` is false for a later
    measure with no baseline at all.
    """

    measure: Measure
    item: int
    has_baseline: bool
    before: int | None
    after: int | None
    referrals: int


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _at(answers: Any, n: int) -> Any:
    """The ``n``th answer of a measure's JSON list, or NULL when the list is not JSON."""
    return case((json_valid(answers), json_item(answers, n)))


def _whole_at(answers: Any, n: int) -> Any:
    """The ``n``th answer when it is a whole number, else NULL (declined, not asked)."""
    return case((json_valid(answers), json_whole_item(answers, n)))


def _score(measure: Any, item: Any, answers: Any) -> Any:
    """One item's answer as a number: an ONS4 score, the UCLA total (all three answered),
    or the direct loneliness question's answer as 1 (never) to 5 (often or always)."""
    ucla = [_whole_at(answers, n) for n in range(3)]
    lonely = case(
        *((_at(answers, 0) == words, LONELY_SCORES[words]) for words in LONELY_SCORES),
    )
    return case(
        (
            measure == Measure.ONS4.value,
            case(*((item == n, _whole_at(answers, n)) for n in range(4))),
        ),
        (measure == Measure.UCLA3.value, ucla[0] + ucla[1] + ucla[2]),
        (measure == Measure.LONELY.value, lonely),
    )


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
        # Only places with a connecting change in the period can have been first
        # connected in it; their whole history up to the end says whether they were.
        candidates = (
            select(change.referral_id)
            .where(connecting, change.changed_on >= start, change.changed_on <= end)
            .distinct()
        )
        per_place = (
            select(
                change.referral_id,
                func.min(case((connecting, change.changed_on))).label("connected_on"),
                func.max(went).label("went"),
            )
            .where(change.changed_on <= end, change.referral_id.in_(candidates))
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

    def measure_changes(self, start: dt.date, end: dt.date) -> list[ChangeCount]:
        """How the paired measures changed, counted in SQL: for each referral with a
        review or closing of ONS4, UCLA or the direct loneliness question in the period,
        its first baseline (on or before ``end``) against its latest review or closing in
        the period, item by item (UCLA as its total), each distinct change once with the
        number of referrals that made it."""
        kinds = [Measure.ONS4.value, Measure.UCLA3.value, Measure.LONELY.value]
        pairs = self._latest_and_first(start, end, kinds)
        items = union_all(*(select(literal(n).label("item")) for n in range(4))).subquery()
        item = items.c.item
        has_baseline = pairs.c.before.is_not(None)
        before, after = (
            _score(pairs.c.measure, item, pairs.c.before),
            _score(pairs.c.measure, item, pairs.c.after),
        )
        query = (
            select(pairs.c.measure, item, has_baseline, before, after, func.count())
            .select_from(pairs)
            .join(items, item < case((pairs.c.measure == Measure.ONS4.value, 4), else_=1))
            .group_by(pairs.c.measure, item, has_baseline, before, after)
        )
        return [
            ChangeCount(Measure(m), int(i), bool(b), _whole(was), _whole(now), int(n))
            for m, i, b, was, now, n in self._session.execute(query)
        ]

    def paired_referrals(self, start: dt.date, end: dt.date) -> int:
        """Referrals with a baseline and a later ONS4, UCLA or direct loneliness measure."""
        kinds = [Measure.ONS4.value, Measure.UCLA3.value, Measure.LONELY.value]
        pairs = self._latest_and_first(start, end, kinds)
        query = select(func.count(func.distinct(pairs.c.episode_id))).where(
            pairs.c.before.is_not(None)
        )
        return int(self._session.scalar(query) or 0)

    def connection_answers(self, start: dt.date, end: dt.date) -> list[tuple[tuple[Any, ...], int]]:
        """The latest Connection Test in the period in each referral: each set of three
        answers given, with how many referrals gave it."""
        pairs = self._latest_and_first(start, end, [Measure.CONNECTION.value])
        answers = [_at(pairs.c.after, n) for n in range(3)]
        query = select(*answers, func.count()).select_from(pairs).group_by(*answers)
        return [(tuple(row[:3]), int(row[3])) for row in self._session.execute(query)]

    def _latest_and_first(self, start: dt.date, end: dt.date, kinds: list[str]) -> Any:
        """(episode_id, measure, before, after): for each referral and measure of ``kinds``
        with a review or closing in the period, the answers of its latest one there and of
        its first baseline taken on or before ``end`` (None when there is none)."""
        row = OutcomeMeasureRow
        is_baseline = row.timepoint == Timepoint.BASELINE.value
        later = (
            select(row.episode_id)
            .where(row.measure.in_(kinds), ~is_baseline, row.taken_on.between(start, end))
            .distinct()
        )
        counted = or_(
            and_(is_baseline, row.taken_on <= end),
            and_(~is_baseline, row.taken_on.between(start, end)),
        )
        # Baselines ranked oldest first, later measures newest first: the first of each.
        rank = func.row_number().over(
            partition_by=(row.episode_id, row.measure, is_baseline),
            order_by=(
                case((is_baseline, row.taken_on)).asc(),
                case((is_baseline, row.created_at)).asc(),
                row.taken_on.desc(),
                row.created_at.desc(),
            ),
        )
        ranked = (
            select(
                row.episode_id,
                row.measure,
                is_baseline.label("baseline"),
                row.answers,
                rank.label("rank"),
            )
            .where(row.episode_id.in_(later), row.measure.in_(kinds), counted)
            .subquery()
        )
        first = ranked.c.rank == 1
        before = func.max(case((and_(first, ranked.c.baseline == true()), ranked.c.answers)))
        after = func.max(case((and_(first, ranked.c.baseline == false()), ranked.c.answers)))
        return (
            select(
                ranked.c.episode_id,
                ranked.c.measure,
                before.label("before"),
                after.label("after"),
            )
            .where(first)
            .group_by(ranked.c.episode_id, ranked.c.measure)
            .having(after.is_not(None))
            .subquery()
        )

    def goal_changes(self, start: dt.date, end: dt.date) -> list[tuple[int, int | None, int]]:
        """Goals rated in the period: (first rating, latest rating up to ``end`` or None
        when rated only once, how many goals), counted in SQL."""
        rating = GoalRating
        rated = select(rating.goal_id).where(rating.rated_on.between(start, end)).distinct()
        order = (rating.rated_on, rating.created_at)
        ranked = (
            select(
                rating.goal_id,
                rating.score,
                func.row_number().over(partition_by=rating.goal_id, order_by=order).label("n"),
                func.row_number()
                .over(partition_by=rating.goal_id, order_by=[o.desc() for o in order])
                .label("back"),
            )
            .join(Goal, Goal.id == rating.goal_id)
            .where(rating.goal_id.in_(rated), rating.rated_on <= end)
            .subquery()
        )
        first = func.max(case((ranked.c.n == 1, ranked.c.score)))
        last = func.max(case((and_(ranked.c.back == 1, ranked.c.n > 1), ranked.c.score)))
        per_goal = (
            select(first.label("first"), last.label("last")).group_by(ranked.c.goal_id).subquery()
        )
        query = select(per_goal.c.first, per_goal.c.last, func.count()).group_by(
            per_goal.c.first, per_goal.c.last
        )
        return [
            (int(was), None if now is None else int(now), int(n))
            for was, now, n in self._session.execute(query)
        ]

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
