"""PostgreSQL's own full-text index of the directory, and a JSON check for reports.

Revision ID: 0019_postgres_search
Revises: 0018_report_indexes
Create Date: 2026-12-07

On SQLite the directory's full-text table (FTS5, made in 0001) is unchanged. On
PostgreSQL ``asset_search`` holds the same columns per asset, with a ``doc``
tsvector worked out from them (each column given a weight the searches filter and
rank by: name A; categories and tags B; places C; organisation and description D)
and a GIN index on it. ``lw_json_valid`` tells a readable JSON text from one that
is not, as SQLite's ``json_valid`` does (PostgreSQL 15 has no ``IS JSON``). New
assets take their row number in the index from ``asset_search_rowid_seq``, so two
link workers adding assets at once never take the same one.
Nothing changes on SQLite.
"""

from alembic import op

revision = "0019_postgres_search"
down_revision = "0018_report_indexes"
branch_labels = None
depends_on = None

_TABLE = """
CREATE TABLE asset_search (
    rowid BIGINT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    places TEXT NOT NULL DEFAULT '',
    doc TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', name), 'A')
        || setweight(to_tsvector('simple', categories || ' ' || tags), 'B')
        || setweight(to_tsvector('simple', places), 'C')
        || setweight(to_tsvector('simple', organisation || ' ' || description), 'D')
    ) STORED
)
"""

_JSON_VALID = """
CREATE FUNCTION lw_json_valid(value TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM value::json;
    RETURN TRUE;
EXCEPTION WHEN others THEN
    RETURN FALSE;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_TABLE)
        op.execute("CREATE INDEX ix_asset_search_doc ON asset_search USING gin (doc)")
        # Several link workers save at once: each new asset's row number comes from here.
        op.execute("CREATE SEQUENCE asset_search_rowid_seq OWNED BY asset_search.rowid")
        op.execute(_JSON_VALID)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS lw_json_valid(TEXT)")
        op.execute("DROP TABLE IF EXISTS asset_search")
