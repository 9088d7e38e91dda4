"""What matching says, and the small rules it works out once per person.

How a reason ends by where the person said a word, the words for access features,
the hard limits as counted in what was left out, the points for how someone would
like to start, what they can afford and how near a place is, the referral reasons a
person's own words give, and how one of their words counts (:class:`PersonTerm`).
:mod:`linkworker.domain.match_reasons` uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linkworker.domain.directory import Cost, JoinMode
from linkworker.domain.geo import Nearness
from linkworker.domain.match_assets import kind_key
from linkworker.domain.match_weights import (
    BASE_POINTS,
    DROP_IN_POINTS,
    FREE_FOR_LIMIT_POINTS,
    FREE_POINTS,
    JOIN_POINTS,
    LOW_COST_PENALTY,
    NEARNESS_POINTS,
    PAID_OVER_LOW_PENALTY,
    PAID_PENALTY,
    RANGE_NEARNESS_PENALTY,
)
from linkworker.domain.match_words import as_told, situations
from linkworker.domain.matching import (
    SITUATION_REASONS,
    JoinPreference,
    MatchProfile,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import AccessNeed

TAILS: dict[WordSource, str] = {
    WordSource.WHAT_MATTERS: "which you said matters to you",
    WordSource.ENJOY: "which you enjoy",
    WordSource.INTEREST: "one of your interests",
    WordSource.CHANGE: "for what you'd like to be different",
    WordSource.NOTES: "as you've said",
}
#: Not checked for longer than this, a listing is suggested only with "check it is still running".
STILL_RUNNING_MONTHS = 18
#: A session starting this many hours either side of a part of the day the person is
#: free (on a day they are free) is a time to check, not a clash.
NEAR_PART_HOURS = 1.0
#: Hard limits, as counted in what was left out.
OUT_OF_AGES = "outside the ages it is for"
AVOIDED = "a kind of thing they would rather avoid"
COSTS = "costs money, and they can only go to free things"
NOT_STEP_FREE = "not step-free, and they need it"
NOT_THEIR_TIMES = "only at times they cannot come"
PHONE_ONLY = "by phone only, and they cannot use voice calls"
#: The access needs that step-free access is a hard limit for.
STEP_FREE_NEEDS = (AccessNeed.STEP_FREE, AccessNeed.WHEELCHAIR)
FEATURE_WORDS: dict[str, str] = {
    "step_free": "step-free",
    "accessible_toilet": "accessible toilet",
    "hearing_loop": "hearing loop",
    "bsl": "British Sign Language",
    "large_print": "large print",
    "assistance_dogs": "assistance dogs welcome",
    "dementia_friendly": "dementia friendly",
    "quiet_space": "quiet space",
    "seating": "seating",
    "blue_badge_parking": "blue badge parking",
    "parking": "parking",
    "public_transport": "near a bus stop",
}
#: A feature after "with": "step-free, with an accessible toilet".
WITH_WORDS: dict[str, str] = {
    "accessible_toilet": "an accessible toilet",
    "hearing_loop": "a hearing loop",
    "quiet_space": "a quiet space",
}
MISSING_WORDS: dict[str, str] = {
    "step_free": "step-free access",
    "large_print": "large print materials",
}
TRAVEL_WORDS: dict[TravelRange, str] = {
    TravelRange.WALKING: "walking distance",
    TravelRange.SHORT_TRIP: "a short bus ride",
}


def quote_whole(text: str) -> str:
    """A tag-like entry ("old films") is quoted whole; a long one is not."""
    clean = " ".join(text.split())
    return clean if 0 < len(clean) <= 40 else ""


def miles_words(miles: float) -> str:
    return f"{max(miles, 0.1):.1f}" if miles < 10 else f"{miles:.0f}"


def join_fit(join: JoinPreference | None, mode: JoinMode) -> tuple[float, str, str]:
    """(points, reason, concern) for how someone would like to start and how an asset is joined.

    Befriending, for someone who would like company the first time, is decided apart.
    """
    if join is None:
        return (DROP_IN_POINTS, "just turn up", "") if mode is JoinMode.DROP_IN else (0.0, "", "")
    if join is JoinPreference.DROP_IN:
        if mode is JoinMode.DROP_IN:
            return (JOIN_POINTS, "just turn up", "")
        return (0.0, "", "needs a referral" if mode is JoinMode.REFERRAL else "")
    if join is JoinPreference.WITH_SOMEONE:
        if mode is JoinMode.DROP_IN:
            return (JOIN_POINTS / 2, "just turn up, with someone if you like", "")
        return (0.0, "", "")
    if mode is JoinMode.REFERRAL:
        return (JOIN_POINTS, "by referral: you will be introduced", "")
    if mode is JoinMode.SELF_REFERRAL:
        return (JOIN_POINTS / 2, "you can get in touch first", "")
    return (0.0, "", "")


def cost_fit(limit: Cost | None, cost: Cost) -> tuple[float, str, str]:
    """(points, reason, concern) for what an asset costs and what the person can manage."""
    if cost is Cost.FREE:
        extra = FREE_FOR_LIMIT_POINTS if limit in (Cost.FREE, Cost.LOW_COST) else 0.0
        return (FREE_POINTS + extra, "free", "")
    if cost is Cost.LOW_COST and limit is Cost.FREE:
        return (-LOW_COST_PENALTY, "", "low cost")
    if cost is Cost.PAID and limit in (Cost.FREE, Cost.LOW_COST):
        penalty = PAID_PENALTY if limit is Cost.FREE else PAID_OVER_LOW_PENALTY
        return (-penalty, "", "costs money")
    return (0.0, "", "")


def near_fit(travel: TravelRange | None, nearness: Nearness) -> tuple[float, str, str]:
    """(points, reason, concern) for how much of their postcode an asset's place shares."""
    points = NEARNESS_POINTS.get(nearness, 0.0)
    reason = f"same postcode {nearness.name[5:].lower()}" if points else ""
    if travel is TravelRange.WALKING and nearness < Nearness.SAME_SECTOR:
        concern = "outside your postcode sector: may be beyond walking distance"
    elif travel is TravelRange.SHORT_TRIP and nearness < Nearness.SAME_DISTRICT:
        concern = "outside your postcode district: may be more than a short bus ride"
    else:
        return (points, reason, "")
    return (points - RANGE_NEARNESS_PENALTY, reason, concern)


