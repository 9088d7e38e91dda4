"""Bad data files met by a real process: each is refused with a clear message, never changed,
never taken for a new database; and two processes writing at once lose nothing.

The data folder is encrypted, as every folder is; each case is run as a link worker would,
``linkworker ... people list`` in a process of its own.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from linkworker.domain.audit import AuditFilter
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.encryption import unlock
from tests.conftest import TEST_PASSPHRASE
from tests.flows.cli_process import linkworker

ROOT = Path(__file__).resolve().parents[2]


def _folder(tmp_path: Path) -> AppPaths:
    """An encrypted data folder holding one (invented) person and one good backup."""
    paths = AppPaths.under(tmp_path / "data")
    services = open_services(paths, key=unlock(paths, TEST_PASSPHRASE))
    services.people.save_person(PersonDraft(given_name="Testfirst", family_name="Example"))
    services.backups.backup_now()
    services.close()
    for leftover in ("-wal", "-shm"):
        assert not Path(f"{paths.database}{leftover}").exists()
    return paths


def _truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _corrupt(db: Path) -> None:
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = os.urandom(4096)
    db.write_bytes(bytes(data))


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _foreign(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('scones')")


def _newer(db: Path) -> None:
    from linkworker.data import cipher

    key = cipher.derive_key(TEST_PASSPHRASE, cipher.file_salt(db))
    with cipher.opened(db, key, read_only=False) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


CASES: dict[str, tuple[Callable[[Path], None], dict[str, str], str]] = {
    "truncated": (_truncate, {}, "damaged"),
    "corrupted": (_corrupt, {}, "damaged"),
    "zero-length": (_empty, {}, "is empty (0 bytes)"),
    "foreign": (_foreign, {}, "another program's database"),
    "newer": (_newer, {}, "newer version of Link Worker"),
    "wrong passphrase": (
        lambda db: None,
        {"LINKWORKER_PASSPHRASE": "not the passphrase"},
        ("passphrase does not open"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_plainly_and_left_exactly_as_it_was(
    tmp_path: Path, case: str
) -> None:
    spoil, env, said = CASES[case]
    paths = _folder(tmp_path)
    spoil(paths.database)
    before = paths.database.read_bytes()
    backups_before = sorted(p.name for p in paths.backups_dir.iterdir())

    found = linkworker(paths.data_dir, "people", "list", env=env)

    assert found.returncode == 2, found.stdout + found.stderr
    assert said in found.stderr
    assert "has not been changed" in found.stderr
    assert "Traceback" not in found.stderr and "Testfirst" not in found.stderr
    assert paths.database.read_bytes() == before
    assert not Path(f"{paths.database}-wal").exists()
    assert sorted(p.name for p in paths.backups_dir.iterdir()) == backups_before


@pytest.mark.parametrize("case", ["truncated", "corrupted", "zero-length"])
def test_a_damaged_file_is_offered_the_newest_good_backup(tmp_path: Path, case: str) -> None:
    spoil = CASES[case][0]
    paths = _folder(tmp_path)
    spoil(paths.database)
    found = linkworker(paths.data_dir, "people", "list")
    assert "linkworker backup restore" in found.stderr, found.stderr
    assert str(paths.backups_dir) in found.stderr


_WRITER = """
import os, sys
from pathlib import Path
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.encryption import unlock
paths = AppPaths.under(Path(sys.argv[1]))
services = open_services(paths, key=unlock(paths, os.environ["LINKWORKER_PASSPHRASE"]))
for n in range(int(sys.argv[3])):
    services.people.save_person(PersonDraft(given_name=sys.argv[2], family_name=f"Writer{n}"))
services.close()
print("done")
"""


def test_two_processes_writing_at_once_both_finish_and_lose_nothing(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    each = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(paths.data_dir), name, str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for name in ("Alpha", "Beta")
    ]
    outcomes = [writer.communicate(timeout=240) for writer in writers]
    for writer, (out, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err[-2000:]
        assert out.strip() == "done"
    services = open_services(paths, key=unlock(paths, TEST_PASSPHRASE))
    try:
        assert services.people.count() == 1 + 2 * each
        created = services.audit.page(AuditFilter(action="create"), limit=1000)
        assert sum(1 for entry in created if entry.subject == "person") == 1 + 2 * each
        assert services.audit.verify().unbroken
    finally:
        services.close()
