"""What the window can show before the data is open in full: the directory's first page.

The full open (:func:`linkworker.services.context.open_services`) loads SQLAlchemy and
checks the file; this reads one page without either, so the window has rows to paint
while that happens (see :mod:`linkworker.data.first_look`).
"""

from __future__ import annotations

from linkworker.data import first_look
from linkworker.data.cipher import Key
from linkworker.domain.directory import DirectoryFacets, SearchPage
from linkworker.paths import AppPaths


def first_directory_page(
    paths: AppPaths, limit: int, key: Key | None = None
) -> tuple[SearchPage, DirectoryFacets] | None:
    """The first ``limit`` assets by name, the total and the filters' choices.

    ``key``: the database's key (None: plain). None when only the full open will do
    (see :mod:`linkworker.data.first_look`).
    """
    return first_look.first_directory_page(paths.database, limit, key)
