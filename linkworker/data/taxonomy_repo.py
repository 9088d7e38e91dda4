"""Reading and writing the team's taxonomy mapping (``taxonomy_mapping``), and finding
the listings that carry a term as a tag."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable

from sqlalchemy import select

from linkworker.data.models import Asset, Tag, asset_tag, utcnow
from linkworker.data.models_taxonomy import TaxonomyMappingRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.taxonomy_map import TaxonomyTable, TermMapping, term_key


def to_mapping(row: TaxonomyMappingRow) -> TermMapping:
    try:
        categories = tuple(str(c) for c in json.loads(row.categories or "[]"))
    except ValueError:
        categories = ()
    return TermMapping(
        term=row.term,
        vocabulary=row.vocabulary,
        categories=categories,
        not_help=row.not_help,
        keyword=row.keyword,
        who=row.who,
        age_min=row.age_min,
        age_max=row.age_max,
        changed_by=row.changed_by,
        changed_at=row.changed_at,
    )


class TaxonomyRepository(Repository):
    """The ``taxonomy_mapping`` table: small (hundreds of rows), read whole."""

    def mappings(self) -> list[TermMapping]:
        rows = self._session.scalars(select(TaxonomyMappingRow))
        found = [to_mapping(r) for r in rows]
        found.sort(key=lambda m: (m.keyword, term_key(m.term), term_key(m.vocabulary)))
        return found

    def table(self) -> TaxonomyTable:
        return TaxonomyTable(self.mappings())

    def _row(self, term: str, vocabulary: str, keyword: bool) -> TaxonomyMappingRow | None:
        return self._session.scalars(
            select(TaxonomyMappingRow).where(
                TaxonomyMappingRow.keyword == keyword,
                TaxonomyMappingRow.vocabulary_key == term_key(vocabulary),
                TaxonomyMappingRow.term_key == term_key(term),
            )
        ).first()

    def save(self, mapping: TermMapping, by: str) -> TermMapping:
        """Add or change the row for ``mapping``'s term (and vocabulary, and kind)."""
        row = self._row(mapping.term, mapping.vocabulary, mapping.keyword)
        if row is None:
            row = TaxonomyMappingRow(
                id=uuid.uuid4(),
                vocabulary=mapping.vocabulary.strip(),
                vocabulary_key=term_key(mapping.vocabulary),
                term=" ".join(mapping.term.split()),
                term_key=term_key(mapping.term),
                keyword=mapping.keyword,
            )
            self._session.add(row)
        row.categories = json.dumps(list(mapping.categories))
        row.not_help = mapping.not_help
        row.who = mapping.who
        row.age_min, row.age_max = mapping.age_min, mapping.age_max
        row.changed_by = by[:200]
        row.changed_at = utcnow()
        self.unit.flush(f"The mapping of “{mapping.term}”")
        return to_mapping(row)

    def remember_unmapped(self, terms: Iterable[str], by: str) -> int:
        """Add the terms not in the table yet, unmapped, so the team can see them; how many."""
        known = {
            key
            for (key,) in self._session.execute(
                select(TaxonomyMappingRow.term_key).where(TaxonomyMappingRow.keyword.is_(False))
            )
        }
        added = 0
        for term in terms:
            key = term_key(term)
            if not key or key in known:
                continue
            known.add(key)
            self._session.add(
                TaxonomyMappingRow(
                    id=uuid.uuid4(),
                    vocabulary="",
                    vocabulary_key="",
                    term=" ".join(term.split())[:200],
                    term_key=key[:200],
                    keyword=False,
                    categories="[]",
                    not_help=False,
                    who="",
                    changed_by=by[:200],
                    changed_at=utcnow(),
                )
            )
            added += 1
        if added:
            self.unit.flush("The terms not mapped yet")
        return added

    # Listings that carry a term -------------------------------------------------------

    def _tag_ids(self, wanted: Callable[[str], bool]) -> dict[uuid.UUID, str]:
        return {
            tag_id: name
            for tag_id, name in self._session.execute(select(Tag.id, Tag.name))
            if wanted(term_key(name))
        }

    def imported_with_tags(self, wanted: Callable[[str], bool]) -> list[Asset]:
        """Imported listings (not merged away) with a tag ``wanted`` accepts (by its key)."""
        tag_ids = self._tag_ids(wanted)
        if not tag_ids:
            return []
        ids = select(asset_tag.c.asset_id).where(asset_tag.c.tag_id.in_(list(tag_ids)))
        return list(
            self._session.scalars(
                select(Asset)
                .where(Asset.id.in_(ids), Asset.source != "", Asset.merged_into_id.is_(None))
                .order_by(Asset.name)
            )
        )

    def listings_by_tag(self) -> Counter[str]:
        """How many listings in use (not archived) carry each tag, by the tag's key."""
        counts: Counter[str] = Counter()
        rows = self._session.execute(
            select(Tag.name, asset_tag.c.asset_id)
            .join(asset_tag, asset_tag.c.tag_id == Tag.id)
            .join(Asset, Asset.id == asset_tag.c.asset_id)
            .where(Asset.archived_at.is_(None))
        )
        for name, _asset in rows:
            counts[term_key(name)] += 1
        return counts

    def names_with_tag(self, term: str, limit: int) -> list[str]:
        """Names of up to ``limit`` listings in use that carry ``term`` as a tag."""
        key = term_key(term)
        tag_ids = self._tag_ids(lambda k: k == key)
        if not tag_ids:
            return []
        return list(
            self._session.scalars(
                select(Asset.name)
                .join(asset_tag, asset_tag.c.asset_id == Asset.id)
                .where(asset_tag.c.tag_id.in_(list(tag_ids)), Asset.archived_at.is_(None))
                .order_by(Asset.name)
                .limit(limit)
            )
        )
