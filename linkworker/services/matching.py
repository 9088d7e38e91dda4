"""Matching one person to the community assets that fit their life, with reasons.

:class:`MatchingService` builds a :class:`~linkworker.domain.matching.MatchProfile`
from the person's record (their words first), picks candidate assets, reads
their facts in bulk and ranks them with :mod:`linkworker.domain.match_scoring`.

A small directory is ranked whole. In a big one, ranking every asset would be
slow, so the candidates are the union of: the best full-text matches for the
person's own words (see :func:`text_terms`), the nearest running assets of the
kinds their referral reasons call for, anything pinned for them, and the
nearest ways to volunteer when they have strengths to give. What was not
ranked is counted in ``left_out``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence

from linkworker import errors
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.geo import postcode_key, postcode_parts
from linkworker.domain.match_assets import DigestCache
from linkworker.domain.match_fits import reasons_in_words
from linkworker.domain.match_scoring import query_terms, rank
from linkworker.domain.matching import (
    SITUATION_KINDS,
    Dismissal,
    GeoPoint,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PersonWords,
    RankOptions,
    WordSource,
)
from linkworker.domain.people import PROMPT_LABELS, AccessNeed
from linkworker.domain.person_validation import age_on
from linkworker.domain.story import WHAT_MATTERS, what_matters

#: Up to this many assets (not archived), every one is ranked. Reading and ranking all
#: of them costs about 0.1 ms an asset (1,000 took ~60 ms, 1,500 ~150 ms on a busy
#: two-core machine), while picking candidates first costs much the same at any size:
#: about 25 ms for 1,000 assets, 45 ms for 20,000 (bench/matching.py).
SMALL_DIRECTORY = 600
#: In a bigger directory: the best full-text matches taken as candidates,
TEXT_CANDIDATES = 100
#: the nearest assets of the kinds the referral reasons call for,
KIND_CANDIDATES = 80
#: and the nearest ways to volunteer, for someone with strengths.
GIVING_CANDIDATES = 15
GIVING_KINDS = ("Volunteering",)
#: A word in this many assets is common: it picks candidates only near the person, by
#: their name, categories or tags. Rarer words are ranked by relevance everywhere while
#: they match no more than TEXT_BUDGET assets between them (ranking costs time per match).
COMMON_WORD = 1500
TEXT_BUDGET = 2500

#: Conversation prompts whose answers are the person's words, and how each reads.
ANSWER_SOURCES: dict[str, WordSource] = {
    "enjoy": WordSource.ENJOY,
    "change": WordSource.CHANGE,
    "something_to_do": WordSource.WHAT_MATTERS,
    "someone_to_be_with": WordSource.WHAT_MATTERS,
}

#: Every other prompt's answer (what gets in the way, who is important...) is read too,
#: with the record's notes, as things they have said.
OTHER_ANSWERS = tuple(k for k in PROMPT_LABELS if k != WHAT_MATTERS and k not in ANSWER_SOURCES)

#: The plain reason given for assets a big directory did not rank.
NOT_RANKED = "not among the likeliest for their words, reasons or area"


def text_terms(profile: MatchProfile) -> tuple[str, ...]:
    """The stems of the person's own words that pick candidates by full-text search.

    The kinds of asset their referral reasons call for are found by category
    and tag instead (``CandidateRepository.kind_hits``), so they are not added here.
    """
    return query_terms(profile, {reason: () for reason in profile.reasons})


class MissingReason(errors.UserFacingError):
    title = "Say why"


class MatchingService:
    """Suggest assets for a person; remember what suits them, what was pinned or set aside."""

    def __init__(
        self,
        units: UnitsOfWork,
        reason_kinds: Callable[[], Mapping[str, Sequence[str]]],
        today: Callable[[], dt.date] = dt.date.today,
        *,
        small_directory: int = SMALL_DIRECTORY,
    ) -> None:
        self._units = units
        self._reason_kinds = reason_kinds
        self._today = today
        self._small_directory = small_directory
        self._digests = DigestCache()

    # Suggesting --------------------------------------------------------------

    def suggest(self, person_id: uuid.UUID, limit: int = 20) -> MatchResult:
        """The ``limit`` best assets for the person, with reasons, concerns and hints."""
        kinds = self._kinds()
        options = RankOptions(limit=limit, today=self._today(), reason_kinds=kinds)
        with self._units.read() as uow:
            profile = self._profile(uow, person_id)
            total = uow.candidates.count_assets()
            if total <= self._small_directory:
                facts = uow.candidates.asset_facts(None)
            else:
                ids = self._candidates(uow, profile, kinds)
                facts = uow.candidates.asset_facts(ids)
        result = rank(profile, facts, options, self._digests)
        unranked = total - len(facts)
        if unranked > 0:
            result = MatchResult(
                suggestions=result.suggestions,
                left_out=(*result.left_out, (NOT_RANKED, unranked)),
                hints=result.hints,
                considered=result.considered,
            )
        return result

    def _candidates(
        self,
        uow: UnitOfWork,
        profile: MatchProfile,
        kinds: Mapping[str, Sequence[str]],
    ) -> list[uuid.UUID]:
        """Candidate asset ids in a big directory (see the module's docstring)."""
        area, district, sector = postcode_parts(profile.postcode)
        wanted: list[str] = []
        for reason in (*profile.reasons, *reasons_in_words(profile)):
            wanted.extend(_kinds_for(kinds, reason) or SITUATION_KINDS.get(reason, ()))
        # Pinned first; archived ones are dropped when the facts are read.
        found: dict[uuid.UUID, None] = dict.fromkeys(sorted(profile.pinned))
        terms = text_terms(profile)
        found.update(
            dict.fromkeys(
                uow.candidates.text_hits(terms, district, TEXT_CANDIDATES, COMMON_WORD, TEXT_BUDGET)
            )
        )
        near = (area, district, sector)
        found.update(dict.fromkeys(uow.candidates.kind_hits(wanted, near, KIND_CANDIDATES)))
        if any(w.source is WordSource.STRENGTH for w in profile.words):
            found.update(
                dict.fromkeys(uow.candidates.kind_hits(GIVING_KINDS, near, GIVING_CANDIDATES))
            )
        return list(found)

    def profile(self, person_id: uuid.UUID) -> MatchProfile:
        """Everything the ranking knows about the person."""
        with self._units.read() as uow:
            return self._profile(uow, person_id)

    def _profile(self, uow: UnitOfWork, person_id: uuid.UUID) -> MatchProfile:
        person = uow.matching.person_facts(person_id)
        if person is None:
            raise errors.person_gone()
        words: list[PersonWords] = []

        def add(source: WordSource, text: str) -> None:
            clean = " ".join(text.split())
            if clean and not any(w.text.casefold() == clean.casefold() for w in words):
                words.append(PersonWords(source, clean))

        answers = uow.matching.latest_answers(
            person_id, (WHAT_MATTERS, *ANSWER_SOURCES, *OTHER_ANSWERS)
        )
        add(WordSource.WHAT_MATTERS, what_matters(person.what_matters, answers))
        for key, source in ANSWER_SOURCES.items():
            add(source, answers.get(key, ""))
        for key in OTHER_ANSWERS:
            add(WordSource.NOTES, answers.get(key, ""))
        add(WordSource.NOTES, person.notes)
        for interest in person.interests:
            add(WordSource.INTEREST, interest)
        for strength in person.strengths:
            add(WordSource.STRENGTH, strength)
        postcode = "" if person.no_fixed_address else person.postcode
        pinned, dismissed = uow.matching.marks(person_id)
        return MatchProfile(
            person_id=person_id,
            words=tuple(words),
            reasons=uow.matching.current_reasons(person_id),
            age=age_on(person.date_of_birth, self._today()) if person.date_of_birth else None,
            postcode=postcode,
            point=uow.matching.postcode_point(postcode_key(postcode)) if postcode else None,
            access_needs=tuple(_access_needs(person.access_needs)),
            # The language an interpreter is asked in is the one they need (Sylheti, for
            # someone whose first language is written as Bengali).
            first_language=(
                person.interpreter_language
                if person.interpreter_needed and person.interpreter_language.strip()
                else person.first_language
            ),
            interpreter_needed=person.interpreter_needed,
            speaks_english=person.speaks_english,
            is_carer=person.is_carer,
            gender=person.gender,
            preferences=uow.matching.preferences(person_id),
            dismissed=dismissed,
            pinned=pinned,
        )

    # What suits them ---------------------------------------------------------

    def preferences(self, person_id: uuid.UUID) -> MatchPreferences:
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            return uow.matching.preferences(person_id)

    def save_preferences(self, person_id: uuid.UUID, preferences: MatchPreferences) -> None:
        with self._units.write() as uow:
            self._check_person(uow, person_id)
            uow.matching.save_preferences(person_id, preferences)

    # Pinned and set aside ----------------------------------------------------

    def dismiss(self, person_id: uuid.UUID, asset_id: uuid.UUID, reason: str) -> None:
        """Set the asset aside for the person, with why; it stays out of their suggestions."""
        why = " ".join(reason.split())
        if not why:
            raise MissingReason(
                "Say why it is not for them before setting it aside.",
                "A few words are enough, e.g. 'tried it, did not like the group'.",
            )
        with self._units.write() as uow:
            self._check_person(uow, person_id)
            self._check_asset(uow, asset_id)
            mark = uow.matching.mark(person_id, asset_id)
            mark.pinned = False
            mark.dismissed_on = self._today()
            mark.dismissed_reason = why
            uow.matching.drop_if_blank(mark)

    def restore(self, person_id: uuid.UUID, asset_id: uuid.UUID) -> None:
        """Bring a set-aside asset back into the person's suggestions."""
        with self._units.write() as uow:
            self._check_person(uow, person_id)
            self._check_asset(uow, asset_id)
            mark = uow.matching.mark(person_id, asset_id)
            mark.dismissed_on = None
            mark.dismissed_reason = ""
            uow.matching.drop_if_blank(mark)

    def dismissed(self, person_id: uuid.UUID) -> tuple[Dismissal, ...]:
        """The assets set aside for the person, most recent first."""
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            return tuple(uow.matching.dismissals(person_id))

    def pin(self, person_id: uuid.UUID, asset_id: uuid.UUID, pinned: bool = True) -> None:
        """Pin an asset to the top of the person's suggestions (bringing it back if set aside)."""
        with self._units.write() as uow:
            self._check_person(uow, person_id)
            self._check_asset(uow, asset_id)
            mark = uow.matching.mark(person_id, asset_id)
            mark.pinned = pinned
            if pinned:
                mark.dismissed_on = None
                mark.dismissed_reason = ""
            uow.matching.drop_if_blank(mark)

    # Postcodes ---------------------------------------------------------------

    def add_postcode_points(self, rows: Iterable[tuple[str, float, float]]) -> int:
        """Add or replace postcode locations, all in one transaction; returns the rows used.

        Rows whose postcode is not a UK postcode, or whose coordinates cannot be
        right, are skipped and not counted.
        """
        with self._units.write() as uow:
            return uow.geo.add_points(rows)

    def postcode_point(self, postcode: str) -> GeoPoint | None:
        """Where the postcode is, if the lookup table has it."""
        key = postcode_key(postcode)
        if not key:
            return None
        with self._units.read() as uow:
            return uow.matching.postcode_point(key)

    # Helpers -----------------------------------------------------------------

    def _kinds(self) -> dict[str, tuple[str, ...]]:
        return {reason: tuple(kinds) for reason, kinds in self._reason_kinds().items()}

    @staticmethod
    def _check_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
        if not uow.matching.person_exists(person_id):
            raise errors.person_gone()

    @staticmethod
    def _check_asset(uow: UnitOfWork, asset_id: uuid.UUID) -> None:
        if uow.matching.asset_name(asset_id) is None:
            raise errors.NotFound(
                "That asset is no longer in the directory.",
                "Refresh the suggestions and choose again.",
            )


def _kinds_for(kinds: Mapping[str, Sequence[str]], reason: str) -> Sequence[str]:
    """The kinds of asset for a referral reason, its case and spacing ignored."""
    found = kinds.get(reason)
    if found is not None:
        return found
    key = " ".join(reason.split()).casefold()
    for name, value in kinds.items():
        if " ".join(name.split()).casefold() == key:
            return value
    return ()


def _access_needs(values: Iterable[str]) -> Iterable[AccessNeed]:
    for value in values:
        try:
            yield AccessNeed(value)
        except ValueError:
            continue
