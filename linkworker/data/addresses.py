"""A team database's address as the database layer opens it (PostgreSQL through psycopg 3)."""

from __future__ import annotations

from sqlalchemy.engine import URL


def postgres_url(
    host: str, port: int, database: str, user: str, password: str = "", *, ssl: bool = True
) -> str:
    """The address with its password escaped; ``ssl`` asks for an encrypted connection."""
    return URL.create(
        "postgresql+psycopg",
        username=user or None,
        password=password or None,
        host=host or None,
        port=port or None,
        database=database or None,
        query={"sslmode": "require"} if ssl else {},
    ).render_as_string(hide_password=False)
