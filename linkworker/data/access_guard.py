"""The one check of who may do what, where every read of a record and every write passes.

The rule is :mod:`linkworker.domain.permissions`; here it meets the unit of work:

- :func:`standing_of` reads, once per unit, who acts and their role from the worker
  table (the authority: a role changed by a manager counts from the next unit on);
- :func:`require` and :func:`require_person` are called by services before they act;
- :func:`guard_writes` is a write listener: before a unit commits, every write to a
  personal record must be to someone the actor holds, and every write to the directory
  must come from someone who may change it. So the window and the command line are
  guarded alike, by the same code, whatever service did the writing;
- a refusal raises :class:`~linkworker.errors.NotPermitted`; the unit rolls back and
  then records the refusal in the audit trail (see ``UnitOfWork.__exit__``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from linkworker import errors
from linkworker.data.models import Person
from linkworker.domain.permissions import Permission, Standing, refusal, role_of

if TYPE_CHECKING:
    from linkworker.data.database import Database
    from linkworker.data.unit_of_work import UnitOfWork, Write

#: Tables of the directory (and the reference data it is searched with).
DIRECTORY_TABLES = frozenset(
    {
        "asset",
        "asset_accessibility",
        "asset_category",
        "asset_contact",
        "asset_duplicate",
        "asset_language",
        "asset_location",
        "asset_opening_time",
        "asset_tag",
        "category",
        "directory_source",
        "organisation",
        "postcode_point",
        "tag",
        "taxonomy_mapping",
    }
)
#: Tables about no one's record and no listing: who signs in, the trail, typing kept as
#: drafts, and the directory's search index (made from listings, whose own writes are
#: guarded; rebuilding it after a copy or a day away changes no listing).
NEUTRAL_TABLES = frozenset({"worker", "audit_entry", "draft", "asset_search"})

#: The event a refusal is recorded as in the audit trail.
REFUSED = "refused"


def standing_of(uow: UnitOfWork) -> Standing:
    """Who acts in ``uow`` as far as permissions go (see :class:`Standing`)."""
    actor = uow.actor
    worker_id = actor.worker_id
    row = uow.workers.get(worker_id) if isinstance(worker_id, uuid.UUID) else None
    if row is None or row.archived_at is not None:
        # One worker alone (a link worker's own laptop) is not a team: the command line,
        # where nobody signs in, may do everything there, as it always could.
        return Standing(None, "", team=uow.workers.a_team())
    return Standing(role_of(row.role), row.display_name, team=True)


def refuse(standing: Standing, permission: Permission) -> errors.NotPermitted:
    """The error for ``standing`` not being allowed ``permission``."""
    words = refusal(standing, permission)
    return errors.NotPermitted(words.message, words.advice, permission=permission.name.lower())


def require(uow: UnitOfWork, permission: Permission) -> None:
    """Raise NotPermitted unless the actor of ``uow`` may do ``permission``."""
    standing = uow.standing
    if not standing.may(permission):
        raise refuse(standing, permission)


def holders(uow: UnitOfWork, person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each person's link worker (who holds them), for those still on record."""
    ids = list(dict.fromkeys(person_ids))
    found: dict[uuid.UUID, str] = {}
    session = uow.session
    with session.no_autoflush:
        for start in range(0, len(ids), 500):
            query = select(Person.id, Person.link_worker).where(
                Person.id.in_(ids[start : start + 500])
            )
            found.update({row.id: row.link_worker or "" for row in session.execute(query)})
    return found


def require_people(uow: UnitOfWork, person_ids: Iterable[uuid.UUID]) -> None:
    """Raise NotPermitted unless the actor may see and change every one of ``person_ids``."""
    standing = uow.standing
    if standing.sees_everyone:
        return
    if not standing.sees_people:
        raise refuse(standing, Permission.OWN_CASELOAD)
    for link_worker in holders(uow, person_ids).values():
        if not standing.holds(link_worker):
            raise refuse(standing, Permission.EVERY_CASELOAD)


def require_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
    """Raise NotPermitted unless the actor may see and change the person ``person_id``."""
    require_people(uow, (person_id,))


def guard_writes(uow: UnitOfWork, writes: tuple[Write, ...]) -> None:
    """A write listener: refuse the whole unit if any write is not the actor's to make."""
    standing = uow.standing
    if standing.open:
        return
    people: list[uuid.UUID] = []
    for write in writes:
        if write.table in NEUTRAL_TABLES:
            continue
        if write.table in DIRECTORY_TABLES:
            require(uow, Permission.EDIT_DIRECTORY)
            continue
        if isinstance(write.person_id, uuid.UUID):
            people.append(write.person_id)
        elif not standing.sees_people:
            raise refuse(standing, Permission.OWN_CASELOAD)
    if people:
        require_people(uow, people)


def install_access_guard(database: Database) -> None:
    """Check every unit's writes on ``database`` before it commits (once; first of all)."""
    if guard_writes not in database.write_listeners:
        database.write_listeners.insert(0, guard_writes)
