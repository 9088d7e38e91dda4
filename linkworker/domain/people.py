"""Value types for people, their referrals (episodes of support) and conversations.

The record carries the way of working: what matters to the person and their
strengths come first, in their own words. Everything here is a plain frozen
dataclass or enum; no ORM object leaves the data layer.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

from linkworker.domain.closing import GivingBack, Story
from linkworker.domain.journey import ReferralResponse, RiskFlag, waiting_days
from linkworker.domain.story import latest_answers, what_matters


class ContactMethod(enum.StrEnum):
    """How a person prefers to be contacted."""

    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {
            "phone": "Phone call",
            "text": "Text message",
            "email": "Email",
            "letter": "Letter",
            "in_person": "In person",
        }[self.value]


class AccessNeed(enum.StrEnum):
    """Accessibility needs that change how we communicate and what we suggest."""

    LARGE_PRINT = "large_print"
    HEARING = "hearing"
    SIGHT = "sight"
    MOBILITY = "mobility"
    EASY_READ = "easy_read"
    #: Needs step-free access (no steps, or a lift or ramp): a hard limit in matching.
    STEP_FREE = "step_free"
    #: Uses a wheelchair: needs step-free access and an accessible toilet.
    WHEELCHAIR = "wheelchair"
    #: British Sign Language is how they take part.
    BSL = "bsl"
    #: Cannot use voice calls (Deaf, or unable to hear on the phone): texts, email or in person.
    NO_VOICE_CALLS = "no_voice_calls"

    @property
    def label(self) -> str:
        return {
            "large_print": "Large print",
            "hearing": "Hearing",
            "sight": "Sight",
            "mobility": "Mobility",
            "easy_read": "Easy read",
            "step_free": "Needs step-free access",
            "wheelchair": "Wheelchair user",
            "bsl": "British Sign Language",
            "no_voice_calls": "No voice calls",
        }[self.value]


@dataclass(frozen=True, slots=True)
class ImportantPerson:
    """Someone on the person's side."""

    name: str
    relationship: str = ""
    contact: str = ""
    may_contact: bool = False


