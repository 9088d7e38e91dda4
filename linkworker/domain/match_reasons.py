"""The rules that score one community asset for one person, each with its reasons in plain words.

:class:`PreparedProfile` does the per-person work once (stemming their words,
reading their preferences); :meth:`PreparedProfile.fit` then applies every rule
to one asset (as :mod:`linkworker.domain.match_assets` digested it) and returns a
:class:`Fit`: points, the reasons it suits them, and anything to check. The
points are the constants in :mod:`linkworker.domain.match_weights`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from linkworker.domain.dates import months_before, months_between
from linkworker.domain.directory import AssetStatus, Cost, JoinMode
from linkworker.domain.geo import Nearness, nearest_miles, postcode_parts
from linkworker.domain.match_assets import (
    ALSO_WELCOME_GROUPS,
    CARERS_KINDS,
    GROUP_STEMS,
    TARGET_GROUPS,
    AssetDigest,
    gender_group,
    kind_key,
    language_key,
    lower_first,
)
from linkworker.domain.match_weights import (
    ACCESS_MISSING_PENALTY,
    ACCESS_PARTIAL_POINTS,
    ACCESS_POINTS,
    AGE_GROUP_POINTS,
    AT_HOME_POINTS,
    BASE_POINTS,
    CARER_POINTS,
    DROP_IN_POINTS,
    FREE_FOR_LIMIT_POINTS,
    FREE_POINTS,
    HOUSEBOUND_PENALTY,
    INTERPRETER_LANGUAGE_POINTS,
    JOIN_POINTS,
    KIND_FLOOR,
    KIND_MORE,
    KIND_MORE_MAX,
    KIND_STEP,
    LANGUAGE_POINTS,
    LOW_COST_PENALTY,
    NEAR_MILES,
    NEAR_POINTS,
    NEARNESS_POINTS,
    NEVER_VERIFIED_PENALTY,
    NO_TRAVEL_POINTS,
    OFTEN_MAX,
    OFTEN_POINTS,
    PAID_OVER_LOW_PENALTY,
    PAID_PENALTY,
    PHRASE_FACTOR,
    RANGE_NEARNESS_PENALTY,
    RANGE_PENALTY_MAX,
    RANGE_PENALTY_PER_MILE,
    REASON_DECAY,
    REASON_KIND_POINTS,
    RECENT_DAYS,
    RECENT_POINTS,
    SOURCE_WEIGHTS,
    STALE_PENALTY,
    STRENGTH_GIVING_WEIGHT,
    SYNONYM_FACTOR,
    TAG_TARGETED_PENALTY,
    TARGETED_PENALTY,
    TIME_MISS_PENALTY,
    TIME_POINTS,
    WAITING_PENALTY,
    WORD_DECAY,
    WORD_MAX,
    WORD_POINTS,
    WORD_REASONS,
)
from linkworker.domain.match_words import (
    PHRASE_SYNONYMS,
    SYNONYMS,
    content_words,
    fold,
    stem,
    stem_sequence,
    tokens,
)
from linkworker.domain.matching import (
    ACCESS_NEED_FEATURES,
    AssetFacts,
    JoinPreference,
    MatchProfile,
    RankOptions,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import AccessNeed

# Wording --------------------------------------------------------------------------

_TAILS: dict[WordSource, str] = {
    WordSource.WHAT_MATTERS: "which matters to you",
    WordSource.ENJOY: "which you enjoy",
    WordSource.INTEREST: "one of your interests",
    WordSource.CHANGE: "which you'd like to change",
}
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
_MISSING_WORDS: dict[str, str] = {
    "step_free": "step-free access",
    "large_print": "large print materials",
}
_TRAVEL_WORDS: dict[TravelRange, str] = {
    TravelRange.WALKING: "walking distance",
    TravelRange.SHORT_TRIP: "a short bus ride",
}


@dataclass(frozen=True, slots=True)
class PersonTerm:
    """A stem the person's words give, how they said it, and how much it counts."""

    source: WordSource
    said: str
    weight: float
    #: Reached through the synonym table (the asset uses another word).
    synonym: bool = False


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
    distance_miles: float | None = None

    def say(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def warn(self, concern: str) -> None:
        if concern not in self.concerns:
            self.concerns.append(concern)


@dataclass(frozen=True, slots=True)
class _Said:
    """One of the person's words as it counts for a stem."""

    weight: float
    said: str
    source: WordSource
    synonym: bool
    #: ``said`` folded, to compare one asset's strongest word with another's
    key: str


def _strongest_first(hit: tuple[float, _Said, str]) -> tuple[float, str]:
    return (-hit[0], hit[1].said)


def _offer(table: dict[str, PersonTerm], word_stem: str, term: PersonTerm) -> None:
    known = table.get(word_stem)
    if known is None or term.weight > known.weight:
        table[word_stem] = term


def _quote(text: str) -> str:
    """A tag-like entry ("old films") is quoted whole; a long one is not."""
    clean = " ".join(text.split())
    return clean if 0 < len(clean) <= 40 else ""


def _miles(miles: float) -> str:
    return f"{max(miles, 0.1):.1f}" if miles < 10 else f"{miles:.0f}"


def _join_fit(join: JoinPreference | None, mode: JoinMode) -> tuple[float, str, str]:
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


def _cost_fit(limit: Cost | None, cost: Cost) -> tuple[float, str, str]:
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


# Enum members are slow to look up on their class, and these are looked up per asset.
_SAME_SECTOR, _SAME_DISTRICT = Nearness.SAME_SECTOR, Nearness.SAME_DISTRICT
_SAME_AREA, _OTHER_AREA = Nearness.SAME_AREA, Nearness.OTHER_AREA


def _near_fit(travel: TravelRange | None, nearness: Nearness) -> tuple[float, str, str]:
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


_ACTIVE = AssetStatus.ACTIVE


def is_running(asset: AssetFacts) -> bool:
    return asset.status is _ACTIVE


class PreparedProfile:
    """One person's profile, worked out once for ranking many assets."""

    def __init__(self, profile: MatchProfile, options: RankOptions) -> None:
        self.profile = profile
        self.options = options
        prefs = profile.preferences
        self.prefs = prefs
        self.is_carer = profile.is_carer
        self.terms: dict[str, PersonTerm] = {}
        self.strengths: dict[str, PersonTerm] = {}
        #: (source, what to quote, stem sequence) per entry, for tag phrases
        self.sequences: list[tuple[WordSource, str, str]] = []
        for words in profile.words:
            self._take(words.source, words.text)
        self.stems = frozenset(self.terms) | frozenset(self.strengths)
        #: every stem in their words, stop words too: a tag phrase needs all of its own
        self.said = frozenset(w for _, _, sequence in self.sequences for w in sequence.split())
        #: stem -> the person's word that counts most for it, for an asset to receive
        #: and for a way to give (where strengths count for more)
        self.receiving = {s: self._best(s, giving=False) for s in self.stems}
        self.giving = {s: self._best(s, giving=True) for s in self.stems}

        table = {kind_key(k): v for k, v in options.reason_kinds.items()}
        #: (referral reason, its kinds as keys) per reason; kind key -> [(reason, position)]
        self.kinds: list[tuple[str, tuple[str, ...]]] = []
        self.kind_index: dict[str, list[tuple[int, int]]] = {}
        self.kind_words: dict[str, str] = {}
        context = set(self.stems)
        for reason in dict.fromkeys(" ".join(r.split()) for r in profile.reasons):
            if not reason:
                continue
            keys: list[str] = []
            for kind in table.get(kind_key(reason), (reason,)):
                key = kind_key(kind)
                if key and key not in keys:
                    keys.append(key)
                    self.kind_words.setdefault(key, lower_first(kind))
                    self.kind_index.setdefault(key, []).append((len(self.kinds), len(keys) - 1))
            self.kinds.append((reason, tuple(keys)))
            context.update(stem(t) for t in tokens(reason))
        self.kind_keys = frozenset(self.kind_index)
        age = profile.age
        needs = profile.access_needs
        housebound = "housebound" in self.terms or AccessNeed.MOBILITY in needs
        # What else puts the person in a group an asset is aimed at (TARGET_GROUPS).
        known = {
            "carer": profile.is_carer,
            "older": age is not None and age >= 60,
            "young": age is not None and age <= 25,
            "disabled": AccessNeed.MOBILITY in needs,
            "blind": AccessNeed.SIGHT in needs,
            "deaf": AccessNeed.HEARING in needs,
            "housebound": housebound,
        }
        context.update(stem(word) for word, yes in known.items() if yes)
        #: the groups an asset can be aimed at that the person is in
        self.groups = frozenset(g for g, stems in GROUP_STEMS.items() if stems & context)
        self.housebound = "housebound" in self.terms
        self.stays_in = housebound

        self.language = language_key(profile.first_language)
        self.language_words = " ".join(profile.first_language.split())
        self.other_language = self.language not in ("", "english")
        self.free = frozenset((int(t.day), t.part) for t in prefs.free_times)
        self.free_days = frozenset(int(t.day) for t in prefs.free_times)
        parts = {t.part for t in prefs.free_times}
        self.free_words = (
            f"you said {next(iter(parts)).value}s suit you"
            if len(parts) == 1
            else "not when you said you are free"
        )
        self.avoid = frozenset(kind_key(c) for c in prefs.avoid_categories if c.strip())
        self.gender = gender_group(profile.gender)
        #: any hard limit besides status can apply to this person
        self.has_limits = bool(
            profile.age is not None
            or self.gender
            or (profile.interpreter_needed and self.other_language)
            or self.avoid
        )
        self.needs = tuple(dict.fromkeys(needs))
        self.parts = postcode_parts(profile.postcode)
        #: where the person lives is known, or that they cannot get out
        self.placed = bool(self.parts[0]) or profile.point is not None or self.housebound
        self.near_fit = {n: _near_fit(prefs.travel, n) for n in Nearness}
        self.join_fit = {mode: _join_fit(prefs.join, mode) for mode in JoinMode}
        self.with_someone = prefs.join is JoinPreference.WITH_SOMEONE
        self.cost_fit = {cost: _cost_fit(prefs.cost_limit, cost) for cost in Cost}
        self.recent_from = options.today - dt.timedelta(days=RECENT_DAYS)
        #: checked on or before this, it is more than ``stale_months`` months ago
        self.stale_from = months_before(options.today, options.stale_months + 1)
        self.range = prefs.travel.miles if prefs.travel is not None else None

    def _best(self, word_stem: str, giving: bool) -> _Said:
        best: _Said | None = None
        for term in (self.terms.get(word_stem), self.strengths.get(word_stem)):
            if term is None:
                continue
            weight = term.weight
            if giving and term.source is WordSource.STRENGTH:
                weight = STRENGTH_GIVING_WEIGHT * (weight / SOURCE_WEIGHTS[term.source])
            said = _Said(weight, term.said, term.source, term.synonym, fold(term.said))
            if best is None or (best.weight, best.said) < (weight, term.said):
                best = said
        assert best is not None
        return best

    def _take(self, source: WordSource, text: str) -> None:
        table = self.strengths if source is WordSource.STRENGTH else self.terms
        weight = SOURCE_WEIGHTS.get(source, 1.0)
        whole = _quote(text) if source in (WordSource.INTEREST, WordSource.STRENGTH) else ""
        for word_stem, word in content_words(text):
            said = whole or word
            _offer(table, word_stem, PersonTerm(source, said, weight))
            for other in SYNONYMS.get(word_stem, ()):
                _offer(table, other, PersonTerm(source, said, weight * SYNONYM_FACTOR, True))
        sequence = stem_sequence(text)
        for phrase, said, others in PHRASE_SYNONYMS:
            if phrase in sequence:
                for other in others:
                    term = PersonTerm(source, whole or said, weight * SYNONYM_FACTOR, True)
                    _offer(table, other, term)
        self.sequences.append((source, whole, sequence))

    # Hard limits ---------------------------------------------------------------

    def limit(self, asset: AssetFacts, d: AssetDigest) -> str | None:
        """Why the asset is out for this person (besides status and dismissal), or None."""
        age = self.profile.age
        if age is not None and (
            (asset.age_min is not None and age < asset.age_min)
            or (asset.age_max is not None and age > asset.age_max)
        ):
            return "outside the ages it is for"
        if (
            self.profile.interpreter_needed
            and self.other_language
            and d.languages
            and self.language not in d.languages
        ):
            return f"not offered in {self.language_words}"
        if self.avoid and self.avoid & d.text.kinds:
            return "a kind of thing they would rather avoid"
        if self.gender and d.only_for and d.only_for != self.gender:
            return f"for {d.only_for} only"
        return None

    # Scoring -------------------------------------------------------------------

    def fit(self, asset: AssetFacts, d: AssetDigest, explain: bool = True) -> Fit:
        """Score one asset (``d`` is its digest); with ``explain``, say why in words."""
        fit = Fit(explain)
        if self.stems:
            self._words(fit, d)
        if self.kind_index:
            self._kinds(fit, d)
        if self.is_carer and d.text.kinds & CARERS_KINDS:
            fit.points += CARER_POINTS
            if explain and not any("carer" in r for r in fit.reasons):
                fit.say("for carers")
        if d.has_who or self.other_language:
            self._who(fit, asset, d)
        if self.free:
            self._times(fit, d)
        if self.placed or d.comes_to_you:
            self._place(fit, d)
        if self.needs:
            self._access(fit, d)
        self._join_and_cost(fit, asset, d)
        self._checks(fit, asset, d)
        return fit

    def _words(self, fit: Fit, d: AssetDigest) -> None:
        # Each of the asset's words counts once, through the person's word that counts
        # most for it; then each thing the person said counts once, at its best.
        text = d.text
        # stem -> (points, what the person said, source, the asset's word when another)
        found: dict[str, tuple[float, _Said, str]] = {}
        for phrase, tag, phrase_stems in text.phrases:
            if not phrase_stems <= self.said:
                continue
            for source, whole, sequence in self.sequences:
                if phrase in sequence:
                    weight = SOURCE_WEIGHTS.get(source, 1.0) * PHRASE_FACTOR
                    said = _Said(weight, whole or tag, source, False, fold(whole or tag))
                    for word_stem in phrase.split():
                        found[word_stem] = (WORD_POINTS * weight, said, "")
                    break
        shared = self.stems & text.stems
        if not shared and not found:
            return
        table = self.giving if text.giving else self.receiving
        for word_stem in shared:
            if word_stem not in found:
                field_weight, written = text.terms[word_stem]
                said = table[word_stem]
                shown = written if said.synonym and written != said.said else ""
                found[word_stem] = (WORD_POINTS * said.weight * field_weight, said, shown)
        if len(found) == 1:
            ranked = list(found.values())
        else:
            # what the person said -> its best (points, said, shown); ties to the first stem
            best: dict[str, tuple[float, _Said, str]] = {}
            for word_stem in sorted(found):
                hit = found[word_stem]
                key = hit[1].said
                if key not in best or best[key][0] < hit[0]:
                    best[key] = hit
            ranked = sorted(best.values(), key=_strongest_first)
        fit.lead = ranked[0][1].key
        total, factor = 0.0, 1.0
        for hit in ranked:
            total += hit[0] * factor
            factor *= WORD_DECAY
        fit.points += min(WORD_MAX, total)
        fit.matched = True
        if fit.explain:
            for _, said, shown in ranked[:WORD_REASONS]:
                fit.say(self._reason(said.source, said.said, shown, text.giving))

    @staticmethod
    def _reason(source: WordSource, said: str, shown: str, giving: bool) -> str:
        if source is WordSource.STRENGTH:
            lead = "a way to use your strength" if giving else "uses your strength"
            return f"{lead}: {said}"
        mention = f"{shown} (you said {said})" if shown else said
        return f"mentions {mention}, {_TAILS.get(source, 'which you mentioned')}"

    def _kinds(self, fit: Fit, d: AssetDigest) -> None:
        hit = d.text.kinds & self.kind_keys
        if not hit:
            return
        # per referral reason: its first kind found (position, key) and how many found
        first: dict[int, tuple[int, str]] = {}
        count: dict[int, int] = {}
        for key in hit:
            for reason_at, position in self.kind_index[key]:
                count[reason_at] = count.get(reason_at, 0) + 1
                if reason_at not in first or first[reason_at] > (position, key):
                    first[reason_at] = (position, key)
        # A kind that answers two reasons counts once and says both:
        # "peer support, for anxiety and low mood".
        found: dict[str, tuple[float, list[int]]] = {}
        for reason_at in sorted(first):
            position, key = first[reason_at]
            points = REASON_KIND_POINTS * max(KIND_FLOOR, 1 - KIND_STEP * position)
            points *= min(KIND_MORE_MAX, 1 + KIND_MORE * (count[reason_at] - 1))
            known = found.setdefault(key, (points, []))
            known[1].append(reason_at)
            if points > known[0]:
                found[key] = (points, known[1])
        answers = sorted(found.items(), key=lambda a: (-a[1][0], a[0]))
        for i, (_, (points, _)) in enumerate(answers):
            fit.points += points * REASON_DECAY**i
        fit.matched = True
        if fit.explain:
            for key, (_, reasons) in answers[:2]:
                words = self.kind_words[key]
                said = " and ".join(self.kinds[r][0].lower() for r in reasons)
                fit.say(f"{words}, for {said}")

    def _who(self, fit: Fit, asset: AssetFacts, d: AssetDigest) -> None:
        """Language, age band, and the groups the asset is aimed at."""
        explain = fit.explain
        profile = self.profile
        if self.other_language:
            if self.language in d.languages:
                interpreter = profile.interpreter_needed
                fit.points += INTERPRETER_LANGUAGE_POINTS if interpreter else LANGUAGE_POINTS
                if explain:
                    fit.say(f"offered in {self.language_words}")
            elif explain and profile.interpreter_needed and not d.languages:
                fit.warn("languages not recorded: check about an interpreter")
        age = profile.age
        if d.band:
            if age is None:
                if explain:
                    fit.warn(f"for ages {d.band}")
            elif (asset.age_min or 0) <= age <= (asset.age_max or age):
                fit.points += AGE_GROUP_POINTS
                if explain:
                    fit.say(f"for your age group ({d.band})")
        text = d.text
        if text.restricted:
            missing = self._missing(text.groups)
            if missing:
                fit.points -= TARGETED_PENALTY
            if explain and (missing or not text.groups):
                fit.warn(d.eligibility)
        missing = self._missing(text.tag_groups)
        if missing:
            fit.points -= TAG_TARGETED_PENALTY
            if explain:
                aimed = " and ".join(TARGET_GROUPS[g][0] for g in sorted(missing))
                fit.warn(f"aimed at {aimed}")

    def _missing(self, groups: frozenset[str]) -> frozenset[str]:
        """The groups named that the person is not known to be in."""
        required = groups - ALSO_WELCOME_GROUPS or groups
        return required - self.groups

    def _times(self, fit: Fit, d: AssetDigest) -> None:
        for slot in d.slots:
            if (slot.day, slot.part) in self.free or (
                slot.part is None and slot.day in self.free_days
            ):
                fit.points += TIME_POINTS
                if fit.explain:
                    fit.say(f"{slot.words}, when you are free")
                return
        if d.arranged:
            fit.points += TIME_POINTS
            if fit.explain:
                fit.say("at a time arranged with you")
        elif d.slots:
            fit.points -= TIME_MISS_PENALTY
            if fit.explain:
                fit.warn(f"runs {d.runs}; {self.free_words}")

    def _place(self, fit: Fit, d: AssetDigest) -> None:
        explain = fit.explain
        if not d.places:
            if d.comes_to_you:
                fit.points += AT_HOME_POINTS if self.stays_in else NO_TRAVEL_POINTS
                if explain:
                    fit.say("comes to you" if self.stays_in else "no travel needed")
            return
        if self.housebound:
            fit.points -= HOUSEBOUND_PENALTY
            if explain:
                fit.warn("means going out")
        point = self.profile.point
        miles = nearest_miles(point, d.places) if point is not None else None
        travel = self.prefs.travel
        if miles is not None:
            fit.distance_miles = round(miles, 2)
            fit.points += NEAR_POINTS * max(0.0, 1 - miles / NEAR_MILES)
            if explain:
                fit.say(f"about {_miles(miles)} miles")
            if self.range is not None and travel is not None and miles > self.range:
                fit.points -= min(RANGE_PENALTY_MAX, RANGE_PENALTY_PER_MILE * (miles - self.range))
                if explain:
                    fit.warn(f"about {_miles(miles)} miles: further than {_TRAVEL_WORDS[travel]}")
            return
        area, district, sector = self.parts
        if not area or not d.areas:
            return
        if sector and sector in d.sectors:
            nearness = _SAME_SECTOR
        elif district in d.districts:
            nearness = _SAME_DISTRICT
        else:
            nearness = _SAME_AREA if area in d.areas else _OTHER_AREA
        points, reason, concern = self.near_fit[nearness]
        fit.points += points
        if explain:
            if reason:
                fit.say(reason)
            if concern:
                fit.warn(concern)

    def _access(self, fit: Fit, d: AssetDigest) -> None:
        met_words: list[str] = []
        for need in self.needs:
            features = ACCESS_NEED_FEATURES.get(need, ())
            if not features:
                continue
            met = [f for f in features if f in d.features]
            met_words.extend(FEATURE_WORDS.get(f, f) for f in met[:2])
            key = features[0]
            if key in met:
                fit.points += ACCESS_POINTS
            elif not d.comes_to_you:
                fit.points += ACCESS_PARTIAL_POINTS if met else -ACCESS_MISSING_PENALTY
                if fit.explain:
                    missing = _MISSING_WORDS.get(key) or FEATURE_WORDS.get(key, key)
                    fit.warn(f"no {missing} recorded")
        if met_words and fit.explain:
            fit.say(", ".join(dict.fromkeys(met_words)))

    def _join_and_cost(self, fit: Fit, asset: AssetFacts, d: AssetDigest) -> None:
        """How they would like to start against how it is joined; what it costs against
        what they can manage (both worked out per person in ``join_fit`` and ``cost_fit``).
        """
        if self.with_someone and d.text.befriending:
            join = (JOIN_POINTS, "befriending: you need not go alone", "")
        else:
            join = self.join_fit[asset.join_mode]
        cost = self.cost_fit[asset.cost]
        fit.points += join[0] + cost[0]
        if fit.explain:
            for reason in (join[1], cost[1]):
                if reason:
                    fit.say(reason)
            if join[2]:
                fit.warn(join[2])
            if cost[2]:
                fit.warn(f"{cost[2]}: {d.cost_note}" if d.cost_note else cost[2])

    def _checks(self, fit: Fit, asset: AssetFacts, d: AssetDigest) -> None:
        explain = fit.explain
        if asset.waiting_list:
            fit.points -= WAITING_PENALTY
            if explain:
                fit.warn(f"waiting list: {d.capacity}" if d.capacity else "waiting list")
        elif explain and d.capacity:
            fit.warn(d.capacity)
        checked = asset.last_verified_on
        if checked is None:
            fit.points -= NEVER_VERIFIED_PENALTY
            if explain:
                fit.warn("never verified")
        elif checked >= self.recent_from:
            fit.points += RECENT_POINTS
            if explain:
                fit.say("checked recently")
        elif checked <= self.stale_from:
            fit.points -= STALE_PENALTY
            if explain:
                months = months_between(checked, self.options.today)
                fit.warn(f"not verified for {months} months")
        if d.weekly >= 2:
            fit.points += min(OFTEN_MAX, OFTEN_POINTS * (d.weekly - 1))
            if explain:
                fit.say(f"runs {d.weekly} times a week")
