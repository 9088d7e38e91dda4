"""Reading needs as people write them in a caseload spreadsheet.

A team writes "Uses a walking stick", "needs step-free access and an accessible
toilet", "BSL is his first language", "prefers texts to phone calls", "weekends
only" or "free only". These functions read such words into the structured fields
matching acts on (access needs, an interpreter and its language, preferred
contact, the times someone is free, what they can afford), and say, for each
thing recognised, the words it came from. The words themselves are always kept
as written on the person; what is read here is for the link worker to confirm.

Each phrase is read for what it says and no more: "uses a walking stick" is a
mobility need, not a need for step-free access; "prefers texts" is a preferred
way of contact, not an inability to take calls. Words that say the opposite
("no mobility problems", "doesn't need an interpreter") are not read as a need,
and a need both said and unsaid, or times and costs that disagree ("free only"
and "happy to pay"), are listed as conflicts and left for the worker to settle,
never resolved here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import FreeTime, PartOfDay
from linkworker.domain.people import AccessNeed, ContactMethod, NeedsAsWritten


@dataclass(frozen=True, slots=True)
class Recognised:
    """One thing read in someone's words: what it means, and the words it came from."""

    what: str
    words: str


@dataclass(frozen=True, slots=True)
class NeedsReading:
    """Everything recognised in a person's needs as written.

    ``interpreter`` is True when an interpreter is needed, False when the words
    say one is not, None when they do not say. ``free_times`` and ``cost_limit``
    are left empty when the words disagree with themselves (see ``conflicts``).
    """

    access_needs: tuple[AccessNeed, ...] = ()
    interpreter: bool | None = None
    interpreter_language: str = ""
    first_language: str = ""
    speaks_english: bool | None = None
    preferred_contact: ContactMethod | None = None
    free_times: tuple[FreeTime, ...] = ()
    cost_limit: Cost | None = None
    recognised: tuple[Recognised, ...] = ()
    conflicts: tuple[str, ...] = ()
    not_understood: tuple[str, ...] = ()

    @property
    def anything(self) -> bool:
        """True when something was recognised (or found to disagree)."""
        return bool(self.recognised or self.conflicts)


# Clauses and negation --------------------------------------------------------

