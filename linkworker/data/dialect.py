"""What SQLite and PostgreSQL spell differently, spelt once here.

The repositories write one expression (``greatest(a, b)``, ``day_of(moment)``...)
and each database is given its own spelling of it when the statement is compiled,
so no repository asks which database it is on for these.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, Integer, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


class greatest(FunctionElement[Any]):  # noqa: N801 (named as the SQL it stands for)
    """The larger of its arguments, NULL if any is NULL (as SQLite's two-argument max)."""

    inherit_cache = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.type = self.clauses.clauses[0].type


@compiles(greatest)
def _greatest(element: greatest, compiler: Any, **kw: Any) -> str:
    # PostgreSQL's greatest() skips NULLs; SQLite's max() gives NULL. Keep SQLite's meaning.
    args = [compiler.process(arg, **kw) for arg in element.clauses]
    nulls = " OR ".join(f"({arg}) IS NULL" for arg in args)
    return f"CASE WHEN {nulls} THEN NULL ELSE greatest({', '.join(args)}) END"


@compiles(greatest, SQLITE)
def _greatest_sqlite(element: greatest, compiler: Any, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


class day_of(FunctionElement[Any]):  # noqa: N801
    """The calendar day of a stored date and time."""

    type = Date()
    inherit_cache = True


@compiles(day_of)
def _day_of(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, SQLITE)
def _day_of_sqlite(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class days_between(FunctionElement[Any]):  # noqa: N801
    """Whole days from the first date to the second (``days_between(earlier, later)``)."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between(element: days_between, compiler: Any, **kw: Any) -> str:
    earlier, later = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


@compiles(days_between, SQLITE)
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    earlier, later = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


class json_valid(FunctionElement[Any]):  # noqa: N801
    """True when the text is well-formed JSON (PostgreSQL: ``lw_json_valid``, migration 0019)."""

    type = Boolean()
    inherit_cache = True


@compiles(json_valid)
def _json_valid(element: json_valid, compiler: Any, **kw: Any) -> str:
    return f"lw_json_valid({compiler.process(element.clauses, **kw)})"


@compiles(json_valid, SQLITE)
def _json_valid_sqlite(element: json_valid, compiler: Any, **kw: Any) -> str:
    return f"(json_valid({compiler.process(element.clauses, **kw)}) = 1)"


class _ListItem(FunctionElement[Any]):
    """An item of a JSON list kept as text: ``(column, n)``."""

    inherit_cache = True

    def __init__(self, text: Any, n: int) -> None:
        # The index is a literal in the statement (an int, so safe), and part of its cache key.
        super().__init__(text, literal_column(str(int(n))))


class json_item(_ListItem):  # noqa: N801
    """Item ``n`` of a JSON list kept as text: a string as text, a number as it is (NULL when
    there is none). ``json_item(column, n)``; guard it with :class:`json_valid`."""

    inherit_cache = True


def _item_parts(element: _ListItem, compiler: Any, **kw: Any) -> tuple[str, str]:
    text, n = (compiler.process(arg, **kw) for arg in element.clauses)
    return text, n


@compiles(json_item)
def _json_item(element: json_item, compiler: Any, **kw: Any) -> str:
    text, n = _item_parts(element, compiler, **kw)
    return f"(CAST({text} AS jsonb) ->> {n})"


@compiles(json_item, SQLITE)
def _json_item_sqlite(element: json_item, compiler: Any, **kw: Any) -> str:
    text, n = _item_parts(element, compiler, **kw)
    return f"json_extract({text}, '$[{n}]')"


class json_whole_item(_ListItem):  # noqa: N801
    """Item ``n`` of a JSON list kept as text when it is a whole number, else NULL (a word
    such as "declined", a fraction, nothing). Guard it with :class:`json_valid`."""

    type = Integer()
    inherit_cache = True


@compiles(json_whole_item)
def _json_whole_item(element: json_whole_item, compiler: Any, **kw: Any) -> str:
    text, n = _item_parts(element, compiler, **kw)
    value = f"(CAST({text} AS jsonb) ->> {n})"
    return (
        f"CASE WHEN jsonb_typeof(CAST({text} AS jsonb) -> {n}) = 'number' "
        f"AND {value} ~ '^-?[0-9]+$' THEN CAST({value} AS INTEGER) END"
    )


@compiles(json_whole_item, SQLITE)
def _json_whole_item_sqlite(element: json_whole_item, compiler: Any, **kw: Any) -> str:
    text, n = _item_parts(element, compiler, **kw)
    return (
        f"CASE WHEN json_type({text}, '$[{n}]') = 'integer' THEN json_extract({text}, '$[{n}]') END"
    )


def insert_for(session: Session) -> Any:
    """The database's own ``insert`` (with ``on_conflict_do_update``) for ``session``."""
    name = session.get_bind().dialect.name
    if name == SQLITE:
        return sqlite.insert
    if name == POSTGRESQL:
        return postgresql.insert
    raise NotImplementedError(f"Link Worker does not support {name} databases.")
