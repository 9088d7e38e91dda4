"""The sample directory shipped in resources/: complete, valid, varied and safely invented."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import json
import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    JoinMode,
    Location,
)
from linkworker.domain.validation import parse_postcode, parse_url, postcode_parts, validate_asset
from linkworker.services.sample_data import SAMPLE_FILE, draft_from_sample, load_sample_drafts

TODAY = dt.date(2025, 6, 2)

#: The small, fixed set of category names the sample uses.
CATEGORIES = {
    "Community cafe",
    "Befriending",
    "Walking and exercise",
    "Sheds",
    "Gardening",
    "Arts and crafts",
    "Music",
    "Library",
    "Faith and culture",
    "Peer support",
    "Carers",
    "Volunteering",
    "Practical help",
    "Advice",
    "Learning",
}

#: Ellesmere Port and the villages just outside it (Capenhurst, Backford, Elton, Willaston).
LAT_RANGE = (53.23, 53.31)
LONG_RANGE = (-2.99, -2.80)
DISTRICTS = {"CH65", "CH66", "CH64", "CH1", "CH2"}

#: Ofcom numbers reserved for drama: never issued to a real line.
DRAMA_PHONE = re.compile(r"^(01632960\d{3}|01514960\d{3}|07700900\d{3})$")
RESERVED_DOMAIN = re.compile(r"(^|\.)example\.(org|com|net)$")

#: Real organisations and programme names the sample must not borrow.
REAL_NAMES = (
    "Age UK",
    "Citizens Advice",
    "Samaritans",
    "Cruse",
    "Alzheimer's Society",
    "Macmillan",
    "Carers Trust",
    "Royal Voluntary Service",
    "Trussell",
    "parkrun",
    "Men's Sheds Association",
    "U3A",
    "Breathe Easy",
    "Singing for the Brain",
    "Sure Start",
    "Jobcentre",
    "Cheshire West",
)


def _raw() -> list[dict[str, Any]]:
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath(SAMPLE_FILE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    assert isinstance(data, list)
    return data


RAW = _raw()
DRAFTS = [draft_from_sample(raw, TODAY) for raw in RAW]


def _locations() -> list[Location]:
    return [loc for d in DRAFTS for loc in d.locations]


def _contacts() -> list[Contact]:
    return [c for d in DRAFTS for c in d.contacts]


def test_there_are_at_least_85_assets() -> None:
    assert len(RAW) >= 85
    assert len(load_sample_drafts()) == len(RAW)


def test_only_known_keys_are_used() -> None:
    """A misspelt key would be silently ignored by the loader, so catch it here."""
    draft_fields = {f.name for f in dataclasses.fields(AssetDraft)}
    allowed = (draft_fields - {"id", "version", "last_verified_on"}) | {"verified_days_ago"}
    slot_keys = {"day", "starts", "ends", "note"}
    for raw in RAW:
        assert set(raw) <= allowed, (raw["name"], set(raw) - allowed)
        for slot in raw.get("opening_times", ()):
            assert set(slot) <= slot_keys, (raw["name"], slot)


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.name)
def test_every_asset_passes_validation(draft: AssetDraft) -> None:
    assert validate_asset(draft) == []


def test_every_asset_validates_against_the_real_today() -> None:
    for draft in load_sample_drafts():
        assert validate_asset(draft) == [], draft.name


def test_names_are_unique() -> None:
    names = [d.name.strip().casefold() for d in DRAFTS]
    duplicates = [n for n, count in Counter(names).items() if count > 1]
    assert duplicates == []


def test_every_asset_has_the_essentials() -> None:
    for d in DRAFTS:
        assert d.organisation.strip(), d.name
        assert 20 <= len(d.description) <= 400, d.name
        assert d.description.rstrip().endswith((".", "!", "?")), d.name
        assert d.opening_times, d.name
        assert d.tags, d.name
        assert all(t == t.lower() and t.strip() == t and t for t in d.tags), d.name
        assert d.languages, d.name


def test_categories_come_from_the_small_fixed_set() -> None:
    for d in DRAFTS:
        assert 1 <= len(d.categories) <= 3, d.name
        assert len(set(d.categories)) == len(d.categories), d.name
        assert set(d.categories) <= CATEGORIES, (d.name, set(d.categories) - CATEGORIES)


def test_every_category_is_used_at_least_twice() -> None:
    used = Counter(c for d in DRAFTS for c in d.categories)
    assert set(used) == CATEGORIES
    assert min(used.values()) >= 2, used


def test_there_are_opportunities_to_give() -> None:
    volunteering = [d for d in DRAFTS if "Volunteering" in d.categories]
    assert len(volunteering) >= 5


def test_coordinates_are_in_and_around_ellesmere_port() -> None:
    with_coords = 0
    for loc in _locations():
        assert (loc.latitude is None) == (loc.longitude is None), loc
        if loc.latitude is None or loc.longitude is None:
            continue
        with_coords += 1
        assert LAT_RANGE[0] <= loc.latitude <= LAT_RANGE[1], loc
        assert LONG_RANGE[0] <= loc.longitude <= LONG_RANGE[1], loc
    assert with_coords >= 80
    assert any(d.locations and all(loc.latitude is None for loc in d.locations) for d in DRAFTS)


def test_postcodes_parse_and_are_local() -> None:
    districts: Counter[str] = Counter()
    for loc in _locations():
        if not loc.postcode:
            continue
        assert parse_postcode(loc.postcode) == loc.postcode, loc.postcode
        districts[postcode_parts(loc.postcode).district] += 1
    assert set(districts) <= DISTRICTS, districts
    assert districts["CH65"] > 0 and districts["CH66"] > 0
    # Most of the directory is in town; only a few things are just outside it.
    in_town = districts["CH65"] + districts["CH66"]
    assert in_town >= 0.9 * sum(districts.values())


def test_accessibility_keys_are_known() -> None:
    for d in DRAFTS:
        assert set(d.accessibility) <= set(ACCESSIBILITY_FEATURES), d.name
        assert len(set(d.accessibility)) == len(d.accessibility), d.name
    assert any("bsl" in d.accessibility for d in DRAFTS)


def test_every_cost_join_mode_and_status_appears() -> None:
    assert {d.cost for d in DRAFTS} == set(Cost)
    assert {d.join_mode for d in DRAFTS} == set(JoinMode)
    assert {d.status for d in DRAFTS} == set(AssetStatus)
    # Mostly free and mostly running, as in real life.
    assert sum(d.cost is Cost.FREE for d in DRAFTS) > len(DRAFTS) / 2
    assert sum(d.status is AssetStatus.ACTIVE for d in DRAFTS) > 0.9 * len(DRAFTS)


def test_charges_are_explained() -> None:
    for d in DRAFTS:
        if d.cost is not Cost.FREE:
            assert d.cost_note.strip(), d.name


def test_age_limits_waiting_lists_and_languages_vary() -> None:
    assert sum(d.age_min is not None for d in DRAFTS) >= 10
    assert any(d.age_max is not None for d in DRAFTS)
    assert sum(d.waiting_list for d in DRAFTS) >= 3
    assert sum(bool(d.capacity_note) for d in DRAFTS) >= 3
    assert sum(bool(d.eligibility) for d in DRAFTS) >= 10
    other_languages = {lang for d in DRAFTS for lang in d.languages} - {"English"}
    assert len(other_languages) >= 3
    assert any(slot.day is None and slot.note for d in DRAFTS for slot in d.opening_times)


def test_freshness_is_a_realistic_mix() -> None:
    ages = [raw.get("verified_days_ago") for raw in RAW]
    checked = [a for a in ages if a is not None]
    assert all(isinstance(a, int) and 3 <= a <= 900 for a in checked)
    assert min(checked) <= 7
    assert sum(a > 365 for a in checked) >= 3
    never = len(ages) - len(checked)
    assert 0.10 <= never / len(ages) <= 0.20
    for raw, d in zip(RAW, DRAFTS, strict=True):
        if raw.get("verified_days_ago") is None:
            assert d.last_verified_on is None and not d.verified_by, d.name
        else:
            assert d.last_verified_on == TODAY - dt.timedelta(days=raw["verified_days_ago"])
            assert d.verified_by.strip(), d.name


def test_phone_numbers_are_only_from_the_drama_ranges() -> None:
    phones = [d.phone for d in DRAFTS] + [c.phone for c in _contacts()]
    phones = [p for p in phones if p]
    assert len(phones) >= 50
    for phone in phones:
        assert DRAMA_PHONE.match(re.sub(r"\D", "", phone)), phone


def test_emails_and_websites_use_reserved_example_domains() -> None:
    emails = [d.email for d in DRAFTS] + [c.email for c in _contacts()]
    for email in filter(None, emails):
        assert RESERVED_DOMAIN.search(email.rsplit("@", 1)[1].lower()), email
    sites = [d.website for d in DRAFTS if d.website]
    assert sites
    for site in sites:
        host = urlsplit(parse_url(site)).hostname or ""
        assert RESERVED_DOMAIN.search(host), site


def test_no_real_organisation_names() -> None:
    text = json.dumps(RAW, ensure_ascii=False).casefold()
    for name in REAL_NAMES:
        assert name.casefold() not in text, name


def test_contacts_have_a_first_name_and_a_role() -> None:
    contacts = _contacts()
    assert len(contacts) >= 10
    for c in contacts:
        assert c.name.strip() and " " not in c.name.strip(), c
        assert c.role.strip(), c
