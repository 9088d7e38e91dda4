"""``linkworker backup create|list|restore`` and ``db check``, run as in a terminal.

Each command runs in its own process, as a link worker would run it. Invented people only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.flows.cli_process import linkworker


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "lw-data"
    services = open_services(AppPaths.under(root))
    try:
        services.people.save_person(PersonDraft(given_name="Ada", family_name="Pennant"))
    finally:
        services.close()
    return root


def test_create_list_and_restore_bring_back_what_was_saved(data_dir: Path, tmp_path: Path) -> None:
    made = linkworker(data_dir, "backup", "create")
    assert made.returncode == 0, made.stderr
    assert "checked" in made.stdout
    away = linkworker(data_dir, "backup", "create", "--to", str(tmp_path / "stick"))
    assert away.returncode == 0, away.stderr
    (copy,) = (tmp_path / "stick").glob("linkworker-*.sqlite3")

    listed = linkworker(data_dir, "backup", "list")
    assert listed.returncode == 0
    assert "manual" in listed.stdout and "1 backup in" in listed.stdout

    services = open_services(AppPaths.under(data_dir))
    try:
        services.people.save_person(PersonDraft(given_name="Grace", family_name="Pennant"))
    finally:
        services.close()
    restored = linkworker(data_dir, "backup", "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "safety copy" not in restored.stdout and "kept at" in restored.stdout

    people = linkworker(data_dir, "people", "list")
    assert "Ada" in people.stdout and "Grace" not in people.stdout
    assert "safety copy" in linkworker(data_dir, "backup", "list").stdout


def test_a_foreign_file_is_refused_by_restore_and_db_check_reports_it(
    data_dir: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "other.sqlite3"
    foreign.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    database = data_dir / "linkworker.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()

    refused = linkworker(data_dir, "backup", "restore", str(foreign))

    assert refused.returncode == 1
    assert "not a sound backup" in refused.stderr and "not been changed" in refused.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    checked = linkworker(data_dir, "db", "check")
    assert checked.returncode == 0 and "ok" in checked.stdout

    database.write_bytes(b"")
    empty = linkworker(data_dir, "db", "check")
    assert empty.returncode == 1 and "not an SQLite database" in empty.stdout
    opened = linkworker(data_dir, "people", "list")
    assert opened.returncode == 2 and "empty" in opened.stderr
    assert database.read_bytes() == b""
