"""Indexes for the reports: each counts a period's rows found by their day.

Revision ID: 0018_report_indexes
Revises: 0017_taxonomy_mapping
Create Date: 2026-12-07

Contacts by their time (with place and outcome) and conversations by theirs (with kind
and mode), for Activity; a place's history by referral and day, and the places changed
in a period by day, for Community connections; measures by the day taken and goal
ratings by the day rated, for Outcomes. ``bench/reports.py`` times every report with
them against its bare SQL.
"""

from alembic import op

revision = "0018_report_indexes"
down_revision = "0017_taxonomy_mapping"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_contact_starts_at", "contact", ["starts_at", "place", "outcome"]),
    ("ix_conversation_at", "conversation", ["at", "kind", "mode"]),
    (
        "ix_asset_referral_change_history",
        "asset_referral_change",
        ["referral_id", "changed_on", "created_at", "status"],
    ),
    (
        "ix_asset_referral_change_changed_on",
        "asset_referral_change",
        ["changed_on", "status", "referral_id"],
    ),
    (
        "ix_outcome_measure_taken_on",
        "outcome_measure",
        ["taken_on", "measure", "timepoint", "episode_id"],
    ),
    ("ix_goal_rating_rated_on", "goal_rating", ["rated_on", "goal_id"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
