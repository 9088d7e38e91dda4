"""The one check that a referral's consent to hold is recorded before more is kept.

The rule is in domain/keeping.py; every service that keeps something beyond the
referral calls :func:`require_consent_to_hold` inside its unit of work, so the
check and the write see the same referral.
"""

from __future__ import annotations

import datetime as dt

from linkworker import errors
from linkworker.data.models import Episode
from linkworker.data.unit_of_work import UnitOfWork
from linkworker.domain.keeping import Beyond
from linkworker.services.workers import recorded_by


class ConsentToHoldNeeded(errors.UserFacingError):
    """Something beyond the referral was to be kept before the person agreed to it."""

    title = "Not yet agreed to keep their record"

    def __init__(self, beyond: Beyond) -> None:
        super().__init__(
            f"They have not yet agreed to us keeping their record, so {beyond.words} "
            "cannot be kept yet. Nothing was saved.",
            "Ask them, and record their answer on the referral (Update referral). "
            "You can still book and record contacts about the referral.",
        )
        self.beyond = beyond


def require_consent_to_hold(episode: Episode, beyond: Beyond) -> None:
    """Refuse with :class:`ConsentToHoldNeeded` unless ``episode`` records consent to hold."""
    if not episode.consent_to_hold_given:
        raise ConsentToHoldNeeded(beyond)


def agree_to_hold(uow: UnitOfWork, episode: Episode, on: dt.date) -> bool:
    """Record that the person agreed today to us keeping their record; False if already given.

    Recorded by the worker signed in; the change reaches the audit trail with the
    rest of the unit of work.
    """
    if episode.consent_to_hold_given:
        return False
    episode.consent_to_hold_given = True
    episode.consent_to_hold_on = on
    episode.consent_to_hold_recorded_by = recorded_by(uow)
    return True