@dataclass(frozen=True, slots=True)
class GpPractice:
    """The GP practice a person is registered with; every field empty when not recorded.

    ``address`` holds its lines, one a line; ``ods_code`` is the practice's national
    code (a letter and five digits, such as A81001), or "".
    """

    name: str = ""
    address: str = ""
    postcode: str = ""
    ods_code: str = ""

    @property
    def recorded(self) -> bool:
        """A practice is recorded once it has a name."""
        return bool(self.name.strip())

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The name, the address lines and the postcode, empty lines left out."""
        lines = (self.name, *self.address.splitlines(), self.postcode)
        return tuple(line.strip() for line in lines if line.strip())


@dataclass(frozen=True, slots=True)
class NeedsAsWritten:
    """A person's needs as a spreadsheet (or a referrer) wrote them, kept word for word.

    What the app recognised in them is in the person's structured fields (access
    needs, languages, what suits them); ``to_confirm`` stays True until the link
    worker has checked that against these words.
    """

    access: str = ""
    languages: str = ""
    free_times: str = ""
    cost: str = ""
    to_confirm: bool = False

    @property
    def recorded(self) -> bool:
        """True when any of the words were kept."""
        return any(t.strip() for t in (self.access, self.languages, self.free_times, self.cost))


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """Everything a user can enter about a person.

    ``id`` is None for a new person; an edit carries the ``version`` it read so a
    change saved elsewhere meanwhile is detected. ``nhs_number`` is "" or ten
    digits with no spaces (shown as ``999 000 0018``). ``no_fixed_address`` is a
    valid answer, not a missing one.
    """

    given_name: str
    family_name: str = ""
    id: uuid.UUID | None = None
    version: int | None = None
    preferred_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    address: str = ""
    postcode: str = ""
    no_fixed_address: bool = False
    phone: str = ""
    email: str = ""
    preferred_contact: ContactMethod | None = None
    contact_times: str = ""
    gender: str = ""
    ethnicity: str = ""
    first_language: str = ""
    interpreter_needed: bool = False
    #: The language the interpreter speaks, when it is not their first language ("" if not known).
    interpreter_language: str = ""
    #: Whether they can take part in English: True, False, or None when not asked.
    speaks_english: bool | None = None
    access_needs: tuple[AccessNeed, ...] = ()
    is_carer: bool = False
    is_cared_for: bool = False
    important_people: tuple[ImportantPerson, ...] = ()
    what_matters: str = ""
    interests: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    notes: str = ""
    gp_practice: GpPractice = GpPractice()
    #: Needs as written in the spreadsheet they came from, and whether they are confirmed.
    as_written: NeedsAsWritten = NeedsAsWritten()

    @property
    def display_name(self) -> str:
        """The name the person likes to be called, with their family name."""
        first = self.preferred_name.strip() or self.given_name.strip()
        return " ".join(x for x in (first, self.family_name.strip()) if x)


class ReferrerKind(enum.StrEnum):
    GP = "gp"
    NURSE = "nurse"
    PHARMACIST = "pharmacist"
    SELF = "self"
    OTHER_SERVICE = "other_service"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "gp": "GP",
            "nurse": "Nurse",
            "pharmacist": "Pharmacist",
            "self": "Self-referral",
            "other_service": "Another service",
            "other": "Someone else",
        }[self.value]


#: The referral reasons a team starts with; teams can add their own.
DEFAULT_REFERRAL_REASONS: tuple[str, ...] = (
    "Loneliness",
    "Low mood",
    "Anxiety",
    "Bereavement",
    "Money or debt",
    "Housing",
    "Carer support",
    "Long-term condition",
    "Physical activity",
    "Weight",
    "Employment",
    "Other",
)


class Urgency(enum.StrEnum):
    ROUTINE = "routine"
    SOON = "soon"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EpisodeStatus(enum.StrEnum):
    WAITING = "waiting"
    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "waiting": "Waiting for first contact",
            "active": "Active",
            "closed": "Closed",
        }[self.value]

    @property
    def is_open(self) -> bool:
        """Waiting for first contact or active: support is still going on."""
        return self is not EpisodeStatus.CLOSED


class ClosingReason(enum.StrEnum):
    """Why a referral closed, in the order a worker is offered them.

    "Stopped getting in touch" is not in the national list but is a real reason,
    and records made before the list changed hold it.
    """

    GOALS_MET = "goals_met"
    REFERRED_ON = "referred_on"
    DECLINED = "declined"
    NOT_TAKEN_UP = "not_taken_up"
    MOVED = "moved"
    DIED = "died"
    DISENGAGED = "disengaged"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "goals_met": "Goals met",
            "referred_on": "Moved on to other support",
            "declined": "Declined support",
            "not_taken_up": "Not taken up",
            "moved": "Moved away",
            "died": "Died",
            "disengaged": "Stopped getting in touch",
            "other": "Other",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Consent:
    """A consent answer, when it was given and who recorded it."""

    given: bool = False
    on: dt.date | None = None
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class EpisodeDraft:
    """One referral: an episode of support, from referral to closing."""

    person_id: uuid.UUID
    referral_date: dt.date
    id: uuid.UUID | None = None
    version: int | None = None
    referred_by: ReferrerKind = ReferrerKind.GP
    referrer_name: str = ""
    reasons: tuple[str, ...] = ()
    reason_notes: str = ""
    urgency: Urgency = Urgency.ROUTINE
    consent_to_hold: Consent = Consent()
    consent_share_gp: Consent = Consent()
    consent_share_providers: Consent = Consent()
    status: EpisodeStatus = EpisodeStatus.WAITING
    link_worker: str = ""
    next_contact_on: dt.date | None = None
    closed_on: dt.date | None = None
    closing_reason: ClosingReason | None = None
    closing_note: str = ""
    #: How the referral was answered, and when (None: not yet).
    response: ReferralResponse | None = None
    responded_on: dt.date | None = None
    #: The person's reason for declining, in their words.
    declined_reason: str = ""
    #: The day of the first contact; kept so the wait from referral is known.
    first_contact_on: dt.date | None = None
    #: The person's story at the close, with their answer about sharing it.
    story: Story = field(default_factory=Story)


@dataclass(frozen=True, slots=True)
class UndatedReferral:
    """A referral that came in (from a spreadsheet) with no date, kept as written.

    It is never given a date by the app: the link worker adds the date, and it
    becomes a referral (:meth:`dated`). ``id`` is None until it is stored.
    """

    person_id: uuid.UUID
    id: uuid.UUID | None = None
    referred_by: ReferrerKind = ReferrerKind.GP
    referrer_name: str = ""
    reasons: tuple[str, ...] = ()
    reason_notes: str = ""
    urgency: Urgency = Urgency.ROUTINE
    link_worker: str = ""

    def dated(self, on: dt.date) -> EpisodeDraft:
        """The referral it becomes once the worker gives its date."""
        return EpisodeDraft(
            person_id=self.person_id,
            referral_date=on,
            referred_by=self.referred_by,
            referrer_name=self.referrer_name,
            reasons=self.reasons,
            reason_notes=self.reason_notes,
            urgency=self.urgency,
            link_worker=self.link_worker,
        )


class ConversationType(enum.StrEnum):
    FIRST = "first"
    FOLLOW_UP = "follow_up"
    LONG_TERM = "long_term"
    CRISIS = "crisis"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return {
            "first": "First “what matters” conversation",
            "follow_up": "Follow-up",
            "long_term": "Long-term conversation: a good life",
            "crisis": "Crisis",
            "closing": "Closing",
        }[self.value]


class ConversationMode(enum.StrEnum):
    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    VIDEO = "video"
    HOME_VISIT = "home_visit"
    HUB = "hub"

    @property
    def label(self) -> str:
        return {
            "face_to_face": "Face to face",
            "phone": "Phone",
            "video": "Video call",
            "home_visit": "Home visit",
            "hub": "At a community hub",
        }[self.value]


#: The prompts of the first conversation, each answered in the person's words.
WHAT_MATTERS_PROMPTS: tuple[tuple[str, str], ...] = (
    ("what_matters", "What matters to me"),
    ("going_well", "What's going well / my strengths"),
    ("enjoy", "Things I enjoy or used to enjoy"),
    ("important_people", "Who's important to me"),
    ("change", "What I'd like to change"),
    ("in_the_way", "What gets in the way"),
    ("somewhere_to_live", "Somewhere to live"),
    ("something_to_do", "Something to do"),
    ("someone_to_be_with", "Someone to be with"),
)

#: The prompts of the long-term conversation, about a good life and what keeps it going.
LONG_TERM_PROMPTS: tuple[tuple[str, str], ...] = (
    ("good_life", "What a good life looks like for me"),
    ("keeps_it_going", "What keeps it going"),
    ("might_get_in_the_way", "What might get in the way"),
    ("who_helps", "Who and what helps me keep it going"),
    ("if_things_slip", "What I'll do if things slip"),
)

#: Every prompt's label by its key, whichever conversation asked it.
PROMPT_LABELS: dict[str, str] = dict(WHAT_MATTERS_PROMPTS + LONG_TERM_PROMPTS)


@dataclass(frozen=True, slots=True)
class CrisisStep:
    what: str
    who: str = ""
    by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CrisisPlan:
    """What must change now to be safe, the steps, and when to check back (within days)."""

    must_change: str
    steps: tuple[CrisisStep, ...] = ()
    check_back_on: dt.date | None = None
    #: Is there a safeguarding concern? None when the question was not answered.
    safeguarding: bool | None = None
    #: Who was told about it (the safeguarding lead, the GP...), as typed.
    told: str = ""


@dataclass(frozen=True, slots=True)
class ConversationDraft:
    """One contact with the person. ``answers`` maps a WHAT_MATTERS_PROMPTS key to their words."""

    episode_id: uuid.UUID
    at: dt.datetime
    id: uuid.UUID | None = None
    version: int | None = None
    kind: ConversationType = ConversationType.FOLLOW_UP
    mode: ConversationMode = ConversationMode.FACE_TO_FACE
    place: str = ""
    minutes: int | None = None
    notes: str = ""
    answers: tuple[tuple[str, str], ...] = ()
    crisis: CrisisPlan | None = None
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """A person as stored, with their episodes and conversations, newest first."""

    id: uuid.UUID
    version: int
    draft: PersonDraft
    episodes: tuple[EpisodeDetail, ...]
    conversations: tuple[ConversationDetail, ...]
    created_at: dt.datetime
    updated_at: dt.datetime
    #: Risk flags still in force, oldest first.
    flags: tuple[RiskFlag, ...] = ()
    #: The ways they have come to support others, oldest first.
    giving_back: tuple[GivingBack, ...] = ()

    @property
    def latest_answers(self) -> dict[str, str]:
        """For each conversation prompt, the newest answer in their words (see story.py)."""
        return latest_answers(c.draft.answers for c in self.conversations)

    @property
    def what_matters(self) -> str:
        """What matters to them: their own field, else their newest answer in a conversation."""
        return what_matters(self.draft.what_matters, self.latest_answers)

    @property
    def open_episodes(self) -> tuple[EpisodeDetail, ...]:
        """Their referrals still open (waiting or active), newest first."""
        return tuple(e for e in self.episodes if e.is_open)


@dataclass(frozen=True, slots=True)
class EpisodeDetail:
    id: uuid.UUID
    version: int
    draft: EpisodeDraft

    @property
    def is_open(self) -> bool:
        """Waiting or active: this referral's support is still going on."""
        return self.draft.status.is_open

    @property
    def waiting_days(self) -> int | None:
        """Days from referral to first contact; None until there has been one."""
        return waiting_days(self.draft.referral_date, self.draft.first_contact_on)


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    id: uuid.UUID
    version: int
    draft: ConversationDraft


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One row of the People table."""

    id: uuid.UUID
    name: str
    nhs_number: str
    postcode: str
    date_of_birth: dt.date | None
    status: EpisodeStatus | None
    link_worker: str
    last_contact: dt.date | None
    next_contact: dt.date | None
    #: A referral from a spreadsheet waits for its date (no episode yet, or a newer one).
    undated_referral: bool = False


class CaseloadSort(enum.StrEnum):
    NAME = "name"
    NHS_NUMBER = "nhs_number"
    POSTCODE = "postcode"
    STATUS = "status"
    LAST_CONTACT = "last_contact"
    NEXT_CONTACT = "next_contact"


@dataclass(frozen=True, slots=True)
class CaseloadFilter:
    """Search text (name, NHS number or postcode) and status; ``link_worker`` is a name.

    ``open_only`` keeps the people whose current referral is open (waiting or
    active); ``status``, when given, narrows to one status.
    """

    text: str = ""
    status: EpisodeStatus | None = None
    link_worker: str | None = None
    open_only: bool = False


@dataclass(frozen=True, slots=True)
class CaseloadPage:
    rows: tuple[CaseloadRow, ...]
    total: int


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    """An existing person who may be the one being entered, and why."""

    id: uuid.UUID
    name: str
    date_of_birth: dt.date | None
    nhs_number: str
    postcode: str
    reason: str
