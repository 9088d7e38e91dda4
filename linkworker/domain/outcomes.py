"""Outcome measures: ONS4, the UCLA three-item scale, the direct loneliness question, the
Connection Test and any other measure a team is licensed to use.

Wording and scoring are the published ones, word for word. Each measure is taken on a day,
at a timepoint (baseline, review, closing) within one referral. Every item is optional: an
answer is a score, a choice, or :data:`DECLINED` / :data:`NOT_ASKED`, which are kept as
such and never count as zero. ONS4 items are reported one by one with their ONS band and
never added up.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The person chose not to answer.
DECLINED = "declined"
#: The item was not asked.
NOT_ASKED = "not asked"
#: An answer: a score (ONS4 0-10, UCLA 1-3), a choice's words, or one of the two above.
Answer = int | str


class Measure(enum.StrEnum):
    ONS4 = "ons4"
    UCLA3 = "ucla3"
    LONELY = "lonely"
    CONNECTION = "connection"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "ons4": "ONS4 personal wellbeing",
            "ucla3": "UCLA three-item loneliness scale",
            "lonely": "How often do you feel lonely?",
            "connection": "Connection Test",
            "other": "Other measure",
        }[self.value]


class Timepoint(enum.StrEnum):
    BASELINE = "baseline"
    REVIEW = "review"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Item:
    """One question: its short label, its words, and its answers.

    ``scores`` is the range of whole-number answers (ONS4, UCLA); ``choices`` the words
    a person picks from (for UCLA, choice n is score n). ``lower_better`` marks items
    where a fall is an improvement.
    """

    label: str
    question: str
    scores: range | None = None
    choices: tuple[str, ...] = ()
    lower_better: bool = False


ONS4_INTRODUCTION = (
    "Next I would like to ask you four questions about your feelings on aspects of your "
    "life. There are no right or wrong answers. For each of these questions I'd like you "
    "to give an answer on a scale of 0 to 10, where 0 is 'not at all' and 10 is 'completely'."
)
CONNECTION_INTRODUCTION = (
    "Does what we did leave the person (a) better informed, (b) more confident of their "
    "own capacity, (c) better connected to the people around them?"
)
UCLA_ANSWERS = ("Hardly ever or never", "Some of the time", "Often")
LONELY_ANSWERS = ("Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never")
CONNECTION_ANSWERS = ("Yes", "Partly", "No", "Not sure")
#: The direct question's answers as numbers for measuring change: 1 never to 5 often or
#: always, so that (as with UCLA) higher is lonelier.
LONELY_SCORES = {words: len(LONELY_ANSWERS) - n for n, words in enumerate(LONELY_ANSWERS)}
_TEN = range(0, 11)

ITEMS: dict[Measure, tuple[Item, ...]] = {
    Measure.ONS4: (
        Item("Life satisfaction", "Overall, how satisfied are you with your life nowadays?", _TEN),
        Item(
            "Worthwhile",
            "Overall, to what extent do you feel that the things you do in your life are "
            "worthwhile?",
            _TEN,
        ),
        Item("Happiness", "Overall, how happy did you feel yesterday?", _TEN),
        Item("Anxiety", "Overall, how anxious did you feel yesterday?", _TEN, lower_better=True),
    ),
    Measure.UCLA3: tuple(
        Item(label, question, range(1, 4), UCLA_ANSWERS, lower_better=True)
        for label, question in (
            ("Lack companionship", "How often do you feel that you lack companionship?"),
            ("Left out", "How often do you feel left out?"),
            ("Isolated", "How often do you feel isolated from others?"),
        )
    ),
    Measure.LONELY: (
        Item("How often lonely", "How often do you feel lonely?", choices=LONELY_ANSWERS),
    ),
    Measure.CONNECTION: tuple(
        Item(label.capitalize(), f"Does what we did leave you {asked}?", choices=CONNECTION_ANSWERS)
        for label, asked in (
            ("better informed", "better informed"),
            ("more confident of their own capacity", "more confident of your own capacity"),
            (
                "better connected to the people around them",
                "better connected to the people around you",
            ),
        )
    ),
    Measure.OTHER: (),
}

INTRODUCTIONS = {Measure.ONS4: ONS4_INTRODUCTION, Measure.CONNECTION: CONNECTION_INTRODUCTION}

# Bands (ONS): (highest score in the band, its name), lowest band first.
_WELLBEING_BANDS = ((4, "low"), (6, "medium"), (8, "high"), (10, "very high"))
_ANXIETY_BANDS = ((1, "very low"), (3, "low"), (5, "medium"), (10, "high"))


def ons4_band(item: int, score: int) -> str:
    """The ONS band of ``score`` for ONS4 item ``item`` (0-3; 3 is anxiety)."""
    if score not in _TEN:
        raise ValueError("an ONS4 score is 0 to 10")
    bands = _ANXIETY_BANDS if item == 3 else _WELLBEING_BANDS
    return next(name for top, name in bands if score <= top)


def is_given(answer: Answer | None) -> bool:
    """True when the answer is a real answer, not declined, not asked or missing."""
    return answer is not None and answer not in (DECLINED, NOT_ASKED)


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """One measure taken on a day at a timepoint within a referral (episode).

    ``answers`` holds one answer per item of the measure, in order. An other
    measure has no items: its ``name``, ``score`` (as written) and ``notes`` say it all.
    """

    person_id: uuid.UUID
    episode_id: uuid.UUID
    measure: Measure
    timepoint: Timepoint
    taken_on: dt.date
    answers: tuple[Answer, ...] = ()
    name: str = ""
    score: str = ""
    notes: str = ""
    recorded_by: str = ""
    id: uuid.UUID | None = None

    @property
    def title(self) -> str:
        if self.measure is Measure.OTHER and self.name:
            return self.name
        return self.measure.label

    def answer(self, index: int) -> Answer:
        return self.answers[index] if index < len(self.answers) else NOT_ASKED


def ucla_total(record: OutcomeRecord) -> int | None:
    """The UCLA total (3-9, higher is lonelier), only when all three items were answered."""
    if record.measure is not Measure.UCLA3:
        return None
    scores = [record.answer(i) for i in range(3)]
    if not all(isinstance(s, int) for s in scores):
        return None
    return sum(int(s) for s in scores)


def answer_words(measure: Measure, index: int, answer: Answer) -> str:
    """An answer in words, with its band or score: "3 (low)", "Often (3)", "declined"."""
    if not is_given(answer):
        return str(answer)
    if measure is Measure.ONS4 and isinstance(answer, int):
        return f"{answer} ({ons4_band(index, answer)})"
    if measure is Measure.UCLA3 and isinstance(answer, int):
        return f"{UCLA_ANSWERS[answer - 1]} ({answer})"
    return str(answer)


def _direction(item: Item, before: Answer, after: Answer) -> str:
    if not (isinstance(before, int) and isinstance(after, int)) or before == after:
        return ""
    if not item.lower_better:
        return ""
    return ", better" if after < before else ", worse"


def change_lines(before: OutcomeRecord, after: OutcomeRecord) -> list[str]:
    """Change between two takings of one measure, item by item, in words.

    "Life satisfaction: 3 (low) → 6 (medium)"; where lower is better the direction is
    said: "Anxiety: 7 (high) → 4 (medium), better".
    """
    measure = before.measure
    if measure is Measure.OTHER:
        return [f"{after.title}: {before.score or NOT_ASKED} → {after.score or NOT_ASKED}"]
    lines = []
    for index, item in enumerate(ITEMS[measure]):
        was, now = before.answer(index), after.answer(index)
        lines.append(
            f"{item.label}: {answer_words(measure, index, was)} → "
            f"{answer_words(measure, index, now)}{_direction(item, was, now)}"
        )
    if measure is Measure.UCLA3:
        was_total, now_total = ucla_total(before), ucla_total(after)
        if was_total is not None and now_total is not None:
            total = Item("Loneliness total", "", lower_better=True)
            lines.append(
                f"Loneliness total: {was_total} → {now_total}"
                f"{_direction(total, was_total, now_total)}"
            )
    return lines


# Validation ------------------------------------------------------------------------


def parse_answer(measure: Measure, index: int, text: str) -> Answer:
    """An answer typed as text: "d" declined, "-" not asked, a score, or a choice's words.

    Choices may also be given by their number in the list (1 for the first).
    """
    word = text.strip()
    if word.lower() in ("d", DECLINED):
        return DECLINED
    if word in ("-", "") or word.lower() == NOT_ASKED:
        return NOT_ASKED
    item = ITEMS[measure][index] if index < len(ITEMS[measure]) else None
    if item is not None and item.choices and item.scores is None:
        for choice in item.choices:
            if choice.lower() == word.lower():
                return choice
        if word.isdigit() and 1 <= int(word) <= len(item.choices):
            return item.choices[int(word) - 1]
        return word
    try:
        return int(word)
    except ValueError:
        return word


def answer_problems(measure: Measure, answers: Sequence[Answer]) -> list[str]:
    """Plain messages for answers that do not fit the measure's items."""
    items = ITEMS[measure]
    if measure is Measure.OTHER:
        return []
    if len(answers) > len(items):
        return [f"{measure.label} has {len(items)} questions, but {len(answers)} answers came."]
    problems = []
    for item, answer in zip(items, answers, strict=False):
        if not is_given(answer):
            continue
        if item.scores is not None:
            if not isinstance(answer, int) or answer not in item.scores:
                low, high = item.scores[0], item.scores[-1]
                problems.append(f"{item.label}: the answer must be {low} to {high}.")
        elif answer not in item.choices:
            problems.append(f"{item.label}: the answer must be one of {', '.join(item.choices)}.")
    return problems


