"""Killed mid-save, again and again, on an encrypted database: it always opens with the key,
passes its full check and keeps every confirmed save.

Each run starts a real process saving people one after another and kills it with
SIGKILL at a random moment after a random number of confirmed saves; then the data
is opened again and checked in full.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from linkworker import errors
from linkworker.paths import AppPaths
from linkworker.services.backup import check_database
from linkworker.services.context import Services, open_services
from tests.conftest import made_key

CHILD = Path(__file__).with_name("kill_child.py")
ROOT = Path(__file__).resolve().parents[2]
RUNS = 12


def _run_and_kill(data_dir: Path, run: int, rng: random.Random) -> list[uuid.UUID]:
    """Start a saving process, kill it after some confirmed saves; the ids it confirmed."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    confirmed: list[uuid.UUID] = []
    try:
        assert child.stdout.readline().strip() == "open"
        wanted = rng.randint(1, 25)
        while len(confirmed) < wanted:
            confirmed.append(uuid.UUID(child.stdout.readline().strip()))
        time.sleep(rng.uniform(0, 0.02))  # somewhere inside the next save
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        # What it confirmed between our reading and the kill counts too.
        confirmed += [uuid.UUID(line) for line in child.stdout.read().split()]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return confirmed


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX's")
def test_killed_mid_save_the_data_opens_checks_and_holds_every_confirmed_save(
    tmp_path: Path,
) -> None:
    rng = random.Random(14)
    data_dir = tmp_path / "data"
    paths = AppPaths.under(data_dir)
    confirmed: list[uuid.UUID] = []
    lost: list[uuid.UUID] = []
    for run in range(RUNS):
        confirmed += _run_and_kill(data_dir, run, rng)
        key = made_key(paths.database)
        assert key is not None  # encrypted, as every data folder is
        services = open_services(paths, key=key)
        try:
            lost = [pid for pid in confirmed if not _held(services, pid)]
        finally:
            services.close()
        assert lost == [], f"run {run}: {len(lost)} confirmed saves lost"
        assert check_database(paths.database, key) == "ok", f"run {run}"
    print(f"\nkill mid-save: {RUNS} runs, {RUNS} kills, {len(confirmed)} saves confirmed, 0 lost")
    assert len(confirmed) >= RUNS


def _held(services: Services, person_id: uuid.UUID) -> bool:
    try:
        return services.people.get_person(person_id).id == person_id
    except errors.NotFound:
        return False
