"""My plan: built from the record, rendered, and read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.people import (
    ConversationDetail,
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    EpisodeDetail,
    EpisodeDraft,
    ImportantPerson,
    PersonDetail,
    PersonDraft,
)
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    ConfidenceRating,
    GoalDetail,
    GoalDraft,
    GoalStatus,
    GoalStep,
    PlanDetail,
    ReferralStatus,
    StepOwner,
)
from linkworker.printing.my_plan import render_plan
from linkworker.printing.snapshot_builders import plan_snapshot
from linkworker.printing.snapshots import (
    PlanGoal,
    PlanPlace,
    PlanSnapshot,
    PlanStep,
    PrintOptions,
    SupportPerson,
    WorkerContact,
)

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 1, 10, 0)
PERSON_ID = uuid.UUID(int=1)
EPISODE_ID = uuid.UUID(int=2)
WORKER = WorkerContact("Sam Patel", "Ellesmere Port Social Prescribing", "0151 496 0999")
NHS_NUMBER = "9990000018"  # the test range: never issued to anyone

HEADINGS = (
    "What matters to me",
    "What I'm good at",
    "Things I enjoy",
    "My goals and next steps",
    "The places I'm going to try",
    "Who's on my side",
    "My next appointment",
    "My link worker",
)


# --- the record ---------------------------------------------------------------------------


def _asset(name: str, **kw: object) -> AssetDetail:
    asset_id = uuid.uuid5(uuid.NAMESPACE_DNS, name)
    draft = AssetDraft(name=name, id=asset_id, **kw)  # type: ignore[arg-type]
    return AssetDetail(id=asset_id, version=1, draft=draft, created_at=NOW, updated_at=NOW)


WALK = _asset(
    "Grange Park Walking Group",
    description="A gentle walk round the park. We finish with a cup of tea.",
    cost=Cost.FREE,
    join_mode=JoinMode.DROP_IN,
    accessibility=("seating",),
    locations=(Location(name="Grange Park cafe", address="Grange Road", postcode="CH65 4AB"),),
    opening_times=(OpeningTime(day=Day.TUESDAY, starts=dt.time(10), ends=dt.time(12)),),
    contacts=(Contact(name="Sue Bell", role="walk leader", phone="0151 496 0123"),),
    notes="Leader is off sick: internal only",
)
KNIT = _asset(
    "Knit and Natter",
    description="Bring your knitting.",
    cost=Cost.LOW_COST,
    cost_note="£1 a session",
    join_mode=JoinMode.SELF_REFERRAL,
    opening_times=(OpeningTime(day=Day.WEDNESDAY, starts=dt.time(14), ends=dt.time(16)),),
    phone="0151 496 0456",
)
BOWLS = _asset("Crown Green Bowls", join_mode=JoinMode.REFERRAL)
CHOIR = _asset("Community Choir")
ONLINE = _asset("Phone Befriending", description="A weekly friendly call.", phone="0800 000 0000")


def _goal(words: str, position: int, **kw: object) -> GoalDetail:
    goal_id = uuid.uuid5(uuid.NAMESPACE_DNS, words)
    confidence = kw.pop("confidence", None)
    ratings = (ConfidenceRating(confidence, TODAY),) if isinstance(confidence, int) else ()
    draft = GoalDraft(episode_id=EPISODE_ID, words=words, id=goal_id, position=position, **kw)  # type: ignore[arg-type]
    return GoalDetail(id=goal_id, version=1, draft=draft, ratings=ratings, created_at=NOW)


def _referral(asset: AssetDetail, status: ReferralStatus, **kw: object) -> AssetReferralDetail:
    draft = AssetReferralDraft(
        episode_id=EPISODE_ID,
        asset_id=asset.id,
        id=uuid.uuid4(),
        status=status,
        **kw,  # type: ignore[arg-type]
    )
    return AssetReferralDetail(
        id=draft.id or uuid.uuid4(),
        version=1,
        draft=draft,
        asset_name=asset.name,
        asset_archived=False,
        history=(),
    )


def _person(**kw: object) -> PersonDetail:
    fields: dict[str, object] = {
        "given_name": "Margaret",
        "family_name": "Jones",
        "preferred_name": "Peggy",
        "nhs_number": NHS_NUMBER,
        "date_of_birth": dt.date(1950, 3, 4),
        "what_matters": "Getting out of the house again. I miss having people to talk to.",
        "strengths": ("Good with my hands",),
        "interests": ("Dancing",),
        "important_people": (ImportantPerson("Sarah", "my daughter", "07700 900456"),),
        "notes": "Private note about a fall in the bath",
    }
    fields.update(kw)
    draft = PersonDraft(id=PERSON_ID, **fields)  # type: ignore[arg-type]
    episode = EpisodeDetail(
        id=EPISODE_ID,
        version=1,
        draft=EpisodeDraft(
            person_id=PERSON_ID,
            referral_date=dt.date(2026, 10, 1),
            id=EPISODE_ID,
            reason_notes="GP: low mood, drinking more",
            next_contact_on=dt.date(2026, 12, 10),
        ),
    )
    crisis = ConversationDetail(
        id=uuid.UUID(int=3),
        version=1,
        draft=ConversationDraft(
            episode_id=EPISODE_ID,
            at=NOW,
            kind=ConversationType.CRISIS,
            notes="Crisis visit notes",
            crisis=CrisisPlan(must_change="Remove the tablets from the house"),
        ),
    )
    return PersonDetail(
        id=PERSON_ID,
        version=1,
        draft=draft,
        episodes=(episode,),
        conversations=(crisis,),
        created_at=NOW,
        updated_at=NOW,
    )


GOALS = (
    _goal(
        "Get out of the house twice a week",
        0,
        confidence=6,
        steps=(
            GoalStep("Try the walking group on Tuesday", by=dt.date(2026, 12, 2)),
            GoalStep("Find the bus times", StepOwner.LINK_WORKER, done=True),
            GoalStep("Come with me the first time", StepOwner.SOMEONE_ELSE, "my daughter Sarah"),
        ),
    ),
    _goal("Learn to knit a scarf", 1, confidence=8),
    _goal("Sort out the gas bill", 2, status=GoalStatus.ACHIEVED),
    _goal("Join a gym", 3, status=GoalStatus.SET_ASIDE),
)
REFERRALS = (
    _referral(WALK, ReferralStatus.AGREED, getting_there="The 1 bus to Grange Road"),
    _referral(KNIT, ReferralStatus.STILL_GOING, going_with_someone=True, going_with="Sarah"),
    _referral(BOWLS, ReferralStatus.DECLINED),
    _referral(CHOIR, ReferralStatus.STOPPED),
    _referral(ONLINE, ReferralStatus.SUGGESTED),
)
ASSETS = {a.id: a for a in (WALK, KNIT, BOWLS, CHOIR, ONLINE)}


def _plan_detail(
    goals: tuple[GoalDetail, ...] = GOALS,
    referrals: tuple[AssetReferralDetail, ...] = REFERRALS,
) -> PlanDetail:
    return PlanDetail(
        episode_id=EPISODE_ID,
        person_id=PERSON_ID,
        goals=goals,
        referrals=referrals,
        next_contact_on=dt.date(2026, 12, 3),
    )


# --- reading the PDF back -----------------------------------------------------------------


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(pdf: bytes) -> str:
    """All the text, with every run of whitespace (line ends, no-break spaces) as one space."""
    return " ".join(" ".join(_pages(pdf)).split())


def _streams(pdf: bytes) -> list[bytes]:
    """Each page's content stream: the drawing operators, font sizes and colours."""
    streams: list[bytes] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        assert contents is not None
        streams.append(contents.get_data())
    return streams


