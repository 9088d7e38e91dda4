"""The rules for workers' names and secrets, and the slow hash a secret is kept as."""

from __future__ import annotations

import base64

import pytest

from linkworker.domain.workers import (
    COST_N,
    hash_secret,
    name_key,
    name_problem,
    needs_rehash,
    pause_after,
    secret_problem,
    tidy_name,
    verify_secret,
)

#: A cheap cost, so the many hashes below take moments; the format is the same.
QUICK = {"n": 2**10, "r": 8, "p": 1}


def test_names_are_trimmed_for_showing_and_folded_for_matching() -> None:
    assert tidy_name("  Sam   Okafor ") == "Sam Okafor"
    assert name_key("  SAM  okafor") == name_key("sam okafor")
    assert name_key("Zoë") == name_key("ZOË")
    # The same accent typed as one character or as a letter and a combining mark.
    assert name_key("Zoe\u0308") == name_key("Zo\u00eb")
    assert name_key("Sam Okafor") != name_key("Sam Okafer")


def test_a_name_is_needed_and_kept_to_a_sensible_length() -> None:
    assert name_problem("   ") is not None
    assert name_problem("x" * 101) is not None
    assert name_problem("Priya Shah") is None


@pytest.mark.parametrize(
    ("secret", "ok"),
    [
        ("", False),
        ("12345", False),  # a PIN is six digits or more
        ("123456", True),
        ("0000000000", True),
        ("abc1234", False),  # a passphrase is eight characters or more
        ("tea time", True),
        ("correct horse", True),
        ("x" * 201, False),
    ],
)
def test_a_pin_has_six_digits_and_a_passphrase_eight_characters(secret: str, ok: bool) -> None:
    assert (secret_problem(secret) is None) is ok


def test_the_hash_carries_its_costs_and_a_fresh_salt() -> None:
    first = hash_secret("246810", **QUICK)
    second = hash_secret("246810", **QUICK)
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert first != second  # the same PIN never hashes the same twice
    assert "246810" not in first


def test_the_right_secret_matches_and_a_wrong_one_does_not() -> None:
    stored = hash_secret("tea time at four", **QUICK)
    assert verify_secret("tea time at four", stored)
    assert not verify_secret("tea time at five", stored)
    assert not verify_secret("Tea time at four", stored)
    assert not verify_secret("", stored)


def test_a_tampered_hash_never_matches() -> None:
    stored = hash_secret("246810", **QUICK)
    scheme, n, r, p, salt, digest = stored.split("$")
    flipped = base64.b64encode(
        bytes([base64.b64decode(digest)[0] ^ 1]) + base64.b64decode(digest)[1:]
    )
    tampered = [
        "$".join((scheme, n, r, p, salt, flipped.decode())),  # one bit of the hash changed
        "$".join((scheme, n, r, p, base64.b64encode(b"another salt!!").decode(), digest)),
        "$".join((scheme, "1023", r, p, salt, digest)),  # not a power of two
        "$".join((scheme, str(2**30), r, p, salt, digest)),  # a cost to exhaust memory
        "$".join(("bcrypt", n, r, p, salt, digest)),
        "$".join((scheme, n, r, p, salt, digest[:-4])),  # cut short
        "$".join((scheme, n, r, p, salt, "not base64!")),
        stored[:-1] + "$",
        "",
        "246810",
    ]
    for line in tampered:
        assert not verify_secret("246810", line), line


def test_weaker_hashes_are_made_again_at_the_next_sign_in() -> None:
    assert needs_rehash(hash_secret("246810", **QUICK))
    salt, digest = (base64.b64encode(bytes(size)).decode() for size in (16, 32))
    assert not needs_rehash(f"scrypt${COST_N}$8$1${salt}${digest}")
    assert needs_rehash("garbage")


@pytest.mark.parametrize(
    ("wrong", "seconds"),
    [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (9, 480), (10, 900), (50, 900)],
)
def test_the_pause_after_wrong_tries(wrong: int, seconds: int) -> None:
    assert pause_after(wrong) == seconds
