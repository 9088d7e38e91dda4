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

from sqlalchemy.orm import Session

from linkworker import errors
from linkworker.data import match_repo as repo
from linkworker.data.database import Database
from linkworker.domain.geo import postcode_parts
from linkworker.domain.match_scoring import query_terms, rank
from linkworker.domain.matching import (
    Dismissal,
    GeoPoint,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PersonWords,
    RankOptions,
    WordSource,
)
from linkworker.domain.people import AccessNeed
from linkworker.domain.person_validation import age_on

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
    "what_matters": WordSource.WHAT_MATTERS,
    "enjoy": WordSource.ENJOY,
    "change": WordSource.CHANGE,
    "something_to_do": WordSource.WHAT_MATTERS,
    "someone_to_be_with": WordSource.WHAT_MATTERS,
}

#: The plain reason given for assets a big directory did not rank.
NOT_RANKED = "not among the likeliest for their words, reasons or area"


def text_terms(profile: MatchProfile) -> tuple[str, ...]:
    """The stems of the person's own words that pick candidates by full-text search.

    The kinds of asset their referral reasons call for are found by category
    and tag instead (:func:`~linkworker.data.match_repo.kind_hits`), so they are
    not added here.
    """
    return query_terms(profile, {reason: () for reason in profile.reasons})


class MissingReason(errors.UserFacingError):
    title = "Say why"


