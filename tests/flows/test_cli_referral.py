"""``linkworker referral add``: a second referral from a terminal never replaces the first
silently. Names are invented; the NHS number is from the 999 test range."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linkworker.app import main
from linkworker.domain.directory import AssetDraft
from linkworker.domain.people import CaseloadFilter, EpisodeStatus, PersonDraft
from linkworker.domain.plan import AssetReferralDraft, ReferralStatus
from linkworker.paths import AppPaths
from linkworker.services.context import open_services


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    folder = tmp_path / "lw-data"
    services = open_services(AppPaths.under(folder))
    try:
        services.people.save_person(
            PersonDraft(given_name="Arthur", family_name="Jenkins", nhs_number="9990000018")
        )
    finally:
        services.close()
    return str(folder)


def run(capsys: pytest.CaptureFixture[str], data_dir: str, *argv: str) -> tuple[int, str, str]:
    code = main(["referral", "add", "999 000 0018", "--data-dir", data_dir, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def episodes(data_dir: str) -> list[tuple[EpisodeStatus, tuple[str, ...]]]:
    services = open_services(AppPaths.under(Path(data_dir)))
    try:
        person = services.people.find_by_nhs_number("9990000018")
        assert person is not None
        return [(e.draft.status, e.draft.reasons) for e in person.episodes]
    finally:
        services.close()


def test_a_second_referral_needs_a_choice_then_adds_or_keeps_both(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, _ = run(capsys, data_dir, "--reason", "Low mood", "--date", "2026-01-10")
    assert code == 0 and "Recorded a referral for Arthur Jenkins" in out

    code, out, err = run(capsys, data_dir, "--reason", "Loneliness")
    assert code == 1 and out == ""
    assert "already has a referral open since 10 January 2026" in err
    assert "--if-open add" in err
    assert episodes(data_dir) == [(EpisodeStatus.WAITING, ("Low mood",))]

    code, out, _ = run(capsys, data_dir, "--reason", "Loneliness", "--if-open", "add")
    assert code == 0 and "Added to Arthur Jenkins's referral of 10 January 2026" in out
    assert episodes(data_dir) == [(EpisodeStatus.WAITING, ("Low mood", "Loneliness"))]

    code, out, _ = run(capsys, data_dir, "--reason", "Housing", "--if-open", "both")
    assert code == 0
    assert sorted(episodes(data_dir)) == [
        (EpisodeStatus.WAITING, ("Housing",)),
        (EpisodeStatus.WAITING, ("Low mood", "Loneliness")),
    ]


def test_close_and_start_closes_the_current_one(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    run(capsys, data_dir, "--reason", "Low mood", "--date", "2026-01-10")
    code, _, err = run(
        capsys, data_dir, "--reason", "Housing", "--if-open", "close", "--date", "2026-02-01"
    )
    assert code == 0, err
    assert episodes(data_dir) == [
        (EpisodeStatus.WAITING, ("Housing",)),
        (EpisodeStatus.CLOSED, ("Low mood",)),
    ]


def test_closing_asks_what_happens_to_places_still_open(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    run(capsys, data_dir, "--reason", "Low mood", "--date", "2026-01-10", "--consent", "hold")
    services = open_services(AppPaths.under(Path(data_dir)))
    try:
        (episode,) = services.episodes.open_episodes(
            services.people.caseload(CaseloadFilter()).rows[0].id
        )
        hold, gp = episode.draft.consent_to_hold, episode.draft.consent_share_gp
        assert hold.given and hold.on == dt.date.today() and not gp.given
        cafe = services.directory.save(AssetDraft(name="Elton Community Cafe")).id
        services.plans.save_referral(
            AssetReferralDraft(episode_id=episode.id, asset_id=cafe, status=ReferralStatus.ATTENDED)
        )
    finally:
        services.close()

    code, _, err = run(capsys, data_dir, "--reason", "Housing", "--if-open", "close")
    assert code == 1
    assert "Elton Community Cafe" in err and "--places keep-going" in err
    assert len(episodes(data_dir)) == 1

    code, _, err = run(
        capsys, data_dir, "--reason", "Housing", "--if-open", "close", "--places", "keep-going"
    )
    assert code == 0, err
    services = open_services(AppPaths.under(Path(data_dir)))
    try:
        (place,) = services.plans.get_plan(episode.id).referrals
        assert place.draft.status is ReferralStatus.STILL_GOING
    finally:
        services.close()
