"""A caseload spreadsheet written the way teams write them: kept as written, read to confirm.

The fixtures under tests/fixtures/caseload/ are invented people with NHS numbers from
the 999 range; their needs, languages, times and costs are in everyday words, and one
row in each has a referral with reasons but no date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spreadsheets import write_csv

from linkworker import errors
from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import FreeTime, PartOfDay
from linkworker.domain.people import AccessNeed, ContactMethod, ReferrerKind
from linkworker.services.context import Services
from linkworker.services.people import InvalidPerson
from linkworker.services.people_csv import import_people_csv, read_people_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "caseload"
TODAY = dt.date(2026, 12, 7)


def _read(name: str) -> object:
    return read_people_csv(FIXTURES / name, today=TODAY)


def _by_name(services: Services) -> dict[str, object]:
    page = services.people.caseload(limit=100)
    return {row.name: services.people.get_person(row.id) for row in page.rows}


def test_the_messy_spreadsheet_is_not_refused(services: Services) -> None:
    preview = read_people_csv(FIXTURES / "messy_caseload.csv", today=TODAY)
    assert preview.ok, preview.problems
    assert len(preview.rows) == 6
    assert preview.undated == 1
    # What was kept as written and read is listed for every row that had words.
    assert {p.line for p in preview.to_confirm} == {2, 3, 4, 5, 6, 7}
    conflicts = {p.line: p.message for p in preview.conflicts}
    assert "“weekends only” and “weekday mornings”" in conflicts[3]
    assert "“free only” and “happy to pay for swimming”" in conflicts[4]
    assert "Interpreter? says no" in conflicts[6]


def test_importing_keeps_the_words_and_what_was_read(services: Services) -> None:
    preview = read_people_csv(FIXTURES / "messy_caseload.csv", today=TODAY)
    assert import_people_csv(services.people, preview) == 6
    people = _by_name(services)

    alun = people["Alun Pryce"].draft  # type: ignore[attr-defined]
    assert alun.access_needs == (AccessNeed.MOBILITY,)  # a stick is not "no steps"
    assert alun.as_written.access == "Uses a walking stick"
    assert alun.as_written.to_confirm
    assert alun.first_language == "English"
    prefs = services.matching.preferences(people["Alun Pryce"].id)  # type: ignore[attr-defined]
    assert prefs.cost_limit is Cost.FREE
    assert prefs.free_times == tuple(sorted(FreeTime(d, PartOfDay.MORNING) for d in tuple(Day)[:4]))

    rukhsana = people["Rukhsana Begum"]
    assert rukhsana.draft.access_needs == (AccessNeed.STEP_FREE,)  # type: ignore[attr-defined]
    assert rukhsana.draft.interpreter_needed  # type: ignore[attr-defined]
    assert rukhsana.draft.interpreter_language == "Sylheti"  # type: ignore[attr-defined]
    assert rukhsana.draft.first_language == "Bengali"  # type: ignore[attr-defined]
    assert rukhsana.draft.is_carer  # type: ignore[attr-defined]
    # Times that disagree are not settled for the worker: none are set.
    assert services.matching.preferences(rukhsana.id).free_times == ()  # type: ignore[attr-defined]
    assert rukhsana.draft.as_written.free_times == "weekends only; weekday mornings"  # type: ignore[attr-defined]

    declan = people["Declan Shaw"].draft  # type: ignore[attr-defined]
    assert AccessNeed.BSL in declan.access_needs
    assert AccessNeed.NO_VOICE_CALLS not in declan.access_needs  # prefers texts: not "cannot"
    assert declan.preferred_contact is ContactMethod.TEXT
    assert declan.first_language == "British Sign Language"
    assert services.matching.preferences(people["Declan Shaw"].id).cost_limit is None  # type: ignore[attr-defined]

    tomasz = people["Tomasz Nowak"].draft  # type: ignore[attr-defined]
    assert tomasz.speaks_english is False and tomasz.first_language == "Polish"
    assert tomasz.postcode == "" and "nowhere near" in tomasz.notes

    mair = people["Mair Lloyd"].draft  # type: ignore[attr-defined]
    assert mair.access_needs == () and mair.is_carer


def test_a_referral_with_no_date_is_kept_undated_never_given_one(services: Services) -> None:
    import_people_csv(services.people, read_people_csv(FIXTURES / "messy_caseload.csv", TODAY))
    people = _by_name(services)
    declan = people["Declan Shaw"]
    assert declan.episodes == ()  # type: ignore[attr-defined]
    (waiting,) = services.people.undated_referrals(declan.id)  # type: ignore[attr-defined]
    assert waiting.reasons == ("Low mood", "Physical activity")
    assert waiting.referred_by is ReferrerKind.SELF
    assert waiting.reason_notes == "Came to the Tuesday drop-in with his sister"
    (listed,) = services.people.people_with_undated_referrals()
    assert listed.name == "Declan Shaw" and listed.referrals == 1

    dated = services.people.date_referral(waiting.id, waiting.dated(dt.date(2026, 11, 20)))
    assert dated.draft.referral_date == dt.date(2026, 11, 20)
    assert dated.draft.reasons == ("Low mood", "Physical activity")
    assert services.people.undated_referrals(declan.id) == ()  # type: ignore[attr-defined]
    assert services.people.people_with_undated_referrals() == ()
    assert [e.id for e in services.people.get_person(declan.id).episodes] == [dated.id]  # type: ignore[attr-defined]
    with pytest.raises(errors.NotFound):  # dated twice: the second is told it is done
        services.people.date_referral(waiting.id, waiting.dated(dt.date(2026, 11, 20)))


def test_a_date_in_the_future_leaves_the_referral_undated(services: Services) -> None:
    import_people_csv(services.people, read_people_csv(FIXTURES / "messy_caseload.csv", TODAY))
    (listed,) = services.people.people_with_undated_referrals()
    (waiting,) = services.people.undated_referrals(listed.person_id)
    with pytest.raises(InvalidPerson):
        services.people.date_referral(waiting.id, waiting.dated(dt.date.today().replace(year=2999)))
    assert services.people.undated_referrals(listed.person_id) == (waiting,)


def test_confirming_clears_the_mark_and_keeps_the_words(services: Services) -> None:
    import_people_csv(services.people, read_people_csv(FIXTURES / "messy_caseload.csv", TODAY))
    alun = _by_name(services)["Alun Pryce"]
    confirmed = services.people.confirm_needs(alun.id)  # type: ignore[attr-defined]
    assert not confirmed.draft.as_written.to_confirm
    assert confirmed.draft.as_written.access == "Uses a walking stick"
    assert confirmed.version == alun.version + 1  # type: ignore[attr-defined]


def test_the_workbook_reads_the_same_way(services: Services) -> None:
    preview = read_people_csv(FIXTURES / "messy_caseload.xlsx", today=TODAY)
    assert preview.ok, preview.problems
    assert preview.undated == 1
    assert import_people_csv(services.people, preview) == 3
    people = _by_name(services)
    gwilym = people["Gwilym Rees"].draft  # type: ignore[attr-defined]
    assert set(gwilym.access_needs) == {AccessNeed.STEP_FREE, AccessNeed.MOBILITY}
    assert gwilym.is_carer and gwilym.first_language == "Welsh"
    amina = people["Amina Hassan"]
    assert amina.draft.preferred_contact is ContactMethod.TEXT  # type: ignore[attr-defined]
    assert services.people.undated_referrals(amina.id)  # type: ignore[attr-defined]
    bernard = people["Bernard Quick"].draft  # type: ignore[attr-defined]
    assert AccessNeed.NO_VOICE_CALLS in bernard.access_needs  # profoundly deaf
    assert bernard.is_cared_for and not bernard.is_carer
    fridays = services.matching.preferences(people["Bernard Quick"].id).free_times  # type: ignore[attr-defined]
    assert fridays and all(t.day is not Day.FRIDAY for t in fridays)


def test_only_what_would_corrupt_turns_a_row_back(tmp_path: Path) -> None:
    rows = [
        {"given_name": "Ifan", "nhs_number": "999 000 0019", "accessibility_needs": "ramp"},
        {"given_name": "Bryn", "date_of_birth": "30/02/1970", "when_free": "whenever"},
        {"given_name": "Cerys", "accessibility_needs": "ramp; can't hear well on the phone",
         "urgency": "when she can", "phone": "ring her sister", "what_they_can_afford": "??"},
    ]  # fmt: skip
    preview = read_people_csv(write_csv(tmp_path / "few.csv", rows), today=TODAY)
    assert [p.line for p in preview.problems] == [2, 3]
    assert "NHS" in preview.problems[0].message or "nhs" in preview.problems[0].message
    assert "30/02/1970" in preview.problems[1].message
    ((cerys, _),) = preview.rows
    assert cerys.as_written.access == "ramp; can't hear well on the phone"
    assert cerys.as_written.cost == "??" and cerys.as_written.to_confirm
    assert "ring her sister" in cerys.notes and cerys.phone == ""