def _font_sizes(pdf: bytes) -> set[float]:
    return {float(s) for data in _streams(pdf) for s in re.findall(rb"/\S+ ([\d.]+) Tf", data)}


def _snapshot(**kw: object) -> PlanSnapshot:
    return plan_snapshot(_person(**kw), _plan_detail(), ASSETS, WORKER, TODAY)


# --- what the plan says --------------------------------------------------------------------


def test_every_goal_step_and_chosen_place_appears() -> None:
    text = _flat(render_plan(_snapshot()))
    for words in (
        "Get out of the house twice a week",
        "Learn to knit a scarf",
        "Sort out the gas bill",
        "Try the walking group on Tuesday (me, by 2 December 2026)",
        "Find the bus times (my link worker)",
        "Come with me the first time (my daughter Sarah)",
        "How sure I feel I can do this: 6 out of 10",
        "Grange Park Walking Group",
        "Knit and Natter",
        "Phone Befriending",
        "Tuesday, 10am to 12 noon",
        "Grange Park cafe, Grange Road, CH65 4AB",
        "The 1 bus to Grange Road",
        "Just turn up",
        "Low cost: £1 a session",
        "Sue Bell (walk leader), 0151 496 0123",
        "Sarah is coming with me the first time",
        "Sarah (my daughter): 07700 900456",
        "Thursday 3 December 2026",
        "Sam Patel",
        "0151 496 0999",
    ):
        assert words in text, words


