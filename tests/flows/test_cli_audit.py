"""``linkworker audit verify`` and ``audit export``, run as in a terminal on a real data folder."""

from __future__ import annotations

import csv
import sqlite3
import stat
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
        for given in ("Ada", "Bea"):
            person = services.people.save_person(PersonDraft(given_name=given, family_name="Quill"))
            services.people.get_person(person.id)
    finally:
        services.close()
    return root


def test_verify_says_how_many_entries_and_that_the_chain_holds(data_dir: Path) -> None:
    result = linkworker(data_dir, "audit", "verify")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "4 entries, chain unbroken."


def test_verify_names_the_first_broken_link(data_dir: Path) -> None:
    with sqlite3.connect(AppPaths.under(data_dir).database) as raw:
        raw.execute("DROP TRIGGER audit_entry_no_delete")
        raw.execute("DELETE FROM audit_entry WHERE id = 2")

    result = linkworker(data_dir, "audit", "verify")

    assert result.returncode == 1
    assert result.stdout.startswith("First broken link at entry #3 (")
    assert "entry #2 is missing" in result.stdout


def test_export_writes_a_private_csv_filtered_and_is_itself_recorded(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "for-the-dpo.csv"

    result = linkworker(data_dir, "audit", "export", "--to", str(target), "--action", "view")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote 2 entries to {target}."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["action"] for row in rows] == ["view", "view"]
    assert {row["via"] for row in rows} == {"window"} and all(row["machine"] for row in rows)
    again = linkworker(data_dir, "audit", "export", "--to", str(target), "--action", "export")
    assert again.stdout.strip() == f"Wrote 1 entry to {target}."
    with target.open(encoding="utf-8-sig", newline="") as stream:
        (recorded,) = list(csv.DictReader(stream))
    assert (recorded["subject"], recorded["via"]) == ("audit trail", "command line")
    assert '"rows":2' in recorded["detail"] and '"what":"view"' in recorded["detail"]
    assert linkworker(data_dir, "audit", "verify").returncode == 0


def test_export_for_one_person_and_days(data_dir: Path, tmp_path: Path) -> None:
    services = open_services(AppPaths.under(data_dir))
    try:
        ada = services.people.caseload().rows[0].id
    finally:
        services.close()
    target = tmp_path / "one.csv"

    result = linkworker(
        data_dir,
        "audit",
        "export",
        "--to",
        str(target),
        "--person",
        str(ada),
        "--from",
        "2000-01-01",
        "--to-date",
        "2999-12-31",
    )

    assert result.returncode == 0, result.stderr
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["person_id"] for row in rows} == {str(ada)}
    assert sorted(row["action"] for row in rows) == ["create", "view"]
