"""Filling a throwaway demo folder so a newcomer sees a living app at once."""

from __future__ import annotations

from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.sample_data import load_sample_drafts


def fill_demo(paths: AppPaths) -> int:
    """Load the sample directory into the (new, empty) folder at ``paths``; returns assets added."""
    services = open_services(paths)
    try:
        added = 0
        if services.directory.is_empty():
            added = services.directory.add_many(load_sample_drafts())
        services.settings.set("welcome_done", True)
        services.settings.set("user_name", services.settings.get("user_name") or "Demo link worker")
        return added
    finally:
        services.close()
