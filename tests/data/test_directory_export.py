"""Exporting a real directory as ORUK 3.0 JSON and as CSV: all of it, a category, an area.

Every exported service is checked against the ORUK 3.0 compiled service schema
in ``../shared/standards`` when it is beside the checkout; without it, the
required keys, the status words and the form of every id are still checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linkworker import errors
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Day,
    DirectoryFilter,
    Location,
    OpeningTime,
    SortKey,
)
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_csv import read_directory_csv
from linkworker.services.directory_export import ExportFormat, export_directory
from linkworker.services.sample_data import load_sample_drafts

SCHEMA = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "standards"
    / "oruk3"
    / "schema"
    / "compiled"
    / "service.json"
)
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
PRIVATE_NOTE = "Side door code is 4471"
PRIVATE_NAME = "Ottoline Verifier"

WELSH = AssetDraft(
    name="Clwb Garddio Maes-y-Coed",
    organisation="Cyfeillion Maes-y-Coed",
    categories=("Gardening", "Sheds"),
    languages=("Cymraeg",),
    locations=(Location("Yr Ardd Gymunedol", "3 Lôn y Wern", "Ellesmere Port", "CH66 4RT"),),
    opening_times=(OpeningTime(Day.FRIDAY, dt.time(13), dt.time(15)),),
    contacts=(Contact("Gwenllïan", "Trefnydd", "01632 960777", "gardd@example.org"),),
    notes=PRIVATE_NOTE,
    verified_by=PRIVATE_NAME,
)
POLISH = AssetDraft(
    name="Polska Sobota: kawa i rozmowa",
    organisation="Stowarzyszenie Łączy Nas",
    categories=("Community cafe",),
    languages=("Polski", "English"),
    status=AssetStatus.PAUSED,
    locations=(Location(address="8 Grzegorz Court", town="Ellesmere Port", postcode="CH65 4JX"),),
)


@pytest.fixture
def filled(directory: DirectoryService) -> DirectoryService:
    """The shipped sample directory, plus two of our own with Welsh and Polish text."""
    directory.add_many(load_sample_drafts(dt.date.today()))
    directory.save(WELSH)
    directory.save(POLISH)
    return directory


def _check(service: dict[str, Any], validator: jsonschema.Validator | None) -> None:
    assert {"id", "name", "status"} <= service.keys()
    assert service["status"] in STATUSES
    for value in _ids(service):
        assert isinstance(value, str) and str(uuid.UUID(value)) == value
    if validator is not None:
        validator.validate(service)


def _ids(value: object) -> Iterator[object]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" or key.endswith("_id"):
                yield item
            yield from _ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item)


def _validator() -> jsonschema.Validator | None:
    if not SCHEMA.is_file():
        return None
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _matching(directory: DirectoryService, flt: DirectoryFilter) -> list[str]:
    """The names the directory's own search gives for ``flt``."""
    return [r.name for r in directory.search(flt, SortKey.NAME, limit=10_000).rows]


def _export_json(directory: DirectoryService, path: Path, flt: DirectoryFilter) -> dict[str, Any]:
    count = export_directory(directory, path, ExportFormat.ORUK_JSON, flt)
    page: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert count == page["total_items"] == page["size"] == len(page["contents"])
    validator = _validator()
    for service in page["contents"]:
        _check(service, validator)
    return page


def test_the_whole_directory_as_oruk_json(tmp_path: Path, filled: DirectoryService) -> None:
    page = _export_json(filled, tmp_path / "directory.json", DirectoryFilter())
    names = _matching(filled, DirectoryFilter())
    assert len(names) == 119
    assert [s["name"] for s in page["contents"]] == names
    assert len({s["id"] for s in page["contents"]}) == 119
    welsh = next(s for s in page["contents"] if s["name"] == WELSH.name)
    assert (
        welsh["service_at_locations"][0]["location"]["addresses"][0]["address_1"] == "3 Lôn y Wern"
    )
    assert welsh["contacts"][0]["phones"][0]["number"] == "01632 960777"
    polish = next(s for s in page["contents"] if s["name"] == POLISH.name)
    assert polish["status"] == "temporarily closed"
    assert polish["organization"]["name"] == "Stowarzyszenie Łączy Nas"
    text = (tmp_path / "directory.json").read_text(encoding="utf-8")
    assert PRIVATE_NOTE not in text and PRIVATE_NAME not in text
    # The sample's own private notes and checkers' names stay behind too.
    for draft in load_sample_drafts(dt.date.today()):
        if draft.notes:
            assert draft.notes not in text
        if draft.verified_by:
            assert f'"{draft.verified_by}"' not in text


