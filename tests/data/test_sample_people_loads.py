"""The invented sample people load through the real service into a real database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from linkworker.domain.directory import AssetDraft
from linkworker.domain.people import CaseloadFilter, EpisodeStatus
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.demo import fill_demo
from linkworker.services.people import PeopleService
from linkworker.services.sample_data import load_sample_drafts
from linkworker.services.sample_history import plan_history
from linkworker.services.sample_people import (
    DEMO_LINK_WORKER,
    SamplePerson,
    add_sample_people,
    load_sample_people,
)


def _loaded(services: Any) -> tuple[PeopleService, list[SamplePerson]]:
    people: PeopleService = services.people
    samples = load_sample_people()
    assert people.count() == 0
    assert add_sample_people(people, samples) == len(samples)
    return people, samples


def _by_name(samples: list[SamplePerson]) -> dict[tuple[str, str], SamplePerson]:
    named = {(s.person.given_name, s.person.family_name): s for s in samples}
    assert len(named) == len(samples)
    return named


def test_every_sample_person_loads_and_shows_on_the_caseload(services: Any) -> None:
    people, samples = _loaded(services)
    assert people.count() == len(samples)
    page = people.caseload(limit=1000)
    assert page.total == len(samples) == len(page.rows)

    named = _by_name(samples)
    for row in page.rows:
        detail = people.get_person(row.id)
        sample = named[(detail.draft.given_name, detail.draft.family_name)]
        latest = sample.latest
        assert latest is not None
        assert row.status is latest.episode.status, row.name
        assert row.next_contact == latest.episode.next_contact_on, row.name
        assert row.link_worker == latest.episode.link_worker, row.name
        assert row.date_of_birth == sample.person.date_of_birth
        dates = [c.at.date() for e in sample.episodes for c in e.conversations]
        assert row.last_contact == (max(dates) if dates else None), row.name


def test_the_caseload_filters_by_status_and_link_worker(services: Any) -> None:
    people, samples = _loaded(services)
    expected = Counter(s.latest.episode.status for s in samples if s.latest)
    for status in EpisodeStatus:
        page = people.caseload(CaseloadFilter(status=status), limit=1000)
        assert page.total == expected[status], status
    mine = people.caseload(CaseloadFilter(link_worker=DEMO_LINK_WORKER), limit=1000)
    assert 0 < mine.total < len(samples)
    assert people.caseload(CaseloadFilter(text="CH66"), limit=1000).total > 0


def test_a_persons_detail_has_their_conversations_newest_first(services: Any) -> None:
    people, samples = _loaded(services)
    named = _by_name(samples)
    for row in people.caseload(limit=1000).rows:
        detail = people.get_person(row.id)
        sample = named[(detail.draft.given_name, detail.draft.family_name)]
        expected = [c for e in sample.episodes for c in e.conversations]
        times = [c.draft.at for c in detail.conversations]
        assert times == sorted(times, reverse=True), row.name
        assert sorted(times) == sorted(c.at for c in expected), row.name
        assert len(detail.episodes) == len(sample.episodes)
        referrals = [e.draft.referral_date for e in detail.episodes]
        assert referrals == sorted(referrals, reverse=True), row.name


def test_sample_details_round_trip(services: Any) -> None:
    people, samples = _loaded(services)
    named = _by_name(samples)
    crisis_plans = 0
    for row in people.caseload(limit=1000).rows:
        detail = people.get_person(row.id)
        original = named[(detail.draft.given_name, detail.draft.family_name)]
        stored = detail.draft
        assert stored.nhs_number == original.person.nhs_number
        assert stored.what_matters == original.person.what_matters
        assert stored.no_fixed_address == original.person.no_fixed_address
        assert set(stored.access_needs) == set(original.person.access_needs)
        assert {p.name for p in stored.important_people} == {
            p.name for p in original.person.important_people
        }
        by_time = {c.at: c for e in original.episodes for c in e.conversations}
        for conversation in detail.conversations:
            source = by_time[conversation.draft.at]
            assert dict(conversation.draft.answers) == dict(source.answers)
            assert conversation.draft.kind is source.kind
            assert conversation.draft.crisis == source.crisis
            crisis_plans += conversation.draft.crisis is not None
    assert crisis_plans >= 2


def test_the_demo_folder_gets_the_sample_people_once(app_paths: AppPaths) -> None:
    samples = load_sample_people()
    history = plan_history(dt.date.today(), {s.person.nhs_number for s in samples})
    fill_demo(app_paths)
    fill_demo(app_paths)  # reopening the demo adds nobody twice
    services = open_services(app_paths)
    try:
        assert services.people.count() == len(samples) + len(history)
        assert not services.directory.is_empty()
        the_year = {life.person.nhs_number for life in history}
        rows = services.people.caseload(limit=1000).rows
        sample_rows = [r for r in rows if r.nhs_number.replace(" ", "") not in the_year]
        assert len(sample_rows) == len(samples)
        plans = [services.plans.plan_for_person(r.id) for r in sample_rows]
        shown = [p for p in plans if p is not None and (p.goals or p.referrals)]
        assert len(shown) == 18
        assert sum(len(p.goals) for p in shown) == 37
        assert sum(len(p.referrals) for p in shown) == 43
    finally:
        services.close()


def test_every_sample_plan_loads_with_its_history(services: Any) -> None:
    services.directory.add_many(load_sample_drafts())
    samples = load_sample_people()
    add_sample_people(services.people, samples, plans=services.plans, directory=services.directory)
    named = _by_name(samples)
    loaded = 0
    for row in services.people.caseload(limit=1000).rows:
        detail = services.people.get_person(row.id)
        sample = named[(detail.draft.given_name, detail.draft.family_name)]
        expected = sample.latest.plan if sample.latest else None
        plan = services.plans.plan_for_person(row.id)
        if expected is None:
            assert plan is None or (plan.goals == () and plan.referrals == ()), row.name
            continue
        loaded += 1
        assert plan is not None and plan.episode_id == detail.episodes[0].id, row.name
        assert plan.next_contact_on == row.next_contact
        assert [g.draft.words for g in plan.goals] == [g.draft.words for g in expected.goals]
        assert [g.draft.status for g in plan.goals] == [g.draft.status for g in expected.goals]
        assert [g.draft.steps for g in plan.goals] == [g.draft.steps for g in expected.goals]
        assert [g.ratings for g in plan.goals] == [g.ratings for g in expected.goals]
        assert [(r.asset_name, r.history) for r in plan.referrals] == [
            (r.asset_name, r.record.history) for r in expected.referrals
        ]
        for shown, source in zip(plan.referrals, expected.referrals, strict=True):
            assert shown.asset_archived is False
            assert shown.draft.status is source.record.history[-1].status
            assert shown.draft.going_with == source.record.draft.going_with
            goal = source.record.goal
            assert shown.draft.goal_id == (plan.goals[goal].id if goal is not None else None)
    assert loaded == 18


def test_sample_plans_leave_out_assets_the_directory_does_not_hold(services: Any) -> None:
    """A demo folder whose directory was replaced still opens; the plans keep their goals."""
    services.directory.add_many([AssetDraft(name="Bereavement Cafe")])
    samples = load_sample_people()
    add_sample_people(services.people, samples, plans=services.plans, directory=services.directory)
    peggy = services.people.caseload(CaseloadFilter(text="Peggy Owens")).rows[0]
    plan = services.plans.plan_for_person(peggy.id)
    assert plan is not None and len(plan.goals) == 3
    assert [r.asset_name for r in plan.referrals] == ["Bereavement Cafe"]
