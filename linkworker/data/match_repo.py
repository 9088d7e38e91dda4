"""Reading what matching needs of a person: their facts, words, preferences and marks.

Only this module knows how matching's own tables (``match_preference``,
``match_mark``) are laid out. Candidate assets and their facts are read by
:mod:`linkworker.data.candidate_repo`.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    case,
    func,
    select,
)

from linkworker.data.models import (
    Asset,
    Conversation,
    Episode,
    MatchMark,
    MatchPreference,
    Person,
    PostcodePoint,
    utcnow,
)
from linkworker.data.unit_of_work import Repository
from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import (
    Dismissal,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    PartOfDay,
    TravelRange,
)
from linkworker.domain.story import latest_answers

_OPEN_STATUSES = ("waiting", "active")


# The person ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """The columns of a person matching reads."""

    id: uuid.UUID
    name: str
    date_of_birth: dt.date | None
    postcode: str
    no_fixed_address: bool
    first_language: str
    interpreter_needed: bool
    interpreter_language: str
    speaks_english: bool | None
    access_needs: tuple[str, ...]
    is_carer: bool
    gender: str
    what_matters: str
    interests: tuple[str, ...]
    strengths: tuple[str, ...]
    #: the record's notes about them
    notes: str = ""


# Preferences, pins and dismissals --------------------------------------------


def _free_time(text_: str) -> FreeTime | None:
    day, _, part = text_.partition(":")
    try:
        return FreeTime(Day(int(day)), PartOfDay(part))
    except ValueError:
        return None


class MatchRepository(Repository):
    """What matching reads: a person's facts and marks, and assets by text, kind and place."""

    def person_facts(self, person_id: uuid.UUID) -> PersonFacts | None:
        row = self._session.execute(
            select(
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.preferred_name,
                Person.date_of_birth,
                Person.postcode,
                Person.no_fixed_address,
                Person.first_language,
                Person.interpreter_needed,
                Person.interpreter_language,
                Person.speaks_english,
                Person.access_needs,
                Person.is_carer,
                Person.gender,
                Person.what_matters,
                Person.interests,
                Person.strengths,
                Person.notes,
            ).where(Person.id == person_id)
        ).first()
        if row is None:
            return None
        first = row.preferred_name or row.given_name
        return PersonFacts(
            id=row.id,
            name=" ".join(x for x in (first, row.family_name) if x),
            date_of_birth=row.date_of_birth,
            postcode=row.postcode or "",
            no_fixed_address=row.no_fixed_address,
            first_language=row.first_language,
            interpreter_needed=row.interpreter_needed,
            interpreter_language=row.interpreter_language or "",
            speaks_english=row.speaks_english,
            access_needs=tuple(json.loads(row.access_needs or "[]")),
            is_carer=row.is_carer,
            gender=row.gender,
            what_matters=row.what_matters,
            interests=tuple(json.loads(row.interests or "[]")),
            strengths=tuple(json.loads(row.strengths or "[]")),
            notes=row.notes or "",
        )

    def person_exists(self, person_id: uuid.UUID) -> bool:
        return (
            self._session.execute(select(Person.id).where(Person.id == person_id)).first()
            is not None
        )

    def asset_name(self, asset_id: uuid.UUID) -> str | None:
        """The asset's name, or None when there is no such asset."""
        return self._session.execute(
            select(Asset.name).where(Asset.id == asset_id)
        ).scalar_one_or_none()

    def current_reasons(self, person_id: uuid.UUID) -> tuple[str, ...]:
        """The reasons of the newest open (waiting or active) referral, else of the newest one."""
        open_first = case((Episode.status.in_(_OPEN_STATUSES), 0), else_=1)
        reasons = self._session.execute(
            select(Episode.reasons)
            .where(Episode.person_id == person_id)
            .order_by(
                open_first,
                Episode.referral_date.desc(),
                Episode.created_at.desc(),
                Episode.id.desc(),
            )
            .limit(1)
        ).scalar_one_or_none()
        return tuple(json.loads(reasons)) if reasons else ()

    def latest_answers(self, person_id: uuid.UUID, keys: Iterable[str]) -> dict[str, str]:
        """For each of these prompts, the person's newest answer (story.latest_answers)."""
        rows = self._session.execute(
            select(Conversation.answers)
            .join(Episode, Episode.id == Conversation.episode_id)
            .where(Episode.person_id == person_id)
            .order_by(
                Conversation.at.desc(), Conversation.created_at.desc(), Conversation.id.desc()
            )
        ).scalars()
        wanted = set(keys)
        found = latest_answers(json.loads(answers or "[]") for answers in rows)
        return {key: words for key, words in found.items() if key in wanted}

    def preferences(self, person_id: uuid.UUID) -> MatchPreferences:
        row = self._session.get(MatchPreference, person_id)
        if row is None:
            return MatchPreferences()
        free = (_free_time(str(x)) for x in json.loads(row.free_times or "[]"))
        return MatchPreferences(
            free_times=tuple(sorted({f for f in free if f is not None})),
            cost_limit=Cost(row.cost_limit) if row.cost_limit else None,
            join=JoinPreference(row.join_preference) if row.join_preference else None,
            travel=TravelRange(row.travel) if row.travel else None,
            avoid_categories=tuple(json.loads(row.avoid_categories or "[]")),
        )

    def save_preferences(self, person_id: uuid.UUID, prefs: MatchPreferences) -> None:
        row = self._session.get(MatchPreference, person_id)
        if row is None:
            row = MatchPreference(person_id=person_id)
            self._session.add(row)
        free = sorted(set(prefs.free_times))
        row.free_times = json.dumps([f"{int(f.day)}:{f.part.value}" for f in free])
        row.cost_limit = prefs.cost_limit.value if prefs.cost_limit else None
        row.join_preference = prefs.join.value if prefs.join else None
        row.travel = prefs.travel.value if prefs.travel else None
        avoid = dict.fromkeys(" ".join(c.split()) for c in prefs.avoid_categories if c.strip())
        row.avoid_categories = json.dumps(list(avoid), ensure_ascii=False)
        row.updated_at = utcnow()

    def marks(self, person_id: uuid.UUID) -> tuple[frozenset[uuid.UUID], frozenset[uuid.UUID]]:
        """(pinned, dismissed) asset ids for the person."""
        pinned: set[uuid.UUID] = set()
        dismissed: set[uuid.UUID] = set()
        rows = self._session.execute(
            select(MatchMark.asset_id, MatchMark.pinned, MatchMark.dismissed_on).where(
                MatchMark.person_id == person_id
            )
        )
        for asset_id, is_pinned, dismissed_on in rows:
            if dismissed_on is not None:
                dismissed.add(asset_id)
            elif is_pinned:
                pinned.add(asset_id)
        return frozenset(pinned), frozenset(dismissed)

    def mark(self, person_id: uuid.UUID, asset_id: uuid.UUID) -> MatchMark:
        """The person's mark on the asset, new (and added) when there is none."""
        row = self._session.get(MatchMark, (person_id, asset_id))
        if row is None:
            row = MatchMark(
                person_id=person_id, asset_id=asset_id, pinned=False, dismissed_reason=""
            )
            self._session.add(row)
        return row

    def drop_if_blank(self, row: MatchMark) -> None:
        """Remove a mark that neither pins nor dismisses anything."""
        if not row.pinned and row.dismissed_on is None:
            if row in self._session.new:
                self._session.expunge(row)
            else:
                self._session.delete(row)
        else:
            row.updated_at = utcnow()

    def dismissals(self, person_id: uuid.UUID) -> list[Dismissal]:
        rows = self._session.execute(
            select(
                MatchMark.asset_id, Asset.name, MatchMark.dismissed_reason, MatchMark.dismissed_on
            )
            .join(Asset, Asset.id == MatchMark.asset_id)
            .where(MatchMark.person_id == person_id, MatchMark.dismissed_on.is_not(None))
            .order_by(MatchMark.dismissed_on.desc(), func.lower(Asset.name))
        )
        return [
            Dismissal(asset_id=a, asset_name=n, reason=r, on=d)
            for a, n, r, d in rows
            if d is not None  # always, by the query; this tells the type checker
        ]

    # Postcodes -------------------------------------------------------------------

    def postcode_point(self, key: str) -> GeoPoint | None:
        if not key:
            return None
        row = self._session.execute(
            select(PostcodePoint.latitude, PostcodePoint.longitude).where(
                PostcodePoint.postcode_key == key
            )
        ).first()
        return None if row is None else GeoPoint(row.latitude, row.longitude)
