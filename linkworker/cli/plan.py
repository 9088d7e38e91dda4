"""``linkworker plan print PERSON -o FILE.pdf``: the person's own copy of their plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.options import add_output_options, print_options
from linkworker.cli.person_lookup import add_person_argument, find_person
from linkworker.cli.saving import pages, write_file

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``plan print PERSON``."""
    plan = commands.add_parser("plan", help="a person's plan")
    actions = plan.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan_print = actions.add_parser(
        "print",
        parents=[common],
        help="save the person's own copy of their plan as a PDF (print options default "
        "to their access needs)",
    )
    add_person_argument(plan_print)
    add_output_options(plan_print)
    plan_print.set_defaults(handler=print_plan)


def print_plan(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Save My plan as a PDF and record that it was saved, with the options used."""
    from linkworker.domain.documents import DocumentAction, DocumentKind
    from linkworker.services.documents import options_words

    person_id = find_person(args.person, services)
    asked = print_options(args)
    options = asked or services.documents.default_options(person_id)
    pdf = services.documents.plan_pdf(person_id, options)
    write_file(args.output, pdf)
    services.documents.record(person_id, DocumentKind.MY_PLAN, DocumentAction.SAVED, options)
    name = services.people.get_person(person_id).draft.display_name
    print(f"Saved My plan for {name} ({pages(pdf)}) to {args.output}", file=out)
    if asked is None and options_words(options):
        print(f"In {options_words(options)}, as their access needs ask.", file=out)
    return 0
