"""Fixtures shared by the window's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linkworker.ui.workers import Tasks


@pytest.fixture
def tasks() -> Iterator[Tasks]:
    """A Tasks of the test's own; the work it started is finished before the next test."""
    made = Tasks()
    yield made
    made.wait()