def test_set_aside_goals_and_declined_or_stopped_places_are_left_out() -> None:
    snapshot = _snapshot()
    assert [g.words for g in snapshot.goals] == [
        "Get out of the house twice a week",
        "Learn to knit a scarf",
        "Sort out the gas bill",
    ]
    assert [p.name for p in snapshot.places] == [
        "Grange Park Walking Group",
        "Knit and Natter",
        "Phone Befriending",
    ]
    text = _flat(render_plan(snapshot))
    for absent in ("Join a gym", "Crown Green Bowls", "Community Choir"):
        assert absent not in text


def test_the_plan_holds_no_codes_notes_or_risk() -> None:
    text = _flat(render_plan(_snapshot()))
    for absent in (
        NHS_NUMBER,
        "999 000 0018",
        "NHS",
        "fall in the bath",
        "low mood",
        "Crisis",
        "tablets",
        "internal only",
        "1950",
    ):
        assert absent not in text, absent


def test_every_page_has_page_x_of_y_and_the_date_printed() -> None:
    pages = _pages(render_plan(_snapshot(), PrintOptions(large_print=True)))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Printed 22 November 2026" in text


def test_a_hundred_goals_flow_over_several_pages() -> None:
    goals = tuple(
        _goal(f"Goal number {i} in my own words", i, confidence=i % 11) for i in range(100)
    )
    snapshot = plan_snapshot(_person(), _plan_detail(goals, ()), ASSETS, WORKER, TODAY)
    pages = _pages(render_plan(snapshot))
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    text = " ".join(" ".join(pages).split())
    for i in range(100):
        assert f"Goal number {i} in my own words" in text


def test_empty_sections_are_left_out_heading_and_all() -> None:
    bare = PlanSnapshot(name="Ann Lee", printed_on=TODAY, worker=WorkerContact(""))
    pages = _pages(render_plan(bare))
    assert len(pages) == 1
    for heading in HEADINGS:
        assert heading not in pages[0]
    assert "My plan" in pages[0] and "Ann Lee" in pages[0]

    full = _flat(render_plan(_snapshot()))
    for heading in HEADINGS:
        assert heading in full


def test_markup_in_the_persons_words_prints_literally() -> None:
    snapshot = PlanSnapshot(
        name="<b>Bob</b> & Co",
        printed_on=TODAY,
        worker=WORKER,
        what_matters='<b>hi</b> & <font color="red">',
        goals=(PlanGoal(words="<i>not italic</i> &amp; <br/>", steps=(PlanStep("<para>"),)),),
    )
    text = _flat(render_plan(snapshot))
    for literal in ("<b>Bob</b> & Co", '<b>hi</b> & <font color="red">', "<i>not italic</i>"):
        assert literal in text
    assert "&amp; <br/>" in text and "<para>" in text


