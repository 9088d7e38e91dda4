"""``letter gp PERSON -o FILE.pdf [--json FILE.json] [--without-address]`` in a process of its
own, as a link worker would run it. Every NHS number is from the 999 range."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from cli_process import linkworker
from pypdf import PdfReader

from linkworker.domain.documents import DocumentKind
from linkworker.domain.people import Consent, EpisodeDraft, GpPractice, PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Tamsin agreed to share with her GP (practice known); Piran has no practice; Jory
    did not agree."""
    root = tmp_path / "data"
    services = open_services(AppPaths.under(root))
    try:
        for given, nhs, agreed, practice in (
            ("Tamsin", "9995752697", True, GpPractice("Canal Side Surgery", "", "CH65 0BS")),
            ("Piran", "9990000018", True, GpPractice()),
            ("Jory", "", False, GpPractice("Canal Side Surgery")),
        ):
            person = services.people.save_person(
                PersonDraft(
                    given_name=given, family_name="Trelawny", nhs_number=nhs, gp_practice=practice
                )
            ).id
            services.episodes.record_referral(
                EpisodeDraft(
                    consent_to_hold=AGREED,
                    person_id=person,
                    referral_date=TODAY - 20 * DAY,
                    reasons=("Loneliness",),
                    consent_share_gp=Consent(agreed, TODAY - 20 * DAY, "Sam Link"),
                    first_contact_on=TODAY - 10 * DAY,
                )
            )
    finally:
        services.close()
    return root


def test_the_letter_and_its_json_are_written_and_recorded(data_dir: Path, tmp_path: Path) -> None:
    pdf, data = tmp_path / "letter.pdf", tmp_path / "letter.json"
    result = linkworker(
        data_dir, "letter", "gp", "Tamsin Trelawny", "-o", str(pdf), "--json", str(data)
    )
    assert result.returncode == 0, result.stderr
    assert "Saved the letter to the GP for Tamsin Trelawny (1 page)" in result.stdout
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Canal Side Surgery" in text and "NHS number 999 575 2697" in text
    assert json.loads(data.read_text("utf-8"))["gp_practice"]["postcode"] == "CH65 0BS"
    services = open_services(AppPaths.under(data_dir))
    try:
        person = services.people.find_by_nhs_number("9995752697")
        assert person is not None
        kinds = [r.kind for r in services.documents.history(person.id)]
    finally:
        services.close()
    assert kinds == [DocumentKind.GP_LETTER]


def test_no_consent_and_no_practice_say_why_and_write_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "letter.pdf"
    refused = linkworker(data_dir, "letter", "gp", "Jory Trelawny", "-o", str(target))
    assert refused.returncode == 1
    assert "has not agreed" in refused.stderr and "Traceback" not in refused.stderr
    no_practice = linkworker(data_dir, "letter", "gp", "Piran Trelawny", "-o", str(target))
    assert no_practice.returncode == 1
    assert "No GP practice" in no_practice.stderr and "--without-address" in no_practice.stderr
    assert not target.exists()
    done = linkworker(
        data_dir, "letter", "gp", "Piran Trelawny", "-o", str(target), "--without-address"
    )
    assert done.returncode == 0, done.stderr
    assert "It has no address" in done.stdout and target.exists()


def test_the_demo_has_practices_so_a_closed_episode_gets_its_letter(
    demo_data: Path, tmp_path: Path
) -> None:
    pdf, data = tmp_path / "brian.pdf", tmp_path / "brian.json"
    result = linkworker(
        demo_data, "letter", "gp", "Brian Lloyd", "-o", str(pdf), "--json", str(data)
    )
    assert result.returncode == 0, result.stderr
    letter = json.loads(data.read_text("utf-8"))
    assert letter["gp_practice"]["name"] == "Larkspur Lane Surgery"
    assert letter["outcome"]["status"] == "closed" and letter["outcome"]["closing_reason"]
    assert {a["name"] for a in letter["assessments"]} >= {"ONS4 personal wellbeing"}
    assert len(PdfReader(io.BytesIO(pdf.read_bytes())).pages) <= 2