def record_problems(
    record: OutcomeRecord, episode_closed: bool, earlier: Iterable[OutcomeRecord]
) -> list[str]:
    """Everything wrong with ``record``, in plain words; empty when it may be kept.

    ``earlier`` are the measures already kept for the same referral.
    """
    problems = answer_problems(record.measure, record.answers)
    if record.measure is Measure.OTHER and not record.name.strip():
        problems.append("Give the other measure's name.")
    if record.timepoint is Timepoint.CLOSING and not episode_closed:
        problems.append(
            "A closing measure is taken when the referral is closed; this one is still open."
        )
    same = [
        e
        for e in earlier
        if e.measure is record.measure and (record.id is None or e.id != record.id)
    ]
    if record.measure is Measure.OTHER:
        same = [e for e in same if e.name.strip().lower() == record.name.strip().lower()]
    baselines = [e.taken_on for e in same if e.timepoint is Timepoint.BASELINE]
    later = [e.taken_on for e in same if e.timepoint is not Timepoint.BASELINE]
    if (
        record.timepoint is not Timepoint.BASELINE
        and baselines
        and record.taken_on < min(baselines)
    ):
        problems.append(
            f"The {record.timepoint.value} is dated before the baseline "
            f"({min(baselines).isoformat()}); check the date."
        )
    if record.timepoint is Timepoint.BASELINE and later and record.taken_on > min(later):
        problems.append(
            f"The baseline is dated after a review or closing ({min(later).isoformat()}); "
            "check the date."
        )
    return problems


