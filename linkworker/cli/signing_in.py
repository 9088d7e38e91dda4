"""Signing in at the command line: ``--as NAME`` (or ``LINKWORKER_WORKER``), with the
worker's PIN or passphrase from ``LINKWORKER_PIN`` or typed at a prompt without being shown.

Where at most one person has been set up to sign in (one link worker's laptop), no name is
needed and everything is allowed, as before. On a team, a command run without a name acts
as nobody, and whatever needs a role is refused with a message saying to sign in.
"""

from __future__ import annotations

import argparse
import getpass
import os
from typing import TYPE_CHECKING

from linkworker import errors
from linkworker.domain.actor import COMMAND_LINE

if TYPE_CHECKING:
    from linkworker.services.context import Services

WORKER_ENV = "LINKWORKER_WORKER"
PIN_ENV = "LINKWORKER_PIN"


def add_worker_option(parser: argparse.ArgumentParser) -> None:
    """``--as NAME``: who runs the command, where people sign in."""
    parser.add_argument(
        "--as",
        dest="sign_in_as",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=f"sign in as NAME (or set {WORKER_ENV}); the PIN is asked for or read from {PIN_ENV}",
    )


def sign_in(args: argparse.Namespace, services: Services) -> None:
    """Sign in as the worker named in ``args`` or the environment, if one is named."""
    from linkworker.services.workers import WorkerService

    name = str(getattr(args, "sign_in_as", "") or os.environ.get(WORKER_ENV, "")).strip()
    if not name:
        return
    secret = os.environ.get(PIN_ENV)
    if secret is None:
        secret = getpass.getpass(f"PIN or passphrase for {name}: ")
    workers = WorkerService(services.units, via=COMMAND_LINE)
    if workers.sign_in(name, secret) is None:
        raise errors.NotPermitted(
            "That name and PIN do not match anyone who can sign in here.",
            f"Check the name given with --as and the PIN (or {PIN_ENV}).",
            permission="sign_in",
        )
