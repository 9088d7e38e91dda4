"""The community asset directory: search, read, add, edit, archive, verify.

The window, the command line and the importers all go through
:class:`DirectoryService`. Every method opens its own unit of work and
returns plain value types.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence

from sqlalchemy.orm.exc import StaleDataError

from linkworker import errors
from linkworker.data import directory_repo as repo
from linkworker.data import import_repo
from linkworker.data.database import Database
from linkworker.data.models import Asset, utcnow
from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    DirectoryFacets,
    DirectoryFilter,
    SearchPage,
    SortKey,
)
from linkworker.domain.validation import FieldError, validate_asset

Progress = Callable[[int, int], None]


class InvalidAsset(errors.UserFacingError):
    """A draft with problems; ``problems`` says which field and why."""

    title = "Some details need correcting"

    def __init__(self, problems: Sequence[FieldError]) -> None:
        lines = "; ".join(p.message for p in problems)
        super().__init__(
            f"The asset was not saved: {lines}", "Correct the fields shown and save again."
        )
        self.problems = tuple(problems)


class DirectoryService:
    """Everything the app does with community assets."""

    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._db = db
        self._today = today

    # Reading ---------------------------------------------------------------

    def search(
        self,
        flt: DirectoryFilter = DirectoryFilter(),
        sort: SortKey = SortKey.RELEVANCE,
        descending: bool = False,
        limit: int = 200,
        offset: int = 0,
    ) -> SearchPage:
        """A page of assets matching the filter; free text is ranked by relevance."""
        if flt.today is None:
            flt = dataclasses.replace(flt, today=self._today())
        with self._db.read() as session:
            rows, total = repo.search(session, flt, sort, descending, limit, offset)
        return SearchPage(rows=tuple(rows), total=total)

    def get(self, asset_id: uuid.UUID) -> AssetDetail:
        with self._db.read() as session:
            asset = repo.load(session, asset_id)
            if asset is None:
                raise errors.NotFound(
                    "That asset is no longer in the directory.",
                    "Refresh the list and choose it again.",
                )
            return repo.to_detail(asset)

    def details(self, flt: DirectoryFilter = DirectoryFilter()) -> Iterator[AssetDetail]:
        """Every matching asset in full, by name, read in batches (for export and printing)."""
        if flt.today is None:
            flt = dataclasses.replace(flt, today=self._today())
        with self._db.read() as session:
            ids = repo.matching_ids(session, flt)
        for start in range(0, len(ids), 200):
            with self._db.read() as session:
                batch = [
                    repo.to_detail(a) for a in repo.load_many(session, ids[start : start + 200])
                ]
            yield from batch

    def facets(self) -> DirectoryFacets:
        with self._db.read() as session:
            return DirectoryFacets(
                categories=tuple(repo.category_names(session)),
                districts=tuple(repo.district_names(session)),
                total_assets=repo.count_assets(session),
            )

    def is_empty(self) -> bool:
        with self._db.read() as session:
            return repo.count_assets(session) == 0

    # Writing ---------------------------------------------------------------

    def save(self, draft: AssetDraft) -> AssetDetail:
        """Create (no id) or update (id and version) an asset after validating it.

        Raises :class:`InvalidAsset` with every problem, or
        :class:`~linkworker.errors.ConcurrentEdit` when someone saved it since it was read.
        """
        problems = validate_asset(draft, self._today())
        if problems:
            raise InvalidAsset(problems)
        with self._db.transaction() as session:
            if draft.id is None:
                asset = Asset(id=uuid.uuid4(), verified_locally=draft.last_verified_on is not None)
                session.add(asset)
            else:
                loaded = repo.load(session, draft.id)
                if loaded is None:
                    raise errors.NotFound(
                        "That asset was removed while you were editing it.",
                        "Copy what you typed, then add it again as a new asset.",
                    )
                if draft.version is not None and loaded.version != draft.version:
                    raise self._changed_elsewhere(draft.name)
                asset = loaded
                checked = (draft.last_verified_on, draft.verified_by)
                if checked != (loaded.last_verified_on, loaded.verified_by):
                    # Someone here changed when it was last checked: a refresh keeps that.
                    asset.verified_locally = True
            repo.apply_draft(session, asset, draft)
            try:
                session.flush()
            except StaleDataError as exc:
                raise self._changed_elsewhere(draft.name) from exc
            repo.reindex(session, asset)
            return repo.to_detail(asset)

    def add_many(self, drafts: Iterable[AssetDraft], progress: Progress | None = None) -> int:
        """Add every draft in one transaction: all are saved, or none.

        Written in batches of multi-row statements (as an import is), not one
        object at a time: a spreadsheet of thousands of rows saves in seconds.
        """
        items = list(drafts)
        for n, draft in enumerate(items, start=1):
            problems = validate_asset(draft, self._today())
            if problems:
                raise InvalidAsset(problems)
            if progress and n % 100 == 0:
                progress(n, len(items) * 2)
        with self._db.transaction() as session:
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                import_repo.write_batch(
                    session,
                    [
                        import_repo.ImportedAsset(
                            asset_id=draft.id or uuid.uuid4(),
                            draft=draft,
                            source="",
                            source_id="",
                            source_hash="",
                            source_modified_at=None,
                            verified_locally=draft.last_verified_on is not None,
                        )
                        for draft in chunk
                    ],
                )
                if progress:
                    done = start + len(chunk)
                    progress(len(items) + done, len(items) * 2)
        return len(items)

    def archive(self, asset_id: uuid.UUID, archived: bool = True) -> AssetDetail:
        """Archive an asset (hidden from lists, kept for history), or bring it back."""
        with self._db.transaction() as session:
            asset = self._load(session, asset_id)
            asset.archived_at = utcnow() if archived else None
            session.flush()
            return repo.to_detail(asset)

    def mark_verified(self, asset_id: uuid.UUID, by: str, on: dt.date | None = None) -> AssetDetail:
        """Record that someone checked today that the asset is still running as described."""
        with self._db.transaction() as session:
            asset = self._load(session, asset_id)
            asset.last_verified_on = on or self._today()
            asset.verified_by = by.strip()
            asset.verified_locally = True
            session.flush()
            return repo.to_detail(asset)

    def replace_all(self, drafts: Iterable[AssetDraft]) -> int:
        """Empty the directory and fill it with ``drafts`` (the demo folder only)."""
        with self._db.transaction() as session:
            repo.delete_all_assets(session)
        return self.add_many(drafts)

    def rebuild_search_index(self) -> int:
        with self._db.transaction() as session:
            return repo.rebuild_index(session)

    # Helpers ---------------------------------------------------------------

    @staticmethod
    def _load(session: object, asset_id: uuid.UUID) -> Asset:
        asset = repo.load(session, asset_id)  # type: ignore[arg-type]
        if asset is None:
            raise errors.NotFound(
                "That asset is no longer in the directory.", "Refresh the list and choose it again."
            )
        return asset

    @staticmethod
    def _changed_elsewhere(name: str) -> errors.ConcurrentEdit:
        return errors.ConcurrentEdit(
            f"'{name}' was changed by someone else after you opened it.",
            "Your changes have not been saved yet. Reload to see theirs, or save yours over them.",
        )
