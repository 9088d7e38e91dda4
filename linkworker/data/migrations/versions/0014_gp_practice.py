"""The GP practice a person is registered with, for the message back to the GP.

Revision ID: 0014_gp_practice
Revises: 0013_closing_story
Create Date: 2026-12-07

Four new columns on ``person``, empty for everyone already on the caseload: a
practice is asked for the first time a letter to the GP is made.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_gp_practice"
down_revision = "0013_closing_story"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("gp_practice_name", sa.String(length=200)),
    ("gp_practice_address", sa.Text()),
    ("gp_practice_postcode", sa.String(length=10)),
    ("gp_practice_ods", sa.String(length=10)),
)


def upgrade() -> None:
    for name, kind in _COLUMNS:
        op.add_column("person", sa.Column(name, kind, nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        for name, _kind in reversed(_COLUMNS):
            batch.drop_column(name)
