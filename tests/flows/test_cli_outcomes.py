"""``linkworker outcomes`` in a process of its own: measures entered from a script, then
listed by timepoint with bands and change, as text and as JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.paths import AppPaths
from tests.conftest import open_folder
from tests.data.people_helpers import AGREED
from tests.flows.cli_process import linkworker

NHS = "999 575 2697"
REFERRED = dt.date(2026, 9, 1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    services = open_folder(AppPaths.under(folder))
    try:
        person = services.people.save_person(
            PersonDraft(given_name="Morwenna", family_name="Tregear", nhs_number=NHS)
        )
        services.people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person.id,
                referral_date=REFERRED,
                status=EpisodeStatus.ACTIVE,
            )
        )
    finally:
        services.close()
    return folder


def record(data_dir: Path, *args: str) -> str:
    done = linkworker(data_dir, "outcomes", "record", NHS, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def take(data_dir: Path, measure: str, timepoint: str, day: str, items: str) -> str:
    """Record one measure as a script would."""
    return record(
        data_dir, "--measure", measure, "--timepoint", timepoint, "--date", day, "--items", items
    )


def test_measures_entered_by_script_are_listed_with_bands_and_change(data_dir: Path) -> None:
    out = take(data_dir, "ons4", "baseline", "2026-09-08", "3,d,5,7")
    assert "Life satisfaction: 3 (low)" in out and "Worthwhile: declined" in out
    take(data_dir, "ons4", "review", "2026-11-03", "6,7,-,4")
    take(data_dir, "ucla3", "baseline", "2026-09-08", "3,3,2")

    listed = linkworker(data_dir, "outcomes", NHS)
    assert listed.returncode == 0, listed.stderr
    lines = [line.strip() for line in listed.stdout.splitlines()]
    assert "Baseline, 2026-09-08: ONS4 personal wellbeing" in lines
    assert "Loneliness total: 8 out of 9" in lines
    assert "Life satisfaction: 3 (low) → 6 (medium)" in lines
    assert "Worthwhile: declined → 7 (high)" in lines
    assert "Happiness: 5 (medium) → not asked" in lines
    assert "Anxiety: 7 (high) → 4 (medium), better" in lines

    as_json = linkworker(data_dir, "outcomes", NHS, "--json")
    assert as_json.returncode == 0, as_json.stderr
    (referral,) = json.loads(as_json.stdout)["referrals"]
    assert [m["timepoint"] for m in referral["measures"]] == ["baseline", "baseline", "review"]
    ons4 = referral["measures"][0]
    assert [i["answer"] for i in ons4["items"]] == [3, "declined", 5, 7]
    assert ons4["introduction"].startswith("Next I would like to ask you four questions")
    assert referral["changes"][0]["lines"][3] == "Anxiety: 7 (high) → 4 (medium), better"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--timepoint", "baseline", "--date", "2026-09-08", "--items", "12,5,5,5"), "0 to 10"),
        (("--timepoint", "review", "--date", "2026-08-01", "--items", "5,5,5,5"), "before"),
        (("--timepoint", "closing", "--date", "2026-12-01", "--items", "5,5,5,5"), "still open"),
    ],
)
def test_wrong_measures_are_refused_in_plain_words(
    data_dir: Path, args: tuple[str, ...], said: str
) -> None:
    take(data_dir, "ons4", "baseline", "2026-09-08", "5,5,5,5")
    refused = linkworker(data_dir, "outcomes", "record", NHS, "--measure", "ons4", *args)
    assert refused.returncode != 0
    assert said in refused.stderr and "Traceback" not in refused.stderr
    listed = json.loads(linkworker(data_dir, "outcomes", NHS, "--json").stdout)
    assert len(listed["referrals"][0]["measures"]) == 1


def test_a_closing_measure_is_taken_on_a_closed_referral(data_dir: Path) -> None:
    services = open_folder(AppPaths.under(data_dir))
    try:
        person = services.people.find_by_nhs_number(NHS)
        assert person is not None
        episode = services.people.get_person(person.id).episodes[0]
        services.people.save_episode(
            dataclasses.replace(
                episode.draft,
                id=episode.id,
                version=episode.version,
                status=EpisodeStatus.CLOSED,
                closed_on=dt.date(2026, 12, 1),
                closing_reason=ClosingReason.GOALS_MET,
            )
        )
    finally:
        services.close()
    out = take(data_dir, "connection", "closing", "2026-12-01", "yes,partly,not sure")
    assert "Better informed: Yes" in out and "Partly" in out and "Not sure" in out
