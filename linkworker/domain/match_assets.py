"""What the ranking needs to know about one community asset, worked out once.

:func:`digest` reads an :class:`AssetFacts` into an :class:`AssetDigest`: its words
as stems with the field they came from, the kinds of thing it is, the groups it is
aimed at, its weekly times by part of the day, where it is, and short texts for
reasons. None of it depends on the person, so it is cached: the matching service
reads the same assets again for the next person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from linkworker.domain.geo import postcode_parts
from linkworker.domain.match_words import content_words, fold, stem, stem_sequence, tokens
from linkworker.domain.matching import AssetFacts, AssetPlace, PartOfDay
from linkworker.domain.opening_times import slot_words, summarise_times

#: How much a word counts by where the asset says it.
TAG_WEIGHT = 1.0
CATEGORY_WEIGHT = 0.7  # broad: "Walking and exercise" covers chair exercise and swimming
NAME_WEIGHT = 0.85
TEXT_WEIGHT = 0.55  # description and eligibility

#: Groups an asset can be aimed at: name -> (plain label, words that name it). When an
#: asset's eligibility or tags name one, the person should be in it, by their words,
#: referral reasons, age, access needs or being a carer.
TARGET_GROUPS: dict[str, tuple[str, str]] = {
    "dementia": ("people living with dementia", "dementia, memory, alzheimers"),
    "carers": ("carers", "carer, carers, caring"),
    "parents": (
        "parents and children",
        "parent, parents, children, child, baby, babies, toddler, toddlers, kids",
    ),
    "mental health": (
        "people with anxiety or low mood",
        "anxiety, anxious, depression, mental, mood, stress",
    ),
    "bereavement": (
        "bereaved people",
        "bereaved, bereavement, grief, grieving, widow, widowed, widower, widows",
    ),
    "lung conditions": ("people with lung conditions", "lung, lungs, copd, breathing, breath"),
    "sight loss": ("people with sight loss", "blind, sight, sighted"),
    "deafness": ("Deaf people", "deaf"),
    "disability": ("disabled people", "disabled, disability, wheelchair"),
    # Not "recovery": getting back on your feet after an illness is recovery too.
    "addiction": ("people in recovery from addiction", "addiction, alcohol, drugs, substance"),
    "older people": ("older people", "older, elderly, pensioners"),
    "living alone": ("people living alone", "alone"),
    "young people": ("young people", "young, youth, teenagers"),
    "housebound": ("people who cannot get out", "housebound"),
    "stroke": ("stroke survivors", "stroke"),
    "parkinsons": ("people with Parkinson's", "parkinsons, parkinson"),
    "diabetes": ("people with diabetes", "diabetes"),
    "pain": ("people living with pain", "pain"),
    "falls": ("people who have had a fall", "fall, falls, falling"),
    "new arrivals": (
        "people new to the country",
        "refugee, refugees, asylum, newcomers, migrants, arrivals",
    ),
}
#: Groups the person is known to be in or not only by their age.
AGE_GROUPS = frozenset({"older people", "young people"})
#: Groups a record seldom says a person is in even when they are (living alone, a fall):
#: not being named in one is not knowing they are not.
SELDOM_RECORDED_GROUPS = frozenset({"living alone", "housebound", "pain", "falls"})
#: Named beside another group ("... and their carers"), carers are welcome as well,
#: not required.
ALSO_WELCOME_GROUPS = frozenset({"carers"})
#: Categories or tags of something for carers.
CARERS_KINDS = frozenset({"carers", "carer"})
GROUP_STEMS: dict[str, frozenset[str]] = {
    group: frozenset(stem(t) for t in tokens(words)) for group, (_, words) in TARGET_GROUPS.items()
}
#: Eligibility wording that limits who can go even when no group above is named
#: (besides starting "For ...").
RESTRICTION_MARKERS = (
    "only",
    "aged",
    "referral",
    "referred",
    "voucher",
    "patients",
    "households",
    "licence",
)

#: Opening-time notes for something less often than weekly, or at a time agreed with you.
NOT_WEEKLY_WORDS = ("month", "fortnight", "first", "second", "third", "fourth", "last")
ARRANGED_WORDS = ("arrangement", "arranged", "appointment", "flexible", "you choose", "agreed")
#: Tags and description phrases of something that comes to the person.
AT_HOME_TAGS = frozenset({"home visits", "phone calls", "housebound"})
AT_HOME_PHRASES = tuple(
    stem_sequence(p)
    for p in ("at home", "your home", "your door", "own home", "by phone", "phone call")
)
#: What says an asset is not step-free ("no steps" says it is).
NOT_STEP_FREE = re.compile(
    r"\b(?:no step[- ]?free|not step[- ]?free|no level access|no lift|not wheelchair"
    r"|no wheelchair|not accessible|inaccessible|(?:steps?|stairs?) (?:up|down|to|at|into|only)"
    r"|(?:up|down) (?:the )?(?:steps|stairs)|upstairs|stairs only|no ramp|uneven (?:ground|paths?)"
    r"|rough ground|steep (?:paths?|slopes?)"
    # Surfaces a wheelchair cannot cross are no level access either.
    r"|gravel (?:paths?|drives?|tracks?)|grass paths?|cobbled|cobbles)\b"
)
#: What says there is a way up all the same ("upstairs, with a lift").
WAY_UP = re.compile(r"\b(?:lift|lifts|ramp|ramped|stairlift)\b")
NO_WAY_UP = re.compile(r"\bno (?:lift|ramp)\b|\blift (?:is )?(?:out of order|broken)\b")
#: What says an asset is reached or given by voice call alone, and what says it is not.
BY_PHONE = re.compile(r"\b(?:phone|telephone|helpline|by phone|calls?)\b")
NOT_ONLY_PHONE = re.compile(
    r"\b(?:text|texts|sms|email|e-mail|online|video|zoom|webchat|web chat|whatsapp"
    r"|letter|letters|in person|visit|visits|face to face|drop in|drop-in)\b"
)
#: Eligibility wording that welcomes others besides the group it names.
WELCOMES_OTHERS = re.compile(
    # "anyone who has lost someone" still names who it is for; "anyone welcome" does not.
    r"\b(?:all|anyone|everyone)\b(?!\s+(?:who|that|with|living|affected|caring|aged)\b)"
    r"|\b(?:welcome|especially|particularly|including|priority|mainly)\b"
)
#: Eligibility wording that names a group in other words, read as the group's own word.
GROUP_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Not "recovery" alone: getting back on your feet after an illness is recovery too.
    (re.compile(r"\b(?:in|seeking|in or seeking)\s+recovery\b", re.IGNORECASE), "addiction"),
    (
        re.compile(
            r"\blost\s+(?:someone|somebody|a\s+loved\s+one|a\s+(?:husband|wife|partner))\b"
            r"|\bsomeone\s+(?:close\s+)?(?:who\s+)?(?:has\s+)?died\b",
            re.IGNORECASE,
        ),
        "bereaved",
    ),
)
GROUP_WORDS_ASSET = re.compile(r"\b(?:group|groups|club|class|classes|circle|choir|team)\b")
ONE_TO_ONE = re.compile(r"\b(?:one[- ]to[- ]one|1[- ]to[- ]1|1:1|individual|befriend\w*)\b")
#: What an asset may not say, in words for a concern.
MISSING_TIMES = "no times listed"
MISSING_PLACE = "no place given"
MISSING_KIND = "no kind of help given"
GIVING_KIND = "volunteering"
BEFRIENDING_KIND = "befriending"
#: A lower age limit from this age makes an age band worth mentioning; 16 or 18 does not.
AGE_BAND_FROM = 50


def kind_key(text: str) -> str:
    """A category, tag or language as compared: folded, single-spaced."""
    return " ".join(fold(text).split())


def language_key(language: str) -> str:
    key = kind_key(language)
    return "british sign language" if key == "bsl" else key


def lower_first(text: str) -> str:
    """'A food voucher.' -> 'a food voucher'; 'GP surgery' and 'CH65' stay as they are."""
    text = " ".join(text.split()).rstrip(".")
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def part_of(time: dt.time) -> PartOfDay:
    if time.hour < 12:
        return PartOfDay.MORNING
    return PartOfDay.AFTERNOON if time.hour < 17 else PartOfDay.EVENING


@dataclass(frozen=True, slots=True)
class Slot:
    """A weekly time: its day, its part of the day (None without a start) and words."""

    day: int
    part: PartOfDay | None
    #: "Tuesdays 10:00", or "Tuesdays" without a start
    words: str
    #: when it starts, in hours after midnight (None without a start)
    hour: float | None = None


@dataclass(frozen=True, slots=True)
class AssetText:
    """What an asset's words say."""

    #: stem -> (weight of the field it is in, the word or tag as written there)
    terms: dict[str, tuple[float, str]]
    stems: frozenset[str]
    #: (stem sequence, tag, its stems) for tags of more than one word
    phrases: tuple[tuple[str, str, frozenset[str]], ...]
    #: categories and tags, folded, for the reason-kinds table
    kinds: frozenset[str]
    #: groups the eligibility is aimed at, and further ones only the tags name
    groups: frozenset[str]
    tag_groups: frozenset[str]
    #: the eligibility limits who can go
    restricted: bool
    #: it names groups and no one else: "for carers only", not "carers especially welcome"
    strict: bool
    at_home_words: bool
    giving: bool
    befriending: bool
    #: what it is, for variety: its first category other than volunteering
    main_kind: str


