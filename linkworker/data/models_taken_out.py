"""A laptop's record of the day's work it took from the team database (data/subset_copy.py).

Kept apart from :mod:`linkworker.data.models`, whose metadata it shares: that module
imports this one, so the tables are always registered. On a team database and on a
file that was never taken out, both tables are empty.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base


class TakenOutRow(Base):
    """This file holds part of a team database, taken out to work on away from it (one row)."""

    __tablename__ = "taken_out"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: The team database it came from, as a message names it (never with a password).
    source: Mapped[str] = mapped_column(String(300))
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    taken_by: Mapped[str] = mapped_column(String(200), default="")
    #: JSON list of the people's record ids taken.
    people: Mapped[str] = mapped_column(Text, default="[]")
    brought_back_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class TakenOutBase(Base):
    """One row as it was when taken out: what both sides' changes are measured from."""

    __tablename__ = "taken_out_row"

    table_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    row_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    #: The row's checksum (data/copy_database.row_digest) as 64 hex digits.
    digest: Mapped[str] = mapped_column(String(64))
    #: The row's values as they were, as JSON (canonical text), for showing a conflict.
    values: Mapped[str] = mapped_column(Text, default="{}")
