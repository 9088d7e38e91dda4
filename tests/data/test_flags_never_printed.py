"""Risk flags are for the team's eyes: a flagged person's printed plan carries none of them.

The plan is printed through the same service the window uses and read back with pypdf;
the person's own words are there (so the text is readable), the flags' words are not.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pypdf

from linkworker.domain.journey import ContactDraft, RiskFlagKind
from linkworker.domain.people import EpisodeDraft, PersonDraft
from tests.data.people_helpers import AGREED

NOTES = {
    RiskFlagKind.SAFEGUARDING: "Partner controls the money; speak alone",
    RiskFlagKind.LONE_WORKING: "Brother shouted at the last visitor",
    RiskFlagKind.DO_NOT_VISIT_ALONE: "Large unfriendly dog in the yard",
    RiskFlagKind.NO_LETTERS: "Post is opened by others",
}


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_flagged_persons_plan_prints_no_flag(services: Any) -> None:
    services.settings.set("user_name", "Priya Shah")
    person = services.people.save_person(
        PersonDraft(
            given_name="Winifred",
            family_name="Hartley",
            nhs_number="9990000018",
            what_matters="Singing with the choir again",
        )
    )
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=dt.date.today(),
            link_worker="Priya Shah",
        )
    )
    services.contacts.book(
        ContactDraft(
            episode_id=episode.id,
            starts_at=dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(11)),
        )
    )
    for kind, note in NOTES.items():
        services.flags.raise_flag(person.id, kind, note, "Obadiah Flagraiser")
    assert len(services.people.get_person(person.id).flags) == len(RiskFlagKind)

    text = _text(services.documents.plan_pdf(person.id))

    assert "Singing with the choir again" in text  # the plan itself is read back
    printed = text.casefold()
    for kind, note in NOTES.items():
        assert kind.label.casefold() not in printed
        assert note.casefold() not in printed
    for word in ("Obadiah", "Flagraiser", "safeguarding", "lone-working", "risk", "flag"):
        assert word.casefold() not in printed
