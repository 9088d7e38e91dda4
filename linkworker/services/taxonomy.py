"""The team's taxonomy mapping: what each Open Referral term means in the directory.

One table says which categories a term means (or that it is not a kind of help),
and who the help is for. Imports read terms through it
(:class:`~linkworker.services.directory_import.DirectoryImportService`) and add the
terms it does not know, unmapped, for someone to map here. Mapping a term
re-categorises the imported listings that carry it, in the same transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from linkworker import errors
from linkworker.data.directory_repo import to_draft
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import CHANGE
from linkworker.domain.taxonomy_map import (
    DIRECTORY_CATEGORIES,
    MappingChange,
    TaxonomyTable,
    TaxonomyTerm,
    TermMapping,
    UnmappedTerm,
    keyword_pattern,
    term_key,
    with_who,
)

#: How many listings' names are given with an unmapped term.
NAMES_SHOWN = 5


class MappingRefused(errors.UserFacingError):
    """A mapping that cannot be saved as given."""

    title = "The term was not mapped"


@dataclasses.dataclass(frozen=True, slots=True)
class TableEntry:
    """One row of the table as Settings shows it: the mapping and how many listings use it."""

    mapping: TermMapping
    listings: int


def _who_changed(uow: UnitOfWork) -> str:
    actor = uow.actor
    if actor.worker_name:
        return actor.worker_name
    return f"someone on {actor.machine}" if actor.machine else "someone on this computer"


class TaxonomyService:
    """Reads and changes the team's taxonomy mapping."""

    def __init__(self, units: UnitsOfWork) -> None:
        self._units = units

    def table(self) -> TaxonomyTable:
        """The mapping as imports read it."""
        with self._units.read() as uow:
            return uow.taxonomy.table()

    def entries(self) -> tuple[TableEntry, ...]:
        """Every row: unmapped terms first, then terms, then keywords, each A to Z."""
        with self._units.read() as uow:
            counts = uow.taxonomy.listings_by_tag()
            found = [
                TableEntry(m, 0 if m.keyword else counts.get(term_key(m.term), 0))
                for m in uow.taxonomy.mappings()
            ]
        found.sort(key=lambda e: (e.mapping.mapped, e.mapping.keyword, term_key(e.mapping.term)))
        return tuple(found)

    def unmapped(self) -> tuple[UnmappedTerm, ...]:
        """Terms nobody has mapped that listings in use carry, most used first."""
        with self._units.read() as uow:
            counts = uow.taxonomy.listings_by_tag()
            found = [
                UnmappedTerm(
                    m.term,
                    m.vocabulary,
                    counts[term_key(m.term)],
                    tuple(uow.taxonomy.names_with_tag(m.term, NAMES_SHOWN)),
                )
                for m in uow.taxonomy.mappings()
                if not m.keyword and not m.mapped and counts.get(term_key(m.term), 0)
            ]
        found.sort(key=lambda u: (-u.listings, term_key(u.term)))
        return tuple(found)

    def categories(self) -> tuple[str, ...]:
        """The categories a term can be mapped to: the directory's own, then any others in use."""
        with self._units.read() as uow:
            used = uow.assets.category_names()
        extra = sorted(
            {c for c in used if c.casefold() not in {d.casefold() for d in DIRECTORY_CATEGORIES}},
            key=str.casefold,
        )
        return (*DIRECTORY_CATEGORIES, *extra)

    def _known_category(self, name: str, known: Sequence[str]) -> str:
        clean = " ".join(name.split())
        for category in known:
            if category.casefold() == clean.casefold():
                return category
        raise MappingRefused(
            f"“{clean}” is not one of the directory's categories.",
            "Choose one of: " + ", ".join(known) + ".",
        )

    def map_term(
        self,
        term: str,
        categories: Sequence[str] = (),
        *,
        not_help: bool = False,
        who: str | None = None,
        age_min: int | None = None,
        age_max: int | None = None,
        keyword: bool = False,
    ) -> MappingChange:
        """Say what ``term`` means and re-categorise the imported listings that carry it.

        ``categories`` must be the directory's (any case); ``not_help`` says it is
        no kind of help (then no categories). With no ``who`` and no ages, what the
        row said about who it is for is kept. All in one transaction, audited.
        """
        clean = " ".join(term.split())
        if not clean or len(clean) > 200:
            raise MappingRefused(
                "The term is empty or longer than 200 characters.",
                "Type the term as feeds write it.",
            )
        if not_help and categories:
            raise MappingRefused(
                "A term cannot be both a kind of help and not one.",
                "Choose categories, or say it is not a kind of help, not both.",
            )
        if not not_help and not categories:
            raise MappingRefused(
                f"Nothing was chosen for “{clean}”.",
                "Choose at least one category, or say it is not a kind of help.",
            )
        if age_min is not None and age_max is not None and age_min > age_max:
            raise MappingRefused(
                "The youngest age is above the oldest.", "Correct the ages and try again."
            )
        known = self.categories()
        chosen = tuple(dict.fromkeys(self._known_category(c, known) for c in categories))
        with self._units.write() as uow:
            before = uow.taxonomy.table()
            old = (
                next(
                    (m for m in before.rows if m.keyword and term_key(m.term) == term_key(clean)),
                    None,
                )
                if keyword
                else before.row(clean)
            )
            keep = old is not None and who is None and age_min is None and age_max is None
            mapping = TermMapping(
                term=old.term if old is not None else clean,
                vocabulary=old.vocabulary if old is not None else "",
                categories=chosen,
                not_help=not_help,
                keyword=keyword,
                who=(old.who if keep and old else (who or "")).strip()[:300],
                age_min=old.age_min if keep and old else age_min,
                age_max=old.age_max if keep and old else age_max,
            )
            saved = uow.taxonomy.save(mapping, _who_changed(uow))
            after = uow.taxonomy.table()
            names = self._recategorise(uow, saved, before, after)
            uow.note(
                CHANGE,
                subject="taxonomy",
                keyword=keyword,
                categories=len(chosen),
                not_help=not_help,
                listings=len(names),
            )
        return MappingChange(saved, len(names), tuple(names[:NAMES_SHOWN]))

    @staticmethod
    def _recategorise(
        uow: UnitOfWork, saved: TermMapping, before: TaxonomyTable, after: TaxonomyTable
    ) -> list[str]:
        """Give each imported listing with the term what the new mapping says; their names."""
        if saved.keyword:
            pattern = keyword_pattern(saved.term)
            assets = uow.taxonomy.imported_with_tags(lambda key: bool(pattern.search(key)))
        else:
            key = term_key(saved.term)
            assets = uow.taxonomy.imported_with_tags(lambda k: k == key)
        changed: list[str] = []
        for asset in assets:
            draft = to_draft(asset)
            terms = [TaxonomyTerm(tag) for tag in draft.tags]
            old, new = before.meaning(terms), after.meaning(terms)
            categories = [c for c in draft.categories if c not in old.categories]
            categories = [*new.categories, *(c for c in categories if c not in new.categories)]
            eligibility = with_who(draft.eligibility, new.who, old.who)
            age_min, age_max = draft.age_min, draft.age_max
            if (age_min, age_max) == (old.age_min, old.age_max):
                age_min, age_max = new.age_min, new.age_max
            updated = dataclasses.replace(
                draft,
                categories=tuple(categories),
                eligibility=eligibility,
                age_min=age_min,
                age_max=age_max,
            )
            if updated == draft:
                continue
            uow.assets.apply_draft(asset, updated)
            uow.flush(f"“{draft.name}”")
            uow.assets.reindex(asset)
            changed.append(draft.name)
        return changed
