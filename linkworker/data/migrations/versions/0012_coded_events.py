"""SNOMED CT coded events for the GP record, one per code per episode.

Revision ID: 0012_coded_events
Revises: 0010_audit
Create Date: 2026-12-07

New table ``coded_event``. Existing episodes get their coded events here, once,
from what they already hold (first contact, how the referral was answered), by
the same rules the app applies on every later change (domain/codes.py): doing
it in the migration keeps it in the same transaction as the new table, so an
opened database never has episodes without their codes and opening stays free
of a check on every start. Backfilled events are recorded by nobody ("").
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from linkworker.domain.codes import EpisodeFacts, coded_events
from linkworker.domain.journey import ReferralResponse

revision = "0012_coded_events"
down_revision = "0011_outcomes"
branch_labels = None
depends_on = None

_episode = sa.table(
    "episode",
    sa.column("id", sa.Uuid()),
    sa.column("person_id", sa.Uuid()),
    sa.column("response", sa.String()),
    sa.column("responded_on", sa.Date()),
    sa.column("first_contact_on", sa.Date()),
)


def upgrade() -> None:
    coded_event = op.create_table(
        "coded_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_coded_event_episode_id_episode"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_coded_event_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coded_event")),
        sa.UniqueConstraint("episode_id", "code", name=op.f("uq_coded_event_episode_id")),
    )
    op.create_index("ix_coded_event_person_id", "coded_event", ["person_id", "on"], unique=False)
    op.create_index("ix_coded_event_on", "coded_event", ["on"], unique=False)

    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = []
    for episode_id, person_id, response, responded_on, first_contact_on in connection.execute(
        sa.select(
            _episode.c.id,
            _episode.c.person_id,
            _episode.c.response,
            _episode.c.responded_on,
            _episode.c.first_contact_on,
        )
    ).all():
        facts = EpisodeFacts(
            response=ReferralResponse(response) if response else None,
            responded_on=responded_on,
            first_contact_on=first_contact_on,
        )
        for code, on in coded_events(facts).items():
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "episode_id": episode_id,
                    "person_id": person_id,
                    "code": code.value,
                    "term": code.term,
                    "on": on,
                    "recorded_by": "",
                    "created_at": now,
                    "entered_on": None,
                }
            )
    if rows:
        op.bulk_insert(coded_event, rows)


def downgrade() -> None:
    op.drop_index("ix_coded_event_on", table_name="coded_event")
    op.drop_index("ix_coded_event_person_id", table_name="coded_event")
    op.drop_table("coded_event")
