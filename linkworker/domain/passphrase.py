"""What makes a passphrase acceptable for the data file, and what to say when it is not."""

from __future__ import annotations

#: Fewer characters than this are refused for a new passphrase.
MIN_LENGTH = 8


def passphrase_problem(passphrase: str, again: str | None = None) -> str | None:
    """Why ``passphrase`` cannot be the new passphrase (None: it can).

    ``again``: the same passphrase typed a second time, which must match.
    """
    if len(passphrase) < MIN_LENGTH:
        return f"The passphrase must be at least {MIN_LENGTH} characters long."
    if not passphrase.strip():
        return "The passphrase cannot be only spaces."
    if again is not None and again != passphrase:
        return "The two passphrases are not the same."
    return None
