"""The short "When" of every asset worked out again, so a monthly group no longer reads as weekly.

Revision ID: 0006_when_words
Revises: 0005_oruk_exchange
Create Date: 2026-12-06

``asset.when_text`` is derived from the asset's opening times when it is saved.
The rule that words it changed (a slot with a note such as "third Wednesday of
the month" now reads "3rd Wed of month 19:30", not "Wed 19:30"), so the column
is recomputed for every asset from its stored times with the rule as it is now.
Only that derived column changes; nothing a person typed is touched.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.opening_times import summarise_times

revision = "0006_when_words"
down_revision = "0005_oruk_exchange"
branch_labels = None
depends_on = None

_times = sa.table(
    "asset_opening_time",
    sa.column("asset_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
    sa.column("day", sa.Integer()),
    sa.column("starts", sa.Time()),
    sa.column("ends", sa.Time()),
    sa.column("note", sa.Text()),
)
_assets = sa.table("asset", sa.column("id", sa.Uuid()), sa.column("when_text", sa.String()))


def _time(value: object) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def upgrade() -> None:
    connection = op.get_bind()
    slots: dict[object, list[OpeningTime]] = {}
    rows = connection.execute(
        sa.select(_times).order_by(_times.c.asset_id, _times.c.position)
    ).mappings()
    for row in rows:
        slots.setdefault(row["asset_id"], []).append(
            OpeningTime(
                day=None if row["day"] is None else Day(row["day"]),
                starts=_time(row["starts"]),
                ends=_time(row["ends"]),
                note=row["note"] or "",
            )
        )
    changes = [
        {"b_id": asset_id, "v_when": summarise_times(times)} for asset_id, times in slots.items()
    ]
    if changes:
        connection.execute(
            _assets.update()
            .where(_assets.c.id == sa.bindparam("b_id"))
            .values(when_text=sa.bindparam("v_when")),
            changes,
        )


def downgrade() -> None:
    """The words are derived; the older rule's words are not needed to go back."""
