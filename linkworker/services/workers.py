"""Workers: adding them, signing in and out, locking, changing a PIN, archiving one who left.

Signing in sets who acts (:class:`~linkworker.domain.actor.Actor`) for every unit
of work that follows, so "recorded by" is the worker signed in, never typed. The
events noted for the audit trail (sign-in, sign-in-failed, lock, unlock, sign-out)
carry no secret, and a failed sign-in does not say what name was typed.
"""

from __future__ import annotations

import dataclasses
import math
import time
import uuid
from collections.abc import Callable
from functools import cache

from linkworker import errors
from linkworker.data.access_guard import refuse
from linkworker.data.models import utcnow
from linkworker.data.models_access import WorkerRow
from linkworker.data.people_repo import CONSENTS
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.data.worker_repo import to_worker
from linkworker.domain.actor import WINDOW, Actor, nobody, this_machine
from linkworker.domain.people import EpisodeDraft
from linkworker.domain.permissions import Permission, Standing
from linkworker.domain.workers import (
    ROLES,
    Role,
    Worker,
    hash_secret,
    name_key,
    name_problem,
    needs_rehash,
    pause_after,
    secret_problem,
    tidy_name,
    verify_secret,
)


@cache
def _nobody_hash() -> str:
    """Checked against when a name matches nobody, so a wrong name takes as long as a wrong PIN."""
    return hash_secret("not anyone's secret")


class WorkerProblem(errors.UserFacingError):
    """A worker could not be added or changed: the message says why, in plain words."""

    title = "Workers"


class StillHolding(WorkerProblem):
    """A worker who still holds people cannot be archived until they are handed over."""

    def __init__(self, message: str, advice: str = "", *, held: int = 0) -> None:
        super().__init__(message, advice)
        self.held = held


def recorded_by(uow: UnitOfWork, given: str = "") -> str:
    """Who recorded something: ``given`` when the caller names someone, else who signed in."""
    return " ".join(given.split()) or uow.actor.worker_name


def consents_recorded(uow: UnitOfWork, draft: EpisodeDraft) -> EpisodeDraft:
    """``draft`` with each consent given but not said by whom recorded by the worker signed in."""
    changes = {
        name: dataclasses.replace(consent, recorded_by=recorded_by(uow))
        for name in CONSENTS
        if (consent := getattr(draft, name)).given and not consent.recorded_by.strip()
    }
    return dataclasses.replace(draft, **changes) if changes else draft


