"""Writing assets as Open Referral UK 3.0 JSON: valid services, stable ids, streamed, atomic.

Each service is validated against the ORUK 3.0 compiled service schema in
``../shared/standards`` when that folder is beside the checkout; without it the
same tests still check the required keys, the status words and that every id
is a UUID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import resource
import signal
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

from linkworker import errors
from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import validate_asset
from linkworker.interchange.oruk3_write import (
    organisation_id,
    service_from_asset,
    write_oruk3_json,
)

STANDARDS = Path(__file__).resolve().parents[2].parent / "shared" / "standards"
ORUK3 = STANDARDS / "oruk3" / "schema"
TODAY = dt.date(2026, 3, 9)
UPDATED = dt.datetime(2026, 3, 1, 14, 5, 9, 123456)  # naive UTC, as the database keeps it
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
#: What we write beyond the ORUK 3.0 profile, under HSDS 3.0 names (see the module notes).
HSDS_EXTRAS = {"phones", "contacts[].email", "contacts[].phones", "languages[].name"}
SECRET_NOTE = "Keyholder is unreliable, ring twice"
SECRET_NAME = "Verity Checkwell"
T = dt.time


def detail(draft: AssetDraft, *, archived: bool = False) -> AssetDetail:
    asset_id = uuid.uuid5(uuid.NAMESPACE_DNS, draft.name + ".test.invalid")
    return AssetDetail(asset_id, 3, draft, UPDATED - dt.timedelta(days=400), UPDATED, archived)


FULL = AssetDraft(
    name="Rivacre Valley Walking Group",
    organisation="Rivacre Friends  of the Valley",
    description="A gentle two-mile walk with a cuppa afterwards.\nAll paces welcome.",
    categories=("Walking and exercise", "Peer support"),
    tags=("outdoors", "Outdoors", "nature"),
    cost=Cost.LOW_COST,
    cost_note="£1 towards the tea",
    join_mode=JoinMode.SELF_REFERRAL,
    age_min=18,
    age_max=99,
    eligibility="Adults who can walk two miles",
    accessibility=("seating", "parking", "assistance_dogs"),
    languages=("English", "Punjabi"),
    status=AssetStatus.ACTIVE,
    capacity_note="Groups of up to 15",
    waiting_list=True,
    website="https://www.example.org/rivacre-walks?day=tue&x=1",
    email="walks@rivacre.example.org",
    phone="01632 960201",
    locations=(
        Location("Rivacre Park Gates", "4 Brookside Lane", "Ellesmere Port", "CH66 1LE"),
        Location("Overpool Library", "", "Ellesmere Port", "CH65 7ED", 53.2799, -2.9012),
    ),
    opening_times=(
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.SATURDAY, T(9, 30), T(11), "last Saturday of the month"),
        OpeningTime(Day.THURSDAY, None, None, "mornings"),
        OpeningTime(None, T(14), T(15, 30), "term time only"),
        OpeningTime(note="Extra walks in the summer holidays"),
    ),
    contacts=(
        Contact("Dot", "Walk leader", "07700 900123", "dot@rivacre.example.org"),
        Contact(name="Reception"),
    ),
    last_verified_on=dt.date(2026, 2, 14),
    verified_by=SECRET_NAME,
    notes=SECRET_NOTE,
)
MINIMAL = AssetDraft(name="Tuesday Knit and Natter")
COORDINATES = AssetDraft(
    name="Whitby Park Growing Space",
    organisation="Whitby Growers",
    categories=("Gardening",),
    locations=(Location(postcode="CH65 6QY", latitude=53.27, longitude=-2.92),),
)
WELSH = AssetDraft(
    name="Côr Cymunedol Bryn Ŵyn",
    organisation="Cymdeithas Gerddorol Bryn Ŵyn",
    description="Canu gyda'n gilydd bob wythnos; croeso i bawb.",
    categories=("Music",),
    languages=("Cymraeg", "English"),
    locations=(Location("Neuadd yr Eglwys", "2 Ffordd y Felin", "Llanfair Ddu", "LL15 2AB"),),
    opening_times=(OpeningTime(Day.WEDNESDAY, T(19), T(21)),),
)
POLISH = AssetDraft(
    name="Klub Seniora „Złota Jesień”",
    organisation="Stowarzyszenie Łączy Nas",
    categories=("Befriending", "Faith and culture"),
    languages=("Polski",),
    contacts=(Contact("Bożena Wójcik-Żuławska", "Koordynatorka", email="zlota@example.org"),),
    locations=(Location(address="15 Grzegorz Court", town="Ellesmere Port", postcode="CH65 4JX"),),
)
PAUSED = dataclasses.replace(MINIMAL, name="Paused Pottery Club", status=AssetStatus.PAUSED)
CLOSED = dataclasses.replace(MINIMAL, name="Closed Chess Club", status=AssetStatus.CLOSED)
NOTE_ONLY = AssetDraft(
    name="Befriending Phone Calls",
    organisation="",
    cost=Cost.FREE,
    cost_note="Always free",
    opening_times=(OpeningTime(note="Calls by arrangement, Monday to Saturday"),),
    phone="+44 1632 960999",
)
PAID = AssetDraft(name="Chair Yoga", cost=Cost.PAID, age_min=0, age_max=0)
DRAFTS = (FULL, MINIMAL, COORDINATES, WELSH, POLISH, PAUSED, CLOSED, NOTE_ONLY, PAID)


# Checking a service ------------------------------------------------------------


@cache
def _schema(name: str) -> dict[str, Any] | None:
    path = ORUK3 / "compiled" / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _format_checker() -> jsonschema.FormatChecker:
    """jsonschema's checks, plus uri and date-time (which need packages we do not install)."""
    checker = jsonschema.FormatChecker()

    def is_uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        allowed = re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", value)
        return bool(parts.scheme and parts.netloc and allowed)

    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return "T" in value and dt.datetime.fromisoformat(value).tzinfo is not None

    checker.checks("uri", raises=ValueError)(is_uri)
    checker.checks("date-time", raises=ValueError)(is_date_time)
    return checker


