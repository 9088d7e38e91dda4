"""``db copy-to-team URL``, in a process of its own, as whoever sets up the team database would."""

from __future__ import annotations

from pathlib import Path

from cli_process import linkworker

from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.data.people_helpers import NHS


def _folder_with_two_people(root: Path) -> Path:
    services = open_services(AppPaths.under(root))
    try:
        for i, name in enumerate(("Tegen", "Morwenna")):
            services.people.save_person(
                PersonDraft(given_name=name, family_name="Pascoe", nhs_number=NHS[i])
            )
    finally:
        services.close()
    return root


def test_the_copy_is_checked_and_reported_table_by_table(tmp_path: Path) -> None:
    data = _folder_with_two_people(tmp_path / "data")
    team = tmp_path / "team.db"
    run = linkworker(data, "db", "copy-to-team", f"sqlite:///{team}")
    assert run.returncode == 0, run.stderr
    assert "each table's count and checksum the same on both sides" in run.stdout
    assert "  person " in run.stdout
    (person_line,) = [line for line in run.stdout.splitlines() if line.split()[:1] == ["person"]]
    assert person_line.split()[-1] == "2"
    assert "The data file is kept as it was" in run.stdout
    # The names never reach the terminal.
    assert "Pascoe" not in run.stdout + run.stderr


def test_an_address_that_is_not_a_database_is_refused_plainly(tmp_path: Path) -> None:
    data = _folder_with_two_people(tmp_path / "data")
    run = linkworker(data, "db", "copy-to-team", "db.example.nhs.uk/linkworker")
    assert run.returncode != 0
    assert "not the address of a database" in run.stderr
    assert "postgresql://USER@HOST:PORT/DATABASE" in run.stderr


def test_copying_twice_into_the_same_database_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    data = _folder_with_two_people(tmp_path / "data")
    team = tmp_path / "team.db"
    assert linkworker(data, "db", "copy-to-team", f"sqlite:///{team}").returncode == 0
    size = team.stat().st_size
    again = linkworker(data, "db", "copy-to-team", f"sqlite:///{team}")
    assert again.returncode != 0
    assert "already holds records" in again.stderr
    assert team.stat().st_size == size
