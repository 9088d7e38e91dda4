"""Needs as a spreadsheet wrote them, and referrals that came in with no date.

Revision ID: 0016_needs_as_written
Revises: 0015_speaks_english
Create Date: 2026-12-07

Six new columns on ``person``: the accessibility needs, languages, free times and
cost as written, the interpreter's language, and whether the link worker still has
to confirm what the app read in them (empty and no for everyone already on the
caseload). A new table keeps a referral whose row gave no date until a worker gives
one: an episode always has its real referral date.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_needs_as_written"
down_revision = "0015_speaks_english"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    ("interpreter_language", sa.String(length=100)),
    ("access_as_written", sa.Text()),
    ("languages_as_written", sa.Text()),
    ("free_times_as_written", sa.Text()),
    ("cost_as_written", sa.Text()),
)


def upgrade() -> None:
    for name, kind in _TEXT_COLUMNS:
        op.add_column("person", sa.Column(name, kind, nullable=False, server_default=sa.text("''")))
    op.add_column(
        "person",
        sa.Column("needs_to_confirm", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "undated_referral",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Uuid(),
            sa.ForeignKey("person.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("referred_by", sa.String(length=20), nullable=False),
        sa.Column("referrer_name", sa.String(length=200), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("reason_notes", sa.Text(), nullable=False),
        sa.Column("urgency", sa.String(length=20), nullable=False),
        sa.Column("link_worker", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_undated_referral_person_id", "undated_referral", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_undated_referral_person_id", table_name="undated_referral")
    op.drop_table("undated_referral")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("needs_to_confirm")
        for name, _kind in reversed(_TEXT_COLUMNS):
            batch.drop_column(name)
