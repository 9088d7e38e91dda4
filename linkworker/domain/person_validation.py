"""Checking what is typed about people, referrals and conversations.

Each ``validate_*`` returns every problem as a :class:`FieldError`, so a form can
show each one beside its field. NHS numbers follow the Modulus 11 rule (via the
``nhs-number`` package), with ``0000000000`` refused as well.
"""

from __future__ import annotations

import datetime as dt
import re

from nhs_number.validate import is_valid as nhs_checksum_ok

from linkworker.domain.people import (
    ConversationDraft,
    CrisisPlan,
    EpisodeDraft,
    EpisodeStatus,
    GpPractice,
    PersonDraft,
)
from linkworker.domain.validation import (
    FieldError,
    InvalidValue,
    parse_email,
    parse_phone,
    parse_postcode,
)

OLDEST_AGE = 120
#: A crisis plan's check back is within this many days of the conversation.
CHECK_BACK_WITHIN_DAYS = 7
#: The check back a new crisis plan suggests, in days.
DEFAULT_CHECK_BACK_DAYS = 2


def parse_nhs_number(text: str) -> str:
    """Ten digits (spaces and dashes allowed) passing the Modulus 11 check; "" stays ""."""
    cleaned = re.sub(r"[\s-]+", "", text)
    if not cleaned:
        return ""
    # Only ASCII digits: isdigit() is also true of '²' and of Arabic-Indic digits.
    if not re.fullmatch(r"[0-9]{10}", cleaned):
        raise InvalidValue(
            f"“{text.strip()}” is not an NHS number. It has 10 digits, often written 3, 3 and 4."
        )
    if cleaned == "0000000000":
        raise InvalidValue(
            "000 000 0000 is a placeholder, not an NHS number. Leave the box empty if the "
            "person has no NHS number or you do not know it."
        )
    if not nhs_checksum_ok(cleaned):
        raise InvalidValue(
            f"{format_nhs_number(cleaned)} is not a valid NHS number: the last digit does not "
            "match. Check it against a letter or the GP record."
        )
    return cleaned


def parse_ods_code(text: str) -> str:
    """A GP practice's ODS code in capitals (``a81001`` -> ``A81001``); "" stays ""."""
    cleaned = re.sub(r"\s+", "", text).upper()
    if cleaned and not re.fullmatch(r"[A-Z][0-9]{5}", cleaned):
        raise InvalidValue(
            f"“{text.strip()}” is not a GP practice code. It is a letter and five digits, "
            "such as A81001; leave it empty if you do not know it."
        )
    return cleaned


def practice_problems(practice: GpPractice) -> list[FieldError]:
    """Every problem in a GP practice's details (all empty is fine: none recorded)."""
    problems: list[FieldError] = []
    given = any(v.strip() for v in (practice.address, practice.postcode, practice.ods_code))
    if given and not practice.recorded:
        problems.append(FieldError("gp_practice.name", "Give the GP practice's name."))
    if len(practice.name) > 200:
        problems.append(FieldError("gp_practice.name", "This name is longer than 200 characters."))
    for field, parse in (("postcode", parse_postcode), ("ods_code", parse_ods_code)):
        value = getattr(practice, field)
        if value.strip():
            try:
                parse(value)
            except InvalidValue as exc:
                problems.append(FieldError(f"gp_practice.{field}", str(exc)))
    return problems


def normal_practice(practice: GpPractice) -> GpPractice:
    """A checked practice as it is kept: trimmed, the postcode and code normalised."""
    postcode = practice.postcode.strip()
    lines = (line.strip() for line in practice.address.splitlines())
    return GpPractice(
        name=practice.name.strip(),
        address="\n".join(line for line in lines if line),
        postcode=parse_postcode(postcode) if postcode else "",
        ods_code=parse_ods_code(practice.ods_code),
    )


def format_nhs_number(digits: str) -> str:
    """``9990000018`` -> ``999 000 0018`` (anything else is returned as it is)."""
    if len(digits) == 10 and digits.isdigit():
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return digits


