"""What a printed document says: frozen snapshots of plain words, dates and tuples.

A snapshot is built from the record (``snapshot_builders``) at the moment of
printing, already in the words the page uses ("Just turn up", "Free",
"Tuesday, 10am to 12 noon"), so a renderer only lays it out, and a test can
build one by hand. An empty string or tuple means "leave it out": the renderers
print no heading for a section with nothing in it.

Importing this module does not import ReportLab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """How the person likes to read.

    ``large_print``: body text 16 pt or more with generous spacing.
    ``high_contrast``: black on white only, heavier lines, no tints or grey text.
    ``easy_read``: short lines, one idea per line, a picture beside each item.
    The three combine freely.
    """

    large_print: bool = False
    high_contrast: bool = False
    easy_read: bool = False


@dataclass(frozen=True, slots=True)
class WorkerContact:
    """The link worker, and how to reach them."""

    name: str
    team: str = ""
    phone: str = ""
    email: str = ""


# --- My plan -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One next step: what, who does it ("me", "my link worker", "my daughter Sarah"), by when."""

    what: str
    who: str = ""
    by: dt.date | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class PlanGoal:
    """A goal in the person's words; ``confidence`` is the latest 0-10 rating."""

    words: str
    steps: tuple[PlanStep, ...] = ()
    confidence: int | None = None
    achieved: bool = False


@dataclass(frozen=True, slots=True)
class PlanPlace:
    """A place or group the person is going to try, in plain words.

    ``where`` holds one line per meeting place; ``when`` one line per session.
    ``progress`` says where things have got to ("I've agreed to try this").
    """

    name: str
    what_happens: str = ""
    where: tuple[str, ...] = ()
    getting_there: str = ""
    when: tuple[str, ...] = ()
    cost: str = ""
    what_to_expect: tuple[str, ...] = ()
    how_to_join: str = ""
    contact: tuple[str, ...] = ()
    going_with: str = ""
    progress: str = ""


@dataclass(frozen=True, slots=True)
class SupportPerson:
    """Someone on the person's side."""

    name: str
    relationship: str = ""
    contact: str = ""


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """The person's own copy of their plan. No codes, no NHS number, no notes, no risk."""

    name: str
    printed_on: dt.date
    worker: WorkerContact
    what_matters: str = ""
    strengths: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    goals: tuple[PlanGoal, ...] = ()
    places: tuple[PlanPlace, ...] = ()
    people: tuple[SupportPerson, ...] = ()
    next_appointment: dt.date | None = None


# --- Referral to a provider ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferralSnapshot:
    """What a provider is sent about one person: only what sharing covers.

    ``contact`` holds lines such as "Phone: 07700 900123" and "Best to: Text
    message"; ``practical`` the needs that change how the person is welcomed
    (access, language, someone coming with them); ``reason`` is in their words.
    ``age`` is given only when the provider has an age limit.
    """

    asset_name: str
    person_name: str
    printed_on: dt.date
    worker: WorkerContact
    organisation: str = ""
    preferred_name: str = ""
    age: int | None = None
    contact: tuple[str, ...] = ()
    address: str = ""
    reason: str = ""
    practical: tuple[str, ...] = ()
    consent: str = ""


# --- Directory sheets ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AssetSheet:
    """One community asset, as a page to leave in a hub or hand over.

    ``status`` is "" while it runs normally, else a plain warning
    ("Paused at the moment"). ``last_checked`` is the date someone last
    confirmed it still runs.
    """

    name: str
    printed_on: dt.date
    organisation: str = ""
    status: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    cost: str = ""
    how_to_join: str = ""
    who_for: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    waiting: str = ""
    contacts: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    last_checked: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Booklet:
    """Several assets for a category or an area, with a contents list."""

    title: str
    printed_on: dt.date
    sheets: tuple[AssetSheet, ...] = ()
    introduction: str = ""
