"""The record of documents printed or saved for a person.

Revision ID: 0004_documents
Revises: 0003_plan_matching
Create Date: 2026-11-22

One plain table and its index, so it runs on SQLite and PostgreSQL alike.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_documents"
down_revision = "0003_plan_matching"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("options", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_document_log_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_log")),
    )
    op.create_index("ix_document_log_person_id", "document_log", ["person_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_document_log_person_id", table_name="document_log")
    op.drop_table("document_log")
