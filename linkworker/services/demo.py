"""Filling a throwaway demo folder so a newcomer sees a living app at once."""

from __future__ import annotations

from linkworker.domain.workers import Worker
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.services.encryption import unlock
from linkworker.services.sample_closing import add_sample_giving_back
from linkworker.services.sample_data import load_sample_drafts
from linkworker.services.sample_history import add_sample_history
from linkworker.services.sample_journey import add_demo_journey
from linkworker.services.sample_outcomes import add_sample_outcomes
from linkworker.services.sample_people import (
    DEMO_LINK_WORKER,
    add_sample_people,
    load_sample_people,
)
from linkworker.services.sample_postcodes import add_sample_postcodes

#: The demo worker's PIN, shown on the demo's lock screen (the demo's data is invented).
DEMO_PIN = "246810"


def sign_in_demo(services: Services) -> Worker | None:
    """Sign the demo's sample worker in, as a newcomer would with the PIN on screen."""
    return services.workers.sign_in(DEMO_LINK_WORKER, DEMO_PIN)


def fill_demo(paths: AppPaths, passphrase: str | None = None) -> int:
    """Fill the demo folder at ``paths`` with sample assets, people, plans and a working week.

    Returns the assets added. ``passphrase``: the folder is encrypted under it (None: plain).

    Each is added only when its part of the database is empty, so reopening the demo
    folder keeps whatever was changed there.
    """
    data_key = unlock(paths, passphrase) if passphrase is not None else None
    services = open_services(paths, key=data_key)
    try:
        added = 0
        if services.directory.is_empty():
            added = services.directory.add_many(load_sample_drafts())
        if services.people.count() == 0:
            samples = load_sample_people()
            add_sample_people(
                services.people,
                samples,
                plans=services.plans,
                directory=services.directory,
            )
            add_demo_journey(services.people, services.plans, services.directory, services.units)
            add_sample_outcomes(services.people, services.outcomes)
            add_sample_giving_back(services.people, services.directory, services.units)
            add_sample_history(services, {s.person.nhs_number for s in samples})
        add_sample_postcodes(services.matching)
        services.settings.set("welcome_done", True)
        if not services.workers.any_workers():
            services.workers.add_first(DEMO_LINK_WORKER, DEMO_PIN)
        # An invented team and contact (01632 960xxx is a range kept for drama), so
        # printed plans in the demo show how to reach the link worker.
        for key, value in (
            ("user_name", DEMO_LINK_WORKER),
            ("team_name", "Ellesmere Port Social Prescribing Team"),
            ("user_phone", "01632 960000"),
            ("user_email", "linkworkers@example.org"),
        ):
            services.settings.set(key, services.settings.get(key) or value)
        return added
    finally:
        services.close()
