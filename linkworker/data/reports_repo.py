"""The counts the Activity and Who-we-reach reports are made of, added up by the database.

Every method is one aggregate query (GROUP BY in the database), so a report over
50,000 people and 500,000 contacts reads a few hundred rows, never the records
themselves. Nothing here returns a person's identity: only counts, by category.
Dates are kept as SQLite and PostgreSQL both compare them (ISO text on SQLite);
the few expressions the two spell differently (the day of a time, days between
two dates, a postcode's district, the items of a JSON list) are built here once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.sql.elements import ColumnElement

from linkworker.data.dialect import day_of, days_between, json_valid
from linkworker.data.models import Contact, Conversation, Episode, Person
from linkworker.data.models_codes import CodedEventRow
from linkworker.data.models_undated import UndatedReferralRow
from linkworker.data.sql_hints import Unindexed
from linkworker.data.unit_of_work import Repository

#: (value, how many) for one breakdown; value None when it was not recorded.
Counts = tuple[tuple[Any, int], ...]


@dataclass(frozen=True, slots=True)
class Caseload:
    """Referrals open at the end of a day, and what could not be placed."""

    waiting: int
    active: int
    people: int
    #: Closed, with no closing date: whether they were open that day is not known.
    closed_undated: int


@dataclass(frozen=True, slots=True)
class AgeBands:
    """Where the age bands start, oldest limit last: (label, born after this day)."""

    bands: tuple[tuple[str, dt.date], ...]
    oldest: str


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of ``start`` and the first moment after ``end``."""
    return dt.datetime.combine(start, dt.time.min), dt.datetime.combine(
        end + dt.timedelta(days=1), dt.time.min
    )


