"""Write the corpus's listings as an Open Referral UK 3.0 feed page: ``feed.json``.

    python bench/match_corpus/make_feed.py

Each listing becomes one service in the nested shape of ``/services/{id}``: its
organisation, a location (with its address, point, accessibility and languages) when
it has one, schedules, cost options, languages, a phone, and taxonomy terms as
attributes. Ids are fixed (derived from the listing's key), so running it again
gives the same file; the file is committed so a change to the table shows in review.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.match_corpus.listing_table import VOCABULARIES, Listing  # noqa: E402
from bench.match_corpus.listings import LISTINGS  # noqa: E402
from bench.match_corpus.places import PLACES  # noqa: E402

FEED = HERE / "feed.json"
NAMESPACE = uuid.UUID("0b7c58e1-52a4-4a55-8f43-6c1f4a1e9d21")
#: Codes the feed gives its languages by (a feed may give a code, a name or both).
LANGUAGE_CODES = {
    "Sylheti": "syl", "Bengali": "bn", "Polish": "pl", "Arabic": "ar", "Urdu": "ur",
    "British Sign Language": "bfi", "Cantonese": "yue", "Mandarin": "cmn", "Punjabi": "pa",
    "Kurdish": "ku", "Farsi": "fa", "English": "en",
}  # fmt: skip
_SESSION = re.compile(
    r"^(?P<nth>-?\d)?(?P<days>[A-Z]{2}(?:,[A-Z]{2})*) (?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$"
)


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def phone_for(index: int) -> str:
    """A number from the range Ofcom keeps for drama (01632 960000-960999)."""
    return f"01632 960{index % 1000:03d}"


def schedule(listing: Listing, spec: str) -> dict[str, Any]:
    row: dict[str, Any] = {"id": uid(listing.key, "schedule", spec)}
    if spec.startswith("~"):
        row["description"] = spec[1:]
        return row
    found = _SESSION.match(spec)
    if found is None:
        raise ValueError(f"{listing.key}: cannot read the session '{spec}'")
    nth = found.group("nth")
    days = found.group("days")
    row.update(
        freq="MONTHLY" if nth else "WEEKLY",
        interval=1,
        byday=",".join(f"{nth}{d}" for d in days.split(",")) if nth else days,
        opens_at=found.group("opens"),
        closes_at=found.group("closes"),
    )
    return row


def language_rows(listing: Listing) -> list[dict[str, Any]]:
    names = (*(("English",) if listing.english else ()), *listing.langs)
    if names == ("English",):
        return []  # most feeds say nothing when it is English
    return [
        {"id": uid(listing.key, "language", name), "name": name, "code": LANGUAGE_CODES[name]}
        for name in names
    ]


def service(listing: Listing, index: int) -> dict[str, Any]:
    key = listing.key
    phone = {"id": uid(key, "phone"), "number": phone_for(index)}
    record: dict[str, Any] = {
        "id": uid(key),
        "name": listing.name,
        "description": listing.text,
        "status": listing.status,
        "organization": {"id": uid("org", listing.org), "name": listing.org},
        "assured_date": listing.checked,
        "phones": [phone],
        "attributes": [],
        "schedules": [schedule(listing, spec) for spec in listing.when],
        "languages": language_rows(listing),
    }
    if not listing.phone_only:
        slug = re.sub(r"[^a-z]+", "", listing.org.lower())[:20]
        record["email"] = f"hello@{slug}.example.org"
    if listing.eligibility:
        record["eligibility_description"] = listing.eligibility
    if listing.join:
        record["application_process"] = listing.join
    elif listing.phone_only:
        record["application_process"] = "Phone us: we do not take bookings any other way."
    low, high = listing.ages
    if low is not None:
        record["minimum_age"] = low
    if high is not None:
        record["maximum_age"] = high
    if listing.cost is not None:
        record["cost_options"] = [
            {
                "id": uid(key, "cost"),
                "amount": listing.cost,
                "currency": "GBP",
                "amount_description": listing.cost_text or ("Free" if listing.cost == 0 else ""),
            }
        ]
        if listing.cost_text:
            record["fees_description"] = listing.cost_text
    for term in listing.terms:
        vocabulary, _, name = term.rpartition(":")
        record["attributes"].append(
            {
                "id": uid(key, "attribute", term),
                "taxonomy_term": {
                    "id": uid("term", term),
                    "name": name,
                    "taxonomy": VOCABULARIES[vocabulary],
                },
            }
        )
    if listing.place is not None:
        place = PLACES[listing.place]
        location: dict[str, Any] = {
            "id": uid(key, "location"),
            "name": place.name,
            "location_type": "physical",
            "latitude": place.latitude,
            "longitude": place.longitude,
            "addresses": [
                {
                    "id": uid(key, "address"),
                    "address_1": place.street,
                    "city": place.town,
                    "postal_code": place.postcode,
                    "country": "GB",
                    "address_type": "physical",
                }
            ],
        }
        if listing.access:
            location["accessibility"] = [
                {"id": uid(key, "accessibility"), "description": listing.access}
            ]
        record["service_at_locations"] = [
            {"id": uid(key, "service_at_location"), "location": location}
        ]
    if listing.interpreters:
        record["description"] += " Interpreters can be booked free of charge."
    return record


def page(listings: tuple[Listing, ...] = LISTINGS) -> dict[str, Any]:
    contents = [service(listing, i) for i, listing in enumerate(listings)]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def main() -> int:
    FEED.write_text(json.dumps(page(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(LISTINGS)} services to {FEED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