def test_large_print_sets_every_piece_of_text_at_16pt_or_more() -> None:
    snapshot = _snapshot()
    assert min(_font_sizes(render_plan(snapshot))) < 16  # the ordinary plan has small print
    for options in (
        PrintOptions(large_print=True),
        PrintOptions(large_print=True, easy_read=True),
        PrintOptions(large_print=True, high_contrast=True),
    ):
        sizes = _font_sizes(render_plan(snapshot, options))
        assert min(sizes) >= 16, options


def test_high_contrast_prints_only_black_and_white() -> None:
    def colours(pdf: bytes) -> set[bytes]:
        found = {c for data in _streams(pdf) for c in re.findall(rb"([\d. ]+) (?:rg|RG)\b", data)}
        return {b" ".join(c.split()) for c in found}

    black_and_white = {b"0 0 0", b"1 1 1"}
    snapshot = _snapshot()
    assert not colours(render_plan(snapshot)) <= black_and_white  # the ordinary plan has colour
    for options in (PrintOptions(high_contrast=True), PrintOptions(True, True, True)):
        assert colours(render_plan(snapshot, options)) <= black_and_white, options


def test_easy_read_puts_one_sentence_on_each_line() -> None:
    pdf = render_plan(_snapshot(), PrintOptions(easy_read=True))
    lines = [line.strip() for page in _pages(pdf) for line in page.splitlines()]
    assert "Getting out of the house again." in lines
    assert "I miss having people to talk to." in lines
    assert "We finish with a cup of tea." in lines
    assert "Cost: Free" in lines
    assert "I feel 6 out of 10 sure I can do this." in lines


@pytest.mark.parametrize(
    "options", [PrintOptions(*flags) for flags in itertools.product((False, True), repeat=3)]
)
def test_every_combination_of_options_prints_the_whole_plan(options: PrintOptions) -> None:
    text = _flat(render_plan(_snapshot(), options))
    for words in ("Get out of the house twice a week", "Phone Befriending", "Sam Patel"):
        assert words in text


def test_very_long_text_wraps_and_flows_across_pages() -> None:
    story = " ".join(f"word{i}" for i in range(1500))
    snapshot = PlanSnapshot(
        name="Ann " + "Lee" * 300,
        printed_on=TODAY,
        worker=WORKER,
        what_matters=story + " " + "x" * 5000,
        goals=(PlanGoal(words=story[:3000], steps=(PlanStep(story[:2000], "me"),)),),
        places=(PlanPlace(name="A place", what_happens=story, when=("Tuesday",) * 60),),
    )
    pdf = render_plan(snapshot, PrintOptions(easy_read=True, large_print=True))
    pages = _pages(pdf)
    assert len(pages) > 10
    text = " ".join(pages)
    assert "word1499" in text and "A place" in text and "My link worker" in text
    assert len(_pages(render_plan(snapshot))) > 2


def test_a_place_with_no_address_prints_without_where() -> None:
    snapshot = PlanSnapshot(
        name="Ann Lee",
        printed_on=TODAY,
        worker=WORKER,
        places=(PlanPlace(name="Phone Befriending", what_happens="A weekly call."),),
    )
    text = _flat(render_plan(snapshot))
    assert "Phone Befriending" in text and "A weekly call." in text
    assert "Where" not in text
    assert plan_snapshot(_person(), _plan_detail(), ASSETS, WORKER, TODAY).places[2].where == ()


def test_the_metadata_names_the_document_not_the_person() -> None:
    reader = PdfReader(io.BytesIO(render_plan(_snapshot())))
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert reader.metadata is not None and reader.metadata.title == "My plan"
    for personal in ("Peggy", "Margaret", "Jones", "Sarah"):
        assert personal not in metadata


