"""The tables of who may open the data and what they did there: workers and the audit trail.

Kept apart from :mod:`linkworker.data.models` (the records themselves), whose metadata
they share: that module imports this one, so the tables are always registered.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, utcnow

# Workers who sign in ---------------------------------------------------------------


class WorkerRow(Base):
    """A worker who signs in (Worker in the domain); archived when they leave, never deleted.

    ``secret_hash`` is a slow hash of their PIN or passphrase (see domain/workers.py),
    never the secret itself.
    """

    __tablename__ = "worker"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    #: The name people know them by, as typed.
    display_name: Mapped[str] = mapped_column(String(100))
    #: The name folded for matching at sign-in (domain.workers.name_key).
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    #: "worker", "manager", "directory_editor" or "read_only" (domain.permissions).
    role: Mapped[str] = mapped_column(String(20), default="worker")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_signed_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# Hand-overs ---------------------------------------------------------------------------


class HandoverRow(Base):
    """One person handed from one link worker to another by a manager, with their note.

    Part of the person's record (erased with it); the audit trail notes the hand-over
    without the note.
    """

    __tablename__ = "handover"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    from_worker: Mapped[str] = mapped_column(String(200), default="")
    to_worker: Mapped[str] = mapped_column(String(200), default="")
    #: The manager who did it.
    handed_by: Mapped[str] = mapped_column(String(200), default="")
    handed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


# The audit trail ----------------------------------------------------------------------


class AuditEntryRow(Base):
    """One entry of the audit trail (AuditEntry in the domain); only ever added to.

    No foreign keys: entries outlive the worker and the person they are about.
    ``person_id`` is the record's id alone, never anything that names them.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: UTC, ISO text to the millisecond.
    at: Mapped[str] = mapped_column(String(32))
    #: The worker's id as text ("" before anyone signed in); no foreign key.
    worker_id: Mapped[str] = mapped_column(String(36), default="")
    worker_name: Mapped[str] = mapped_column(String(200), default="")
    machine: Mapped[str] = mapped_column(String(200), default="")
    via: Mapped[str] = mapped_column(String(30), default="")
    action: Mapped[str] = mapped_column(String(30))
    #: The table written, or what an event was about ("person", "people csv").
    subject: Mapped[str] = mapped_column(String(100), default="")
    record_key: Mapped[str] = mapped_column(String(100), default="")
    person_id: Mapped[str] = mapped_column(String(36), default="")
    #: JSON object: fields changed, structured values before and after, counts.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_entry_person_id", "person_id", "id"),
        Index("ix_audit_entry_at", "at"),
    )
