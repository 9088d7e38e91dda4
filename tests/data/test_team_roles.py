"""Roles on a team: what each may see and change, hand-overs, and refusals kept in the trail."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from linkworker.domain.directory import AssetDraft
from linkworker.domain.people import CaseloadFilter, PersonDraft
from linkworker.errors import NotPermitted
from linkworker.services.workers import StillHolding
from tests.data.people_helpers import NHS, add_episode, add_person

PIN = {"Priya Shah": "246810", "Sam Okafor": "135790", "Jo Bell": "112233"}
PIN |= {"Dee Marsh": "445566", "Rae Cole": "778899"}


@pytest.fixture
def team(services: Any) -> dict[str, uuid.UUID]:
    """A manager (Priya), two link workers (Sam, Jo), a directory editor and a read-only user;
    Ada on Sam's caseload, Bea on Jo's, Cy with no link worker yet."""
    workers = services.workers
    workers.add_first("Priya Shah", PIN["Priya Shah"])
    workers.add("Sam Okafor", PIN["Sam Okafor"])
    workers.add("Jo Bell", PIN["Jo Bell"])
    workers.add("Dee Marsh", PIN["Dee Marsh"], "directory_editor")
    workers.add("Rae Cole", PIN["Rae Cole"], "read_only")
    people = services.people
    ada = add_person(people, "Ada", "Lovell", nhs_number=NHS[0])
    add_episode(people, ada, link_worker="Sam Okafor")
    bea = add_person(people, "Bea", "Fairlie", nhs_number=NHS[1])
    add_episode(people, bea, link_worker="jo bell")  # typed in another case: still Jo's
    cy = add_person(people, "Cy", "Ogden", nhs_number=NHS[2])
    return {"ada": ada, "bea": bea, "cy": cy}


def as_(services: Any, name: str) -> None:
    assert services.workers.sign_in(name, PIN[name]) is not None


def names(services: Any) -> list[str]:
    return [row.name for row in services.people.caseload(CaseloadFilter()).rows]


def trail(services: Any, sql: str) -> list[tuple[Any, ...]]:
    """Rows of the audit trail, read as another program would, on either database."""
    with services.units.read() as uow:
        return [tuple(row) for row in uow.session.execute(text(sql))]


def refusals(services: Any) -> list[tuple[str, str]]:
    return [
        (str(w), str(s))
        for w, s in trail(
            services,
            "SELECT worker_name, subject FROM audit_entry WHERE action = 'refused' ORDER BY id",
        )
    ]


def test_a_link_worker_sees_their_own_people_and_those_waiting(services: Any, team: Any) -> None:
    as_(services, "Sam Okafor")
    assert names(services) == ["Ada Lovell", "Cy Ogden"]
    assert services.people.get_person(team["ada"]).draft.given_name == "Ada"
    as_(services, "Jo Bell")
    assert names(services) == ["Bea Fairlie", "Cy Ogden"]
    as_(services, "Priya Shah")
    assert names(services) == ["Bea Fairlie", "Ada Lovell", "Cy Ogden"]


def test_opening_someone_elses_person_is_refused_and_kept_in_the_trail(
    services: Any, team: Any
) -> None:
    as_(services, "Sam Okafor")
    with pytest.raises(NotPermitted) as refused:
        services.people.get_person(team["bea"])
    assert refused.value.message == "This person is on another link worker's caseload."
    assert "Bea" not in str(refused.value)
    assert refusals(services) == [("Sam Okafor", "every_caseload")]


def test_changing_someone_elses_person_is_refused_and_nothing_changes(
    services: Any, team: Any
) -> None:
    as_(services, "Priya Shah")
    bea = services.people.get_person(team["bea"])
    as_(services, "Sam Okafor")
    draft = dataclasses.replace(bea.draft, given_name="Beatrice")
    with pytest.raises(NotPermitted):
        services.people.save_person(draft)
    as_(services, "Priya Shah")
    assert services.people.get_person(team["bea"]).draft.given_name == "Bea"
    assert refusals(services)[-1] == ("Sam Okafor", "every_caseload")


def test_a_link_worker_changes_their_own_person(services: Any, team: Any) -> None:
    as_(services, "Sam Okafor")
    ada = services.people.get_person(team["ada"])
    draft = dataclasses.replace(ada.draft, family_name="Lovell-Byron")
    assert services.people.save_person(draft).draft.family_name == "Lovell-Byron"
    who = trail(
        services,
        "SELECT worker_name FROM audit_entry WHERE action = 'change' AND subject = 'person' "
        "ORDER BY id",
    )
    assert who[-1] == ("Sam Okafor",)


def test_a_directory_editor_keeps_the_directory_and_sees_no_one(services: Any, team: Any) -> None:
    as_(services, "Dee Marsh")
    services.directory.save(AssetDraft(name="Knit and natter"))
    assert names(services) == []  # lists are filtered to no one
    assert all(not section.rows for section in services.today.view().sections)
    with pytest.raises(NotPermitted) as refused:
        services.people.get_person(team["cy"])
    assert refused.value.message == (
        "Only a link worker or a manager can open or change people's records."
    )
    assert refusals(services) == [("Dee Marsh", "own_caseload")]


def test_read_only_sees_the_directory_and_changes_nothing(services: Any, team: Any) -> None:
    as_(services, "Rae Cole")
    with pytest.raises(NotPermitted) as refused:
        services.directory.save(AssetDraft(name="Walk and talk"))
    assert refused.value.message.startswith("Only a link worker, a manager or a directory editor")
    assert services.directory.search().total == 0
    with pytest.raises(NotPermitted):
        services.people.save_person(PersonDraft(given_name="Di", family_name="Hart"))
    assert refusals(services)[-2:] == [
        ("Rae Cole", "edit_directory"),
        ("Rae Cole", "own_caseload"),
    ]


def test_only_a_manager_hands_over(services: Any, team: Any) -> None:
    as_(services, "Sam Okafor")
    with pytest.raises(NotPermitted) as refused:
        services.caseloads.hand_over("Sam Okafor", "Jo Bell")
    assert refused.value.message == "Only a manager can hand over a caseload."
    assert refusals(services) == [("Sam Okafor", "hand_over")]


def test_a_manager_hands_a_caseload_over_with_a_note(services: Any, team: Any) -> None:
    as_(services, "Priya Shah")
    result = services.caseloads.hand_over("Sam Okafor", "Jo Bell", note="Sam is on leave")
    assert result.handed == (team["ada"],)
    assert result.words("Sam Okafor", "Jo Bell") == "Handed 1 person from Sam Okafor to Jo Bell."
    ada = services.people.get_person(team["ada"])
    assert ada.episodes[0].draft.link_worker == "Jo Bell"
    (record,) = services.caseloads.history(team["ada"])
    assert (record.from_worker, record.to_worker, record.handed_by, record.note) == (
        "Sam Okafor",
        "Jo Bell",
        "Priya Shah",
        "Sam is on leave",
    )
    as_(services, "Jo Bell")
    assert names(services) == ["Bea Fairlie", "Ada Lovell", "Cy Ogden"]
    as_(services, "Sam Okafor")
    assert names(services) == ["Cy Ogden"]
    noted = trail(
        services,
        "SELECT worker_name, person_id, detail FROM audit_entry WHERE action = 'hand-over' "
        "ORDER BY id",
    )
    assert [(w, p) for w, p, _ in noted] == [("Priya Shah", str(team["ada"]))]
    assert "leave" not in noted[0][2]  # the note is on the record, not in the trail


def test_handing_over_chosen_people_leaves_the_rest(services: Any, team: Any) -> None:
    as_(services, "Priya Shah")
    result = services.caseloads.hand_over("Jo Bell", "Sam Okafor", [team["bea"], team["cy"]])
    assert result.handed == (team["bea"],)
    assert result.not_theirs == (team["cy"],)


def test_a_link_worker_holding_people_is_archived_only_after_a_hand_over(
    services: Any, team: Any
) -> None:
    as_(services, "Priya Shah")
    sam = next(w for w in services.workers.listed() if w.display_name == "Sam Okafor")
    with pytest.raises(StillHolding) as holding:
        services.workers.archive(sam.id)
    assert holding.value.held == 1
    services.caseloads.hand_over("Sam Okafor", "Jo Bell")
    assert services.workers.archive(sam.id).archived


def test_a_manager_changes_a_role_and_it_counts_at_once(services: Any, team: Any) -> None:
    as_(services, "Priya Shah")
    rae = next(w for w in services.workers.listed() if w.display_name == "Rae Cole")
    services.workers.set_role(rae.id, "worker")
    as_(services, "Rae Cole")
    assert names(services) == ["Cy Ogden"]


def test_with_nobody_set_up_to_sign_in_everything_is_allowed(services: Any) -> None:
    ada = add_person(services.people, "Ada", "Lovell", nhs_number=NHS[0])
    add_episode(services.people, ada, link_worker="Sam Okafor")
    assert names(services) == ["Ada Lovell"]
    assert services.people.get_person(ada).draft.given_name == "Ada"
