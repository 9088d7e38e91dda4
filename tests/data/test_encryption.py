"""Encryption at rest on real files: nothing readable, wrong passphrases, conversion, re-keying.

Keys are derived from passphrases as SQLCipher 4 derives them (once a process for each
passphrase and salt); the files are read back byte by byte.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as driver

from linkworker import errors
from linkworker.data import cipher
from linkworker.data.backup_files import backup_files, examine
from linkworker.data.database import open_database
from linkworker.paths import AppPaths
from linkworker.services import encryption
from linkworker.services.backup import restore
from linkworker.services.context import open_services
from linkworker.services.first_look import first_directory_page
from linkworker.services.sample_data import load_sample_drafts
from tests.data.encryption_helpers import (
    add_person,
    fill,
    folder_files,
    people_count,
    readable_in,
)

PASSPHRASE = "correct horse battery"
NEW_PASSPHRASE = "a different passphrase"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "data")


def test_the_derived_key_opens_what_a_passphrase_made_and_the_other_way(tmp_path: Path) -> None:
    """Another SQLCipher 4 tool, given the passphrase, opens our files, and we open theirs."""
    theirs = tmp_path / "theirs.db"
    conn = driver.connect(str(theirs))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('made with the passphrase')")
    conn.commit()
    conn.close()
    key = cipher.derive_key(PASSPHRASE, cipher.file_salt(theirs))
    with cipher.opened(theirs, key) as ours:
        assert ours.execute("SELECT x FROM t").fetchone()[0] == "made with the passphrase"

    made = tmp_path / "ours.db"
    new_key = cipher.derive_key(PASSPHRASE)
    with cipher.opened(made, new_key, read_only=False) as ours:
        ours.execute("CREATE TABLE t (x)")
        ours.execute("INSERT INTO t VALUES ('made with the raw key')")
        ours.commit()
    assert cipher.file_salt(made) == new_key.salt
    conn = driver.connect(str(made))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("SELECT x FROM t").fetchone()[0] == "made with the raw key"
    conn.close()


def test_the_key_is_sqlciphers_own_derivation_and_never_shows() -> None:
    salt = bytes(range(16))
    key = cipher.derive_key(PASSPHRASE, salt)
    raw = hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, 256_000, 32)
    assert key.pragma() == f"\"x'{raw.hex()}{salt.hex()}'\""
    for shown in (repr(key), str(key), f"{key}"):
        assert raw.hex() not in shown and PASSPHRASE not in shown


def test_no_name_or_note_is_readable_in_the_database_its_log_or_its_backups(
    paths: AppPaths,
) -> None:
    key = cipher.derive_key(PASSPHRASE)
    fill(paths, key)
    services = open_services(paths, key=key)  # held open: its -wal file is there
    try:
        add_person(services)
        files = folder_files(paths.data_dir)
        assert paths.database in files and Path(f"{paths.database}-wal") in files
        assert any(p.parent == paths.backups_dir for p in files)
        assert readable_in(*files) == []
    finally:
        services.close()


def test_the_byte_search_finds_the_name_in_a_plain_database(paths: AppPaths) -> None:
    """The search above can fail: in a plain folder it finds the name in every file."""
    fill(paths, None)
    assert paths.database in readable_in(*folder_files(paths.data_dir))
    assert backup_files(paths.backups_dir)[0] in readable_in(*folder_files(paths.data_dir))


def test_a_wrong_passphrase_is_refused_and_the_file_left_byte_for_byte(paths: AppPaths) -> None:
    fill(paths, cipher.derive_key(PASSPHRASE), backup=False)
    before = paths.database.read_bytes()
    wrong = cipher.derive_key("not the passphrase", cipher.file_salt(paths.database))

    with pytest.raises(errors.WrongPassphrase) as caught:
        open_database(paths.database, paths.backups_dir, key=wrong)
    with pytest.raises(errors.WrongPassphrase):
        encryption.unlock(paths, "not the passphrase")

    assert "passphrase" in caught.value.message and caught.value.advice
    assert paths.database.read_bytes() == before
    assert not Path(f"{paths.database}-wal").exists()
    assert people_count(paths, encryption.unlock(paths, PASSPHRASE)) == 1


def test_an_encrypted_file_opened_without_a_key_is_refused_not_replaced(paths: AppPaths) -> None:
    fill(paths, cipher.derive_key(PASSPHRASE), backup=False)
    before = paths.database.read_bytes()
    with pytest.raises(errors.DatabaseCorrupt):
        open_database(paths.database, paths.backups_dir)
    assert paths.database.read_bytes() == before


def test_converting_a_plain_folder_keeps_every_row_and_leaves_nothing_plain(
    paths: AppPaths,
) -> None:
    fill(paths, None)
    with cipher.opened(paths.database, None) as plain:
        counts = cipher.row_counts(plain)
    assert encryption.data_file(paths) is encryption.DataFile.PLAIN

    key = cipher.derive_key(PASSPHRASE)
    assert encryption.encrypt_plain(paths, key) == 1

    assert encryption.data_file(paths) is encryption.DataFile.ENCRYPTED
    with cipher.opened(paths.database, key) as converted:
        assert cipher.row_counts(converted) == counts
    files = folder_files(paths.data_dir)
    assert [p for p in files if cipher.is_plain(p)] == []
    assert readable_in(*files) == []
    assert {p.name for p in paths.data_dir.iterdir()} == {"linkworker.sqlite3", "backups"}
    assert examine(backup_files(paths.backups_dir)[0], key=key).ok
    assert people_count(paths, encryption.unlock(paths, PASSPHRASE)) == 1


def test_changing_the_passphrase_refuses_the_old_one_everywhere(paths: AppPaths) -> None:
    old = cipher.derive_key(PASSPHRASE)
    fill(paths, old)
    new = encryption.new_key(NEW_PASSPHRASE, NEW_PASSPHRASE)

    assert encryption.change_passphrase(paths, old, new) == 1

    with pytest.raises(errors.WrongPassphrase):
        encryption.unlock(paths, PASSPHRASE)
    assert people_count(paths, encryption.unlock(paths, NEW_PASSPHRASE)) == 1
    backup = backup_files(paths.backups_dir)[0]
    with pytest.raises(errors.WrongPassphrase):
        examine(backup, key=cipher.derive_key(PASSPHRASE, cipher.file_salt(backup)))
    assert examine(backup, key=cipher.derive_key(NEW_PASSPHRASE, cipher.file_salt(backup))).ok
    assert readable_in(*folder_files(paths.data_dir)) == []


def test_the_window_changes_the_passphrase_of_open_data(paths: AppPaths) -> None:
    """Through the open services, as the Settings page does: work goes on under the new key."""
    fill(paths, cipher.derive_key(PASSPHRASE))
    services = open_services(paths, key=encryption.unlock(paths, PASSPHRASE))
    try:
        services.change_passphrase(encryption.new_key(NEW_PASSPHRASE))
        add_person(services)
        assert services.people.count() == 2
    finally:
        services.close()
    with pytest.raises(errors.WrongPassphrase):
        encryption.unlock(paths, PASSPHRASE)
    assert people_count(paths, encryption.unlock(paths, NEW_PASSPHRASE)) == 2


def test_a_new_passphrase_must_be_long_enough_and_typed_the_same_twice() -> None:
    with pytest.raises(errors.UserFacingError, match="at least 8"):
        encryption.new_key("short")
    with pytest.raises(errors.UserFacingError, match="not the same"):
        encryption.new_key(NEW_PASSPHRASE, NEW_PASSPHRASE + "x")


@pytest.mark.parametrize("stop", ["exported", "moved", "swapped"])
def test_a_conversion_stopped_part_way_is_finished_at_the_next_open(
    paths: AppPaths, stop: str
) -> None:
    """Each step of the swap done by hand, then the next open: nothing lost, nothing plain."""
    fill(paths, None, backup=False)
    key = cipher.derive_key(PASSPHRASE)
    new = Path(f"{paths.database}{cipher.NEW_SUFFIX}")
    old = Path(f"{paths.database}{cipher.OLD_SUFFIX}")
    cipher.export(paths.database, None, new, key)
    if stop in ("moved", "swapped"):
        paths.database.replace(old)
    if stop == "swapped":
        new.replace(paths.database)

    kind = encryption.data_file(paths)

    assert not new.exists() and not old.exists()
    if stop == "exported":  # the new file was not known to be whole: the plain one stands
        assert kind is encryption.DataFile.PLAIN
        assert people_count(paths, None) == 1
    else:
        assert kind is encryption.DataFile.ENCRYPTED
        assert people_count(paths, encryption.unlock(paths, PASSPHRASE)) == 1
        assert readable_in(*folder_files(paths.data_dir)) == []


def test_a_half_written_new_file_is_removed_and_the_plain_one_kept(paths: AppPaths) -> None:
    fill(paths, None, backup=False)
    new = Path(f"{paths.database}{cipher.NEW_SUFFIX}")
    new.write_bytes(os.urandom(4096))

    db = open_database(paths.database, paths.backups_dir)
    db.dispose()

    assert not new.exists()
    assert people_count(paths, None) == 1
    assert readable_in(paths.database) == [paths.database]  # still the plain file


def test_a_backup_from_before_encryption_is_encrypted_as_it_is_restored(
    paths: AppPaths, tmp_path: Path
) -> None:
    old = AppPaths.under(tmp_path / "old")
    fill(old, None)
    plain_backup = backup_files(old.backups_dir)[0]
    fill(paths, cipher.derive_key(PASSPHRASE), backup=False)
    key = encryption.unlock(paths, PASSPHRASE)

    restore(plain_backup, paths.database, paths.backups_dir, key)

    assert encryption.data_file(paths) is encryption.DataFile.ENCRYPTED
    assert people_count(paths, encryption.unlock(paths, PASSPHRASE)) == 1
    assert readable_in(paths.database) == []


def test_a_backup_left_half_converted_is_finished_at_the_next_start(paths: AppPaths) -> None:
    fill(paths, None)
    backup = backup_files(paths.backups_dir)[0]
    key = cipher.derive_key(PASSPHRASE)
    new = Path(f"{backup}{cipher.NEW_SUFFIX}")
    cipher.export(backup, None, new, key)
    backup.replace(Path(f"{backup}{cipher.OLD_SUFFIX}"))  # stopped here
    cipher.convert_file(paths.database, None, key)

    encryption.data_file(paths)

    assert sorted(paths.backups_dir.iterdir()) == [backup]
    assert readable_in(*folder_files(paths.data_dir)) == []
    assert examine(backup, key=key).ok


def test_the_first_look_reads_an_encrypted_file_with_its_key_and_nothing_without(
    paths: AppPaths,
) -> None:
    key = cipher.derive_key(PASSPHRASE)
    services = open_services(paths, key=key)
    try:
        services.directory.add_many(load_sample_drafts()[:30])
    finally:
        services.close()
    before = paths.database.read_bytes()

    found = first_directory_page(paths, 10, key)
    wrong = cipher.derive_key("not the passphrase", key.salt)

    assert found is not None and len(found[0].rows) == 10 and found[0].total == 30
    assert first_directory_page(paths, 10, wrong) is None
    assert first_directory_page(paths, 10) is None
    assert paths.database.read_bytes() == before


def test_the_key_is_derived_once_for_a_whole_session(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unlock, open, first look, save, back up, reopen: one PBKDF2 run in all."""
    fill(paths, cipher.derive_key(PASSPHRASE), backup=False)
    cipher._derive.cache_clear()
    runs: list[int] = []
    real = hashlib.pbkdf2_hmac

    def counted(*args: Any, **kwargs: Any) -> bytes:
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counted)

    key = encryption.unlock(paths, PASSPHRASE)
    first_directory_page(paths, 10, key)
    for _ in range(2):
        services = open_services(paths, key=encryption.unlock(paths, PASSPHRASE))
        try:
            add_person(services)
            services.backups.backup_now()
            assert services.people.count() >= 2
        finally:
            services.close()

    assert len(runs) == 1
