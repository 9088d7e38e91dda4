"""One window per data folder: the claim tells a first launch from a later one."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkworker.app import WINDOW_CLAIM, claim_window, release_window
from linkworker.paths import AppPaths


@pytest.fixture
def paths(tmp_path: Path) -> Iterator[AppPaths]:
    found = AppPaths.under(tmp_path / "data")
    found.logs_dir.mkdir(parents=True)
    yield found
    release_window()


def _held(paths: AppPaths) -> bool:
    """Whether someone holds the claim (as another launch would find it)."""
    fd = os.open(paths.logs_dir / WINDOW_CLAIM, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def test_the_first_window_claims_the_folder_until_it_lets_go(paths: AppPaths) -> None:
    assert not _held(paths)

    assert claim_window(paths)
    assert _held(paths)

    release_window()
    assert not _held(paths)


def test_a_later_window_finds_the_folder_claimed(paths: AppPaths) -> None:
    other = os.open(paths.logs_dir / WINDOW_CLAIM, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another window has it
        assert not claim_window(paths)
    finally:
        os.close(other)
    assert claim_window(paths)  # it closed


def test_a_folder_that_cannot_be_written_claims_nothing(tmp_path: Path) -> None:
    nowhere = AppPaths.under(tmp_path / "missing")
    assert not claim_window(nowhere)  # the window then asks over the socket instead
