"""Two people saving the same record: detecting it with both versions, and saving a merge.

A service checks the version it was given against the stored one with
:func:`check_version`, which raises with both versions when they differ; the window
shows them side by side (ui/merge_dialog.py), and saves the chosen result inside
:func:`merging`, so the write that saves it is noted in the audit trail as a merge
(which fields from whom).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from linkworker.data.unit_of_work import Merge
from linkworker.data.unit_of_work import merging as merging_unit
from linkworker.domain.conflicts import Choice, Conflict, EditConflict, conflict, merge_detail


def check_version(
    what: str,
    row: Any,
    mine: Any,
    theirs: Callable[[], Any],
    person_id: uuid.UUID | None = None,
) -> None:
    """Raise :class:`EditConflict` when ``mine`` (a draft with a ``version``) was edited from
    an older version of ``row`` (a stored record) than the one stored now.

    ``theirs`` gives the stored record as a draft of the same kind (read only when needed);
    ``what`` names the record as a sentence starts ("This referral"), never by a person's name.
    A draft with no version saves over whatever is stored (the user chose to).
    """
    if mine.version is None or row.version == mine.version:
        return
    table = str(getattr(row, "__tablename__", ""))
    found = conflict(what, table, row.id, row.version, theirs(), mine, person_id=person_id)
    raise EditConflict(found)


def merging(found: Conflict, choices: Mapping[str, Choice]) -> AbstractContextManager[None]:
    """Save the merged record inside this block: the save is noted as a merge."""
    detail = tuple(merge_detail(found, choices).items())
    return merging_unit(Merge(found.table, found.record_id, found.person_id, detail))
