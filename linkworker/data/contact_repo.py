"""Contacts booked with a person and what happened at each."""

from __future__ import annotations

from linkworker.data.unit_of_work import Repository


class ContactRepository(Repository):
    """Contacts booked with a person and what happened at each."""
