"""The audit trail: one table, only ever added to, each entry chained to the one before.

Revision ID: 0010_audit
Revises: 0008_today_indexes
Create Date: 2026-12-07

``audit_entry`` has no foreign keys, so entries outlive an erased person or a
worker who left. Triggers refuse every UPDATE and DELETE on it, on SQLite and on
PostgreSQL alike: the app only ever adds entries.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_audit"
down_revision = "0009_workers"
branch_labels = None
depends_on = None

_REFUSAL = "the audit trail is only ever added to"

_SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
)

_PG_FUNCTION = (
    "CREATE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
)
_PG_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()"
    for verb in ("UPDATE", "DELETE", "TRUNCATE")
)


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("worker_name", sa.String(length=200), nullable=False),
        sa.Column("machine", sa.String(length=200), nullable=False),
        sa.Column("via", sa.String(length=30), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_person_id", "audit_entry", ["person_id", "id"], unique=False)
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        statements: tuple[str, ...] = (_PG_FUNCTION, *_PG_TRIGGERS)
    else:
        statements = _SQLITE_TRIGGERS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for verb in ("update", "delete", "truncate"):
            op.execute(f"DROP TRIGGER audit_entry_no_{verb} ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_refuse()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_entry_no_{verb}")
    op.drop_index("ix_audit_entry_at", table_name="audit_entry")
    op.drop_index("ix_audit_entry_person_id", table_name="audit_entry")
    op.drop_table("audit_entry")
