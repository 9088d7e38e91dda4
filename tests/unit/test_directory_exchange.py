"""What an import of a directory source says it did, and how look-alike listings are compared."""

from __future__ import annotations

import dataclasses

import pytest

from linkworker.domain.directory import AssetDraft, Contact, Location
from linkworker.domain.directory_exchange import (
    ImportReport,
    LookalikeKeys,
    lookalike_keys,
    name_key,
    phone_key,
)

REPORT = ImportReport(
    source_name="Wirral services",
    kind="oruk",
    location="https://example.org/feed",
    dry_run=False,
    complete=True,
    changes_since=None,
    read=1234,
    created=12,
    updated=3,
    unchanged=1200,
    withdrawn=1,
    merged=0,
    left_out=0,
    problems=(),
    warnings=(),
    warnings_total=0,
    notes=(),
    changes=(),
    duplicates=(),
    duplicates_total=0,
)


def report(**changed: object) -> ImportReport:
    return dataclasses.replace(REPORT, **changed)  # type: ignore[arg-type]


def test_imported_counts_new_and_changed() -> None:
    assert REPORT.imported == 15


@pytest.mark.parametrize(
    ("counts", "nothing"),
    [
        ({"created": 0, "updated": 0, "withdrawn": 0}, True),
        ({"created": 1, "updated": 0, "withdrawn": 0}, False),
        ({"created": 0, "updated": 1, "withdrawn": 0}, False),
        ({"created": 0, "updated": 0, "withdrawn": 1}, False),
    ],
)
def test_an_import_that_adds_changes_and_withdraws_nothing(
    counts: dict[str, int], nothing: bool
) -> None:
    assert report(**counts).changes_nothing is nothing


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        ({}, "1,234 records read: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn."),
        (
            {"dry_run": True},
            "1,234 records read. If imported: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn.",
        ),
        (
            {"merged": 2},
            "1,234 records read: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn, "
            "2 merged here before and left alone.",
        ),
        (
            {"left_out": 1500},
            "1,234 records read: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn. "
            "1,500 were left out because of problems.",
        ),
        (
            {"left_out": 4, "dry_run": True},
            "1,234 records read. If imported: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn. "
            "4 would be left out because of problems.",
        ),
        (
            {"duplicates_total": 1},
            "1,234 records read: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn. "
            "1 looks like a listing already held.",
        ),
        (
            {"duplicates_total": 2000},
            "1,234 records read: 12 new, 3 changed, 1,200 unchanged, 1 withdrawn. "
            "2,000 look like listings already held.",
        ),
    ],
)
def test_the_summary_is_one_plain_sentence(counts: dict[str, object], sentence: str) -> None:
    assert report(**counts).summary() == sentence


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Wirral Walking Group", "wirral walking group"),
        ("Tea & Chat", "Tea and chat"),
        ("Men's Shed (Ellesmere Port)", "mens shed ellesmere port"),
        ("St Mary’s Café", "St Marys café"),
        ("Knit, Natter!", "knit natter"),
    ],
)
def test_names_are_compared_loosely(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_a_name_key_keeps_the_words_in_order() -> None:
    assert name_key("The Tea & Chat at the Hub") == "tea and chat at hub"
    assert name_key("Theatre club") == "theatre club"


@pytest.mark.parametrize(
    ("phone", "key"),
    [
        ("0151 123 4567", "01511234567"),
        ("+44 151 123 4567", "01511234567"),
        ("+44 (0)151 123 4567", "01511234567"),
        ("(0151) 123-4567", "01511234567"),
        ("07700 900123", "07700900123"),
        ("016977 3456", "0169773456"),
        ("+44 16977 3456", "0169773456"),
        ("123 4567", ""),
        ("015112345", ""),
        ("", ""),
    ],
)
def test_phone_keys_are_digits_with_44_read_as_0(phone: str, key: str) -> None:
    assert phone_key(phone) == key


def test_lookalike_keys_are_worked_out_from_the_listing() -> None:
    draft = AssetDraft(
        name="The Tea & Chat",
        phone="+44 151 123 4567",
        locations=(Location(postcode="ch65 2ab"), Location(postcode="CH66 1AA")),
        contacts=(Contact(name="Sam", phone=" 0151 999 8888 "), Contact(name="Jo", phone="123")),
    )
    assert lookalike_keys(draft) == LookalikeKeys(
        name="tea and chat",
        postcodes=("CH65 2AB", "CH66 1AA"),
        phones=(("01511234567", "+44 151 123 4567"), ("01519998888", "0151 999 8888")),
    )
