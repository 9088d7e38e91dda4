"""``linkworker geo import`` and ``geo status``, run as a link worker would from a terminal.

Invented postcodes of a real shape; an invented place and person.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from linkworker.app import main
from linkworker.domain.directory import AssetDraft, Location
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services

HEADING = "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,ctry,lat,long\n"


def onspd(postcode: str, lat: float, lon: float, doterm: str = "") -> str:
    return f'"{postcode}","{postcode}","{postcode}",198001,{doterm},0,,,1,E92000001,{lat},{lon}\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    """A data folder with one place and one person in CH65, neither on the map yet."""
    root = tmp_path / "lw-data"
    services = open_services(AppPaths.under(root))
    try:
        services.directory.save(
            AssetDraft(
                name="Grow Together Garden",
                categories=("Gardening",),
                locations=(Location(address="2 Invented Lane", postcode="CH65 2AB"),),
            )
        )
        services.people.save_person(
            PersonDraft(given_name="Edna", family_name="Pryce", postcode="CH65 3XY")
        )
    finally:
        services.close()
    return str(root)


@pytest.fixture
def onspd_file(tmp_path: Path) -> Path:
    path = tmp_path / "ONSPD_NOV_2026_UK.csv"
    path.write_text(
        HEADING
        + onspd("CH65 2AB", 53.2822, -2.8871)
        + onspd("CH65 3XY", 53.2790, -2.9040)
        + onspd("CH65 9ZX", 53.2700, -2.8800, doterm="200512")
        + onspd("CH66 1ZZ", 99.999999, 0.0)
        + onspd("CH66 2NF", 53.2814, -2.9412)
        + onspd("L1 8JQ", 53.4023, -2.9835)
        + onspd("BAD", 53.0, -2.0),
        encoding="utf-8",
    )
    return path


def test_geo_import_reports_what_it_loaded_and_skipped(
    capsys: pytest.CaptureFixture[str], data_dir: str, onspd_file: Path
) -> None:
    code, out, err = run(
        capsys, "--data-dir", data_dir, "geo", "import", str(onspd_file), "--outward", "CH65,ch66"
    )

    assert code == 0, err
    assert f"Read 7 rows from {onspd_file} (ONS Postcode Directory, UTF-8)." in out
    assert "Imported 3 postcode locations in CH65, CH66." in out
    assert "Skipped 1 terminated, 1 without a location, 1 outside CH65, CH66." in out
    assert "Skipped 1 row that could not be read:" in out
    assert "  row 8: “BAD” is not a UK postcode." in out
    assert "1 place in the directory got a map position from its postcode." in out
    assert "1 person on the caseload has a postcode on the map." in out
    # Progress goes to stderr, not into the report.
    assert "Reading ONSPD_NOV_2026_UK.csv: 100%" in err
    assert "Reading" not in out

    code, out, err = run(capsys, "geo", "status", "--data-dir", data_dir)
    assert code == 0, err
    assert out.splitlines() == [
        "3 postcodes in the lookup.",
        "Places in the directory with a map position: 1 of 1.",
        "People whose postcode is on the map: 1 of 1 with a postcode.",
    ]


def test_geo_status_without_a_lookup_says_how_to_load_one(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "geo", "status")
    assert code == 0
    assert "No postcode lookup is loaded" in out
    assert "linkworker geo import FILE" in out


def test_a_code_point_open_zip(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    path = tmp_path / "codepo_gb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "Data/CSV/ch.csv",
            '"CH652AB",10,340510,377020,"E92000001","","","","E06000050","E05012345"\n'
            '"CH653XY",10,339380,376680,"E92000001","","","","E06000050","E05012345"\n',
        )
        archive.writestr(
            "Data/CSV/l.csv",
            '"L1  8JQ",10,335010,389950,"E92000001","","","","E08000012","E05000001"\n',
        )

    code, out, err = run(capsys, "--data-dir", data_dir, "geo", "import", str(path))

    assert code == 0, err
    assert "(Ordnance Survey Code-Point Open, 2 files, UTF-8)" in out
    assert "Imported 3 postcode locations." in out
    assert "1 place in the directory got a map position" in out


def test_bad_files_and_codes_exit_with_a_message(
    capsys: pytest.CaptureFixture[str], data_dir: str, onspd_file: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "--data-dir", data_dir, "geo", "import", str(onspd_file), "--outward", "CH65X9"
    )
    assert code == 1 and out == ""
    assert "“CH65X9” is not a postcode district or area" in err

    other = tmp_path / "people.csv"
    other.write_text("name,phone\nEdna,0151 496 0000\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data_dir, "geo", "import", str(other))
    assert code == 1
    assert "people.csv has no postcode, latitude and longitude columns" in err
    assert "Code-Point Open" in err

    nothing = tmp_path / "rows.csv"
    nothing.write_text("postcode,lat,long\nnowhere,53,-2\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", data_dir, "geo", "import", str(nothing))
    assert code == 1
    assert "Imported 0 postcode locations." in out
    assert "row 2: “nowhere” is not a UK postcode." in out


def test_postcodes_import_still_reads_the_same_files(
    capsys: pytest.CaptureFixture[str], data_dir: str, onspd_file: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADING + "".join(onspd_file.read_text().splitlines(True)[1:7]))

    code, out, err = run(capsys, "--data-dir", data_dir, "postcodes", "import", str(good))

    assert code == 0, err
    assert "Read 6 rows" in out
    assert "Imported 4 postcode locations (1 without a location, 1 terminated skipped)." in out
