"""Two people saving the same record: detecting it with both versions, and saving a merge.

A service that finds the version it was given is no longer the stored one calls
:func:`refuse_stale` with both versions; the window shows them side by side
(ui/merge_dialog.py), and saves the chosen result inside :func:`merging`, so that the
write that saves it is noted in the audit trail as a merge (which fields from whom).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any

from linkworker.data.unit_of_work import Merge
from linkworker.data.unit_of_work import merging as merging_unit
from linkworker.domain.conflicts import Choice, Conflict, EditConflict, conflict, merge_detail


def refuse_stale(
    what: str,
    table: str,
    record_id: uuid.UUID,
    stored_version: int,
    theirs: Any,
    mine: Any,
    person_id: uuid.UUID | None = None,
) -> EditConflict:
    """The error to raise when ``mine`` was edited from a version older than the stored one."""
    found = conflict(what, table, record_id, stored_version, theirs, mine, person_id=person_id)
    return EditConflict(found)


def merging(found: Conflict, choices: Mapping[str, Choice]) -> AbstractContextManager[None]:
    """Save the merged record inside this block: the save is noted as a merge."""
    detail = tuple(merge_detail(found, choices).items())
    return merging_unit(Merge(found.table, found.record_id, found.person_id, detail))
