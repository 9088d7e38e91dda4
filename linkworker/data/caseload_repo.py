"""The caseload: the People table, searched and sorted, a page at a time.

The summary columns on ``person`` (sort and search names, newest referral,
next and last contact) are kept by ``PeopleRepository``; here they are read back
fast enough for a caseload of 50,000 people.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    func,
    select,
)

from linkworker.data.models import (
    Person,
    PersonSearchWord,
)
from linkworker.data.people_repo import starts_with
from linkworker.data.sql_hints import Unindexed
from linkworker.data.unit_of_work import Repository
from linkworker.domain.names import display_name, query_words
from linkworker.domain.people import (
    CaseloadFilter,
    CaseloadRow,
    CaseloadSort,
    EpisodeStatus,
)

# The caseload ----------------------------------------------------------------

#: The column each sort walks; people with nothing in it come last, by name.
_SORT_COLUMNS: dict[CaseloadSort, Any] = {
    CaseloadSort.NHS_NUMBER: Person.nhs_number,
    CaseloadSort.POSTCODE: Person.postcode,
    CaseloadSort.STATUS: Person.status,
    CaseloadSort.LAST_CONTACT: Person.last_contact_on,
    CaseloadSort.NEXT_CONTACT: Person.next_contact_on,
}
#: NHS numbers are unique: nothing need follow them in the order.
_UNIQUE_SORTS = frozenset({CaseloadSort.NHS_NUMBER})

_ROW_COLUMNS = (
    Person.id,
    Person.given_name,
    Person.family_name,
    Person.preferred_name,
    Person.nhs_number,
    Person.postcode,
    Person.date_of_birth,
    Person.status,
    Person.link_worker,
    Person.last_contact_on,
    Person.next_contact_on,
)

#: A postcode as far as it is typed: area letters, the district digit, and on.
#: Most different words of typed text a name search uses (the first ones typed).
SEARCH_WORDS = 20
_POSTCODE_START = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]{0,4}")
#: Reading a row while walking the name index costs about this many times
#: sorting one match's key (bench/caseload.py).
_WALK_COST = 4
#: Matching more than one person in this many, with a filter or another sort,
#: a page is read by walking that index rather than by looking each match up.
_MANY_MATCHES = 20


@dataclass(frozen=True)
class TextMatches:
    """Who some search text finds.

    ``query`` selects their (sort_name, id), once each; ``ids`` their ids, maybe
    twice (enough for ``IN``, without the cost of removing repeats). For an NHS
    number or postcode, whose matches are spread evenly through the name
    order, ``column`` and ``prefix`` say what to test when walking it.
    """

    query: Select[str, uuid.UUID]
    ids: Select[uuid.UUID]
    column: Any = None
    prefix: str = ""


def text_matches(text: str) -> TextMatches | None:
    """The people ``text`` finds, read from one index; None when it can find nobody.

    Digits (spaces and dashes ignored) begin an NHS number. Letters then a
    digit begin a postcode (spaces and case ignored). Otherwise every typed
    word must begin one of the person's name words (any of given, family,
    preferred): the longest word is looked up in person_search_word, and the
    others are checked against the search name carried on the same rows.
    Letters alone are names: a postcode is matched from its district digit on
    (one or two letters of an area would bring in most of a caseload). Only the
    first :data:`SEARCH_WORDS` different words are used.
    """
    compact = re.sub(r"[\s-]+", "", text).upper()
    for column, pattern in (
        (Person.nhs_number, re.compile(r"[0-9]{1,10}")),
        (Person.postcode_key, _POSTCODE_START),
    ):
        if compact.isascii() and pattern.fullmatch(compact):
            starts = starts_with(column, compact)
            query = select(Person.sort_name, Person.id).where(starts)
            return TextMatches(query, select(Person.id).where(starts), column, compact)
    # Each word adds a condition, and a statement has only so many: a pasted page
    # of text searches by its first words instead of failing.
    words = list(dict.fromkeys(query_words(text)))[:SEARCH_WORDS]
    if not words:
        return None
    first = max(words, key=len)
    others = list(words)
    others.remove(first)
    where = [starts_with(PersonSearchWord.word, first)]
    for word in others:  # letters and digits only: nothing to escape
        where.append((" " + PersonSearchWord.search_name).like(f"% {word}%"))
    query = select(PersonSearchWord.sort_name, PersonSearchWord.person_id.label("id"))
    return TextMatches(
        query.where(*where).distinct(),  # two names may start alike: William Williams
        select(PersonSearchWord.person_id).where(*where),
    )


_STATUSES: dict[str | None, EpisodeStatus | None] = {s.value: s for s in EpisodeStatus}
_OPEN_STATUSES = tuple(s.value for s in EpisodeStatus if s.is_open)


def _to_row(r: Any) -> CaseloadRow:
    (id_, given, family, preferred, nhs, postcode, born, status, worker, last, next_) = r
    return CaseloadRow(
        id=id_,
        name=display_name(given, family, preferred),
        nhs_number=nhs or "",
        postcode=postcode or "",
        date_of_birth=born,
        status=_STATUSES.get(status),
        link_worker=worker,
        last_contact=last,
        next_contact=next_,
    )


def _by_name(desc: bool) -> list[Any]:
    return [Person.sort_name.desc(), Person.id.desc()] if desc else [Person.sort_name, Person.id]


class CaseloadRepository(Repository):
    """The People table: a page of the caseload and how many match."""

    def within_reach(self) -> list[ColumnElement[bool]]:
        """The condition that keeps to the people the actor holds (none for a manager).

        A link worker reaches their own people and those with no link worker yet;
        someone who sees no personal records reaches nobody.
        """
        standing = self.unit.standing
        if standing.sees_everyone:
            return []
        if not standing.sees_people:
            return [Person.id.is_(None)]
        return [Person.link_worker.in_(self.unit.today.worker_spellings(standing.name, ("",)))]

    def _count_people(self) -> int:
        return self._session.execute(select(func.count()).select_from(Person)).scalar_one()

    def _count(self, conds: Sequence[ColumnElement[bool]]) -> int:
        query = select(func.count()).select_from(Person)
        if conds:
            query = query.where(*conds)
        return int(self._session.execute(query).scalar_one())

    def _search_by_name(
        self, found: TextMatches, descending: bool, limit: int, offset: int
    ) -> tuple[list[CaseloadRow], int]:
        """A page of matches in name order, and how many there are.

        Usually the matches' (sort_name, id) are read from their index and sorted,
        then only the page's rows are read. When an NHS number or postcode prefix
        matches so many people that the page comes sooner by walking the name
        index and testing each row (typing "9" of a test number), that is done.
        """
        total = int(
            self._session.execute(
                select(func.count()).select_from(found.query.subquery())
            ).scalar_one()
        )
        if total == 0:
            return [], 0
        if found.column is not None:
            walked = (offset + limit) * self._count_people() / total
            if walked * _WALK_COST < total:
                test = func.substr(found.column, 1, len(found.prefix)) == found.prefix
                rows = self._session.execute(
                    select(*_ROW_COLUMNS)
                    .where(test)
                    .order_by(*_by_name(descending))
                    .limit(limit)
                    .offset(offset)
                ).all()
                return [_to_row(r) for r in rows], total
        keys = list(found.query.selected_columns)
        ids = (
            found.query.order_by(*(k.desc() if descending else k for k in keys))
            .limit(limit)
            .offset(offset)
            .subquery("page")
        )
        page_keys = [ids.c.sort_name, ids.c.id]
        rows = self._session.execute(
            select(*_ROW_COLUMNS)
            .join(ids, ids.c.id == Person.id)
            .order_by(*(k.desc() if descending else k for k in page_keys))
        ).all()
        return [_to_row(r) for r in rows], total

    def caseload(
        self,
        flt: CaseloadFilter,
        sort: CaseloadSort,
        descending: bool,
        limit: int,
        offset: int,
    ) -> tuple[list[CaseloadRow], int]:
        """One page of the caseload and how many match in all.

        Without search text every order is a walk along one index. For a sort
        other than the name, people with the column empty come after the rest (by
        name) in either direction: they are read by a second query once the first
        runs out. Searching by name order (the type-ahead case) sorts only the
        matches' keys, read from an index; other sorts and filters narrow the
        people by the same matches.
        """
        conds: list[ColumnElement[bool]] = self.within_reach()
        if flt.status is not None:
            conds.append(Person.status == flt.status.value)
        if flt.open_only:
            # Two statuses of three: walking the sort's own index and testing each row
            # finds a page far sooner than reading half the caseload by status and sorting.
            conds.append(Unindexed(Person.status).in_(_OPEN_STATUSES))
        if flt.link_worker is not None:
            conds.append(Person.link_worker == flt.link_worker.strip())
        total: int | None = None
        if flt.text.strip():
            found = text_matches(flt.text.strip())
            if found is None:
                return [], 0
            if sort is CaseloadSort.NAME and not conds:
                return self._search_by_name(found, descending, limit, offset)
            total = self._count([Person.id.in_(found.ids), *conds])
            if total == 0:
                return [], 0
            many = total * _MANY_MATCHES > self._count_people()
            conds.append((Unindexed(Person.id) if many else Person.id).in_(found.ids))

        def page(
            where: Sequence[ColumnElement[bool]], order: Sequence[Any], n: int, skip: int
        ) -> list[Any]:
            query = select(*_ROW_COLUMNS).where(*where).order_by(*order).limit(n).offset(skip)
            return list(self._session.execute(query).all())

        column = _SORT_COLUMNS.get(sort)
        if column is None:
            rows = page(conds, _by_name(descending), limit, offset)
        else:
            keys = [column.desc() if descending else column.asc()]
            if sort not in _UNIQUE_SORTS:
                keys += _by_name(descending)
            rows = page([*conds, column.is_not(None)], keys, limit, offset)
            if len(rows) < limit:
                if rows or offset == 0:
                    filled = offset + len(rows)
                else:
                    filled = self._count([*conds, column.is_not(None)])
                rows += page(
                    [*conds, column.is_(None)],
                    _by_name(False),
                    limit - len(rows),
                    max(0, offset - filled),
                )
        if total is None:  # a short first page is everything there is; otherwise count
            total = self._count(conds) if offset or len(rows) == limit else offset + len(rows)
        return [_to_row(r) for r in rows], total