def reasons_in_words(profile: MatchProfile) -> dict[str, str]:
    """Referral reasons the person's own words give that the referral does not
    ("looking after my mum" -> Carer support), each with those words told to them."""
    given = {kind_key(r) for r in profile.reasons}
    found: dict[str, str] = {}
    for words in profile.words:
        if words.source is WordSource.STRENGTH:
            continue
        for name, told in situations(words.text).items():
            reason = SITUATION_REASONS.get(name)
            if reason is not None and kind_key(reason) not in given:
                found.setdefault(reason, as_told(told))
    return found


@dataclass(frozen=True, slots=True)
class PersonTerm:
    """A stem the person's words give, how they said it, and how much it counts."""

    source: WordSource
    said: str
    weight: float
    #: Reached through the synonym table (the asset uses another word).
    synonym: bool = False


@dataclass(frozen=True, slots=True)
class Said:
    """One of the person's words as it counts for a stem."""

    weight: float
    said: str
    source: WordSource
    synonym: bool
    #: ``said`` folded, to compare one asset's strongest word with another's
    key: str


def strongest_first(hit: tuple[float, Said, str]) -> tuple[float, str]:
    return (-hit[0], hit[1].said)


def offer(table: dict[str, PersonTerm], word_stem: str, term: PersonTerm) -> None:
    known = table.get(word_stem)
    if known is None or term.weight > known.weight:
        table[word_stem] = term


#: Who it is for, when that says only a gender ("women only", "for men"): nothing to
#: check for someone of that gender.
GENDER_ONLY = re.compile(
    r"(?:for\s+)?(?:women|ladies|girls|men|gentlemen|boys)(?:'s)?(?:\s+only)?[.!]?"
)


def and_list(words: list[str]) -> str:
    """'cooking', 'cooking and sewing', 'cooking, sewing and baking'; 'tea and cake, and
    chatting' when one of them has an "and" of its own."""
    if len(words) == 1:
        return words[0]
    last = ", and " if any(" and " in w for w in words) else " and "
    return f"{', '.join(words[:-1])}{last}{words[-1]}"


@dataclass(slots=True)
class Fit:
    """One asset's score for one person, and (when ``explain``) why.

    Ranking scores every candidate without the words, then explains only the ones
    it lists: the points are the same either way.
    """

    explain: bool = True
    points: float = BASE_POINTS
    reasons: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    #: The person's words or referral reasons found something here.
    matched: bool = False
    #: The person's word that counted most here ("cooking"), "" when none did.
    lead: str = ""
    #: Words already given as reasons, so a kind is not said again in other words.
    said_words: set[str] = field(default_factory=set)
    distance_miles: float | None = None

    def say(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def warn(self, concern: str) -> None:
        if concern not in self.concerns:
            self.concerns.append(concern)
