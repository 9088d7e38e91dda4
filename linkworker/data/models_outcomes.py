"""The table of outcome measures taken with a person (see domain/outcomes.py).

Kept apart from :mod:`linkworker.data.models`, whose metadata it shares: that module
imports this one, so the table is always registered.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, utcnow


class OutcomeMeasureRow(Base):
    """One measure taken on a day at a timepoint within a referral (OutcomeRecord).

    The answers are one JSON list rather than a column per item: the measures have
    different numbers of items (four, three, one, none), an answer may be a score, a
    choice's words, "declined" or "not asked", and a measure is always read and written
    whole. It also means the audit trail sees one field, ``answers``, whose values it
    never keeps.
    """

    __tablename__ = "outcome_measure"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    #: Kept beside the episode so a person's measures are read with one index.
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    episode_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("episode.id", ondelete="CASCADE"))
    #: A Measure value: ons4, ucla3, lonely, connection, other.
    measure: Mapped[str] = mapped_column(String(20))
    #: A Timepoint value: baseline, review, closing.
    timepoint: Mapped[str] = mapped_column(String(20))
    taken_on: Mapped[dt.date] = mapped_column(Date)
    #: JSON list, one answer per item: a whole number, a choice, "declined" or "not asked".
    answers: Mapped[str] = mapped_column(Text, default="[]")
    #: For an other measure: its name, its score as written, and notes.
    name: Mapped[str] = mapped_column(String(200), default="")
    score: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    #: A person's measures in the order taken.
    __table_args__ = (
        Index("ix_outcome_measure_person_id", "person_id", "taken_on"),
        Index("ix_outcome_measure_episode_id", "episode_id"),
        #: The Outcomes report's later measures in a period (migration 0018).
        Index("ix_outcome_measure_taken_on", "taken_on", "measure", "timepoint", "episode_id"),
    )
