"""Filling a throwaway demo folder so a newcomer sees a living app at once."""

from __future__ import annotations

from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.sample_data import load_sample_drafts
from linkworker.services.sample_people import (
    DEMO_LINK_WORKER,
    add_sample_people,
    load_sample_people,
)
from linkworker.services.sample_postcodes import add_sample_postcodes


def fill_demo(paths: AppPaths) -> int:
    """Fill the demo folder at ``paths`` with sample assets, people and plans; returns assets added.

    Each is added only when its part of the database is empty, so reopening the demo
    folder keeps whatever was changed there.
    """
    services = open_services(paths)
    try:
        added = 0
        if services.directory.is_empty():
            added = services.directory.add_many(load_sample_drafts())
        if services.people.count() == 0:
            add_sample_people(
                services.people,
                load_sample_people(),
                plans=services.plans,
                directory=services.directory,
            )
        add_sample_postcodes(services.matching)
        services.settings.set("welcome_done", True)
        services.settings.set("user_name", services.settings.get("user_name") or DEMO_LINK_WORKER)
        return added
    finally:
        services.close()
