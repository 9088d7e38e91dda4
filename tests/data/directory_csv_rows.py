"""What the directory csv tests share: rows and helpers."""

from __future__ import annotations

import datetime as dt

from linkworker.services.directory import DirectoryService

T = dt.time


def count(directory: DirectoryService) -> int:
    return directory.facets().total_assets


GOOD_ROWS = [
    {
        "name": "Wirral Walking Group",
        "organisation": "Wirral Ramblers",
        "description": 'Gentle walks, about 2 miles.\nTea afterwards, "on us".',
        "categories": "Walking; Exercise",
        "cost": "Free",
        "join_mode": "just turn up",
        "postcode": "ch47 2ab",
        "opening_times": "Tue 10:00-12:00; Thu 2pm-4pm",
        "accessibility": "step_free; Seating available",
        "waiting_list": "no",
        "last_verified_on": "2024-03-01",
    },
    {
        "name": "Men's Shed",
        "cost": "low cost",
        "cost_note": "£2 a session",
        "join_mode": "self referral",
        "age_min": "18",
        "postcode": "CH41 5AB",
        "opening_times": "Wednesdays 9:30am-1pm",
        "last_verified_on": "15/01/2024",
        "waiting_list": "yes",
    },
    {
        "name": "Debt advice clinic",
        "cost": "paid",
        "join_mode": "referral needed",
        "status": "paused",
        "website": "www.example.org/debt",
        "phone": "01632  960123",
        "contact_name": "Sam Jones",
        "contact_email": "sam@example.org",
    },
]
