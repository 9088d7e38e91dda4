"""The letter to the GP over a real database: consent, the GP practice, and what is recorded.

People are built through the services as a link worker records them; NHS numbers are
from the 999 test range.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from linkworker.domain.audit import AuditFilter
from linkworker.domain.audit_words import describe
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.outcomes import Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import Consent, EpisodeDraft, GpPractice, PersonDraft
from linkworker.services.gp_letter import NoGpConsent, NoGpPractice
from linkworker.services.people import InvalidPerson
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
PRACTICE = GpPractice("Canal Side Medical Practice", "2 Wharf Walk", "ch65 0bs", "a81001")


def _person(services: Any, *, consent: bool = True, practice: GpPractice = PRACTICE) -> uuid.UUID:
    person = services.people.save_person(
        PersonDraft(
            given_name="Tamsin",
            family_name="Trelawny",
            nhs_number="9995752697",
            what_matters="Walking by the canal with someone to talk to.",
            gp_practice=practice,
        )
    ).id
    episode = services.episodes.record_referral(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person,
            referral_date=TODAY - 30 * DAY,
            referrer_name="Dr Shah",
            reasons=("Loneliness",),
            consent_share_gp=Consent(consent, TODAY - 30 * DAY, "Sam Link"),
            first_contact_on=TODAY - 20 * DAY,
        )
    ).id
    for when, on, answers in (
        (Timepoint.BASELINE, TODAY - 20 * DAY, (3, 4, 5, 7)),
        (Timepoint.REVIEW, TODAY - 2 * DAY, (6, 7, 8, 2)),
    ):
        services.outcomes.record(OutcomeRecord(person, episode, Measure.ONS4, when, on, answers))
    return person


def _trail(services: Any, person: uuid.UUID) -> list[str]:
    entries = services.audit.page(AuditFilter(person_id=str(person)))
    return [describe(e.action, e.subject, e.detail) for e in entries]


def test_the_letter_holds_the_practice_the_measures_and_the_codes(services: Any) -> None:
    person = _person(services)
    letter = services.gp_letters.content(person)
    assert letter.practice == GpPractice(
        "Canal Side Medical Practice", "2 Wharf Walk", "CH65 0BS", "A81001"
    )
    assert letter.outcomes[0].lines[0] == "Life satisfaction: 3 (low) → 6 (medium)"
    assert "871731000000106" in [e.code for e in letter.coded_events]
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(services.gp_letters.make(person).pdf)).pages
    )
    assert "Canal Side Medical Practice" in text and "Still open" in text


def test_without_consent_nothing_is_made_written_or_recorded(services: Any, tmp_path: Path) -> None:
    person = _person(services, consent=False)
    before = _trail(services, person)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "letter.json"
    with pytest.raises(NoGpConsent, match="not agreed"):
        services.gp_letters.make(person)
    with pytest.raises(NoGpConsent):
        services.gp_letters.save_json(person, target)
    assert list(out.iterdir()) == []
    assert services.documents.history(person) == ()
    assert _trail(services, person) == before


def test_no_practice_is_asked_for_or_left_out_when_told(services: Any) -> None:
    person = _person(services, practice=GpPractice())
    with pytest.raises(NoGpPractice, match="No GP practice"):
        services.gp_letters.make(person)
    made = services.gp_letters.make(person, without_address=True)
    assert json.loads(made.json)["gp_practice"] is None
    assert "Re: Tamsin Trelawny" in PdfReader(io.BytesIO(made.pdf)).pages[0].extract_text()


def test_recording_the_practice_checks_it_then_lets_the_letter_through(services: Any) -> None:
    person = _person(services, practice=GpPractice())
    with pytest.raises(InvalidPerson) as raised:
        services.gp_letters.record_practice(person, GpPractice("Canal Side", ods_code="81001"))
    assert [p.field for p in raised.value.problems] == ["gp_practice.ods_code"]
    services.gp_letters.record_practice(person, GpPractice("Canal Side", "", "CH65 0BS"))
    assert services.gp_letters.content(person).practice.address_lines == ("Canal Side", "CH65 0BS")


def test_saving_is_recorded_as_a_document_and_in_the_audit_trail(
    services: Any, tmp_path: Path
) -> None:
    person = _person(services)
    services.gp_letters.record(person, DocumentAction.PRINTED)
    services.gp_letters.save_json(person, tmp_path / "letter.json")
    assert json.loads((tmp_path / "letter.json").read_text("utf-8"))["schema_version"]
    (record,) = services.documents.history(person)
    assert (record.kind, record.action) == (DocumentKind.GP_LETTER, DocumentAction.PRINTED)
    trail = _trail(services, person)
    assert "Printed letter to their GP" in trail
    assert "Exported letter to their GP" in trail
