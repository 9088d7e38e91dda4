"""Two people saving the same record: two Services on one real SQLite file, two sessions."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from linkworker.domain.audit_words import describe
from linkworker.domain.conflicts import MINE, THEIRS, EditConflict, resolved
from linkworker.domain.directory import AssetDraft
from linkworker.paths import AppPaths
from linkworker.services.conflicts import merging
from linkworker.services.context import Services, open_services
from tests.data.people_helpers import NHS, add_person


@pytest.fixture
def two(app_paths: AppPaths) -> Iterator[tuple[Services, Services]]:
    """Two running copies of the app over the same data file."""
    first = open_services(app_paths)
    second = open_services(app_paths)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def audit_rows(app_paths: AppPaths, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    with sqlite3.connect(app_paths.database) as conn:
        rows = conn.execute(
            "SELECT subject, person_id, detail FROM audit_entry WHERE action = ? ORDER BY id",
            (action,),
        ).fetchall()
    return [(s, p, json.loads(d)) for s, p, d in rows]


def test_a_stale_person_save_carries_both_versions(two: Any, app_paths: AppPaths) -> None:
    mine_app, their_app = two
    person_id = add_person(mine_app.people, "Ada", "Lovell", nhs_number=NHS[0], postcode="CH65 4AB")
    opened = mine_app.people.get_person(person_id)  # I open the record
    theirs = their_app.people.get_person(person_id)  # so do they
    their_app.people.save_person(dataclasses.replace(theirs.draft, phone="01234 567890"))
    mine = dataclasses.replace(opened.draft, family_name="Lovell-Byron")
    with pytest.raises(EditConflict) as raised:
        mine_app.people.save_person(mine)
    found = raised.value.conflict
    assert "Ada" not in str(raised.value)
    assert [(d.name, d.theirs, d.mine) for d in found.differences] == [
        ("family_name", "Lovell", "Lovell-Byron"),
        ("phone", "01234 567890", ""),
    ]
    assert found.theirs_version == opened.version + 1
    # Nothing of mine was saved over theirs.
    assert their_app.people.get_person(person_id).draft.phone == "01234 567890"

    choices = {"family_name": MINE, "phone": THEIRS}
    with merging(found, choices):
        saved = mine_app.people.save_person(resolved(found, choices))
    assert (saved.draft.family_name, saved.draft.phone) == ("Lovell-Byron", "01234 567890")
    (merge,) = audit_rows(app_paths, "merge-edits")
    assert describe("merge-edits", "person", json.dumps(merge[2])) == (
        "Saved two versions of the person's record, merged: kept their own: family name; "
        "took the other: phone"
    )
    assert merge == (
        "person",
        str(person_id),
        {"kept_mine": "family_name", "took_theirs": "phone"},
    )


def test_a_stale_listing_save_is_merged_field_by_field(two: Any, app_paths: AppPaths) -> None:
    mine_app, their_app = two
    listing = mine_app.directory.save(AssetDraft(name="Knit and natter", description="Wool"))
    opened = mine_app.directory.get(listing.id)
    theirs = their_app.directory.get(listing.id)
    their_app.directory.save(dataclasses.replace(theirs.draft, description="Wool provided"))
    mine = dataclasses.replace(opened.draft, name="Knit and natter club")
    with pytest.raises(EditConflict) as raised:
        mine_app.directory.save(mine)
    found = raised.value.conflict
    assert [d.name for d in found.differences] == ["name", "description"]
    take_all = found.choices(THEIRS)
    with merging(found, take_all):
        saved = mine_app.directory.save(resolved(found, take_all))
    assert (saved.draft.name, saved.draft.description) == ("Knit and natter", "Wool provided")
    assert audit_rows(app_paths, "merge-edits")[-1][2] == {
        "kept_mine": "",
        "took_theirs": "name,description",
    }


def test_a_merge_met_by_a_third_save_is_a_conflict_again(two: Any) -> None:
    mine_app, their_app = two
    person_id = add_person(mine_app.people, "Bea", "Fairlie", nhs_number=NHS[1])
    opened = mine_app.people.get_person(person_id)
    their_app.people.save_person(
        dataclasses.replace(their_app.people.get_person(person_id).draft, phone="0151 000 0000")
    )
    with pytest.raises(EditConflict) as first:
        mine_app.people.save_person(dataclasses.replace(opened.draft, postcode="CH65 4AB"))
    their_app.people.save_person(
        dataclasses.replace(their_app.people.get_person(person_id).draft, phone="0151 111 1111")
    )
    merged = resolved(first.value.conflict, first.value.conflict.choices(MINE))
    with pytest.raises(EditConflict):
        mine_app.people.save_person(merged)  # saved against a version now stale too
