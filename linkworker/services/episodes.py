"""A person's episodes over the years: a referral arriving while one is open, how a
referral was answered, closing with places still open, and earlier episodes read back.

Nothing here replaces an open episode without being told what to do with it:
:meth:`EpisodeService.record_referral` refuses with :class:`ReferralChoiceNeeded`
until it is given a :class:`~linkworker.domain.journey.ReferralChoice`, and closing
refuses with :class:`PlacesStillOpen` until every place still open in the plan has
an answer (still going on their own, or stopped), recorded as a dated change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from linkworker import errors
from linkworker.data import people_repo as repo
from linkworker.data import plan_repo
from linkworker.data.models import Episode, utcnow
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.closing import GivingBackDraft, Story
from linkworker.domain.episodes import (
    PlaceOutcome,
    answered,
    closing_problems,
    reasons_note,
    response_problems,
    unanswered_places,
)
from linkworker.domain.journey import (
    ContactDetail,
    ReferralChoice,
    ReferralResponse,
    merged_reasons,
)
from linkworker.domain.keeping import Beyond
from linkworker.domain.people import (
    ClosingReason,
    ConversationDetail,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
)
from linkworker.domain.person_validation import validate_episode
from linkworker.domain.plan import AssetReferralDetail, PlanDetail
from linkworker.domain.validation import FieldError
from linkworker.services import workers
from linkworker.services.codes import record_codes
from linkworker.services.conflicts import check_version
from linkworker.services.keeping import require_consent_to_hold
from linkworker.services.people import InvalidPerson
from linkworker.services.workers import consents_recorded


class ReferralChoiceNeeded(errors.UserFacingError):
    """A referral was recorded for someone whose episode is still open, with no choice made."""

    title = "A referral is still open"

    def __init__(self, since: dt.date) -> None:
        super().__init__(
            f"This person already has a referral open since {since:%d %B %Y}. Nothing was saved.",
            "Choose whether to add these reasons to it, close it and start a new one, "
            "or keep both open.",
        )
        self.since = since


class PlacesStillOpen(errors.UserFacingError):
    """Closing an episode whose plan has places still open, without saying what happens."""

    title = "Places are still open in the plan"

    def __init__(self, places: Sequence[AssetReferralDetail]) -> None:
        names = ", ".join(p.asset_name for p in places)
        super().__init__(
            f"The plan still has places open: {names}. Nothing was saved.",
            "Say for each whether they are still going on their own or have stopped.",
        )
        self.places = tuple(places)


class AlreadyClosed(errors.UserFacingError):
    """Closing a referral that is closed already."""

    title = "This referral is already closed"

    def __init__(self, on: dt.date | None) -> None:
        when = f" on {on:%d %B %Y}" if on else ""
        super().__init__(
            f"This referral was closed{when}. Nothing was saved.",
            "To change how it closed, open it with Update referral.",
        )


@dataclass(frozen=True, slots=True)
class Closing:
    """How an episode closes, and what happens to each place still open in its plan."""

    on: dt.date
    #: None only while a form is being filled in: closing refuses it.
    reason: ClosingReason | None
    note: str = ""
    #: (asset referral id, what happens to it) for every place still open.
    places: tuple[tuple[uuid.UUID, PlaceOutcome], ...] = ()
    recorded_by: str = ""
    #: The person's story in their words, with their answer about sharing it.
    story: Story = dataclasses.field(default_factory=Story)
    #: Ways the person has come to support others, recorded with this closing.
    helpers: tuple[GivingBackDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    """One episode read back whole: the referral, its plan and its conversations."""

    episode: EpisodeDetail
    plan: PlanDetail
    #: Newest first.
    conversations: tuple[ConversationDetail, ...]
    #: The contacts booked in it and what happened, in time order.
    contacts: tuple[ContactDetail, ...] = ()


class EpisodeService:
    """Recording referrals, answering them, closing them, and reading earlier ones."""

    def __init__(self, units: UnitsOfWork, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._units = units
        self._today = today

    # Reading -------------------------------------------------------------------

    def open_episodes(self, person_id: uuid.UUID) -> tuple[EpisodeDetail, ...]:
        """The person's open episodes, the current one first, then the others oldest first."""
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            ids = uow.plans.open_episode_ids(person_id)
            return tuple(repo.to_episode_detail(self._episode(uow, i)) for i in ids)

    def open_places(self, episode_id: uuid.UUID) -> tuple[AssetReferralDetail, ...]:
        """The places in this episode's plan still open (suggested to still going)."""
        with self._units.read() as uow:
            plan = uow.plans.plan_detail(self._episode(uow, episode_id))
            return tuple(r for r in plan.referrals if r.draft.status.is_open)

    def record(self, episode_id: uuid.UUID) -> EpisodeRecord:
        """One episode with its plan and conversations, to read back."""
        with self._units.read() as uow:
            episode = self._episode(uow, episode_id)
            person = uow.people.detail(episode.person_id)
            if person is None:
                raise errors.person_gone()
            return EpisodeRecord(
                episode=repo.to_episode_detail(episode),
                plan=uow.plans.plan_detail(episode),
                conversations=tuple(
                    c for c in person.conversations if c.draft.episode_id == episode.id
                ),
                contacts=tuple(uow.contacts.of_episode(episode.id)),
            )

    # Writing -------------------------------------------------------------------

    def record_referral(
        self,
        draft: EpisodeDraft,
        choice: ReferralChoice | None = None,
        closing: Closing | None = None,
        into: uuid.UUID | None = None,
    ) -> EpisodeDetail:
        """Record a new referral; when one is open, do what ``choice`` says, in one write.

        ADD_TO_CURRENT adds the reasons (each once) and the notes (dated) to the
        current episode and changes nothing else in it; CLOSE_AND_START closes the
        current one as ``closing`` says (places still open included) and starts
        the new one; KEEP_BOTH starts the new one beside it. With no episode open
        the referral is simply recorded and ``choice`` is not needed. ``into``
        names which open episode is "the current one" when the worker is looking
        at another of two open; by default it is the house rule's. Returns the
        episode the reasons are now in.
        """
        self._check(draft)
        with self._units.write() as uow:
            self._check_person(uow, draft.person_id)
            open_ids = uow.plans.open_episode_ids(draft.person_id)  # the current one first
            if not open_ids:
                return self._start(uow, draft)
            current = self._episode(uow, into if into in open_ids else open_ids[0])
            if choice is None:
                raise ReferralChoiceNeeded(current.referral_date)
            if choice is ReferralChoice.ADD_TO_CURRENT:
                return self._add_to(uow, current, draft)
            if choice is ReferralChoice.CLOSE_AND_START:
                if closing is None:
                    raise InvalidPerson(
                        [FieldError("closing_reason", "Say why the current referral is closing.")],
                        what="referral details",
                    )
                self._close(uow, current, closing)
            return self._start(uow, draft)

    def save_episode(
        self,
        draft: EpisodeDraft,
        places: Sequence[tuple[uuid.UUID, PlaceOutcome]] = (),
        recorded_by: str = "",
    ) -> EpisodeDetail:
        """Change a referral as the referral form does; closing one asks about its places.

        An answer of declined or not taken up closes it that day with that reason.
        Closing an open episode whose plan has places still open raises
        :class:`PlacesStillOpen` unless ``places`` says what happens to each (the
        changes are recorded by ``recorded_by``, else by the referral's link worker).
        """
        if draft.id is None:
            return self.record_referral(draft)
        with self._units.write() as uow:
            self._check_person(uow, draft.person_id)
            episode = self._episode(uow, draft.id)
            check_version(
                "This referral",
                episode,
                draft,
                lambda: repo.to_episode_detail(episode).draft,
                person_id=episode.person_id,
            )
            return self._save(uow, episode, draft, places, recorded_by or draft.link_worker)

    def respond(
        self,
        episode_id: uuid.UUID,
        response: ReferralResponse,
        on: dt.date,
        declined_reason: str = "",
        places: Sequence[tuple[uuid.UUID, PlaceOutcome]] = (),
        recorded_by: str = "",
    ) -> EpisodeDetail:
        """Record how the referral was answered, on ``on``.

        Accepted is dated and closes nothing. Declined by the person (with
        their reason) and not taken up close the episode with that reason;
        places still open need an answer each, as for any closing.
        """
        with self._units.write() as uow:
            episode = self._episode(uow, episode_id)
            stored = repo.to_episode_detail(episode).draft
            declined = response is ReferralResponse.DECLINED
            draft = dataclasses.replace(
                stored,
                response=response,
                responded_on=on,
                declined_reason=declined_reason.strip() if declined else "",
            )
            return self._save(uow, episode, draft, places, recorded_by)

    def close(self, episode_id: uuid.UUID, closing: Closing) -> EpisodeDetail:
        """Close an open referral as ``closing`` says, in one write.

        Refuses a referral already closed (:class:`AlreadyClosed`), a closing with
        problems (:class:`~linkworker.services.people.InvalidPerson`: its day, its
        reason, a story with no consent answer, a helper role with no place) and
        places still open without an answer (:class:`PlacesStillOpen`). The story's
        consent is dated the closing day and recorded by the closer unless given.
        """
        with self._units.write() as uow:
            return self._close_checked(uow, episode_id, closing)

    def close_many(self, closings: Sequence[tuple[uuid.UUID, Closing]]) -> int:
        """Close each referral as its closing says, as :meth:`close` does, in one write:
        all of them, or none. Returns how many."""
        with self._units.write() as uow:
            for episode_id, closing in closings:
                self._close_checked(uow, episode_id, closing)
        return len(closings)

    # Inside a unit of work -------------------------------------------------------

    def _close_checked(
        self, uow: UnitOfWork, episode_id: uuid.UUID, closing: Closing
    ) -> EpisodeDetail:
        episode = self._episode(uow, episode_id)
        if not EpisodeStatus(episode.status).is_open:
            raise AlreadyClosed(episode.closed_on)
        problems = closing_problems(
            episode.referral_date,
            closing.on,
            closing.reason,
            closing.story,
            closing.helpers,
            self._today(),
        )
        if problems:
            raise InvalidPerson(problems, what="closing of the referral")
        if closing.story.told or closing.helpers:
            require_consent_to_hold(episode, Beyond.STORY)
        return self._close(uow, episode, closing)

    def _save(
        self,
        uow: UnitOfWork,
        episode: Episode,
        draft: EpisodeDraft,
        places: Sequence[tuple[uuid.UUID, PlaceOutcome]],
        recorded_by: str,
    ) -> EpisodeDetail:
        draft = answered(draft)
        today = self._today()
        problems = validate_episode(draft, today) + response_problems(draft, today)
        if problems:
            raise InvalidPerson(problems, what="referral details")
        if draft.status is EpisodeStatus.CLOSED and episode.status != EpisodeStatus.CLOSED.value:
            by = workers.recorded_by(uow, recorded_by)
            self._settle_places(uow, episode, places, draft.closed_on or today, by)
        return self._write(uow, episode, draft)

    def _start(self, uow: UnitOfWork, draft: EpisodeDraft) -> EpisodeDetail:
        episode = uow.people.add(Episode(id=uuid.uuid4()))
        return self._write(uow, episode, dataclasses.replace(draft, id=None, version=None))

    def _add_to(self, uow: UnitOfWork, current: Episode, draft: EpisodeDraft) -> EpisodeDetail:
        stored = repo.to_episode_detail(current).draft
        merged = dataclasses.replace(
            stored,
            reasons=merged_reasons(stored.reasons, draft.reasons),
            reason_notes=reasons_note(stored.reason_notes, draft.reason_notes, draft.referral_date),
        )
        return self._write(uow, current, merged)

    def _close(self, uow: UnitOfWork, episode: Episode, closing: Closing) -> EpisodeDetail:
        stored = repo.to_episode_detail(episode).draft
        by = workers.recorded_by(uow, closing.recorded_by)
        story = closing.story
        if story.consent is not None:
            story = dataclasses.replace(
                story,
                consent_on=story.consent_on or closing.on,
                recorded_by=story.recorded_by.strip() or by,
            )
        closed = dataclasses.replace(
            stored,
            status=EpisodeStatus.CLOSED,
            closed_on=closing.on,
            closing_reason=closing.reason,
            closing_note=closing.note.strip(),
            next_contact_on=None,
            story=story if story.told or story.consent is not None else stored.story,
        )
        self._check(closed)
        self._settle_places(uow, episode, closing.places, closing.on, by)
        for helper in closing.helpers:
            if helper.asset_id is not None:  # the directory's name for it, as it is today
                name = uow.matching.asset_name(helper.asset_id)
                helper = dataclasses.replace(helper, place_name=name or helper.place_name)
            uow.giving_back.add(episode.person_id, episode.id, helper, by)
        return self._write(uow, episode, closed)

    def _settle_places(
        self,
        uow: UnitOfWork,
        episode: Episode,
        answers: Sequence[tuple[uuid.UUID, PlaceOutcome]],
        on: dt.date,
        recorded_by: str,
    ) -> None:
        """Record what happens to each place still open; refuse if one has no answer."""
        plan = uow.plans.plan_detail(episode)
        still_open = [r for r in plan.referrals if r.draft.status.is_open]
        given = dict(answers)
        missing = unanswered_places((r.id for r in still_open), given)
        if missing:
            raise PlacesStillOpen([r for r in still_open if r.id in missing])
        now = utcnow()
        for place in still_open:
            outcome = given[place.id]
            if place.draft.status is outcome.status:
                continue  # still going already: nothing changed, nothing to record
            row = uow.plans.load_referral(place.id)
            if row is None:
                continue
            day = max(on, row.status_on or on)
            plan_repo.add_change(
                row, outcome.status, day, "When the referral closed", recorded_by, now
            )

    @staticmethod
    def _write(uow: UnitOfWork, episode: Episode, draft: EpisodeDraft) -> EpisodeDetail:
        detail = uow.people.write_episode(episode, consents_recorded(uow, draft))
        record_codes(uow, episode)
        return detail

    def _check(self, draft: EpisodeDraft) -> None:
        problems = validate_episode(draft, self._today())
        if problems:
            raise InvalidPerson(problems, what="referral details")

    @staticmethod
    def _episode(uow: UnitOfWork, episode_id: uuid.UUID) -> Episode:
        episode = uow.plans.episode(episode_id)
        if episode is None:
            raise errors.referral_gone()
        return episode

    @staticmethod
    def _check_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
        if not uow.people.person_exists(person_id):
            raise errors.person_gone()
