"""Workers on a real data file: the first one, signing in and out, locking, PINs, leaving."""

from __future__ import annotations

from typing import Any

import pytest

from linkworker.domain.actor import WINDOW
from linkworker.errors import NotPermitted, UserFacingError
from linkworker.services.workers import WorkerProblem


@pytest.fixture
def events(services: Any) -> list[tuple[str, dict[str, Any]]]:
    """What the units noted, as (action, detail), in order."""
    seen: list[tuple[str, dict[str, Any]]] = []

    def sink(_unit: Any, noted: Any) -> None:
        seen.extend(
            (event.action, {"subject": event.subject, **dict(event.detail)}) for event in noted
        )

    services._db.event_sink = sink
    return seen


def test_the_first_worker_is_a_manager_and_is_signed_in(services: Any, events: list) -> None:
    workers = services.workers
    assert not workers.any_workers()
    first = workers.add_first("  Priya   Shah ", "246810")
    assert first.display_name == "Priya Shah" and first.is_manager
    assert workers.any_workers()
    actor = services.units.actor
    assert (actor.worker_id, actor.worker_name, actor.via) == (first.id, "Priya Shah", WINDOW)
    assert actor.machine
    assert [action for action, _ in events] == ["worker-added", "sign-in"]
    with pytest.raises(WorkerProblem):
        workers.add_first("Someone Else", "135790")


def test_signing_in_wrong_then_right(services: Any, events: list) -> None:
    workers = services.workers
    priya = workers.add_first("Priya Shah", "246810")
    workers.sign_out()
    assert not services.units.actor.signed_in
    assert workers.sign_in("priya shah", "246811") is None
    assert workers.sign_in("Nobody At All", "246810") is None
    assert not services.units.actor.signed_in
    signed = workers.sign_in("PRIYA  SHAH", "246810")
    assert signed is not None and signed.id == priya.id
    assert signed.last_signed_in_at is not None
    assert services.units.actor.worker_name == "Priya Shah"
    actions = [action for action, _ in events]
    assert actions[-4:] == ["sign-out", "sign-in-failed", "sign-in-failed", "sign-in"]
    # A failed sign-in says nothing of what was typed.
    failed = [detail for action, detail in events if action == "sign-in-failed"]
    assert all("Nobody" not in str(detail) and "24681" not in str(detail) for detail in failed)


@pytest.mark.sqlite_only(reason="reads the SQLite file with the sqlite3 module")
def test_the_secret_is_kept_only_as_a_slow_hash(services: Any, app_paths: Any) -> None:
    import sqlite3

    services.workers.add_first("Priya Shah", "tea time at four")
    with sqlite3.connect(app_paths.database) as conn:
        (stored,) = conn.execute("SELECT secret_hash FROM worker").fetchone()
    assert stored.startswith("scrypt$32768$8$1$")
    assert "tea time" not in stored


def test_a_manager_adds_workers_and_a_worker_cannot(services: Any) -> None:
    workers = services.workers
    workers.add_first("Priya Shah", "246810")
    sam = workers.add("Sam Okafor", "135790")
    assert not sam.is_manager
    with pytest.raises(WorkerProblem):
        workers.add("sam okafor", "975310")  # the same name, typed differently
    with pytest.raises(WorkerProblem):
        workers.add("Jo Bloggs", "123")  # too short a PIN
    assert [w.display_name for w in workers.listed()] == ["Priya Shah", "Sam Okafor"]
    assert workers.sign_in("Sam Okafor", "135790") is not None
    with pytest.raises(NotPermitted) as refused:
        workers.add("Jo Bloggs", "864200")
    assert refused.value.message == (
        "Only a manager can add workers, reset a PIN or archive a worker."
    )
    with pytest.raises(NotPermitted):
        workers.reset_secret(sam.id, "864200")


def test_lock_and_unlock_only_with_the_same_workers_secret(services: Any, events: list) -> None:
    workers = services.workers
    workers.add_first("Priya Shah", "246810")
    workers.add("Sam Okafor", "135790")
    workers.lock()
    assert not workers.unlock("135790")  # Sam's PIN does not unlock Priya's window
    assert workers.unlock("246810")
    assert services.units.actor.worker_name == "Priya Shah"
    assert [a for a, _ in events][-3:] == ["lock", "sign-in-failed", "unlock"]


def test_changing_ones_own_pin_and_a_manager_resetting_another(services: Any) -> None:
    workers = services.workers
    workers.add_first("Priya Shah", "246810")
    sam = workers.add("Sam Okafor", "135790")
    workers.reset_secret(sam.id, "112233")
    assert workers.sign_in("Sam Okafor", "135790") is None
    assert workers.sign_in("Sam Okafor", "112233") is not None
    with pytest.raises(WorkerProblem):
        workers.change_own_secret("999999", "a longer passphrase")
    workers.change_own_secret("112233", "a longer passphrase")
    assert workers.sign_in("Sam Okafor", "a longer passphrase") is not None


def test_a_worker_who_left_is_kept_but_cannot_sign_in(services: Any) -> None:
    workers = services.workers
    priya = workers.add_first("Priya Shah", "246810")
    sam = workers.add("Sam Okafor", "135790")
    with pytest.raises(WorkerProblem):
        workers.archive(priya.id)  # not oneself
    archived = workers.archive(sam.id)
    assert archived.archived
    assert [w.display_name for w in workers.listed()] == ["Priya Shah"]
    assert [w.display_name for w in workers.listed(archived=True)] == ["Priya Shah", "Sam Okafor"]
    assert workers.sign_in("Sam Okafor", "135790") is None
    with pytest.raises(WorkerProblem):
        workers.add("Sam Okafor", "135790")  # the name stays taken by the record


def test_a_problem_is_explained_in_plain_words(services: Any) -> None:
    with pytest.raises(UserFacingError) as raised:
        services.workers.add_first("Priya Shah", "1234")
    assert "6 digits" in raised.value.message


def test_after_five_wrong_tries_a_name_waits_before_the_next(services: Any) -> None:
    """Guessing a PIN at an open laptop is slowed; the right PIN after the pause works."""
    from linkworker.services.workers import WorkerService

    now = [1000.0]
    workers = WorkerService(services.units, clock=lambda: now[0])
    workers.add_first("Sam Example", "135790")
    for _ in range(5):
        assert workers.sign_in("Sam Example", "000000") is None
    with pytest.raises(WorkerProblem) as paused:
        workers.sign_in("Sam Example", "135790")  # even the right one waits
    assert "Wait 30 seconds" in paused.value.message
    assert "manager" in paused.value.advice
    assert workers.sign_in("Priya Example", "000000") is None  # another name is not held up
    now[0] += 31
    assert workers.sign_in("sam example", "000000") is None  # the sixth wrong try
    with pytest.raises(WorkerProblem, match="Wait 1 minute"):
        workers.sign_in("Sam Example", "135790")
    now[0] += 61
    signed = workers.sign_in("Sam Example", "135790")
    assert signed is not None and signed.display_name == "Sam Example"
    for _ in range(5):  # the count starts again after a right one
        assert workers.sign_in("Sam Example", "000000") is None


def test_unlocking_is_paused_after_five_wrong_tries_too(services: Any) -> None:
    from linkworker.services.workers import WorkerService

    now = [50.0]
    workers = WorkerService(services.units, clock=lambda: now[0])
    workers.add_first("Sam Example", "135790")
    workers.lock()
    for _ in range(5):
        assert workers.unlock("999999") is False
    with pytest.raises(WorkerProblem, match="Wait 30 seconds"):
        workers.unlock("135790")
    now[0] += 30
    assert workers.unlock("135790") is True
