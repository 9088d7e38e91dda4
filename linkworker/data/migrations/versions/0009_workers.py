"""The workers who sign in: their names, the hash of their PIN or passphrase, their role.

Revision ID: 0009_workers
Revises: 0008_today_indexes
Create Date: 2026-12-07

A new table ``worker``. Nothing already recorded is changed: the names typed
into "recorded by" before this version stay as they were.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_workers"
down_revision = "0008_today_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worker",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
        sa.UniqueConstraint("name_key", name=op.f("uq_worker_name_key")),
    )


def downgrade() -> None:
    op.drop_table("worker")
