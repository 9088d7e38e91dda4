"""``linkworker referral add PERSON --reason R``: record a referral from a terminal.

For someone whose referral is still open it never replaces anything silently:
``--if-open add`` adds the reasons to the current referral, ``--if-open close``
closes it (``--closing-reason``, and ``--places keep-going|stopped`` for any
place still open in its plan) and starts a new one, ``--if-open both`` keeps
both open. Without ``--if-open`` it refuses and says so.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, TextIO

from linkworker import errors
from linkworker.cli.person_lookup import add_person_argument, find_person

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services

#: --consent's words and the referral's consents they give.
CONSENTS = {
    "hold": "consent_to_hold",
    "gp": "consent_share_gp",
    "providers": "consent_share_providers",
}
CLOSING_REASONS = ("referred_on", "goals_met", "moved", "disengaged", "other")


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``referral add PERSON``."""
    referral = commands.add_parser("referral", help="record a person's referrals")
    actions = referral.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="record a new referral")
    add_person_argument(add)
    add.add_argument(
        "--reason", action="append", default=[], metavar="REASON", help="a reason (repeatable)"
    )
    add.add_argument("--notes", default="", help="what the referrer said about the reasons")
    add.add_argument("--date", metavar="YYYY-MM-DD", help="the referral date (default today)")
    add.add_argument(
        "--referred-by",
        choices=("gp", "nurse", "pharmacist", "self", "other_service", "other"),
        default="gp",
    )
    add.add_argument("--referrer", default="", metavar="NAME", help="who referred them")
    add.add_argument(
        "--consent",
        action="append",
        default=[],
        choices=CONSENTS,
        help="a consent the person gave today (repeatable): hold (to keeping their record), "
        "gp (to sharing with their GP), providers (to sharing with places in their plan)",
    )
    add.add_argument(
        "--if-open",
        choices=("add", "close", "both"),
        help="when a referral is still open: add these reasons to it, close it and start "
        "a new one, or keep both open",
    )
    add.add_argument(
        "--closing-reason",
        choices=CLOSING_REASONS,
        default="referred_on",
        help="with --if-open close: why the current referral closes (default referred_on)",
    )
    add.add_argument(
        "--places",
        choices=("keep-going", "stopped"),
        help="with --if-open close: what happens to places still open in its plan",
    )
    add.set_defaults(handler=add_referral)


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise errors.UserFacingError(
            f"{text} is not a date.", "Give the referral date as YYYY-MM-DD."
        ) from None


def add_referral(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Record the referral, doing with an open one only what ``--if-open`` says."""
    from linkworker.domain.episodes import PlaceOutcome
    from linkworker.domain.journey import ReferralChoice
    from linkworker.domain.people import ClosingReason, Consent, EpisodeDraft, ReferrerKind
    from linkworker.services.episodes import Closing, PlacesStillOpen, ReferralChoiceNeeded

    person_id = find_person(args.person, services)
    name = services.people.get_person(person_id).draft.display_name
    draft = EpisodeDraft(
        person_id=person_id,
        referral_date=_day(args.date),
        referred_by=ReferrerKind(args.referred_by),
        referrer_name=args.referrer.strip(),
        reasons=tuple(r.strip() for r in args.reason if r.strip()),
        reason_notes=args.notes.strip(),
        link_worker=str(services.settings.get("user_name") or ""),
    )
    given: dict[str, Any] = {CONSENTS[c]: Consent(True, dt.date.today()) for c in args.consent}
    draft = dataclasses.replace(draft, **given)
    choice = ReferralChoice(args.if_open) if args.if_open else None
    current = services.episodes.open_episodes(person_id)[:1]
    closing = None
    if choice is ReferralChoice.CLOSE_AND_START:
        places = services.episodes.open_places(current[0].id) if current else ()
        outcome = PlaceOutcome.STOPPED if args.places == "stopped" else PlaceOutcome.KEEP_GOING
        closing = Closing(
            on=draft.referral_date,
            reason=ClosingReason(args.closing_reason),
            places=tuple((p.id, outcome) for p in places) if args.places else (),
            recorded_by=draft.link_worker,
        )
    try:
        saved = services.episodes.record_referral(draft, choice, closing)
    except ReferralChoiceNeeded as exc:
        raise errors.UserFacingError(
            f"{name} already has a referral open since {exc.since:%d %B %Y}. Nothing was saved.",
            "Run it again with --if-open add (add these reasons to it), --if-open close "
            "(close it and start a new one) or --if-open both (keep both open).",
        ) from None
    except PlacesStillOpen as exc:
        raise errors.UserFacingError(
            exc.message,
            "Run it again with --places keep-going or --places stopped.",
        ) from None
    reasons = ", ".join(saved.draft.reasons) or "no reasons given"
    if choice is ReferralChoice.ADD_TO_CURRENT and current:
        print(
            f"Added to {name}'s referral of {saved.draft.referral_date:%d %B %Y}: {reasons}.",
            file=out,
        )
    else:
        print(
            f"Recorded a referral for {name} on {draft.referral_date:%d %B %Y}: {reasons}.",
            file=out,
        )
    return 0
