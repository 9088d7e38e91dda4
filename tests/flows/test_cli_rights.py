"""``person access``, ``person erase`` and ``retention list``, as a team lead runs them.

Erasure is asked twice: at a terminal by typing the initials (or ERASE) and then
yes; in a script only with --yes given twice. Every NHS number is from the 999 range.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from pathlib import Path

import pytest
from rights_helpers import WORDS, Sample, make_sample

from linkworker.app import main
from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.domain.rights import years_before
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.data.people_helpers import AGREED


class Terminal(io.StringIO):
    """Typed answers, as from someone at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def sample(data_dir: Path) -> Sample:
    services = open_services(AppPaths.under(data_dir))
    try:
        return make_sample(services)
    finally:
        services.close()


def run(data_dir: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(data_dir)])


def still_there(data_dir: Path, sample: Sample) -> bool:
    services = open_services(AppPaths.under(data_dir))
    try:
        return services.people.find_by_nhs_number(sample.nhs_number) is not None
    finally:
        services.close()


def test_access_writes_a_pdf_and_json_of_the_person_named(
    data_dir: Path, sample: Sample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert run(data_dir, "person", "access", "999 575 2697", "--to", str(out)) == 0
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["person"]["notes"] == WORDS["person"]
    assert str(files[1]) in capsys.readouterr().out


def test_access_json_only(data_dir: Path, sample: Sample, tmp_path: Path) -> None:
    code = run(
        data_dir,
        "person",
        "access",
        "Bronwen Llewellyn-Harcourt",
        "--to",
        str(tmp_path),
        "--format",
        "json",
    )
    assert code == 0
    assert [f.suffix for f in tmp_path.iterdir() if f.is_file()] == [".json"]


def test_erase_at_a_terminal_asks_twice(
    data_dir: Path,
    sample: Sample,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("BL\nno\n"))
    assert run(data_dir, "person", "erase", "9995752697") == 1
    assert still_there(data_dir, sample)
    asked = capsys.readouterr().out
    assert "1 conversation" in asked and "Type their initials (BL)" in asked
    assert "Nothing was deleted" in asked

    monkeypatch.setattr("sys.stdin", Terminal("xx\n"))
    assert run(data_dir, "person", "erase", "9995752697") == 1
    assert still_there(data_dir, sample)

    monkeypatch.setattr("sys.stdin", Terminal("erase\nyes\n"))
    assert run(data_dir, "person", "erase", "9995752697") == 0
    assert not still_there(data_dir, sample)
    assert "Erased record" in capsys.readouterr().out


def test_erase_in_a_script_needs_yes_twice(
    data_dir: Path,
    sample: Sample,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\nyes\n"))  # not a terminal
    assert run(data_dir, "person", "erase", "9995752697") == 1
    assert "--yes --yes" in capsys.readouterr().err
    assert run(data_dir, "person", "erase", "9995752697", "--yes") == 1
    assert "twice" in capsys.readouterr().err
    assert still_there(data_dir, sample)
    assert run(data_dir, "person", "erase", "9995752697", "--yes", "--yes") == 0
    assert not still_there(data_dir, sample)


def test_retention_list(data_dir: Path, sample: Sample, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data_dir, "retention", "list") == 0
    assert "more than 8 years ago" in capsys.readouterr().out
    services = open_services(AppPaths.under(data_dir))
    try:
        today = dt.date.today()
        pid = services.people.save_person(PersonDraft(given_name="Olwen", family_name="Prys")).id
        services.people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=pid,
                referral_date=years_before(today, 11),
                status=EpisodeStatus.CLOSED,
                closed_on=years_before(today, 10),
                closing_reason=ClosingReason.MOVED,
            )
        )
    finally:
        services.close()
    assert run(data_dir, "retention", "list") == 0
    (line, total) = capsys.readouterr().out.splitlines()
    assert line.startswith("Olwen Prys") and "10 years" in line and pid.hex[:8] in line
    assert total.startswith("1 person past 8 years")
