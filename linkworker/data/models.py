"""SQLAlchemy 2.x models: the community asset directory, people and autosaved drafts.

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
    false,
    text,
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
    #: Digest of what the source last said, so a refresh can tell "unchanged" cheaply.
    source_hash: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    #: The source's own last_modified for the record, when it gives one.
    source_modified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: When the source stopped listing it (it was archived then); None while listed.
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Set when a link worker merged it into another listing; refreshes then leave it alone.
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    #: True once someone in the team checked it (imports then keep their date and name).
    verified_locally: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
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


class DirectorySource(Base):
    """A directory feed or file imported before, with what its last import did."""

    __tablename__ = "directory_source"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    #: What assets carry in ``asset.source``: the feed address or the name given to a file.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(30), default="")
    location: Mapped[str] = mapped_column(String(1000), default="")
    #: When the last import that finished began (a feed refresh asks for changes since then).
    last_started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    left_out: Mapped[int] = mapped_column(Integer, default=0)


class AssetDuplicate(Base):
    """Two listings that look like the same thing, flagged for someone to merge or keep apart."""

    __tablename__ = "asset_duplicate"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), index=True
    )
    other_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(200), default="")
    found_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: "merged" or "different" once someone has looked.
    resolution: Mapped[str] = mapped_column(String(20), default="")


# People, their referrals and conversations ----------------------------------
#
# Lists a person's record holds (access needs, interests, strengths, referral
# reasons, a conversation's answers and crisis plan) are stored as JSON text:
# they are always read and written whole with their row, their order matters
# (the person's own order), nobody queries people by them (matching reads a
# person's interests, then searches the directory), and JSON text behaves the
# same on SQLite and PostgreSQL. Important people are real child rows: each has
# several fields and a position, and may be shown or contacted on their own.


class Person(Timestamped, Base):
    """Someone on the caseload, with a summary of their newest referral for the People table."""

    __tablename__ = "person"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    given_name: Mapped[str] = mapped_column(String(100), default="")
    family_name: Mapped[str] = mapped_column(String(100), default="")
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: Ten digits, or NULL when not known. A unique index allows any number of
    #: NULLs on SQLite and PostgreSQL alike, so no partial index is needed.
    nhs_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    #: Normalised ("CH65 4AB"), or NULL when there is none.
    postcode: Mapped[str | None] = mapped_column(String(10))
    no_fixed_address: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    preferred_contact: Mapped[str | None] = mapped_column(String(20))
    contact_times: Mapped[str] = mapped_column(String(300), default="")
    gender: Mapped[str] = mapped_column(String(100), default="")
    ethnicity: Mapped[str] = mapped_column(String(100), default="")
    first_language: Mapped[str] = mapped_column(String(100), default="")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Whether they can take part in English; NULL when not asked.
    speaks_english: Mapped[bool | None] = mapped_column(Boolean)
    interpreter_language: Mapped[str] = mapped_column(String(100), server_default=text("''"))
    #: Needs as a spreadsheet wrote them (migration 0016); see NeedsAsWritten.
    access_as_written: Mapped[str] = mapped_column(Text, server_default=text("''"))
    languages_as_written: Mapped[str] = mapped_column(Text, server_default=text("''"))
    free_times_as_written: Mapped[str] = mapped_column(Text, server_default=text("''"))
    cost_as_written: Mapped[str] = mapped_column(Text, server_default=text("''"))
    needs_to_confirm: Mapped[bool] = mapped_column(Boolean, server_default=false())
    #: JSON list of AccessNeed values, in the order given.
    access_needs: Mapped[str] = mapped_column(Text, default="[]")
    is_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    is_cared_for: Mapped[bool] = mapped_column(Boolean, default=False)
    what_matters: Mapped[str] = mapped_column(Text, default="")
    #: JSON lists of tags in the person's order.
    interests: Mapped[str] = mapped_column(Text, default="[]")
    strengths: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The GP practice they are registered with ("" when not recorded; migration 0013).
    gp_practice_name: Mapped[str] = mapped_column(String(200), server_default=text("''"))
    gp_practice_address: Mapped[str] = mapped_column(Text, server_default=text("''"))
    gp_practice_postcode: Mapped[str] = mapped_column(String(10), server_default=text("''"))
    gp_practice_ods: Mapped[str] = mapped_column(String(10), server_default=text("''"))

    # Kept by the people service for a fast caseload; never typed by anyone.
    #: "family, given" lower-cased and accent-folded: the name sort.
    sort_name: Mapped[str] = mapped_column(String(210), default="")
    #: The words of every name, lower-cased and accent-folded, space separated;
    #: its words are indexed one per row in person_search_word.
    search_name: Mapped[str] = mapped_column(String(400), default="")
    #: The postcode in capitals without spaces ("CH654AB") for prefix search.
    postcode_key: Mapped[str | None] = mapped_column(String(8))
    #: Status, link worker and next contact of the newest referral (NULL/"" without one).
    status: Mapped[str | None] = mapped_column(String(20))
    link_worker: Mapped[str] = mapped_column(String(200), default="")
    next_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    #: The date of the latest conversation in any referral.
    last_contact_on: Mapped[dt.date | None] = mapped_column(Date)

    important_people: Mapped[list[ImportantPersonRow]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by="ImportantPersonRow.position",
    )

    # One index per sort of the People table: the sort column, then the name and
    # the id so that a page is a straight walk along the index in either direction.
    # The NHS number and postcode searches read (sort name, id) of their matches
    # from their own index alone, then sort just those.
    __table_args__ = (
        Index("ix_person_sort_name", "sort_name", "id"),
        Index("ix_person_nhs_number", "nhs_number", "sort_name", "id"),
        Index("ix_person_postcode_key", "postcode_key", "sort_name", "id"),
        Index("ix_person_postcode", "postcode", "sort_name", "id"),
        Index("ix_person_status", "status", "sort_name", "id"),
        Index("ix_person_link_worker", "link_worker", "sort_name", "id"),
        Index("ix_person_last_contact_on", "last_contact_on", "sort_name", "id"),
        Index("ix_person_next_contact_on", "next_contact_on", "sort_name", "id"),
        # Today: people in an open episode by their last contact (migration 0008).
        Index("ix_person_status_last_contact_on", "status", "last_contact_on"),
    )
    __mapper_args__ = {"version_id_col": version}


class PersonSearchWord(Base):
    """One word of a person's names, for prefix search on any of them (an inverted index).

    The person's sort and search names ride along, so that a search reads its
    matches in name order, and checks any further words typed, from this table
    alone (on SQLite it is stored as its own key, WITHOUT ROWID). The people
    service rewrites a person's rows whenever their names change.
    """

    __tablename__ = "person_search_word"

    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    sort_name: Mapped[str] = mapped_column(String(210), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    search_name: Mapped[str] = mapped_column(String(400), default="")

    __table_args__ = {"sqlite_with_rowid": False}


class ImportantPersonRow(Base):
    """Someone on the person's side (ImportantPerson in the domain)."""

    __tablename__ = "important_person"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: Who they are to the person ("daughter", "neighbour"); the column is "relationship".
    relation: Mapped[str] = mapped_column("relationship", String(100), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    may_contact: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="important_people")


