"""Which SNOMED CT coded events an episode carries, as a table of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from linkworker.domain.codes import EpisodeFacts, SnomedCode, coded_events
from linkworker.domain.journey import ReferralResponse

D1 = dt.date(2026, 5, 1)
D2 = dt.date(2026, 5, 8)
D3 = dt.date(2026, 5, 15)

OFFERED, REFERRAL, DECLINED = SnomedCode.OFFERED, SnomedCode.REFERRAL, SnomedCode.DECLINED
ACCEPTED, NO, NOT_TAKEN_UP = (
    ReferralResponse.ACCEPTED,
    ReferralResponse.DECLINED,
    ReferralResponse.NOT_TAKEN_UP,
)

CASES = [
    # (response, responded_on, first_contact_on) -> expected events
    ("nothing known yet", None, None, None, {}),
    ("first contact alone", None, None, D2, {OFFERED: D2, REFERRAL: D2}),
    ("accepted, not yet met", ACCEPTED, D1, None, {OFFERED: D1}),
    ("accepted then met", ACCEPTED, D1, D2, {OFFERED: D1, REFERRAL: D2}),
    ("met, then answered later", ACCEPTED, D3, D2, {OFFERED: D2, REFERRAL: D2}),
    ("declined without meeting", NO, D1, None, {OFFERED: D1, DECLINED: D1}),
    ("met, then declined", NO, D3, D2, {OFFERED: D2, REFERRAL: D2, DECLINED: D3}),
    ("not taken up", NOT_TAKEN_UP, D1, None, {}),
    ("not taken up after one contact", NOT_TAKEN_UP, D3, D2, {OFFERED: D2, REFERRAL: D2}),
    ("an answer with no date yet", ACCEPTED, None, None, {}),
    ("declined with no date yet", NO, None, None, {}),
]


@pytest.mark.parametrize(
    ("response", "responded_on", "first_contact_on", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_an_episode_carries_the_codes_its_events_call_for(
    response: ReferralResponse | None,
    responded_on: dt.date | None,
    first_contact_on: dt.date | None,
    expected: dict[SnomedCode, dt.date],
) -> None:
    facts = EpisodeFacts(response, responded_on, first_contact_on)
    assert coded_events(facts) == expected


def test_the_codes_and_terms_are_the_national_ones_word_for_word() -> None:
    assert {c.value: c.term for c in SnomedCode} == {
        "871731000000106": "Referral to social prescribing service",
        "871711000000103": "Social prescribing declined",
        "871691000000100": "Social prescribing offered",
    }


def test_moving_the_first_contact_moves_the_referral_code_never_adds_one() -> None:
    before = coded_events(EpisodeFacts(None, None, D3))
    after = coded_events(EpisodeFacts(None, None, D1))
    assert list(before) == list(after) == [OFFERED, REFERRAL]
    assert after[REFERRAL] == D1
