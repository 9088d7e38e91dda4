"""Backups you can trust, on real files: refusing what is not ours, restoring, checking.

Invented people only.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from linkworker import errors
from linkworker.data.database import open_database
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.backup import check_database, list_backups, restore
from linkworker.services.context import Services, open_services


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save_person(services: Services, given: str) -> uuid.UUID:
    detail = services.people.save_person(PersonDraft(given_name=given, family_name="Pennant"))
    return detail.id


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "lw")


def _foreign(path: Path) -> None:
    """Another program's SQLite database, in rollback-journal mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO recipes (title) VALUES ('Leek soup')")
        conn.commit()


# Files that are not ours are refused and left alone -------------------------


def test_another_programs_database_is_refused_and_left_byte_for_byte(paths: AppPaths) -> None:
    _foreign(paths.database)
    before = _digest(paths.database)

    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_database(paths.database, paths.backups_dir)

    assert "another program" in caught.value.message
    assert "not been changed" in caught.value.advice
    assert _digest(paths.database) == before
    with closing(sqlite3.connect(paths.database)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert tables == ["recipes"]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_the_refusal_offers_the_newest_good_backup_by_name(paths: AppPaths) -> None:
    services = open_services(paths)
    try:
        _save_person(services, "Ada")
        older = services.backups.backup_now("daily")
        newer = services.backups.backup_now()
    finally:
        services.close()
    newer.write_bytes(b"")  # the newest file is no good: the one before is offered
    paths.database.write_bytes(b"")

    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_database(paths.database, paths.backups_dir)

    assert "empty" in caught.value.message
    assert str(older) in caught.value.advice
    assert paths.database.read_bytes() == b""


# Restore ---------------------------------------------------------------------


def test_restoring_a_good_backup_brings_back_a_saved_person_and_keeps_a_safety_copy(
    paths: AppPaths,
) -> None:
    services = open_services(paths)
    try:
        kept = _save_person(services, "Ada")
        backup = services.backups.backup_now()
        later = _save_person(services, "Grace")
    finally:
        services.close()
    replaced = _digest(paths.database)

    done = restore(backup, paths.database, paths.backups_dir)

    assert done.safety_copy is not None and done.safety_copy.exists()
    assert _digest(done.safety_copy) == replaced
    services = open_services(paths)
    try:
        assert services.people.get_person(kept).draft.given_name == "Ada"
        with pytest.raises(errors.NotFound):
            services.people.get_person(later)
    finally:
        services.close()
    assert [b.kind for b in list_backups(paths.backups_dir)].count("safety copy") == 1
    if os.name == "posix":  # the copies hold the same people as the database: private too
        assert stat.S_IMODE(done.safety_copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_backup_to_a_folder_the_user_chose_is_private_but_the_folder_keeps_its_mode(
    paths: AppPaths, tmp_path: Path
) -> None:
    stick = tmp_path / "usb-stick"
    stick.mkdir(mode=0o755)
    stick.chmod(0o755)
    services = open_services(paths)
    try:
        copy = services.backups.backup_now(to=stick)
    finally:
        services.close()
    assert copy.parent == stick
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(stick.stat().st_mode) == 0o755


@pytest.mark.parametrize("spoil", ["truncated", "foreign", "zero-length", "newer"])
def test_a_bad_backup_is_refused_and_nothing_changes(
    paths: AppPaths, tmp_path: Path, spoil: str
) -> None:
    services = open_services(paths)
    try:
        _save_person(services, "Ada")
        backup = services.backups.backup_now()
    finally:
        services.close()
    bad = tmp_path / "bad.sqlite3"
    if spoil == "truncated":
        bad.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    elif spoil == "foreign":
        _foreign(bad)
    elif spoil == "zero-length":
        bad.touch()
    else:
        bad.write_bytes(backup.read_bytes())
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'zzzz_future'")
            conn.commit()
    folder_before = sorted(p.name for p in paths.backups_dir.iterdir())
    database_before = _digest(paths.database)
    bad_before = _digest(bad)

    with pytest.raises(errors.UserFacingError) as caught:
        restore(bad, paths.database, paths.backups_dir)

    assert "not been changed" in caught.value.message
    assert _digest(paths.database) == database_before
    assert _digest(bad) == bad_before
    assert sorted(p.name for p in paths.backups_dir.iterdir()) == folder_before


# Full check --------------------------------------------------------------------


def test_the_full_check_says_ok_or_what_is_wrong(paths: AppPaths) -> None:
    services = open_services(paths)
    try:
        _save_person(services, "Ada")
    finally:
        services.close()
    assert check_database(paths.database) == "ok"

    with closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='person'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(paths.database.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + 64] = bytes(56)  # the table's first page, its cells scrambled
    paths.database.write_bytes(bytes(data))

    answer = check_database(paths.database)
    assert answer != "ok"
    assert answer


def test_restore_is_refused_while_the_database_is_open(paths: AppPaths) -> None:
    services = open_services(paths)
    try:
        _save_person(services, "Ada")
        backup = services.backups.backup_now()
        _save_person(services, "Grace")
        before = _digest(paths.database)

        with pytest.raises(errors.DatabaseLocked) as caught:
            restore(backup, paths.database, paths.backups_dir)

        assert "in use" in caught.value.message
        assert _digest(paths.database) == before
        assert [b.kind for b in list_backups(paths.backups_dir)] == ["manual"]
    finally:
        services.close()


def test_listing_backups_while_one_is_made_or_pruned_in_the_background(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start-up backup runs beside the Settings page's listing: a file that appears or
    goes between two looks at the folder must not break the list."""
    from linkworker.data import backup_files

    services = open_services(paths)
    try:
        kept = services.backups.backup_now()
        pruned = services.backups.backup_now("start")
    finally:
        services.close()
    listed_once = backup_files.rota_kinds

    def meanwhile(folder: Path, *args: object) -> dict[Path, str]:
        kinds = listed_once(folder)
        pruned.unlink()  # pruned by the background task just after the folder was listed
        (folder / "linkworker-20990101-000000-start.sqlite3").write_bytes(kept.read_bytes())
        return kinds

    monkeypatch.setattr(backup_files, "rota_kinds", meanwhile)
    found = list_backups(paths.backups_dir)
    assert [b.path for b in found] == [kept]
    assert found[0].kind == "manual"
