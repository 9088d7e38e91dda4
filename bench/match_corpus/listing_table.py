"""The kinds of fact the corpus's listings are written from, and how the feed spells them.

A :class:`Listing` holds what is true of an invented service, in the bench's own
terms: the feed (``make_feed.py``) writes it as Open Referral UK 3.0, and the bench's
grader reads the same facts to judge what a person could not go to. Neither reads
the app's own mapping of the feed.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Vocabularies the terms come from, by the short names the table uses.
VOCABULARIES = {
    "oruk": "openReferralServiceTypes",
    "lga": "esdServiceTypes",
    "need": "esdNeeds",
    "circ": "esdCircumstances",
    "": "",
}


@dataclass(frozen=True)
class Listing:
    """One invented service, as true facts (see the module's docstring).

    ``terms``: ``"vocabulary:Term"`` or a free term. ``when``: weekly sessions
    ``"TU 10:00-12:00"`` (``"MO,WE ..."`` for several days, ``"1TU ..."`` for the first
    Tuesday of the month), or ``"~words"`` for a schedule only said in words.
    ``place``: a key of ``PLACES``, or None for no location (phone, home or online).
    ``needs``: the person must have one of these facts (carer, bereaved, dementia...).
    ``cost``: pounds a session, 0 for free, None when the feed does not say.
    ``step_free``: True, False, or None when not stated. ``langs``: languages it is
    run in as well as (or, with ``english=False``, instead of) English.
    ``phone_only``: the only way to take part or book is a voice call.
    """

    key: str
    name: str
    org: str
    text: str
    terms: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    place: str | None = "civic"
    status: str = "active"
    ages: tuple[int | None, int | None] = (None, None)
    gender: str = ""
    needs: tuple[str, ...] = ()
    eligibility: str = ""
    cost: float | None = 0
    cost_text: str = ""
    step_free: bool | None = None
    access: str = ""
    langs: tuple[str, ...] = ()
    english: bool = True
    interpreters: bool = False
    phone_only: bool = False
    checked: str = "2026-09-14"
    join: str = ""


def terms(*names: str) -> tuple[str, ...]:
    return names


L = Listing
