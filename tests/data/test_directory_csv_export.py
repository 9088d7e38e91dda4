"""The directory spreadsheet: exporting, importing an export again, and any input."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from directory_csv_rows import (
    T,
    count,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spreadsheets import write_csv

from linkworker import errors
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.errors import ExportFailed
from linkworker.services import directory_csv
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_csv import (
    COLUMNS,
    CsvPreview,
    RowProblem,
    export_directory_csv,
    import_directory_csv,
    read_directory_csv,
    row_from_draft,
)

# Exporting ------------------------------------------------------------------

FULL = AssetDraft(
    name="Wirral Walking Group",
    organisation="Wirral Ramblers",
    description='Gentle walks, about 2 miles.\nTea afterwards, "on us".',
    categories=("Walking", "Exercise"),
    tags=("outdoors", "@home", "social"),
    cost=Cost.LOW_COST,
    cost_note="£2 a walk",
    join_mode=JoinMode.SELF_REFERRAL,
    age_min=18,
    age_max=99,
    eligibility="Adults; carers welcome too",
    accessibility=("step_free", "seating", "hearing_loop"),
    languages=("English", "Polish"),
    status=AssetStatus.PAUSED,
    capacity_note="12 places",
    waiting_list=True,
    website="https://example.org/walks",
    email="walks@example.org",
    phone="+44 1632 960123",
    locations=(Location("Hoylake Parade", "1 Market St", "Hoylake", "CH47 2AB", 53.3912, -3.1801),),
    opening_times=(
        OpeningTime(Day.TUESDAY, T(10), T(12)),
        OpeningTime(Day.THURSDAY, T(14), None, "term time only"),
        OpeningTime(note="first Friday of the month"),
    ),
    contacts=(Contact("Sam Jones", "Walk leader", "07700 900123", "sam@example.org"),),
    last_verified_on=dt.date(2024, 3, 1),
    verified_by="A. Link",
    notes="=SUM(A1) must stay text\n-5 degrees is too cold",
)
MINIMAL = AssetDraft(name="Knit and natter")
FORMULAE = AssetDraft(
    name='=HYPERLINK("http://evil.example")',
    organisation="+Plus Org",
    description="-minus",
    cost_note="'=already quoted",
    verified_by="@someone",
)


def normalised(draft: AssetDraft) -> dict[str, Any]:
    """The fields a CSV holds, ignoring id and version; sets where order is not kept."""
    values = {f.name: getattr(draft, f.name) for f in dataclasses.fields(AssetDraft)}
    del values["id"], values["version"]
    for name in ("categories", "tags", "accessibility", "languages"):
        values[name] = sorted(values[name])
    return values


def test_export_then_import_into_a_fresh_database_round_trips_every_field(
    tmp_path: Path, directory: DirectoryService
) -> None:
    from linkworker.paths import AppPaths
    from linkworker.services.context import open_services

    originals = [FULL, MINIMAL, FORMULAE]
    directory.add_many(originals)
    path = tmp_path / "export.csv"

    assert export_directory_csv(directory, path) == 3

    preview = read_directory_csv(path)
    assert preview.ok and preview.warnings == () and preview.duplicates == ()
    assert preview.encoding == "UTF-8 with BOM"
    fresh = open_services(AppPaths.under(tmp_path / "fresh"))
    try:
        assert import_directory_csv(fresh.directory, preview) == 3
        before = {d.name: d for d in directory.details()}
        after = {d.name: d for d in fresh.directory.details()}
    finally:
        fresh.close()
    assert sorted(after) == sorted(d.name for d in originals)
    for original in originals:
        assert normalised(after[original.name].draft) == normalised(original), original.name
        assert after[original.name].id == before[original.name].id  # ids travel with the file


def test_export_file_is_excel_friendly_and_guards_formulae(
    tmp_path: Path, directory: DirectoryService
) -> None:
    directory.add_many([FORMULAE, FULL])
    path = tmp_path / "out.csv"
    export_directory_csv(directory, path)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    by_name = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    evil = by_name['\'=HYPERLINK("http://evil.example")']
    assert evil["organisation"] == "'+Plus Org"
    assert evil["description"] == "'-minus"
    assert evil["cost_note"] == "''=already quoted"
    assert evil["verified_by"] == "'@someone"
    walk = by_name["Wirral Walking Group"]
    assert walk["phone"] == "'+44 1632 960123"
    assert walk["longitude"] == "-3.1801"  # numbers are not prefixed
    assert walk["waiting_list"] == "yes"
    assert walk["opening_times"] == "Tue 10:00-12:00; Thu 14:00 (term time only); " + (
        "first Friday of the month"
    )
    assert uuid.UUID(walk["id"])


def test_export_writes_only_the_first_location_and_contact(
    tmp_path: Path, directory: DirectoryService
) -> None:
    two = AssetDraft(
        name="Two places",
        locations=(Location(postcode="CH41 1AA"), Location(postcode="CH42 1AA")),
        contacts=(Contact(name="First"), Contact(name="Second")),
    )
    directory.add_many([two])
    path = tmp_path / "two.csv"
    export_directory_csv(directory, path)
    (draft,) = read_directory_csv(path).drafts
    assert draft.locations == (Location(postcode="CH41 1AA"),)
    assert draft.contacts == (Contact(name="First"),)


def test_export_filter_chooses_the_rows(tmp_path: Path, directory: DirectoryService) -> None:
    directory.add_many([FULL, MINIMAL])
    path = tmp_path / "paid.csv"
    assert export_directory_csv(directory, path, DirectoryFilter(cost=Cost.LOW_COST)) == 1
    assert [d.name for d in read_directory_csv(path).drafts] == [FULL.name]


def test_a_failed_export_leaves_the_old_file_untouched(
    tmp_path: Path, directory: DirectoryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory.add_many([FULL])
    path = tmp_path / "out" / "directory.csv"
    path.parent.mkdir()
    path.write_text("the old export\n")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportFailed) as caught:
        export_directory_csv(directory, path)
    assert "Permission denied" in caught.value.message
    assert path.read_text() == "the old export\n"
    assert os.listdir(path.parent) == ["directory.csv"]  # no temporary file left behind


def test_an_error_while_writing_leaves_the_old_file_untouched(
    tmp_path: Path, directory: DirectoryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "directory.csv"
    path.parent.mkdir()
    path.write_text("the old export\n")

    def broken(flt: DirectoryFilter = DirectoryFilter()) -> Any:
        yield directory.save(MINIMAL)
        raise errors.DiskFull("The disk is full.")

    monkeypatch.setattr(directory, "details", broken)
    with pytest.raises(errors.DiskFull):
        export_directory_csv(directory, path)
    assert path.read_text() == "the old export\n"
    assert os.listdir(path.parent) == ["directory.csv"]


def test_export_to_a_missing_folder_is_explained(
    tmp_path: Path, directory: DirectoryService
) -> None:
    with pytest.raises(ExportFailed) as caught:
        export_directory_csv(directory, tmp_path / "no" / "such" / "folder.csv")
    assert "left as it was" in caught.value.message


# Importing ------------------------------------------------------------------


def test_importing_an_export_into_the_same_directory_is_refused(
    tmp_path: Path, directory: DirectoryService
) -> None:
    directory.add_many([FULL, MINIMAL])
    path = tmp_path / "again.csv"
    export_directory_csv(directory, path)
    preview = read_directory_csv(path)
    with pytest.raises(errors.ImportFailed) as caught:
        import_directory_csv(directory, preview)
    assert "rows 2, 3" in caught.value.message
    assert "delete the id column" in caught.value.advice
    assert count(directory) == 2


def test_an_archived_asset_id_counts_as_already_there(
    tmp_path: Path, directory: DirectoryService
) -> None:
    archived = directory.archive(directory.save(MINIMAL).id)
    rows = [{"name": "New one"}, {"name": "Knit again", "id": str(archived.id)}]
    preview = read_directory_csv(write_csv(tmp_path / "a.csv", rows))
    assert preview.ok
    with pytest.raises(errors.ImportFailed) as caught:
        import_directory_csv(directory, preview)
    assert "rows 3 have ids" in caught.value.message
    assert directory.search(DirectoryFilter(include_archived=True)).total == 1


def test_import_refuses_a_preview_with_problems(directory: DirectoryService) -> None:
    preview = CsvPreview(
        drafts=(MINIMAL,),
        problems=(RowProblem(4, "cost: 'dear' is not a cost."),),
        duplicates=(),
        warnings=(),
        encoding="UTF-8",
        rows_read=2,
    )
    assert not preview.ok
    with pytest.raises(errors.ImportFailed):
        import_directory_csv(directory, preview)
    assert count(directory) == 0


def test_a_row_written_and_read_back_is_the_same_draft() -> None:
    row = dict(zip(COLUMNS, row_from_draft(FULL), strict=True))
    cells = {k: directory_csv.unguard_cell(v) for k, v in row.items() if v}
    draft, problems = directory_csv.draft_from_cells(cells)
    assert problems == []
    assert draft == FULL


# Any input: a preview or a clear error, and never half an import ------------


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    column=st.sampled_from(COLUMNS),
    text=st.text(),
    where=st.sampled_from([(0,), (1,), (2,), (0, 1, 2)]),
)
def test_any_text_in_any_cell_gives_a_preview_or_a_clear_error(
    tmp_path: Path, directory: DirectoryService, column: str, text: str, where: tuple[int, ...]
) -> None:
    rows = [
        {"name": "Lunch club", "cost": "free", "postcode": "CH41 1AA"},
        {"name": "Walk", "opening_times": "Tue 10-12", "latitude": "53.4", "longitude": "-3"},
        {"name": "Shed", "organisation": "Sheds UK", "categories": "Making"},
    ]
    for i in where:
        rows[i] = {**rows[i], column: text}
    path = write_csv(tmp_path / "any.csv", rows, header=list(COLUMNS))
    before = count(directory)
    try:
        preview = read_directory_csv(path)
    except errors.ImportFailed as exc:
        assert exc.message
        assert count(directory) == before
        return
    assert preview.rows_read == 3
    assert len(preview.drafts) + len(preview.problems) == 3
    if not preview.ok:
        assert all(2 <= p.line <= 4 for p in preview.problems)
        with pytest.raises(errors.ImportFailed):
            import_directory_csv(directory, preview)
        assert count(directory) == before
        return
    try:
        added = import_directory_csv(directory, preview)
    except errors.ImportFailed:
        assert column == "id"  # that id was imported by an earlier example
        added = 0
    assert added in (0, len(preview.drafts))
    assert count(directory) == before + added


@settings(max_examples=200, deadline=None)
@given(
    content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    with_heading=st.booleans(),
)
def test_any_bytes_give_a_preview_or_a_clear_error(content: bytes, with_heading: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(b"name,cost\n" + content if with_heading else content)
        try:
            preview = read_directory_csv(path)
        except errors.ImportFailed as exc:
            assert exc.message and exc.advice
        else:
            assert len(preview.drafts) + len(preview.problems) == preview.rows_read
            assert len(preview.lines) == len(preview.drafts)


def test_non_ascii_capitals_in_a_category_twice(
    tmp_path: Path, directory: DirectoryService
) -> None:
    """Names used to be matched with SQLite lower(), which folds only ASCII: 'CAFÉ' twice
    hit the unique key. The import must add both rows and share one category."""
    rows = [
        {"name": "A", "categories": "CAFÉ", "organisation": "ÉCOLE"},
        {"name": "B", "categories": "CAFÉ", "organisation": "ÉCOLE"},
    ]
    preview = read_directory_csv(write_csv(tmp_path / "c.csv", rows))
    assert import_directory_csv(directory, preview) == 2
    assert directory.facets().categories == ("CAFÉ",)


def test_unicode_text_from_excel_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode text" (UTF-16) reads like any other CSV."""
    path = tmp_path / "unicode.csv"
    path.write_bytes("name,postcode\nCafé Zoë,ch65 4ab\n".encode("utf-16"))
    preview = read_directory_csv(path)
    assert preview.ok
    assert [d.name for d in preview.drafts] == ["Café Zoë"]
    assert preview.drafts[0].locations[0].postcode == "CH65 4AB"
