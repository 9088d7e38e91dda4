"""Synthetic community assets for the benchmarks.

:func:`make_drafts` gives ``n`` :class:`~linkworker.domain.directory.AssetDraft`
objects whose words follow a realistic, skewed distribution: a few common words
(community, group, support, ...) turn up in most descriptions, a long tail of
rarer ones in a few. Categories come from 15, tags from a few dozen, every asset
has one location in a CH6x postcode district and one to three opening times.
The same ``n`` and ``seed`` always give the same drafts (ids included).

:func:`build_database` fills a new SQLite file through
:meth:`DirectoryService.add_many`, the path the importers and the demo take, so
the tables and the full-text index are exactly what the application writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import string
import uuid
from collections.abc import Callable
from pathlib import Path

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)

CATEGORIES = (
    "Physical activity",
    "Mental wellbeing",
    "Arts and crafts",
    "Music and singing",
    "Gardening and nature",
    "Money and debt advice",
    "Housing",
    "Food and cooking",
    "Learning and skills",
    "Volunteering",
    "Carers support",
    "Social groups",
    "Bereavement",
    "Employment",
    "Digital skills",
)

TAGS = (
    "older people", "young people", "men", "women", "carers", "dementia", "autism",
    "loneliness", "isolation", "low mood", "anxiety", "weight", "diabetes", "pain",
    "long covid", "veterans", "lgbtq", "refugees", "new parents", "families", "disability",
    "outdoors", "indoors", "evenings", "weekends", "online", "phone", "free lunch",
    "transport", "benefits", "energy bills", "food bank", "walking", "swimming", "yoga",
    "choir", "knitting", "allotment", "men's shed", "peer support",
)  # fmt: skip

#: Common words, most frequent first; a word's weight falls off as 1/rank (Zipf).
COMMON_WORDS = (
    "community", "group", "support", "people", "local", "friendly", "welcome", "weekly",
    "meet", "session", "centre", "cafe", "walking", "health", "wellbeing", "help", "free",
    "social", "activity", "club", "advice", "church", "hall", "library", "park", "older",
    "young", "family", "carers", "art", "music", "garden", "tea", "coffee", "chat", "new",
    "friends", "gentle", "exercise", "volunteers", "learn", "skills", "money", "food",
    "cooking", "singing", "craft", "knit", "dance", "yoga", "chair", "swim", "bowls",
    "football", "stroll", "nature", "bereavement", "mental", "confidence", "isolation",
    "lonely", "mums", "dads", "toddlers", "teenagers", "retired", "veterans", "men", "women",
    "drop", "appointment", "referral", "booking", "morning", "afternoon", "evening",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "time", "space",
    "quiet", "warm", "bus", "parking", "accessible", "wheelchair", "hearing", "sight",
    "dementia", "memory", "stroke", "diabetes", "heart", "breathing", "pain", "weight",
    "benefits", "debt", "housing", "energy", "bills", "employment", "work", "computer",
    "digital", "phone", "online", "reading", "writing", "history", "photography", "film",
)  # fmt: skip

#: Filler words that make descriptions read like descriptions.
FILLER = (
    "a", "and", "the", "for", "with", "in", "of", "to", "is", "our", "your", "all", "every",
    "at", "on", "who", "are", "can", "we", "you",
)  # fmt: skip

#: Rare but real words (each appears in a handful of assets).
RARE_WORDS = (
    "pilates", "tai", "chi", "zumba", "ukulele", "crochet", "origami", "calligraphy",
    "beekeeping", "orienteering", "birdwatching", "kintsugi", "quilting", "pottery",
    "woodturning", "bellringing", "archery", "canoeing", "geocaching", "mindfulness",
    "reminiscence", "aphasia", "parkinsons", "fibromyalgia", "menopause", "tinnitus",
    "macular", "ostomy", "lymphoedema", "hoarding", "gambling", "sobriety", "allotmenteers",
    "repair", "bicycle", "scrabble", "chess", "bridge", "dominoes", "bingo", "karaoke",
    "ceilidh", "samba", "gospel", "harmonica", "watercolour", "sketching", "lacemaking",
    "genealogy", "astronomy", "ramblers", "nordic", "boccia", "badminton", "petanque",
    "foraging", "composting", "seedswap", "upcycling", "sewing", "tapestry", "mosaic",
)  # fmt: skip

ACTIVITIES = (
    "Walking", "Chair Yoga", "Knit and Natter", "Men's Shed", "Singing", "Gardening",
    "Memory Cafe", "Coffee Morning", "Bereavement", "Money Advice", "Cooking", "Art",
    "Carers", "Warm Space", "Book", "Digital Help", "Dance", "Swimming", "Bowls", "Football",
    "Craft", "Photography", "History", "Tea Dance", "Stroke", "Breathe Easy", "Parent and Toddler",
)  # fmt: skip
KINDS = ("Group", "Club", "Cafe", "Session", "Drop-in", "Circle", "Network", "Project", "Hub")

TOWNS = {
    "CH61": ("Pensby", "Thingwall", "Irby"),
    "CH62": ("Bromborough", "Eastham", "Port Sunlight"),
    "CH63": ("Bebington", "Spital", "Higher Bebington"),
    "CH64": ("Neston", "Parkgate", "Willaston"),
    "CH65": ("Ellesmere Port", "Whitby", "Great Sutton"),
    "CH66": ("Little Sutton", "Childer Thornton", "Overpool"),
}
PLACES = ("Community Centre", "Library", "Methodist Church", "Village Hall", "Leisure Centre",
          "Health Centre", "Park Pavilion", "Scout Hut", "Sports Club", "Civic Hall")  # fmt: skip
STREETS = ("Church Road", "High Street", "Station Road", "Chester Road", "Park Lane",
           "Mill Lane", "School Lane", "Victoria Road", "Queen Street", "Marina Drive")  # fmt: skip
ORG_SUFFIX = ("Trust", "CIC", "Charity", "Partnership", "Association", "Friends", "Network")

# The inward code's unit letters exclude C I K M O V.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_VERIFIED_BASE = dt.date(2025, 6, 30)

#: The share of assets :func:`build_database` archives afterwards.
ARCHIVED_SHARE = 0.03


def _zipf_weights(n: int, offset: float = 10.0) -> list[float]:
    """Zipf-Mandelbrot weights: rank r gets 1/(r + offset), a flatter head than plain Zipf.

    With the shares in :func:`_description` the most common word ("community")
    is in about 40% of descriptions, the tenth in about 25%, the last in about 5%.
    """
    return [1.0 / (rank + 1 + offset) for rank in range(n)]


def _rare_word(rng: random.Random) -> str:
    """A rare word: from the list, or a made-up one (a place or a person's name, say)."""
    if rng.random() < 0.5:
        return rng.choice(RARE_WORDS)
    return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9)))


