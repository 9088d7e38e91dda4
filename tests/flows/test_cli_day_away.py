"""``day take-out`` and ``day bring-back``, each in a process of its own, as a link worker
going to a hub with no connection would run them (the team database here is a data folder).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path

from cli_process import linkworker

from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from tests.conftest import open_folder
from tests.data.people_helpers import NHS


def _team(root: Path) -> tuple[Path, list[uuid.UUID]]:
    services = open_folder(AppPaths.under(root))
    try:
        ids = [
            services.people.save_person(
                PersonDraft(given_name=name, family_name="Pascoe", nhs_number=NHS[i])
            ).id
            for i, name in enumerate(("Tegen", "Morwenna", "Jago"))
        ]
    finally:
        services.close()
    return root, ids


def _rename(root: Path, person_id: uuid.UUID, given: str) -> None:
    services = open_folder(AppPaths.under(root))
    try:
        detail = services.people.get_person(person_id)
        services.people.save_person(
            dataclasses.replace(
                detail.draft, id=person_id, version=detail.version, given_name=given
            )
        )
    finally:
        services.close()


def _given(root: Path, person_id: uuid.UUID) -> str:
    services = open_folder(AppPaths.under(root))
    try:
        return services.people.get_person(person_id).draft.given_name
    finally:
        services.close()


def test_a_day_taken_out_and_brought_back(tmp_path: Path) -> None:
    team, (tegen, morwenna, jago) = _team(tmp_path / "team")
    laptop = tmp_path / "laptop"
    out = linkworker(
        team, "day", "take-out", "--to", str(laptop), "--person", NHS[0], "--person", NHS[1]
    )
    assert out.returncode == 0, out.stderr
    assert "Took out 2 people and the directory" in out.stdout
    assert "encrypted" in out.stdout
    assert "Pascoe" not in out.stdout + out.stderr

    _rename(laptop, tegen, "Tegan")
    back = linkworker(team, "day", "bring-back", str(laptop))
    assert back.returncode == 0, back.stderr
    assert "Brought back: 0 added, 1 changed, 0 removed" in back.stdout
    assert _given(team, tegen) == "Tegan"
    assert _given(team, jago) == "Jago"

    again = linkworker(team, "day", "bring-back", str(laptop))
    assert again.returncode == 1
    assert "brought back already" in again.stderr
    del morwenna


def test_a_record_changed_on_both_sides_is_shown_and_kept_until_chosen(tmp_path: Path) -> None:
    team, (tegen, morwenna, _jago) = _team(tmp_path / "team")
    laptop = tmp_path / "laptop"
    taken = linkworker(
        team, "day", "take-out", "--to", str(laptop), "--person", NHS[0], "--person", NHS[1]
    )
    assert taken.returncode == 0, taken.stderr
    _rename(laptop, tegen, "Mine")
    _rename(team, tegen, "Theirs")
    _rename(laptop, morwenna, "Only mine")

    shown = linkworker(team, "day", "bring-back", str(laptop))
    assert shown.returncode == 1
    assert "1 record was changed both here and in the team database" in shown.stdout
    (line,) = [ln for ln in shown.stdout.splitlines() if ln.strip().startswith("given_name")]
    assert "here: Mine" in line and "team: Theirs" in line
    assert (_given(team, tegen), _given(team, morwenna)) == ("Theirs", "Morwenna")

    kept = linkworker(team, "day", "bring-back", str(laptop), "--keep", "theirs")
    assert kept.returncode == 0, kept.stderr
    assert "1 changed on both sides (kept theirs)" in kept.stdout
    assert (_given(team, tegen), _given(team, morwenna)) == ("Theirs", "Only mine")
    # Search finds each by the name kept, not by the one set aside.
    for name, expected in (("Mine", {morwenna}), ("Theirs", {tegen}), ("Tegen", set())):
        found = linkworker(team, "people", "list", "--search", name, "--json")
        assert found.returncode == 0, found.stderr
        ids = {uuid.UUID(r["id"]) for r in json.loads(found.stdout)["results"]}
        assert ids == expected, name


def test_no_one_named_is_refused(tmp_path: Path) -> None:
    team, _ = _team(tmp_path / "team")
    run = linkworker(team, "day", "take-out", "--to", str(tmp_path / "laptop"))
    assert run.returncode == 1
    assert "No one was named" in run.stderr
