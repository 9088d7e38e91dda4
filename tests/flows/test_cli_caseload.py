"""``linkworker caseload handover`` and ``--as``: a manager hands a caseload over at the
command line; anyone else, or nobody signed in, is refused with a message and nothing changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from linkworker.app import main
from linkworker.domain.people import CaseloadFilter
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from tests.data.people_helpers import NHS, add_episode, add_person


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "team"
    services = open_services(AppPaths.under(folder))
    try:
        services.workers.add_first("Priya Shah", "246810")
        services.workers.add("Sam Okafor", "135790")
        services.workers.add("Jo Bell", "112233")
        for n, given in enumerate(("Ada", "Bea")):
            person = add_person(services.people, given, "Lovell", nhs_number=NHS[n])
            add_episode(services.people, person, link_worker="Sam Okafor")
    finally:
        services.close()
    return folder


def held(folder: Path) -> list[str]:
    services: Services = open_services(AppPaths.under(folder))
    try:
        services.workers.sign_in("Priya Shah", "246810")
        rows = services.people.caseload(CaseloadFilter()).rows
        return [f"{r.name}: {r.link_worker}" for r in rows]
    finally:
        services.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hand_over(capsys: pytest.CaptureFixture[str], team: Path, *extra: str) -> tuple[int, str, str]:
    """``caseload handover --from "Sam Okafor" --to "Jo Bell"`` with ``extra`` options."""
    command = ("caseload", "handover", "--from", "Sam Okafor", "--to", "Jo Bell")
    return run(capsys, *command, *extra, "--data-dir", str(team))


def test_a_manager_hands_over_at_the_command_line(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINKWORKER_PIN", "246810")
    code, out, err = hand_over(capsys, team, "--note", "Sam is on leave", "--as", "Priya Shah")
    assert (code, err) == (0, "")
    assert out == "Handed 2 people from Sam Okafor to Jo Bell.\n"
    assert held(team) == ["Ada Lovell: Jo Bell", "Bea Lovell: Jo Bell"]


def test_chosen_people_only(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINKWORKER_WORKER", "Priya Shah")
    monkeypatch.setenv("LINKWORKER_PIN", "246810")
    code, out, _err = hand_over(capsys, team, "--person", NHS[1])
    assert (code, out) == (0, "Handed 1 person from Sam Okafor to Jo Bell.\n")
    assert held(team) == ["Ada Lovell: Sam Okafor", "Bea Lovell: Jo Bell"]


def test_a_link_worker_is_refused_and_nothing_changes(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINKWORKER_PIN", "135790")
    code, _out, err = hand_over(capsys, team, "--as", "Sam Okafor")
    assert code == 1
    assert err == (
        "linkworker: Only a manager can hand over a caseload.\n"
        "You are signed in as a link worker. Ask your manager if you need to.\n"
    )
    assert held(team) == ["Ada Lovell: Sam Okafor", "Bea Lovell: Sam Okafor"]


def test_nobody_signed_in_is_told_to_sign_in(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = hand_over(capsys, team)
    assert code == 1
    assert "Sign in first: only someone signed in can hand over a caseload." in err


def test_a_wrong_pin_is_refused(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINKWORKER_PIN", "000000")
    code, _out, err = run(capsys, "today", "--as", "Priya Shah", "--data-dir", str(team))
    assert code == 1
    assert "That name and PIN do not match anyone who can sign in here." in err
