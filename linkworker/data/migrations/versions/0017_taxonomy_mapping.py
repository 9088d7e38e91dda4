"""The team's table of what Open Referral taxonomy terms mean in the directory.

Revision ID: 0017_taxonomy_mapping
Revises: 0016_needs_as_written
Create Date: 2026-12-07

Seeded with the mapping imports used before this table (keyword rules and broad
headings), and common ORUK service types, LGA list terms and terms feeds use.
"""

import datetime as dt
import json
import uuid

import sqlalchemy as sa
from alembic import op

from linkworker.domain.taxonomy_map import default_mappings, term_key

revision = "0017_taxonomy_mapping"
down_revision = "0016_needs_as_written"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "taxonomy_mapping",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vocabulary", sa.String(length=200), nullable=False),
        sa.Column("vocabulary_key", sa.String(length=200), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("term_key", sa.String(length=200), nullable=False),
        sa.Column("keyword", sa.Boolean(), nullable=False),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.Column("not_help", sa.Boolean(), nullable=False),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "keyword", "vocabulary_key", "term_key", name="uq_taxonomy_mapping_term"
        ),
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(
        table,
        [
            {
                "id": uuid.uuid4(),
                "vocabulary": row.vocabulary,
                "vocabulary_key": term_key(row.vocabulary),
                "term": row.term,
                "term_key": term_key(row.term),
                "keyword": row.keyword,
                "categories": json.dumps(list(row.categories)),
                "not_help": row.not_help,
                "who": row.who,
                "age_min": row.age_min,
                "age_max": row.age_max,
                "changed_by": row.changed_by,
                "changed_at": now,
            }
            for row in default_mappings()
        ],
    )


def downgrade() -> None:
    op.drop_table("taxonomy_mapping")
