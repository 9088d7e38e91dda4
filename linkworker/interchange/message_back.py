"""The message back to the GP as JSON, shaped by the sections of the PRSB Social
Prescribing Information Standard (v1.1): person demographics, GP practice, referral
details, assessments (name, result, subscales), plan and activities, coded events,
outcome and consent. The same content as the letter, for a system to read.

``schema_version`` names this shape; it changes whenever a field is added, renamed or
moved. Dates are ISO 8601 (YYYY-MM-DD); a value not known is null, a list with nothing
in it is empty.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from linkworker.domain.message_back import SCHEMA_VERSION, Assessment, MessageBack

#: What the document is, for whoever reads it without this module.
SCHEMA = "linkworker/social-prescribing-message-back"
STANDARD = "PRSB Social Prescribing Information Standard v1.1: message back to the GP and referrer"
SNOMED_CT = "http://snomed.info/sct"


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _assessment(assessment: Assessment) -> dict[str, Any]:
    return {
        "name": assessment.name,
        "timepoint": assessment.timepoint,
        "date": assessment.taken_on.isoformat(),
        "result": assessment.result,
        "subscales": [
            {"name": s.name, "value": s.value, "in_words": s.in_words} for s in assessment.subscales
        ],
    }


def message_back_json(letter: MessageBack) -> dict[str, Any]:
    """The message back as a JSON-ready dictionary, by the standard's sections."""
    practice = letter.practice
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "standard": STANDARD,
        "written": {
            "date": letter.written_on.isoformat(),
            "by": letter.written_by,
            "team": letter.team,
            "phone": letter.phone,
            "email": letter.email,
        },
        "person_demographics": {
            "name": letter.person_name,
            "date_of_birth": _day(letter.date_of_birth),
            "nhs_number": letter.nhs_number.replace(" ", "") or None,
        },
        "gp_practice": (
            {
                "name": practice.name,
                "address": [line.strip() for line in practice.address.splitlines() if line.strip()],
                "postcode": practice.postcode or None,
                "ods_code": practice.ods_code or None,
            }
            if practice.recorded
            else None
        ),
        "referral_details": {
            "date": letter.referral_date.isoformat(),
            "referrer": {"kind": letter.referred_by, "name": letter.referrer_name or None},
            "method": None,
            "reasons": list(letter.reasons),
            "urgency": letter.urgency,
            "referred_to": letter.team or "Social prescribing service",
        },
        "episode": {
            "referral_date": letter.referral_date.isoformat(),
            "first_contact_date": _day(letter.first_contact_on),
            "closed_date": _day(letter.closed_on),
            "status": "open" if letter.is_open else "closed",
        },
        "about_me": {"what_matters": letter.what_matters or None},
        "assessments": [_assessment(a) for a in letter.assessments],
        "assessment_changes": [
            {"name": s.name, "when": s.when, "lines": list(s.lines)} for s in letter.outcomes
        ],
        "plan": {
            "goals": [
                {
                    "goal": g.words,
                    "status": g.status,
                    "confidence_first": g.first_confidence,
                    "confidence_latest": g.latest_confidence,
                }
                for g in letter.goals
            ],
            "activities": [
                {"name": c.name, "status": c.status, "since": _day(c.since)}
                for c in letter.connections
            ],
        },
        "coded_events": [
            {"date": e.on.isoformat(), "system": SNOMED_CT, "code": e.code, "term": e.term}
            for e in letter.coded_events
        ],
        "outcome": {
            "status": "open" if letter.is_open else "closed",
            "closing_reason": letter.closing_reason or None,
            "closed_date": _day(letter.closed_on),
            "what_changed": list(letter.what_changed),
        },
        "consent": {
            "share_with_gp": True,
            "given_on": _day(letter.consent_on),
            "recorded_by": letter.consent_recorded_by or None,
        },
    }


def message_back_bytes(letter: MessageBack) -> bytes:
    """The message back as UTF-8 JSON text, indented for reading."""
    text = json.dumps(message_back_json(letter), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
