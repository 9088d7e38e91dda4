"""Ranking community assets for one person: explainable, tunable, and varied.

:func:`rank` drops what cannot work (closed or paused, set aside for the person,
outside the ages it is for, not in a language they need, a kind of thing they
would rather avoid), scores the rest with the rules in
:mod:`linkworker.domain.match_reasons`, and orders them so the list spans kinds
of thing and answers different things the person said: an asset is placed as if
it scored ``SAME_KIND_PENALTY`` less for each one of its kind listed before it,
and ``SAME_WORD_PENALTY`` less for each one of another kind (up to
``SAME_WORD_COUNTED``) led by the same word of the person's. Pinned assets come
first. Someone with strengths sees at least one way to give among the first ten,
when any fits.

:func:`query_terms` gives the stems a big directory is searched for first.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from linkworker.domain.match_assets import AssetDigest, DigestCache
from linkworker.domain.match_fits import AVOIDED, OUT_OF_AGES, Fit, reasons_in_words
from linkworker.domain.match_reasons import PreparedProfile, is_running
from linkworker.domain.match_words import (
    PHRASE_SYNONYMS,
    SYNONYMS,
    against,
    content_words,
    stem_sequence,
)
from linkworker.domain.matching import (
    SITUATION_KINDS,
    AssetFacts,
    LeftOut,
    MatchProfile,
    MatchResult,
    RankOptions,
    Suggestion,
    WordSource,
)

#: For its place in the order only (the score shown is its own), an asset loses this
#: many points for each one of the same kind listed before it ...
SAME_KIND_PENALTY = 6.0
#: ... and this many for each one of another kind led by the same word of the person's
#: ("cooking"), counting at most SAME_WORD_COUNTED of them.
SAME_WORD_PENALTY = 4.0
SAME_WORD_COUNTED = 2
#: No more than MOST_OF_A_KIND of one kind among the first VARIETY_WITHIN, while anything
#: of another kind is left: five of one kind is not a choice.
MOST_OF_A_KIND = 3
VARIETY_WITHIN = 10
OVER_MOST_PENALTY = 1000.0
#: Someone with strengths gets a way to give within this many suggestions.
GIVING_WITHIN = 10
QUERY_TERMS_MAX = 30

SET_ASIDE = "set aside for this person"
NOT_RUNNING = "closed or paused"
#: The order left-out reasons are listed in (others, such as languages, follow).
LEFT_OUT_ORDER = (NOT_RUNNING, SET_ASIDE, OUT_OF_AGES, AVOIDED)
#: At most this many left-out assets are named (all are counted).
LEFT_OUT_NAMED = 500

HINT_WORDS = "Record what matters to them and what they enjoy to find closer matches."
HINT_REASONS = "Record the reasons for the referral to bring in the kinds of help that fit."
HINT_TIMES = "Ask which days and times suit them to match opening times."
HINT_POSTCODE = "Add their postcode to weigh up how far things are."
HINT_STRENGTHS = "Record what they are good at to suggest ways to give."
HINT_NOTHING = "Nothing fits yet: see what was left out, and whether the directory is up to date."

#: The order the person's words are searched for in: what matters to them first.
_SOURCE_ORDER = {
    WordSource.WHAT_MATTERS: 0,
    WordSource.ENJOY: 1,
    WordSource.INTEREST: 2,
    WordSource.CHANGE: 3,
    WordSource.STRENGTH: 4,
}


@dataclass(slots=True)
class _Scored:
    asset: AssetFacts
    digest: AssetDigest
    fit: Fit
    score: float
    pinned: bool
    #: the hard limit a pinned asset is past, if any
    limit: str | None
    #: best first; ties by name, then by id, so the order never depends on the input's
    order: tuple[float, str, int]

    @property
    def kind(self) -> str:
        """What it is, for variety ("" for no category: then it is like nothing else)."""
        return self.digest.text.main_kind

    @property
    def giving(self) -> bool:
        return self.digest.text.giving


_BY_ORDER = operator.attrgetter("order")


def rank(
    profile: MatchProfile,
    assets: Iterable[AssetFacts],
    options: RankOptions,
    digests: DigestCache | None = None,
) -> MatchResult:
    """The assets that fit ``profile`` best, with reasons and concerns, in a varied order.

    ``digests`` keeps what is worked out about each asset between calls (the
    caller's, for as long as it likes); without it, every asset is read afresh.
    """
    digests = digests if digests is not None else DigestCache()
    prepared = PreparedProfile(profile, options)
    left_out: Counter[str] = Counter()
    named: list[LeftOut] = []

    def leave_out(asset: AssetFacts, reason: str) -> None:
        left_out[reason] += 1
        if len(named) < LEFT_OUT_NAMED:
            named.append(LeftOut(asset.id, asset.name, reason))

    pinned: list[_Scored] = []
    others: list[_Scored] = []
    # Ids as ints: a UUID hashes in Python, an int in C, and there are many assets.
    dismissed = {i.int for i in profile.dismissed}
    pins = {i.int for i in profile.pinned}
    seen: set[int] = set()
    for asset in assets:
        key = asset.id.int
        if key in seen:
            continue
        seen.add(key)
        if key in dismissed:
            leave_out(asset, SET_ASIDE)
            continue
        if not is_running(asset):
            leave_out(asset, NOT_RUNNING)
            continue
        facts = digests.get(asset)
        is_pinned = key in pins
        limit = prepared.limit(asset, facts) if prepared.has_limits else None
        if limit is not None and not is_pinned:
            leave_out(asset, limit)
            continue
        fit = prepared.fit(asset, facts, explain=False)
        score = round(max(0.0, min(100.0, fit.points)), 1)
        order = (-score, facts.name_key, key)
        scored = _Scored(asset, facts, fit, score, is_pinned, limit, order)
        (pinned if is_pinned else others).append(scored)

    pinned.sort(key=_BY_ORDER)
    others.sort(key=_BY_ORDER)
    wanted = max(0, options.limit - len(pinned))
    ordered = pinned + _varied(others, wanted, pinned)
    if prepared.strengths:
        ordered = _with_a_way_to_give(ordered, others, options.limit)
    return MatchResult(
        suggestions=tuple(_suggestion(prepared, s) for s in ordered),
        left_out=_left_out(left_out),
        hints=_hints(profile, prepared, bool(ordered), len(seen)),
        considered=len(seen),
        left_out_assets=tuple(sorted(named, key=lambda o: (o.reason, o.name.casefold()))),
    )


def _varied(items: list[_Scored], wanted: int, before: list[_Scored]) -> list[_Scored]:
    """Pick greedily by score less the variety penalty; ``items`` sorted best first.

    The penalty never makes a score higher, so the scan for each pick stops at the
    first item whose own score cannot beat the best found.
    """
    kinds: Counter[str] = Counter(s.kind for s in before)
    leads: Counter[str] = Counter(s.fit.lead for s in before)
    both: Counter[tuple[str, str]] = Counter((s.kind, s.fit.lead) for s in before)
    remaining = list(items)
    picked: list[_Scored] = []
    while remaining and len(picked) < wanted:
        best_at, best_score = 0, -float("inf")
        for i, item in enumerate(remaining):
            if item.score <= best_score:
                break
            kind, lead = item.kind, item.fit.lead
            adjusted = item.score
            if kind:
                adjusted -= SAME_KIND_PENALTY * kinds[kind]
                if kinds[kind] >= MOST_OF_A_KIND and len(picked) + len(before) < VARIETY_WITHIN:
                    adjusted -= OVER_MOST_PENALTY
            if lead:
                elsewhere = leads[lead] - (both[kind, lead] if kind else 0)
                adjusted -= SAME_WORD_PENALTY * min(elsewhere, SAME_WORD_COUNTED)
            if adjusted > best_score:
                best_at, best_score = i, adjusted
        chosen = remaining.pop(best_at)
        picked.append(chosen)
        kinds[chosen.kind] += 1
        leads[chosen.fit.lead] += 1
        both[chosen.kind, chosen.fit.lead] += 1
    return picked


def _with_a_way_to_give(
    ordered: list[_Scored], candidates: list[_Scored], limit: int
) -> list[_Scored]:
    """Make sure a fitting way to give is among the first ten (or the whole list, if shorter).

    It goes last of those ten, after anything pinned; ``candidates`` are the unpinned
    assets, best first.
    """
    within = min(GIVING_WITHIN, limit)
    pinned = sum(s.pinned for s in ordered)
    if pinned >= within or any(s.giving for s in ordered[:within]):
        return ordered
    fitting = [s for s in candidates if s.giving and s.fit.matched]
    if not fitting:
        return ordered
    # One of a kind the first ten do not already hold enough of, when there is one.
    kinds = Counter(s.kind for s in ordered[: within - 1])
    best = next((s for s in fitting if not s.kind or kinds[s.kind] < MOST_OF_A_KIND), fitting[0])
    rest = [s for s in ordered if s is not best]
    at = max(pinned, min(within - 1, len(rest)))
    return [*rest[:at], best, *rest[at:]][: max(limit, at + 1)]


def _suggestion(prepared: PreparedProfile, scored: _Scored) -> Suggestion:
    """The suggestion, with its reasons and concerns worded (scoring it again, in words)."""
    asset = scored.asset
    fit = prepared.fit(asset, scored.digest, explain=True)
    concerns = (scored.limit, *fit.concerns) if scored.limit else tuple(fit.concerns)
    return Suggestion(
        asset_id=asset.id,
        name=asset.name,
        score=scored.score,
        reasons=tuple(fit.reasons),
        concerns=concerns,
        organisation=asset.organisation,
        categories=asset.categories,
        giving=scored.giving,
        pinned=scored.pinned,
        distance_miles=fit.distance_miles,
        when=scored.digest.when,
    )


def _left_out(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    def position(reason: str) -> tuple[int, str]:
        known = LEFT_OUT_ORDER.index(reason) if reason in LEFT_OUT_ORDER else len(LEFT_OUT_ORDER)
        return (known, reason)

    return tuple((reason, counts[reason]) for reason in sorted(counts, key=position))


def _hints(
    profile: MatchProfile, prepared: PreparedProfile, any_suggestions: bool, considered: int
) -> tuple[str, ...]:
    hints: list[str] = []
    if not prepared.terms and not prepared.strengths:
        hints.append(HINT_WORDS)
    elif not prepared.strengths:
        hints.append(HINT_STRENGTHS)
    if not prepared.kinds:
        hints.append(HINT_REASONS)
    if not profile.preferences.free_times:
        hints.append(HINT_TIMES)
    if not profile.postcode.strip() and profile.point is None:
        hints.append(HINT_POSTCODE)
    if considered and not any_suggestions:
        hints.append(HINT_NOTHING)
    return tuple(hints)


def query_terms(
    profile: MatchProfile, reason_kinds: Mapping[str, Sequence[str]]
) -> tuple[str, ...]:
    """Stems to search a big directory for, most telling first, at most ``QUERY_TERMS_MAX``.

    The person's own words and tags (what matters first, strengths last), then the
    kinds of asset their referral reasons call for, then the words the synonym table
    adds for theirs. Each is case-folded, three letters or more, and the start of
    the words it stands for ("garden" for gardening, gardens, gardener).
    """
    own: dict[str, None] = {}
    added: dict[str, None] = {}
    by_source = sorted(profile.words, key=lambda w: _SOURCE_ORDER.get(w.source, 5))
    for words in by_source:
        turned = {s for a in against(words.text) for s in a.stems}
        for word_stem, _ in content_words(words.text):
            if word_stem in turned:
                continue
            own.setdefault(word_stem)
            added.update(dict.fromkeys(SYNONYMS.get(word_stem, ())))
        sequence = stem_sequence(words.text)
        for phrase, _, others in PHRASE_SYNONYMS:
            if phrase in sequence:
                added.update(dict.fromkeys(others))
    kinds: dict[str, None] = {}
    table = {" ".join(k.casefold().split()): v for k, v in reason_kinds.items()}
    for reason in (*profile.reasons, *reasons_in_words(profile)):
        key = " ".join(reason.casefold().split())
        for kind in table.get(key, SITUATION_KINDS.get(reason, (reason,))):
            kinds.update(dict.fromkeys(s for s, _ in content_words(kind)))
    if profile.is_carer:
        kinds.setdefault("carer")
    terms = dict.fromkeys([*own, *kinds, *added])
    return tuple(t for t in terms if len(t) >= 3)[:QUERY_TERMS_MAX]