class WorkerService:
    """The team's workers and who is signed in on this window."""

    def __init__(
        self,
        units: UnitsOfWork,
        via: str = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._units = units
        self._via = via
        self._hash: Callable[[str], str] = hash_secret
        self._clock = clock
        #: Per name key: wrong tries in a row, and when the last was.
        self._wrong: dict[str, tuple[int, float]] = {}

    # Wrong tries ----------------------------------------------------------------------

    def _refuse_while_paused(self, key: str) -> None:
        tries, last = self._wrong.get(key, (0, 0.0))
        left = pause_after(tries) - (self._clock() - last)
        if left > 0:
            raise WorkerProblem(
                f"Too many wrong tries in a row. Wait {_wait_words(left)}, then try again.",
                "If the PIN or passphrase is forgotten, a manager can give a new one in "
                "Settings, Signing in, Workers.",
            )

    def _wrong_try(self, key: str) -> None:
        tries, _last = self._wrong.get(key, (0, 0.0))
        self._wrong[key] = (tries + 1, self._clock())

    # Who is here ----------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        """Who acts in this process now."""
        return self._units.actor

    def name_for_records(self, fallback: str = "") -> str:
        """Who records what is saved now: the worker signed in, else ``fallback``.

        The command line, where nobody signs in, gives the name kept in its settings.
        """
        return self._units.actor.worker_name or " ".join(fallback.split())

    def signed_in(self) -> Worker | None:
        """The worker signed in, or None."""
        worker_id = self._units.actor.worker_id
        if worker_id is None:
            return None
        with self._units.read() as uow:
            row = uow.workers.get(worker_id)
            if row is None:
                return None
            return to_worker(row)

    def standing(self) -> Standing:
        """Who acts here as far as permissions go (the window offers only what they may do)."""
        with self._units.read() as uow:
            return uow.standing

    def any_workers(self) -> bool:
        """True when someone can sign in (else the first worker is set up)."""
        with self._units.read() as uow:
            return uow.workers.any_active()

    def listed(self, *, archived: bool = False) -> tuple[Worker, ...]:
        """The team's workers by name (those who left, too, when ``archived``)."""
        with self._units.read() as uow:
            return uow.workers.listed(archived=archived)

    # Adding -------------------------------------------------------------------------

    def add_first(self, name: str, secret: str) -> Worker:
        """Set up the first worker (a manager) and sign them in; only while there is none."""
        with self._units.write() as uow:
            if uow.workers.any_active():
                raise WorkerProblem(
                    "Someone has already been set up to sign in here.",
                    "Sign in, and ask a manager to add you in Settings.",
                )
            worker = self._add(uow, name, secret, "manager")
        self._begin(worker)
        return worker

    def add(self, name: str, secret: str, role: Role = "worker") -> Worker:
        """A manager adds a worker, who signs in with ``secret`` (a PIN they then change)."""
        if role not in ROLES:
            raise WorkerProblem("Choose one of the roles listed.")
        with self._units.write() as uow:
            self._manager_only(uow)
            return self._add(uow, name, secret, role)

    def _add(self, uow: UnitOfWork, name: str, secret: str, role: Role) -> Worker:
        problem = name_problem(name) or secret_problem(secret)
        if problem is not None:
            raise WorkerProblem(problem)
        key = name_key(name)
        if uow.workers.by_key(key) is not None:
            raise WorkerProblem(
                "There is already a worker with that name.",
                "Add something to tell them apart, such as a surname or initial.",
            )
        worker = uow.workers.add(tidy_name(name), key, self._hash(secret), role)
        uow.note("worker-added", subject=str(worker.id), role=role)
        return worker

    def _manager_only(self, uow: UnitOfWork) -> Worker:
        """The manager signed in; anyone else is refused (and the refusal kept in the trail)."""
        standing = uow.standing
        worker_id = uow.actor.worker_id
        row = None if worker_id is None else uow.workers.get(worker_id)
        if row is None or not standing.may(Permission.MANAGE_WORKERS):
            raise refuse(standing, Permission.MANAGE_WORKERS)
        return to_worker(row)

    def set_role(self, worker_id: uuid.UUID, role: Role) -> Worker:
        """A manager changes what a worker may do (it counts from their next action)."""
        if role not in ROLES:
            raise WorkerProblem("Choose one of the roles listed.")
        with self._units.write() as uow:
            manager = self._manager_only(uow)
            if manager.id == worker_id and role != "manager":
                raise WorkerProblem(
                    "You cannot take away your own manager's role while signed in.",
                    "Ask another manager to do it.",
                )
            row = self._existing(uow, worker_id)
            before = row.role
            worker = uow.workers.set_role(row, role)
            uow.note("role-changed", subject=str(row.id), before=before, after=role)
            return worker

    # Signing in and out ---------------------------------------------------------------

    def sign_in(self, name: str, secret: str) -> Worker | None:
        """Sign in as the worker called ``name``; None when the name and secret do not match.

        A worker who has left (archived) cannot sign in.
        """
        key = name_key(name)
        self._refuse_while_paused(key)
        with self._units.write() as uow:
            row = uow.workers.by_key(key)
            usable = row is not None and row.archived_at is None
            stored = row.secret_hash if row is not None and usable else _nobody_hash()
            if not (verify_secret(secret, stored) and usable and row is not None):
                uow.note("sign-in-failed")
                self._wrong_try(key)
                return None
            self._wrong.pop(key, None)
            uow.workers.signed_in(row, utcnow())
            if needs_rehash(row.secret_hash):
                uow.workers.set_secret(row, self._hash(secret))
            worker = to_worker(row)
        self._begin(worker)
        return worker

    def _begin(self, worker: Worker) -> None:
        self._units.actor = Actor(worker.id, worker.display_name, this_machine(), self._via)
        with self._units.write() as uow:
            uow.note("sign-in", subject=str(worker.id))

    def lock(self) -> None:
        """The window locked (idle, or asked to): noted for the record."""
        self._note("lock")

    def unlock(self, secret: str) -> bool:
        """Unlock for the worker signed in, with their own secret; False if it is not theirs."""
        worker_id = self._units.actor.worker_id
        key = f"unlock:{worker_id}"
        self._refuse_while_paused(key)
        with self._units.write() as uow:
            row = None if worker_id is None else uow.workers.get(worker_id)
            stored = _nobody_hash() if row is None or row.archived_at else row.secret_hash
            if row is None or not verify_secret(secret, stored) or row.archived_at is not None:
                uow.note("sign-in-failed", door="unlock")
                self._wrong_try(key)
                return False
            uow.note("unlock", subject=str(row.id))
        self._wrong.pop(key, None)
        return True

    def sign_out(self) -> None:
        """The worker signs out: from now on nobody acts until someone signs in."""
        if self._units.actor.signed_in:
            self._note("sign-out")
        self._units.actor = nobody(self._via)

    def _note(self, action: str) -> None:
        with self._units.write() as uow:
            worker_id = uow.actor.worker_id
            uow.note(action, subject="" if worker_id is None else str(worker_id))

    # Secrets and leaving ------------------------------------------------------------------

    def change_own_secret(self, current: str, new: str) -> None:
        """The worker signed in chooses a new PIN or passphrase, giving their current one."""
        problem = secret_problem(new)
        if problem is not None:
            raise WorkerProblem(problem)
        worker_id = self._units.actor.worker_id
        with self._units.write() as uow:
            row = None if worker_id is None else uow.workers.get(worker_id)
            if row is None or not verify_secret(current, row.secret_hash):
                raise WorkerProblem(
                    "Your current PIN or passphrase is not the one given.",
                    "Type it again; nothing has been changed.",
                )
            uow.workers.set_secret(row, self._hash(new))
            uow.note("secret-changed", subject=str(row.id))

    def reset_secret(self, worker_id: uuid.UUID, new: str) -> None:
        """A manager gives a worker a new PIN or passphrase (they forgot theirs)."""
        problem = secret_problem(new)
        if problem is not None:
            raise WorkerProblem(problem)
        with self._units.write() as uow:
            self._manager_only(uow)
            row = self._existing(uow, worker_id)
            uow.workers.set_secret(row, self._hash(new))
            uow.note("secret-reset", subject=str(row.id))

    def archive(self, worker_id: uuid.UUID) -> Worker:
        """A manager archives a worker who has left: kept for the record, no longer signs in."""
        with self._units.write() as uow:
            manager = self._manager_only(uow)
            if manager.id == worker_id:
                raise WorkerProblem(
                    "You cannot archive yourself while signed in.",
                    "Ask another manager to do it.",
                )
            row = self._existing(uow, worker_id)
            held = len(uow.handovers.held_by(uow.today.worker_spellings(row.display_name)))
            if held:
                people = "1 person" if held == 1 else f"{held} people"
                raise StillHolding(
                    f"This worker still has {people} on their caseload.",
                    "Hand them over to another link worker first; then archive.",
                    held=held,
                )
            worker = uow.workers.archive(row, utcnow())
            uow.note("worker-archived", subject=str(row.id))
            return worker

    @staticmethod
    def _existing(uow: UnitOfWork, worker_id: uuid.UUID) -> WorkerRow:
        row = uow.workers.get(worker_id)
        if row is None:
            raise errors.NotFound("That worker is no longer on the list.", "Reload the list.")
        return row


def _wait_words(seconds: float) -> str:
    """ "30 seconds", "2 minutes": how long to wait, rounded up."""
    whole = math.ceil(seconds)
    if whole < 60:
        return "1 second" if whole == 1 else f"{whole} seconds"
    minutes = math.ceil(whole / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