@dataclass(frozen=True, slots=True)
class AssetDigest:
    """Everything about one asset the rules read, in the form they read it."""

    text: AssetText
    #: its name, case-folded, to put assets with the same score in order
    name_key: str
    slots: tuple[Slot, ...]
    #: some of its times are agreed with the person ("by arrangement")
    arranged: bool
    #: how many of its slots are weekly
    weekly: int
    #: "Tue 10:00, Thu 14:00": its weekly slots, for a concern; and all its times
    runs: str
    when: str
    #: places that say where they are, with their (area, district, sector)
    places: tuple[AssetPlace, ...]
    #: their postcode areas ("CH"), districts ("CH65") and sectors ("CH65 2")
    areas: frozenset[str]
    districts: frozenset[str]
    sectors: frozenset[str]
    #: nowhere to go to: it comes to the person (home visits, calls, deliveries)
    comes_to_you: bool
    features: frozenset[str]
    languages: frozenset[str]
    #: "16 to 25" or "60 and over" for an age band, else ""
    band: str
    #: "women" or "men" when it says it is for them only, else ""
    only_for: str
    #: its words say it is not step-free (stairs, no lift)
    not_step_free: bool
    #: reached or given by voice call and nothing else
    phone_only: bool
    #: a group, club or class, not one-to-one
    group_based: bool
    #: a free option, by its cost note ("free for carers", "first session free")
    free_option: bool
    #: what it does not say: "no times listed", "no place given", "no kind of help given"
    missing: tuple[str, ...]
    #: some of its times are words only ("by appointment"): when it runs is not all known
    times_in_words: bool
    #: any of: languages, an age band, limits on who can go, groups it is aimed at
    has_who: bool
    eligibility: str
    cost_note: str
    capacity: str


