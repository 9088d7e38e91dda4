"""A small invented Open Referral UK 3.0 feed whose services carry the terms local feeds use.

Every service, organisation and place here is invented. "Board games" and "Chess
club" are terms no default maps, so an import lists them for someone to map.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

#: (name, its taxonomy terms) for each service in the feed.
SERVICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tuesday Women's Circle", ("Women's group",)),
    ("Eastside Youth Club", ("Youth group",)),
    ("Shape Up Sessions", ("Weight management",)),
    ("Friday Social at the Hub", ("Social activity",)),
    ("Chess Corner", ("Chess club", "Board games")),
    ("Harbour Games Night", ("Board games", "Social activity")),
)
#: The terms no default maps, and how many listings carry each.
UNMAPPED = {"Board games": 2, "Chess club": 1}


def _service(n: int, name: str, terms: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=900 + n)),
        "name": name,
        "description": "An invented group that meets every week.",
        "status": "active",
        "organization": {"id": str(uuid.UUID(int=1900 + n)), "name": "Harbourside Community Trust"},
        "service_at_locations": [
            {
                "id": str(uuid.UUID(int=2900 + n)),
                "location": {
                    "id": str(uuid.UUID(int=3900 + n)),
                    "name": "Harbour Hall",
                    "addresses": [
                        {
                            "id": str(uuid.UUID(int=4900 + n)),
                            "address_1": f"{n} Quay Street",
                            "city": "Ellesmere Port",
                            "postal_code": "CH65 2AB",
                            "country": "GB",
                        }
                    ],
                },
            }
        ],
        "attributes": [
            {
                "id": str(uuid.UUID(int=5900 + 10 * n + i)),
                "taxonomy_term": {
                    "id": str(uuid.UUID(int=6900 + 10 * n + i)),
                    "name": term,
                    "taxonomy": "Harbourside activities",
                },
            }
            for i, term in enumerate(terms)
        ],
    }


def write_feed(path: Path) -> Path:
    """The feed as an ORUK 3.0 page of services, written to ``path``."""
    contents = [_service(n, name, terms) for n, (name, terms) in enumerate(SERVICES)]
    page = {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": contents,
    }
    path.write_text(json.dumps(page), encoding="utf-8")
    return path
