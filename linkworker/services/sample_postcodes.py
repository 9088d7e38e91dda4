"""Postcode locations for the demo, so its suggestions can say how far away things are.

``resources/sample_postcodes.json`` is a list of ``{"postcode", "latitude",
"longitude"}`` objects covering every postcode of the sample people and the
sample directory. The assets' own coordinates are reused; the rest are invented
but plausible points around Ellesmere Port, near others in the same sector.
"""

from __future__ import annotations

import importlib.resources
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkworker.services.matching import MatchingService

SAMPLE_FILE = "sample_postcodes.json"


def load_sample_postcodes() -> list[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for every postcode the demo uses."""
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath(SAMPLE_FILE)
        .read_text(encoding="utf-8")
    )
    return [
        (str(row["postcode"]), float(row["latitude"]), float(row["longitude"]))
        for row in json.loads(text)
    ]


def add_sample_postcodes(matching: MatchingService) -> int:
    """Put the sample postcodes in the lookup table (replacing the same ones); returns how many."""
    return matching.add_postcode_points(load_sample_postcodes())
