"""A row of the directory's list as the database holds it, and the summary the list shows.

Kept free of SQLAlchemy: the repository (:mod:`linkworker.data.directory_repo`) and
the first look at start-up (:mod:`linkworker.data.first_look`, which reads SQLite
directly) both build their summaries here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from linkworker.domain.directory import AssetStatus, AssetSummary, Cost, JoinMode

#: How the asset table joins its category names into one column.
CATEGORY_SEPARATOR = "; "


def asset_summary(row: Sequence[Any]) -> AssetSummary:
    """A summary from the list's columns: id, name, organisation, categories, cost, way to
    join, status, district, when, last checked, archived. Ids and dates may come as values
    (through SQLAlchemy) or as SQLite's text (read directly)."""
    asset_id, verified = row[0], row[9]
    return AssetSummary(
        id=uuid.UUID(asset_id) if isinstance(asset_id, str) else asset_id,
        name=row[1],
        organisation=row[2] or "",
        categories=tuple(c for c in (row[3] or "").split(CATEGORY_SEPARATOR) if c),
        cost=Cost(row[4]),
        join_mode=JoinMode(row[5]),
        status=AssetStatus(row[6]),
        district=row[7] or "",
        when=row[8] or "",
        last_verified_on=dt.date.fromisoformat(verified) if isinstance(verified, str) else verified,
        archived=row[10] is not None,
    )
