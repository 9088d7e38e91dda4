"""The community asset directory.

Revision ID: 0001_directory
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_directory"
down_revision = None
branch_labels = None
depends_on = None

#: Full-text index over what people search the directory by. Its rowid is
#: asset.search_rowid, a plain integer, so a search joins on the integer key.
#: SQLite only: on other databases the directory search falls back to plain matching.
FTS_TABLE = """
CREATE VIRTUAL TABLE asset_search USING fts5(
    name, organisation, description, categories, tags, places,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
)
"""


def upgrade() -> None:
    op.create_table(
        "category",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
        sa.UniqueConstraint("name", name=op.f("uq_category_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_index(op.f("ix_organisation_name"), "organisation", ["name"], unique=True)
    op.create_table(
        "tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "asset",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cost", sa.String(length=20), nullable=False),
        sa.Column("cost_note", sa.String(length=500), nullable=False),
        sa.Column("join_mode", sa.String(length=20), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("capacity_note", sa.String(length=500), nullable=False),
        sa.Column("waiting_list", sa.Boolean(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("last_verified_on", sa.Date(), nullable=True),
        sa.Column("verified_by", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("district", sa.String(length=8), nullable=False),
        sa.Column("search_rowid", sa.Integer(), nullable=True),
        sa.Column("category_text", sa.String(length=500), nullable=False),
        sa.Column("when_text", sa.String(length=300), nullable=False),
        sa.Column("day_mask", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_asset_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset")),
    )
    op.create_index(op.f("ix_asset_archived_at"), "asset", ["archived_at"], unique=False)
    op.create_index(op.f("ix_asset_district"), "asset", ["district"], unique=False)
    op.create_index(op.f("ix_asset_last_verified_on"), "asset", ["last_verified_on"], unique=False)
    op.create_index(op.f("ix_asset_name"), "asset", ["name"], unique=False)
    op.create_index(op.f("ix_asset_organisation_id"), "asset", ["organisation_id"], unique=False)
    op.create_index(op.f("ix_asset_source_id"), "asset", ["source_id"], unique=False)
    op.create_index(op.f("ix_asset_status"), "asset", ["status"], unique=False)
    op.create_table(
        "asset_accessibility",
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("feature", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_accessibility_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_id", "feature", name=op.f("pk_asset_accessibility")),
    )
    op.create_table(
        "asset_category",
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("category_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_category_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_asset_category_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_id", "category_id", name=op.f("pk_asset_category")),
    )
    op.create_table(
        "asset_contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_contact_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_contact")),
    )
    op.create_index(op.f("ix_asset_contact_asset_id"), "asset_contact", ["asset_id"], unique=False)
    op.create_table(
        "asset_language",
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_language_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_id", "language", name=op.f("pk_asset_language")),
    )
    op.create_table(
        "asset_location",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("town", sa.String(length=100), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_location_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_location")),
    )
    op.create_index(
        op.f("ix_asset_location_asset_id"), "asset_location", ["asset_id"], unique=False
    )
    op.create_index(
        op.f("ix_asset_location_postcode"), "asset_location", ["postcode"], unique=False
    )
    op.create_table(
        "asset_opening_time",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column("starts", sa.Time(), nullable=True),
        sa.Column("ends", sa.Time(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_opening_time_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_opening_time")),
    )
    op.create_index(
        op.f("ix_asset_opening_time_asset_id"),
        "asset_opening_time",
        ["asset_id"],
        unique=False,
    )
    op.create_table(
        "asset_tag",
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["asset.id"],
            name=op.f("fk_asset_tag_asset_id_asset"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tag.id"],
            name=op.f("fk_asset_tag_tag_id_tag"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_id", "tag_id", name=op.f("pk_asset_tag")),
    )

    op.create_index("ix_asset_search_rowid", "asset", ["search_rowid", "archived_at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(FTS_TABLE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS asset_search")
    for table in (
        "asset_language",
        "asset_accessibility",
        "asset_contact",
        "asset_opening_time",
        "asset_location",
        "asset_tag",
        "asset_category",
        "asset",
        "tag",
        "organisation",
        "category",
    ):
        op.drop_table(table)
