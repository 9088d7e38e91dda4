"""Where the team database is, and its password, kept apart.

The server, port, database and user are settings (``team_database`` in the
settings file). The password is kept in the operating system's keyring (the
``keyring`` package: Windows Credential Manager, macOS Keychain, the Secret
Service on Linux) under :data:`KEYRING_SERVICE`, never in the settings file or
a log line. A URL given with ``--database-url`` or ``LINKWORKER_DATABASE_URL``
is used as it is; a password in it is used and written nowhere.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from linkworker import errors
from linkworker.services.settings import SettingsStore

log = logging.getLogger(__name__)

#: The keyring's name for the team database's passwords.
KEYRING_SERVICE = "Link Worker team database"
#: The environment variable that points the app at a team database.
URL_VARIABLE = "LINKWORKER_DATABASE_URL"
#: The settings key holding the team database's place (never its password).
SETTINGS_KEY = "team_database"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class TeamDatabase:
    """Where the team database is: no password here (see :func:`password_for`)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    #: "require" for a managed server reached over the internet; "" leaves libpq's default.
    sslmode: str = ""

    @property
    def account(self) -> str:
        """The keyring's name for this database's password: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The database's URL, with ``password`` if given."""
        from linkworker.data.database import server_url
        from linkworker.data.server_errors import Server

        server = Server(self.host, self.port, self.database, self.user)
        return server_url(server, password, self.sslmode)

    def problems(self) -> list[str]:
        """What is missing or wrong, in words; empty when it can be tried."""
        found = []
        if not self.host.strip():
            found.append("the server's name or address is missing")
        if not self.database.strip():
            found.append("the database's name is missing")
        if not self.user.strip():
            found.append("the user name is missing")
        if not 0 < self.port < 65536:
            found.append("the port must be a number from 1 to 65535 (usually 5432)")
        return found


def saved_team_database(settings: SettingsStore) -> TeamDatabase | None:
    """The team database saved in Settings, or None (the local data file is used)."""
    saved: Any = settings.get(SETTINGS_KEY)
    if not isinstance(saved, dict) or not saved.get("host"):
        return None
    try:
        port = int(saved.get("port") or DEFAULT_PORT)
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    return TeamDatabase(
        host=str(saved.get("host", "")),
        database=str(saved.get("database", "")),
        user=str(saved.get("user", "")),
        port=port,
        sslmode=str(saved.get("sslmode", "")),
    )


def save_team_database(
    settings: SettingsStore, team: TeamDatabase | None, password: str | None = None
) -> None:
    """Keep ``team`` in Settings and ``password`` (if given) in the keyring; None: use the
    local data file again (the password stays in the keyring until removed there)."""
    if team is None:
        settings.set(SETTINGS_KEY, None)
        return
    problems = team.problems()
    if problems:
        raise errors.UserFacingError(
            "The team database cannot be saved: " + "; ".join(problems) + ".",
            "Fill in the server, port, database and user your IT team gave you.",
        )
    if password:
        keep_password(team, password)
    settings.set(
        SETTINGS_KEY,
        {
            "host": team.host.strip(),
            "port": team.port,
            "database": team.database.strip(),
            "user": team.user.strip(),
            "sslmode": team.sslmode,
        },
    )


def keep_password(team: TeamDatabase, password: str) -> None:
    """Keep the team database's password in the operating system's keyring."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, team.account, password)
    except KeyringError as exc:
        raise errors.UserFacingError(
            "This computer's password store (keyring) would not keep the team database's password.",
            "Unlock the password store (the login keyring) and save again, or ask your IT "
            "team. The password has not been written anywhere else.",
        ) from exc
    log.info("The team database's password was kept in the keyring")


def password_for(team: TeamDatabase) -> str | None:
    """The team database's password from the keyring, or None when none is kept."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, team.account)
    except KeyringError:
        log.warning("The keyring could not be read for the team database's password")
        return None


def team_url(given: str | None, settings: SettingsStore) -> str | None:
    """The team database to open: ``--database-url``, else ``LINKWORKER_DATABASE_URL``,
    else the one in Settings (its password from the keyring); None: the local data file."""
    url = given or os.environ.get(URL_VARIABLE) or None
    if url:
        return url
    team = saved_team_database(settings)
    if team is None:
        return None
    return team.url(password_for(team))


def describe(url: str) -> str:
    """The team database at ``url`` in words, without its password: user@host:port/database."""
    from linkworker.data.database import server_of

    server = server_of(url)
    return f"{server.user}@{server.address}/{server.database}" if server.user else server.address


def check_connection(team: TeamDatabase, password: str | None) -> str:
    """Connect to ``team`` and change nothing; what was found, in words.

    Refusals (no answer, a wrong password, another program's database, a newer
    schema) are raised as their errors, each with a message saying what to check.
    """
    from linkworker.data.database import check_url
    from linkworker.data.migrate import SCHEMA_HEAD, known_revisions

    problems = team.problems()
    if problems:
        raise errors.UserFacingError(
            "The team database cannot be tried yet: " + "; ".join(problems) + ".",
            "Fill in the server, port, database and user your IT team gave you.",
        )
    revision = check_url(team.url(password or password_for(team)))
    where = f"{team.database} on {team.host}"
    if revision is None:
        return f"Connected to {where}. It is empty: Link Worker will set it up when it opens."
    if revision == SCHEMA_HEAD:
        return f"Connected to {where}: the team's Link Worker database, up to date."
    if revision in known_revisions():
        return f"Connected to {where}: Link Worker will bring it up to date when it opens."
    raise errors.DatabaseTooNew(
        f"The team database {where} was written by a newer version of Link Worker.",
        "Install the newer version of Link Worker to use it.",
    )
