"""Coded events for the GP record over a real data folder: recorded where the events
happen (first contact, an answer), once per episode; listed; exported as a private CSV;
gone with the person."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import uuid
from pathlib import Path

from linkworker.data.unit_of_work import Event
from linkworker.domain.audit import AuditFilter
from linkworker.domain.codes import SnomedCode
from linkworker.domain.journey import ContactDraft, ContactOutcome, ReferralResponse
from linkworker.domain.people import ConversationDraft, EpisodeDraft, PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
REFERRED = TODAY - 30 * DAY


def _person(services: Services, given: str, nhs: str = "") -> uuid.UUID:
    return services.people.save_person(
        PersonDraft(given_name=given, family_name="Penhallow", nhs_number=nhs)
    ).id


def _episode(services: Services, person_id: uuid.UUID) -> uuid.UUID:
    draft = EpisodeDraft(
        consent_to_hold=AGREED, person_id=person_id, referral_date=REFERRED, link_worker="Sam Patel"
    )
    return services.episodes.record_referral(draft).id


def _attended(services: Services, episode_id: uuid.UUID, on: dt.date) -> None:
    at = dt.datetime.combine(on, dt.time(10, 0))
    services.contacts.book(
        ContactDraft(episode_id=episode_id, starts_at=at, outcome=ContactOutcome.ATTENDED)
    )


def _codes(services: Services, person_id: uuid.UUID) -> list[tuple[SnomedCode, dt.date]]:
    return [(e.code, e.on) for e in services.codes.for_person(person_id)]


def test_first_contact_twice_gives_one_referral_code_at_the_first_day(
    services: Services,
) -> None:
    person_id = _person(services, "Tamsin")
    episode_id = _episode(services, person_id)
    assert _codes(services, person_id) == []

    _attended(services, episode_id, TODAY - 10 * DAY)
    _attended(services, episode_id, TODAY - 3 * DAY)
    assert sorted(_codes(services, person_id)) == sorted(
        [(SnomedCode.REFERRAL, TODAY - 10 * DAY), (SnomedCode.OFFERED, TODAY - 10 * DAY)]
    )
    # an older contact entered later moves the first contact, and the code with it
    services.people.save_conversation(
        ConversationDraft(
            episode_id=episode_id,
            at=dt.datetime.combine(TODAY - 20 * DAY, dt.time(9, 0)),
            recorded_by="Sam Patel",
        )
    )
    events = services.codes.for_person(person_id)
    assert [(e.code, e.on) for e in events if e.code is SnomedCode.REFERRAL] == [
        (SnomedCode.REFERRAL, TODAY - 20 * DAY)
    ]
    assert len(events) == 2
    assert all(e.term == e.code.term and e.episode_id == episode_id for e in events)


def test_declined_is_coded_on_the_day_with_offered(services: Services) -> None:
    person_id = _person(services, "Jory")
    episode_id = _episode(services, person_id)
    services.episodes.respond(
        episode_id, ReferralResponse.DECLINED, TODAY - 2 * DAY, declined_reason="Too busy"
    )
    assert sorted(_codes(services, person_id)) == [
        (SnomedCode.OFFERED, TODAY - 2 * DAY),
        (SnomedCode.DECLINED, TODAY - 2 * DAY),
    ]


def test_accepted_is_coded_as_offered_and_changing_the_answer_follows(
    services: Services,
) -> None:
    person_id = _person(services, "Morwenna")
    episode_id = _episode(services, person_id)
    services.episodes.respond(episode_id, ReferralResponse.ACCEPTED, TODAY - 5 * DAY)
    assert _codes(services, person_id) == [(SnomedCode.OFFERED, TODAY - 5 * DAY)]
    services.episodes.respond(episode_id, ReferralResponse.ACCEPTED, TODAY - 5 * DAY)
    assert len(services.codes.for_person(person_id)) == 1  # saved again: still one


def test_the_export_lists_each_event_with_the_nhs_number_and_is_private(
    services: Services, tmp_path: Path
) -> None:
    seen: list[Event] = []
    services.units.database.event_sink = lambda _unit, noted: seen.extend(noted)
    known = _person(services, "Kerensa", nhs="9995752697")
    unknown = _person(services, "Piran")
    _attended(services, _episode(services, known), TODAY - 4 * DAY)
    services.episodes.respond(
        _episode(services, unknown), ReferralResponse.DECLINED, TODAY - 2 * DAY, "Not now"
    )
    _attended(services, _episode(services, _person(services, "Elowen")), TODAY - 40 * DAY)

    path = tmp_path / "codes.csv"
    done = services.codes.export_csv(path, TODAY - 7 * DAY, TODAY)

    assert (done.rows, done.without_nhs_number) == (4, 2)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["NHS number", "Date", "Code", "Term"]
    assert sorted(rows[1:]) == sorted(
        [
            [
                "999 575 2697",
                (TODAY - 4 * DAY).isoformat(),
                "871691000000100",
                "Social prescribing offered",
            ],
            [
                "999 575 2697",
                (TODAY - 4 * DAY).isoformat(),
                "871731000000106",
                "Referral to social prescribing service",
            ],
            ["", (TODAY - 2 * DAY).isoformat(), "871691000000100", "Social prescribing offered"],
            ["", (TODAY - 2 * DAY).isoformat(), "871711000000103", "Social prescribing declined"],
        ]
    )
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (noted,) = [e for e in seen if e.action == "export"]
    assert noted.subject == "coded events" and dict(noted.detail)["rows"] == 4
    assert "Kerensa" not in repr(noted) and "9995752697" not in repr(noted)


def test_ticked_off_events_keep_the_day_they_were_entered(services: Services) -> None:
    person_id = _person(services, "Demelza")
    _attended(services, _episode(services, person_id), TODAY - 6 * DAY)
    first = services.codes.for_person(person_id)
    assert all(e.entered_on is None for e in first)
    assert services.codes.mark_entered([first[0].id], TODAY) == 1
    after = {e.id: e.entered_on for e in services.codes.for_person(person_id)}
    assert after[first[0].id] == TODAY and after[first[1].id] is None
    # The tick is a change like any other: the audit trail has it, with the day.
    trail = services.audit.page(AuditFilter(person_id=str(person_id)), limit=100)
    ticked = [e for e in trail if e.subject == "coded_event" and e.record_key == str(first[0].id)]
    changes = [e.details["changes"] for e in ticked if e.action == "change"]
    assert changes == [{"entered_on": [None, TODAY.isoformat()]}]


def test_erasure_removes_the_persons_coded_events(services: Services) -> None:
    person_id = _person(services, "Loveday", nhs="9990000018")
    _attended(services, _episode(services, person_id), TODAY - 1 * DAY)
    assert len(services.codes.between(TODAY - DAY, TODAY)) == 2
    services.rights.erase(person_id, "request")
    assert services.codes.for_person(person_id) == ()
    assert services.codes.between(TODAY - DAY, TODAY) == ()


def test_the_migration_codes_the_episodes_already_recorded(app_paths: AppPaths) -> None:
    from tests.data.test_migrations import _downgrade

    opened = open_services(app_paths)
    met, declined = _person(opened, "Wenna"), _person(opened, "Cador")
    _attended(opened, _episode(opened, met), TODAY - 8 * DAY)
    opened.episodes.respond(
        _episode(opened, declined), ReferralResponse.DECLINED, TODAY - 1 * DAY, "No thanks"
    )
    before = {p: sorted(_codes(opened, p)) for p in (met, declined)}
    opened.close()
    _downgrade(app_paths.database, "0010_audit")  # as the older version left it: no codes

    reopened = open_services(app_paths)
    try:
        after = {p: sorted(_codes(reopened, p)) for p in (met, declined)}
        assert after == before
        assert len(before[met]) == 2 and len(before[declined]) == 2
        assert all(e.recorded_by == "" for e in reopened.codes.for_person(met))
    finally:
        reopened.close()