class Episode(Timestamped, Base):
    """One referral: an episode of support from referral to closing."""

    __tablename__ = "episode"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    referral_date: Mapped[dt.date] = mapped_column(Date)
    referred_by: Mapped[str] = mapped_column(String(20), default="gp")
    referrer_name: Mapped[str] = mapped_column(String(200), default="")
    #: JSON list of reasons in the order given.
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    reason_notes: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(20), default="routine")
    consent_to_hold_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_hold_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_to_hold_recorded_by: Mapped[str] = mapped_column(String(200), default="")
    consent_share_gp_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share_gp_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_share_gp_recorded_by: Mapped[str] = mapped_column(String(200), default="")
    consent_share_providers_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share_providers_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_share_providers_recorded_by: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    link_worker: Mapped[str] = mapped_column(String(200), default="")
    next_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closing_reason: Mapped[str | None] = mapped_column(String(20))
    closing_note: Mapped[str] = mapped_column(Text, default="")
    #: A ReferralResponse value (accepted, declined, not taken up), NULL until answered.
    response: Mapped[str | None] = mapped_column(String(20))
    responded_on: Mapped[dt.date | None] = mapped_column(Date)
    declined_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    #: The day of the first contact; with referral_date, the wait is kept.
    first_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    #: The person's story at the close, and their answer about sharing it (a StoryConsent).
    story: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    story_consent: Mapped[str | None] = mapped_column(String(20))
    story_consent_on: Mapped[dt.date | None] = mapped_column(Date)
    story_recorded_by: Mapped[str] = mapped_column(
        String(200), default="", server_default=text("''")
    )

    #: A person's referrals newest first, and the newest one for the caseload summary;
    #: Today's open episodes by next contact and by referral date (migration 0008).
    __table_args__ = (
        Index("ix_episode_person_id", "person_id", "referral_date"),
        # Both carry what Today's sections read of an open episode, so it is read from them.
        Index(
            "ix_episode_open_next_contact", "status", "link_worker", "next_contact_on", "person_id"
        ),
        Index(
            "ix_episode_open_referral_date",
            "status",
            "link_worker",
            "referral_date",
            "person_id",
            "id",
        ),
    )
    __mapper_args__ = {"version_id_col": version}