def _walk_ids(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" or key.endswith("_id"):
                yield f"{path}.{key}", item
            yield from _walk_ids(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _walk_ids(item, f"{path}[{n}]")


def _extras(value: object, schema: dict[str, Any], path: str = "") -> set[str]:
    """Properties the schema does not define (it allows them; we want to know which)."""
    found: set[str] = set()
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            if key not in schema["properties"]:
                found.add(path + key)
            else:
                found |= _extras(item, schema["properties"][key], f"{path}{key}")
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            found |= _extras(item, schema["items"], path + "[].")
    return found


def _is_uuid(value: object) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def check_service(service: dict[str, Any]) -> None:
    """Against the ORUK 3.0 schema when it is here; always the basics any reader relies on."""
    assert {"id", "name", "status"} <= service.keys()
    assert service["name"].strip()
    assert service["status"] in STATUSES
    ids = list(_walk_ids(service))
    for where, value in ids:
        assert _is_uuid(value), f"{where} is not a UUID: {value!r}"
    own = [v for w, v in ids if w.endswith(".id") and "taxonomy_term" not in w]
    own = [v for v in own if v != service.get("organization_id")]
    assert len(own) == len(set(own)), "an id is used twice in one service"
    schema = _schema("service.json")
    if schema is not None:
        jsonschema.Draft202012Validator(schema, format_checker=_format_checker()).validate(service)
        assert _extras(service, schema) <= HSDS_EXTRAS


def test_the_invented_drafts_are_ones_the_directory_would_accept() -> None:
    for draft in DRAFTS:
        assert validate_asset(draft, TODAY) == [], draft.name


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.name)
def test_every_kind_of_asset_gives_a_valid_service(draft: AssetDraft) -> None:
    service = service_from_asset(detail(draft))
    check_service(service)
    assert service["id"] == str(detail(draft).id)
    assert service["name"] == draft.name
    assert service["last_modified"] == "2026-03-01T14:05:09Z"


def test_an_archived_asset_is_defunct_and_still_valid() -> None:
    service = service_from_asset(detail(FULL, archived=True))
    check_service(service)
    assert service["status"] == "defunct"


def test_the_checker_itself_refuses_a_bad_service() -> None:
    good = service_from_asset(detail(MINIMAL))
    for bad in ({**good, "status": "open"}, {**good, "id": "asset-1"}, {"id": good["id"]}):
        with pytest.raises((AssertionError, jsonschema.ValidationError)):
            check_service(bad)


def test_status_words() -> None:
    words = [service_from_asset(detail(d))["status"] for d in (MINIMAL, PAUSED, CLOSED)]
    assert words == ["active", "temporarily closed", "inactive"]


def test_the_full_asset_in_detail() -> None:
    service = service_from_asset(detail(FULL))
    assert service["url"] == "https://www.example.org/rivacre-walks?day=tue&x=1"
    assert service["email"] == "walks@rivacre.example.org"
    assert service["fees"] == "Low cost: £1 towards the tea"
    assert service["cost_options"] == [
        {
            "id": service["cost_options"][0]["id"],
            "service_id": service["id"],
            "option": "Low cost",
            "amount_description": "£1 towards the tea",
        }
    ]
    assert (service["minimum_age"], service["maximum_age"]) == (18, 99)
    assert service["assured_date"] == "2026-02-14"
    assert service["alert"] == "Groups of up to 15 There is a waiting list."
    assert service["organization"] == {
        "id": service["organization_id"],
        "name": "Rivacre Friends  of the Valley",
        "description": "",
    }
    assert service["phones"][0]["number"] == "01632 960201"
    assert [lang["name"] for lang in service["languages"]] == ["English", "Punjabi"]


def test_locations_addresses_coordinates_and_accessibility() -> None:
    first, second = (
        s["location"] for s in service_from_asset(detail(FULL))["service_at_locations"]
    )
    assert first["name"] == "Rivacre Park Gates"
    assert "latitude" not in first
    (address,) = first["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "4 Brookside Lane",
        "Ellesmere Port",
        "CH66 1LE",
    )
    assert (address["country"], address["address_type"]) == ("GB", "physical")
    assert [a["description"] for a in first["accessibility"]] == [
        "Seating available",
        "Parking nearby",
        "Assistance dogs welcome",
    ]
    assert (second["latitude"], second["longitude"]) == (53.2799, -2.9012)
    assert second["accessibility"][0]["id"] != first["accessibility"][0]["id"]


def test_opening_times_become_rfc5545_schedules() -> None:
    schedules = service_from_asset(detail(FULL))["schedules"]
    trimmed = [{k: v for k, v in s.items() if k not in ("id", "service_id")} for s in schedules]
    assert trimmed == [
        {
            "freq": "WEEKLY",
            "byday": "TU",
            "opens_at": "10:00",
            "closes_at": "12:00",
            "description": "Tuesday 10:00-12:00",
        },
        {
            "freq": "MONTHLY",
            "byday": "-1SA",
            "opens_at": "09:30",
            "closes_at": "11:00",
            "description": "Saturday 09:30-11:00 last Saturday of the month",
        },
        {"freq": "WEEKLY", "byday": "TH", "description": "Thursday mornings"},
        {"opens_at": "14:00", "closes_at": "15:30", "description": "14:00-15:30 term time only"},
        {"description": "Extra walks in the summer holidays"},
    ]


def test_contacts_and_their_phones() -> None:
    dot, reception = service_from_asset(detail(FULL))["contacts"]
    assert (dot["name"], dot["title"], dot["email"]) == (
        "Dot",
        "Walk leader",
        "dot@rivacre.example.org",
    )
    assert dot["phones"] == [
        {"id": dot["phones"][0]["id"], "contact_id": dot["id"], "number": "07700 900123"}
    ]
    assert reception == {
        "id": reception["id"],
        "service_id": dot["service_id"],
        "name": "Reception",
    }


def test_categories_and_tags_become_attributes() -> None:
    attributes = service_from_asset(detail(FULL))["attributes"]
    terms = [(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"]) for a in attributes]
    assert terms == [
        ("Link Worker categories", "Walking and exercise"),
        ("Link Worker categories", "Peer support"),
        ("Link Worker tags", "outdoors"),  # "Outdoors" is the same tag
        ("Link Worker tags", "nature"),
    ]
    for attribute in attributes:
        assert attribute["taxonomy_term_id"] == attribute["taxonomy_term"]["id"]
        assert attribute["taxonomy_term"]["term"] == attribute["taxonomy_term"]["name"]
    # The same category has the same term id in every service.
    gardening = service_from_asset(detail(COORDINATES))["attributes"][0]["taxonomy_term"]
    again = service_from_asset(detail(dataclasses.replace(MINIMAL, categories=("gardening",))))
    assert again["attributes"][0]["taxonomy_term"]["id"] == gardening["id"]


def test_free_costs_nothing_and_empty_things_are_left_out() -> None:
    service = service_from_asset(detail(NOTE_ONLY))
    assert service["fees"] == "Free: Always free"
    assert service["cost_options"][0]["amount"] == 0
    for key in ("organization", "organization_id", "url", "email", "assured_date", "alert"):
        assert key not in service
    assert service["schedules"] == [
        {
            "id": service["schedules"][0]["id"],
            "service_id": service["id"],
            "description": "Calls by arrangement, Monday to Saturday",
        }
    ]
    minimal = service_from_asset(detail(MINIMAL))
    assert set(minimal) == {"id", "name", "status", "fees", "last_modified", "cost_options"}
    paid = service_from_asset(detail(PAID))
    assert "amount" not in paid["cost_options"][0]
    assert (paid["minimum_age"], paid["maximum_age"]) == (0, 0)


def test_organisation_ids_ignore_case_and_spacing() -> None:
    assert organisation_id("Whitby Growers") == organisation_id("  whitby   GROWERS ")
    assert organisation_id("Whitby Growers") != organisation_id("Whitby Gardeners")
    service = service_from_asset(detail(COORDINATES))
    assert service["organization"]["id"] == organisation_id("whitby growers")


def test_the_same_asset_gives_the_same_service_every_time() -> None:
    for draft in DRAFTS:
        assert service_from_asset(detail(draft)) == service_from_asset(detail(draft))


def test_nested_ids_are_uuid5_of_the_asset_id_and_a_path() -> None:
    asset = detail(FULL)
    service = service_from_asset(asset)
    at = service["service_at_locations"][1]
    assert at["id"] == str(uuid.uuid5(asset.id, "service_at_location/1"))
    assert at["location"]["id"] == at["location_id"] == str(uuid.uuid5(asset.id, "location/1"))
    assert service["schedules"][4]["id"] == str(uuid.uuid5(asset.id, "schedule/4"))
    contact_phone = service["contacts"][0]["phones"][0]["id"]
    assert contact_phone == str(uuid.uuid5(asset.id, "contact/0/phone/0"))


def test_only_organisations_and_terms_share_ids_between_assets() -> None:
    first = service_from_asset(detail(FULL))
    other = dataclasses.replace(detail(FULL), id=uuid.UUID(int=7))
    second = service_from_asset(other)

    def own_ids(service: dict[str, Any]) -> set[object]:
        return {v for w, v in _walk_ids(service) if w.endswith(".id")}

    shared = {first["organization_id"]} | {a["taxonomy_term"]["id"] for a in first["attributes"]}
    assert own_ids(first) & own_ids(second) == shared


def test_private_notes_and_names_never_leave() -> None:
    text = json.dumps([service_from_asset(detail(d)) for d in DRAFTS], ensure_ascii=False)
    assert SECRET_NOTE not in text
    assert SECRET_NAME not in text
    assert "Verity" not in text and "Keyholder" not in text


def test_a_web_address_with_spaces_or_accents_is_made_a_valid_uri() -> None:
    draft = dataclasses.replace(MINIMAL, website="https://côr.example.org/ein côr")
    service = service_from_asset(detail(draft))
    assert service["url"] == "https://xn--cr-8ja.example.org/ein%20c%C3%B4r"
    check_service(service)


# Writing a page ----------------------------------------------------------------


def test_a_page_holds_every_service_in_order(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    details = [detail(d) for d in DRAFTS]
    seen: list[tuple[int, int]] = []
    assert write_oruk3_json(details, path, len(details), lambda d, t: seen.append((d, t))) == 9
    page = json.loads(path.read_text(encoding="utf-8"))
    assert {k: v for k, v in page.items() if k != "contents"} == {
        "total_items": 9,
        "total_pages": 1,
        "page_number": 1,
        "size": 9,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert page["contents"] == [service_from_asset(d) for d in details]
    assert seen[-1] == (9, 9)
    raw = path.read_bytes()
    assert "Côr Cymunedol Bryn Ŵyn".encode() in raw  # UTF-8, not \u escapes
    assert "„Złota Jesień”".encode() in raw
    assert SECRET_NOTE.encode() not in raw and SECRET_NAME.encode() not in raw
    page_schema = _page_schema()
    if page_schema is not None:
        jsonschema.Draft202012Validator(page_schema).validate(page)


def _page_schema() -> dict[str, Any] | None:
    path = ORUK3 / "openapi.json"
    if not path.is_file():
        return None
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["components"]["schemas"]
    return schema["Page"]  # type: ignore[no-any-return]


def test_an_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    assert write_oruk3_json([], path, 0) == 0
    page = json.loads(path.read_text(encoding="utf-8"))
    assert (page["total_items"], page["size"], page["empty"], page["contents"]) == (0, 0, True, [])


def test_exporting_twice_gives_identical_files(tmp_path: Path) -> None:
    details = [detail(d) for d in DRAFTS]
    write_oruk3_json(details, tmp_path / "a.json", 9)
    write_oruk3_json(details, tmp_path / "b.json", 9)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_wrong_total_is_corrected(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    details = [detail(d) for d in DRAFTS[:4]]
    assert write_oruk3_json(details, path, 12345) == 4
    page = json.loads(path.read_text(encoding="utf-8"))
    assert (page["total_items"], page["size"], len(page["contents"])) == (4, 4, 4)
    assert write_oruk3_json([], path, 3) == 0
    assert json.loads(path.read_text(encoding="utf-8"))["empty"] is True


def _many(n: int) -> Iterator[AssetDetail]:
    for i in range(n):
        draft = dataclasses.replace(FULL, name=f"Walking group {i}")
        yield AssetDetail(uuid.UUID(int=i + 1), 1, draft, UPDATED, UPDATED)


def test_writing_streams_one_service_at_a_time(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "big.json"
    sizes: dict[int, int] = {}

    def watched() -> Iterator[AssetDetail]:
        for n, item in enumerate(_many(5000)):
            if n in (1000, 4000):
                temps = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
                assert len(temps) == 1 and not path.exists()
                sizes[n] = temps[0].stat().st_size
            yield item

    assert write_oruk3_json(watched(), path, 5000) == 5000
    # Services pulled early were already on disk long before the last was read.
    assert 0 < sizes[1000] < sizes[4000] < path.stat().st_size
    assert sizes[1000] > 500 * 1000
    assert len(json.loads(path.read_bytes())["contents"]) == 5000
    assert os.listdir(folder) == ["big.json"]


# Failing safely ----------------------------------------------------------------


def test_a_folder_in_the_way_is_explained_and_nothing_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "directory.json"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(errors.ExportFailed) as caught:
        write_oruk3_json([detail(MINIMAL)], target, 1)
    assert "folder" in caught.value.message and caught.value.advice
    assert (target / "keep.txt").read_text() == "mine"
    assert os.listdir(folder) == ["directory.json"]


def test_a_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(errors.ExportFailed) as caught:
        write_oruk3_json([detail(MINIMAL)], tmp_path / "no" / "such.json", 1)
    assert "does not exist" in caught.value.message
    assert "left as it was" in caught.value.message


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="POSIX file size limit")
def test_running_out_of_room_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    """A real write failure part way: the file size limit stands in for a full disk."""
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "directory.json"
    path.write_text("the old export\n", encoding="utf-8")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, hard))
    try:
        with pytest.raises(errors.ExportFailed) as caught:
            write_oruk3_json(_many(2000), path, 2000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert "disk is full" in caught.value.message
    assert path.read_text(encoding="utf-8") == "the old export\n"
    assert os.listdir(folder) == ["directory.json"]


def test_a_failure_while_reading_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "directory.json"
    path.write_text("the old export\n", encoding="utf-8")

    def breaks() -> Iterator[AssetDetail]:
        yield from _many(300)
        raise errors.DatabaseLocked("The data file is busy.")

    with pytest.raises(errors.DatabaseLocked):
        write_oruk3_json(breaks(), path, 1000)
    assert path.read_text(encoding="utf-8") == "the old export\n"
    assert os.listdir(folder) == ["directory.json"]
