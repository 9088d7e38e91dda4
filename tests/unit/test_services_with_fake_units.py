"""Services over a unit of work kept in memory: their own rules, with no database at all."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pypdf
import pytest
from fakes.units import FakeUnits, Store

from linkworker import errors
from linkworker.data.unit_of_work import ReadOnlyUnit
from linkworker.domain.actor import WINDOW, Actor
from linkworker.domain.directory import AssetDetail, AssetDraft
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.people import (
    AccessNeed,
    ConversationDetail,
    ConversationDraft,
    ConversationType,
    PersonDetail,
    PersonDraft,
)
from linkworker.domain.plan import (
    AssetReferralDetail,
    AssetReferralDraft,
    PlanDetail,
    ReferralStatus,
    StatusChange,
)
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.documents import DocumentService
from linkworker.services.drafts import DraftService
from linkworker.services.settings import SettingsStore

TODAY = dt.date(2026, 11, 20)
NOON = dt.datetime(2026, 11, 20, 12)
PERSON = uuid.UUID(int=1)
EPISODE = uuid.UUID(int=2)


def _person(what_matters: str = "", answers: tuple[tuple[str, str], ...] = ()) -> PersonDetail:
    talk = ConversationDetail(
        id=uuid.UUID(int=3),
        version=1,
        draft=ConversationDraft(
            episode_id=EPISODE, at=NOON, kind=ConversationType.FIRST, answers=answers
        ),
    )
    return PersonDetail(
        id=PERSON,
        version=1,
        draft=PersonDraft(
            given_name="Ada",
            family_name="Quill",
            what_matters=what_matters,
            access_needs=(AccessNeed.LARGE_PRINT,),
        ),
        episodes=(),
        conversations=(talk,),
        created_at=NOON,
        updated_at=NOON,
    )


def _place(n: int, status: ReferralStatus) -> tuple[AssetDetail, AssetReferralDetail]:
    asset_id = uuid.UUID(int=100 + n)
    asset = AssetDetail(
        id=asset_id,
        version=1,
        draft=AssetDraft(name=f"Place {n}", description=f"What happens at place {n}"),
        created_at=NOON,
        updated_at=NOON,
    )
    referral = AssetReferralDetail(
        id=uuid.UUID(int=200 + n),
        version=1,
        draft=AssetReferralDraft(episode_id=EPISODE, asset_id=asset_id, status=status),
        asset_name=f"Place {n}",
        asset_archived=False,
        history=(StatusChange(status, TODAY),),
    )
    return asset, referral


def _documents(store: Store, tmp_path: object) -> tuple[DocumentService, FakeUnits]:
    units = FakeUnits(store)
    settings = SettingsStore(tmp_path / "settings.json")  # type: ignore[operator]
    return DocumentService(units, settings, today=lambda: TODAY, now=lambda: NOON), units  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_the_plan_takes_what_matters_from_the_newest_conversation(tmp_path: object) -> None:
    store = Store(people={PERSON: _person(answers=(("what_matters", "My grandchildren"),))})
    documents, units = _documents(store, tmp_path)

    text = _text(documents.plan_pdf(PERSON, PrintOptions()))

    assert "What matters to me" in text and "My grandchildren" in text
    assert units.opened == ["read"]


def test_their_own_words_win_over_a_conversation(tmp_path: object) -> None:
    person = _person("Singing again", answers=(("what_matters", "My grandchildren"),))
    documents, _ = _documents(Store(people={PERSON: person}), tmp_path)

    text = _text(documents.plan_pdf(PERSON, PrintOptions()))

    assert "Singing again" in text and "My grandchildren" not in text


def test_only_places_still_in_play_are_printed_and_read_once(tmp_path: object) -> None:
    places = [_place(1, ReferralStatus.AGREED), _place(2, ReferralStatus.STOPPED)]
    places.append(_place(3, ReferralStatus.STILL_GOING))
    plan = PlanDetail(
        episode_id=EPISODE,
        person_id=PERSON,
        goals=(),
        referrals=tuple(r for _, r in places),
        next_contact_on=None,
    )
    store = Store(
        people={PERSON: _person("Getting out")},
        plans={PERSON: plan},
        assets={a.id: a for a, _ in places},
    )
    documents, units = _documents(store, tmp_path)

    text = _text(documents.plan_pdf(PERSON, PrintOptions()))

    assert "Place 1" in text and "Place 3" in text
    assert "Place 2" not in text
    assert units.asset_reads == 1 and units.opened == ["read"]


def test_print_options_follow_the_access_needs(tmp_path: object) -> None:
    documents, _ = _documents(Store(people={PERSON: _person()}), tmp_path)
    assert documents.default_options(PERSON) == PrintOptions(large_print=True)


def test_someone_not_on_the_caseload(tmp_path: object) -> None:
    documents, units = _documents(Store(), tmp_path)
    with pytest.raises(errors.NotFound):
        documents.plan_pdf(PERSON)
    with pytest.raises(errors.NotFound):
        documents.record(PERSON, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions())
    assert units.commits == 0


def test_printing_is_recorded_by_who_and_how(tmp_path: object) -> None:
    documents, units = _documents(Store(people={PERSON: _person()}), tmp_path)
    documents._settings.set("user_name", "  Priya Link ")

    documents.record(
        PERSON, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions(large_print=True)
    )

    (record,) = documents.history(PERSON)
    assert (record.recorded_by, record.options, record.at) == ("Priya Link", "large print", NOON)
    assert units.commits == 1
    assert units.events == [("print", PERSON, "my_plan", {"done": "printed"})]


def test_printing_is_recorded_by_the_worker_signed_in(tmp_path: object) -> None:
    documents, units = _documents(Store(people={PERSON: _person()}), tmp_path)
    documents._settings.set("user_name", "Priya Link")
    units.actor = Actor(uuid.uuid4(), "Sam Okafor", "desk-3", WINDOW)

    documents.record(PERSON, DocumentKind.MY_PLAN, DocumentAction.PRINTED, PrintOptions())

    (record,) = documents.history(PERSON)
    assert record.recorded_by == "Sam Okafor"
    assert documents.worker().name == "Sam Okafor"  # the plan says who to contact


def test_drafts_are_kept_replaced_listed_and_discarded() -> None:
    units = FakeUnits()
    moments = iter([dt.datetime(2026, 11, 20, 9, m) for m in range(10)])
    drafts = DraftService(units, now=lambda: next(moments))  # type: ignore[arg-type]

    drafts.save("a", "First", {"text": "one"})
    drafts.save("b", "Second", {"text": "two"})
    drafts.save("a", "First again", {"text": "one, more"})

    assert [d.key for d in drafts.pending()] == ["a", "b"]
    assert drafts.get("a").payload == {"text": "one, more"}  # type: ignore[union-attr]
    drafts.discard("a")
    assert drafts.get("a") is None and [d.key for d in drafts.pending()] == ["b"]
    assert units.opened.count("write") == 4


def test_a_fake_read_unit_refuses_writes_as_the_real_one_does() -> None:
    units = FakeUnits()
    with pytest.raises(ReadOnlyUnit), units.read() as uow:
        uow.drafts.discard("a")
