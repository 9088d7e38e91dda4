"""What may be kept about a person before they agree to us keeping their record.

A referral arrives with the person's details and the reasons: that much is kept so
the worker can get in touch about it. Anything beyond it (conversation notes, goals,
places chosen, outcome measures) waits until the person agrees to the record being
kept, and that agreement is recorded on the referral (consent to hold, with its date
and who recorded it). Contacts about the referral (booking one, what happened) are
allowed without it, and so is a crisis conversation: when someone's safety is at
stake, what was done to keep them safe is written down whether or not they have
agreed yet.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from linkworker.domain.people import Consent, ConversationType


class Beyond(enum.StrEnum):
    """Kinds of record that wait for consent to hold."""

    CONVERSATION = "conversation"
    GOAL = "goal"
    PLACE = "place"
    MEASURE = "measure"
    STORY = "story"

    @property
    def words(self) -> str:
        """What was being kept, as it reads in "Nothing was saved" messages."""
        return {
            "conversation": "conversation notes",
            "goal": "a goal in the plan",
            "place": "a place in the plan",
            "measure": "an outcome measure",
            "story": "their story or what they now do for others",
        }[self.value]


def may_keep(consent_to_hold: Consent) -> bool:
    """True when the person has agreed to us keeping their record on this referral."""
    return consent_to_hold.given


def conversation_needs_consent(kind: ConversationType) -> bool:
    """A crisis conversation is kept even before consent; every other kind waits for it."""
    return kind is not ConversationType.CRISIS


@dataclass(frozen=True, slots=True)
class Missing:
    """What the person's record is still waiting for, to show on their page."""

    #: Consent to hold is not recorded on the referral shown.
    to_hold: bool
    #: Consent to share with the GP is not recorded (the letter back waits for it).
    share_gp: bool
    #: Consent to share with the places in the plan is not recorded.
    share_providers: bool

    @property
    def anything(self) -> bool:
        return self.to_hold or self.share_gp or self.share_providers


def missing(to_hold: Consent, share_gp: Consent, share_providers: Consent) -> Missing:
    """Which of a referral's three consents are not yet given."""
    return Missing(not to_hold.given, not share_gp.given, not share_providers.given)


def missing_words(gap: Missing) -> str:
    """The banner's sentence for ``gap``; "" when nothing is missing.

    Consent to hold leads: without it only the referral and contacts about it are kept.
    """
    if gap.to_hold:
        return (
            "They have not yet agreed to us keeping their record. Only the referral and "
            "contacts about it are kept: conversation notes, the plan and measures wait "
            "until they agree."
        )
    parts = [
        words
        for gone, words in (
            (gap.share_gp, "with their GP (needed for the letter back)"),
            (gap.share_providers, "with the places in their plan (needed for referral letters)"),
        )
        if gone
    ]
    if not parts:
        return ""
    return "Not yet agreed to share " + " or ".join(parts) + "."
