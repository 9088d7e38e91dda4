"""My plan: the person's own copy, in their words and plain English.

What matters to me, my goals and next steps, the places I'm going to try, who's
on my side, my next appointment and how to reach my link worker. No codes,
no NHS number, no notes, nothing about risk. A section with nothing in it is
left out, heading and all.

    pdf = render_plan(snapshot, PrintOptions(large_print=True))
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from linkworker.domain.dates import long_date
from linkworker.printing.document import PrintedDocument, sentences
from linkworker.printing.fonts import safe_text
from linkworker.printing.snapshots import (
    PlanGoal,
    PlanPlace,
    PlanSnapshot,
    PlanStep,
    PrintOptions,
    SupportPerson,
    WorkerContact,
)

UNCHECKED = "\u2610"
CHECKED = "\u2611"


class PlanDocument(PrintedDocument):
    """Lays out a :class:`PlanSnapshot`."""

    TITLE = "My plan"
    FOOTER_LABEL = "My plan"

    def render(self, plan: PlanSnapshot) -> bytes:
        story: list[Flowable] = self._header(plan)
        story += self.section("What matters to me", self._what_matters(plan))
        story += self.section("What I'm good at", self._list("smile", plan.strengths))
        story += self.section("Things I enjoy", self._list("sun", plan.interests))
        story += self.section("My goals and next steps", [self._goal(g) for g in plan.goals])
        story += self.section(
            "The places I'm going to try",
            [self._place(p) for p in plan.places],
            keep_whole=self.options.easy_read,
        )
        story += self.section("Who's on my side", self._people(plan.people))
        story += self._keeping_in_touch(plan)
        return self.build(story, plan.printed_on)

    # --- parts ----------------------------------------------------------------------------

    def _header(self, plan: PlanSnapshot) -> list[Flowable]:
        parts: list[Flowable] = [self.text("My plan", "title")]
        if plan.name.strip():
            parts.append(self.user(plan.name, "subtitle", line_breaks=False))
        parts += [self.spacer(0.3), self.rule(heavy=True)]
        return parts

    def _what_matters(self, plan: PlanSnapshot) -> list[Flowable]:
        if not plan.what_matters.strip():
            return []
        if self.options.easy_read:
            lines = [self.user(s, "tight") for s in sentences(plan.what_matters)]
            return [self.with_symbol("heart", list(lines))]
        return [self.user(plan.what_matters)]

    def _list(self, symbol: str, items: tuple[str, ...]) -> list[Flowable]:
        items = tuple(i for i in items if i.strip())
        if not items:
            return []
        if self.options.easy_read:
            return [self.with_symbol(symbol, [self.user(i, "tight") for i in items])]
        return self.bullets(items)

    def _step(self, step: PlanStep) -> str:
        """A step: "Ring the library (me, by 3 December 2026)"; easy read puts who/when below."""
        who = [safe_text(step.who)] if step.who else []
        if step.by is not None:
            who.append(f"by {long_date(step.by)}")
        what = safe_text(step.what)
        if not who:
            return what
        if self.options.easy_read:
            detail = ", ".join(who)
            return f"{what}<br/>{detail[:1].upper()}{detail[1:]}"
        return f"{what} ({', '.join(who)})"

    def _goal(self, goal: PlanGoal) -> list[Flowable]:
        body: list[Flowable] = [self.user(goal.words, "big", line_breaks=False)]
        if goal.achieved:
            body.append(self.text("\u2713 I did it!", "bold"))
        elif goal.confidence is not None:
            body.append(
                self.text(f"How sure I feel I can do this: <b>{goal.confidence} out of 10</b>")
                if not self.options.easy_read
                else self.text(f"I feel <b>{goal.confidence} out of 10</b> sure I can do this.")
            )
        if goal.steps:
            body.append(self.text("My next steps:" if not goal.achieved else "What I did:", "bold"))
            for step in goal.steps:
                body.append(
                    self.text(
                        self._step(step),
                        "bullet",
                        bulletText=CHECKED if step.done else UNCHECKED,
                    )
                )
        if self.options.easy_read:
            return [self.with_symbol("tick" if goal.achieved else "star", body)]
        return [*body, self.spacer(0.6)]

    def _place(self, place: PlanPlace) -> list[Flowable]:
        easy = self.options.easy_read
        head: list[Flowable] = [self.user(place.name, "big" if easy else "h3", line_breaks=False)]
        if place.progress:
            head.append(self.user(place.progress, "tight" if easy else "note"))
        rows: list[tuple[str, str | tuple[str, ...]]] = [
            ("What happens", place.what_happens),
            ("Where", place.where),
            ("Getting there", place.getting_there),
            ("When", place.when),
            ("Cost", place.cost),
            ("What to expect", place.what_to_expect),
            ("How to join", place.how_to_join),
            ("Contact", place.contact),
            ("Going with me", place.going_with),
        ]
        if self.options.easy_read:
            return [self.with_symbol("pin", [*head, *self.easy_lines(rows)])]
        facts = self.facts(rows)
        return head + ([facts] if facts is not None else [])

    def _people(self, people: tuple[SupportPerson, ...]) -> list[Flowable]:
        if not people:
            return []
        lines: list[str] = []
        for person in people:
            text = f"<b>{safe_text(person.name)}</b>" if person.name else ""
            if person.relationship:
                rel = safe_text(person.relationship)
                text = f"{text} ({rel})" if text else f"<b>{rel}</b>"
            if person.contact:
                text += f": {safe_text(person.contact)}"
            lines.append(text)
        if self.options.easy_read:
            return [self.with_symbol("people", [self.text(t, "tight") for t in lines])]
        return [self.text(t, "bullet", bulletText="\u2022") for t in lines]

    def _keeping_in_touch(self, plan: PlanSnapshot) -> list[Flowable]:
        """My next appointment and my link worker: side by side in ordinary print, where
        they are short boxes; one under the other in large print and easy read."""
        appointment = self._appointment(plan)
        worker = self._worker(plan.worker)
        if self.options.easy_read:
            return [
                *self.section(
                    "My next appointment",
                    [self.with_symbol("calendar", appointment)] if appointment else [],
                ),
                *self.section(
                    "My link worker", [self.with_symbol("phone", worker)] if worker else []
                ),
            ]
        if self.options.large_print or not (appointment and worker):
            return [
                *self.section(
                    "My next appointment", [self.panel(appointment)] if appointment else []
                ),
                *self.section("My link worker", [self.panel(worker)] if worker else []),
            ]
        gap = 6 * mm
        left = (self.width - gap) / 2
        right = self.width - gap - left
        row = [
            [self.text("My next appointment", "h2"), self.panel(appointment, width=left)],
            [self.text("My link worker", "h2"), self.panel(worker, width=right)],
        ]
        table = Table([row], colWidths=[left + gap, right], hAlign="LEFT")
        table.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [self.spacer(0.2), table]

    def _appointment(self, plan: PlanSnapshot) -> list[Flowable]:
        if plan.next_appointment is None:
            return []
        body: list[Flowable] = [
            self.text(safe_text(long_date(plan.next_appointment, weekday=True)), "lead")
        ]
        if plan.worker.name.strip():
            body.append(self.text(f"with {safe_text(plan.worker.name)}, my link worker", "tight"))
        return body

    def _worker(self, worker: WorkerContact) -> list[Flowable]:
        body: list[Flowable] = []
        if worker.name.strip():
            body.append(self.user(worker.name, "lead", line_breaks=False))
        if worker.team.strip():
            body.append(self.user(worker.team, "tight"))
        if worker.phone.strip():
            body.append(self.labelled("Phone:", worker.phone))
        if worker.email.strip():
            body.append(self.labelled("Email:", worker.email))
        return body


def render_plan(snapshot: PlanSnapshot, options: PrintOptions | None = None) -> bytes:
    """The person's plan as PDF bytes."""
    return PlanDocument(options or PrintOptions()).render(snapshot)