# A referral's measures, by timepoint, with change ------------------------------------

_TIMEPOINT_ORDER = {t: n for n, t in enumerate(Timepoint)}


@dataclass(frozen=True, slots=True)
class Change:
    """Change in one measure from its first taking to its latest, in words."""

    title: str
    before: OutcomeRecord
    after: OutcomeRecord
    lines: tuple[str, ...]

    @property
    def heading(self) -> str:
        return (
            f"{self.title}: {self.before.timepoint.value} {self.before.taken_on.isoformat()} "
            f"→ {self.after.timepoint.value} {self.after.taken_on.isoformat()}"
        )


@dataclass(frozen=True, slots=True)
class EpisodeOutcomes:
    """The measures taken within one referral, by timepoint then date, and their change."""

    episode_id: uuid.UUID
    referral_date: dt.date
    closed: bool
    measures: tuple[OutcomeRecord, ...]
    changes: tuple[Change, ...]


def episode_outcomes(
    episode_id: uuid.UUID,
    referral_date: dt.date,
    closed: bool,
    records: Iterable[OutcomeRecord],
) -> EpisodeOutcomes:
    """Gather one referral's measures; each measure taken twice or more gets its change."""
    ordered = sorted(records, key=lambda r: (_TIMEPOINT_ORDER[r.timepoint], r.taken_on))
    kinds: dict[tuple[Measure, str], list[OutcomeRecord]] = {}
    for record in ordered:
        kinds.setdefault((record.measure, record.name.strip().lower()), []).append(record)
    changes = tuple(
        Change(taken[0].title, taken[0], taken[-1], tuple(change_lines(taken[0], taken[-1])))
        for taken in kinds.values()
        if len(taken) > 1
    )
    return EpisodeOutcomes(episode_id, referral_date, closed, tuple(ordered), changes)


def measure_lines(record: OutcomeRecord) -> list[str]:
    """One taking in words, item by item with bands; never a sum of ONS4."""
    if record.measure is Measure.OTHER:
        lines = [f"Score: {record.score or NOT_ASKED}"]
        return lines + ([f"Notes: {record.notes}"] if record.notes.strip() else [])
    lines = [
        f"{item.label}: {answer_words(record.measure, n, record.answer(n))}"
        for n, item in enumerate(ITEMS[record.measure])
    ]
    if record.measure is Measure.UCLA3:
        total = ucla_total(record)
        lines.append(
            "Loneliness total: "
            + (f"{total} out of 9" if total is not None else "not given (not all answered)")
        )
    return lines
