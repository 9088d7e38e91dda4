"""What a closing keeps besides its reason: the person's story, and giving back.

Stories are evidence: commissioners fund what they can see, and a person's own words
about what changed are part of it, told only as far as they agree. A story is kept
with the person's answer about sharing it (:class:`StoryConsent`), the day they gave
it and who recorded it; a story without an answer is not kept.

People supported often go on to support others. A person who has become a volunteer,
a peer supporter or a group organiser is recorded as such (:class:`HelperRole`), with
the place (a directory place, or one typed as written) and the day; one person may
hold several roles.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from linkworker.domain.validation import FieldError


class StoryConsent(enum.StrEnum):
    """Whether the person agrees to their story being shared."""

    YES = "yes"
    NO = "no"
    NAMED = "named"

    @property
    def label(self) -> str:
        return {
            "yes": "Yes, shared without their name",
            "no": "No, not to be shared",
            "named": "Yes, with their name, with permission",
        }[self.value]

    @property
    def may_share(self) -> bool:
        """True when the story may be told outside the team (with or without the name)."""
        return self is not StoryConsent.NO


@dataclass(frozen=True, slots=True)
class Story:
    """The person's story in their own words, and their answer about sharing it."""

    words: str = ""
    consent: StoryConsent | None = None
    consent_on: dt.date | None = None
    recorded_by: str = ""

    @property
    def told(self) -> bool:
        """True when there are words."""
        return bool(self.words.strip())


class HelperRole(enum.StrEnum):
    """How a person supported has come to support others."""

    VOLUNTEER = "volunteer"
    PEER_SUPPORTER = "peer_supporter"
    GROUP_ORGANISER = "group_organiser"

    @property
    def label(self) -> str:
        return {
            "volunteer": "Volunteer",
            "peer_supporter": "Peer supporter",
            "group_organiser": "Group organiser",
        }[self.value]


@dataclass(frozen=True, slots=True)
class GivingBackDraft:
    """One helper role as entered: the role, the place and the day it began."""

    role: HelperRole
    on: dt.date
    #: The directory place, when it is one.
    asset_id: uuid.UUID | None = None
    #: The place's name: the directory's at the time, or typed as written.
    place_name: str = ""

    @property
    def has_place(self) -> bool:
        return self.asset_id is not None or bool(self.place_name.strip())


@dataclass(frozen=True, slots=True)
class GivingBack:
    """A helper role as kept, with the referral it was recorded at the close of."""

    id: uuid.UUID
    person_id: uuid.UUID
    episode_id: uuid.UUID | None
    draft: GivingBackDraft
    recorded_by: str = ""

    @property
    def line(self) -> str:
        """ "Volunteer at Riverside Community Garden since 3 Nov 2026"."""
        d = self.draft
        return f"{d.role.label} at {d.place_name or 'a place not named'} since {d.on:%d %b %Y}"


def story_problems(story: Story, today: dt.date) -> list[FieldError]:
    """A story kept with its consent answer, dated no later than today."""
    problems: list[FieldError] = []
    if story.told and story.consent is None:
        problems.append(
            FieldError(
                "story_consent",
                "Ask whether the person agrees to their story being shared, and record the answer.",
            )
        )
    if story.consent is not None and story.consent_on is not None and story.consent_on > today:
        problems.append(FieldError("story_consent", "The date of their answer is in the future."))
    return problems


def giving_back_problems(
    roles: Sequence[GivingBackDraft], since: dt.date, today: dt.date
) -> list[FieldError]:
    """Each role with a place and a day between ``since`` (the referral) and today.

    Problems are named ``helpers[i]`` for the i-th role, so a form shows each on its row.
    """
    problems: list[FieldError] = []
    for i, role in enumerate(roles):
        if not role.has_place:
            problems.append(
                FieldError(f"helpers[{i}]", "Say where: pick a place or type its name.")
            )
        if role.on > today:
            problems.append(FieldError(f"helpers[{i}]", "The day they began is in the future."))
        elif role.on < since:
            problems.append(
                FieldError(f"helpers[{i}]", "The day they began is before the referral.")
            )
    return problems
