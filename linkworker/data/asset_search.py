"""The full-text row of one asset: one builder for a single save and for a bulk import.

The ``asset_search`` FTS5 table holds, per asset, its name, organisation,
description, categories, tags and places. Places are each location's name,
address, town, postcode (in its stored form, ``CH65 2AB``) and postcode
district, so ``CH65`` and ``ch65 2ab`` both find it.

On PostgreSQL ``asset_search`` is a plain table of the same columns with a ``doc``
tsvector over them and a GIN index (migration 0019). The searches are written once,
in FTS5's query language; :func:`tsquery` turns the part of it they use into a
``to_tsquery`` text, each FTS5 column filter becoming a tsquery weight
(:data:`WEIGHTS`), and :func:`match_sql` ranks as FTS5's bm25 does, best first.
PostgreSQL's ``simple`` configuration keeps accents, so on PostgreSQL the row's
words and the searched words are both written without them (:func:`plain_letters`),
as SQLite's tokenizer does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

from linkworker.domain.validation import district_of, normal_postcode

COLUMNS = ("name", "organisation", "description", "categories", "tags", "places")
#: The tsvector weight each column is given on PostgreSQL (see migration 0019).
WEIGHTS = {
    "name": "A",
    "categories": "B",
    "tags": "B",
    "places": "C",
    "organisation": "D",
    "description": "D",
}
#: bm25 weights, one per column of asset_search: name, organisation, description,
#: categories, tags, places.
BM25 = "bm25(asset_search, 10.0, 4.0, 2.0, 6.0, 6.0, 3.0)"
#: bm25's column weights (name 10, categories and tags 6, places 3, organisation 4,
#: description 2), as ts_rank's per-weight multipliers {D, C, B, A}.
_PG_RANK = "ts_rank('{0.3, 0.3, 0.6, 1.0}', doc, to_tsquery('simple', %s))"

#: The insert, with the rowid first and the columns in :data:`COLUMNS` order (qmark style).
INSERT_SQL = (
    f"INSERT INTO asset_search (rowid, {', '.join(COLUMNS)}) "
    f"VALUES (?, {', '.join('?' for _ in COLUMNS)})"
)
DELETE_SQL = "DELETE FROM asset_search WHERE rowid = ?"


def for_driver(sql: str, dialect: str) -> str:
    """``sql`` written with ``?`` placeholders, in the placeholders of ``dialect``'s driver."""
    return sql if dialect == "sqlite" else sql.replace("?", "%s")


def plain_letters(text: str) -> str:
    """``text`` without accents ("Café" -> "Cafe"), as SQLite's full-text tokenizer reads it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def for_dialect(row: tuple[Any, ...], dialect: str) -> tuple[Any, ...]:
    """A :func:`search_row` as ``dialect`` stores it (PostgreSQL: without accents)."""
    if dialect == "sqlite":
        return row
    return (row[0], *(plain_letters(v) for v in row[1:]))


def match_sql(dialect: str, *, ranked: bool) -> str:
    """``SELECT rowid[, rank] FROM asset_search WHERE <matches ?>``: best first if ``ranked``.

    The one parameter is an FTS5 match expression (see :func:`tsquery`); ranks are
    smaller for better matches on both databases.
    """
    if dialect == "sqlite":
        if not ranked:
            return "SELECT rowid FROM asset_search WHERE asset_search MATCH ?"
        return f"SELECT rowid, {BM25} AS rank FROM asset_search WHERE asset_search MATCH ?"
    where = "doc @@ to_tsquery('simple', %s)"
    if not ranked:
        return f"SELECT rowid FROM asset_search WHERE {where}"
    return f"SELECT rowid, -{_PG_RANK} AS rank FROM asset_search WHERE {where}"


def match_clause(dialect: str, *, ranked: bool) -> str:
    """:func:`match_sql` for ``text()``: the expression is the bound value ``:q``
    (give it :func:`match_value`)."""
    return re.sub(r"\?|%s", ":q", match_sql(dialect, ranked=ranked))


def match_value(match: str, dialect: str) -> str:
    """The value of ``:q`` in :func:`match_clause` for the FTS5 expression ``match``."""
    return match if dialect == "sqlite" else tsquery(match)


def match_params(match: str, dialect: str, *, ranked: bool) -> tuple[str, ...]:
    """The parameters :func:`match_sql` takes for ``match``."""
    if dialect == "sqlite":
        return (match,)
    query = tsquery(match)
    return (query, query) if ranked else (query,)


_TOKEN = re.compile(r'\s*(\{[^}]*\}\s*:|\w+\s*:|"[^"]*"\*?|\(|\)|\bOR\b|\bAND\b)')


def tsquery(match: str) -> str:
    """The FTS5 match expression ``match`` as a PostgreSQL ``to_tsquery`` text.

    Covers what the searches write: quoted words and phrases, each perhaps a
    prefix (``"ca"*``, ``"ch65 2"*``); OR, AND, and words side by side (all must
    match); brackets; and column filters (``places : ...``, ``{name tags} : ...``).
    """
    tokens: list[str] = [str(t).strip() for t in _TOKEN.findall(match)]
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def either(weights: str) -> str:
        parts = [both(weights)]
        while peek() == "OR":
            take()
            parts.append(both(weights))
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def both(weights: str) -> str:
        parts = [one(weights)]
        while peek() not in ("", "OR", ")"):
            if peek() == "AND":
                take()
            parts.append(one(weights))
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def one(weights: str) -> str:
        token = take()
        if token.endswith(":"):
            columns = re.findall(r"\w+", token[:-1])
            return one("".join(sorted({WEIGHTS[c] for c in columns})))
        if token == "(":
            inner = either(weights)
            if peek() == ")":
                take()
            return inner
        prefix = token.endswith("*")
        words = re.findall(r"\w+", plain_letters(token).lower())
        if not words:
            return "''"
        lexemes = [f"'{w}':{weights}" if weights else f"'{w}'" for w in words]
        if prefix:
            last = lexemes[-1]
            lexemes[-1] = f"'{words[-1]}':*{weights}" if weights else f"{last}:*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    return either("")


class Place(Protocol):
    """What the index reads of a location (a stored row or a draft's Location)."""

    @property
    def name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def town(self) -> str: ...
    @property
    def postcode(self) -> str: ...


def places_text(locations: Iterable[Place]) -> str:
    """Every location's words, its postcode in stored form and its district."""
    words: list[str] = []
    for loc in locations:
        postcode = normal_postcode(loc.postcode)
        parts = (loc.name, loc.address, loc.town, postcode, district_of(postcode))
        words.append(" ".join(part for part in parts if part))
    return " ".join(words)


def search_row(
    rowid: int | None,
    *,
    name: str,
    organisation: str,
    description: str,
    categories: Iterable[str],
    tags: Iterable[str],
    locations: Iterable[Place],
) -> tuple[Any, ...]:
    """The values of one ``asset_search`` row, rowid first, as :data:`INSERT_SQL` takes them."""
    return (
        rowid,
        name.strip(),
        " ".join(organisation.split()),
        description,
        " ".join(categories),
        " ".join(tags),
        places_text(locations),
    )
