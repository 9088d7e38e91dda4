"""The rules that score one community asset for one person, each with its reasons in plain words.

:class:`PreparedProfile` does the per-person work once (stemming their words,
reading their preferences); :meth:`PreparedProfile.fit` then applies every rule
to one asset (as :mod:`linkworker.domain.match_assets` digested it) and returns a
:class:`Fit`: points, the reasons it suits them, and anything to check. The
points are the constants in :mod:`linkworker.domain.match_weights`.
"""

from __future__ import annotations

import datetime as dt

from linkworker.domain.dates import months_before, months_between
from linkworker.domain.directory import AssetStatus, Cost, JoinMode
from linkworker.domain.geo import Nearness, nearest_miles, postcode_parts
from linkworker.domain.match_assets import (
    AGE_GROUPS,
    ALSO_WELCOME_GROUPS,
    CARERS_KINDS,
    GROUP_STEMS,
    MISSING_PLACE,
    MISSING_TIMES,
    SELDOM_RECORDED_GROUPS,
    TARGET_GROUPS,
    AssetDigest,
    Slot,
    gender_group,
    kind_key,
    language_key,
    lower_first,
)
from linkworker.domain.match_fits import (
    AVOIDED,
    COSTS,
    FEATURE_WORDS,
    GENDER_ONLY,
    MISSING_WORDS,
    NEAR_PART_HOURS,
    NOT_STEP_FREE,
    NOT_THEIR_TIMES,
    OUT_OF_AGES,
    PHONE_ONLY,
    STEP_FREE_NEEDS,
    STILL_RUNNING_MONTHS,
    TAILS,
    TRAVEL_WORDS,
    WITH_WORDS,
    Fit,
    PersonTerm,
    Said,
    and_list,
    cost_fit,
    join_fit,
    miles_words,
    near_fit,
    offer,
    quote_whole,
    reasons_in_words,
    strongest_first,
)
from linkworker.domain.match_weights import (
    ACCESS_MISSING_PENALTY,
    ACCESS_PARTIAL_POINTS,
    ACCESS_POINTS,
    AGAINST_MORE,
    AGAINST_PENALTY,
    AGE_GROUP_POINTS,
    AT_HOME_POINTS,
    CARER_POINTS,
    CARER_STRAIN_POINTS,
    HOUSEBOUND_PENALTY,
    INTERPRETER_LANGUAGE_POINTS,
    JOIN_POINTS,
    KIND_FLOOR,
    KIND_MORE,
    KIND_MORE_MAX,
    KIND_STEP,
    LANGUAGE_POINTS,
    NEAR_MILES,
    NEAR_POINTS,
    NEVER_VERIFIED_PENALTY,
    NO_TRAVEL_POINTS,
    NOT_GROUPS_PENALTY,
    OFTEN_MAX,
    OFTEN_POINTS,
    OTHER_LANGUAGE_PENALTY,
    PHRASE_FACTOR,
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
    UNKNOWN_PENALTY,
    WAITING_PENALTY,
    WORD_DECAY,
    WORD_MAX,
    WORD_POINTS,
    WORD_REASONS,
)
from linkworker.domain.match_words import (
    PHRASE_SYNONYMS,
    SYNONYMS,
    Against,
    against,
    as_told,
    content_words,
    fold,
    situations,
    stem,
    stem_sequence,
    theirs_only,
    tokens,
)
from linkworker.domain.matching import (
    ACCESS_NEED_FEATURES,
    SITUATION_KINDS,
    AssetFacts,
    JoinPreference,
    MatchProfile,
    PartOfDay,
    RankOptions,
    WordSource,
)
from linkworker.domain.people import AccessNeed