def _description(rng: random.Random, weights: list[float]) -> str:
    words: list[str] = []
    for _ in range(rng.randint(12, 45)):
        roll = rng.random()
        if roll < 0.40:
            words.append(rng.choice(FILLER))
        elif roll < 0.95:
            words.append(rng.choices(COMMON_WORDS, weights)[0])
        else:
            words.append(_rare_word(rng))
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _postcode(rng: random.Random) -> tuple[str, str]:
    district = rng.choice(tuple(TOWNS))
    unit = "".join(rng.choices(_UNIT_LETTERS, k=2))
    return district, f"{district} {rng.randint(1, 9)}{unit}"


def _opening_times(rng: random.Random) -> tuple[OpeningTime, ...]:
    slots = []
    for day in sorted(rng.sample(list(Day), rng.randint(1, 3))):
        hour = rng.randint(9, 19)
        starts = dt.time(hour, rng.choice((0, 15, 30)))
        ends = dt.time(min(hour + rng.randint(1, 3), 23), starts.minute)
        note = rng.choice(("", "", "", "term time only", "not bank holidays"))
        slots.append(OpeningTime(day=day, starts=starts, ends=ends, note=note))
    return tuple(slots)


def _draft(rng: random.Random, weights: list[float], organisations: list[str]) -> AssetDraft:
    district, postcode = _postcode(rng)
    town = rng.choice(TOWNS[district])
    activity = rng.choice(ACTIVITIES)
    name = f"{town} {activity} {rng.choice(KINDS)}"
    if rng.random() < 0.15:
        name = f"{name} ({_rare_word(rng).capitalize()})"
    categories = tuple(rng.sample(CATEGORIES, rng.choices((1, 2, 3), (6, 3, 1))[0]))
    tags = tuple(rng.sample(TAGS, rng.randint(0, 4)))
    location = Location(
        name=f"{town} {rng.choice(PLACES)}",
        address=f"{rng.randint(1, 250)} {rng.choice(STREETS)}",
        town=town,
        postcode=postcode,
    )
    return AssetDraft(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        name=name,
        organisation=rng.choice(organisations) if rng.random() < 0.8 else "",
        description=_description(rng, weights),
        categories=categories,
        tags=tags,
        cost=rng.choices(list(Cost), (7, 2, 1))[0],
        join_mode=rng.choices(list(JoinMode), (5, 3, 2))[0],
        status=rng.choices(list(AssetStatus), (18, 1, 1))[0],
        phone=f"0151 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        locations=(location,),
        opening_times=_opening_times(rng),
        last_verified_on=(
            None if rng.random() < 0.1 else _VERIFIED_BASE - dt.timedelta(days=rng.randint(0, 900))
        ),
        verified_by=rng.choice(("", "AB", "CD", "EF")),
    )


def make_drafts(n: int, seed: int = 1) -> list[AssetDraft]:
    """``n`` synthetic assets, the same every time for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    weights = _zipf_weights(len(COMMON_WORDS))
    organisations = [
        f"{rng.choice(tuple(itertools.chain(*TOWNS.values())))} "
        f"{rng.choice(COMMON_WORDS).capitalize()} {rng.choice(ORG_SUFFIX)}"
        for _ in range(max(10, n // 20))
    ]
    return [_draft(rng, weights, organisations) for _ in range(n)]


def build_database(
    path: Path,
    n: int,
    seed: int = 1,
    *,
    batch: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Create a new SQLite file at ``path`` holding ``n`` synthetic assets; returns ``path``.

    Assets go in through :meth:`DirectoryService.add_many` in batches of
    ``batch`` (one transaction each), so the full-text index is the real one;
    then :data:`ARCHIVED_SHARE` of them are archived through the service.
    Nothing the application does not do is run afterwards (no ANALYZE, no FTS
    'optimize'), so the file is what a user's would be after an import.
    """
    from linkworker.data.database import open_database
    from linkworker.data.unit_of_work import UnitsOfWork
    from linkworker.services.directory import DirectoryService

    if path.exists():
        raise FileExistsError(path)
    db = open_database(path, path.parent / "backups")
    try:
        service = DirectoryService(UnitsOfWork(db))
        drafts = make_drafts(n, seed)
        for start in range(0, n, batch):
            service.add_many(drafts[start : start + batch])
            if progress:
                progress(min(start + batch, n), n)
        # A few listings have closed for good and been archived, as in a real directory.
        picker = random.Random(seed + 1)
        for draft in drafts:
            if draft.id is not None and picker.random() < ARCHIVED_SHARE:
                service.archive(draft.id)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return path
