"""Known failures of a team database server (PostgreSQL), told apart by SQLSTATE.

PostgreSQL gives each error a five-character SQLSTATE (``psycopg.Error.sqlstate``);
its first two characters are the class (``08`` a connection exception, ``28`` an
authorization one...). A failure to connect at all comes without one: then the
connection was never made, and the server is unreachable. Messages name the server
(``user@host:port``) and never carry a password, a record's contents or the
server's own text, which may quote them.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkworker import errors

#: SQLSTATEs (https://www.postgresql.org/docs/15/errcodes-appendix.html).
INVALID_PASSWORD = "28P01"
INVALID_AUTHORIZATION = "28000"
INVALID_DATABASE = "3D000"
INSUFFICIENT_PRIVILEGE = "42501"
DISK_FULL = "53100"
TOO_MANY_CONNECTIONS = "53300"
ADMIN_SHUTDOWN = "57P01"
CRASH_SHUTDOWN = "57P02"
CANNOT_CONNECT_NOW = "57P03"

_DRIVER_MODULES = ("psycopg",)


@dataclass(frozen=True)
class Server:
    """Where a team database is, as messages name it (never with a password)."""

    host: str = ""
    port: int | None = None
    database: str = ""
    user: str = ""

    @property
    def address(self) -> str:
        host = self.host or "localhost"
        return f"{host}:{self.port or 5432}"


def is_server_error(exc: BaseException) -> bool:
    """True when ``exc`` (or what SQLAlchemy wrapped) comes from the PostgreSQL driver."""
    return any(
        candidate is not None and type(candidate).__module__.startswith(_DRIVER_MODULES)
        for candidate in (exc, getattr(exc, "orig", None))
    )


#: A refusal while connecting reaches the driver as the server's text alone (libpq keeps
#: no SQLSTATE for it); PostgreSQL's own fixed texts tell which refusal it was.
_CONNECTING_TEXTS = (
    ("password authentication failed", INVALID_PASSWORD),
    ("no password supplied", INVALID_PASSWORD),
    ("no pg_hba.conf entry", INVALID_AUTHORIZATION),
    ("role ", INVALID_AUTHORIZATION),  # role "x" does not exist
    ("database ", INVALID_DATABASE),  # database "x" does not exist
    ("too many clients", TOO_MANY_CONNECTIONS),
    ("the database system is starting up", CANNOT_CONNECT_NOW),
)


def _sqlstate(exc: BaseException) -> str | None:
    for candidate in (exc, getattr(exc, "orig", None)):
        state = getattr(candidate, "sqlstate", None)
        if isinstance(state, str):
            return state
    pgconn = getattr(getattr(exc, "orig", exc), "pgconn", None)
    if pgconn is not None and getattr(pgconn, "needs_password", False):
        return INVALID_PASSWORD
    said = str(getattr(exc, "orig", exc)).lower()
    if "fatal:" in said:
        told = said.partition("fatal:")[2]
        for text, state in _CONNECTING_TEXTS:
            if text in told and ("does not exist" in told or not text.endswith(" ")):
                return state
    return None


def unreachable(server: Server) -> errors.TeamDatabaseUnreachable:
    return errors.TeamDatabaseUnreachable(
        f"The team database at {server.address} did not answer.",
        "Check that this computer is on the network (or the VPN, away from the practice), "
        f"that the server name {server.host or 'localhost'} and port {server.port or 5432} "
        "in Settings, Team database, are right, and that the server is running. "
        "Your local data file can be opened meanwhile.",
    )


def lost() -> errors.TeamDatabaseLost:
    return errors.TeamDatabaseLost(
        "The connection to the team database was lost, so the last change was not saved.",
        "What you typed is still on screen: save again once the network is back. "
        "Nothing saved before it is affected.",
    )


def translate_server_error(
    exc: BaseException, server: Server | None = None, *, connecting: bool = False
) -> errors.StorageError | None:
    """Turn a PostgreSQL driver error into a user-facing one; None if it is not a known one.

    ``connecting``: the error came while opening the database, so one without a
    SQLSTATE means the server was never reached (rather than lost part way).
    """
    if not is_server_error(exc):
        return None
    server = server or Server()
    state = _sqlstate(exc)
    user = server.user or "this user"
    if state == INVALID_PASSWORD:
        return errors.TeamDatabaseRefused(
            f"The team database refused the password for {user}.",
            "Check it in Settings, Team database (passwords are case-sensitive), "
            "or ask whoever looks after the server to reset it.",
        )
    if state == INVALID_AUTHORIZATION:
        return errors.TeamDatabaseRefused(
            f"The team database at {server.address} does not let {user} in.",
            "Check the user name in Settings, Team database, or ask whoever looks after the "
            "server to give this user access.",
        )
    if state == INVALID_DATABASE:
        return errors.TeamDatabaseRefused(
            f"The server at {server.address} has no database called {server.database or '?'}.",
            "Check the database name in Settings, Team database.",
        )
    if state == INSUFFICIENT_PRIVILEGE:
        return errors.TeamDatabaseRefused(
            f"The team database does not allow {user} to do this.",
            "Ask whoever looks after the server to give this user the rights it needs. "
            "Nothing was changed.",
        )
    if state == DISK_FULL:
        return errors.DiskFull(
            "The team database's disk is full, so the last change was not saved.",
            "Tell whoever looks after the server. What you typed is still on screen.",
        )
    if state in (TOO_MANY_CONNECTIONS, CANNOT_CONNECT_NOW):
        return errors.TeamDatabaseUnreachable(
            f"The team database at {server.address} is busy or starting up.",
            "Try again in a minute.",
        )
    if state is None and connecting:
        return unreachable(server)
    if state is None or state.startswith("08") or state in (ADMIN_SHUTDOWN, CRASH_SHUTDOWN):
        return lost()
    return None
