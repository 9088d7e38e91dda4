"""The table of what each role may do, and the words of a refusal."""

from __future__ import annotations

import pytest

from linkworker.domain.permissions import (
    PERMITTED,
    Permission,
    Standing,
    refusal,
    role_of,
    roles_permitted,
)
from linkworker.domain.workers import ROLES

P = Permission


def test_every_role_has_a_row_and_a_manager_may_do_everything() -> None:
    assert set(PERMITTED) == set(ROLES)
    assert PERMITTED["manager"] == frozenset(Permission)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("worker", {P.VIEW_DIRECTORY, P.EDIT_DIRECTORY, P.OWN_CASELOAD}),
        ("directory_editor", {P.VIEW_DIRECTORY, P.EDIT_DIRECTORY}),
        ("read_only", {P.VIEW_DIRECTORY, P.REPORTS}),
    ],
)
def test_what_each_role_may_do(role: str, allowed: set[Permission]) -> None:
    standing = Standing(role_of(role), "Someone", team=True)
    assert {p for p in Permission if standing.may(p)} == allowed


def test_with_nobody_set_up_everything_is_allowed_and_everyone_is_held() -> None:
    alone = Standing()
    assert all(alone.may(p) for p in Permission)
    assert alone.holds("Anyone at all")


def test_signed_out_on_a_team_nothing_is_allowed() -> None:
    nobody = Standing(None, "", team=True)
    assert not any(nobody.may(p) for p in Permission)
    assert refusal(nobody, P.REPORTS).message == (
        "Sign in first: only someone signed in can see the team's reports."
    )


def test_a_link_worker_holds_their_own_people_and_those_waiting() -> None:
    sam = Standing("worker", "Sam O'Kafor", team=True)
    assert sam.holds("sam okafor")  # names compared folded
    assert sam.holds("")
    assert not sam.holds("Jo Bell")
    assert Standing("manager", "Priya", team=True).holds("Jo Bell")
    assert not Standing("read_only", "Rae", team=True).holds("")


def test_an_unknown_stored_role_is_read_only() -> None:
    assert role_of("worker") == "worker"
    assert role_of("superuser") == "read_only"


def test_a_refusal_says_who_may_and_what_to_do() -> None:
    sam = Standing("worker", "Sam", team=True)
    words = refusal(sam, P.HAND_OVER)
    assert words.message == "Only a manager can hand over a caseload."
    assert words.advice == "You are signed in as a link worker. Ask your manager if you need to."
    assert roles_permitted(P.EDIT_DIRECTORY) == ("worker", "manager", "directory_editor")
    assert refusal(Standing("read_only", "Rae", team=True), P.EDIT_DIRECTORY).message == (
        "Only a link worker, a manager or a directory editor can change the directory."
    )
    assert refusal(sam, P.EVERY_CASELOAD).message == (
        "This person is on another link worker's caseload."
    )