class Conversation(Timestamped, Base):
    """One contact with the person within a referral."""

    __tablename__ = "conversation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    episode_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("episode.id", ondelete="CASCADE"))
    #: Local wall-clock time, as the link worker gave it.
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20), default="follow_up")
    mode: Mapped[str] = mapped_column(String(20), default="face_to_face")
    place: Mapped[str] = mapped_column(String(300), default="")
    minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: JSON list of [prompt key, the person's words] pairs, in order.
    answers: Mapped[str] = mapped_column(Text, default="[]")
    #: JSON object (must_change, steps, check_back_on) for a crisis, else NULL.
    crisis: Mapped[str | None] = mapped_column(Text)
    #: A crisis plan's check-back day, copied out of ``crisis`` so Today can find it by index.
    check_back_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (
        Index("ix_conversation_episode_id", "episode_id", "at"),
        #: The Activity report's conversations in a period by kind and mode (migration 0018).
        Index("ix_conversation_at", "at", "kind", "mode"),
        #: Today's crisis check-backs: an episode's crisis plans only (migration 0008).
        Index(
            "ix_conversation_check_back",
            "episode_id",
            "check_back_on",
            "at",
            sqlite_where=text("check_back_on IS NOT NULL"),
            postgresql_where=text("check_back_on IS NOT NULL"),
        ),
    )
    __mapper_args__ = {"version_id_col": version}


class Contact(Timestamped, Base):
    """A contact booked with the person, and what happened (ContactDetail in the domain).

    ``starts_at`` is local UK wall-clock time. ``person_id`` is the episode's
    person, kept here too so that Today reads a day's contacts by one index.
    """

    __tablename__ = "contact"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    episode_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("episode.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    #: A ContactPlace value.
    place: Mapped[str] = mapped_column(String(20), default="practice")
    asset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("asset.id", ondelete="SET NULL"), index=True
    )
    place_name: Mapped[str] = mapped_column(String(300), default="")
    #: A ContactOutcome value; "booked" until what happened is recorded.
    outcome: Mapped[str] = mapped_column(String(20), default="booked")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    link_worker: Mapped[str] = mapped_column(String(200), default="")
    booked_by: Mapped[str] = mapped_column(String(200), default="")
    #: When it was first booked for, once it has been moved.
    moved_from: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_contact_outcome_starts_at", "outcome", "starts_at"),
        Index("ix_contact_person_id", "person_id", "starts_at"),
        #: The Activity report's contacts in a period by place and outcome (migration 0018).
        Index("ix_contact_starts_at", "starts_at", "place", "outcome"),
    )
    __mapper_args__ = {"version_id_col": version}


class PersonFlag(Base):
    """A risk flag on a person (RiskFlag in the domain); removed, never deleted."""

    __tablename__ = "person_flag"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    #: A RiskFlagKind value.
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    raised_by: Mapped[str] = mapped_column(String(200), default="")
    raised_on: Mapped[dt.date] = mapped_column(Date)
    removed_on: Mapped[dt.date | None] = mapped_column(Date)
    removed_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Draft(Base):
    """Unfinished typing, autosaved every few seconds so that a crash loses nothing."""

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    #: JSON object: whatever the form needs to put itself back.
    payload: Mapped[str] = mapped_column(Text, default="{}")
    #: Local time of the last save.
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


# The plan: goals, confidence ratings and the community assets chosen together -----
#
# A plan belongs to one referral (episode). A goal's steps are JSON text, read and
# written whole with the goal in the person's order. Confidence ratings and an
# asset referral's status changes are rows of their own: they are history, only
# ever added to, and shown as a series.


