"""``linkworker match`` and ``linkworker postcodes import``, run as a link worker would.

The data is the demo's: invented people (NHS numbers from the 999 test range), the
sample directory and the sample postcode locations.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linkworker.app import main
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import Services
from tests.conftest import open_folder

PEGGY = "999 464 6214"  # Peggy Owens in the sample people: singing and knitting


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(demo_data: Path) -> str:
    """A copy of the demo folder for one test."""
    return str(demo_data)


@contextlib.contextmanager
def opened(data_dir: str) -> Iterator[Services]:
    """The services over ``data_dir``, closed after the block."""
    services = open_folder(AppPaths.under(Path(data_dir)))
    try:
        yield services
    finally:
        services.close()


def person_id(data_dir: str, nhs_number: str) -> uuid.UUID:
    with opened(data_dir) as services:
        found = services.people.find_by_nhs_number(nhs_number)
        assert found is not None
        return found.id


def suggestions(capsys: pytest.CaptureFixture[str], data_dir: str, *args: str) -> Any:
    code, out, err = run(capsys, "--data-dir", data_dir, "match", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_match_lists_suggestions_with_reasons(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, err = run(capsys, "match", PEGGY, "--limit", "5", "--data-dir", data_dir)

    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Suggestions for Peggy Owens:"
    ranked = [line for line in lines if re.match(r"^ {1,2}\d\. ", line)]
    assert [line.split(".")[0].strip() for line in ranked] == ["1", "2", "3", "4", "5"]
    assert all(re.search(r"  \(score -?\d+\.\d\)", line) for line in ranked)
    assert any(line.startswith("       + ") for line in lines)
    top = " ".join(ranked)
    assert any(
        name in top for name in ("Port Community Choir", "Knit and Natter", "Sing and Remember")
    ), out


def test_match_as_json_is_the_same_by_nhs_number_or_id(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    by_number = suggestions(capsys, data_dir, PEGGY.replace(" ", ""), "--limit", "5")
    by_id = suggestions(capsys, data_dir, str(person_id(data_dir, PEGGY)), "--limit", "5")

    assert by_number == by_id
    assert len(by_number) == 5
    for item in by_number:
        assert {"id", "name", "score", "reasons", "concerns"} <= set(item)
        uuid.UUID(item["id"])
        assert isinstance(item["score"], float | int)
        assert isinstance(item["reasons"], list) and isinstance(item["concerns"], list)
    # The same list, in the same order, as the text output.
    code, out, _ = run(capsys, "--data-dir", data_dir, "match", PEGGY, "--limit", "5")
    assert code == 0
    ranked = [line for line in out.splitlines() if re.match(r"^ {1,2}\d\. ", line)]
    assert [line.split(". ", 1)[1].split("  (score")[0] for line in ranked] == [
        item["name"] for item in by_number
    ]
    # The demo loads postcode locations: Peggy's CH66 2TN and the assets' own.
    assert any(item["distance_miles"] is not None for item in by_number)


def test_unknown_people_are_named_plainly(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "match", "999 000 0018")
    assert code == 1 and out == ""
    assert "No one with NHS number 999 000 0018 is on the caseload." in err

    nobody = uuid.UUID(int=12345)
    code, _, err = run(capsys, "--data-dir", data_dir, "match", str(nobody))
    assert code == 1
    assert f"No person with id {nobody} is on the caseload." in err

    code, _, err = run(capsys, "--data-dir", data_dir, "match", "999 464 621")
    assert code == 1
    assert "999 464 621 is neither an NHS number nor a person's id." in err


def test_match_limit_must_be_positive(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, _, err = run(capsys, "--data-dir", data_dir, "match", PEGGY, "--limit", "0")
    assert code == 1 and "--limit must be 1 or more." in err


# Postcode locations ---------------------------------------------------------------


def point(data_dir: str, postcode: str) -> tuple[float, float] | None:
    with opened(data_dir) as services:
        found = services.matching.postcode_point(postcode)
        return None if found is None else (found.latitude, found.longitude)


def test_postcodes_import_reads_the_ons_postcode_directory_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "fresh")
    onspd = tmp_path / "ONSPD_extract.csv"
    onspd.write_text(
        "PCD,PCDS,DOINTR,LAT,LONG\n"
        '"CH1 1AA","CH1 1AA",198001,53.190000,-2.890000\n'
        '"CH1 1ZZ","CH1 1ZZ",198001,99.999999,0.000000\n'
        '"CH659ZX","ch65 9zx",199001,53.270000,-2.880000\n',
        encoding="utf-8",
    )

    code, out, err = run(capsys, "--data-dir", data_dir, "postcodes", "import", str(onspd))

    assert code == 0, err
    assert "Read 3 rows" in out
    assert "Imported 2 postcode locations (1 without a location skipped)." in out
    assert point(data_dir, "CH65 9ZX") == (53.27, -2.88)
    assert point(data_dir, "ch1 1aa") == (53.19, -2.89)
    assert point(data_dir, "CH1 1ZZ") is None


def test_a_bad_row_in_the_middle_imports_nothing_and_names_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "fresh")
    rows = tmp_path / "points.csv"
    rows.write_text(
        "Postcode,Latitude,Longitude\n"
        "CH65 2AB,53.2822,-2.8871\n"
        "CH65 4LD,north,-2.9004\n"
        "XX1,53.2,-2.9\n"
        "CH66 2NF,53.2814,-2.9412\n",
        encoding="utf-8",
    )

    code, out, _ = run(capsys, "--data-dir", data_dir, "postcodes", "import", str(rows))

    assert code == 1
    assert "line 3: The latitude “north” is not a number." in out
    assert "line 4: “XX1” is not a UK postcode." in out
    assert "Nothing imported: 2 rows need correcting first." in out
    assert point(data_dir, "CH65 2AB") is None
    assert point(data_dir, "CH66 2NF") is None


def test_a_file_without_the_columns_is_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = tmp_path / "points.csv"
    rows.write_text("postcode,easting,northing\nCH65 2AB,340000,377000\n", encoding="utf-8")

    code, _, err = run(
        capsys, "--data-dir", str(tmp_path / "fresh"), "postcodes", "import", str(rows)
    )

    assert code == 1
    assert "has no postcode, latitude and longitude columns" in err
    assert "pcds, lat and long" in err


# A person by name -----------------------------------------------------------------


def add_person(data_dir: str, given: str, family: str, born: dt.date, nhs: str = "") -> uuid.UUID:
    draft = PersonDraft(given_name=given, family_name=family, date_of_birth=born, nhs_number=nhs)
    with opened(data_dir) as services:
        return services.people.save_person(draft).id


@pytest.mark.parametrize("name", ["Peggy Owens", "margaret owens", "  PEGGY   OWENS "])
def test_a_name_that_fits_one_person_is_enough(
    capsys: pytest.CaptureFixture[str], data_dir: str, name: str
) -> None:
    by_number = suggestions(capsys, data_dir, PEGGY, "--limit", "3")

    assert suggestions(capsys, data_dir, name, "--limit", "3") == by_number
    code, out, err = run(capsys, "--data-dir", data_dir, "match", name, "--limit", "3")
    assert code == 0, err
    assert out.splitlines()[0] == "Suggestions for Peggy Owens:"


def test_case_and_accents_do_not_matter(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    add_person(data_dir, "Zoë", "Brontë", dt.date(1961, 4, 2))

    code, out, err = run(capsys, "--data-dir", data_dir, "match", "zoe BRONTE", "--limit", "1")

    assert code == 0, err
    assert out.splitlines()[0] == "Suggestions for Zoë Brontë:"


def test_a_name_that_fits_several_lists_them_without_nhs_numbers(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    older = add_person(data_dir, "Sam", "Jones", dt.date(1950, 6, 1), nhs="9995752697")
    younger = add_person(data_dir, "Sam", "Jones", dt.date(1987, 2, 9))

    code, out, err = run(capsys, "--data-dir", data_dir, "match", "Sam Jones")

    assert code == 1 and out == ""
    assert "2 people on the caseload are called Sam Jones:" in err
    assert f"  Sam Jones, born 1950, id {older.hex[:8]}" in err
    assert f"  Sam Jones, born 1987, id {younger.hex[:8]}" in err
    assert "Give the NHS number or the id of the one you mean" in err
    assert "575" not in err and "2697" not in err
    # The short id shown, or the NHS number, then finds the one meant.
    assert suggestions(capsys, data_dir, younger.hex[:8], "--limit", "2") != []
    code, out, _ = run(capsys, "--data-dir", data_dir, "match", younger.hex[:8], "--limit", "1")
    assert code == 0 and out.startswith("Suggestions for Sam Jones:")
    assert suggestions(capsys, data_dir, "999 575 2697", "--limit", "2") == suggestions(
        capsys, data_dir, older.hex[:8], "--limit", "2"
    )


def test_a_name_that_fits_no_one_says_so(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "match", "Nobody Atall")
    assert code == 1 and out == ""
    assert "No one on the caseload is called Nobody Atall." in err

    # Only the start of a name: not enough, but the people it could be are named.
    code, out, err = run(capsys, "--data-dir", data_dir, "match", "Peggy")
    assert code == 1 and out == ""
    assert "No one on the caseload is called Peggy. Close matches:" in err
    peggy = person_id(data_dir, PEGGY)
    born = born_in(data_dir, peggy)
    assert f"  Peggy Owens, born {born}, id {peggy.hex[:8]}" in err
    # Her NHS number is not printed, in any spacing (an id may hold some of its digits).
    assert PEGGY.replace(" ", "") not in err and PEGGY not in err

    with opened(data_dir) as services:
        ids = [row.id.hex for row in services.people.caseload(limit=1000).rows]
    assert not any(found.startswith("ffffffff") for found in ids)
    code, _, err = run(capsys, "--data-dir", data_dir, "match", "ffffffff")
    assert code == 1
    assert "No person's id begins with ffffffff." in err


def born_in(data_dir: str, person: uuid.UUID) -> int:
    with opened(data_dir) as services:
        born = services.people.get_person(person).draft.date_of_birth
    assert born is not None
    return born.year
