"""``linkworker directory taxonomy``: the terms feeds use, listed and mapped from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkworker.app import main
from tests.data.taxonomy_feed import write_feed


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_import_names_unmapped_terms_and_one_can_be_mapped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "lw-data")
    feed = str(write_feed(tmp_path / "feed.json"))
    code, out, _ = run(capsys, "--data-dir", data, "directory", "import", feed)
    assert code == 0
    assert "Terms not mapped to a kind of help yet (kept as tags):" in out
    assert "“Board games”: 2 listings (Chess Corner, Harbour Games Night)" in out
    assert "2 terms not mapped to a kind of help yet" in out

    code, out, _ = run(capsys, "--data-dir", data, "directory", "taxonomy")
    assert code == 0
    assert out.startswith("2 terms are not mapped to a kind of help yet")
    assert "“Chess club”: 1 listing (Chess Corner)" in out

    code, out, _ = run(
        capsys, "--data-dir", data, "directory", "taxonomy", "map", "Chess club", "--to", "learning"
    )
    assert code == 0
    assert "“Chess club” now means: Learning." in out
    assert "1 listing re-categorised: Chess Corner." in out

    code, out, _ = run(capsys, "--data-dir", data, "directory", "search", "chess", "--json")
    (row,) = json.loads(out)["results"]
    assert row["categories"] == ["Learning"]

    code, out, _ = run(capsys, "--data-dir", data, "directory", "taxonomy", "list", "--json")
    rows = {(r["term"], r["keyword"]): r for r in json.loads(out)}
    assert rows[("Chess club", False)]["categories"] == ["Learning"]
    assert rows[("Board games", False)]["categories"] == []
    assert rows[("Board games", False)]["listings"] == 2


def test_a_category_the_directory_does_not_have_is_refused_with_the_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "lw-data")
    code, _, err = run(
        capsys, "--data-dir", data, "directory", "taxonomy", "map", "Board games", "--to", "Games"
    )
    assert code != 0
    assert "“Games” is not one of the directory's categories." in err
    assert "Befriending" in err
