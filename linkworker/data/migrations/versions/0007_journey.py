"""The journey after the first meeting: contacts booked, risk flags, how a referral was answered.

Revision ID: 0007_journey
Revises: 0006_when_words
Create Date: 2026-12-07

New tables ``contact`` and ``person_flag``; new columns on ``episode`` (how the
referral was answered and the day of the first contact) and on
``conversation`` (a crisis plan's check-back day, copied out of its JSON so the
Today page finds it by index).

Existing records are read, never guessed at: an episode's first contact is the
day of its earliest recorded conversation, and a crisis plan's check-back day
is the one it already holds. No response is made up for an old referral.
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0007_journey"
down_revision = "0006_when_words"
branch_labels = None
depends_on = None

_episode = sa.table("episode", sa.column("id", sa.Uuid()), sa.column("first_contact_on", sa.Date()))
_conversation = sa.table(
    "conversation",
    sa.column("id", sa.Uuid()),
    sa.column("episode_id", sa.Uuid()),
    sa.column("at", sa.DateTime()),
    sa.column("crisis", sa.Text()),
    sa.column("check_back_on", sa.Date()),
)


def upgrade() -> None:
    op.add_column("episode", sa.Column("response", sa.String(length=20), nullable=True))
    op.add_column("episode", sa.Column("responded_on", sa.Date(), nullable=True))
    op.add_column(
        "episode",
        sa.Column("declined_reason", sa.Text(), nullable=False, server_default=sa.text("''")),
    )
    op.add_column("episode", sa.Column("first_contact_on", sa.Date(), nullable=True))
    op.add_column("conversation", sa.Column("check_back_on", sa.Date(), nullable=True))
    op.create_index(
        op.f("ix_conversation_check_back_on"), "conversation", ["check_back_on"], unique=False
    )

    op.create_table(
        "contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=20), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=True),
        sa.Column("place_name", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("link_worker", sa.String(length=200), nullable=False),
        sa.Column("booked_by", sa.String(length=200), nullable=False),
        sa.Column("moved_from", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_contact_episode_id_episode"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_contact_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_contact_asset_id_asset"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    op.create_index(op.f("ix_contact_episode_id"), "contact", ["episode_id"], unique=False)
    op.create_index(op.f("ix_contact_asset_id"), "contact", ["asset_id"], unique=False)
    op.create_index(
        "ix_contact_outcome_starts_at", "contact", ["outcome", "starts_at"], unique=False
    )
    op.create_index("ix_contact_person_id", "contact", ["person_id", "starts_at"], unique=False)

    op.create_table(
        "person_flag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(length=200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removed_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_flag_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_flag")),
    )
    op.create_index(op.f("ix_person_flag_person_id"), "person_flag", ["person_id"], unique=False)

    connection = op.get_bind()
    first = sa.select(
        _conversation.c.episode_id, sa.func.min(_conversation.c.at).label("at")
    ).group_by(_conversation.c.episode_id)
    for episode_id, at in connection.execute(first).all():
        if at is None:
            continue
        connection.execute(
            sa.update(_episode)
            .where(_episode.c.id == episode_id)
            .values(first_contact_on=at.date())
        )
    crises = sa.select(_conversation.c.id, _conversation.c.crisis).where(
        _conversation.c.crisis.is_not(None)
    )
    for conversation_id, text in connection.execute(crises).all():
        try:
            day = json.loads(text).get("check_back_on")
        except (TypeError, ValueError, AttributeError):
            continue
        if not day:
            continue
        try:
            value = dt.date.fromisoformat(day)
        except (TypeError, ValueError):
            continue
        connection.execute(
            sa.update(_conversation)
            .where(_conversation.c.id == conversation_id)
            .values(check_back_on=value)
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_person_flag_person_id"), table_name="person_flag")
    op.drop_table("person_flag")
    op.drop_index("ix_contact_person_id", table_name="contact")
    op.drop_index("ix_contact_outcome_starts_at", table_name="contact")
    op.drop_index(op.f("ix_contact_asset_id"), table_name="contact")
    op.drop_index(op.f("ix_contact_episode_id"), table_name="contact")
    op.drop_table("contact")
    op.drop_index(op.f("ix_conversation_check_back_on"), table_name="conversation")
    with op.batch_alter_table("conversation") as batch:
        batch.drop_column("check_back_on")
    with op.batch_alter_table("episode") as batch:
        batch.drop_column("first_contact_on")
        batch.drop_column("declined_reason")
        batch.drop_column("responded_on")
        batch.drop_column("response")
