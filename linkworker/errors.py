"""Errors the application expects and explains to the person using it.

Each carries a short ``message`` (what is wrong) and ``advice`` (what to do).
They are raised by the data layer and services and shown by the window or
printed by the command line; anything else is a bug and reaches the
global exception hook.
"""

from __future__ import annotations

import logging
import re
import traceback


class UserFacingError(Exception):
    """A known condition with a plain explanation and a way forward."""

    title = "Something needs attention"

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.advice = advice

    def __str__(self) -> str:
        return f"{self.message} {self.advice}".strip()


class StorageError(UserFacingError):
    title = "The data file could not be used"


class DatabaseLocked(StorageError):
    title = "The data file is busy"


class DatabaseReadOnly(StorageError):
    title = "The data folder cannot be written to"


class DiskFull(StorageError):
    title = "The disk is full"


class DatabaseCorrupt(StorageError):
    title = "The data file is damaged"


class DatabaseTooNew(StorageError):
    title = "The data file is from a newer version"


class WrongPassphrase(StorageError):
    """The passphrase given does not open the encrypted data file, which is left as it was."""

    title = "The passphrase does not open the data"


class TeamDatabaseUnreachable(StorageError):
    """The team's database server did not answer (the network, the server, its address)."""

    title = "The team database cannot be reached"


class TeamDatabaseRefused(StorageError):
    """The team's database server would not let this user in (password, user, database)."""

    title = "The team database refused the sign-in"


class TeamDatabaseLost(StorageError):
    """The connection to the team database broke during a piece of work, which was not kept."""

    title = "The connection to the team database was lost"


class ConcurrentEdit(UserFacingError):
    """Someone else saved the record after it was opened here."""

    title = "Changed elsewhere"


class NotPermitted(UserFacingError):
    """The person signed in may not do this (their role does not allow it); nothing changed.

    ``permission`` names what was refused (a word, never personal data), for the audit trail.
    """

    title = "Not allowed"

    def __init__(self, message: str, advice: str = "", *, permission: str = "") -> None:
        super().__init__(message, advice)
        self.permission = permission


class NotFound(UserFacingError):
    title = "Not found"


def person_gone() -> NotFound:
    """A person asked for who is not (or no longer) on the caseload."""
    return NotFound(
        "That person is no longer on the caseload.", "Refresh the list and choose them again."
    )


def referral_gone(typed: bool = False) -> NotFound:
    """A referral (episode) asked for that is not (or no longer) on the record.

    ``typed``: the user was writing something about it, which is still on screen.
    """
    return NotFound(
        "That referral is no longer on the record.",
        "Copy what you typed, then reopen the person's record."
        if typed
        else "Reopen the person's record to see their referrals as they are now.",
    )


class ImportFailed(UserFacingError):
    title = "The file could not be imported"


class ExportFailed(UserFacingError):
    """A file could not be written; any file already there is untouched."""

    title = "The file could not be saved"


# What an error may show ------------------------------------------------------------

#: The values a database statement was run with, as a database error prints them
#: ("[parameters: ('Ann', ...)]"): people's names, dates of birth, NHS numbers, notes.
_PARAMETERS = re.compile(r"^\[parameters: .*$", re.MULTILINE)
#: Ten digits that could be an NHS number, written whole, spaced or dashed.
_NHS_NUMBER = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])")
PARAMETERS_HIDDEN = "[parameters hidden]"


def without_personal_data(text: str) -> str:
    """``text`` (an error message or a traceback) without the values it may carry about a person.

    A database error lists the values its statement was given; those lines go,
    and anything shaped like an NHS number is hidden, so what reaches the log or
    an error dialog names nobody.
    """
    return _NHS_NUMBER.sub("[number hidden]", _PARAMETERS.sub(PARAMETERS_HIDDEN, text))


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` (with what caused it) as text, without personal data.

    A known problem's message is written for the person at the screen and may
    name whom it is about ("... is already the NHS number of ..."), so in a
    traceback each :class:`UserFacingError` shows its title instead.
    """
    text = "".join(traceback.format_exception(exc))
    for known in _chain(exc):
        if isinstance(known, UserFacingError) and str(known):
            text = text.replace(f": {known}\n", f": {known.title} (message not logged)\n")
    return without_personal_data(text)


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions behind it, as a traceback shows them."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in found):
        found.append(current)
        behind = current.__cause__
        if behind is None and not current.__suppress_context__:
            behind = current.__context__
        current = behind
    return found


class PersonalDataFilter(logging.Filter):
    """Takes personal data out of a log record's message and traceback before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = safe_traceback(record.exc_info[1])
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a mistaken format: logging reports it when written
            return True
        safe = without_personal_data(message)
        if safe != message:
            record.msg, record.args = safe, None
        return True
