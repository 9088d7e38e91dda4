"""``report NAME``, run in a process of its own as a team lead would at a terminal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pytest
from cli_process import linkworker

from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.data.people_helpers import AGREED, NHS


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Six people referred by their GP in November 2025, one in December."""
    root = tmp_path / "data"
    services = open_services(AppPaths.under(root))
    try:
        services.settings.set("team_name", "Westmoor PCN Link Workers")
        for i, on in enumerate(
            [dt.date(2025, 11, 3 + i) for i in range(6)] + [dt.date(2025, 12, 1)]
        ):
            person = services.people.save_person(
                PersonDraft(
                    given_name="Tegen",
                    family_name=f"Pascoe{i}",
                    nhs_number=NHS[i],
                    gender="Woman",
                    postcode="TR18 4AB",
                )
            ).id
            services.episodes.record_referral(
                EpisodeDraft(
                    person_id=person,
                    referral_date=on,
                    consent_to_hold=AGREED,
                    reasons=("Loneliness",),
                )
            )
    finally:
        services.close()
    return root


def test_report_writes_a_csv_with_the_team_the_period_and_no_names(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reach.csv"
    result = linkworker(data_dir, "report", "reach", "--month", "2025-11", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Wrote the Who we reach: November 2025 report" in result.stdout
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Report", "Who we reach"]
    assert rows[1] == ["Team", "Westmoor PCN Link Workers"]
    assert rows[2] == ["Period", "November 2025", "2025-11-01", "2025-11-30"]
    assert rows[3][0] == "Made on"
    assert ["Referrals received", "6", ""] in rows
    assert ["GP", "6", "100"] in rows
    assert ["TR18", "6", "100"] in rows
    assert ["Nurse", "0", "0"] in rows
    assert "Pascoe" not in text and "Tegen" not in text and NHS[0] not in text
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    # The same days given as --from and --to make the same report, small numbers hidden.
    days = tmp_path / "activity.csv"
    result = linkworker(
        data_dir,
        "report",
        "activity",
        "--from",
        "2025-11-01",
        "--to",
        "2025-12-31",
        "-o",
        str(days),
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(days.read_text(encoding="utf-8-sig"))))
    assert ["Referrals received", "7", ""] in rows
    # December's one would be the 7 received less November's 6: November's is hidden too.
    assert ["Nov 2025", "not shown", "0"] in rows
    assert ["Dec 2025", "fewer than 5", "0"] in rows


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2025-11-30", "--to", "2025-11-01"], "The --to day comes before the --from"),
        (["--month", "2025-13"], "'2025-13' is not a month"),
        (["--month", "2025-11", "--year", "2025"], "Give the period one way only"),
        ([], "Give the period once"),
    ],
)
def test_report_says_what_is_wrong_with_the_period(
    data_dir: Path, tmp_path: Path, argv: list[str], message: str
) -> None:
    target = tmp_path / "r.csv"
    result = linkworker(data_dir, "report", "activity", *argv, "-o", str(target))
    assert result.returncode == 1
    assert message in result.stderr
    assert not target.exists()


def test_report_as_pdf_or_an_unknown_file_says_what_to_do(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "activity.xlsx"
    result = linkworker(data_dir, "report", "activity", "--year", "2025", "-o", str(target))
    assert result.returncode == 1
    assert "does not end in .pdf or .csv" in result.stderr
    assert not target.exists()
