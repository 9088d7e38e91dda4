"""The message back to the GP: its content (domain), its JSON (interchange), its letter (printing).

Built by hand from invented values; the NHS number is from the 999 test range.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import uuid

import pytest
from pypdf import PdfReader

from linkworker.domain.closing import (
    GivingBack,
    GivingBackDraft,
    HelperRole,
    Story,
    StoryConsent,
)
from linkworker.domain.codes import CodedEvent, SnomedCode
from linkworker.domain.dates import long_date
from linkworker.domain.message_back import SCHEMA_VERSION, MessageBack, message_back, what_changed
from linkworker.domain.outcomes import (
    NOT_ASKED,
    Measure,
    OutcomeRecord,
    Timepoint,
    episode_outcomes,
)
from linkworker.domain.people import (
    ClosingReason,
    Consent,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    GpPractice,
    PersonDetail,
    PersonDraft,
    ReferrerKind,
)
from linkworker.domain.person_validation import (
    normal_practice,
    parse_ods_code,
    validate_person,
)
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    ConfidenceRating,
    GoalDetail,
    GoalDraft,
    GoalStatus,
    PlanDetail,
    ReferralStatus,
    StatusChange,
)
from linkworker.domain.validation import InvalidValue
from linkworker.interchange.message_back import message_back_bytes, message_back_json
from linkworker.printing.gp_letter import render_gp_letter
from tests.data.people_helpers import AGREED

PERSON, EPISODE = uuid.uuid4(), uuid.uuid4()
REFERRED = dt.date(2026, 3, 2)
MET = dt.date(2026, 3, 9)
CLOSED = dt.date(2026, 8, 3)
PRACTICE = GpPractice("Canal Side Medical Practice", "2 Wharf Walk\nEllesmere Port", "CH65 0BS")
# ONS4 baseline 3, 4, 5, 7 adds up to 19 and closing 6, 7, 8, 2 to 23: neither may appear.
BASELINE = (3, 4, 5, 7)
CLOSING = (6, 7, 8, 2)


def _person(closed: bool = True) -> tuple[PersonDetail, EpisodeDetail]:
    draft = EpisodeDraft(
        consent_to_hold=AGREED,
        person_id=PERSON,
        referral_date=REFERRED,
        referred_by=ReferrerKind.GP,
        referrer_name="Dr Shah",
        reasons=("Loneliness", "Bereavement"),
        consent_share_gp=Consent(True, REFERRED, "Sam Link"),
        status=EpisodeStatus.CLOSED if closed else EpisodeStatus.ACTIVE,
        first_contact_on=MET,
        closed_on=CLOSED if closed else None,
        closing_reason=ClosingReason.GOALS_MET if closed else None,
    )
    episode = EpisodeDetail(EPISODE, 3, draft)
    person = PersonDetail(
        id=PERSON,
        version=2,
        draft=PersonDraft(
            given_name="Margaret",
            preferred_name="Peggy",
            family_name="Owens",
            date_of_birth=dt.date(1942, 3, 12),
            nhs_number="9995752697",
            what_matters="Singing again, like I did with Ron.",
            notes="Private note for the team only.",
            gp_practice=PRACTICE,
        ),
        episodes=(episode,),
        conversations=(),
        created_at=dt.datetime(2026, 3, 2, 9),
        updated_at=dt.datetime(2026, 8, 3, 9),
    )
    return person, episode


def _plan() -> PlanDetail:
    goal = GoalDetail(
        uuid.uuid4(),
        1,
        GoalDraft(EPISODE, "Sing again.", status=GoalStatus.ACHIEVED),
        (ConfidenceRating(3, MET), ConfidenceRating(8, CLOSED)),
        dt.datetime(2026, 3, 9),
    )
    choir = AssetReferralDetail(
        uuid.uuid4(),
        2,
        AssetReferralDraft(EPISODE, uuid.uuid4()),
        "Port Community Choir",
        False,
        (
            StatusChange(ReferralStatus.AGREED, MET),
            StatusChange(ReferralStatus.STILL_GOING, CLOSED),
        ),
    )
    return PlanDetail(EPISODE, PERSON, (goal,), (choir,), None)


def _measures() -> list[OutcomeRecord]:
    def taken(measure: Measure, when: Timepoint, on: dt.date, answers: tuple) -> OutcomeRecord:
        return OutcomeRecord(PERSON, EPISODE, measure, when, on, answers, id=uuid.uuid4())

    return [
        taken(Measure.ONS4, Timepoint.BASELINE, MET, BASELINE),
        taken(Measure.ONS4, Timepoint.CLOSING, CLOSED, CLOSING),
        taken(Measure.UCLA3, Timepoint.BASELINE, MET, (3, 3, NOT_ASKED)),
    ]


def _letter(closed: bool = True) -> MessageBack:
    person, episode = _person(closed)
    outcomes = episode_outcomes(EPISODE, REFERRED, closed, _measures())
    events = (
        CodedEvent(uuid.uuid4(), EPISODE, PERSON, SnomedCode.REFERRAL, MET, "", None),
        CodedEvent(uuid.uuid4(), uuid.uuid4(), PERSON, SnomedCode.OFFERED, REFERRED, "", None),
    )
    return message_back(
        person,
        episode,
        _plan(),
        outcomes,
        events,
        written_by="Sam Link",
        team="Ellesmere Port Social Prescribing Team",
        written_on=dt.date(2026, 8, 4),
    )


def _has_ons4_sum(text: str) -> bool:
    return any(re.search(rf"\b{sum(scores)}\b", text) for scores in (BASELINE, CLOSING))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _strings(item)]
    return []


def test_the_content_says_who_where_when_what_mattered_and_how_it_ended() -> None:
    letter = _letter()
    assert (letter.person_name, letter.nhs_number) == ("Margaret Owens", "999 575 2697")
    assert letter.practice.address_lines == (
        "Canal Side Medical Practice",
        "2 Wharf Walk",
        "Ellesmere Port",
        "CH65 0BS",
    )
    assert (letter.referral_date, letter.first_contact_on, letter.closed_on) == (
        REFERRED,
        MET,
        CLOSED,
    )
    assert letter.referred_by == "GP" and letter.reasons == ("Loneliness", "Bereavement")
    assert letter.what_matters == "Singing again, like I did with Ron."
    assert [(c.name, c.status, c.since) for c in letter.connections] == [
        ("Port Community Choir", "Still going", CLOSED)
    ]
    assert [(g.first_confidence, g.latest_confidence) for g in letter.goals] == [(3, 8)]
    assert letter.outcome_words == "Closed on 3 August 2026: Goals met."
    # Only this episode's coded events.
    assert [(e.code, e.on) for e in letter.coded_events] == [("871731000000106", MET)]
    assert letter.what_changed == ()


def test_outcomes_give_each_ons4_item_its_change_and_never_a_sum() -> None:
    letter = _letter()
    ons4, ucla = letter.outcomes
    assert ons4.lines == (
        "Life satisfaction: 3 (low) → 6 (medium)",
        "Worthwhile: 4 (low) → 7 (high)",
        "Happiness: 5 (medium) → 8 (high)",
        "Anxiety: 7 (high) → 2 (low), better",
    )
    assert "Loneliness total: not given (not all answered)" in ucla.lines
    onses = [a for a in letter.assessments if a.name == Measure.ONS4.label]
    assert [a.result for a in onses] == [None, None]
    assert not _has_ons4_sum(" ".join(_strings(letter)))


def test_an_open_episode_makes_a_review_and_no_internal_ids_or_notes_reach_it() -> None:
    letter = _letter(closed=False)
    assert letter.is_open and letter.closed_on is None and letter.closing_reason == ""
    assert letter.outcome_words.startswith("Still open")
    words = " ".join(_strings(letter))
    for secret in (str(PERSON), str(EPISODE), "Private note"):
        assert secret not in words


def test_the_json_is_shaped_by_the_standards_sections() -> None:
    data = json.loads(message_back_bytes(_letter()).decode("utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert {
        "person_demographics",
        "gp_practice",
        "referral_details",
        "assessments",
        "plan",
        "coded_events",
        "outcome",
        "consent",
    } <= set(data)
    assert data["person_demographics"] == {
        "name": "Margaret Owens",
        "date_of_birth": "1942-03-12",
        "nhs_number": "9995752697",
    }
    assert data["gp_practice"]["address"] == ["2 Wharf Walk", "Ellesmere Port"]
    assert data["referral_details"]["reasons"] == ["Loneliness", "Bereavement"]
    first = data["assessments"][0]
    assert set(first) == {"name", "timepoint", "date", "result", "subscales"}
    assert first["result"] is None  # ONS4 is never summed
    assert [s["value"] for s in first["subscales"]] == list(BASELINE)
    (ucla,) = [a for a in data["assessments"] if a["name"] == Measure.UCLA3.label]
    assert ucla["subscales"][2]["value"] == NOT_ASKED and ucla["result"] is None
    assert data["plan"]["activities"] == [
        {"name": "Port Community Choir", "status": "Still going", "since": "2026-08-03"}
    ]
    assert data["coded_events"][0]["code"] == "871731000000106"
    assert data["outcome"]["closing_reason"] == "Goals met"
    assert data["consent"]["share_with_gp"] is True
    assert str(PERSON) not in json.dumps(data)


def test_the_json_has_no_practice_when_none_is_given() -> None:
    letter = dataclasses.replace(_letter(), practice=GpPractice())
    assert message_back_json(letter)["gp_practice"] is None


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_the_letter_reads_as_a_letter_with_every_section() -> None:
    pages, text = _pdf_text(render_gp_letter(_letter()))
    assert pages <= 2
    flat = " ".join(text.split())
    for words in (
        "Canal Side Medical Practice",
        "CH65 0BS",
        "4 August 2026",
        "Re: Margaret Owens, born 12 March 1942, NHS number 999 575 2697",
        "Summary",
        "What mattered to them",
        "What they connected to",
        "Port Community Choir: still going since 3 August 2026",
        "Their goals",
        "Outcome measures",
        "Life satisfaction: 3 (low) → 6 (medium)",
        "Coded events for the GP record",
        "871731000000106",
        "Closed on 3 August 2026: Goals met.",
        "Yours sincerely",
        "Sam Link",
        "Ellesmere Port Social Prescribing Team",
    ):
        assert words in flat, words
    assert not _has_ons4_sum(flat)
    assert "Private note" not in flat


def test_the_files_metadata_names_the_kind_of_letter_never_the_person() -> None:
    metadata = str(PdfReader(io.BytesIO(render_gp_letter(_letter()))).metadata)
    assert "letter to the GP" in metadata
    assert "Margaret" not in metadata and "999" not in metadata


def test_a_letter_without_a_practice_has_no_address_block() -> None:
    letter = dataclasses.replace(_letter(), practice=GpPractice())
    _pages, text = _pdf_text(render_gp_letter(letter))
    assert "Canal Side" not in text and "Re: Margaret Owens" in text


@pytest.mark.parametrize(("typed", "kept"), [("a81001", "A81001"), (" N81 002 ", "N81002")])
def test_an_ods_code_is_a_letter_and_five_digits(typed: str, kept: str) -> None:
    assert parse_ods_code(typed) == kept


@pytest.mark.parametrize("typed", ["81001", "AB1001", "A8100", "A810011", "A8100X"])
def test_an_ods_code_of_another_shape_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="letter and five digits"):
        parse_ods_code(typed)


def test_a_practice_needs_its_name_once_anything_is_given() -> None:
    draft = PersonDraft(given_name="Jo", gp_practice=GpPractice(postcode="ch65 0bs"))
    assert [p.field for p in validate_person(draft)] == ["gp_practice.name"]
    kept = normal_practice(GpPractice(" Canal Side ", " 2 Wharf Walk \n\n", "ch65 0bs", "a81001"))
    assert kept == GpPractice("Canal Side", "2 Wharf Walk", "CH65 0BS", "A81001")


@pytest.mark.parametrize(
    ("consent", "quoted"),
    [(StoryConsent.NAMED, True), (StoryConsent.YES, False), (StoryConsent.NO, False)],
)
def test_what_changed_lists_roles_and_quotes_the_story_only_when_they_may_be_named(
    consent: StoryConsent, quoted: bool
) -> None:
    person, episode = _person(True)
    words = "The choir gave me my Tuesdays back."
    episode = dataclasses.replace(
        episode,
        draft=dataclasses.replace(episode.draft, story=Story(words, consent, CLOSED, "Sam")),
    )
    shed = GivingBackDraft(HelperRole.VOLUNTEER, CLOSED, place_name="Great Sutton Shed")
    other = GivingBackDraft(HelperRole.PEER_SUPPORTER, CLOSED, place_name="Another referral's")
    person = dataclasses.replace(
        person,
        giving_back=(
            GivingBack(uuid.uuid4(), PERSON, EPISODE, shed),
            GivingBack(uuid.uuid4(), PERSON, uuid.uuid4(), other),
        ),
    )
    lines = what_changed(person, episode)
    assert lines[0] == f"Volunteer at Great Sutton Shed since {long_date(CLOSED)}"
    assert not any("Another referral" in line for line in lines)
    assert any(words in line for line in lines) is quoted
    assert len(lines) == (2 if quoted else 1)
