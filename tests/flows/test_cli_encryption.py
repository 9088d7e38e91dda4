"""The passphrase on the command line, ``db encrypt`` and ``db change-passphrase``, run as in a
terminal: each command in its own process. Invented people only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linkworker.data import cipher
from linkworker.paths import AppPaths
from linkworker.services import encryption
from tests.conftest import TEST_PASSPHRASE
from tests.data.encryption_helpers import NAME, fill, folder_files, readable_in

NEW_PASSPHRASE = "the new passphrase"


def linkworker(
    data_dir: Path, *argv: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linkworker", *argv, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def _without_passphrase() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "LINKWORKER_PASSPHRASE"}


def test_a_new_folder_is_encrypted_under_the_passphrase_from_the_environment(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lw"
    made = linkworker(root, "people", "list")
    assert made.returncode == 0, made.stderr
    paths = AppPaths.under(root)
    assert encryption.data_file(paths) is encryption.DataFile.ENCRYPTED

    wrong = linkworker(root, "people", "list", env={"LINKWORKER_PASSPHRASE": "not this one"})
    assert wrong.returncode == 2
    assert "passphrase does not open" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_the_passphrase_file_is_read_and_no_terminal_means_a_clear_refusal(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lw"
    fill(AppPaths.under(root), encryption.new_key(TEST_PASSPHRASE))
    secret = tmp_path / "passphrase.txt"
    secret.write_text(TEST_PASSPHRASE + "\n", encoding="utf-8")
    bare = _without_passphrase()

    listed = subprocess.run(
        [sys.executable, "-m", "linkworker", "people", "list", "--data-dir", str(root),
         "--passphrase-file", str(secret)],
        capture_output=True, text=True, timeout=120, check=False, env=bare,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert NAME.split(" ")[1] in listed.stdout

    asked = subprocess.run(
        [sys.executable, "-m", "linkworker", "people", "list", "--data-dir", str(root)],
        capture_output=True, text=True, timeout=120, check=False, env=bare,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert asked.returncode == 2
    assert "LINKWORKER_PASSPHRASE" in asked.stderr


def test_db_encrypt_converts_a_plain_folder_and_its_backups(tmp_path: Path) -> None:
    root = tmp_path / "lw"
    paths = AppPaths.under(root)
    fill(paths, None)
    assert paths.database in readable_in(*folder_files(root))

    done = linkworker(root, "db", "encrypt")

    assert done.returncode == 0, done.stderr
    assert "1 backup" in done.stdout
    assert readable_in(*folder_files(root)) == []
    listed = linkworker(root, "people", "list")
    assert NAME.split(" ")[1] in listed.stdout
    checked = linkworker(root, "db", "check")
    assert checked.returncode == 0 and ": ok" in checked.stdout


def test_db_change_passphrase_then_only_the_new_one_opens_the_data_and_backups(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lw"
    paths = AppPaths.under(root)
    fill(paths, encryption.new_key(TEST_PASSPHRASE))
    backup = next(paths.backups_dir.iterdir())

    changed = linkworker(
        root, "db", "change-passphrase", env={"LINKWORKER_NEW_PASSPHRASE": NEW_PASSPHRASE}
    )

    assert changed.returncode == 0, changed.stderr
    old = linkworker(root, "people", "list")
    assert old.returncode == 2 and "passphrase does not open" in old.stderr
    new = {"LINKWORKER_PASSPHRASE": NEW_PASSPHRASE}
    assert NAME.split(" ")[1] in linkworker(root, "people", "list", env=new).stdout
    restored = linkworker(root, "backup", "restore", str(backup), env=new)
    assert restored.returncode == 0, restored.stderr
    refused = linkworker(root, "backup", "restore", str(backup))
    assert refused.returncode == 1 and "passphrase does not open" in refused.stderr


# The conversion's steps, run in a process killed (SIGKILL) after the step named.
_KILLED_CONVERSION = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from linkworker.data import cipher

    path, stop = Path(sys.argv[1]), sys.argv[2]
    key = cipher.derive_key(sys.argv[3])
    new = Path(f"{path}{cipher.NEW_SUFFIX}")
    cipher.export(path, None, new, key)
    if stop != "exported":
        path.replace(Path(f"{path}{cipher.OLD_SUFFIX}"))
        if stop == "swapped":
            new.replace(path)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("stop", ["exported", "moved", "swapped"])
def test_a_conversion_killed_part_way_loses_nothing(tmp_path: Path, stop: str) -> None:
    root = tmp_path / "lw"
    paths = AppPaths.under(root)
    fill(paths, None, backup=False)

    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_CONVERSION, str(paths.database), stop, TEST_PASSPHRASE],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr

    listed = linkworker(root, "people", "list")
    assert listed.returncode == 0, listed.stderr
    assert NAME.split(" ")[1] in listed.stdout
    left = {p.name for p in root.iterdir() if p.is_file()}
    assert left == {"linkworker.sqlite3"} | (
        {"linkworker.sqlite3-wal", "linkworker.sqlite3-shm"} & left
    )
    encrypted = encryption.data_file(paths) is encryption.DataFile.ENCRYPTED
    assert encrypted == (stop != "exported")
    if encrypted:
        assert readable_in(*folder_files(root)) == []
        assert cipher.file_salt(paths.database) != b"SQLite format 3\x00"
