"""The weights of the ranking: every number it adds up, in one place to tune.

Points are on a 0-100 scale: an asset that passes the hard limits starts at
BASE_POINTS, rules add and take away, and the total is kept between 0 and 100.
The rules that use them are in :mod:`linkworker.domain.match_reasons`; the
weights for where an asset says a word are in :mod:`linkworker.domain.match_assets`,
and those for variety in :mod:`linkworker.domain.match_scoring`.
"""

from __future__ import annotations

from linkworker.domain.geo import Nearness
from linkworker.domain.matching import WordSource

#: Every asset that passes the hard limits starts here.
BASE_POINTS = 20.0
#: One of the person's words found in an asset's tags. Further words add less each
#: (x WORD_DECAY per word), up to WORD_MAX in all.
WORD_POINTS = 20.0
WORD_DECAY = 0.75
WORD_MAX = 55.0
#: How much a word counts by where the person said it ...
SOURCE_WEIGHTS: dict[WordSource, float] = {
    WordSource.WHAT_MATTERS: 1.0,
    WordSource.ENJOY: 1.0,
    WordSource.INTEREST: 0.9,
    WordSource.CHANGE: 0.8,
    WordSource.STRENGTH: 0.5,
    WordSource.NOTES: 0.6,
}
#: ... and a strength, when the asset is a way to give (volunteering). Where the asset
#: says it counts too: see the field weights in match_assets.
STRENGTH_GIVING_WEIGHT = 1.1
#: A word reached through the synonym table, and a whole tag phrase ("tea and cake").
SYNONYM_FACTOR = 0.6
PHRASE_FACTOR = 1.2
WORD_REASONS = 3
#: An asset of a kind the referral reasons call for (the editable table). Kinds earlier
#: in a reason's list count more: x (1 - KIND_STEP * position), at least KIND_FLOOR; an
#: asset of several of one reason's kinds, more (x 1 + KIND_MORE each, to KIND_MORE_MAX).
REASON_KIND_POINTS = 10.0
KIND_STEP = 0.08
KIND_FLOOR = 0.6
KIND_MORE = 0.3
KIND_MORE_MAX = 1.6
REASON_DECAY = 0.6
CARER_POINTS = 12.0
#: More for a carer whose words say the caring is wearing them down ("worn out").
CARER_STRAIN_POINTS = 16.0
LANGUAGE_POINTS = 8.0
INTERPRETER_LANGUAGE_POINTS = 14.0
#: For an age band (16 to 25, 60 and over) the person is in.
AGE_GROUP_POINTS = 4.0
TIME_POINTS = 6.0
TIME_MISS_PENALTY = 5.0
#: Nearness: NEAR_POINTS at the door, falling to nothing at NEAR_MILES.
NEAR_POINTS = 8.0
NEAR_MILES = 5.0
NEARNESS_POINTS: dict[Nearness, float] = {
    Nearness.SAME_SECTOR: 6.0,
    Nearness.SAME_DISTRICT: 4.0,
    Nearness.SAME_AREA: 1.0,
}
RANGE_PENALTY_PER_MILE = 3.0
RANGE_PENALTY_MAX = 12.0
RANGE_NEARNESS_PENALTY = 4.0
#: Something that comes to the person (home visits, calls, deliveries) needs no travel;
#: it counts for more with mobility needs or for someone who says they are housebound.
NO_TRAVEL_POINTS = 6.0
AT_HOME_POINTS = 14.0
HOUSEBOUND_PENALTY = 12.0
ACCESS_POINTS = 5.0
ACCESS_PARTIAL_POINTS = 1.0
ACCESS_MISSING_PENALTY = 8.0
JOIN_POINTS = 3.0
DROP_IN_POINTS = 2.0
FREE_POINTS = 2.0
FREE_FOR_LIMIT_POINTS = 2.0
LOW_COST_PENALTY = 4.0
PAID_PENALTY = 12.0  # paid, for someone who can only manage free things
PAID_OVER_LOW_PENALTY = 8.0  # paid, for someone who can manage a little
#: Aimed at a group (carers, people with dementia...) the person is not known to be in,
#: by its eligibility, or only by its tags.
TARGETED_PENALTY = 10.0
TAG_TARGETED_PENALTY = 5.0
WAITING_PENALTY = 3.0
STALE_PENALTY = 3.0
NEVER_VERIFIED_PENALTY = 4.0
#: Checked within RECENT_DAYS: a listing people can trust.
RECENT_POINTS = 2.0
RECENT_DAYS = 92
#: Each weekly time after the first: more chances to start, up to OFTEN_MAX.
OFTEN_POINTS = 1.0
OFTEN_MAX = 3.0
#: A fact that matters and is not known (gender not recorded for a group for one
#: gender, step-free not stated for someone who needs it, an eligibility they may not
#: meet): it stays, says what to check, and ranks below what is known to fit.
UNKNOWN_PENALTY = 15.0
#: Something the person's words say they do not want or can no longer do ("not keen on
#: talking groups", "can't read any more"); each further such word adds AGAINST_MORE.
AGAINST_PENALTY = 22.0
AGAINST_MORE = 6.0
#: A group, for someone who says they are not one for groups.
NOT_GROUPS_PENALTY = 10.0
#: Not in the language they need, when an interpreter or some English lets them go.
OTHER_LANGUAGE_PENALTY = 12.0
