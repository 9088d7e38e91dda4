"""Who may do what: each role's permitted actions, in one table, and the words of a refusal.

Four roles (:data:`~linkworker.domain.workers.ROLES`):

- a **link worker** ("worker") sees and changes the people on their own caseload, and people
  not yet given to any link worker (a new referral waiting to be picked up), and looks
  after the directory;
- a **manager** sees everyone's caseload, the reports and the audit trail, adds and archives
  workers and hands caseloads over;
- a **directory editor** looks after the directory only (listings added, changed, imported and
  exported; the taxonomy mapping) and never sees a personal record;
- a **read-only** user (a commissioner, an auditor) looks at the directory and the reports and
  changes nothing. Reports count people without naming them, so they need no personal record;
  read-only users see none.

When nobody has been set up to sign in, or only one person has (one link worker on their
own laptop), and nobody is signed in (the command line), there is no role to ask about and
everything is allowed, as it always was. Someone signed in always acts in their role.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from linkworker.domain.today import worker_key
from linkworker.domain.workers import ROLES, Role


class Permission(enum.Enum):
    """Something a role may or may not do; the value is how a refusal names it."""

    VIEW_DIRECTORY = "look at the directory"
    EDIT_DIRECTORY = "change the directory"
    OWN_CASELOAD = "open or change people's records"
    EVERY_CASELOAD = "open or change people on another link worker's caseload"
    REPORTS = "see the team's reports"
    AUDIT = "look at the audit trail"
    MANAGE_WORKERS = "add workers, reset a PIN or archive a worker"
    HAND_OVER = "hand over a caseload"


_P = Permission
#: The one table of what each role may do.
PERMITTED: Mapping[Role, frozenset[Permission]] = {
    "worker": frozenset({_P.VIEW_DIRECTORY, _P.EDIT_DIRECTORY, _P.OWN_CASELOAD}),
    "manager": frozenset(Permission),
    "directory_editor": frozenset({_P.VIEW_DIRECTORY, _P.EDIT_DIRECTORY}),
    "read_only": frozenset({_P.VIEW_DIRECTORY, _P.REPORTS}),
}

#: How each role is named to the people using the app.
ROLE_WORDS: Mapping[Role, str] = {
    "worker": "link worker",
    "manager": "manager",
    "directory_editor": "directory editor",
    "read_only": "read-only",
}

#: What each role is for, in a sentence (shown where a role is chosen).
ROLE_HINTS: Mapping[Role, str] = {
    "worker": "Their own caseload, people waiting for a link worker, and the directory.",
    "manager": "Everyone's caseload, reports, the audit trail, workers and hand-overs.",
    "directory_editor": "The directory only: listings, imports, exports and the taxonomy.",
    "read_only": "Looks at the directory and the reports; changes nothing, sees no one's record.",
}


def role_of(stored: str) -> Role:
    """The role a stored word stands for; a word no version wrote is read-only (the safest)."""
    for role in ROLES:
        if stored == role:
            return role
    return "read_only"


def permits(role: Role, permission: Permission) -> bool:
    """True when ``role`` may do ``permission``."""
    return permission in PERMITTED[role]


def roles_permitted(permission: Permission) -> tuple[Role, ...]:
    """The roles that may do ``permission``, in the order of :data:`ROLES`."""
    return tuple(role for role in ROLES if permits(role, permission))


def _one_of(roles: tuple[Role, ...]) -> str:
    words = [("an " if ROLE_WORDS[r][0] in "aeiou" else "a ") + ROLE_WORDS[r] for r in roles]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@dataclass(frozen=True, slots=True)
class Standing:
    """Who is acting, as far as permissions go.

    ``role`` None and ``team`` False: nobody is signed in, and at most one person could (one
    link worker's laptop), so everything is allowed. ``role`` None and ``team`` True: a team
    signs in here and nobody has, so nothing is.
    """

    role: Role | None = None
    name: str = ""
    team: bool = False

    @property
    def open(self) -> bool:
        """Nobody is set up to sign in: everything is allowed, as on one laptop."""
        return not self.team

    def may(self, permission: Permission) -> bool:
        """True when this person may do ``permission``."""
        if self.open:
            return True
        return self.role is not None and permits(self.role, permission)

    @property
    def sees_everyone(self) -> bool:
        """True when every caseload is open to them (a manager, or nobody set up)."""
        return self.may(Permission.EVERY_CASELOAD)

    @property
    def sees_people(self) -> bool:
        """True when they may open any personal record at all."""
        return self.may(Permission.OWN_CASELOAD)

    def holds(self, link_worker: str) -> bool:
        """True when a person whose link worker is ``link_worker`` is theirs to see and change.

        A link worker's own people, and people with no link worker yet; everyone for a
        manager; no one for a directory editor or a read-only user.
        """
        if self.sees_everyone:
            return True
        if not self.sees_people:
            return False
        recorded = worker_key(link_worker)
        return not recorded or recorded == worker_key(self.name)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an action was refused, in plain words, and what to do."""

    permission: Permission
    message: str
    advice: str


def refusal(standing: Standing, permission: Permission) -> Refusal:
    """The words for ``standing`` not being allowed ``permission``."""
    if standing.role is None:
        return Refusal(
            permission,
            f"Sign in first: only someone signed in can {permission.value}.",
            "Sign in with your own name and PIN, then try again.",
        )
    if permission is Permission.EVERY_CASELOAD and standing.sees_people:
        return Refusal(
            permission,
            "This person is on another link worker's caseload.",
            "Ask your manager to hand them over to you if you need to work with them.",
        )
    who = _one_of(roles_permitted(permission))
    return Refusal(
        permission,
        f"Only {who} can {permission.value}.",
        f"You are signed in as {_one_of((standing.role,))}. Ask your manager if you need to.",
    )
