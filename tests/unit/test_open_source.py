"""Choosing a reader for a file, folder, zip or feed address."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from linkworker import errors
from linkworker.interchange.feed_source import FeedSource
from linkworker.interchange.json_sources import JsonFileSource, JsonFolderSource
from linkworker.interchange.open_source import open_source
from linkworker.interchange.records import SourceKind
from linkworker.interchange.tabular_sources import TableSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
HSDS3 = FIXTURES / "hsds3_tables"


def test_a_feed_address_opens_a_feed_without_touching_the_network() -> None:
    source = open_source("https://api.example.org/oruk/services/", timeout=5)
    assert isinstance(source, FeedSource)
    assert source.info.name == "api.example.org/oruk"
    assert source.info.kind is SourceKind.ORUK_API
    assert source.spool_dir == Path(tempfile.gettempdir())
    assert source.timeout == 5
    assert source.spool is None  # nothing is downloaded until records() is asked for


def test_a_feed_takes_the_spool_folder_and_name_given(tmp_path: Path) -> None:
    source = open_source("http://feed.example.org", name="Vale feed", spool_dir=tmp_path)
    assert isinstance(source, FeedSource)
    assert source.spool_dir == tmp_path
    assert source.info.name == "Vale feed"


def test_a_missing_path_was_not_found(tmp_path: Path) -> None:
    with pytest.raises(errors.ImportFailed, match="was not found") as caught:
        open_source(tmp_path / "nowhere.json")
    assert caught.value.advice


def test_a_json_file_opens_a_json_file_source() -> None:
    source = open_source(FIXTURES / "oruk3_page.json")
    assert isinstance(source, JsonFileSource)
    assert source.info.name == "oruk3_page"
    assert len(list(source.records())) == 3


def test_json_without_the_extension_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "download"
    shutil.copy(FIXTURES / "oruk1_list.json", path)
    source = open_source(path)
    assert isinstance(source, JsonFileSource)
    assert len(list(source.records())) == 2


def test_a_folder_of_json_pages_opens_a_folder_source(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(FIXTURES / "oruk3_page.json", folder / "page-1.json")
    source = open_source(folder)
    assert isinstance(source, JsonFolderSource)
    assert source.info.name == "pages"


def test_a_folder_with_services_csv_opens_tables() -> None:
    source = open_source(HSDS3)
    assert isinstance(source, TableSource)
    assert source.info.name == "hsds3_tables"
    assert source.info.kind is SourceKind.HSDS3_TABLES


def test_a_folder_whose_tables_are_in_a_subfolder_opens_tables(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "oruk1_tables", tmp_path / "export" / "csv")
    source = open_source(tmp_path / "export")
    assert isinstance(source, TableSource)
    assert source.info.name == "export"
    assert len(list(source.records())) == 2


def test_services_csv_itself_opens_its_folder() -> None:
    source = open_source(HSDS3 / "services.csv")
    assert isinstance(source, TableSource)
    assert source.info.name == "hsds3_tables"
    assert len(list(source.records())) == 3


def test_a_zip_opens_tables(tmp_path: Path) -> None:
    path = tmp_path / "directory-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for table in HSDS3.glob("*.csv"):
            archive.write(table, table.name)
    source = open_source(path, name="Council export")
    assert isinstance(source, TableSource)
    assert source.info.name == "Council export"
    assert len(list(source.records())) == 3


def test_anything_else_is_refused_listing_what_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the steering group")
    with pytest.raises(errors.ImportFailed) as caught:
        open_source(path)
    assert "minutes.txt is not an Open Referral file" in caught.value.message
    for accepted in ("3.0 or v1 JSON", "folder of JSON pages", "datapackage", "zip", "https://"):
        assert accepted in caught.value.advice


def test_another_csv_points_to_the_spreadsheet_import(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text("name,postcode\nKnit group,CH65 2AB\n")
    with pytest.raises(errors.ImportFailed) as caught:
        open_source(path)
    assert "spreadsheet" in caught.value.advice


def test_a_folder_with_nothing_to_read_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(errors.ImportFailed, match=r"neither services\.csv nor any \.json"):
        open_source(tmp_path / "empty")
