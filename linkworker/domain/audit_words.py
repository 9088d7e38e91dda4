"""The audit trail in plain words: "Changed referral: status waiting → active".

One place for the sentences, read by the audit view in the window and by the copy of
their record a person is given (subject access). ``tr`` translates each phrase where
the caller has translations (the window); elsewhere the words are used as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _same(text: str) -> str:
    return text


#: What each table or subject is called in the trail's sentences.
SUBJECT_WORDS = {
    "person": "person's record",
    "people": "people",
    "episode": "referral",
    "conversation": "conversation",
    "contact": "booked contact",
    "person_flag": "risk flag",
    "important_person": "important person",
    "goal": "goal",
    "goal_rating": "confidence rating",
    "asset_referral": "place in a plan",
    "asset_referral_change": "place's progress",
    "match_preference": "what suits them",
    "match_mark": "pinned or set-aside place",
    "document_log": "record of documents",
    "my_plan": "their plan",
    "provider_referral": "referral to a provider",
    "gp_letter": "letter to their GP",
    "asset": "directory listing",
    "directory": "directory",
    "directory_source": "directory source",
    "taxonomy": "what a taxonomy term means",
    "taxonomy_mapping": "taxonomy term",
    "calendar": "calendar of booked contacts",
    "audit trail": "audit trail",
    "team database": "everything, to or from the team database",
    "day away": "a day's work away from the team database",
    "handover": "hand-over",
    "caseload": "caseload",
}

#: The sentence for each action; {subject} is the plain word for what it was done to.
ACTION_WORDS = {
    "view": "Viewed record",
    "create": "Added {subject}",
    "change": "Changed {subject}",
    "delete": "Removed {subject}",
    "print": "Printed {subject}",
    "export": "Exported {subject}",
    "import": "Imported {subject}",
    "merge": "Merged two directory listings",
    "erase": "Erased a person's record",
    "sign-in": "Signed in",
    "sign-in-failed": "A sign-in failed (wrong PIN or passphrase)",
    "lock": "Locked the window",
    "unlock": "Unlocked the window",
    "sign-out": "Signed out",
    "worker-added": "Set up a worker's sign-in",
    "secret-changed": "Changed their own PIN",
    "secret-reset": "Gave a worker a new PIN",
    "worker-archived": "Archived a worker who left",
    "subject-access": "Gave a person a copy of their record",
    "report": "Made the {subject}",
    "merge-edits": "Saved two versions of the {subject}, merged",
    "hand-over": "Handed a person to another link worker",
    "role-changed": "Changed what a worker may do (their role)",
    "refused": "Refused (their role does not allow it): {subject}",
}

#: The actions a filter offers, in this order.
ACTIONS = tuple(ACTION_WORDS)


def _value(value: Any, _tr: Callable[[str], str]) -> str:
    if value is None or value == "":
        return _tr("none")
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    return str(value).replace("_", " ")


def _field(name: str, _tr: Callable[[str], str]) -> str:
    return _tr(name.replace("_", " "))


def describe(action: str, subject: str, detail: str, _tr: Callable[[str], str] = _same) -> str:
    """An entry's action, subject and detail (JSON text) in plain words."""
    try:
        found = json.loads(detail) if detail else {}
    except ValueError:
        found = {}
    details: dict[str, Any] = found if isinstance(found, dict) else {}
    subject = _tr(SUBJECT_WORDS.get(subject, subject.replace("_", " ")))
    if action == "print" and details.get("done") == "saved":
        sentence = _tr("Saved {subject} as a file")
    else:
        sentence = _tr(ACTION_WORDS.get(action, action.capitalize()))
    words = sentence.format(subject=subject)
    parts: list[str] = []
    changes = details.get("changes") if isinstance(details.get("changes"), dict) else {}
    for name, pair in (changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            parts.append(f"{_field(name, _tr)} {_value(pair[0], _tr)} → {_value(pair[1], _tr)}")
    others = [f for f in details.get("fields", []) if f not in (changes or {})]
    if others:
        named = ", ".join(_field(field, _tr) for field in others)
        parts.append(_tr("also changed: {fields}").format(fields=named) if parts else named)
    if isinstance(details.get("rows"), int):
        rows = details["rows"]
        parts.append(_tr("1 row") if rows == 1 else _tr("{rows} rows").format(rows=f"{rows:,}"))
    elif action in ("report", "export") and isinstance(details.get("period"), str):
        parts.append(_tr("for {period}").format(period=details["period"]))
    elif action == "merge-edits":
        for key, label in (("kept_mine", "kept their own"), ("took_theirs", "took the other")):
            if details.get(key):
                named = ", ".join(_field(f, _tr) for f in str(details[key]).split(","))
                parts.append(_tr(label + ": {fields}").format(fields=named))
    elif action == "import" and "created" in details:
        parts.append(
            _tr("{created} added, {updated} updated").format(
                created=details.get("created", 0), updated=details.get("updated", 0)
            )
        )
    return f"{words}: {'; '.join(parts)}" if parts else words
