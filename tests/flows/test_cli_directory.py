"""The directory commands, run the way a team lead runs them from a terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from linkworker.app import main
from linkworker.services.directory_csv import COLUMNS, read_directory_csv

ROWS = [
    {
        "name": "Tea and Chat",
        "description": "A warm drink, a chat, and a short walking loop for those who like it.",
        "categories": "Social",
        "postcode": "CH41 5AB",
        "opening_times": "Wed 10-12",
    },
    {
        "name": "Walking Group",
        "description": "Gentle walks along the prom.",
        "categories": "Exercise",
        "cost": "Free",
        "join_mode": "just turn up",
        "postcode": "CH47 2AB",
        "opening_times": "Tue 10:00-12:00",
    },
    {
        "name": "Garden Club",
        "description": "Growing vegetables together.",
        "tags": "walking; outdoors",
        "cost": "low cost",
        "postcode": "CH43 1AB",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "lw-data")


@pytest.fixture
def good_file(tmp_path: Path) -> str:
    return str(write_csv(tmp_path / "assets.csv", ROWS))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``linkworker ARGV``: the exit code, what it printed, and what it printed as errors."""

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def search_json(capsys: pytest.CaptureFixture[str], data_dir: str, *query: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "--data-dir", data_dir, "directory", "search", *query, "--json")
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def test_dry_run_checks_the_file_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    code, out, _ = run(
        capsys, "--data-dir", data_dir, "directory", "import", good_file, "--dry-run"
    )
    assert code == 0
    assert "Read 3 rows" in out and "(UTF-8)" in out
    assert "Dry run: 3 assets would be added. Nothing was saved." in out
    assert search_json(capsys, data_dir)["total"] == 0


def test_import_then_search_ranks_the_name_match_first(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str
) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "directory", "import", good_file)
    assert code == 0
    assert "Imported 3 assets." in out

    code, out, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "search",
        "walking",
        "--json",
        "--limit",
        "2",
    )
    assert code == 0
    found = json.loads(out)
    assert found["total"] == 3  # name, description and tag all match
    names = [r["name"] for r in found["results"]]
    assert len(names) == 2
    assert names[0] == "Walking Group"
    walking = found["results"][0]
    assert walking["cost"] == "free" and walking["join_mode"] == "drop_in"
    assert walking["district"] == "CH47"

    everything = search_json(capsys, data_dir)
    assert sorted(r["name"] for r in everything["results"]) == sorted(r["name"] for r in ROWS)


def test_export_writes_every_asset(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str, tmp_path: Path
) -> None:
    assert run(capsys, "--data-dir", data_dir, "directory", "import", good_file)[0] == 0
    target = tmp_path / "exported.csv"

    code, out, _ = run(capsys, "--data-dir", data_dir, "directory", "export", str(target))

    assert code == 0
    assert f"Exported 3 assets to {target} as CSV." in out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    preview = read_directory_csv(target)
    assert preview.ok
    assert sorted(d.name for d in preview.drafts) == sorted(r["name"] for r in ROWS)
    assert all(d.id is not None for d in preview.drafts)


def test_a_bad_file_fails_with_the_row_number_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    rows = [*ROWS[:2], {"name": "Broken", "postcode": "NOT A CODE"}, ROWS[2]]
    bad = write_csv(tmp_path / "bad.csv", rows)

    code, out, _ = run(capsys, "--data-dir", data_dir, "directory", "import", str(bad))

    assert code != 0
    assert "line 4:" in out
    assert "“NOT A CODE” is not a UK postcode" in out
    assert "Nothing imported" in out
    assert search_json(capsys, data_dir)["total"] == 0


def test_an_unreadable_file_is_explained_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    missing_name = tmp_path / "no-name.csv"
    missing_name.write_text("title,cost\nCafe,free\n")

    code, _, err = run(capsys, "--data-dir", data_dir, "directory", "import", str(missing_name))

    assert code == 1
    assert "no “name” column" in err
    assert "CSV UTF-8" in err


def test_importing_the_same_export_twice_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: str, good_file: str, tmp_path: Path
) -> None:
    target = str(tmp_path / "round.csv")
    assert run(capsys, "--data-dir", data_dir, "directory", "import", good_file)[0] == 0
    assert run(capsys, "--data-dir", data_dir, "directory", "export", target)[0] == 0

    code, _, err = run(capsys, "--data-dir", data_dir, "directory", "import", target)

    assert code == 1
    assert "already in the directory" in err
    assert search_json(capsys, data_dir)["total"] == 3
