"""A person's story as the record tells it: one rule each, used by every screen and document.

"What matters to them" is the centre of the work. A person may say it when
their record is made (their own field), or in a conversation (the first
conversation's "what matters to you?" prompt, asked again later). The page,
matching and the printed plan all read it through :func:`what_matters`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: The conversation prompt whose answer is what matters to the person.
WHAT_MATTERS = "what_matters"


def latest_answers(answer_sets: Iterable[Iterable[tuple[str, str]]]) -> dict[str, str]:
    """For each prompt, the newest answer with words in it.

    ``answer_sets`` holds each conversation's ``(prompt, words)`` answers, the
    newest conversation first (the order a person's record lists them in).
    Words are trimmed; an empty answer never hides an older one.
    """
    found: dict[str, str] = {}
    for answers in answer_sets:
        for key, words in answers:
            text = str(words).strip()
            if text and key not in found:
                found[key] = text
    return found


def what_matters(own: str, answers: Mapping[str, str]) -> str:
    """What matters to the person: their own field when it has words, else the newest
    answer to the "what matters" prompt (``answers`` from :func:`latest_answers`), else ""."""
    return own.strip() or answers.get(WHAT_MATTERS, "").strip()
