"""Whether a person can take part in English, beside their first language.

Revision ID: 0015_speaks_english
Revises: 0014_gp_practice
Create Date: 2026-12-07

NULL for everyone already on the caseload: not asked is not the same as no.
Matching uses it to tell a language the person needs from one they prefer.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_speaks_english"
down_revision = "0014_gp_practice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("speaks_english", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("speaks_english")
