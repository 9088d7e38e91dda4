"""SQLAlchemy 2.x models for the community asset directory.

Keys are UUIDs so records can later be merged between machines. Times are
stored in UTC. Assets are archived (soft deleted), never removed by the app.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


asset_category = Table(
    "asset_category",
    Base.metadata,
    Column("asset_id", Uuid, ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", Uuid, ForeignKey("category.id", ondelete="CASCADE"), primary_key=True),
)

asset_tag = Table(
    "asset_tag",
    Base.metadata,
    Column("asset_id", Uuid, ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Uuid, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class Organisation(Timestamped, Base):
    __tablename__ = "organisation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), index=True, unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")

    assets: Mapped[list[Asset]] = relationship(back_populates="organisation")


class Category(Base):
    __tablename__ = "category"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Asset(Timestamped, Base):
    """A community asset (a 'service' in Open Referral terms)."""

    __tablename__ = "asset"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[str] = mapped_column(String(20), default="free")
    cost_note: Mapped[str] = mapped_column(String(500), default="")
    join_mode: Mapped[str] = mapped_column(String(20), default="drop_in")
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    eligibility: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    capacity_note: Mapped[str] = mapped_column(String(500), default="")
    waiting_list: Mapped[bool] = mapped_column(Boolean, default=False)
    website: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    last_verified_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    verified_by: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: First postcode district of its locations, kept for filtering and sorting.
    district: Mapped[str] = mapped_column(String(8), default="", index=True)
    #: The rowid of this asset's row in the full-text table asset_search (SQLite).
    search_rowid: Mapped[int | None] = mapped_column(Integer)
    #: Category names joined with "; ", kept for the table and its sorting.
    category_text: Mapped[str] = mapped_column(String(500), default="")
    #: Plain summary of opening times for the table, e.g. "Tue 10:00, Thu 14:00".
    when_text: Mapped[str] = mapped_column(String(300), default="")
    #: Bit mask of the weekdays it runs (bit 0 = Monday) for the day filter.
    day_mask: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(200), default="")
    source_id: Mapped[str] = mapped_column(String(200), default="", index=True)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)

    organisation: Mapped[Organisation | None] = relationship(back_populates="assets")
    categories: Mapped[list[Category]] = relationship(secondary=asset_category)
    tags: Mapped[list[Tag]] = relationship(secondary=asset_tag)
    locations: Mapped[list[AssetLocation]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetLocation.position"
    )
    opening_times: Mapped[list[AssetOpeningTime]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetOpeningTime.position"
    )
    contacts: Mapped[list[AssetContact]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetContact.position"
    )
    accessibility: Mapped[list[AssetAccessibility]] = relationship(cascade="all, delete-orphan")
    languages: Mapped[list[AssetLanguage]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_asset_search_rowid", "search_rowid", "archived_at"),)
    __mapper_args__ = {"version_id_col": version}


class AssetLocation(Base):
    __tablename__ = "asset_location"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="", index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    asset: Mapped[Asset] = relationship(back_populates="locations")


class AssetOpeningTime(Base):
    __tablename__ = "asset_opening_time"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    day: Mapped[int | None] = mapped_column(Integer)
    starts: Mapped[dt.time | None] = mapped_column(Time)
    ends: Mapped[dt.time | None] = mapped_column(Time)
    note: Mapped[str] = mapped_column(String(300), default="")

    asset: Mapped[Asset] = relationship(back_populates="opening_times")


class AssetContact(Base):
    __tablename__ = "asset_contact"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    asset: Mapped[Asset] = relationship(back_populates="contacts")


class AssetAccessibility(Base):
    __tablename__ = "asset_accessibility"

    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True
    )
    feature: Mapped[str] = mapped_column(String(50), primary_key=True)


class AssetLanguage(Base):
    __tablename__ = "asset_language"

    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(50), primary_key=True)
