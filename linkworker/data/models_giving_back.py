"""The table of helper roles: people supported who now support others (domain/closing.py).

Kept apart from :mod:`linkworker.data.models`, whose metadata it shares: that module
imports this one, so the table is always registered.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, utcnow


class GivingBackRow(Base):
    """One helper role of a person (GivingBack): volunteer, peer supporter, group organiser.

    The place is a directory asset when it is one (``asset_id``, cleared if the asset is
    deleted) and always its name as written then (``place_name``), so the record still
    says where when the directory changes. Removed with the person; recorded at the
    close of a referral (``episode_id``), which may later go without taking the role.
    """

    __tablename__ = "giving_back"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    episode_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("episode.id", ondelete="SET NULL")
    )
    #: A HelperRole value: volunteer, peer_supporter, group_organiser.
    role: Mapped[str] = mapped_column(String(20))
    asset_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("asset.id", ondelete="SET NULL"))
    place_name: Mapped[str] = mapped_column(String(300), default="")
    #: The day the role began.
    started_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    #: A person's roles in the order they began.
    __table_args__ = (Index("ix_giving_back_person_id", "person_id", "started_on"),)
