"""User settings, kept as a small JSON file in the configuration folder.

Writes are atomic (a temporary file renamed over the old one), so a crash or
a full disk never leaves a half-written settings file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from linkworker.paths import make_file_private, private_dir

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "user_name": "",
    "team_name": "",
    "user_phone": "",
    "user_email": "",
    "stale_months": 12,
    "welcome_done": False,
    "window_geometry": "",
    "referral_reasons": [],
    "reason_kinds": {},
    #: The team's emergency numbers, shown in a crisis conversation: [[who, number], ...].
    "emergency_numbers": [],
    #: Today lists people with no contact for this many weeks.
    "quiet_weeks": 6,
    #: Today lists places referred to with no news for this many days.
    "no_news_days": 21,
    #: The window locks after this many minutes with no keyboard or mouse input (1 to 60).
    "idle_lock_minutes": 5,
    #: Records are kept this many years after a person's last episode closes; it should
    #: match the practice's records policy.
    "retention_years": 8,
    #: Exports (CSV, JSON, PDF, calendar) readable by the user's group too; else by them alone.
    "exports_shared_with_group": False,
}


def referral_reasons(settings: SettingsStore) -> tuple[str, ...]:
    """The team's list of referral reasons, or the usual list when none is set."""
    from linkworker.domain.people import DEFAULT_REFERRAL_REASONS

    saved = settings.get("referral_reasons")
    if isinstance(saved, list):
        cleaned = tuple(dict.fromkeys(" ".join(str(r).split()) for r in saved if str(r).strip()))
        if cleaned:
            return cleaned
    return DEFAULT_REFERRAL_REASONS


def emergency_numbers(settings: SettingsStore) -> tuple[tuple[str, str], ...]:
    """The team's emergency numbers as (who, number), tidied; rows with neither are left out."""
    saved = settings.get("emergency_numbers")
    rows: list[tuple[str, str]] = []
    if isinstance(saved, list):
        for row in saved:
            if isinstance(row, list | tuple) and len(row) == 2:
                who, number = (" ".join(str(x).split()) for x in row)
                if who or number:
                    rows.append((who, number))
    return tuple(rows)


def set_emergency_numbers(settings: SettingsStore, rows: Sequence[tuple[str, str]]) -> None:
    """Save the team's emergency numbers (blank rows left out)."""
    settings.set("emergency_numbers", [[w, n] for w, n in rows if w.strip() or n.strip()])


def reason_kinds(settings: SettingsStore) -> dict[str, tuple[str, ...]]:
    """The team's table of referral reason -> kinds of asset, or the defaults when none is set.

    Reasons the team has not mapped keep their default kinds, so adding a
    referral reason never loses the table's other rows.
    """
    from linkworker.domain.matching import DEFAULT_REASON_KINDS

    table = dict(DEFAULT_REASON_KINDS)
    saved = settings.get("reason_kinds")
    if isinstance(saved, dict):
        for reason, kinds in saved.items():
            name = " ".join(str(reason).split())
            if not name or not isinstance(kinds, list):
                continue
            table[name] = tuple(
                dict.fromkeys(" ".join(str(k).split()) for k in kinds if str(k).strip())
            )
    return table


def set_reason_kinds(settings: SettingsStore, table: dict[str, tuple[str, ...]]) -> None:
    """Save the whole table (reason -> kinds of asset)."""
    settings.set("reason_kinds", {reason: list(kinds) for reason, kinds in table.items()})


class SettingsStore:
    """Read and write the settings file; unknown keys are kept, bad files are set aside."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = dict(DEFAULTS)
        self._load()

    @property
    def path(self) -> Path:
        return self._path

    def _load(self) -> None:
        if not self._path.exists():
            return
        with contextlib.suppress(OSError):  # a folder from an earlier version may be looser
            private_dir(self._path.parent)
            make_file_private(self._path)
        try:
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise ValueError("settings are not a JSON object")
        except (OSError, ValueError) as exc:
            aside = self._path.with_suffix(".unreadable.json")
            log.warning(
                "Settings file %s could not be read (%s); set aside as %s", self._path, exc, aside
            )
            with contextlib.suppress(OSError):
                self._path.replace(aside)
            return
        self._values.update(loaded)

    def get(self, key: str) -> Any:
        return self._values.get(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._save()

    def _save(self) -> None:
        private_dir(self._path.parent)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._values, handle, indent=2, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