# Enum members are slow to look up on their class, and these are looked up per asset.
_SAME_SECTOR, _SAME_DISTRICT = Nearness.SAME_SECTOR, Nearness.SAME_DISTRICT
_SAME_AREA, _OTHER_AREA = Nearness.SAME_AREA, Nearness.OTHER_AREA


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
        #: what their words say they do not want or can no longer do
        self.against: list[Against] = []
        #: situations their words say they are in ("carer") -> the words, told to them
        self.situations: dict[str, str] = {}
        for words in profile.words:
            self._take(words.source, words.text)
            if words.source is not WordSource.STRENGTH:
                for name, told in situations(words.text).items():
                    self.situations.setdefault(name, as_told(told))
        self.against_stems = frozenset(s for a in self.against for s in a.stems)
        self.not_groups = next((a.said for a in self.against if a.groups), "")
        self.stems = frozenset(self.terms) | frozenset(self.strengths)
        #: every stem in their words, stop words too: a tag phrase needs all of its own
        self.said = frozenset(w for _, _, sequence in self.sequences for w in sequence.split())
        #: stem -> the person's word that counts most for it, for an asset to receive
        #: and for a way to give (where strengths count for more)
        self.receiving = {s: self._best(s, giving=False) for s in self.stems}
        self.giving = {s: self._best(s, giving=True) for s in self.stems}

        table = {kind_key(k): v for k, v in SITUATION_KINDS.items()}
        table.update({kind_key(k): v for k, v in options.reason_kinds.items()})
        #: referral reason -> the person's words that gave it, when their words did
        self.reason_said = reasons_in_words(profile)
        reasons = [" ".join(r.split()) for r in profile.reasons]
        reasons.extend(self.reason_said)
        #: (referral reason, its kinds as keys) per reason; kind key -> [(reason, position)]
        self.kinds: list[tuple[str, tuple[str, ...]]] = []
        self.kind_index: dict[str, list[tuple[int, int]]] = {}
        self.kind_words: dict[str, str] = {}
        # A condition said only of someone else ("since his stroke") is not theirs.
        context = set(self.stems) - theirs_only(
            (w.text, w.source is not WordSource.NOTES)
            for w in profile.words
            if w.source is not WordSource.STRENGTH
        )
        for reason in dict.fromkeys(reasons):
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
        self.is_carer = profile.is_carer or "carer" in self.situations
        #: a carer whose words say it is wearing them down: carers' support comes first
        self.strained = self.is_carer and "strain" in self.situations
        known = {
            "carer": self.is_carer,
            "bereaved": "bereaved" in self.situations,
            "refugee": "new to the country" in self.situations,
            "older": age is not None and age >= 60,
            "young": age is not None and age <= 25,
            "disabled": AccessNeed.MOBILITY in needs,
            "blind": AccessNeed.SIGHT in needs,
            "deaf": AccessNeed.HEARING in needs
            or AccessNeed.BSL in needs
            or "deaf" in self.situations,
            "housebound": housebound,
        }
        context.update(stem(word) for word, yes in known.items() if yes)
        #: the groups an asset can be aimed at that the person is in
        self.groups = frozenset(g for g, stems in GROUP_STEMS.items() if stems & context)
        #: groups their words say they are not in ("I've got all my marbles")
        self.not_in = (
            frozenset(g for g, stems in GROUP_STEMS.items() if stems & self.against_stems)
            - self.groups
        )
        #: the record says enough of their life to know they are not in a group it does
        #: not name (their words or referral reasons)
        self.knows_life = bool(self.terms or profile.reasons)
        self.housebound = "housebound" in self.terms
        self.stays_in = housebound

        self.language = language_key(profile.first_language)
        self.language_words = " ".join(profile.first_language.split())
        self.other_language = self.language not in ("", "english")
        #: they cannot take part in English and no interpreter is asked for
        self.language_only = (
            self.other_language
            and profile.speaks_english is False
            and not profile.interpreter_needed
        )
        #: the languages they can take part in without help: their own, and English
        #: unless the record says they have none (not asked is not a clash)
        self.spoken = frozenset(
            {self.language} - {""} | ({"english"} if profile.speaks_english is not False else set())
        )
        #: they need help to take part in English (an interpreter, or they have none)
        self.needs_interpreter = self.other_language and (
            profile.interpreter_needed or profile.speaks_english is False
        )
        cost_limit = prefs.cost_limit
        if "free only" in self.situations and cost_limit is None:
            cost_limit = Cost.FREE
        self.free_only = cost_limit is Cost.FREE
        #: why free matters to them, told to them
        self.free_words = (
            "you said you can only go to free things"
            if "free only" in self.situations
            else "which you said matters"
        )
        self.step_free = any(n in needs for n in STEP_FREE_NEEDS)
        self.no_calls = AccessNeed.NO_VOICE_CALLS in needs
        self.free = frozenset((int(t.day), t.part) for t in prefs.free_times)
        self.free_days = frozenset(int(t.day) for t in prefs.free_times)
        parts = {t.part for t in prefs.free_times}
        self.times_words = (
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
            or self.needs_interpreter
            or self.avoid
            or self.free_only
            or self.step_free
            or self.no_calls
            or self.free
            or self.knows_life
            or self.not_in
        )
        self.needs = tuple(dict.fromkeys(needs))
        self.parts = postcode_parts(profile.postcode)
        #: where the person lives is known, or that they cannot get out
        self.placed = bool(self.parts[0]) or profile.point is not None or self.housebound
        self.near_fit = {n: near_fit(prefs.travel, n) for n in Nearness}
        self.join_fit = {mode: join_fit(prefs.join, mode) for mode in JoinMode}
        self.with_someone = prefs.join is JoinPreference.WITH_SOMEONE
        self.cost_fit = {cost: cost_fit(cost_limit, cost) for cost in Cost}
        self.recent_from = options.today - dt.timedelta(days=RECENT_DAYS)
        #: checked on or before this, it is more than ``stale_months`` months ago
        self.stale_from = months_before(options.today, options.stale_months + 1)
        self.range = prefs.travel.miles if prefs.travel is not None else None

    def _best(self, word_stem: str, giving: bool) -> Said:
        best: Said | None = None
        for term in (self.terms.get(word_stem), self.strengths.get(word_stem)):
            if term is None:
                continue
            weight = term.weight
            if giving and term.source is WordSource.STRENGTH:
                weight = STRENGTH_GIVING_WEIGHT * (weight / SOURCE_WEIGHTS[term.source])
            said = Said(weight, term.said, term.source, term.synonym, fold(term.said))
            if best is None or (best.weight, best.said) < (weight, term.said):
                best = said
        assert best is not None
        return best

    def _take(self, source: WordSource, text: str) -> None:
        table = self.strengths if source is WordSource.STRENGTH else self.terms
        weight = SOURCE_WEIGHTS.get(source, 1.0)
        whole = quote_whole(text) if source in (WordSource.INTEREST, WordSource.STRENGTH) else ""
        said_against = against(text) if source is not WordSource.STRENGTH else []
        self.against.extend(said_against)
        turned = frozenset(s for a in said_against for s in a.stems)
        for word_stem, word in content_words(text):
            if word_stem in turned:
                continue
            said = whole or word
            offer(table, word_stem, PersonTerm(source, said, weight))
            for other in SYNONYMS.get(word_stem, ()):
                offer(table, other, PersonTerm(source, said, weight * SYNONYM_FACTOR, True))
        sequence = stem_sequence(text)
        for phrase, said, others in PHRASE_SYNONYMS:
            if phrase in sequence:
                for other in others:
                    term = PersonTerm(source, whole or said, weight * SYNONYM_FACTOR, True)
                    offer(table, other, term)
        self.sequences.append((source, whole, sequence))

    # Hard limits ---------------------------------------------------------------

    def limit(self, asset: AssetFacts, d: AssetDigest) -> str | None:
        """Why the asset is out for this person (besides status and dismissal), or None.

        Each is a known conflict with a stated need; where the fact is not known the
        asset stays, and :meth:`fit` says what to check.
        """
        age = self.profile.age
        if age is not None and (
            (asset.age_min is not None and age < asset.age_min)
            or (asset.age_max is not None and age > asset.age_max)
        ):
            return OUT_OF_AGES
        if self.gender and d.only_for and d.only_for != self.gender:
            return f"for {d.only_for} only"
        text = d.text
        if text.groups and (self.knows_life or self.not_in):
            out = self._not_eligible(text.groups, text.strict)
            if out:
                return f"for {TARGET_GROUPS[out][0]} only"
        if self.language_only and d.languages and self.language not in d.languages:
            return f"not offered in {self.language_words}"
        if d.languages and not self.needs_interpreter and not d.languages & self.spoken:
            # Run only in languages they do not speak, with nothing asked to bridge it.
            return "not offered in a language they speak"
        if self.needs_interpreter and text.giving and self.language not in d.languages:
            # An interpreter can come to a session, not to every shift of a volunteer.
            return f"volunteering not in {self.language_words}"
        if self.free_only and asset.cost is not Cost.FREE and not d.free_option:
            return COSTS
        if self.step_free and d.not_step_free and not d.comes_to_you:
            return NOT_STEP_FREE
        if self.no_calls and d.phone_only:
            return PHONE_ONLY
        if (
            self.free
            and d.slots
            and not d.arranged
            and not d.times_in_words
            and not any(self._could_come(slot) for slot in d.slots)
        ):
            return NOT_THEIR_TIMES
        if self.avoid and self.avoid & text.kinds:
            return AVOIDED
        return None

    def _could_come(self, slot: Slot) -> bool:
        """On a day they are free, and starting within ``NEAR_PART_HOURS`` of a part of
        the day they are free: parts of the day are asked roughly, so "mornings" may
        still allow a 12:30 start, but not an evening one."""
        if slot.day not in self.free_days:
            return False
        if slot.hour is None:
            return True
        for free_day, part in self.free:
            if free_day == slot.day:
                start, end = part.hours
                if start - NEAR_PART_HOURS <= slot.hour <= end + NEAR_PART_HOURS:
                    return True
        return False

    def _free_at(self, day: int, part: PartOfDay | None) -> bool:
        return (day, part) in self.free or (part is None and day in self.free_days)

    def _not_eligible(self, groups: frozenset[str], strict: bool) -> str:
        """The group an eligibility names that the person is known not to be in, or "".

        Their words can say so ("I've got all my marbles"); otherwise, for an
        eligibility that names only its groups, the record must say enough of their
        life (their age, for an age group) to know they are not in it.
        """
        required = groups - ALSO_WELCOME_GROUPS or groups
        for group in sorted(required):
            if group in self.groups:
                continue
            if group in self.not_in:
                return group
            if not strict or group in SELDOM_RECORDED_GROUPS:
                continue
            if group in AGE_GROUPS:
                if self.profile.age is not None:
                    return group
            elif self.knows_life:
                return group
        return ""

    # Scoring -------------------------------------------------------------------

    def fit(self, asset: AssetFacts, d: AssetDigest, explain: bool = True) -> Fit:
        """Score one asset (``d`` is its digest); with ``explain``, say why in words."""
        fit = Fit(explain)
        if self.stems:
            self._words(fit, d)
        if self.kind_index:
            self._kinds(fit, d)
        if self.is_carer and d.text.kinds & CARERS_KINDS:
            fit.points += CARER_POINTS + (CARER_STRAIN_POINTS if self.strained else 0.0)
            if explain and not any("carer" in r for r in fit.reasons):
                told = self.situations.get("carer")
                fit.say(f"for carers, and {told}" if told else "for carers")
        if self.against_stems or self.not_groups:
            self._against(fit, d)
        if d.only_for and not self.gender:
            fit.points -= UNKNOWN_PENALTY
            if explain:
                recorded = bool(self.profile.gender.strip())
                fit.warn(
                    f"for {d.only_for} only: check it is for them"
                    if recorded
                    else f"for {d.only_for} only: check, as their gender is not recorded"
                )
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
        if explain and d.missing:
            missing = [m for m in d.missing if self._asks(m)]
            if missing:
                fit.warn(f"{'; '.join(missing)}: check with them")
        return fit

    def _asks(self, missing: str) -> bool:
        """Whether a fact the asset does not give is one this person's match turns on."""
        if missing == MISSING_TIMES:
            return bool(self.free)
        if missing == MISSING_PLACE:
            return self.placed
        return bool(self.kind_index)

    def _against(self, fit: Fit, d: AssetDigest) -> None:
        """What the person's words say they do not want, found in the asset."""
        hits = [a for a in self.against if a.stems & d.text.stems]
        if hits:
            fit.points -= AGAINST_PENALTY + AGAINST_MORE * (len(hits) - 1)
            if fit.explain:
                fit.warn(f'you said "{hits[0].said}"')
        if self.not_groups and d.group_based:
            fit.points -= NOT_GROUPS_PENALTY
            if fit.explain:
                fit.warn(f'a group, and you said "{self.not_groups}"')

    def _words(self, fit: Fit, d: AssetDigest) -> None:
        # Each of the asset's words counts once, through the person's word that counts
        # most for it; then each thing the person said counts once, at its best.
        text = d.text
        # stem -> (points, what the person said, source, the asset's word when another)
        found: dict[str, tuple[float, Said, str]] = {}
        for phrase, tag, phrase_stems in text.phrases:
            if not phrase_stems <= self.said:
                continue
            for source, whole, sequence in self.sequences:
                if phrase in sequence:
                    weight = SOURCE_WEIGHTS.get(source, 1.0) * PHRASE_FACTOR
                    said = Said(weight, whole or tag, source, False, fold(whole or tag))
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
            best: dict[str, tuple[float, Said, str]] = {}
            for word_stem in sorted(found):
                hit = found[word_stem]
                key = hit[1].said
                if key not in best or best[key][0] < hit[0]:
                    best[key] = hit
            ranked = sorted(best.values(), key=strongest_first)
        fit.lead = ranked[0][1].key
        total, factor = 0.0, 1.0
        for hit in ranked:
            total += hit[0] * factor
            factor *= WORD_DECAY
        fit.points += min(WORD_MAX, total)
        fit.matched = True
        if fit.explain:
            # Said together by where they came from: "cooking and sewing, which you enjoy".
            by_source: dict[WordSource, list[str]] = {}
            for _, said, shown in ranked[:WORD_REASONS]:
                by_source.setdefault(said.source, []).append(shown or said.said)
                fit.said_words.update(tokens(shown or said.said))
            for source, words in by_source.items():
                # "walking" goes when "walking and exercise" says it already.
                kept = [
                    w
                    for w in dict.fromkeys(words)
                    if not any(o != w and set(tokens(w)) <= set(tokens(o)) for o in words)
                ]
                fit.say(self._reason(source, and_list(kept), "", text.giving))

    @staticmethod
    def _reason(source: WordSource, said: str, shown: str, giving: bool) -> str:
        """A reason as a person would say it: "gardening, which you enjoy"; the asset's
        own word when it uses another for what they said."""
        if source is WordSource.STRENGTH:
            lead = "a way to use what you're good at" if giving else "uses what you're good at"
            return f"{lead}: {said}"
        return f"{shown or said}, {TAILS.get(source, 'as you said')}"

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
                if fit.said_words & set(tokens(words)) and not any(
                    self.kinds[r][0] in self.reason_said for r in reasons
                ):
                    continue  # "walking" was said already: not "walking and exercise" too
                told = [
                    self.reason_said[self.kinds[r][0]]
                    for r in reasons
                    if self.kinds[r][0] in self.reason_said
                ]
                if told:
                    fit.say(f"{words}, and {told[0]}")
                    continue
                said = " and ".join(self.kinds[r][0].lower() for r in reasons)
                fit.say(f"{words}, for {said}")

    def _who(self, fit: Fit, asset: AssetFacts, d: AssetDigest) -> None:
        """Language, age band, and the groups the asset is aimed at."""
        explain = fit.explain
        profile = self.profile
        if self.other_language:
            needs_help = self.needs_interpreter
            if self.language in d.languages:
                fit.points += INTERPRETER_LANGUAGE_POINTS if needs_help else LANGUAGE_POINTS
                if explain:
                    fit.say(f"offered in {self.language_words}")
            elif needs_help:
                fit.points -= UNKNOWN_PENALTY if self.language_only else OTHER_LANGUAGE_PENALTY
                if explain:
                    fit.warn(
                        f"check it can be in {self.language_words}"
                        if self.language_only
                        else "languages not recorded: check about an interpreter"
                        if not d.languages
                        else f"not in {self.language_words}: check an interpreter can come"
                    )
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
                fit.points -= UNKNOWN_PENALTY if text.strict else TARGETED_PENALTY
            # "Women only" for a woman says nothing to check; other limits are shown.
            only_their_gender = (
                bool(d.only_for)
                and d.only_for == self.gender
                and not missing
                and GENDER_ONLY.fullmatch(d.eligibility.strip().casefold()) is not None
            )
            if explain and (missing or not text.groups) and not only_their_gender:
                fit.warn(f"check they can go: {d.eligibility}" if missing else d.eligibility)
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
            if self._free_at(slot.day, slot.part):
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
                fit.warn(f"runs {d.runs}; {self.times_words}")

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
                fit.say(f"about {miles_words(miles)} miles")
            if self.range is not None and travel is not None and miles > self.range:
                fit.points -= min(RANGE_PENALTY_MAX, RANGE_PENALTY_PER_MILE * (miles - self.range))
                if explain:
                    fit.warn(
                        f"about {miles_words(miles)} miles: further than {TRAVEL_WORDS[travel]}"
                    )
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
            met_words.extend(f for f in met[:2])
            key = features[0]
            if key in met:
                fit.points += ACCESS_POINTS
            elif not d.comes_to_you:
                if key == "step_free" and need in STEP_FREE_NEEDS:
                    fit.points -= UNKNOWN_PENALTY
                    if fit.explain:
                        fit.warn("step-free access not stated: check before they go")
                    continue
                fit.points += ACCESS_PARTIAL_POINTS if met else -ACCESS_MISSING_PENALTY
                if fit.explain:
                    missing = MISSING_WORDS.get(key) or FEATURE_WORDS.get(key, key)
                    fit.warn(f"no {missing} recorded")
        if met_words and fit.explain:
            first, *rest = dict.fromkeys(met_words)
            lead = FEATURE_WORDS.get(first, first)
            more = " and ".join(WITH_WORDS.get(f) or FEATURE_WORDS.get(f, f) for f in rest)
            fit.say(f"{lead}, with {more}" if more else lead)

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
                if reason == "free" and self.free_only:
                    fit.say(f"free, {self.free_words}")
                elif reason:
                    fit.say(reason)
            if self.free_only and asset.cost is not Cost.FREE and d.free_option:
                fit.warn(f"check the free option: {d.cost_note}")
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
                fit.warn(
                    f"not verified for {months} months: check it is still running"
                    if months > STILL_RUNNING_MONTHS
                    else f"not verified for {months} months"
                )
        if d.weekly >= 2:
            fit.points += min(OFTEN_MAX, OFTEN_POINTS * (d.weekly - 1))
            if explain:
                fit.say(f"runs {d.weekly} times a week")
