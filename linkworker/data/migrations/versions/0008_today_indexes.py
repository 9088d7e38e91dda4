"""Indexes for the Today page: each section finds its rows by one of them.

Revision ID: 0008_today_indexes
Revises: 0007_journey
Create Date: 2026-12-07

Open episodes by next contact day (overdue) and by referral date (waiting,
and no contact since the referral); people in an open episode by their last
contact (quiet); asset referrals still waiting for news by the day their
status last changed. ``bench/today.py`` shows each section's plan using them.
"""

from alembic import op

revision = "0008_today_indexes"
down_revision = "0007_journey"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_episode_status_next_contact_on", "episode", ["status", "next_contact_on"]),
    ("ix_episode_status_referral_date", "episode", ["status", "referral_date"]),
    ("ix_person_status_last_contact_on", "person", ["status", "last_contact_on"]),
    ("ix_asset_referral_status_status_on", "asset_referral", ["status", "status_on"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