def test_a_category_in_both_formats(tmp_path: Path, filled: DirectoryService) -> None:
    sheds = DirectoryFilter(category="Sheds")
    names = _matching(filled, sheds)
    assert WELSH.name in names and len(names) == 6
    page = _export_json(filled, tmp_path / "sheds.json", sheds)
    assert sorted(s["name"] for s in page["contents"]) == sorted(names)
    for service in page["contents"]:
        terms = {a["taxonomy_term"]["name"] for a in service["attributes"]}
        assert "Sheds" in terms

    path = tmp_path / "sheds.csv"
    assert export_directory(filled, path, ExportFormat.CSV, sheds) == 6
    preview = read_directory_csv(path)
    assert preview.ok and not preview.warnings
    assert sorted(d.name for d in preview.drafts) == sorted(names)
    assert all("Sheds" in d.categories for d in preview.drafts)


def test_an_area_in_both_formats(tmp_path: Path, filled: DirectoryService) -> None:
    area = DirectoryFilter(district="CH66")
    names = _matching(filled, area)
    assert WELSH.name in names and 0 < len(names) < 119
    page = _export_json(filled, tmp_path / "ch66.json", area)
    assert sorted(s["name"] for s in page["contents"]) == sorted(names)
    for service in page["contents"]:
        postcodes = [
            address["postal_code"]
            for at in service["service_at_locations"]
            for address in at["location"].get("addresses", ())
        ]
        assert any(p.startswith("CH66 ") for p in postcodes), service["name"]

    path = tmp_path / "ch66.csv"
    assert export_directory(filled, path, ExportFormat.CSV, area) == len(names)
    drafts = read_directory_csv(path).drafts
    assert sorted(d.name for d in drafts) == sorted(names)
    assert all(d.locations[0].postcode.startswith("CH66 ") for d in drafts)


def test_the_whole_directory_as_csv_reads_back(tmp_path: Path, filled: DirectoryService) -> None:
    path = tmp_path / "directory.csv"
    seen: list[tuple[int, int]] = []
    count = export_directory(
        filled, path, ExportFormat.CSV, progress=lambda d, t: seen.append((d, t))
    )
    assert count == 119 and seen[0] == (0, 119) and seen[-1] == (119, 119)
    preview = read_directory_csv(path)
    assert preview.ok and len(preview.drafts) == 119
    welsh = next(d for d in preview.drafts if d.name == WELSH.name)
    assert dataclasses.replace(welsh, id=None) == WELSH


def test_json_progress_and_identical_repeat_exports(
    tmp_path: Path, filled: DirectoryService
) -> None:
    seen: list[tuple[int, int]] = []
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    export_directory(
        filled, first, ExportFormat.ORUK_JSON, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[0] == (0, 119) and (50, 119) in seen and seen[-1] == (119, 119)
    export_directory(filled, second, ExportFormat.ORUK_JSON)
    assert first.read_bytes() == second.read_bytes()


def test_archived_assets_go_only_when_asked_for(tmp_path: Path, filled: DirectoryService) -> None:
    archived = filled.save(dataclasses.replace(POLISH, name="Old Polish Choir"))
    filled.archive(archived.id)
    path = tmp_path / "all.json"
    plain = _export_json(filled, path, DirectoryFilter())
    assert str(archived.id) not in {s["id"] for s in plain["contents"]}
    everything = _export_json(filled, path, DirectoryFilter(include_archived=True))
    (old,) = [s for s in everything["contents"] if s["id"] == str(archived.id)]
    assert old["status"] == "defunct"


def test_an_empty_directory_exports_an_empty_page(
    tmp_path: Path, directory: DirectoryService
) -> None:
    page = _export_json(directory, tmp_path / "empty.json", DirectoryFilter())
    assert page["empty"] is True and page["contents"] == []
    assert export_directory(directory, tmp_path / "empty.csv", ExportFormat.CSV) == 0


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_a_failed_export_says_why_and_keeps_the_old_file(
    tmp_path: Path, filled: DirectoryService, fmt: ExportFormat
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "taken").mkdir()
    with pytest.raises(errors.ExportFailed) as caught:
        export_directory(filled, folder / "taken", fmt)
    assert "left as it was" in caught.value.message
    assert os.listdir(folder) == ["taken"] and os.listdir(folder / "taken") == []


def test_formats_by_name() -> None:
    assert ExportFormat("oruk-json") is ExportFormat.ORUK_JSON
    assert ExportFormat("csv") is ExportFormat.CSV
    assert (ExportFormat.ORUK_JSON.suffix, ExportFormat.CSV.suffix) == (".json", ".csv")
    assert ExportFormat.ORUK_JSON.label == "Open Referral UK 3.0 JSON"
