"""``codes PERSON`` and ``codes export``, run in a process of their own as a link worker
would at a terminal. Every NHS number is from the 999 range."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pytest
from cli_process import linkworker

from linkworker.domain.journey import ContactDraft, ContactOutcome, ReferralResponse
from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Two people: one met four days ago (NHS number known), one who declined (none)."""
    root = tmp_path / "data"
    services = open_services(AppPaths.under(root))
    try:
        for given, nhs in (("Tamsin", "9995752697"), ("Piran", "")):
            person = services.people.save_person(
                PersonDraft(given_name=given, family_name="Trelawny", nhs_number=nhs)
            ).id
            episode = services.episodes.record_referral(
                EpisodeDraft(
                    consent_to_hold=AGREED, person_id=person, referral_date=TODAY - 20 * DAY
                )
            ).id
            if nhs:
                at = dt.datetime.combine(TODAY - 4 * DAY, dt.time(11, 0))
                services.contacts.book(
                    ContactDraft(episode_id=episode, starts_at=at, outcome=ContactOutcome.ATTENDED)
                )
            else:
                services.episodes.respond(
                    episode, ReferralResponse.DECLINED, TODAY - DAY, "Not for me"
                )
    finally:
        services.close()
    return root


def test_codes_export_writes_the_csv_and_counts_the_rows_without_nhs_number(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "codes.csv"
    start, end = (TODAY - 7 * DAY).isoformat(), TODAY.isoformat()
    result = linkworker(
        data_dir, "codes", "export", "--from", start, "--to", end, "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote 4 coded events" in result.stdout
    assert "2 rows have no NHS number" in result.stdout
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["NHS number", "Date", "Code", "Term"]
    assert [
        "999 575 2697",
        (TODAY - 4 * DAY).isoformat(),
        "871731000000106",
        "Referral to social prescribing service",
    ] in rows
    assert ["", (TODAY - DAY).isoformat(), "871711000000103", "Social prescribing declined"] in rows
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Tamsin" not in target.read_text(encoding="utf-8")


def test_codes_export_needs_its_days_and_file(data_dir: Path, tmp_path: Path) -> None:
    result = linkworker(data_dir, "codes", "export", "-o", str(tmp_path / "x.csv"))
    assert result.returncode != 0
    assert "--from" in result.stderr and not (tmp_path / "x.csv").exists()
    backwards = linkworker(
        data_dir,
        "codes",
        "export",
        "--from",
        TODAY.isoformat(),
        "--to",
        (TODAY - DAY).isoformat(),
        "-o",
        str(tmp_path / "x.csv"),
    )
    assert backwards.returncode != 0 and "before" in backwards.stderr


def test_codes_person_lists_their_coded_events_newest_first(data_dir: Path) -> None:
    result = linkworker(data_dir, "codes", "999 575 2697")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Coded events for Tamsin Trelawny, newest first:"
    assert sorted(lines[1:]) == sorted(
        [
            f"{TODAY - 4 * DAY:%d %b %Y}  871691000000100  Social prescribing offered",
            f"{TODAY - 4 * DAY:%d %b %Y}  871731000000106  Referral to social prescribing service",
        ]
    )
