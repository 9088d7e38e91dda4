"""Indexes for the Today page: each section finds its rows by one of them.

Revision ID: 0008_today_indexes
Revises: 0007_journey
Create Date: 2026-12-07

Open episodes (by worker) with their next contact day (overdue) and with
their referral date, person and id (waiting, crisis check-backs, no news),
so that an open episode is read from the index alone; people in an open
episode by their last contact (quiet); an episode's asset referrals by status
and day (no news); an episode's crisis plans by check-back day (check-backs). ``bench/today.py`` shows each section's plan using them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_today_indexes"
down_revision = "0007_journey"
branch_labels = None
depends_on = None

_INDEXES = (
    (
        "ix_episode_open_next_contact",
        "episode",
        ["status", "link_worker", "next_contact_on", "person_id"],
    ),
    (
        "ix_episode_open_referral_date",
        "episode",
        ["status", "link_worker", "referral_date", "person_id", "id"],
    ),
    ("ix_person_status_last_contact_on", "person", ["status", "last_contact_on"]),
    ("ix_asset_referral_episode_status", "asset_referral", ["episode_id", "status", "status_on"]),
)


#: Crisis plans only, so an open episode's check-back is one short look.
_CRISIS_ONLY = sa.text("check_back_on IS NOT NULL")


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.create_index(
        "ix_conversation_check_back",
        "conversation",
        ["episode_id", "check_back_on", "at"],
        unique=False,
        sqlite_where=_CRISIS_ONLY,
        postgresql_where=_CRISIS_ONLY,
    )


def downgrade() -> None:
    op.drop_index("ix_conversation_check_back", table_name="conversation")
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
