"""The table of SNOMED CT coded events kept for the GP record.

Kept apart from :mod:`linkworker.data.models` (the records themselves), whose metadata
it shares: that module imports this one, so the table is always registered.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, utcnow


class CodedEventRow(Base):
    """One coded event of an episode (CodedEvent in the domain); one per code per episode.

    Derived from the episode (see domain/codes.py) whenever it or its contacts change;
    removed with the episode or the person.
    """

    __tablename__ = "coded_event"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    episode_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("episode.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    #: A SnomedCode value.
    code: Mapped[str] = mapped_column(String(20))
    #: The code's term as it was recorded.
    term: Mapped[str] = mapped_column(String(200))
    on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: The day the worker entered it into the GP system; None until then.
    entered_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("episode_id", "code"),
        Index("ix_coded_event_person_id", "person_id", "on"),
        Index("ix_coded_event_on", "on"),
    )
