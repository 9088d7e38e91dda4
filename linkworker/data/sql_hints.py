"""Hints to SQLite's query planner, written so other databases ignore them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class Unindexed(ColumnElement[Any]):
    """A column SQLite must not look up by its own index: ``+column`` there.

    For a test that nearly every row passes (an asset running, a referral open)
    or one that matches many rows, walking that column's index and testing each
    row is far slower than starting from the few rows wanted or from the sort's
    index; without statistics SQLite's planner prefers the index anyway. Other
    databases keep statistics and choose for themselves, so there it is just
    the column.
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(Unindexed)
def _compile_unindexed(element: Unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


@compiles(Unindexed, "sqlite")
def _compile_unindexed_sqlite(element: Unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.column, **kw))
