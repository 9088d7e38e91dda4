"""The people commands, run the way a team lead brings a caseload in from a terminal.

Every NHS number here is from the 999 test range (never issued); every name is invented.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from linkworker.app import main

ROWS = [
    {
        "First name": "Morwenna",
        "Surname": "Quayle",
        "Known as": "Mo",
        "DOB": "29/02/1948",
        "NHS No.": "999 575 2697",
        "Postcode": "ch41 5ab",
        "Referral date": "15/01/2024",
        "Referred by": "GP",
        "Referral reasons": "Loneliness; Bereavement",
        "Interests": "Gardening",
    },
    {
        "First name": "Tamsin",
        "Surname": "Ellery",
        "DOB": "03/11/1990",
        "NHS No.": "9997945131",
        "Postcode": "NFA",
        "Referral date": "2024-05-02",
        "Referred by": "self",
    },
    {"First name": "Bryn", "Surname": "Ashcombe", "Postcode": "CH43 1AB"},
]


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "lw-data")


@pytest.fixture
def good_file(tmp_path: Path) -> str:
    return str(write_csv(tmp_path / "caseload.csv", ROWS))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``linkworker ARGV``: the exit code, what it printed, and what it printed as errors."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], data_dir: str, *extra: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "list", "--json", *extra)
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def test_dry_run_checks_the_file_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", good_file, "--dry-run")
    assert code == 0
    assert "Read 3 rows" in out and "(UTF-8)" in out
    assert "Dry run: 3 people would be added (2 with a referral). Nothing was saved." in out
    assert listed(capsys, data_dir) == {"total": 0, "results": []}


def test_import_then_list_returns_the_people(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", good_file)
    assert code == 0
    assert "Imported 3 people (2 with a referral)." in out

    found = listed(capsys, data_dir)
    assert found["total"] == 3
    by_name = {r["name"]: r for r in found["results"]}
    assert sorted(by_name) == ["Bryn Ashcombe", "Mo Quayle", "Tamsin Ellery"]
    mo = by_name["Mo Quayle"]
    assert mo["nhs_number"] == "9995752697"
    assert mo["postcode"] == "CH41 5AB"
    assert mo["date_of_birth"] == "1948-02-29"
    assert mo["status"] == "waiting"
    assert by_name["Bryn Ashcombe"]["status"] is None
    assert by_name["Tamsin Ellery"]["postcode"] == ""


def test_list_filters_by_status_and_search_and_limits(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    assert run(capsys, "--data-dir", data_dir, "people", "import", good_file)[0] == 0

    waiting = listed(capsys, data_dir, "--status", "waiting")
    assert sorted(r["name"] for r in waiting["results"]) == ["Mo Quayle", "Tamsin Ellery"]
    assert listed(capsys, data_dir, "--status", "closed")["total"] == 0
    still_open = listed(capsys, data_dir, "--status", "open")  # waiting or active
    assert sorted(r["name"] for r in still_open["results"]) == ["Mo Quayle", "Tamsin Ellery"]
    by_postcode = listed(capsys, data_dir, "--search", "ch43")
    assert [r["name"] for r in by_postcode["results"]] == ["Bryn Ashcombe"]
    by_nhs = listed(capsys, data_dir, "--search", "999 794")
    assert [r["name"] for r in by_nhs["results"]] == ["Tamsin Ellery"]
    first = listed(capsys, data_dir, "--limit", "1")
    assert first["total"] == 3 and len(first["results"]) == 1


def test_list_as_a_table(capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "list")
    assert code == 0 and out.strip() == "No people match."
    assert run(capsys, "--data-dir", data_dir, "people", "import", good_file)[0] == 0

    code, out, _ = run(capsys, "people", "list", "--data-dir", data_dir)

    assert code == 0
    assert out.splitlines() == [  # by family name
        "Bryn Ashcombe  CH43 1AB",
        "Tamsin Ellery  999 794 5131  Waiting for first contact",
        "Mo Quayle  999 575 2697  CH41 5AB  Waiting for first contact",
    ]
    code, out, _ = run(capsys, "people", "list", "--limit", "2", "--data-dir", data_dir)
    assert code == 0
    assert out.splitlines()[2] == "(2 of 3; use --limit to see more)"


def test_a_bad_file_fails_with_the_line_number_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    rows = [*ROWS[:2], {"First name": "Gethin", "DOB": "31/02/1970"}, ROWS[2]]
    bad = write_csv(tmp_path / "bad.csv", rows)

    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", str(bad))

    assert code != 0
    assert "line 4: DOB: “31/02/1970” is not a real date." in out
    assert "Nothing imported: 1 row needs correcting first." in out
    assert listed(capsys, data_dir)["total"] == 0


def test_a_dry_run_of_a_bad_file_fails_too(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    bad = write_csv(tmp_path / "bad.csv", [{"First name": "Gethin", "NHS No.": "9995752698"}])
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", str(bad), "--dry-run")
    assert code == 1
    assert "line 2: NHS No.: 999 575 2698 is not a valid NHS number" in out


def test_an_unreadable_file_is_explained_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    no_names = tmp_path / "no-names.csv"
    no_names.write_text("title,cost\nCafe,free\n")

    code, _, err = run(capsys, "--data-dir", data_dir, "people", "import", str(no_names))

    assert code == 1
    assert "has no name column" in err
    assert "given_name" in err


def test_importing_the_same_file_twice_is_refused_and_the_matches_shown(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    assert run(capsys, "--data-dir", data_dir, "people", "import", good_file)[0] == 0

    code, out, err = run(capsys, "--data-dir", data_dir, "people", "import", good_file)

    assert code == 1
    assert "line 2: Mo Quayle may already be on the caseload" in out
    assert "line 3: Tamsin Ellery may already be on the caseload" in out
    assert "Nothing was imported: row 2: 999 575 2697 is already the NHS number" in err
    assert listed(capsys, data_dir)["total"] == 3


def test_windows_1252_names_come_through(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    rows = [
        {"First name": "Zoë", "Surname": "Hartley"},
        {"First name": "Seán", "Surname": "Ó Briain"},
    ]
    path = write_csv(tmp_path / "accents.csv", rows, encoding="cp1252")

    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", str(path))

    assert code == 0 and "(Windows-1252)" in out
    names = sorted(r["name"] for r in listed(capsys, data_dir)["results"])
    assert names == ["Seán Ó Briain", "Zoë Hartley"]


def test_a_bad_limit_is_explained(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, _, err = run(capsys, "--data-dir", data_dir, "people", "list", "--limit", "0")
    assert code == 1
    assert "--limit must be 1 or more." in err


def test_a_messy_caseload_imports_and_says_what_to_check(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    sheet = Path(__file__).resolve().parents[1] / "fixtures" / "caseload" / "messy_caseload.csv"
    code, out, _ = run(capsys, "--data-dir", data_dir, "people", "import", str(sheet))
    assert code == 0
    assert "these disagree, you decide: Rukhsana Begum" in out
    assert (
        "Imported 6 people (4 with a referral; 1 with a referral that has no date, to add; "
        "6 with words kept as written, to confirm)." in out
    )
