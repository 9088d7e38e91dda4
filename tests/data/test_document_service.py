"""DocumentService over a real SQLite file: plans, referrals, directory sheets and their record.

The directory is the shipped sample; the person is built through the people
and plan services as a link worker would record them. Each PDF is read back
with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from linkworker import errors
from linkworker.data.database import Database, open_database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetStatus, DirectoryFilter
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.people import (
    AccessNeed,
    Consent,
    ContactMethod,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.plan import (
    AssetReferralDraft,
    GoalDraft,
    GoalStatus,
    GoalStep,
    ReferralStatus,
    StepOwner,
)
from linkworker.paths import AppPaths
from linkworker.printing.snapshot_builders import ConsentMissing
from linkworker.printing.snapshots import PrintOptions, WorkerContact
from linkworker.services.directory import DirectoryService
from linkworker.services.documents import DocumentService, options_words, page_count
from linkworker.services.people import PeopleService
from linkworker.services.plan import PlanService
from linkworker.services.sample_data import load_sample_drafts
from linkworker.services.settings import SettingsStore
from tests.data.people_helpers import AGREED

TODAY = dt.date(2026, 11, 22)
NHS_NUMBER = "9990000018"  # the test range: never issued to anyone

GOALS = (
    "Get out of the house twice a week.",
    "Sing again, like I did with Ron.",
    "See more of my granddaughter Ellie.",
)
SET_ASIDE_GOAL = "Learn to drive."
CHOSEN = ("Port Community Choir", "Knit and Natter", "Rivacre Valley Health Walk")
DECLINED = "Walking Football"


class Clock:
    """A wall clock a test moves on by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 9, 30)

    def __call__(self) -> dt.datetime:
        return self.now

    def minutes_later(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)


