"""A team's roles and hand-overs: the record of people handed from one link worker to another.

Revision ID: 0020_team_roles
Revises: 0019_postgres_search
Create Date: 2026-12-07

The roles themselves need no change of column: "worker" and "manager" are kept as
they are, and "directory_editor" and "read_only" fit the column as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_team_roles"
down_revision = "0019_postgres_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("from_worker", sa.String(length=200), nullable=False),
        sa.Column("to_worker", sa.String(length=200), nullable=False),
        sa.Column("handed_by", sa.String(length=200), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_handover_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    op.create_index(op.f("ix_handover_person_id"), "handover", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_handover_person_id"), table_name="handover")
    op.drop_table("handover")
