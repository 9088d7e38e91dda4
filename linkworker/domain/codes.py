"""SNOMED CT coded events for the GP record: which ones an episode carries, and on which day.

GP systems (EMIS Web, SystmOne) expect social prescribing recorded with three
national codes. An episode's coded events follow from what is already known of
it, never typed by hand: so editing a referral (its first contact moved, its
answer changed) moves or removes its codes rather than adding more.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass

from linkworker.domain.journey import ReferralResponse


class SnomedCode(enum.StrEnum):
    """The national codes for social prescribing, with their terms word for word."""

    REFERRAL = "871731000000106"
    DECLINED = "871711000000103"
    OFFERED = "871691000000100"

    @property
    def term(self) -> str:
        return {
            "871731000000106": "Referral to social prescribing service",
            "871711000000103": "Social prescribing declined",
            "871691000000100": "Social prescribing offered",
        }[self.value]


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    """What the rules need to know of one episode."""

    response: ReferralResponse | None
    responded_on: dt.date | None
    first_contact_on: dt.date | None


#: Answers that mean the person was offered social prescribing and said yes or no.
_ANSWERED = frozenset({ReferralResponse.ACCEPTED, ReferralResponse.DECLINED})


def coded_events(facts: EpisodeFacts) -> dict[SnomedCode, dt.date]:
    """The coded events an episode carries, each at most once, with its day.

    - Offered: on the day the person answered (accepted or declined); with no
      answer recorded, on the first contact (meeting them is offering it);
      the earlier of the two when both are known. "Not taken up" (never
      reached) offers nothing.
    - Referral to social prescribing service: on the first contact only.
    - Declined: on the day the person declined.
    """
    events: dict[SnomedCode, dt.date] = {}
    answered_on = facts.responded_on if facts.response in _ANSWERED and facts.responded_on else None
    offered = [d for d in (answered_on, facts.first_contact_on) if d is not None]
    if offered:
        events[SnomedCode.OFFERED] = min(offered)
    if facts.first_contact_on is not None:
        events[SnomedCode.REFERRAL] = facts.first_contact_on
    if facts.response is ReferralResponse.DECLINED and facts.responded_on is not None:
        events[SnomedCode.DECLINED] = facts.responded_on
    return events


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """One coded event as kept: for the person's page and the practice's export."""

    id: uuid.UUID
    episode_id: uuid.UUID
    person_id: uuid.UUID
    code: SnomedCode
    on: dt.date
    recorded_by: str
    entered_on: dt.date | None

    @property
    def term(self) -> str:
        return self.code.term


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One line of the practice's export: NHS number ("" when not known), date, code, term."""

    nhs_number: str
    on: dt.date
    code: SnomedCode

    def cells(self) -> tuple[str, str, str, str]:
        return (self.nhs_number, self.on.isoformat(), self.code.value, self.code.term)


#: The export's header, in column order.
EXPORT_HEADER = ("NHS number", "Date", "Code", "Term")