def age_on(born: dt.date, today: dt.date) -> int:
    """Age in whole years: someone born 31 December 1903 is 120 until 31 December 2024."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def validate_person(draft: PersonDraft, today: dt.date | None = None) -> list[FieldError]:
    """Every problem in a person's details."""
    today = today or dt.date.today()
    errors: list[FieldError] = []

    def check(field: str, func: object, value: str) -> None:
        try:
            func(value)  # type: ignore[operator]
        except InvalidValue as exc:
            errors.append(FieldError(field, str(exc)))

    if not draft.given_name.strip() and not draft.preferred_name.strip():
        errors.append(FieldError("given_name", "Give a first name or the name they like to use."))
    for field in ("given_name", "family_name", "preferred_name"):
        if len(getattr(draft, field)) > 100:
            errors.append(FieldError(field, "This name is longer than 100 characters."))
    if draft.date_of_birth is not None:
        if draft.date_of_birth > today:
            errors.append(FieldError("date_of_birth", "The date of birth is in the future."))
        elif age_on(draft.date_of_birth, today) > OLDEST_AGE:
            errors.append(
                FieldError(
                    "date_of_birth", f"That would make them over {OLDEST_AGE}. Check the year."
                )
            )
    check("nhs_number", parse_nhs_number, draft.nhs_number)
    # Checked with no fixed address too: a postcode given then (a day centre's, a
    # hostel's) is still stored, searched and printed as one.
    if draft.postcode.strip():
        check("postcode", parse_postcode, draft.postcode)
    check("phone", parse_phone, draft.phone)
    check("email", parse_email, draft.email)
    for i, person in enumerate(draft.important_people):
        if not person.name.strip():
            errors.append(FieldError(f"important_people[{i}].name", "Give their name."))
    return errors + practice_problems(draft.gp_practice)


def validate_episode(draft: EpisodeDraft, today: dt.date | None = None) -> list[FieldError]:
    """Every problem in a referral."""
    today = today or dt.date.today()
    errors: list[FieldError] = []
    if draft.referral_date > today:
        errors.append(FieldError("referral_date", "The referral date is in the future."))
    if draft.status is EpisodeStatus.CLOSED:
        if draft.closing_reason is None:
            errors.append(FieldError("closing_reason", "Say why the support is closing."))
        if draft.closed_on is None:
            errors.append(FieldError("closed_on", "Give the date the support closed."))
    if draft.closed_on is not None and draft.closed_on < draft.referral_date:
        errors.append(FieldError("closed_on", "The closing date is before the referral date."))
    for field in ("consent_to_hold", "consent_share_gp", "consent_share_providers"):
        consent = getattr(draft, field)
        if consent.on is not None and consent.on > today:
            errors.append(FieldError(field, "The consent date is in the future."))
    return errors


def validate_conversation(
    draft: ConversationDraft, now: dt.datetime | None = None
) -> list[FieldError]:
    """Every problem in a conversation record."""
    now = now or dt.datetime.now()
    errors: list[FieldError] = []
    if draft.at > now + dt.timedelta(minutes=5):
        errors.append(FieldError("at", "The conversation is dated in the future."))
    if draft.minutes is not None and not 0 < draft.minutes <= 24 * 60:
        errors.append(FieldError("minutes", "Give the length in minutes, from 1 to 1440."))
    if draft.crisis is not None:
        errors += crisis_problems(draft.crisis, draft.at.date())
    return errors


def crisis_problems(plan: CrisisPlan, on: dt.date) -> list[FieldError]:
    """Every problem in a crisis plan made in a conversation on ``on``.

    It says what must change now to be safe; every step says what it is;
    someone checks back within :data:`CHECK_BACK_WITHIN_DAYS` days, not before
    the conversation; and a safeguarding concern says who was told.
    """
    errors: list[FieldError] = []
    if not plan.must_change.strip():
        errors.append(FieldError("crisis.must_change", "Say what must change now to be safe."))
    if any(not step.what.strip() for step in plan.steps):
        errors.append(FieldError("crisis.steps", "Say what each step of the plan is."))
    if plan.check_back_on is None:
        errors.append(FieldError("crisis.check_back_on", "Give a date to check back."))
    elif plan.check_back_on < on:
        errors.append(
            FieldError("crisis.check_back_on", "The check-back date is before the conversation.")
        )
    elif plan.check_back_on > on + dt.timedelta(days=CHECK_BACK_WITHIN_DAYS):
        errors.append(
            FieldError(
                "crisis.check_back_on",
                f"Check back within {CHECK_BACK_WITHIN_DAYS} days of the conversation.",
            )
        )
    if plan.safeguarding is True and not plan.told.strip():
        errors.append(
            FieldError(
                "crisis.told",
                "Say who was told about the safeguarding concern (the safeguarding lead, "
                "their GP…).",
            )
        )
    return errors