def asset_text(
    name: str,
    description: str,
    categories: tuple[str, ...],
    tags: tuple[str, ...],
    eligibility: str,
) -> AssetText:
    terms: dict[str, tuple[float, str]] = {}

    def add(text: str, weight: float, whole: str = "") -> None:
        for word_stem, word in content_words(text):
            known = terms.get(word_stem)
            if known is None or known[0] < weight:
                terms[word_stem] = (weight, whole or word)

    # A tag is quoted whole in a reason: "mental health", not "mental".
    for label in tags:
        add(label, TAG_WEIGHT, kind_key(label) if len(label) <= 30 else "")
    for label in categories:
        add(label, CATEGORY_WEIGHT, kind_key(label) if len(label) <= 30 else "")
    add(name, NAME_WEIGHT)
    add(description, TEXT_WEIGHT)
    add(eligibility, TEXT_WEIGHT)
    kinds = frozenset(kind_key(k) for k in (*categories, *tags) if k.strip())
    phrases = tuple(
        (stem_sequence(tag), kind_key(tag), frozenset(stem_sequence(tag).split()))
        for tag in tags
        if len(tokens(tag)) > 1
    )
    eligibility = who_can_go(eligibility)
    eligible = frozenset(stem(t) for t in tokens(eligibility))
    groups = frozenset(g for g, stems in GROUP_STEMS.items() if stems & eligible)
    tagged = frozenset(stem(t) for tag in tags for t in tokens(tag))
    tag_groups = frozenset(g for g, stems in GROUP_STEMS.items() if stems & tagged) - groups
    folded = " " + fold(eligibility).strip()
    restricted = (
        bool(groups)
        or folded.startswith(" for ")
        or any(marker in folded for marker in RESTRICTION_MARKERS)
    )
    strict = bool(groups) and not WELCOMES_OTHERS.search(folded)
    described = stem_sequence(description)
    main = next(
        (kind_key(c) for c in categories if kind_key(c) not in ("", GIVING_KIND)),
        kind_key(categories[0]) if categories else "",
    )
    return AssetText(
        terms=terms,
        stems=frozenset(terms),
        phrases=phrases,
        kinds=kinds,
        groups=groups,
        tag_groups=tag_groups,
        restricted=restricted,
        strict=strict,
        at_home_words=bool(kinds & AT_HOME_TAGS) or any(p in described for p in AT_HOME_PHRASES),
        giving=GIVING_KIND in kinds,
        befriending=BEFRIENDING_KIND in kinds,
        main_kind=main,
    )


