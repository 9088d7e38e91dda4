"""Open Referral taxonomy terms in the directory's kinds of help: the rules of the mapping.

The team keeps one table (stored in ``taxonomy_mapping``) that says, for each term a
feed uses, which of the directory's categories it means, or that it is not a kind
of help at all ("Adults", "Health and wellbeing": kept as a tag, never asked about).
A row may also say who the help is for ("Women only"), which the directory keeps in
a listing's "who it is for", and an age range.

Two kinds of row:

* a **term** row matches a term exactly (ignoring case, spacing and curly
  apostrophes), in one vocabulary or, with no vocabulary, in any;
* a **keyword** row matches any term with that word or phrase in it; a trailing
  ``*`` matches words that start so (``walk*``: "Walking group", "Walks").

A term row always wins over keyword rows; every keyword row that matches adds its
categories. A term that nothing matches is tried by its parent's name; a term
with no row and no keyword at all is *unmapped*: the import lists it, with the
listings that use it, for someone to map.

:data:`DEFAULT_MAPPINGS` is what a new database starts with.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

#: The directory's categories, in the order lists show them.
DIRECTORY_CATEGORIES: tuple[str, ...] = (
    "Walking and exercise",
    "Befriending",
    "Advice",
    "Gardening",
    "Carers",
    "Library",
    "Volunteering",
    "Community cafe",
    "Arts and crafts",
    "Music",
    "Sheds",
    "Faith and culture",
    "Learning",
    "Peer support",
    "Practical help",
)
_CATEGORY_ORDER = {name: i for i, name in enumerate(DIRECTORY_CATEGORIES)}

#: Who changed a row that came with the app.
DEFAULTS_BY = "Link Worker defaults"


class TaxonomyTerm(NamedTuple):
    """One term a service is tagged with: its text, its vocabulary and its parent's name."""

    name: str
    vocabulary: str = ""
    parent: str = ""


def term_key(text: str) -> str:
    """How a term is compared: case, spacing and curly apostrophes do not matter."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


@dataclass(frozen=True, slots=True)
class TermMapping:
    """One row of the team's table."""

    #: The term as written; for a keyword row, the word or phrase (``walk*``).
    term: str
    #: The vocabulary the term belongs to ("" for any).
    vocabulary: str = ""
    categories: tuple[str, ...] = ()
    #: Not a kind of help: kept as a tag, given no category, never asked about.
    not_help: bool = False
    keyword: bool = False
    #: Who the help is for, added to a listing's "who it is for" ("Women only").
    who: str = ""
    age_min: int | None = None
    age_max: int | None = None
    changed_by: str = ""
    changed_at: dt.datetime | None = None

    @property
    def mapped(self) -> bool:
        """Someone has said what the term means (a category, or not a kind of help)."""
        return bool(self.categories) or self.not_help

    def describe(self) -> str:
        """'Befriending, Peer support', 'Not a kind of help' or 'Not mapped yet'."""
        if self.not_help:
            return "Not a kind of help"
        return ", ".join(self.categories) if self.categories else "Not mapped yet"


@dataclass(frozen=True, slots=True)
class TermMeaning:
    """What a service's terms say together."""

    categories: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    #: Terms nothing in the table matched, as written.
    unmapped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UnmappedTerm:
    """A term nobody has mapped, with (some of) the listings that use it."""

    term: str
    vocabulary: str
    listings: int
    names: tuple[str, ...] = ()


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """The pattern a keyword row matches: whole words, or word starts with a trailing ``*``."""
    words = term_key(keyword)
    prefix = words.endswith("*")
    words = words.rstrip("*").strip()
    body = r"\s+".join(re.escape(w) for w in words.split())
    return re.compile(r"(?<!\w)" + body + (r"" if prefix else r"(?!\w)"))


_NO_MEANING = TermMeaning()


