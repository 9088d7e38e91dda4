"""The weeks after the first meeting: contacts booked and what happened, risk flags, episodes.

Value types and the rules about them; no I/O. Times are local UK wall-clock
times as the link worker reads them off the clock in the room (naive
datetimes); :func:`clock_change_problem` says when such a time does not exist
or happens twice because the clocks change that night.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from linkworker.domain.validation import FieldError

UK = ZoneInfo("Europe/London")

#: A contact is booked for at least this long and at most a working day.
MIN_MINUTES = 5
MAX_MINUTES = 480

#: After this many failed attempts in a row the app suggests closing as "not taken up".
FAILED_ATTEMPTS_BEFORE_SUGGESTING = 3


class ContactPlace(enum.StrEnum):
    """Where (or how) a contact happens."""

    HOME = "home"
    PRACTICE = "practice"
    HUB = "hub"
    PHONE = "phone"
    VIDEO = "video"

    @property
    def label(self) -> str:
        return {
            "home": "At their home",
            "practice": "At the practice",
            "hub": "At a community hub",
            "phone": "By phone",
            "video": "By video call",
        }[self.value]

    @property
    def short(self) -> str:
        return {
            "home": "Home visit",
            "practice": "Practice",
            "hub": "Hub",
            "phone": "Phone",
            "video": "Video",
        }[self.value]

    @property
    def in_person(self) -> bool:
        return self in (ContactPlace.HOME, ContactPlace.PRACTICE, ContactPlace.HUB)


class ContactOutcome(enum.StrEnum):
    """What happened at a booked contact; BOOKED until it is recorded."""

    BOOKED = "booked"
    ATTENDED = "attended"
    DID_NOT_ATTEND = "dna"
    CANCELLED_BY_PERSON = "cancelled_person"
    CANCELLED_BY_WORKER = "cancelled_worker"
    COULD_NOT_REACH = "no_reach"

    @property
    def label(self) -> str:
        return {
            "booked": "Booked",
            "attended": "Attended",
            "dna": "Did not attend",
            "cancelled_person": "Cancelled by the person",
            "cancelled_worker": "Cancelled by the link worker",
            "no_reach": "Could not reach",
        }[self.value]

    @property
    def is_failed_attempt(self) -> bool:
        """A contact the person missed or could not be reached for."""
        return self in (ContactOutcome.DID_NOT_ATTEND, ContactOutcome.COULD_NOT_REACH)

    @property
    def is_pending(self) -> bool:
        return self is ContactOutcome.BOOKED

    @property
    def is_cancelled(self) -> bool:
        return self in (ContactOutcome.CANCELLED_BY_PERSON, ContactOutcome.CANCELLED_BY_WORKER)

    @property
    def needs_to_have_happened(self) -> bool:
        """Attended, missed or unreachable: only said once its time has come.

        A cancellation is usually recorded before the time it was booked for.
        """
        return not (self.is_pending or self.is_cancelled)


class NextStep(enum.StrEnum):
    """What a link worker can do after a missed contact."""

    REBOOK = "rebook"
    PHONE = "phone"
    WRITE = "write"

    @property
    def label(self) -> str:
        return {
            "rebook": "Book another time",
            "phone": "Try by phone",
            "write": "Write to them",
        }[self.value]


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """A contact booked (or recorded after the event) within one episode."""

    episode_id: uuid.UUID
    starts_at: dt.datetime
    minutes: int = 60
    place: ContactPlace = ContactPlace.PRACTICE
    #: For a hub: the directory asset, when it is one (its name is kept in ``place_name``).
    asset_id: uuid.UUID | None = None
    #: A hub's name, a room, an address for a visit elsewhere: as typed.
    place_name: str = ""
    outcome: ContactOutcome = ContactOutcome.BOOKED
    outcome_note: str = ""
    link_worker: str = ""
    booked_by: str = ""
    id: uuid.UUID | None = None
    version: int | None = None

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True, slots=True)
class ContactDetail:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    draft: ContactDraft
    #: When it was first booked for, if it has been moved since.
    moved_from: dt.datetime | None = None

    @property
    def outcome(self) -> ContactOutcome:
        return self.draft.outcome

    @property
    def where(self) -> str:
        """The place in a few words: "Hub: Elton Community Cafe", "Phone"."""
        return where_words(self.draft.place, self.draft.place_name)


def where_words(place: ContactPlace, place_name: str) -> str:
    name = " ".join(place_name.split())
    if name:
        return f"{place.short}: {name}"
    return place.short


def contact_problems(draft: ContactDraft, now: dt.datetime) -> list[FieldError]:
    """What is wrong with a contact as it stands; empty when it can be saved.

    A contact in the past can be saved only as a record of what happened, so
    one still marked "booked" must start now or later (five minutes' grace for
    the time it takes to type); attended, missed or unreachable can be said
    only once its time has come, while a cancellation can be recorded ahead of
    it. A hub needs its name; the length is 5 minutes to
    8 hours; a time the clocks skip does not exist.
    """
    problems: list[FieldError] = []
    grace = now - dt.timedelta(minutes=5)
    if draft.outcome.is_pending and draft.starts_at < grace:
        problems.append(
            FieldError(
                "starts_at",
                "This time has passed. Record what happened (attended, did not attend…), "
                "or choose a time from now on.",
            )
        )
    if draft.outcome.needs_to_have_happened and draft.starts_at > now + dt.timedelta(minutes=5):
        problems.append(
            FieldError(
                "outcome",
                "This contact has not happened yet, so what happened cannot be recorded. "
                "Leave it as booked, or change the time.",
            )
        )
    if not MIN_MINUTES <= draft.minutes <= MAX_MINUTES:
        problems.append(
            FieldError(
                "minutes",
                f"A contact lasts between {MIN_MINUTES} minutes and {MAX_MINUTES // 60} hours; "
                f"{draft.minutes} minutes is outside that.",
            )
        )
    if draft.place is ContactPlace.HUB and draft.asset_id is None and not draft.place_name.strip():
        problems.append(
            FieldError("place_name", "Choose the hub from the directory or type where it is.")
        )
    clock = clock_change_problem(draft.starts_at)
    if clock is not None:
        problems.append(FieldError("starts_at", clock))
    return problems


def clock_change_problem(at: dt.datetime) -> str | None:
    """A message when a UK wall-clock time does not exist (clocks go forward); else None.

    An hour that happens twice (clocks go back) is allowed and read as the
    first time round, British Summer Time; :func:`clock_change_note` says so.
    """
    if at.tzinfo is not None:
        return None
    if _exists(at):
        return None
    first = at.replace(second=0, microsecond=0)
    while not _exists(first):  # the gap is an hour at most: the first minute after it
        first += dt.timedelta(minutes=1)
    return (
        f"The clocks go forward that night, so {at:%H:%M} on {at:%d %B} does not exist. "
        f"Choose {first:%H:%M} or later."
    )


def _exists(at: dt.datetime) -> bool:
    """True when a naive UK wall-clock time is one the clocks show."""
    there_and_back = at.replace(tzinfo=UK).astimezone(dt.UTC).astimezone(UK).replace(tzinfo=None)
    return there_and_back == at


def clock_change_note(at: dt.datetime) -> str | None:
    """A note when a UK wall-clock time happens twice (clocks go back); else None."""
    if at.tzinfo is not None or not _exists(at):
        return None
    first = at.replace(tzinfo=UK, fold=0).utcoffset()
    second = at.replace(tzinfo=UK, fold=1).utcoffset()
    if first != second:
        return (
            f"The clocks go back that night, so {at:%H:%M} happens twice; "
            "this is the first time round (summer time)."
        )
    return None


def uk_aware(at: dt.datetime) -> dt.datetime:
    """A UK wall-clock time with its UTC offset (summer or winter) attached."""
    if at.tzinfo is not None:
        return at
    return at.replace(tzinfo=UK, fold=0)


def overlapping(draft: ContactDraft, others: Iterable[ContactDetail]) -> tuple[ContactDetail, ...]:
    """Other booked contacts whose time overlaps this one (a warning, not a refusal)."""
    start, end = draft.starts_at, draft.ends_at
    return tuple(
        other
        for other in others
        if other.id != draft.id
        and other.outcome.is_pending
        and other.draft.starts_at < end
        and start < other.draft.ends_at
    )


def failed_attempts_in_a_row(contacts: Sequence[ContactDetail]) -> int:
    """Missed or unreachable contacts since the last one the person attended.

    Cancellations and contacts still booked neither count nor break the run.
    """
    count = 0
    for contact in sorted(contacts, key=lambda c: c.draft.starts_at, reverse=True):
        outcome = contact.outcome
        if outcome is ContactOutcome.ATTENDED:
            break
        if outcome.is_failed_attempt:
            count += 1
    return count


def suggest_not_taken_up(contacts: Sequence[ContactDetail]) -> bool:
    """Three failed attempts in a row: suggest closing as "not taken up" (never done for them)."""
    return failed_attempts_in_a_row(contacts) >= FAILED_ATTEMPTS_BEFORE_SUGGESTING


class RiskFlagKind(enum.StrEnum):
    """A risk a worker must know before contacting or visiting someone."""

    SAFEGUARDING = "safeguarding"
    LONE_WORKING = "lone_working"
    DO_NOT_VISIT_ALONE = "not_alone"
    NO_LETTERS = "no_letters"

    @property
    def label(self) -> str:
        return {
            "safeguarding": "Safeguarding concern",
            "lone_working": "Lone-working risk",
            "not_alone": "Do not visit alone",
            "no_letters": "No letters to the address",
        }[self.value]


@dataclass(frozen=True, slots=True)
class RiskFlag:
    id: uuid.UUID
    person_id: uuid.UUID
    kind: RiskFlagKind
    note: str
    raised_by: str
    raised_on: dt.date
    removed_on: dt.date | None = None
    removed_by: str = ""

    @property
    def is_current(self) -> bool:
        return self.removed_on is None


def flag_problems(kind: RiskFlagKind | None, raised_by: str) -> list[FieldError]:
    problems: list[FieldError] = []
    if kind is None:
        problems.append(FieldError("kind", "Choose which kind of risk this is."))
    if not raised_by.strip():
        problems.append(
            FieldError("raised_by", "Say who raised it, so a colleague knows whom to ask.")
        )
    return problems


def next_steps(
    *, has_phone: bool, has_address: bool, flags: Iterable[RiskFlagKind] = ()
) -> tuple[NextStep, ...]:
    """What can follow a missed contact for this person.

    Phoning needs a number; writing needs an address and no "no letters" flag.
    """
    steps = [NextStep.REBOOK]
    if has_phone:
        steps.append(NextStep.PHONE)
    if has_address and RiskFlagKind.NO_LETTERS not in set(flags):
        steps.append(NextStep.WRITE)
    return tuple(steps)


def why_not(step: NextStep, *, has_phone: bool, has_address: bool, no_letters: bool) -> str:
    """Why a next step is not offered, in plain words ("" when it is)."""
    if step is NextStep.PHONE and not has_phone:
        return "There is no phone number on their record."
    if step is NextStep.WRITE:
        if not has_address:
            return "There is no address on their record to write to."
        if no_letters:
            return "Their record says no letters to the address."
    return ""


@dataclass(frozen=True, slots=True)
class StepOffer:
    """A next step after a missed contact, and why it cannot be taken ("" when it can)."""

    step: NextStep
    why_not: str = ""

    @property
    def available(self) -> bool:
        return not self.why_not


def step_offers(
    *, has_phone: bool, has_address: bool, flags: Iterable[RiskFlagKind] = ()
) -> tuple[StepOffer, ...]:
    """Every next step in order, each with the reason it is not open to this person, if any."""
    kinds = set(flags)
    no_letters = RiskFlagKind.NO_LETTERS in kinds
    open_steps = next_steps(has_phone=has_phone, has_address=has_address, flags=kinds)
    return tuple(
        StepOffer(
            step,
            ""
            if step in open_steps
            else why_not(step, has_phone=has_phone, has_address=has_address, no_letters=no_letters),
        )
        for step in NextStep
    )


def is_still_to_come(contact: ContactDetail, today: dt.date) -> bool:
    """Booked, and on ``today`` or later (a contact booked for earlier today still counts)."""
    return contact.outcome.is_pending and contact.draft.starts_at.date() >= today


def following_next_contact(
    current: dt.date | None, contacts: Iterable[ContactDetail], today: dt.date
) -> dt.date | None:
    """An episode's next contact day once its contacts have changed.

    The earliest contact still to come; when none is, a day that was a contact's
    (one since moved, cancelled or recorded) is cleared, and a day set by hand
    on the plan, with no contact on it, stays.
    """
    contacts = tuple(contacts)
    to_come = [c.draft.starts_at.date() for c in contacts if is_still_to_come(c, today)]
    if to_come:
        return min(to_come)
    if current is None:
        return None
    days_of_contacts = {c.draft.starts_at.date() for c in contacts}
    days_of_contacts |= {c.moved_from.date() for c in contacts if c.moved_from is not None}
    return None if current in days_of_contacts else current


class ReferralChoice(enum.StrEnum):
    """What to do when a referral arrives for someone whose episode is still open."""

    ADD_TO_CURRENT = "add"
    CLOSE_AND_START = "close"
    KEEP_BOTH = "both"

    @property
    def label(self) -> str:
        return {
            "add": "Add these reasons to the current episode",
            "close": "Close the current episode and start a new one",
            "both": "Keep both open (two teams are involved)",
        }[self.value]


class ReferralResponse(enum.StrEnum):
    """How a referral was answered."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_TAKEN_UP = "not_taken_up"

    @property
    def label(self) -> str:
        return {
            "accepted": "Accepted",
            "declined": "Declined by the person",
            "not_taken_up": "Not taken up",
        }[self.value]


def waiting_days(referral_date: dt.date, first_contact_on: dt.date | None) -> int | None:
    """Days from referral to first contact; None until there has been one."""
    if first_contact_on is None:
        return None
    return max(0, (first_contact_on - referral_date).days)


def merged_reasons(current: Sequence[str], added: Sequence[str]) -> tuple[str, ...]:
    """The current episode's reasons with new ones after them, each once (case-insensitive)."""
    seen: set[str] = set()
    merged: list[str] = []
    for reason in (*current, *added):
        text = " ".join(reason.split())
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            merged.append(text)
    return tuple(merged)