class ReportsRepository(Repository):
    """Aggregate counts for reports over a period (both days included)."""

    # Expressions the dialects spell differently ------------------------------------

    def _district(self) -> ColumnElement[Any]:
        """The outward code of a stored postcode ("CH65 4AB" -> "CH65"); NULL without one."""
        if self.sqlite:
            return func.nullif(
                func.substr(Person.postcode, 1, func.instr(Person.postcode, " ") - 1), ""
            )
        return func.nullif(func.split_part(Person.postcode, " ", 1), "")

    def _how_many(self, *where: ColumnElement[bool]) -> int:
        """How many rows meet ``where`` (of the table it names)."""
        return int(self._session.execute(select(func.count()).where(*where)).scalar_one())

    def _count_by(self, key: Any, *where: ColumnElement[bool]) -> Counts:
        """How many rows meet ``where``, by the value of ``key``."""
        rows = self._session.execute(select(key, func.count()).where(*where).group_by(key))
        return tuple((value, int(n)) for value, n in rows)

    # Referrals --------------------------------------------------------------------

    def _referred(self, start: dt.date, end: dt.date) -> ColumnElement[bool]:
        return and_(Episode.referral_date >= start, Episode.referral_date <= end)

    def referrals(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(referrals received, people they were for) in the period."""
        row = self._session.execute(
            select(func.count(), func.count(distinct(Episode.person_id))).where(
                self._referred(start, end)
            )
        ).one()
        return int(row[0]), int(row[1])

    def referrals_by_day(self, start: dt.date, end: dt.date) -> Counts:
        """Referrals received on each day of the period that had any."""
        return self._count_by(Episode.referral_date, self._referred(start, end))

    def first_contacts_by_day(self, start: dt.date, end: dt.date) -> Counts:
        """Episodes whose first contact fell on each day of the period that had any."""
        return self._count_by(
            Episode.first_contact_on,
            Episode.first_contact_on >= start,
            Episode.first_contact_on <= end,
        )

    def referrals_by_source(self, start: dt.date, end: dt.date) -> Counts:
        """Referrals in the period by who referred (a ReferrerKind value)."""
        return self._count_by(Episode.referred_by, self._referred(start, end))

    def referrals_by_reason(self, start: dt.date, end: dt.date) -> tuple[Counts, int]:
        """Referrals in the period by each reason given (one referral may give several),
        and how many referrals' reasons could not be read."""
        valid = json_valid(Episode.reasons)
        if self.sqlite:
            items = func.json_each(Episode.reasons).table_valued("value")
        else:
            # Only readable reasons are cast (PostgreSQL may call the function before the WHERE).
            readable = case((valid, Episode.reasons), else_="[]")
            items = func.json_array_elements_text(cast(readable, JSON)).table_valued("value")
        reason = func.trim(items.c.value)
        query = select(reason, func.count(distinct(Episode.id))).select_from(Episode)
        query = query.join(items, true())
        rows = self._session.execute(
            query.where(self._referred(start, end), valid).group_by(reason)
        )
        unread = self._how_many(self._referred(start, end), not_(valid))
        return tuple((text, int(n)) for text, n in rows), unread

    def referrals_without_reason(self, start: dt.date, end: dt.date) -> int:
        """Referrals in the period that give no reason at all."""
        return self._how_many(
            self._referred(start, end),
            or_(Episode.reasons == "[]", Episode.reasons == "", Episode.reasons.is_(None)),
        )

    def undated_referrals(self) -> int:
        """Referrals waiting for their date (from a spreadsheet): in no period yet."""
        return int(
            self._session.execute(select(func.count()).select_from(UndatedReferralRow)).scalar_one()
        )

    # Who was referred ----------------------------------------------------------------

    def _people_referred_by(self, key: ColumnElement[Any], start: dt.date, end: dt.date) -> Counts:
        rows = self._session.execute(
            select(key, func.count(distinct(Person.id)))
            .select_from(Episode)
            .join(Person, Person.id == Episode.person_id)
            .where(self._referred(start, end))
            .group_by(key)
        )
        return tuple((value, int(n)) for value, n in rows)

    def people_by_gender(self, start: dt.date, end: dt.date) -> Counts:
        """People referred in the period by gender as recorded (None: not recorded)."""
        return self._people_referred_by(func.nullif(func.trim(Person.gender), ""), start, end)

    def people_by_ethnicity(self, start: dt.date, end: dt.date) -> Counts:
        """People referred in the period by ethnicity as recorded (None: not recorded)."""
        return self._people_referred_by(func.nullif(func.trim(Person.ethnicity), ""), start, end)

    def people_by_district(self, start: dt.date, end: dt.date) -> Counts:
        """People referred in the period by postcode district (None: no postcode)."""
        return self._people_referred_by(self._district(), start, end)

    def districts_on_record(self) -> tuple[str, ...]:
        """Every postcode district someone on record lives in: those with nobody referred in
        a period are the gaps a report shows."""
        district = self._district()
        rows = self._session.execute(
            select(district).where(district.is_not(None)).group_by(district)
        )
        return tuple(str(value) for (value,) in rows)

    def people_by_age(self, start: dt.date, end: dt.date, bands: AgeBands) -> Counts:
        """People referred in the period by age band on ``end`` (None: no date of birth)."""
        whens = [(Person.date_of_birth > born_after, label) for label, born_after in bands.bands]
        band = case(
            (Person.date_of_birth.is_(None), literal(None)), *whens, else_=literal(bands.oldest)
        )
        return self._people_referred_by(band, start, end)

    # Coded events ----------------------------------------------------------------------

    def coded_events(self, start: dt.date, end: dt.date) -> Counts:
        """Coded events dated in the period, by code (a SnomedCode value)."""
        return self._count_by(
            CodedEventRow.code, CodedEventRow.on >= start, CodedEventRow.on <= end
        )

    # Contacts and conversations -----------------------------------------------------

    def contacts_by_place_and_outcome(self, start: dt.date, end: dt.date) -> Counts:
        """Booked contacts whose time fell in the period: ((place, outcome), how many)."""
        first, after = _day_bounds(start, end)
        rows = self._session.execute(
            select(Contact.place, Contact.outcome, func.count())
            .where(Contact.starts_at >= first, Contact.starts_at < after)
            .group_by(Contact.place, Contact.outcome)
        )
        return tuple(((place, outcome), int(n)) for place, outcome, n in rows)

    def conversations_by_kind_and_mode(self, start: dt.date, end: dt.date) -> Counts:
        """Conversations held in the period: ((kind, mode), how many)."""
        first, after = _day_bounds(start, end)
        rows = self._session.execute(
            select(Conversation.kind, Conversation.mode, func.count())
            .where(Conversation.at >= first, Conversation.at < after)
            .group_by(Conversation.kind, Conversation.mode)
        )
        return tuple(((kind, mode), int(n)) for kind, mode, n in rows)

    def contacts_held(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(contacts held, people seen) in the period.

        A contact held is a day a person was met: a conversation recorded, or a
        booked contact they attended. Both are often kept for the same meeting, so
        each person counts once a day.
        """
        first, after = _day_bounds(start, end)
        talked = (
            select(Episode.person_id.label("person_id"), day_of(Conversation.at).label("day"))
            # Read the period's conversations, then each one's episode: not every episode
            # first (the plan SQLite picks for a UNION without statistics, many times slower).
            .join(Episode, Episode.id == Unindexed(Conversation.episode_id))
            .where(Conversation.at >= first, Conversation.at < after)
        )
        met = select(
            Contact.person_id.label("person_id"), day_of(Contact.starts_at).label("day")
        ).where(
            Contact.starts_at >= first, Contact.starts_at < after, Contact.outcome == "attended"
        )
        days = union(talked, met).subquery()
        row = self._session.execute(
            select(func.count(), func.count(distinct(days.c.person_id))).select_from(days)
        ).one()
        return int(row[0]), int(row[1])

    def contacts_left_booked(self, start: dt.date, end: dt.date, now: dt.datetime) -> int:
        """Contacts in the period whose time has passed with nothing recorded about them."""
        first, after = _day_bounds(start, end)
        return self._how_many(
            Contact.outcome == "booked",
            Contact.starts_at >= first,
            Contact.starts_at < min(after, now),
        )

    # Episodes: waits, caseload, closings, answers ----------------------------------------

    def waits(self, start: dt.date, end: dt.date) -> Counts:
        """Days from referral to first contact, for first contacts in the period: (days, how
        many). A first contact dated before its referral gives a negative number."""
        days = days_between(Episode.referral_date, Episode.first_contact_on)
        rows = self._session.execute(
            select(days, func.count())
            .where(Episode.first_contact_on >= start, Episode.first_contact_on <= end)
            .group_by(days)
        )
        return tuple((int(d), int(n)) for d, n in rows)

    def caseload_at(self, day: dt.date) -> Caseload:
        """Referrals open at the end of ``day``: received by then and not closed by then."""
        received = Episode.referral_date <= day
        undated = and_(Episode.status == "closed", Episode.closed_on.is_(None))
        still_open = and_(
            received, ~undated, or_(Episode.closed_on.is_(None), Episode.closed_on > day)
        )
        met = and_(Episode.first_contact_on.is_not(None), Episode.first_contact_on <= day)
        row = self._session.execute(
            select(
                func.count(case((and_(still_open, ~met), 1))),
                func.count(case((and_(still_open, met), 1))),
                func.count(distinct(case((still_open, Episode.person_id)))),
                func.count(case((and_(received, undated), 1))),
            )
        ).one()
        return Caseload(int(row[0]), int(row[1]), int(row[2]), int(row[3]))

    def closed_by_reason(self, start: dt.date, end: dt.date) -> Counts:
        """Referrals closed in the period by reason (a ClosingReason value; None: not given)."""
        return self._count_by(
            Episode.closing_reason, Episode.closed_on >= start, Episode.closed_on <= end
        )

    def answers(self, start: dt.date, end: dt.date) -> Counts:
        """Referrals answered in the period, by answer (a ReferralResponse value)."""
        return self._count_by(
            Episode.response,
            Episode.response.is_not(None),
            Episode.responded_on >= start,
            Episode.responded_on <= end,
        )

    def answers_undated(self) -> int:
        """Referrals answered (declined, say) with no date for the answer: in no period."""
        return self._how_many(Episode.response.is_not(None), Episode.responded_on.is_(None))