class TaxonomyTable:
    """The team's table, ready to read terms through (cheap to ask the same term again)."""

    def __init__(self, rows: Iterable[TermMapping]) -> None:
        self.rows: tuple[TermMapping, ...] = tuple(rows)
        self._exact: dict[tuple[str, str], TermMapping] = {}
        self._keywords: list[tuple[re.Pattern[str], TermMapping]] = []
        for row in self.rows:
            if row.keyword:
                if row.mapped:
                    self._keywords.append((keyword_pattern(row.term), row))
            else:
                self._exact[(term_key(row.vocabulary), term_key(row.term))] = row
        self._memo: dict[tuple[str, str, str], tuple[TermMapping, ...] | None] = {}

    def __getstate__(self) -> tuple[TermMapping, ...]:
        return self.rows

    def __setstate__(self, rows: tuple[TermMapping, ...]) -> None:
        self.__init__(rows)  # type: ignore[misc]

    def row(self, term: str, vocabulary: str = "") -> TermMapping | None:
        """The term row for ``term`` (in ``vocabulary``, else in any), mapped or not."""
        key = term_key(term)
        found = self._exact.get((term_key(vocabulary), key))
        return found if found is not None else self._exact.get(("", key))

    def _own(self, term: str, vocabulary: str) -> tuple[TermMapping, ...] | None:
        """The rows that say what ``term`` means; None when none does."""
        exact = self.row(term, vocabulary)
        if exact is not None and exact.mapped:
            return (exact,)
        key = term_key(term)
        found = tuple(row for pattern, row in self._keywords if pattern.search(key))
        return found or None

    def rows_for(self, term: TaxonomyTerm) -> tuple[TermMapping, ...] | None:
        """The rows that map ``term`` (or else its parent); None when it is unmapped."""
        memo_key = (term.name, term.vocabulary, term.parent)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = self._own(term.name, term.vocabulary)
        if found is None and term.parent.strip():
            found = self._own(term.parent, term.vocabulary)
        if len(self._memo) > 4096:
            self._memo.clear()
        self._memo[memo_key] = found
        return found

    def meaning(self, terms: Iterable[TaxonomyTerm]) -> TermMeaning:
        """What ``terms`` say together: categories in the directory's order, who, unmapped."""
        categories: list[str] = []
        who: list[str] = []
        unmapped: list[str] = []
        age_min: int | None = None
        age_max: int | None = None
        for term in terms:
            if not term.name.strip():
                continue
            rows = self.rows_for(term)
            if rows is None:
                if term.name not in unmapped:
                    unmapped.append(term.name)
                continue
            for row in rows:
                if row.not_help:
                    continue
                categories.extend(c for c in row.categories if c not in categories)
                if row.who and row.who not in who:
                    who.append(row.who)
                if row.age_min is not None:
                    age_min = row.age_min if age_min is None else max(age_min, row.age_min)
                if row.age_max is not None:
                    age_max = row.age_max if age_max is None else min(age_max, row.age_max)
        if not (categories or who or unmapped) and age_min is None and age_max is None:
            return _NO_MEANING
        return TermMeaning(
            tuple(in_directory_order(categories)), tuple(who), age_min, age_max, tuple(unmapped)
        )


def with_who(eligibility: str, add: Sequence[str], remove: Sequence[str] = ()) -> str:
    """``eligibility`` saying who the help is for: ``add`` put first unless already said,
    ``remove`` (what a term said before, no longer) taken out."""
    for gone in remove:
        if gone not in add:
            eligibility = eligibility.replace(f"{gone}; ", "").replace(gone, "").strip()
    for who in add:
        if who.casefold() not in eligibility.casefold():
            eligibility = f"{who}; {eligibility}" if eligibility else who
    return eligibility


def in_directory_order(categories: Sequence[str]) -> list[str]:
    """The directory's own categories first, in its order; others after, as given."""
    return sorted(categories, key=lambda c: _CATEGORY_ORDER.get(c, len(_CATEGORY_ORDER)))


# Defaults ------------------------------------------------------------------------

#: Keywords for each category: any term with one of them in it means that category.
_KEYWORDS: dict[str, str] = {
    "Walking and exercise": "walk*, exercis*, sport, sports, fitness*, physical activit*, "
    "keep fit*, swim*, yoga*, pilates*, tai chi*, danc*, football*, cycl*, running*, gym, "
    "bowls, badminton*, tennis*, rambler, ramblers, strength and balance*",
    "Befriending": "befriend*, friendship*, loneliness*, isolation*, social group*, "
    "social club*, companionship*",
    "Advice": "debt*, benefit, benefits, money*, housing*, advice*, legal*, welfare*, financ*, "
    "homeless*, citizens advice*, tenanc*, energy bill, energy bills, budget*",
    "Gardening": "garden*, allotment*, horticult*, growing",
    "Carers": "carer, carers, caring, respite*",
    "Library": "librar*, book club*, reading group*",
    "Volunteering": "volunteer*",
    "Community cafe": "cafe*, café*, lunch club*, coffee*, tea and chat*, community meal*",
    "Arts and crafts": "art, arts, craft, crafts, knit*, sewing*, crochet*, painting*, "
    "drawing*, pottery*, creative*, photograph*",
    "Music": "music*, choir*, singing*, sing, ukulele*, band",
    "Sheds": "men's shed*, mens shed*, shed, sheds, woodwork*",
    "Faith and culture": "faith*, church*, mosque*, gurdwara*, temple*, synagogue*, religio*, "
    "spiritual*, cultur*, heritage*, museum*",
    "Learning": "learn*, course*, educat*, english, esol*, digital*, computer*, skill, skills, "
    "training*, literacy*, numeracy*, maths, employment*, job, jobs, work club*",
    "Peer support": "support group*, peer*, mental health support*, self-help*, self help*, "
    "bereave*, recovery*, wellbeing group*",
    "Practical help": "shopping*, transport*, prescription*, food bank*, foodbank*, "
    "practical*, handyperson*, handyman*, home help*, equipment*, food parcel*, "
    "meals on wheels*, food pantr*",
}

