"""The window's own arguments are told from a command's before the command line is loaded."""

from __future__ import annotations

from typing import Any

import pytest

from linkworker.app import build_parser, main, names_a_command


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--smoke"],
        ["--demo", "--smoke"],
        ["--data-dir", "/some/folder", "--smoke"],
        ["--data-dir=/some/folder"],
        ["--version"],
    ],
)
def test_the_windows_arguments_name_no_command(argv: list[str]) -> None:
    assert not names_a_command(argv)
    args = build_parser(commands=False).parse_args(argv) if "--version" not in argv else None
    assert args is None or args.command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["people", "list"],
        ["--data-dir", "/some/folder", "directory", "search", "walk"],
        ["--help"],
        ["-h"],
        ["--data-dir"],  # the full parser says what is missing
        ["--smo"],  # argparse's abbreviations are left to it
    ],
)
def test_anything_else_may_be_a_command(argv: list[str]) -> None:
    assert names_a_command(argv)


def test_help_still_lists_the_commands(capsys: Any) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "--smoke" in shown
    for command in ("directory", "people", "match", "plan", "geo"):
        assert command in shown