class MatchingService:
    """Suggest assets for a person; remember what suits them, what was pinned or set aside."""

    def __init__(
        self,
        db: Database,
        reason_kinds: Callable[[], Mapping[str, Sequence[str]]],
        today: Callable[[], dt.date] = dt.date.today,
        *,
        small_directory: int = SMALL_DIRECTORY,
    ) -> None:
        self._db = db
        self._reason_kinds = reason_kinds
        self._today = today
        self._small_directory = small_directory

    # Suggesting --------------------------------------------------------------

    def suggest(self, person_id: uuid.UUID, limit: int = 20) -> MatchResult:
        """The ``limit`` best assets for the person, with reasons, concerns and hints."""
        kinds = self._kinds()
        options = RankOptions(limit=limit, today=self._today(), reason_kinds=kinds)
        with self._db.read() as session:
            profile = self._profile(session, person_id)
            total = repo.count_assets(session)
            if total <= self._small_directory:
                facts = repo.asset_facts(session, None)
            else:
                ids = self._candidates(session, profile, kinds)
                facts = repo.asset_facts(session, ids)
        result = rank(profile, facts, options)
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
        session: Session,
        profile: MatchProfile,
        kinds: Mapping[str, Sequence[str]],
    ) -> list[uuid.UUID]:
        """Candidate asset ids in a big directory (see the module's docstring)."""
        area, district, sector = postcode_parts(profile.postcode)
        wanted: list[str] = []
        for reason in profile.reasons:
            wanted.extend(_kinds_for(kinds, reason))
        # Pinned first; archived ones are dropped when the facts are read.
        found: dict[uuid.UUID, None] = dict.fromkeys(sorted(profile.pinned))
        terms = text_terms(profile)
        found.update(
            dict.fromkeys(
                repo.text_hits(session, terms, district, TEXT_CANDIDATES, COMMON_WORD, TEXT_BUDGET)
            )
        )
        near = (area, district, sector)
        found.update(dict.fromkeys(repo.kind_hits(session, wanted, near, KIND_CANDIDATES)))
        if any(w.source is WordSource.STRENGTH for w in profile.words):
            found.update(
                dict.fromkeys(repo.kind_hits(session, GIVING_KINDS, near, GIVING_CANDIDATES))
            )
        return list(found)

    def profile(self, person_id: uuid.UUID) -> MatchProfile:
        """Everything the ranking knows about the person."""
        with self._db.read() as session:
            return self._profile(session, person_id)

    def _profile(self, session: Session, person_id: uuid.UUID) -> MatchProfile:
        person = repo.person_facts(session, person_id)
        if person is None:
            raise _no_person()
        words: list[PersonWords] = []

        def add(source: WordSource, text: str) -> None:
            clean = " ".join(text.split())
            if clean and not any(w.text.casefold() == clean.casefold() for w in words):
                words.append(PersonWords(source, clean))

        add(WordSource.WHAT_MATTERS, person.what_matters)
        answers = repo.latest_answers(session, person_id, ANSWER_SOURCES)
        for key, source in ANSWER_SOURCES.items():
            add(source, answers.get(key, ""))
        for interest in person.interests:
            add(WordSource.INTEREST, interest)
        for strength in person.strengths:
            add(WordSource.STRENGTH, strength)
        postcode = "" if person.no_fixed_address else person.postcode
        pinned, dismissed = repo.marks(session, person_id)
        return MatchProfile(
            person_id=person_id,
            words=tuple(words),
            reasons=repo.current_reasons(session, person_id),
            age=age_on(person.date_of_birth, self._today()) if person.date_of_birth else None,
            postcode=postcode,
            point=repo.postcode_point(session, repo.postcode_key(postcode)) if postcode else None,
            access_needs=tuple(_access_needs(person.access_needs)),
            first_language=person.first_language,
            interpreter_needed=person.interpreter_needed,
            is_carer=person.is_carer,
            gender=person.gender,
            preferences=repo.preferences(session, person_id),
            dismissed=dismissed,
            pinned=pinned,
        )

    # What suits them ---------------------------------------------------------

    def preferences(self, person_id: uuid.UUID) -> MatchPreferences:
        with self._db.read() as session:
            self._check_person(session, person_id)
            return repo.preferences(session, person_id)

    def save_preferences(self, person_id: uuid.UUID, preferences: MatchPreferences) -> None:
        with self._db.transaction() as session:
            self._check_person(session, person_id)
            repo.save_preferences(session, person_id, preferences)

    # Pinned and set aside ----------------------------------------------------

    def dismiss(self, person_id: uuid.UUID, asset_id: uuid.UUID, reason: str) -> None:
        """Set the asset aside for the person, with why; it stays out of their suggestions."""
        why = " ".join(reason.split())
        if not why:
            raise MissingReason(
                "Say why it is not for them before setting it aside.",
                "A few words are enough, e.g. 'tried it, did not like the group'.",
            )
        with self._db.transaction() as session:
            self._check_person(session, person_id)
            self._check_asset(session, asset_id)
            mark = repo.mark(session, person_id, asset_id)
            mark.pinned = False
            mark.dismissed_on = self._today()
            mark.dismissed_reason = why
            repo.drop_if_blank(session, mark)

    def restore(self, person_id: uuid.UUID, asset_id: uuid.UUID) -> None:
        """Bring a set-aside asset back into the person's suggestions."""
        with self._db.transaction() as session:
            self._check_person(session, person_id)
            self._check_asset(session, asset_id)
            mark = repo.mark(session, person_id, asset_id)
            mark.dismissed_on = None
            mark.dismissed_reason = ""
            repo.drop_if_blank(session, mark)

    def dismissed(self, person_id: uuid.UUID) -> tuple[Dismissal, ...]:
        """The assets set aside for the person, most recent first."""
        with self._db.read() as session:
            self._check_person(session, person_id)
            return tuple(repo.dismissals(session, person_id))

    def pin(self, person_id: uuid.UUID, asset_id: uuid.UUID, pinned: bool = True) -> None:
        """Pin an asset to the top of the person's suggestions (bringing it back if set aside)."""
        with self._db.transaction() as session:
            self._check_person(session, person_id)
            self._check_asset(session, asset_id)
            mark = repo.mark(session, person_id, asset_id)
            mark.pinned = pinned
            if pinned:
                mark.dismissed_on = None
                mark.dismissed_reason = ""
            repo.drop_if_blank(session, mark)

    # Postcodes ---------------------------------------------------------------

    def add_postcode_points(self, rows: Iterable[tuple[str, float, float]]) -> int:
        """Add or replace postcode locations, all in one transaction; returns the rows used.

        Rows whose postcode is not a UK postcode, or whose coordinates cannot be
        right, are skipped and not counted.
        """
        with self._db.transaction() as session:
            return repo.upsert_postcode_points(session, rows)

    def postcode_point(self, postcode: str) -> GeoPoint | None:
        """Where the postcode is, if the lookup table has it."""
        key = repo.postcode_key(postcode)
        if not key:
            return None
        with self._db.read() as session:
            return repo.postcode_point(session, key)

    # Helpers -----------------------------------------------------------------

    def _kinds(self) -> dict[str, tuple[str, ...]]:
        return {reason: tuple(kinds) for reason, kinds in self._reason_kinds().items()}

    @staticmethod
    def _check_person(session: Session, person_id: uuid.UUID) -> None:
        if not repo.person_exists(session, person_id):
            raise _no_person()

    @staticmethod
    def _check_asset(session: Session, asset_id: uuid.UUID) -> None:
        if repo.asset_name(session, asset_id) is None:
            raise errors.NotFound(
                "That asset is no longer in the directory.",
                "Refresh the suggestions and choose again.",
            )


def _no_person() -> errors.NotFound:
    return errors.NotFound(
        "That person is no longer on the caseload.", "Refresh the list and choose them again."
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
