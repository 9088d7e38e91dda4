"""What the people csv tests share: rows and helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from linkworker.services.people_csv import (
    PeopleCsvPreview,
    read_people_csv,
)

TODAY = dt.date(2024, 6, 15)
NHS = ("9995752697", "9997945131", "9991045392", "9995251310", "9998355095", "9992554703")


def read(path: Path) -> PeopleCsvPreview:
    return read_people_csv(path, today=TODAY)


GOOD_ROWS = [
    {
        "given_name": "Morwenna",
        "family_name": "Quayle",
        "preferred_name": "Mo",
        "date_of_birth": "1948-02-29",
        "nhs_number": "999 575 2697",
        "postcode": "ch41 5ab",
        "address": "4 Brackenwood Row, Oxton",
        "phone": "01632 960123",
        "email": "mo.quayle@example.org",
        "referral_date": "15/01/2024",
        "referred_by": "GP (Dr Adebayo)",
        "referral_reasons": "Loneliness; money/debt; Bereavement",
        "interests": "Gardening; crosswords; gardening",
        "strengths": "Good listener; Makes a fine scone",
        "what_matters": "Getting back to the allotment.\nSeeing my grandson on Sundays.",
        "accessibility_needs": "Large print; hearing",
        "notes": 'Prefers mornings, "never before 10".',
    },
    {
        "given_name": "Tamsin",
        "family_name": "Ellery",
        "date_of_birth": "03/11/1990",
        "nhs_number": "9997945131",
        "postcode": "NFA",
        "referral_date": "2024-05-02",
        "referred_by": "self-referral",
    },
    {
        "given_name": "Bryn",
        "family_name": "Ashcombe",
        "phone": "07700 900456",
        "interests": "Woodwork",
    },
]
