"""Value types for the record of documents printed or saved for a person."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class DocumentKind(enum.StrEnum):
    """A document made about a person."""

    MY_PLAN = "my_plan"
    PROVIDER_REFERRAL = "provider_referral"
    GP_LETTER = "gp_letter"

    @property
    def label(self) -> str:
        return {
            "my_plan": "My plan",
            "provider_referral": "Referral to a provider",
            "gp_letter": "Letter to their GP",
        }[self.value]


class DocumentAction(enum.StrEnum):
    """What was done with it."""

    PRINTED = "printed"
    SAVED = "saved"

    @property
    def label(self) -> str:
        return {"printed": "Printed", "saved": "Saved as PDF"}[self.value]


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One document printed or saved for a person: what, when, by whom, in which form."""

    kind: DocumentKind
    action: DocumentAction
    at: dt.datetime
    recorded_by: str = ""
    #: The print options in plain words, e.g. "large print, easy read"; "" for standard.
    options: str = ""
    #: For a referral, the place it went to.
    detail: str = ""
