"""Outcome measures: one row per measure taken with a person within a referral.

Revision ID: 0011_outcomes
Revises: 0010_audit
Create Date: 2026-12-07

A new table ``outcome_measure``; nothing already recorded changes. Its rows go when
their person or referral goes (ON DELETE CASCADE), and erasure removes them explicitly.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_outcomes"
down_revision = "0010_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcome_measure",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("timepoint", sa.String(length=20), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("score", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_outcome_measure_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_outcome_measure_episode_id_episode"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_measure")),
    )
    op.create_index(
        "ix_outcome_measure_person_id", "outcome_measure", ["person_id", "taken_on"], unique=False
    )
    op.create_index(
        "ix_outcome_measure_episode_id", "outcome_measure", ["episode_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_outcome_measure_episode_id", table_name="outcome_measure")
    op.drop_index("ix_outcome_measure_person_id", table_name="outcome_measure")
    op.drop_table("outcome_measure")
