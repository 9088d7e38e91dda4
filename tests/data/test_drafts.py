"""Autosaved drafts over a real SQLite file: kept, listed, discarded, and never lost."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.services.drafts import DraftService, SavedDraft

PAYLOAD = {
    "episode_id": "4f1c2a0e-0000-4000-8000-000000000001",
    "notes": "Talked about the allotment.\nShe'd like to try the Tuesday group — with Reg.",
    "answers": [["what_matters", "Seeing my grandchildren"], ["enjoy", "Céilí dancing"]],
    "minutes": 45,
    "crisis": None,
    "confidence": {"goal 1": 7},
}


class Clock:
    """A clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 6, 15, 10, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, seconds: int = 5) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def drafts(db: Database, clock: Clock) -> DraftService:
    return DraftService(UnitsOfWork(db), now=clock)


def test_a_saved_draft_comes_back_as_it_was(drafts: DraftService, clock: Clock) -> None:
    assert drafts.get("conversation:1") is None
    drafts.save("conversation:1", "Conversation with Maureen Oakes", PAYLOAD)
    assert drafts.get("conversation:1") == SavedDraft(
        key="conversation:1",
        title="Conversation with Maureen Oakes",
        payload=PAYLOAD,
        saved_at=clock.now,
    )


def test_saving_again_replaces_the_draft(drafts: DraftService, clock: Clock) -> None:
    drafts.save("conversation:1", "Conversation", {"notes": "Talked"})
    clock.tick()
    drafts.save("conversation:1", "Conversation with Mo", {"notes": "Talked about the allot"})
    (only,) = drafts.pending()
    assert only.title == "Conversation with Mo"
    assert only.payload == {"notes": "Talked about the allot"}
    assert only.saved_at == clock.now


def test_pending_lists_the_newest_first(drafts: DraftService, clock: Clock) -> None:
    for key in ("a", "b", "c"):
        drafts.save(key, key.upper(), {"n": key})
        clock.tick()
    drafts.save("a", "A again", {"n": "a2"})  # touched last
    assert [d.key for d in drafts.pending()] == ["a", "c", "b"]


def test_discard_forgets_one_draft(drafts: DraftService) -> None:
    drafts.save("a", "A", {})
    drafts.save("b", "B", {})
    drafts.discard("a")
    drafts.discard("never saved")  # nothing to do, and no error
    assert [d.key for d in drafts.pending()] == ["b"]
    assert drafts.get("a") is None


def test_a_draft_survives_closing_and_reopening(app_paths: AppPaths) -> None:
    first = open_services(app_paths)
    try:
        first.drafts.save("person:new", "New person: Tomasz", {"given_name": "Tomasz"})
    finally:
        first.close()

    again: Services = open_services(app_paths)
    try:
        (kept,) = again.drafts.pending()
        assert kept.key == "person:new" and kept.payload == {"given_name": "Tomasz"}
        again.drafts.discard("person:new")
        assert again.drafts.pending() == []
        assert again.people.count() == 0  # the people service shares the same file
    finally:
        again.close()


def test_a_draft_survives_the_process_being_killed(app_paths: AppPaths) -> None:
    """A child saves a draft, says so, and is killed mid-typing; the draft is on disk."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from linkworker.paths import AppPaths
        from linkworker.services.context import open_services

        services = open_services(AppPaths.under(Path({str(app_paths.data_dir)!r})))
        for n in range(1, 4):
            services.drafts.save("conversation:9", "Notes", {{"notes": "typing " * n}})
        print("saved", flush=True)
        time.sleep(60)  # still typing when the laptop dies
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "saved"
        finally:
            child.kill()
            child.wait(timeout=10)
    assert child.returncode != 0

    services = open_services(app_paths)
    try:
        kept = services.drafts.get("conversation:9")
        assert kept is not None and kept.payload == {"notes": "typing " * 3}
    finally:
        services.close()
