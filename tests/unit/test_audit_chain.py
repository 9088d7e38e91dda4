"""The audit trail's chain: sealed entries verify, and every kind of tampering is found."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker.domain.actor import Actor
from linkworker.domain.audit import (
    GENESIS,
    NEVER_KEPT,
    VALUES_KEPT,
    AuditEntry,
    EntryDraft,
    check_chain,
    entry_hash,
    seal,
    value_kept,
    verify,
)

BY = Actor(worker_id=uuid.UUID(int=3), worker_name="Sam Link", machine="desk-7", via="window")
AT = "2026-12-07T09:30:00.000Z"


def chain(n: int) -> list[AuditEntry]:
    drafts = [EntryDraft("view", "person", person_id=f"p{i}") for i in range(n)]
    return seal(drafts, after_id=0, after_hash=GENESIS, at=AT, by=BY)


def test_a_sealed_chain_verifies_and_links_each_entry_to_the_one_before() -> None:
    entries = chain(5)

    assert verify(entries) is None
    assert check_chain(entries).entries == 5
    assert entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert [e.id for e in entries] == [1, 2, 3, 4, 5]
    assert all(e.hash == entry_hash(e) for e in entries)


def test_sealing_further_entries_continues_the_chain() -> None:
    first = chain(2)
    more = seal(
        [EntryDraft("print", "my_plan")], after_id=2, after_hash=first[-1].hash, at=AT, by=BY
    )

    assert verify([*first, *more]) is None


def _changed(field: str, value: object) -> Callable[[list[AuditEntry]], list[AuditEntry]]:
    def tamper(entries: list[AuditEntry]) -> list[AuditEntry]:
        entries[2] = dataclasses.replace(entries[2], **{field: value})
        return entries

    return tamper


def _deleted(entries: list[AuditEntry]) -> list[AuditEntry]:
    del entries[2]
    return entries


def _swapped(entries: list[AuditEntry]) -> list[AuditEntry]:
    entries[2], entries[3] = entries[3], entries[2]
    return entries


def _inserted(entries: list[AuditEntry]) -> list[AuditEntry]:
    (forged,) = seal([EntryDraft("view")], after_id=2, after_hash=entries[1].hash, at=AT, by=BY)
    return [*entries[:2], forged, *entries[2:]]


def _renumbered(entries: list[AuditEntry]) -> list[AuditEntry]:
    """A row removed and the rest renumbered, each hash resealed over its own content."""
    rest = [dataclasses.replace(e, id=e.id - 1) for e in entries[3:]]
    rest = [dataclasses.replace(e, hash=entry_hash(e)) for e in rest]
    return [*entries[:2], *rest]


@pytest.mark.parametrize(
    ("tamper", "broken_at"),
    [
        (_changed("action", "print"), 3),
        (_changed("worker_name", "Someone Else"), 3),
        (_changed("at", "2026-12-08T09:30:00.000Z"), 3),
        (_changed("detail", '{"rows":1}'), 3),
        (_changed("hash", "f" * 64), 3),
        (_deleted, 4),
        (_swapped, 4),
        (_inserted, 3),
        (_renumbered, 3),
    ],
)
def test_every_kind_of_tampering_is_found_at_its_entry(
    tamper: Callable[[list[AuditEntry]], list[AuditEntry]], broken_at: int
) -> None:
    broken = verify(tamper(chain(6)))

    assert broken is not None
    assert broken.entry_id == broken_at


@given(
    n=st.integers(min_value=1, max_value=12),
    data=st.data(),
    field=st.sampled_from(["action", "subject", "record_key", "person_id", "detail", "machine"]),
)
def test_any_changed_field_of_any_entry_breaks_the_chain_there(
    n: int, data: st.DataObject, field: str
) -> None:
    entries = chain(n)
    where = data.draw(st.integers(min_value=0, max_value=n - 1))
    value = data.draw(st.text(max_size=20).filter(lambda v: v != getattr(entries[where], field)))
    entries[where] = dataclasses.replace(entries[where], **{field: value})

    broken = verify(entries)

    assert broken is not None
    assert broken.entry_id == where + 1


def test_the_values_kept_and_those_never_kept_are_apart() -> None:
    for table, kept in VALUES_KEPT.items():
        assert not kept & NEVER_KEPT.get(table, frozenset()), table
    assert not value_kept("person", "given_name")
    assert not value_kept("episode", "closing_note")
    assert value_kept("episode", "status")
    assert not value_kept("unknown_table", "status")