# Terms feeds use (ORUK service types, the LGA lists, and what local feeds write):
# (term, categories, who it is for, age_min, age_max).
_TERMS: tuple[tuple[str, tuple[str, ...], str, int | None, int | None], ...] = (
    ("Women's group", ("Befriending", "Peer support"), "Women only", None, None),
    ("Men's group", ("Befriending", "Peer support"), "Men only", None, None),
    ("Youth group", ("Befriending",), "For young people", None, 25),
    ("Weight management", ("Walking and exercise",), "", None, None),
    ("Social activity", ("Befriending",), "", None, None),
    ("Social activities", ("Befriending",), "", None, None),
    ("Lunch club", ("Community cafe",), "", None, None),
    ("Coffee morning", ("Community cafe",), "", None, None),
    ("Men's shed", ("Sheds",), "", None, None),
    ("Mental health support", ("Peer support",), "", None, None),
    ("Carers support", ("Carers", "Peer support"), "For carers", None, None),
    ("Carers' support", ("Carers", "Peer support"), "For carers", None, None),
    ("Bereavement support", ("Peer support",), "For people who have been bereaved", None, None),
    (
        "Dementia support",
        ("Peer support",),
        "For people living with dementia and those who care for them",
        None,
        None,
    ),
    ("ESOL", ("Learning",), "", None, None),
    ("English for speakers of other languages", ("Learning",), "", None, None),
    ("Digital skills", ("Learning",), "", None, None),
    ("Debt advice", ("Advice",), "", None, None),
    ("Benefits advice", ("Advice",), "", None, None),
    ("Housing advice", ("Advice",), "", None, None),
    ("Foodbank", ("Practical help",), "", None, None),
    ("Food bank", ("Practical help",), "", None, None),
    ("Befriending", ("Befriending",), "", None, None),
    ("Volunteering", ("Volunteering",), "", None, None),
    ("Exercise class", ("Walking and exercise",), "", None, None),
    ("Walking group", ("Walking and exercise",), "", None, None),
    ("Gardening", ("Gardening",), "", None, None),
    ("Arts and crafts", ("Arts and crafts",), "", None, None),
    ("Music", ("Music",), "", None, None),
    ("Faith group", ("Faith and culture",), "", None, None),
    ("Cultural group", ("Faith and culture",), "", None, None),
    (
        "Parent and toddler",
        ("Befriending",),
        "For parents with babies and toddlers",
        None,
        None,
    ),
    (
        "Parent and toddler group",
        ("Befriending",),
        "For parents with babies and toddlers",
        None,
        None,
    ),
    ("Physical activity", ("Walking and exercise",), "", None, None),
    ("Healthy lifestyles", ("Walking and exercise",), "", None, None),
    ("Advice and support", ("Advice",), "", None, None),
    ("Employment support", ("Learning",), "", None, None),
    ("Adult learning", ("Learning",), "", None, None),
    ("Support groups", ("Peer support",), "", None, None),
    ("Older people's activities", ("Befriending",), "", None, None),
)

#: Headings too broad for any one category (LGA and ORUK vocabularies, ORUK v1
#: ``deliverable_type``): kept as tags, and never asked about.
_NOT_HELP = (
    "Activities", "Activity", "Adults", "Assessment", "Children", "Community",
    "Community groups", "Counselling", "Families", "General", "Groups", "Health",
    "Health and wellbeing", "Health and well-being", "Information", "Leisure",
    "Leisure and culture", "Mental health", "Older people", "Other", "Permission",
    "Services", "Social prescribing", "Support", "Wellbeing", "Young people",
)  # fmt: skip


def default_mappings(when: dt.datetime | None = None) -> tuple[TermMapping, ...]:
    """What a new table holds: the keyword rules, common terms, and broad headings."""
    made: list[TermMapping] = []
    for category, words in _KEYWORDS.items():
        for word in words.split(","):
            made.append(
                TermMapping(
                    word.strip(), "", (category,), keyword=True, changed_by=DEFAULTS_BY,
                    changed_at=when,
                )
            )  # fmt: skip
    for term, categories, who, age_min, age_max in _TERMS:
        made.append(
            TermMapping(
                term, "", categories, False, False, who, age_min, age_max, DEFAULTS_BY, when
            )
        )
    for term in _NOT_HELP:
        made.append(TermMapping(term, "", (), True, changed_by=DEFAULTS_BY, changed_at=when))
    return tuple(made)


DEFAULT_TABLE = TaxonomyTable(default_mappings())


@dataclass(frozen=True, slots=True)
class MappingChange:
    """What mapping a term changed: the row as it now is, and the listings re-categorised."""

    mapping: TermMapping
    listings: int
    names: tuple[str, ...] = field(default=())
