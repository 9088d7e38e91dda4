"""The directory's first page, read straight from SQLite while the rest of the data layer loads.

Opening the data in full (SQLAlchemy, the models, the checks, any migration) takes
about half a second, nearly all of it importing code. The first page the window
shows, and the choices its filters offer, need none of that: here they are read with
the database driver alone, on a read-only connection given the key already derived,
from a file already at the newest schema, so the window can paint them at once and
open the data in full afterwards.

Anything out of the ordinary (no file yet, another schema, a damaged or locked file)
gives no first look: the window then waits for the full open, which deals with it
and says what is wrong. ``tests/data/test_first_look.py`` checks that the page and
the choices are the ones :class:`DirectoryService` gives.
"""

from __future__ import annotations

import logging
from pathlib import Path

from linkworker import errors
from linkworker.data import cipher
from linkworker.data.asset_rows import asset_summary
from linkworker.data.cipher import Key
from linkworker.data.migrate import SCHEMA_HEAD
from linkworker.domain.directory import DirectoryFacets, SearchPage

log = logging.getLogger(__name__)

# The statements the directory repository runs for its first page by name, unfiltered,
# and for the filters' choices.
_PAGE_SQL = (
    "SELECT asset.id, asset.name, organisation.name, asset.category_text, asset.cost,"
    " asset.join_mode, asset.status, asset.district, asset.when_text,"
    " asset.last_verified_on, asset.archived_at"
    " FROM asset LEFT OUTER JOIN organisation ON organisation.id = asset.organisation_id"
    " WHERE asset.archived_at IS NULL ORDER BY lower(asset.name) ASC, lower(asset.name)"
    " LIMIT ? OFFSET 0"
)
_COUNT_SQL = "SELECT count(*) FROM asset WHERE asset.archived_at IS NULL"
_CATEGORIES_SQL = (
    "SELECT category.name FROM category WHERE category.id IN"
    " (SELECT asset_category.category_id FROM asset_category"
    " JOIN asset ON asset.id = asset_category.asset_id WHERE asset.archived_at IS NULL)"
    " ORDER BY lower(category.name)"
)
_DISTRICTS_SQL = (
    "SELECT DISTINCT asset.district FROM asset"
    " WHERE asset.district != '' AND asset.archived_at IS NULL ORDER BY asset.district"
)


def first_directory_page(
    path: Path, limit: int, key: Key | None = None
) -> tuple[SearchPage, DirectoryFacets] | None:
    """The first ``limit`` assets by name (not archived) and the total, with the filters' choices.

    ``key``: the file's key (None: a plain file). None when the file is missing, is not
    at :data:`SCHEMA_HEAD`, or cannot be read. Nothing is written: the connection is
    read-only and closed before returning.
    """
    if not path.is_file():
        return None
    try:
        conn = cipher.connect(path, key, read_only=True, timeout=0.5)
    except cipher.DriverError:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != SCHEMA_HEAD:
            return None
        rows = conn.execute(_PAGE_SQL, (limit,)).fetchall()
        total = int(conn.execute(_COUNT_SQL).fetchone()[0])
        facets = DirectoryFacets(
            categories=tuple(str(r[0]) for r in conn.execute(_CATEGORIES_SQL)),
            districts=tuple(str(r[0]) for r in conn.execute(_DISTRICTS_SQL)),
            total_assets=total,
        )
        return SearchPage(rows=tuple(asset_summary(row) for row in rows), total=total), facets
    except (cipher.DriverError, ValueError, errors.WrongPassphrase) as exc:
        # The full open that follows finds the same problem and explains it.
        log.info("No first look at the directory (%s)", type(exc).__name__)
        return None
    finally:
        conn.close()
