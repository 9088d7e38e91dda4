"""Invented people, and the assets from the sample directory a link worker would suggest.

Each vignette is a :class:`MatchProfile` as the matching service would build it from
the person's record, and the five assets of ``resources/sample_directory.json`` that
a thoughtful link worker, reading the directory, would put in their top five for that
person. The lists were written from the directory, not from the ranking's output.

Used by ``tests/unit/test_match_vignettes.py`` and ``bench/match_quality.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from linkworker.domain.directory import Cost, Day
from linkworker.domain.match_scoring import rank
from linkworker.domain.matching import (
    AssetFacts,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PartOfDay,
    PersonWords,
    RankOptions,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import AccessNeed
from linkworker.services.sample_data import load_sample_drafts

TODAY = dt.date(2026, 6, 1)
#: Sample assets get ids derived from their names, so a vignette can name them.
ASSET_NAMESPACE = uuid.UUID("6f1c3a52-3b7e-4d55-9a4e-2f0c8d1e7b10")

WEEKDAYS = (Day.MONDAY, Day.TUESDAY, Day.WEDNESDAY, Day.THURSDAY, Day.FRIDAY)


def asset_id(name: str) -> uuid.UUID:
    return uuid.uuid5(ASSET_NAMESPACE, name)


@functools.cache
def sample_assets() -> tuple[AssetFacts, ...]:
    """The shipped sample directory as the ranking sees it, verified relative to TODAY."""
    return tuple(
        AssetFacts.from_draft(asset_id(draft.name), draft) for draft in load_sample_drafts(TODAY)
    )


def free(days: Sequence[Day], *parts: PartOfDay) -> tuple[FreeTime, ...]:
    return tuple(FreeTime(day, part) for day in days for part in parts)


def said(source: WordSource, *texts: str) -> tuple[PersonWords, ...]:
    return tuple(PersonWords(source, text) for text in texts)


@dataclass(frozen=True)
class Vignette:
    key: str
    summary: str
    profile: MatchProfile
    #: The link worker's top five, by asset name.
    relevant: tuple[str, ...]


def _person(key: str) -> uuid.UUID:
    return uuid.uuid5(ASSET_NAMESPACE, "person:" + key)


VIGNETTES: tuple[Vignette, ...] = (
    Vignette(
        key="arthur",
        summary="Widower, 78, lonely since his wife died; his knees made him give up his allotment",
        profile=MatchProfile(
            person_id=_person("arthur"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Getting out of the house. Since Jean died I don't see a soul some days.",
                    "I miss my allotment. Forty years I had it, till my knees gave up on me.",
                ),
                *said(
                    WordSource.ENJOY,
                    "Growing veg, the football on the radio, a pint with the lads on a Friday.",
                ),
                *said(WordSource.INTEREST, "gardening", "football"),
                *said(WordSource.STRENGTH, "knows a lot about growing vegetables", "patient"),
            ),
            reasons=("Loneliness", "Bereavement"),
            age=78,
            gender="Male",
            postcode="CH66 3PA",
            point=GeoPoint(53.2814, -2.9295),
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS[1:], PartOfDay.MORNING),
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Overpool Community Garden",
            "Whitby Lane Shared Allotment",
            "Community Garden Volunteer",
            "Bereavement Cafe",
            "Great Sutton Men's Shed",
        ),
    ),
    Vignette(
        key="kayleigh",
        summary="Young mum, 24, low mood and money worries, rarely leaves the flat",
        profile=MatchProfile(
            person_id=_person("kayleigh"),
            words=(
                *said(WordSource.WHAT_MATTERS, "Being a good mum to Alfie. Not crying every day."),
                *said(
                    WordSource.CHANGE,
                    "I never leave the flat except for nursery. I want to stop worrying about "
                    "money and the bills all the time.",
                ),
                *said(
                    WordSource.ENJOY,
                    "I used to love drawing and going out with my mates before I had the baby.",
                ),
                *said(WordSource.INTEREST, "drawing"),
                *said(WordSource.STRENGTH, "determined"),
            ),
            reasons=("Low mood", "Money or debt"),
            age=24,
            gender="Female",
            postcode="CH65 9QB",
            point=GeoPoint(53.2691, -2.8838),
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS, PartOfDay.MORNING, PartOfDay.AFTERNOON),
                cost_limit=Cost.FREE,
                join=JoinPreference.WITH_SOMEONE,
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Young Parents Buddy Scheme",
            "Port Money Advice",
            "Stanney Grange Stay and Chat",
            "Art for Wellbeing",
            "Benefits Drop-in",
        ),
    ),
    Vignette(
        key="tomasz",
        summary="Polish speaker, 45, needs an interpreter; out of work, wants better English",
        profile=MatchProfile(
            person_id=_person("tomasz"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Find work again. I was a welder for twenty years in Gdańsk.",
                    "Speak better English so I can talk to people here.",
                ),
                *said(WordSource.ENJOY, "Fishing, football, cooking for friends."),
                *said(WordSource.STRENGTH, "welding", "fixing cars"),
            ),
            reasons=("Employment", "Loneliness"),
            age=45,
            gender="Male",
            postcode="CH65 2DW",
            first_language="Polish",
            interpreter_needed=True,
            preferences=MatchPreferences(
                free_times=free((*WEEKDAYS, Day.SATURDAY), PartOfDay.MORNING),
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "English Conversation Club",
            "ESOL Classes (Entry Levels 1-3)",
            "Port Town Library",
            "Polish Community Saturday Club",
            "Port Money Advice",
        ),
    ),
    Vignette(
        key="maureen",
        summary="Carer, 71, for her husband who has dementia; exhausted, used to sing in a choir",
        profile=MatchProfile(
            person_id=_person("maureen"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Keeping Dennis at home with me for as long as I can, now his dementia is "
                    "getting worse.",
                    "A couple of hours to myself now and then without worrying about him.",
                ),
                *said(
                    WordSource.ENJOY,
                    "Singing. We were both in the church choir for years. A natter over a cup "
                    "of tea.",
                ),
                *said(WordSource.CHANGE, "I'm worn out and I've lost touch with my friends."),
                *said(WordSource.INTEREST, "singing"),
                *said(WordSource.STRENGTH, "patient", "good cook"),
            ),
            reasons=("Carer support", "Loneliness"),
            age=71,
            gender="Female",
            postcode="CH66 4JW",
            point=GeoPoint(53.2887, -2.9432),
            is_carer=True,
            preferences=MatchPreferences(
                free_times=(
                    FreeTime(Day.TUESDAY, PartOfDay.AFTERNOON),
                    FreeTime(Day.WEDNESDAY, PartOfDay.MORNING),
                    FreeTime(Day.THURSDAY, PartOfDay.EVENING),
                    FreeTime(Day.FRIDAY, PartOfDay.AFTERNOON),
                ),
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Sing and Remember",
            "Little Sutton Memory Cafe",
            "Dementia Companion Visits",
            "Sitting Service for Carers",
            "Dementia Carers Support Group",
        ),
    ),
    Vignette(
        key="gary",
        summary="Joiner, 54, out of work since the factory shut; good with his hands, low",
        profile=MatchProfile(
            person_id=_person("gary"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Getting back to work. I've been a joiner all my life and since the factory "
                    "shut I feel useless.",
                ),
                *said(
                    WordSource.ENJOY,
                    "Making things in the garage, fixing the neighbours' bits and bobs, fishing.",
                ),
                *said(WordSource.INTEREST, "woodwork", "DIY"),
                *said(WordSource.STRENGTH, "good with his hands", "joinery", "reliable"),
            ),
            reasons=("Employment", "Low mood"),
            age=54,
            gender="Male",
            postcode="CH65 3HF",
            point=GeoPoint(53.2769, -2.8946),
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS, PartOfDay.MORNING, PartOfDay.AFTERNOON),
                cost_limit=Cost.LOW_COST,
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Port Community Shed",
            "Jobs and Skills Club",
            "Repair Cafe Fixer",
            "Great Sutton Men's Shed",
            "Port Volunteer Centre",
        ),
    ),
    Vignette(
        key="edna",
        summary="Housebound, 86, after a hip operation; lonely, loves reading, needs large print",
        profile=MatchProfile(
            person_id=_person("edna"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "I can't get out any more since my hip. I'd like someone to talk to.",
                ),
                *said(WordSource.ENJOY, "Reading, murder mysteries especially, and the radio."),
                *said(WordSource.CHANGE, "I'm stuck in this chair on my own all day."),
                *said(WordSource.INTEREST, "reading"),
            ),
            reasons=("Loneliness", "Long-term condition"),
            age=86,
            gender="Female",
            postcode="CH65 6RE",
            point=GeoPoint(53.2737, -2.9046),
            access_needs=(AccessNeed.MOBILITY, AccessNeed.LARGE_PRINT),
            preferences=MatchPreferences(
                join=JoinPreference.WITH_SOMEONE, travel=TravelRange.WALKING
            ),
        ),
        relevant=(
            "Books to Your Door",
            "Port Friends Home Visiting",
            "Ring Round Friendship Calls",
            "Good Neighbours Shopping Help",
            "Port Dial-a-Ride",
        ),
    ),
    Vignette(
        key="linda",
        summary="Recently retired school secretary, 66, wants to do something useful",
        profile=MatchProfile(
            person_id=_person("linda"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Doing something useful now I've retired. I was a school secretary for "
                    "thirty years and I miss the people.",
                ),
                *said(WordSource.ENJOY, "Walking, reading, and baking for the grandchildren."),
                *said(WordSource.INTEREST, "walking", "reading"),
                *said(WordSource.STRENGTH, "organised", "good listener", "baking", "driving"),
            ),
            reasons=("Other",),
            age=66,
            gender="Female",
            postcode="CH66 1NE",
            point=GeoPoint(53.2936, -2.9147),
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS, PartOfDay.MORNING, PartOfDay.AFTERNOON),
                join=JoinPreference.DROP_IN,
                travel=TravelRange.ANYWHERE,
            ),
        ),
        relevant=(
            "Port Volunteer Centre",
            "Telephone Befriender Volunteer",
            "Walk Leader Volunteer",
            "Library Volunteer",
            "Volunteer Driver",
        ),
    ),
    Vignette(
        key="thin",
        summary="Almost nothing recorded: a postcode, no words, no reasons",
        profile=MatchProfile(person_id=_person("thin"), postcode="CH65 4QJ"),
        relevant=(
            "Westminster Road Community Hub Cafe",
            "Grange Drop-in Cafe",
            "Port Town Library",
            "Port Volunteer Centre",
            "Whitby Park Gentle Strollers",
        ),
    ),
    Vignette(
        key="jordan",
        summary="18, anxious, panic attacks on buses; likes gaming, drawing and music",
        profile=MatchProfile(
            person_id=_person("jordan"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Not feeling sick every time I leave the house. Maybe college or a job "
                    "one day.",
                ),
                *said(WordSource.ENJOY, "Gaming, drawing, music, taking my dog out."),
                *said(WordSource.CHANGE, "I get panic attacks on buses and in crowds."),
                *said(WordSource.INTEREST, "gaming", "drawing", "music"),
            ),
            reasons=("Anxiety",),
            age=18,
            postcode="CH65 6ZL",
            point=GeoPoint(53.2722, -2.9069),
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS, PartOfDay.AFTERNOON, PartOfDay.EVENING),
                join=JoinPreference.WITH_SOMEONE,
                travel=TravelRange.WALKING,
            ),
        ),
        relevant=(
            "Young People's Wellbeing Group",
            "Walk and Talk Buddies",
            "Art for Wellbeing",
            "Calm Together Anxiety Group",
            "Ukulele Strummers",
        ),
    ),
    Vignette(
        key="pat",
        summary="67, COPD, put on weight since she stopped work; likes bingo and a natter",
        profile=MatchProfile(
            person_id=_person("pat"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Being able to walk to the shops without stopping for breath. Keeping up "
                    "with my grandkids.",
                ),
                *said(WordSource.ENJOY, "Bingo, a good natter, my soaps."),
                *said(
                    WordSource.CHANGE,
                    "I get out of breath and I've put a lot of weight on since I stopped work.",
                ),
            ),
            reasons=("Long-term condition", "Physical activity", "Weight"),
            age=67,
            gender="Female",
            postcode="CH66 3SZ",
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS[:4], PartOfDay.AFTERNOON),
                cost_limit=Cost.LOW_COST,
                join=JoinPreference.DROP_IN,
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Better Breathing Club",
            "Chair-based Exercise",
            "Whitby Park Gentle Strollers",
            "Bingo and Natter",
            "Rivacre Valley Health Walk",
        ),
    ),
    Vignette(
        key="dean",
        summary="38, six months sober, behind on his rent, low",
        profile=MatchProfile(
            person_id=_person("dean"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Staying off the drink. Six months sober now.",
                    "Keeping my flat. I'm behind on the rent and the letters scare me.",
                ),
                *said(WordSource.ENJOY, "Pool, football, cooking a proper meal."),
                *said(WordSource.STRENGTH, "good cook", "honest"),
            ),
            reasons=("Housing", "Money or debt", "Low mood"),
            age=38,
            gender="Male",
            postcode="CH65 2XE",
            point=GeoPoint(53.2835, -2.8921),
            preferences=MatchPreferences(
                free_times=free(
                    (*WEEKDAYS, Day.SATURDAY, Day.SUNDAY), PartOfDay.AFTERNOON, PartOfDay.EVENING
                ),
                cost_limit=Cost.FREE,
                join=JoinPreference.DROP_IN,
                travel=TravelRange.WALKING,
            ),
        ),
        relevant=(
            "Housing Advice Surgery",
            "Recovery Cafe",
            "Port Money Advice",
            "Benefits Drop-in",
            "Men's Talking Circle",
        ),
    ),
    Vignette(
        key="samina",
        summary="35, Urdu speaker new to the area, wants friends and better English",
        profile=MatchProfile(
            person_id=_person("samina"),
            words=(
                *said(
                    WordSource.WHAT_MATTERS,
                    "Making friends here. We moved from Bradford last year and I don't know "
                    "anyone.",
                    "Improving my English so I can talk to the teachers at school.",
                ),
                *said(WordSource.ENJOY, "Cooking, sewing, walking in the park with the children."),
                *said(WordSource.STRENGTH, "sewing", "cooking for a crowd"),
            ),
            reasons=("Loneliness",),
            age=35,
            gender="Female",
            postcode="CH65 4EW",
            first_language="Urdu",
            preferences=MatchPreferences(
                free_times=free(WEEKDAYS, PartOfDay.MORNING),
                cost_limit=Cost.LOW_COST,
                travel=TravelRange.SHORT_TRIP,
            ),
        ),
        relevant=(
            "Sisters' Circle",
            "English Conversation Club",
            "Sew and Mend",
            "Port Islamic Centre Open Afternoon",
            "Knit and Natter",
        ),
    ),
)


def run(vignette: Vignette, limit: int = 20) -> MatchResult:
    return rank(vignette.profile, sample_assets(), RankOptions(limit=limit, today=TODAY))


def precision_at(k: int, ranked: Sequence[str], relevant: Sequence[str]) -> float:
    """Share of the first ``k`` names that are relevant."""
    wanted = set(relevant)
    return sum(1 for name in ranked[:k] if name in wanted) / k


def ndcg_at(k: int, ranked: Sequence[str], relevant: Sequence[str]) -> float:
    """Normalised discounted cumulative gain at ``k``, every relevant name worth 1."""
    wanted = set(relevant)
    gain = sum(1 / math.log2(i + 2) for i, name in enumerate(ranked[:k]) if name in wanted)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(wanted))))
    return gain / ideal if ideal else 0.0
