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

from linkworker import errors
from linkworker.data.directory_repo import to_detail
from linkworker.data.import_repo import ImportedAsset
from linkworker.data.models import Asset, utcnow
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import EXPORT
from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    DirectoryFacets,
    DirectoryFilter,
    SearchPage,
    SortKey,
)
from linkworker.domain.validation import FieldError, validate_asset
from linkworker.services.conflicts import check_version

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

    def __init__(self, units: UnitsOfWork, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._units = units
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
        with self._units.read() as uow:
            rows, total = uow.assets.search(flt, sort, descending, limit, offset)
        return SearchPage(rows=tuple(rows), total=total)

    def get(self, asset_id: uuid.UUID) -> AssetDetail:
        with self._units.read() as uow:
            return to_detail(self._load(uow, asset_id))

    def get_many(self, asset_ids: Sequence[uuid.UUID]) -> list[AssetDetail]:
        """The assets still in the directory among ``asset_ids``, in that order."""
        with self._units.read() as uow:
            return [to_detail(a) for a in uow.assets.load_many(asset_ids)]

    def details(self, flt: DirectoryFilter = DirectoryFilter()) -> Iterator[AssetDetail]:
        """Every matching asset in full, by name, read in batches (for export and printing)."""
        if flt.today is None:
            flt = dataclasses.replace(flt, today=self._today())
        with self._units.read() as uow:
            ids = uow.assets.matching_ids(flt)
        for start in range(0, len(ids), 200):
            with self._units.read() as uow:
                batch = [to_detail(a) for a in uow.assets.load_many(ids[start : start + 200])]
            yield from batch

    def exported(self, fmt: str, rows: int) -> None:
        """Record in the audit trail that the directory was exported (its format, how many)."""
        self._units.note(EXPORT, subject="directory", rows=rows, format=fmt)

    def facets(self) -> DirectoryFacets:
        with self._units.read() as uow:
            return DirectoryFacets(
                categories=tuple(uow.assets.category_names()),
                districts=tuple(uow.assets.district_names()),
                total_assets=uow.assets.count_assets(),
            )

    def is_empty(self) -> bool:
        with self._units.read() as uow:
            return uow.assets.count_assets() == 0

    # Writing ---------------------------------------------------------------

    def save(self, draft: AssetDraft) -> AssetDetail:
        """Create (no id) or update (id and version) an asset after validating it.

        Raises :class:`InvalidAsset` with every problem, or
        :class:`~linkworker.errors.ConcurrentEdit` when someone saved it since it was read.
        """
        problems = validate_asset(draft, self._today())
        if problems:
            raise InvalidAsset(problems)
        with self._units.write() as uow:
            if draft.id is None:
                asset = uow.assets.create(verified_locally=draft.last_verified_on is not None)
            else:
                loaded = uow.assets.load(draft.id)
                if loaded is None:
                    raise errors.NotFound(
                        "That asset was removed while you were editing it.",
                        "Copy what you typed, then add it again as a new asset.",
                    )
                check_version(_quoted(draft.name), loaded, draft, lambda: to_detail(loaded).draft)
                asset = loaded
                checked = (draft.last_verified_on, draft.verified_by)
                if checked != (loaded.last_verified_on, loaded.verified_by):
                    # Someone here changed when it was last checked: a refresh keeps that.
                    asset.verified_locally = True
            uow.assets.apply_draft(asset, draft)
            uow.flush(_quoted(draft.name))
            uow.assets.reindex(asset)
            return to_detail(asset)

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
        with self._units.write() as uow:
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                uow.imports.write_batch(
                    [
                        ImportedAsset(
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
        with self._units.write() as uow:
            asset = self._load(uow, asset_id)
            asset.archived_at = utcnow() if archived else None
            uow.flush(_quoted(asset.name))
            return to_detail(asset)

    def mark_verified(self, asset_id: uuid.UUID, by: str, on: dt.date | None = None) -> AssetDetail:
        """Record that someone checked today that the asset is still running as described."""
        with self._units.write() as uow:
            asset = self._load(uow, asset_id)
            asset.last_verified_on = on or self._today()
            asset.verified_by = by.strip()
            asset.verified_locally = True
            uow.flush(_quoted(asset.name))
            return to_detail(asset)

    def replace_all(self, drafts: Iterable[AssetDraft]) -> int:
        """Empty the directory and fill it with ``drafts`` (the demo folder only)."""
        with self._units.write() as uow:
            uow.assets.delete_all_assets()
        return self.add_many(drafts)

    def rebuild_search_index(self) -> int:
        with self._units.write() as uow:
            return uow.assets.rebuild_index()

    # Helpers ---------------------------------------------------------------

    @staticmethod
    def _load(uow: UnitOfWork, asset_id: uuid.UUID) -> Asset:
        asset = uow.assets.load(asset_id)
        if asset is None:
            raise errors.NotFound(
                "That asset is no longer in the directory.", "Refresh the list and choose it again."
            )
        return asset


def _quoted(name: str) -> str:
    """An asset's name as a message shows it: in quotation marks, not programming quotes."""
    return f"“{name.strip()}”" if name.strip() else "This asset"