_SPLIT = re.compile(r"[;.\n\r|]+|,\s*|\s+(?:and|but|also|plus|&)\s+|\s+[-–—]\s+", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|without|nor|neither|doesn'?t|does not|don'?t|do not|isn'?t|"
    r"is not|hasn'?t|has not|won'?t|didn'?t|did not|any need for)\b|n't\b",
    re.IGNORECASE,
)
_NOT_A_NEGATION = re.compile(r"\bno longer\b|\bnot (?:able|very|always|good)\b", re.IGNORECASE)
_DENIED_AFTER = re.compile(
    r"^\W*(?:is |are |was )?(?:not (?:needed|required|necessary|an issue|a problem)|"
    r"fine|ok|okay|good|all right|alright|no problems?|no issues?|none|nil|n/?a|no)\b",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The parts of a cell that each say one thing, tidied and with empty ones left out."""
    return [c.strip(" \t:()[]\"'“”") for c in _SPLIT.split(text) if c.strip(" \t:()[]\"'“”")]


def _denied(clause: str, match: re.Match[str]) -> bool:
    """True when the words around ``match`` say the opposite ("no mobility problems")."""
    before = _NOT_A_NEGATION.sub(" ", clause[: match.start()])
    return bool(_NEGATION.search(before) or _DENIED_AFTER.match(clause[match.end() :]))


# Access needs ----------------------------------------------------------------

_STAIRS = r"(?:the\s+|any\s+|many\s+|a\s+flight\s+of\s+)?(?:stairs|steps)"
_CANNOT = (
    r"(?:can'?t|cannot|can not|unable to|not able to|no longer able to|struggles?(?: with| on)?|"
    r"difficulty(?: with| on)?|trouble(?: with| on)?|finds? it hard to|avoid)"
)

#: Each need, the patterns that say it, and how a worker would say what was read.
_ACCESS_PATTERNS: tuple[tuple[tuple[AccessNeed, ...], str, str], ...] = (
    ((AccessNeed.WHEELCHAIR,), r"wheel\s*chair|power\s*chair", "Wheelchair user"),
    (
        (AccessNeed.STEP_FREE, AccessNeed.MOBILITY),
        r"mobility scooter",
        "Uses a mobility scooter: needs step-free access",
    ),
    (
        (AccessNeed.STEP_FREE,),
        r"step[\s-]*free|level access|ground[\s-]floor|no\s+" + _STAIRS + r"|"
        r"(?:needs?|requires?|uses?) (?:a )?(?:lift|ramp)|"
        + _CANNOT
        + r"\s+(?:do|manage|climb|use|get up|go up|walk up|take|cope with)?\s*"
        + _STAIRS
        + r"|(?:stairs|steps) (?:are|is) (?:a )?(?:problem|difficult|hard|impossible|too much)",
        "Needs step-free access",
    ),
    (
        (AccessNeed.MOBILITY,),
        r"walking (?:stick|frame|aid)|\bstick\b|zimmer|rollator|crutch(?:es)?|"
        r"mobility|unsteady on (?:his|her|their) feet|poor balance|"
        r"(?:can'?t|cannot|unable to) walk (?:far|very far|long)|limited walking",
        "Mobility",
    ),
    ((AccessNeed.HEARING,), r"hearing loop|\bloop\b", "Needs a hearing loop"),
    (
        (AccessNeed.HEARING,),
        r"hard of hearing|hearing (?:aids?|loss|impair\w*|problems?|difficult\w*)|\bdeaf\b",
        "Hearing",
    ),
    (
        (AccessNeed.BSL,),
        r"\bbsl\b|british sign language|sign language|\bsigns?\b|signer",
        "British Sign Language",
    ),
    (
        (AccessNeed.NO_VOICE_CALLS,),
        r"(?:can'?t|cannot|can not|unable to|not able to) (?:use|hear on|hear|manage) "
        r"(?:the |a )?(?:tele)?phone(?: calls)?|no voice calls|"
        r"(?:profoundly|totally|completely) deaf",
        "Cannot use voice calls",
    ),
    (
        (AccessNeed.LARGE_PRINT,),
        r"large[\s-]*print|big(?:ger)? print|large (?:font|text)",
        "Large print",
    ),
    (
        (AccessNeed.SIGHT,),
        r"partially sighted|sight (?:loss|impair\w*|problems?)|visual(?:ly)? impair\w*|"
        r"\bblind\b|poor (?:eye)?sight|low vision|macular",
        "Sight",
    ),
    ((AccessNeed.EASY_READ,), r"easy[\s-]*read", "Easy read"),
)

_CONTACT_PATTERNS: tuple[tuple[ContactMethod, str], ...] = (
    (
        ContactMethod.TEXT,
        r"texts? (?:not|rather than|instead of|over|before|to) (?:phone |voice )?calls?|"
        r"prefers? (?:a )?(?:texts?|text messages?|texting|sms)|texts? only|text (?:him|her|them)|"
        r"by text|(?:texts?|texting) (?:is |are )?(?:best|preferred|please)",
    ),
    (ContactMethod.EMAIL, r"prefers? (?:an )?emails?|emails? only|by email|email (?:is )?best"),
    (ContactMethod.LETTER, r"prefers? (?:a )?letters?|letters? only|by letter|by post"),
    (
        ContactMethod.PHONE,
        r"prefers? (?:a )?(?:phone )?calls?|prefers? (?:the )?phone|"
        r"(?:phone|ring) (?:him|her|them)(?! by)|by phone",
    ),
)

# Languages -------------------------------------------------------------------

#: Languages a team in England often meets; a language not here is still read from
#: "needs a Xxx interpreter" when it is written with a capital.
LANGUAGES: tuple[str, ...] = (
    "Albanian", "Amharic", "Arabic", "Bengali", "Bulgarian", "Cantonese", "Czech", "Dari",
    "Farsi", "French", "German", "Greek", "Gujarati", "Hindi", "Hungarian", "Italian",
    "Kurdish", "Latvian", "Lithuanian", "Malayalam", "Mandarin", "Nepali", "Pashto",
    "Persian", "Polish", "Portuguese", "Punjabi", "Romanian", "Romany", "Russian",
    "Slovak", "Somali", "Spanish", "Sylheti", "Tagalog", "Tamil", "Tigrinya", "Turkish",
    "Twi", "Ukrainian", "Urdu", "Vietnamese", "Welsh", "Yoruba", "Mirpuri", "Chinese",
    "Hakka", "Igbo", "Kurmanji", "Sorani", "Swahili", "Shona", "Oromo", "Sinhala", "Thai",
    "Cornish", "Irish", "Gaelic", "Lingala", "Krio",
)  # fmt: skip
_LANGUAGE_BY_KEY = {name.casefold(): name for name in LANGUAGES} | {
    "bsl": "British Sign Language",
    "british sign language": "British Sign Language",
    "sign language": "British Sign Language",
}
_LANGUAGE = r"(?:" + "|".join(sorted(_LANGUAGE_BY_KEY, key=len, reverse=True)) + r")"
_NOT_A_LANGUAGE = frozenset(
    (
        "a", "an", "the", "needs", "need", "needed", "uses", "own", "and", "or", "with", "for",
        "in", "interpreter", "language", "requires", "required", "family", "phone", "face",
        "telephone", "professional",
    )
)  # fmt: skip
_INTERPRETER = re.compile(r"interpret(?:er|ers|ing|ation)|translator", re.IGNORECASE)
_LANGUAGE_BEFORE = re.compile(r"([A-Za-z][\w'-]*(?: sign language)?)\s*$", re.IGNORECASE)
_LANGUAGE_AFTER = re.compile(
    r"^\s*(?:\(|:|-|–|for|in|into|speaking)?\s*([A-Za-z][\w'-]*(?: sign language)?)",
    re.IGNORECASE,
)
_FIRST_LANGUAGE = re.compile(
    r"(" + _LANGUAGE + r"|[A-Z][a-z]+) is (?:his|her|their|my) (?:first|main|own) language|"
    r"first language (?:is )?(" + _LANGUAGE + r"|[A-Z][a-z]+)",
    re.IGNORECASE,
)
_SPEAKS_ENGLISH = (
    (
        False,
        r"(?:no|little|hardly any|very little|not much) english|"
        r"(?:doesn'?t|does not|don'?t|can'?t|cannot) (?:speak|understand) (?:much )?english|"
        r"non[\s-]english speak\w*",
    ),
    (
        True,
        r"(?:good|fluent|some|fine|ok|okay|conversational) english|"
        r"speaks? (?:good |some )?english(?: well| fine| ok)?|"
        r"english (?:is )?(?:good|fine|ok|fluent)",
    ),
)


def language_name(text: str) -> str:
    """A language named in ``text`` ("sylheti" -> "Sylheti"), or "" when none is."""
    cleaned = " ".join(text.split()).strip(" .,;:()")
    known = _LANGUAGE_BY_KEY.get(cleaned.casefold())
    if known:
        return known
    match = re.search(r"\b" + _LANGUAGE + r"\b", cleaned, re.IGNORECASE)
    return _LANGUAGE_BY_KEY[match[0].casefold()] if match else ""


def _interpreter_language(clause: str, match: re.Match[str]) -> str:
    """The language of "a Sylheti interpreter" or "interpreter (Polish)", or ""."""
    for found in (
        _LANGUAGE_BEFORE.search(clause[: match.start()]),
        _LANGUAGE_AFTER.match(clause[match.end() :]),
    ):
        if found is None:
            continue
        word = found[1]
        known = language_name(word)
        if known:
            return known
        if word[0].isupper() and word.casefold() not in _NOT_A_LANGUAGE and len(word) > 2:
            return word
    return ""


# Reading access needs and languages ------------------------------------------


@dataclass
class _Reader:
    """Collects what one person's words say, need by need."""

    needs: list[AccessNeed] = field(default_factory=list)
    denied: dict[AccessNeed, str] = field(default_factory=dict)
    said: dict[AccessNeed, str] = field(default_factory=dict)
    recognised: list[Recognised] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    interpreter: bool | None = None
    interpreter_words: str = ""
    interpreter_language: str = ""
    first_language: str = ""
    speaks_english: bool | None = None
    contact: ContactMethod | None = None

    def note(self, what: str, words: str) -> None:
        item = Recognised(what, words)
        if item not in self.recognised:
            self.recognised.append(item)

    def need(self, need: AccessNeed, words: str) -> None:
        self.said.setdefault(need, words)
        if need not in self.needs:
            self.needs.append(need)

    def read(self, text: str) -> None:
        parts = clauses(text)
        for i, clause in enumerate(parts):
            self._access(clause)
            self._languages(clause, parts[i + 1] if i + 1 < len(parts) else "")
            self._contact(clause)

    def _access(self, clause: str) -> None:
        taken: list[tuple[int, int]] = []
        for needs, pattern, what in _ACCESS_PATTERNS:
            for match in re.finditer(pattern, clause, re.IGNORECASE):
                if any(s <= match.start() < e for s, e in taken):
                    continue  # "wheelchair" is not read again inside "wheelchair user"
                taken.append(match.span())
                if _denied(clause, match):
                    for need in needs:
                        self.denied.setdefault(need, clause)
                    continue
                if needs == (AccessNeed.BSL,) and _INTERPRETER.search(clause):
                    what = "British Sign Language interpreter"
                for need in needs:
                    self.need(need, clause)
                self.note(what, clause)

    def _languages(self, clause: str, after: str = "") -> None:
        """``after`` is the next part of the cell: "interpreter - Kurdish" names it there."""
        matches = list(_INTERPRETER.finditer(clause))
        wanted = [m for m in matches if not _denied(clause, m)]
        if matches and not wanted:
            if self.interpreter is True:
                self.conflicts.append(
                    f"“{self.interpreter_words}” and “{clause}” do not agree about an interpreter."
                )
            self.interpreter = False if self.interpreter is None else self.interpreter
            self.interpreter_words = self.interpreter_words or clause
            self.note("No interpreter needed", clause)
        elif wanted:
            if self.interpreter is False:
                self.conflicts.append(
                    f"“{self.interpreter_words}” and “{clause}” do not agree about an interpreter."
                )
            self.interpreter, self.interpreter_words = True, clause
            found = (_interpreter_language(clause, m) for m in wanted)
            language = next((name for name in found if name), "")
            if not language and len(after.split()) <= 3:
                language = language_name(after)
            if language and not self.interpreter_language:
                self.interpreter_language = language
            self.note(
                f"Needs a {language} interpreter" if language else "Needs an interpreter", clause
            )
        if first := _FIRST_LANGUAGE.search(clause):
            language = language_name(first[1] or first[2]) or (first[1] or first[2]).capitalize()
            if language.casefold() != "english":
                self.first_language = self.first_language or language
                self.note(f"First language: {language}", clause)
            if language == "British Sign Language":
                self.need(AccessNeed.BSL, clause)
        for speaks, pattern in _SPEAKS_ENGLISH:
            if re.search(pattern, clause, re.IGNORECASE):
                if self.speaks_english is not None and self.speaks_english != speaks:
                    self.conflicts.append(f"What “{clause}” says about English disagrees.")
                self.speaks_english = speaks
                self.note("Speaks English" if speaks else "Does not speak English", clause)
                break

    def _contact(self, clause: str) -> None:
        for method, pattern in _CONTACT_PATTERNS:
            match = re.search(pattern, clause, re.IGNORECASE)
            if match is None or _denied(clause, match):
                continue
            if self.contact is None:
                self.contact = method
                self.note(f"Prefers contact by {method.label.lower()}", clause)
            return

    def finish_conflicts(self) -> None:
        for need, clause in self.denied.items():
            if need is AccessNeed.MOBILITY:  # a wheelchair or no stairs is a mobility need too
                moving = (AccessNeed.WHEELCHAIR, AccessNeed.STEP_FREE, AccessNeed.MOBILITY)
                need = next((n for n in moving if n in self.said), need)
            if need in self.said:
                self.conflicts.append(
                    f"“{self.said[need]}” and “{clause}” do not agree ({need.label.lower()})."
                )


# Times -----------------------------------------------------------------------

_DAY_WORD = r"(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
_DAY_RANGE = re.compile(
    rf"\b({_DAY_WORD})\s*(?:-|–|to|till|until|through|thru)\s*({_DAY_WORD})\b", re.IGNORECASE
)
_DAY = re.compile(rf"\b{_DAY_WORD}\b", re.IGNORECASE)
_WEEKDAYS = tuple(Day)[:5]
_WEEKEND = (Day.SATURDAY, Day.SUNDAY)
_DAY_GROUPS: tuple[tuple[str, tuple[Day, ...]], ...] = (
    (r"\bweek\s*days?\b|\bweekdays?\b|monday to friday|during the week", _WEEKDAYS),
    (r"\bweek\s*ends?\b", _WEEKEND),
    (
        r"\bevery\s*day\b|\bany\s*day\b|\bdaily\b|\ball week\b|\bany\s*time\b|\banytime\b",
        tuple(Day),
    ),
)
_PARTS: tuple[tuple[str, tuple[PartOfDay, ...]], ...] = (
    (r"\bmornings?\b|\bam\b|a\.m\.?|before (?:noon|12|lunch)", (PartOfDay.MORNING,)),
    (r"\bafternoons?\b|\bpm\b|p\.m\.?|after lunch", (PartOfDay.AFTERNOON,)),
    (r"\bevenings?\b|\bnights?\b|after (?:work|5|6|7)(?:pm)?", (PartOfDay.EVENING,)),
    (r"\bday\s*time\b|during the day|\bdays\b", (PartOfDay.MORNING, PartOfDay.AFTERNOON)),
)
_EXCEPT = re.compile(
    r"\b(?:except|apart from|other than|but not|not on|excluding)\b", re.IGNORECASE
)
_BUSY = re.compile(
    r"\b(?:not|no|never|busy|unavailable|can'?t do|cannot do|can'?t make)\b", re.IGNORECASE
)
_ONLY = re.compile(r"\bonly\b|\bjust\b", re.IGNORECASE)


def _day(word: str) -> Day:
    return Day.parse(re.sub(r"(?:day)?s$", "", word.strip(), flags=re.IGNORECASE) or word)


def _days_in(text: str) -> set[Day]:
    days: set[Day] = set()
    rest = text
    for m in _DAY_RANGE.finditer(text):
        start, end = _day(m[1]), _day(m[2])
        span = range(start, end + 1) if end >= start else [*range(start, 7), *range(0, end + 1)]
        days.update(Day(d) for d in span)
        rest = rest.replace(m[0], " ")
    for pattern, group in _DAY_GROUPS:
        if re.search(pattern, rest, re.IGNORECASE):
            days.update(group)
            rest = re.sub(pattern, " ", rest, flags=re.IGNORECASE)
    for m in _DAY.finditer(rest):
        try:
            days.add(_day(m[0]))
        except ValueError:
            continue
    return days


def _parts_in(text: str) -> set[PartOfDay]:
    parts: set[PartOfDay] = set()
    for pattern, group in _PARTS:
        if re.search(pattern, text, re.IGNORECASE):
            parts.update(group)
    return parts


def _slots(text: str) -> set[FreeTime]:
    days, parts = _days_in(text), _parts_in(text)
    if not days and not parts:
        return set()
    return {FreeTime(d, p) for d in (days or set(Day)) for p in (parts or set(PartOfDay))}


_PART_ORDER = {part: i for i, part in enumerate(PartOfDay)}


def describe_free_times(slots: Iterable[FreeTime]) -> str:
    """Times in a few words: "Mon, Tue, Wed, Thu morning; Sat, Sun any time"."""
    by_day: dict[Day, list[PartOfDay]] = {}
    for slot in sorted(set(slots), key=lambda s: (s.day, _PART_ORDER[s.part])):
        by_day.setdefault(slot.day, []).append(slot.part)
    groups: dict[tuple[PartOfDay, ...], list[Day]] = {}
    for day, parts in by_day.items():
        groups.setdefault(tuple(parts), []).append(day)
    said = []
    for shared, days in groups.items():
        when = (
            "any time" if len(shared) == len(PartOfDay) else " and ".join(p.value for p in shared)
        )
        said.append(f"{', '.join(d.short for d in days)} {when}")
    return "; ".join(said)


_time_words = describe_free_times


def _joined_times(parts: list[str]) -> list[str]:
    """ "Monday to Thursday, mornings" is one time: a part of the day with no days joins
    the days before it that had no part of the day."""
    joined: list[str] = []
    for part in parts:
        previous = joined[-1] if joined else ""
        if (
            previous
            and _parts_in(part)
            and not _days_in(part)
            and _days_in(previous)
            and not _parts_in(previous)
            and not _BUSY.search(previous + " " + part)
        ):
            joined[-1] = f"{previous}, {part}"
        else:
            joined.append(part)
    return joined


def read_free_times(text: str) -> NeedsReading:
    """When someone is free, from words like "weekends only" or "Mon-Thu mornings".

    Times said together with "not", "except" or "busy" are taken away. When one
    part says "only" and another gives times outside it, the times are not set
    and the disagreement is a conflict.
    """
    free: set[FreeTime] = set()
    taken_away: set[FreeTime] = set()
    only: list[tuple[str, set[FreeTime]]] = []
    given: list[tuple[str, set[FreeTime]]] = []
    recognised: list[Recognised] = []
    not_understood: list[str] = []
    for clause in _joined_times(clauses(text)):
        kept_text, *rest = _EXCEPT.split(clause, maxsplit=1)
        excepted = rest[0] if rest else ""
        slots = _slots(kept_text)
        if not slots and not excepted:
            not_understood.append(clause)
            continue
        if slots and _BUSY.search(kept_text):
            taken_away |= slots
            recognised.append(Recognised(f"Not free: {_time_words(slots)}", clause))
            continue
        if not slots and excepted:
            slots = {FreeTime(d, p) for d in Day for p in PartOfDay}
        free |= slots
        if excepted:
            taken_away |= _slots(excepted)
        (only if _ONLY.search(clause) else given).append((clause, slots))
    conflicts = [
        f"“{said_only}” and “{other}” do not agree about when they are free."
        for said_only, only_slots in only
        for other, slots in given + [o for o in only if o[0] != said_only]
        if not slots <= only_slots
    ]
    if taken_away and not free and not only and not given:
        free = {FreeTime(d, p) for d in Day for p in PartOfDay}  # "not Fridays": every other day
    chosen = free - taken_away
    if chosen and not conflicts:
        recognised.insert(0, Recognised(f"Free: {_time_words(chosen)}", text.strip()))
    return NeedsReading(
        free_times=() if conflicts else tuple(sorted(chosen)),
        recognised=tuple(recognised),
        conflicts=tuple(dict.fromkeys(conflicts)),
        not_understood=tuple(not_understood),
    )


# Cost ------------------------------------------------------------------------

_COST_PATTERNS: tuple[tuple[Cost, str], ...] = (
    (
        Cost.FREE,
        r"^free$|free (?:only|things|activities|stuff|groups)|only (?:\w+ )?free|"
        r"nothing (?:that|which) costs|(?:can'?t|cannot|unable to|not able to) "
        r"(?:afford|pay)|no (?:spare )?money|must be free|needs? to be free|no cost|"
        r"nothing at all|on benefits",
    ),
    (
        Cost.LOW_COST,
        r"low[\s-]*cost|a little|a bit|small (?:charge|cost|amount|fee)|few pounds|"
        r"(?:up to|under|less than|max(?:imum)?|no more than) £\s?\d+|£\s?\d+(?:\.\d\d)? "
        r"(?:max|maximum|or less|a (?:week|session|time|go))|cheap|not much|tight budget|"
        r"little money",
    ),
    (
        Cost.PAID,
        r"happy to pay|\bcan pay\b|(?:cost|money|price) (?:is )?no (?:object|bar|problem)|"
        r"will pay|doesn'?t mind paying|any cost|paid is fine|can afford",
    ),
)


def read_cost(text: str) -> NeedsReading:
    """What someone can afford, from "free only", "up to £5" or "happy to pay".

    Two answers that disagree ("free only" and "happy to pay for swimming") are a
    conflict, and no limit is set.
    """
    found: dict[Cost, str] = {}
    not_understood: list[str] = []
    for clause in clauses(text):
        for cost, pattern in _COST_PATTERNS:
            match = re.search(pattern, clause, re.IGNORECASE)
            if match is not None and not (cost is Cost.PAID and _denied(clause, match)):
                found.setdefault(cost, clause)
                break
        else:
            not_understood.append(clause)
    if len(found) > 1:
        said = " and ".join(f"“{words}”" for words in found.values())
        return NeedsReading(
            conflicts=(f"{said} do not agree about what they can afford.",),
            not_understood=tuple(not_understood),
        )
    recognised = tuple(
        Recognised(
            {
                Cost.FREE: "Only free things",
                Cost.LOW_COST: "Low cost at most",
                Cost.PAID: "Cost is no bar",
            }[cost],
            words,
        )
        for cost, words in found.items()
    )
    return NeedsReading(
        cost_limit=next(iter(found), None),
        recognised=recognised,
        not_understood=tuple(not_understood),
    )


# Everything together ---------------------------------------------------------


def read_needs(
    access: str = "",
    languages: str = "",
    free_times: str = "",
    cost: str = "",
) -> NeedsReading:
    """What the app recognises in a person's needs as written, and where they disagree.

    ``access`` is their accessibility or communication needs; ``languages``
    their language and interpreter cells; ``free_times`` when they are free;
    ``cost`` what they can afford. Any of them may be "".
    """
    reader = _Reader()
    reader.read(access)
    reader.read(languages)
    reader.finish_conflicts()
    times = read_free_times(free_times) if free_times.strip() else NeedsReading()
    money = read_cost(cost) if cost.strip() else NeedsReading()
    language = languages.strip()
    if language and not reader.first_language and not reader.interpreter_language:
        plain = language_name(language)
        if plain and plain.casefold() != "english":
            reader.first_language = plain
    return NeedsReading(
        access_needs=tuple(reader.needs),
        interpreter=reader.interpreter,
        interpreter_language=reader.interpreter_language,
        first_language=reader.first_language,
        speaks_english=reader.speaks_english,
        preferred_contact=reader.contact,
        free_times=times.free_times,
        cost_limit=money.cost_limit,
        recognised=(*reader.recognised, *times.recognised, *money.recognised),
        conflicts=tuple(dict.fromkeys((*reader.conflicts, *times.conflicts, *money.conflicts))),
        not_understood=(*times.not_understood, *money.not_understood),
    )


# Beside the words, on the person's page ---------------------------------------


@dataclass(frozen=True, slots=True)
class WrittenField:
    """One of a person's needs as written, and what the app read in it."""

    label: str
    words: str
    read_as: tuple[str, ...] = ()
    not_understood: tuple[str, ...] = ()


def read_as_written(needs: NeedsAsWritten) -> tuple[tuple[WrittenField, ...], tuple[str, ...]]:
    """Each field of ``needs`` that holds words, with what was read in it; and the
    places where the words disagree, for the worker to settle."""
    fields: list[WrittenField] = []
    for label, key, words in (
        ("Access needs", "access", needs.access),
        ("Languages", "languages", needs.languages),
        ("When they are free", "free_times", needs.free_times),
        ("What they can afford", "cost", needs.cost),
    ):
        if not words.strip():
            continue
        reading = read_needs(**{key: words})
        fields.append(
            WrittenField(
                label=label,
                words=words.strip(),
                read_as=tuple(dict.fromkeys(r.what for r in reading.recognised))
                or (("The words disagree: see below",) if reading.conflicts else ()),
                not_understood=reading.not_understood,
            )
        )
    together = read_needs(needs.access, needs.languages, needs.free_times, needs.cost)
    return tuple(fields), together.conflicts
