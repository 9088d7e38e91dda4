"""The table of referrals that came in with no date (UndatedReferral in domain/people.py).

Kept apart from :mod:`linkworker.data.models`, whose metadata it shares: that module
imports this one, so the table is always registered.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, Timestamped


class UndatedReferralRow(Timestamped, Base):
    """A referral from a spreadsheet row with reasons but no date, kept as written.

    An episode needs its referral date, and none is ever invented: the row waits
    here until the link worker gives the date, then becomes an episode and goes.
    Removed with the person.
    """

    __tablename__ = "undated_referral"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    referred_by: Mapped[str] = mapped_column(String(20), default="gp")
    referrer_name: Mapped[str] = mapped_column(String(200), default="")
    #: JSON list of reasons in the order written.
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    reason_notes: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(20), default="routine")
    link_worker: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_undated_referral_person_id", "person_id"),)
