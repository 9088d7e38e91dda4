"""The workers who sign in: their names, the rules for a PIN or passphrase, and its hash.

A secret is never kept: only a slow hash of it (scrypt, with a random salt), in
one line that carries its own parameters, ``scrypt$n$r$p$salt$hash`` (salt and
hash in base64), so a later version can make the cost stronger and still check
the hashes made before. Checking compares in constant time, and a hash that has
been tampered with (cut short, costs out of bounds, not base64) never matches.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Literal

#: What a worker may do (linkworker.domain.permissions holds what each role permits).
#: "worker" is a link worker; the stored words are kept as they were first written.
Role = Literal["worker", "manager", "directory_editor", "read_only"]
ROLES: tuple[Role, ...] = ("worker", "manager", "directory_editor", "read_only")

PIN_DIGITS = 6
PASSPHRASE_CHARACTERS = 8
NAME_LIMIT = 100
#: Longer than anyone types; a bound on the work one check can be made to do.
SECRET_LIMIT = 200

SCHEME = "scrypt"
#: About a third of a second on a shared laptop core: slow for a guesser, quick to sign in.
COST_N = 2**15
COST_R = 8
COST_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
#: The costs a stored hash may ask for; beyond them it is treated as tampered with.
_N_RANGE = (2**10, 2**20)
_R_RANGE = (1, 32)
_P_RANGE = (1, 16)


@dataclass(frozen=True, slots=True)
class Worker:
    """A worker who can sign in (or who did, once: an archived one no longer can)."""

    id: uuid.UUID
    display_name: str
    role: Role = "worker"
    created_at: dt.datetime | None = None
    last_signed_in_at: dt.datetime | None = None
    archived_at: dt.datetime | None = None

    @property
    def is_manager(self) -> bool:
        """A manager may add workers, reset a worker's PIN, archive one and hand over caseloads."""
        return self.role == "manager"

    @property
    def archived(self) -> bool:
        """A worker who has left: kept for the record, cannot sign in."""
        return self.archived_at is not None


def tidy_name(name: str) -> str:
    """A name as it is shown: spaces trimmed and runs of them made one."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """A name folded for matching: case, accents written two ways and spacing do not count."""
    return unicodedata.normalize("NFKC", tidy_name(name)).casefold()


def name_problem(name: str) -> str | None:
    """What is wrong with ``name`` as a worker's name, or None."""
    tidy = tidy_name(name)
    if not tidy:
        return "Give the name people know this worker by."
    if len(tidy) > NAME_LIMIT:
        return f"A name can be at most {NAME_LIMIT} characters."
    return None


def is_pin(secret: str) -> bool:
    """True when ``secret`` is all digits: it is a PIN, not a passphrase."""
    return secret.isascii() and secret.isdigit()


def secret_problem(secret: str) -> str | None:
    """What is wrong with ``secret`` as a new PIN or passphrase, or None.

    A PIN has at least six digits; anything else is a passphrase of at least
    eight characters. Spaces count: the secret is checked exactly as typed.
    """
    if not secret:
        return (
            f"Choose a PIN of at least {PIN_DIGITS} digits or a passphrase of at least "
            f"{PASSPHRASE_CHARACTERS} characters."
        )
    if len(secret) > SECRET_LIMIT:
        return f"A passphrase can be at most {SECRET_LIMIT} characters."
    if is_pin(secret):
        if len(secret) < PIN_DIGITS:
            return f"A PIN needs at least {PIN_DIGITS} digits."
        return None
    if len(secret) < PASSPHRASE_CHARACTERS:
        return f"A passphrase needs at least {PASSPHRASE_CHARACTERS} characters."
    return None


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # Room for scrypt's own working memory (128 * n * r bytes) with some to spare.
    memory = 128 * n * r * (p + 2)
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=HASH_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(
    secret: str, *, n: int = COST_N, r: int = COST_R, p: int = COST_P, salt: bytes | None = None
) -> str:
    """The line to store for ``secret``: ``scrypt$n$r$p$salt$hash``, with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = _scrypt(secret, salt, n, r, p)
    return "$".join((SCHEME, str(n), str(r), str(p), _b64(salt), _b64(digest)))


@dataclass(frozen=True, slots=True)
class _Stored:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _parse(stored: str) -> _Stored | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if n & (n - 1) or not (_within(n, _N_RANGE) and _within(r, _R_RANGE) and _within(p, _P_RANGE)):
        return None
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        return None
    return _Stored(n, r, p, salt, digest)


def verify_secret(secret: str, stored: str) -> bool:
    """True when ``secret`` is the one ``stored`` was made from; False for anything else.

    A stored line that is malformed or asks for costs out of bounds never matches.
    """
    parsed = _parse(stored)
    if parsed is None or len(secret) > SECRET_LIMIT:
        return False
    digest = _scrypt(secret, parsed.salt, parsed.n, parsed.r, parsed.p)
    return hmac.compare_digest(digest, parsed.digest)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with weaker costs than today's (hash it again at sign-in)."""
    parsed = _parse(stored)
    return parsed is None or (parsed.n, parsed.r, parsed.p) < (COST_N, COST_R, COST_P)


#: Wrong tries in a row for one name that are let through before a pause.
FREE_TRIES = 5
#: The first pause, doubled with each further wrong try, up to the longest.
FIRST_PAUSE_SECONDS = 30
LONGEST_PAUSE_SECONDS = 15 * 60


def pause_after(wrong_tries: int) -> int:
    """Seconds to wait before another try, after ``wrong_tries`` wrong ones in a row.

    Five are free (a PIN mistyped, Caps Lock); then 30 seconds, doubling with each wrong
    try to at most 15 minutes: slow enough to stop someone guessing a 6-digit PIN at the
    keyboard of a laptop left open, short enough not to lock a worker out of their day.
    """
    if wrong_tries < FREE_TRIES:
        return 0
    pause: int = FIRST_PAUSE_SECONDS << (wrong_tries - FREE_TRIES)
    return min(pause, LONGEST_PAUSE_SECONDS)
