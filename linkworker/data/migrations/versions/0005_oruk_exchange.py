"""Directory exchange: where each listing came from, feeds imported before, duplicates to review.

Revision ID: 0005_oruk_exchange
Revises: 0004_documents
Create Date: 2026-11-22

Adds plain columns (no constraints, so SQLite needs no table rebuild) and two
new tables; runs the same on SQLite and PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_oruk_exchange"
down_revision = "0004_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "asset",
        sa.Column(
            "source_hash", sa.String(length=64), nullable=False, server_default=sa.text("''")
        ),
    )
    op.add_column("asset", sa.Column("source_modified_at", sa.DateTime(), nullable=True))
    op.add_column("asset", sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
    op.add_column("asset", sa.Column("merged_into_id", sa.Uuid(), nullable=True))
    op.add_column(
        "asset",
        sa.Column("verified_locally", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # Assets checked by hand before this version were checked by the team.
    op.execute("UPDATE asset SET verified_locally = (last_verified_on IS NOT NULL)")
    op.create_table(
        "directory_source",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("location", sa.String(length=1000), nullable=False),
        sa.Column("last_started_at", sa.DateTime(), nullable=True),
        sa.Column("last_finished_at", sa.DateTime(), nullable=True),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("withdrawn", sa.Integer(), nullable=False),
        sa.Column("left_out", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_source")),
        sa.UniqueConstraint("key", name=op.f("uq_directory_source_key")),
    )
    op.create_table(
        "asset_duplicate",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("other_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_duplicate_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["asset.id"],
            name=op.f("fk_asset_duplicate_other_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_duplicate")),
    )
    op.create_index(
        op.f("ix_asset_duplicate_asset_id"), "asset_duplicate", ["asset_id"], unique=False
    )
    op.create_index(
        op.f("ix_asset_duplicate_other_id"), "asset_duplicate", ["other_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_asset_duplicate_other_id"), table_name="asset_duplicate")
    op.drop_index(op.f("ix_asset_duplicate_asset_id"), table_name="asset_duplicate")
    op.drop_table("asset_duplicate")
    op.drop_table("directory_source")
    with op.batch_alter_table("asset") as batch:
        batch.drop_column("verified_locally")
        batch.drop_column("merged_into_id")
        batch.drop_column("withdrawn_at")
        batch.drop_column("source_modified_at")
        batch.drop_column("source_hash")