class Goal(Timestamped, Base):
    """A goal in the person's own words."""

    __tablename__ = "goal"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    episode_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("episode.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    words: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    #: JSON list of steps: {what, who, who_name, by, done, done_on}.
    steps: Mapped[str] = mapped_column(Text, default="[]")

    ratings: Mapped[list[GoalRating]] = relationship(
        cascade="all, delete-orphan", order_by="(GoalRating.rated_on, GoalRating.created_at)"
    )

    __mapper_args__ = {"version_id_col": version}


class GoalRating(Base):
    """How confident the person felt about a goal on a day (0-10)."""

    __tablename__ = "goal_rating"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    goal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("goal.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    rated_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    #: The Outcomes report's goals rated in a period (migration 0018).
    __table_args__ = (Index("ix_goal_rating_rated_on", "rated_on", "goal_id"),)


class AssetReferral(Timestamped, Base):
    """A community asset chosen together, and where it has got to.

    ``asset_name`` keeps the name the asset had when it was chosen, so the plan
    stays readable even if the directory is later replaced (``asset_id`` then
    becomes NULL).
    """

    __tablename__ = "asset_referral"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    episode_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("episode.id", ondelete="CASCADE"), index=True
    )
    asset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("asset.id", ondelete="SET NULL"), index=True
    )
    asset_name: Mapped[str] = mapped_column(String(200), default="")
    goal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    status_on: Mapped[dt.date | None] = mapped_column(Date)
    getting_there: Mapped[str] = mapped_column(Text, default="")
    going_with_someone: Mapped[bool] = mapped_column(Boolean, default=False)
    going_with: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    changes: Mapped[list[AssetReferralChange]] = relationship(
        cascade="all, delete-orphan",
        order_by="(AssetReferralChange.changed_on, AssetReferralChange.created_at)",
    )

    #: Today's places with no news: an open episode's referrals by status and its day (0008).
    __table_args__ = (
        Index("ix_asset_referral_episode_status", "episode_id", "status", "status_on"),
    )
    __mapper_args__ = {"version_id_col": version}


class AssetReferralChange(Base):
    """One dated change of an asset referral's status."""

    __tablename__ = "asset_referral_change"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset_referral.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    #: Community connections (migration 0018): a place's history read from the index
    #: alone, and the places changed in a period found by their day.
    __table_args__ = (
        Index(
            "ix_asset_referral_change_history", "referral_id", "changed_on", "created_at", "status"
        ),
        Index("ix_asset_referral_change_changed_on", "changed_on", "status", "referral_id"),
    )


# Matching: what suits a person, what was pinned or set aside, and where postcodes are ---


class MatchPreference(Base):
    """What suits a person (MatchPreferences in the domain), one row per person."""

    __tablename__ = "match_preference"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    #: JSON list of "day:part" pairs, e.g. ["1:morning", "3:afternoon"] (0 = Monday).
    free_times: Mapped[str] = mapped_column(Text, default="[]")
    cost_limit: Mapped[str | None] = mapped_column(String(20))
    join_preference: Mapped[str | None] = mapped_column(String(20))
    travel: Mapped[str | None] = mapped_column(String(20))
    #: JSON list of category names.
    avoid_categories: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MatchMark(Base):
    """An asset pinned for a person, or set aside for them with a reason."""

    __tablename__ = "match_mark"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Set when dismissed ("not for them"); NULL when not.
    dismissed_on: Mapped[dt.date | None] = mapped_column(Date)
    dismissed_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PostcodePoint(Base):
    """Where a postcode is (a lookup table a team loads, e.g. from the ONS Postcode Directory)."""

    __tablename__ = "postcode_point"

    #: Capitals without spaces ("CH652AB").
    postcode_key: Mapped[str] = mapped_column(String(8), primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


# Documents printed or saved for a person --------------------------------------------


class DocumentLogRow(Base):
    """One document printed or saved for a person (DocumentRecord in the domain).

    Only ever added to: it is the answer to "what did we give them, and when?".
    """

    __tablename__ = "document_log"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    #: A DocumentKind value, e.g. "my_plan".
    kind: Mapped[str] = mapped_column(String(30))
    #: A DocumentAction value: "printed" or "saved".
    action: Mapped[str] = mapped_column(String(20))
    #: Local wall-clock time, as the link worker saw it.
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    #: The print options in plain words ("large print, easy read"); "" for standard.
    options: Mapped[str] = mapped_column(String(200), default="")
    #: For a referral, the place it went to.
    detail: Mapped[str] = mapped_column(String(300), default="")

    #: A person's documents newest first.
    __table_args__ = (Index("ix_document_log_person_id", "person_id", "at"),)


# Who may open the data and what they did there (linkworker/data/models_access.py), the
# coded events kept for the GP record (models_codes.py), outcome measures
# (models_outcomes.py), people's helper roles (models_giving_back.py), the team's
# taxonomy mapping (models_taxonomy.py) and referrals that came with no date
# (models_undated.py). Imported last, so their tables join this metadata whoever imports
# the models first.
from linkworker.data import (  # noqa: E402,F401
    models_access,
    models_codes,
    models_giving_back,
    models_outcomes,
    models_taken_out,
    models_taxonomy,
    models_undated,
)