def test_the_next_appointment_falls_back_to_the_referral_s_next_contact() -> None:
    plan = PlanDetail(
        episode_id=EPISODE_ID, person_id=PERSON_ID, goals=(), referrals=(), next_contact_on=None
    )
    snapshot = plan_snapshot(_person(), plan, {}, WORKER, TODAY)
    assert snapshot.next_appointment == dt.date(2026, 12, 10)
    assert "Thursday 10 December 2026" in _flat(render_plan(snapshot))
    assert plan_snapshot(_person(), None, {}, WORKER, TODAY).goals == ()


def test_support_people_are_only_names_relationships_and_contacts() -> None:
    snapshot = _snapshot()
    assert snapshot.people == (SupportPerson("Sarah", "my daughter", "07700 900456"),)


# --- nothing crashes ---------------------------------------------------------------------------

_ANY_TEXT = st.text(max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_ANY_TEXT,
    words=_ANY_TEXT,
    goals=st.lists(_ANY_TEXT, max_size=4),
    place=_ANY_TEXT,
    options=st.builds(PrintOptions, st.booleans(), st.booleans(), st.booleans()),
)
def test_render_plan_never_crashes_on_any_text(
    name: str, words: str, goals: list[str], place: str, options: PrintOptions
) -> None:
    snapshot = PlanSnapshot(
        name=name,
        printed_on=TODAY,
        worker=WorkerContact(name, words, words, words),
        what_matters=words,
        strengths=(words, name),
        interests=(place,),
        goals=tuple(
            PlanGoal(words=g, steps=(PlanStep(g, words, TODAY),), confidence=5) for g in goals
        ),
        places=(
            PlanPlace(
                name=place,
                what_happens=words,
                where=(place,),
                getting_there=words,
                when=(words,),
                cost=place,
                what_to_expect=(words, place),
                how_to_join=place,
                contact=(words,),
                going_with=words,
                progress=place,
            ),
        ),
        people=(SupportPerson(name, words, place),),
        next_appointment=TODAY,
    )
    pdf = render_plan(snapshot, options)
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) >= 1


def test_times_and_days_are_in_plain_words() -> None:
    from linkworker.printing.snapshot_builders import clock, cost_words, when_words

    assert [clock(dt.time(h, m)) for h, m in ((10, 0), (13, 30), (12, 0), (0, 0))] == [
        "10am",
        "1:30pm",
        "12 noon",
        "midnight",
    ]
    slot = OpeningTime(day=Day.FRIDAY, starts=dt.time(13, 30), ends=dt.time(15), note="in term")
    assert when_words(slot) == "Friday, 1:30pm to 3pm (in term)"
    assert when_words(OpeningTime(note="first Tuesday of the month")) == (
        "First Tuesday of the month"
    )
    assert when_words(OpeningTime()) == ""
    assert cost_words(Cost.PAID, "") == "There is a charge"


def test_a_long_place_flows_on_rather_than_leaving_half_a_page_empty() -> None:
    details = tuple(f"Detail number {i} about this group" for i in range(24))
    places = tuple(
        PlanPlace(name=f"Group {n}", what_happens="Tea and a chat.", what_to_expect=details)
        for n in range(1, 5)
    )
    snapshot = PlanSnapshot(
        name="Ann Lee", printed_on=TODAY, worker=WorkerContact(""), places=places
    )
    pages = _pages(render_plan(snapshot))
    # Each place is over half a page: kept whole, every page would hold one and a gap.
    # Flowing, some place starts on one page and carries on over the next.
    first, last = "Detail number 0 about", "Detail number 23 about"
    split = [i for i, page in enumerate(pages) if page.count(first) > page.count(last)]
    assert split, "no place flowed across a page break"
    assert len(pages) <= 3
    # Its name never sits alone at the foot of a page.
    for page in pages:
        last_line = page.strip().splitlines()[-3:]
        assert not any(line.startswith("Group ") for line in last_line)
