"""The worker's booked contacts as an iCalendar file, for their own calendar.

An event carries the person's initials and the place, never more, unless the
worker asks for names. Times are UK wall-clock times with their zone
(Europe/London, written out in the file with its summer-time rule), so a
calendar anywhere puts a 10:00 booking at 10:00 in London, summer or winter.
Each event's UID is the contact's own, so importing the file again updates the
events rather than adding them twice. The file is written for the worker alone
(:data:`~linkworker.paths.EXPORT_FILE_MODE`, 0600), whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from linkworker import __version__
from linkworker.domain.journey import uk_aware
from linkworker.domain.today import BookedContact
from linkworker.paths import save_export
from linkworker.services.today import TodayService

if TYPE_CHECKING:
    from icalendar import Timezone

#: Upcoming days exported unless asked otherwise.
DEFAULT_DAYS = 28
MAX_DAYS = 366
UID_DOMAIN = "contacts.linkworker"


def london_timezone() -> Timezone:
    """Europe/London as a VTIMEZONE: GMT, and BST from the last Sunday of March to October."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    summer.add("dtstart", dt.datetime(1981, 3, 29, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def event_title(contact: BookedContact, names: bool) -> str:
    """ "Contact: M.O." (or their name, when the worker opts in)."""
    return f"Contact: {contact.name if names else contact.initials}"


def calendar_bytes(
    contacts: Sequence[BookedContact], *, names: bool = False, stamp: dt.datetime | None = None
) -> bytes:
    """The contacts as an iCalendar file (bytes), one event each.

    ``icalendar`` is imported here, when a calendar is first made, not at start-up.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//Link Worker//Link Worker {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Link Worker contacts")
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add_component(london_timezone())
    now = stamp or dt.datetime.now(dt.UTC)
    for contact in contacts:
        event = Event()
        event.add("uid", f"{contact.id}@{UID_DOMAIN}")
        event.add("sequence", max(0, contact.version - 1))
        event.add("dtstamp", now)
        event.add("dtstart", uk_aware(contact.starts_at))
        event.add("dtend", uk_aware(contact.ends_at))
        event.add("summary", event_title(contact, names))
        event.add("location", contact.where)
        event.add("transp", "OPAQUE")
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


class CalendarExportService:
    """Exports the user's (or everyone's) booked contacts for the days ahead."""

    def __init__(
        self, today: TodayService, now: Callable[[], dt.datetime] = dt.datetime.now
    ) -> None:
        self._today = today
        self._now = now

    def export(
        self,
        path: Path,
        *,
        days: int = DEFAULT_DAYS,
        names: bool = False,
        everyone: bool = False,
    ) -> int:
        """Write the contacts booked from the start of today for ``days`` days; returns how many."""
        if not 1 <= days <= MAX_DAYS:
            raise ValueError(f"days must be 1 to {MAX_DAYS}")
        start = dt.datetime.combine(self._now().date(), dt.time())
        contacts = self._today.booked(start, days, everyone=everyone)
        save_export(path, calendar_bytes(contacts, names=names))
        self._today.exported_calendar(len(contacts), names=names)
        return len(contacts)
