"""A unit of work in memory, for testing services without a database.

Each fake repository keeps plain values in dicts and offers the methods the
services under test call, with the same names and meaning as the real ones.
A write unit keeps its changes only when its block ends without an error; a
read unit refuses writes, as the real one does.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from linkworker.data.unit_of_work import ReadOnlyUnit
from linkworker.domain.actor import Actor, nobody
from linkworker.domain.directory import AssetDetail
from linkworker.domain.documents import DocumentRecord
from linkworker.domain.drafts import SavedDraft
from linkworker.domain.people import PersonDetail
from linkworker.domain.plan import PlanDetail


@dataclass
class Store:
    """Everything the fake database holds."""

    drafts: dict[str, SavedDraft] = field(default_factory=dict)
    people: dict[uuid.UUID, PersonDetail] = field(default_factory=dict)
    plans: dict[uuid.UUID, PlanDetail] = field(default_factory=dict)
    assets: dict[uuid.UUID, AssetDetail] = field(default_factory=dict)
    documents: list[tuple[uuid.UUID, DocumentRecord]] = field(default_factory=list)


class _Repository:
    def __init__(self, unit: FakeUnitOfWork) -> None:
        self._unit = unit

    @property
    def _store(self) -> Store:
        return self._unit.store

    def _writing(self) -> None:
        if self._unit.read_only:
            raise ReadOnlyUnit("a unit of work opened for reading tried to write")


class FakeDrafts(_Repository):
    def keep(self, values: dict[str, Any]) -> None:
        self._writing()
        import json

        self._store.drafts[values["key"]] = SavedDraft(
            values["key"], values["title"], json.loads(values["payload"]), values["saved_at"]
        )

    def newest_first(self) -> list[SavedDraft]:
        return sorted(self._store.drafts.values(), key=lambda d: (-d.saved_at.timestamp(), d.key))

    def get(self, key: str) -> SavedDraft | None:
        return self._store.drafts.get(key)

    def discard(self, key: str) -> None:
        self._writing()
        self._store.drafts.pop(key, None)


class FakePeople(_Repository):
    def detail(self, person_id: uuid.UUID) -> PersonDetail | None:
        return self._store.people.get(person_id)

    def person_exists(self, person_id: uuid.UUID) -> bool:
        return person_id in self._store.people


class FakePlans(_Repository):
    def plan_for_person(self, person_id: uuid.UUID) -> PlanDetail | None:
        return self._store.plans.get(person_id)


class FakeAssets(_Repository):
    def details(self, ids: list[uuid.UUID]) -> list[AssetDetail]:
        self._unit.asset_reads += 1
        return [self._store.assets[i] for i in ids if i in self._store.assets]

    def detail(self, asset_id: uuid.UUID) -> AssetDetail | None:
        return self._store.assets.get(asset_id)


class FakeDocuments(_Repository):
    def add(self, person_id: uuid.UUID, kind: Any, action: Any, at: Any, **kw: str) -> None:
        self._writing()
        record = DocumentRecord(kind=kind, action=action, at=at, **kw)
        self._store.documents.append((person_id, record))

    def history(self, person_id: uuid.UUID) -> list[DocumentRecord]:
        found = [r for p, r in self._store.documents if p == person_id]
        return sorted(found, key=lambda r: r.at, reverse=True)


class FakeUnitOfWork:
    def __init__(self, units: FakeUnits, read_only: bool) -> None:
        self._units = units
        self.read_only = read_only
        self.store = copy.deepcopy(units.store)
        self.asset_reads = 0
        self.drafts = FakeDrafts(self)
        self.people = FakePeople(self)
        self.plans = FakePlans(self)
        self.assets = FakeAssets(self)
        self.documents = FakeDocuments(self)
        self.events: list[tuple[str, Any, str, dict[str, Any]]] = []

    def note(self, action: str, *, person_id: Any = None, subject: str = "", **detail: Any) -> None:
        """Events for the audit trail, kept by the units when the unit ends well."""
        self.events.append((action, person_id, subject, detail))

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._units.asset_reads += self.asset_reads
        if exc is None:
            self._units.events += self.events
        if exc is None and not self.read_only:
            self._units.store = self.store
            self._units.commits += 1

    def flush(self, what: str = "") -> None:
        return None

    @property
    def actor(self) -> Actor:
        """Who acts, as the units say (nobody signed in unless a test says so)."""
        return self._units.actor


class FakeUnits:
    """Stands where a service takes :class:`~linkworker.data.unit_of_work.UnitsOfWork`."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()
        self.opened: list[str] = []
        self.commits = 0
        self.asset_reads = 0
        self.actor: Actor = nobody()
        self.events: list[tuple[str, Any, str, dict[str, Any]]] = []

    def read(self) -> FakeUnitOfWork:
        self.opened.append("read")
        return FakeUnitOfWork(self, read_only=True)

    def write(self) -> FakeUnitOfWork:
        self.opened.append("write")
        return FakeUnitOfWork(self, read_only=False)