def _not_step_free(words: str) -> bool:
    """Whether an asset's folded words say it has steps or stairs and no way round them."""
    words = words.replace("no steps", "")
    if not NOT_STEP_FREE.search(words):
        return False
    return bool(NO_WAY_UP.search(words)) or not WAY_UP.search(words)


def who_can_go(eligibility: str) -> str:
    """The eligibility without the access notes an import adds to it ("Access: ..."),
    with a group said in other words ("people in recovery") named by its own word."""
    if "access:" in eligibility.casefold():
        lines = eligibility.splitlines()
        eligibility = "\n".join(
            line for line in lines if not line.strip().casefold().startswith("access:")
        )
    for phrase, group_word in GROUP_PHRASES:
        eligibility = phrase.sub(rf"\g<0> ({group_word})", eligibility)
    return eligibility


def _band(age_min: int | None, age_max: int | None) -> str:
    """'16 to 25', 'up to 25' or '60 and over'; '' for no limits, or only an adult one."""
    if age_max is not None:
        return f"{age_min} to {age_max}" if age_min else f"up to {age_max}"
    if age_min is not None and age_min >= AGE_BAND_FROM:
        return f"{age_min} and over"
    return ""


# Digests by asset id, each with the facts it was made from: an asset read again with
# the same facts (the next person's suggestions) is not digested again.
#: How many digests a :class:`DigestCache` keeps before it starts again.
DIGESTS_KEPT = 50_000


class DigestCache:
    """Digests of assets kept while their facts stay the same.

    Whoever ranks many times (the matching service, for the life of the app)
    holds one and passes it to :func:`~linkworker.domain.match_scoring.rank`,
    so an asset read again unchanged is not worked out again. Nothing is kept
    at module level: two holders never share, and a test starts empty.
    """

    def __init__(self, kept: int = DIGESTS_KEPT) -> None:
        self._kept = kept
        self._digests: dict[int, tuple[AssetFacts, AssetDigest]] = {}

    def __len__(self) -> int:
        return len(self._digests)

    def get(self, asset: AssetFacts) -> AssetDigest:
        """The asset's digest: kept from before if its facts are the same, else made now."""
        key = asset.id.int
        known = self._digests.get(key)
        if known is not None and known[0] == asset:
            return known[1]
        made = digest(asset)
        if len(self._digests) >= self._kept:
            self._digests.clear()
        self._digests[key] = (asset, made)
        return made


