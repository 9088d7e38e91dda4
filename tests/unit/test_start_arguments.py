"""The window's usual arguments are read without argparse, as argparse would read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from linkworker.app import WindowOptions, build_parser, main, window_options


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--smoke"],
        ["--demo", "--smoke"],
        ["--data-dir", "/some/folder", "--smoke"],
        ["--smoke", "--data-dir=/some/folder"],
        ["--data-dir", "first", "--data-dir", "second"],
    ],
)
def test_the_windows_arguments_read_as_argparse_reads_them(argv: list[str]) -> None:
    read = window_options(argv)
    parsed = build_parser().parse_args(argv)

    assert read is not None
    assert (read.data_dir, read.demo, read.smoke, read.command) == (
        parsed.data_dir,
        parsed.demo,
        parsed.smoke,
        parsed.command,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["people", "list"],
        ["--data-dir", "/some/folder", "directory", "search", "walk"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--data-dir"],  # argparse says what is missing
        ["--data-dir", "--smoke"],
        ["--smo"],  # argparse's abbreviations are its own
        ["--demo", "--data-dir", "x"],  # refused with a reason by main()
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert window_options(argv) is None


def test_a_folder_is_a_path() -> None:
    assert window_options(["--data-dir", "~/work"]) == WindowOptions(data_dir=Path("~/work"))


def test_help_still_lists_the_commands(capsys: Any) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "--smoke" in shown
    for command in ("directory", "people", "match", "plan", "geo"):
        assert command in shown
