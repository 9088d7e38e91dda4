"""What :func:`~linkworker.domain.episodes.current_episode` needs of a person's episodes.

One query, shared by the plan and people repositories, so the Plan tab and
the caseload follow the same episode.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from linkworker.data.models import AssetReferral, Contact, Conversation, Episode, Goal
from linkworker.domain.episodes import EpisodeStanding
from linkworker.domain.people import EpisodeStatus


def episode_standings(session: Session, person_id: uuid.UUID) -> list[EpisodeStanding]:
    """Each of the person's episodes with whether anything has been done in it yet."""
    done = or_(
        *(
            exists().where(model.episode_id == Episode.id)
            for model in (Goal, AssetReferral, Contact, Conversation)
        ),
    )
    rows = session.execute(
        select(
            Episode.id,
            Episode.status,
            Episode.referral_date,
            Episode.created_at,
            done.label("has_plan"),
        ).where(Episode.person_id == person_id)
    ).all()
    return [
        EpisodeStanding(
            id=r.id,
            status=EpisodeStatus(r.status),
            referral_date=r.referral_date,
            created_at=r.created_at,
            has_plan=bool(r.has_plan),
        )
        for r in rows
    ]