@dataclass
class World:
    docs: DocumentService
    people: PeopleService
    plans: PlanService
    directory: DirectoryService
    settings: SettingsStore
    clock: Clock
    assets: dict[str, uuid.UUID]


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the sample directory, built once and copied for each test."""
    root = tmp_path_factory.mktemp("sample") / "data"
    paths = AppPaths.under(root)
    db = open_database(paths.database, paths.backups_dir)
    try:
        DirectoryService(UnitsOfWork(db), today=lambda: TODAY).add_many(load_sample_drafts(TODAY))
    finally:
        db.dispose()
    return root


@pytest.fixture
def db(sample_folder: Path, tmp_path: Path) -> Iterator[Database]:
    paths = AppPaths.under(tmp_path / "copy")
    shutil.copytree(sample_folder, tmp_path / "copy")
    opened = open_database(paths.database, paths.backups_dir)
    yield opened
    opened.dispose()


@pytest.fixture
def world(db: Database, tmp_path: Path) -> World:
    people = PeopleService(
        UnitsOfWork(db), today=lambda: TODAY, now=lambda: dt.datetime(2026, 11, 22, 9)
    )
    plans = PlanService(UnitsOfWork(db), today=lambda: TODAY)
    directory = DirectoryService(UnitsOfWork(db), today=lambda: TODAY)
    settings = SettingsStore(tmp_path / "settings.json")
    settings.set("user_name", "Sam Patel")
    settings.set("team_name", "Ellesmere Port Social Prescribing")
    settings.set("user_phone", "0151 496 0999")
    settings.set("user_email", "sam.patel@example.org")
    clock = Clock()
    docs = DocumentService(UnitsOfWork(db), settings, today=lambda: TODAY, now=clock)
    assets = {d.name: d.id for d in directory.details(DirectoryFilter(include_archived=True))}
    return World(docs, people, plans, directory, settings, clock, assets)


def _person(
    world: World,
    *,
    needs: tuple[AccessNeed, ...] = (),
    share: bool = True,
    nhs_number: str = NHS_NUMBER,
) -> tuple[uuid.UUID, uuid.UUID]:
    """Peggy with a referral, consents, goals and places chosen together: (person, episode)."""
    person = world.people.save_person(
        PersonDraft(
            given_name="Margaret",
            preferred_name="Peggy",
            family_name="Owens",
            nhs_number=nhs_number,
            date_of_birth=dt.date(1948, 3, 9),
            phone="07700 900123",
            preferred_contact=ContactMethod.PHONE,
            postcode="CH66 2TN",
            access_needs=needs,
            what_matters="Getting out of the house again and singing.",
            strengths=("warm and chatty",),
            notes="Private note: low mood since Ron died.",
        )
    )
    consent = Consent(given=True, on=TODAY - dt.timedelta(days=20), recorded_by="Sam Patel")
    episode = world.people.save_episode(
        EpisodeDraft(
            person_id=person.id,
            referral_date=TODAY - dt.timedelta(days=20),
            status=EpisodeStatus.ACTIVE,
            reasons=("Loneliness",),
            consent_to_hold=consent,
            consent_share_providers=consent if share else Consent(),
        )
    )
    goal_ids = [
        world.plans.save_goal(
            GoalDraft(
                episode_id=episode.id,
                words=words,
                position=i,
                confidence=4 + i,
                steps=(GoalStep("Ring the choir", StepOwner.LINK_WORKER),) if i == 1 else (),
            )
        ).id
        for i, words in enumerate(GOALS)
    ]
    world.plans.save_goal(
        GoalDraft(
            episode_id=episode.id, words=SET_ASIDE_GOAL, position=9, status=GoalStatus.SET_ASIDE
        )
    )
    statuses = (ReferralStatus.AGREED, ReferralStatus.SUGGESTED, ReferralStatus.REFERRED)
    for name, status in zip(CHOSEN, statuses, strict=True):
        world.plans.save_referral(
            AssetReferralDraft(
                episode_id=episode.id,
                asset_id=world.assets[name],
                status=status,
                goal_id=goal_ids[1] if name == "Port Community Choir" else None,
                getting_there="The 1 bus from the Cross",
            )
        )
    world.plans.save_referral(
        AssetReferralDraft(
            episode_id=episode.id, asset_id=world.assets[DECLINED], status=ReferralStatus.DECLINED
        )
    )
    return person.id, episode.id


def _referral_id(world: World, episode_id: uuid.UUID, name: str) -> uuid.UUID:
    plan = world.plans.get_plan(episode_id)
    return next(r.id for r in plan.referrals if r.asset_name == name)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _flat(pdf: bytes) -> str:
    return " ".join(_pages(pdf))


def _font_sizes(pdf: bytes) -> set[float]:
    sizes: set[float] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        assert contents is not None
        sizes |= {float(s) for s in re.findall(rb"/\S+ ([\d.]+) Tf", contents.get_data())}
    return sizes


# My plan ----------------------------------------------------------------------------------


def test_the_plan_has_every_goal_and_open_place_and_no_nhs_number(world: World) -> None:
    person_id, _ = _person(world)

    pdf = world.docs.plan_pdf(person_id, PrintOptions())
    text = _flat(pdf)

    assert text.startswith("My plan Peggy Owens")
    for words in (*GOALS, *CHOSEN, "Ring the choir", "The 1 bus from the Cross"):
        assert words in text, words
    assert "CH66 2JH" in text  # where the choir meets, from the directory
    assert SET_ASIDE_GOAL not in text
    assert DECLINED not in text
    assert "Sam Patel" in text and "0151 496 0999" in text  # the worker, from the settings
    assert NHS_NUMBER not in text.replace(" ", "")
    assert "Private note" not in text
    assert page_count(pdf) == len(_pages(pdf)) >= 1


def test_someone_with_no_referral_yet_still_gets_a_plan(world: World) -> None:
    person = world.people.save_person(PersonDraft(given_name="Gary", family_name="Hughes"))
    text = _flat(world.docs.plan_pdf(person.id))
    assert "Gary Hughes" in text


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ((), PrintOptions()),
        ((AccessNeed.HEARING, AccessNeed.MOBILITY), PrintOptions()),
        ((AccessNeed.LARGE_PRINT,), PrintOptions(large_print=True)),
        ((AccessNeed.SIGHT,), PrintOptions(large_print=True, high_contrast=True)),
        ((AccessNeed.EASY_READ,), PrintOptions(easy_read=True)),
        (
            (AccessNeed.EASY_READ, AccessNeed.LARGE_PRINT),
            PrintOptions(large_print=True, easy_read=True),
        ),
    ],
)
def test_default_options_follow_the_persons_access_needs(
    world: World, needs: tuple[AccessNeed, ...], expected: PrintOptions
) -> None:
    person = world.people.save_person(
        PersonDraft(given_name="Ada", family_name="Jones", access_needs=needs)
    )
    assert world.docs.default_options(person.id) == expected


def test_a_plan_for_someone_who_needs_large_print_is_large_without_asking(world: World) -> None:
    person_id, _ = _person(world, needs=(AccessNeed.LARGE_PRINT,))

    standard = world.docs.plan_pdf(person_id, PrintOptions())
    large = world.docs.plan_pdf(person_id)

    assert min(_font_sizes(standard)) < 16
    assert min(_font_sizes(large)) >= 16
    assert all(words in _flat(large) for words in GOALS)


def test_with_two_referrals_open_the_plan_asked_for_is_the_one_printed(world: World) -> None:
    person_id, first = _person(world)
    second = world.people.save_episode(  # a second team's referral, kept open beside the first
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person_id, referral_date=TODAY, reasons=("Debt",)
        )
    )
    world.plans.save_goal(GoalDraft(episode_id=second.id, words="Sort out the gas bill"))

    current = _flat(world.docs.plan_pdf(person_id, PrintOptions()))
    other = _flat(world.docs.plan_pdf(person_id, PrintOptions(), episode_id=second.id))

    assert GOALS[0] in current and "Sort out the gas bill" not in current
    assert "Sort out the gas bill" in other and GOALS[0] not in other
    assert first != second.id
    stranger = world.people.save_person(PersonDraft(given_name="Gary", family_name="Hughes"))
    with pytest.raises(errors.NotFound, match="That referral is no longer on the record"):
        world.docs.plan_pdf(stranger.id, episode_id=second.id)


def test_a_plan_for_someone_not_on_the_caseload_is_not_found(world: World) -> None:
    with pytest.raises(errors.NotFound, match="no longer on the caseload"):
        world.docs.plan_pdf(uuid.uuid4())


# Referral to a provider --------------------------------------------------------------------


def test_no_referral_without_consent_to_share_and_the_message_says_who(world: World) -> None:
    _, episode_id = _person(world, share=False)
    referral_id = _referral_id(world, episode_id, "Port Community Choir")

    with pytest.raises(ConsentMissing) as caught:
        world.docs.referral_pdf(referral_id)

    assert "Peggy Owens" in caught.value.message
    assert "Port Community Choir" in caught.value.message
    assert caught.value.advice


def test_a_referral_with_consent_gives_the_reason_in_their_words(world: World) -> None:
    _, episode_id = _person(world)
    referral_id = _referral_id(world, episode_id, "Port Community Choir")

    text = _flat(world.docs.referral_pdf(referral_id))

    assert "Port Community Choir" in text
    assert "Margaret Owens" in text
    assert GOALS[1] in text  # the goal this place helps with, in their words
    assert "07700 900123" in text
    assert NHS_NUMBER not in text.replace(" ", "")
    assert "Loneliness" not in text and "Private note" not in text


def test_a_referral_with_no_goal_gives_what_matters_to_them(world: World) -> None:
    _, episode_id = _person(world)
    text = _flat(world.docs.referral_pdf(_referral_id(world, episode_id, "Knit and Natter")))
    assert "Getting out of the house again and singing." in text


def test_an_unknown_referral_is_not_found(world: World) -> None:
    with pytest.raises(errors.NotFound, match="no longer in the person's plan"):
        world.docs.referral_pdf(uuid.uuid4())


# Directory sheets --------------------------------------------------------------------------


def test_an_asset_sheet_is_one_page_with_its_name(world: World) -> None:
    pdf = world.docs.asset_sheet_pdf(world.assets["Knit and Natter"])
    pages = _pages(pdf)
    assert len(pages) == 1 == page_count(pdf)
    assert "Knit and Natter" in pages[0]
    with pytest.raises(errors.NotFound):
        world.docs.asset_sheet_pdf(uuid.uuid4())


def _active(world: World, flt: DirectoryFilter) -> list[str]:
    return [d.name for d in world.directory.details(flt) if d.draft.status is AssetStatus.ACTIVE]


def test_a_booklet_of_a_category_holds_its_active_assets_under_its_name(world: World) -> None:
    pdf = world.docs.booklet_pdf(category="walking")  # the start of "Walking and exercise"
    pages = _pages(pdf)
    text = " ".join(pages)

    assert pages[0].startswith("Walking and exercise")
    assert world.docs.booklet_title(category="walking") == "Walking and exercise"
    names = _active(world, DirectoryFilter(category="Walking and exercise"))
    assert len(names) > 10
    for name in names:
        assert name in text, name
    assert "Couch to 5K Running Group" not in text  # closed
    assert "Port Community Choir" not in text  # another category
    assert len(pages) > 3 and page_count(pdf) == len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_a_booklet_of_an_area_holds_only_that_area(world: World) -> None:
    pdf = world.docs.booklet_pdf(district="ch2 4ln")  # a whole postcode: its district
    text = _flat(pdf)

    assert text.startswith("Community groups near CH2")
    names = _active(world, DirectoryFilter(district="CH2"))
    assert names
    for name in names:
        assert name in text, name
    assert "Knit and Natter" not in text  # CH65
    assert page_count(pdf) == len(_pages(pdf))


def test_a_booklet_of_everything_leaves_out_paused_and_closed(world: World) -> None:
    text = _flat(world.docs.booklet_pdf())
    assert text.startswith("Community groups")
    assert "Knit and Natter" in text and "Port Community Choir" in text
    assert "St Hilda's Warm Welcome" not in text  # paused
    assert "Couch to 5K Running Group" not in text  # closed


def test_an_unknown_category_or_empty_area_names_the_ones_there_are(world: World) -> None:
    with pytest.raises(errors.NotFound) as caught:
        world.docs.booklet_pdf(category="Cookery")
    assert caught.value.message == "There is no category “Cookery” in the directory."
    assert "Walking and exercise" in caught.value.advice and "Music" in caught.value.advice

    with pytest.raises(errors.NotFound) as caught:
        world.docs.booklet_pdf(district="CH99")
    assert caught.value.message == "No active community assets are listed in CH99."
    assert "CH65" in caught.value.advice and "CH66" in caught.value.advice


# The record of documents -------------------------------------------------------------------


def test_the_record_of_documents_round_trips_newest_first(world: World) -> None:
    person_id, _ = _person(world)
    assert world.docs.history(person_id) == ()

    world.docs.record(person_id, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions())
    world.clock.minutes_later(5)
    world.settings.set("user_name", "Jo Lee")
    world.docs.record(
        person_id,
        DocumentKind.PROVIDER_REFERRAL,
        DocumentAction.SAVED,
        PrintOptions(large_print=True, easy_read=True),
        detail="Port Community Choir",
    )

    newest, oldest = world.docs.history(person_id)
    assert newest.kind is DocumentKind.PROVIDER_REFERRAL
    assert newest.action is DocumentAction.SAVED
    assert newest.at == dt.datetime(2026, 11, 22, 9, 35)
    assert newest.options == "large print, easy read"
    assert newest.detail == "Port Community Choir"
    assert newest.recorded_by == "Jo Lee"
    assert oldest.kind is DocumentKind.MY_PLAN
    assert oldest.action is DocumentAction.PRINTED
    assert oldest.at == dt.datetime(2026, 11, 22, 9, 30)
    assert oldest.options == "" and oldest.detail == ""
    assert oldest.recorded_by == "Sam Patel"


def test_each_person_has_their_own_record(world: World) -> None:
    peggy, _ = _person(world)
    other = world.people.save_person(PersonDraft(given_name="Gary", family_name="Hughes")).id
    world.docs.record(peggy, DocumentKind.MY_PLAN, DocumentAction.SAVED, PrintOptions())
    assert len(world.docs.history(peggy)) == 1
    assert world.docs.history(other) == ()


def test_recording_for_someone_not_on_the_caseload_is_not_found(world: World) -> None:
    nobody = uuid.uuid4()
    with pytest.raises(errors.NotFound):
        world.docs.record(nobody, DocumentKind.MY_PLAN, DocumentAction.SAVED, PrintOptions())
    with pytest.raises(errors.NotFound):
        world.docs.history(nobody)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (PrintOptions(), ""),
        (PrintOptions(large_print=True), "large print"),
        (PrintOptions(True, True, True), "large print, high contrast, easy read"),
        (PrintOptions(high_contrast=True, easy_read=True), "high contrast, easy read"),
    ],
)
def test_options_in_plain_words(options: PrintOptions, words: str) -> None:
    assert options_words(options) == words


def test_the_worker_comes_from_the_settings(world: World) -> None:
    assert world.docs.worker() == WorkerContact(
        "Sam Patel", "Ellesmere Port Social Prescribing", "0151 496 0999", "sam.patel@example.org"
    )
    world.settings.set("user_phone", "  01234 567890 ")
    world.settings.set("user_email", None)  # a hand-edited settings file
    assert world.docs.worker().phone == "01234 567890"
    assert world.docs.worker().email == ""


def test_the_document_service_loads_no_reportlab_until_a_document_is_made() -> None:
    code = (
        "import sys, linkworker.services.documents, linkworker.services.context;"
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
