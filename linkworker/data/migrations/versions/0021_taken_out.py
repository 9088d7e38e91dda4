"""A laptop's record of the day's work it took from the team database.

Revision ID: 0021_taken_out
Revises: 0020_team_roles
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_taken_out"
down_revision = "0020_team_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "taken_out",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column("brought_back_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taken_out")),
    )
    op.create_table(
        "taken_out_row",
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("row_key", sa.String(length=300), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_key", name=op.f("pk_taken_out_row")),
    )


def downgrade() -> None:
    op.drop_table("taken_out_row")
    op.drop_table("taken_out")