# Groups for women only or men only. "Men and women welcome" names both, so neither.
_BOTH = re.compile(r"\b(men and women|women and men|everyone|all genders)\b")
_WOMEN = re.compile(r"\b(for women|women only|women and girls|women's|womens|ladies|sisters')")
_MEN = re.compile(r"\b(for men|men only|men's|mens|dads|fathers|male carers|gents)\b")


def single_sex(name: str, eligibility: str) -> str:
    """ "women" or "men" when an asset's name or eligibility says it is for them only."""
    said = f"{name} {eligibility}".casefold().replace("\u2019", "'")
    if _BOTH.search(said):
        return ""
    women, men = bool(_WOMEN.search(said)), bool(_MEN.search(said))
    return "women" if women and not men else "men" if men and not women else ""


def gender_group(gender: str) -> str:
    """ "women" or "men" for a clearly recorded gender, else "" (not known, or neither)."""
    said = " ".join(gender.casefold().split())
    if said in ("f", "female", "woman", "girl") or said.startswith(("female ", "woman ")):
        return "women"
    if said in ("m", "male", "man", "boy") or said.startswith(("male ", "man ")):
        return "men"
    return ""


def digest(asset: AssetFacts) -> AssetDigest:
    """The asset as the rules read it: its words, times, places, who it is for."""
    text = asset_text(
        asset.name, asset.description, asset.categories, asset.tags, asset.eligibility
    )
    dated = sorted(
        (s for s in asset.opening_times if s.day is not None),
        key=lambda s: (int(s.day or 0), s.starts or dt.time(0)),
    )
    slots = tuple(
        Slot(
            day=int(s.day),
            part=part_of(s.starts) if s.starts is not None else None,
            words=slot_words(s),
            hour=s.starts.hour + s.starts.minute / 60 if s.starts is not None else None,
        )
        for s in dated
        if s.day is not None
    )
    notes = [fold(s.note) for s in asset.opening_times]
    weekly = sum(
        1
        for s, note in zip(asset.opening_times, notes, strict=True)
        if s.day is not None and not any(w in note for w in NOT_WEEKLY_WORDS)
    )
    band = _band(asset.age_min, asset.age_max)
    places = tuple(p for p in asset.places if p.point is not None or p.postcode.strip())
    words = fold(" ".join((asset.name, asset.description, *asset.tags, *asset.categories)))
    access_words = fold(" ".join((asset.description, asset.eligibility, *asset.accessibility)))
    comes_to_you = not places and text.at_home_words
    missing: list[str] = []
    if not asset.opening_times:
        missing.append(MISSING_TIMES)
    if not places and not comes_to_you and "online" not in text.kinds:
        missing.append(MISSING_PLACE)
    if not asset.categories:
        missing.append(MISSING_KIND)
    parts = [postcode_parts(p.postcode) for p in places]
    return AssetDigest(
        text=text,
        name_key=asset.name.casefold(),
        slots=slots,
        arranged=any(w in note for note in notes for w in ARRANGED_WORDS),
        weekly=weekly,
        runs=summarise_times(dated, most=2, width=120),
        when=summarise_times(asset.opening_times, most=4, width=120),
        places=places,
        areas=frozenset(a for a, _, _ in parts if a),
        districts=frozenset(d for _, d, _ in parts if d),
        sectors=frozenset(s for _, _, s in parts if s),
        comes_to_you=comes_to_you,
        features=frozenset(asset.accessibility),
        languages=frozenset(language_key(lang) for lang in asset.languages if lang.strip()),
        band=band,
        only_for=single_sex(asset.name, asset.eligibility),
        not_step_free="step_free" not in asset.accessibility and _not_step_free(access_words),
        phone_only=not places and bool(BY_PHONE.search(words)) and not NOT_ONLY_PHONE.search(words),
        group_based=bool(GROUP_WORDS_ASSET.search(words)) and not ONE_TO_ONE.search(words),
        free_option="free" in fold(asset.cost_note),
        missing=tuple(missing),
        times_in_words=any(s.day is None for s in asset.opening_times),
        has_who=bool(asset.languages or band or text.restricted or text.groups or text.tag_groups),
        eligibility=lower_first(asset.eligibility),
        cost_note=lower_first(asset.cost_note),
        capacity=lower_first(asset.capacity_note),
    )
