"""Closing well: the person's story with their consent to share it, and helper roles.

Revision ID: 0013_closing_story
Revises: 0012_coded_events
Create Date: 2026-12-07

Four new columns on ``episode`` (the story, the consent answer, its date and who recorded
it) and a new table ``giving_back``: people who became volunteers, peer supporters or
group organisers, with the place. Nothing already recorded changes: every existing
referral has no story and no answer, and nobody has a helper role yet.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_closing_story"
down_revision = "0012_coded_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("episode", sa.Column("story", sa.Text(), nullable=False, server_default=""))
    op.add_column("episode", sa.Column("story_consent", sa.String(length=20), nullable=True))
    op.add_column("episode", sa.Column("story_consent_on", sa.Date(), nullable=True))
    op.add_column(
        "episode",
        sa.Column("story_recorded_by", sa.String(length=200), nullable=False, server_default=""),
    )
    op.create_table(
        "giving_back",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("episode_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=True),
        sa.Column("place_name", sa.String(length=300), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_giving_back_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_giving_back_episode_id_episode"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_giving_back_asset_id_asset"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_giving_back")),
    )
    op.create_index(
        "ix_giving_back_person_id", "giving_back", ["person_id", "started_on"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_giving_back_person_id", table_name="giving_back")
    op.drop_table("giving_back")
    with op.batch_alter_table("episode") as batch:
        batch.drop_column("story_recorded_by")
        batch.drop_column("story_consent_on")
        batch.drop_column("story_consent")
        batch.drop_column("story")
