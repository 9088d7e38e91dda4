"""A referral to a provider: only with consent, and only what sharing covers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import uuid

import pytest
from pypdf import PdfReader

from linkworker.domain.directory import AssetDetail, AssetDraft
from linkworker.domain.people import (
    AccessNeed,
    Consent,
    ContactMethod,
    ConversationDetail,
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    EpisodeDetail,
    EpisodeDraft,
    PersonDetail,
    PersonDraft,
)
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    GoalDetail,
    GoalDraft,
    ReferralStatus,
)
from linkworker.errors import UserFacingError
from linkworker.printing.provider_referral import render_referral
from linkworker.printing.snapshot_builders import ConsentMissing, referral_snapshot
from linkworker.printing.snapshots import PrintOptions, WorkerContact

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 1, 10, 0)
PERSON_ID, EPISODE_ID, ASSET_ID, GOAL_ID = (uuid.UUID(int=i) for i in range(1, 5))
NHS_NUMBER = "9990000026"  # the test range: never issued to anyone
WORKER = WorkerContact(
    "Sam Patel", "Ellesmere Port Social Prescribing", "0151 496 0999", "sam@x.uk"
)
CONSENTED = Consent(given=True, on=dt.date(2026, 10, 8), recorded_by="Sam Patel")


def _asset(**kw: object) -> AssetDetail:
    draft = AssetDraft(name="Grange Park Walking Group", id=ASSET_ID, organisation="Ramblers", **kw)  # type: ignore[arg-type]
    return AssetDetail(id=ASSET_ID, version=1, draft=draft, created_at=NOW, updated_at=NOW)


def _person(**kw: object) -> PersonDetail:
    fields: dict[str, object] = {
        "given_name": "Gülşen",
        "family_name": "Öztürk",
        "preferred_name": "Gül",
        "nhs_number": NHS_NUMBER,
        "date_of_birth": dt.date(1958, 6, 30),
        "address": "12 Acacia Avenue",
        "postcode": "CH65 9ZZ",
        "phone": "07700 900123",
        "email": "gul@example.org",
        "preferred_contact": ContactMethod.TEXT,
        "contact_times": "Mornings",
        "first_language": "Turkish",
        "interpreter_needed": True,
        "access_needs": (AccessNeed.MOBILITY, AccessNeed.HEARING),
        "gender": "Woman",
        "ethnicity": "Turkish",
        "what_matters": "Seeing people again since my husband died.",
        "notes": "Private note: takes sertraline",
    }
    fields.update(kw)
    return PersonDetail(
        id=PERSON_ID,
        version=1,
        draft=PersonDraft(id=PERSON_ID, **fields),  # type: ignore[arg-type]
        episodes=(),
        conversations=(
            ConversationDetail(
                id=uuid.UUID(int=9),
                version=1,
                draft=ConversationDraft(
                    episode_id=EPISODE_ID,
                    at=NOW,
                    kind=ConversationType.CRISIS,
                    notes="crisis notes",
                    crisis=CrisisPlan(must_change="Stay with her sister"),
                ),
            ),
        ),
        created_at=NOW,
        updated_at=NOW,
    )


def _episode(consent: Consent = CONSENTED) -> EpisodeDetail:
    return EpisodeDetail(
        id=EPISODE_ID,
        version=1,
        draft=EpisodeDraft(
            person_id=PERSON_ID,
            referral_date=dt.date(2026, 10, 1),
            id=EPISODE_ID,
            reasons=("Bereavement", "Low mood"),
            reason_notes="GP says: drinking more since bereavement",
            consent_share_providers=consent,
        ),
    )


def _referral(**kw: object) -> AssetReferralDetail:
    draft = AssetReferralDraft(
        episode_id=EPISODE_ID,
        asset_id=ASSET_ID,
        id=uuid.UUID(int=7),
        status=ReferralStatus.REFERRED,
        goal_id=GOAL_ID,
        notes="Referral note: worried about her drinking",
        **kw,  # type: ignore[arg-type]
    )
    return AssetReferralDetail(
        id=uuid.UUID(int=7),
        version=1,
        draft=draft,
        asset_name="Grange Park Walking Group",
        asset_archived=False,
        history=(),
    )


GOAL = GoalDetail(
    id=GOAL_ID,
    version=1,
    draft=GoalDraft(episode_id=EPISODE_ID, words="Get out walking twice a week", id=GOAL_ID),
    ratings=(),
    created_at=NOW,
)


def _flat(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_without_consent_the_referral_cannot_be_made_and_says_why() -> None:
    for consent in (Consent(), Consent(given=False, on=TODAY, recorded_by="Sam")):
        with pytest.raises(ConsentMissing) as caught:
            referral_snapshot(_person(), _episode(consent), _referral(), _asset(), WORKER, TODAY)
        error = caught.value
        assert isinstance(error, UserFacingError)
        assert error.message == (
            "Gül Öztürk has not agreed to share their details with services like "
            "Grange Park Walking Group."
        )
        assert "Ask them, and record their answer on the referral" in str(error)


def test_a_referral_carries_what_the_provider_needs() -> None:
    snapshot = referral_snapshot(
        _person(), _episode(), _referral(going_with_someone=True, going_with="her sister"),
        _asset(), WORKER, TODAY, goal=GOAL,
    )  # fmt: skip
    text = _flat(render_referral(snapshot))
    for words in (
        "to Grange Park Walking Group",
        "Gülşen Öztürk",
        "Likes to be called Gül",
        "Best way to get in touch: Text message",
        "Phone: 07700 900123",
        "Email: gul@example.org",
        "Best times: Mornings",
        "“Get out walking twice a week”",
        "Has mobility needs: step-free access helps",
        "Has hearing loss",
        "First language Turkish: would like an interpreter",
        "Will come with her sister the first time",
        "Sam Patel",
        "0151 496 0999",
        "sam@x.uk",
        "agreed on 8 October 2026",
        "Page 1 of 1",
        "Printed 22 November 2026",
    ):
        assert words in text, words


def test_an_interpreter_in_another_language_than_their_first_is_named() -> None:
    person = _person(first_language="Bengali", interpreter_language="Sylheti")
    snapshot = referral_snapshot(person, _episode(), _referral(), _asset(), WORKER, TODAY)
    text = _flat(render_referral(snapshot))
    assert "First language Bengali; would like a Sylheti interpreter" in text


def test_a_referral_never_carries_nhs_number_notes_or_crisis_content() -> None:
    snapshot = referral_snapshot(
        _person(), _episode(), _referral(), _asset(), WORKER, TODAY, goal=GOAL
    )
    text = _flat(render_referral(snapshot))
    for absent in (
        NHS_NUMBER,
        "999 000 0026",
        "sertraline",
        "drinking",
        "crisis",
        "sister",
        "Low mood",
        "Bereavement",
        "1958",
        "Acacia",  # the address: she prefers texts, not letters
        "Woman",
    ):
        assert absent not in text, absent
    assert snapshot.age is None  # the walking group has no age limit


def test_the_address_goes_only_to_someone_who_prefers_letters() -> None:
    person = _person(preferred_contact=ContactMethod.LETTER)
    snapshot = referral_snapshot(person, _episode(), _referral(), _asset(), WORKER, TODAY)
    assert snapshot.address == "12 Acacia Avenue, CH65 9ZZ"
    homeless = _person(preferred_contact=ContactMethod.LETTER, no_fixed_address=True, address="")
    assert (
        referral_snapshot(homeless, _episode(), _referral(), _asset(), WORKER, TODAY).address == ""
    )


def test_age_is_shared_only_when_the_provider_has_an_age_limit() -> None:
    snapshot = referral_snapshot(
        _person(), _episode(), _referral(), _asset(age_min=50), WORKER, TODAY
    )
    assert snapshot.age == 68
    assert "Age 68" in _flat(render_referral(snapshot))


def test_without_a_goal_the_reason_is_what_matters_to_them() -> None:
    snapshot = referral_snapshot(_person(), _episode(), _referral(), _asset(), WORKER, TODAY)
    assert snapshot.reason == "Seeing people again since my husband died."


def test_parts_that_do_not_belong_together_are_refused() -> None:
    other_episode = dataclasses.replace(_episode(), id=uuid.UUID(int=99))
    with pytest.raises(ValueError):
        referral_snapshot(_person(), other_episode, _referral(), _asset(), WORKER, TODAY)
    other_asset = dataclasses.replace(_asset(), id=uuid.UUID(int=98))
    with pytest.raises(ValueError):
        referral_snapshot(_person(), _episode(), _referral(), other_asset, WORKER, TODAY)


def test_a_sparse_referral_leaves_empty_sections_out() -> None:
    person = _person(
        preferred_name="",
        phone="",
        email="",
        preferred_contact=None,
        contact_times="",
        first_language="",
        interpreter_needed=False,
        access_needs=(),
        what_matters="",
    )
    snapshot = referral_snapshot(person, _episode(), _referral(), _asset(), WORKER, TODAY)
    text = _flat(render_referral(snapshot, PrintOptions(large_print=True)))
    assert "Gülşen Öztürk" in text
    for heading in ("in their words", "What helps them take part", "Likes to be called"):
        assert heading not in text


def test_the_metadata_holds_no_personal_data() -> None:
    snapshot = referral_snapshot(_person(), _episode(), _referral(), _asset(), WORKER, TODAY)
    reader = PdfReader(io.BytesIO(render_referral(snapshot, PrintOptions(easy_read=True))))
    assert reader.metadata is not None and reader.metadata.title == "Referral"
    metadata = " ".join(str(v) for v in reader.metadata.values())
    assert "Gül" not in metadata and "Öztürk" not in metadata
