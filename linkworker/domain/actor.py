"""Who is acting: the worker signed in, on which machine, through which door.

Every unit of work carries the actor of the process it runs in, so what it
records (who recorded a note, who viewed or changed a record) is never typed
in by hand: it comes from who signed in.
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass

#: Through the window, or a command typed at the command line.
WINDOW = "window"
COMMAND_LINE = "command line"


@dataclass(frozen=True, slots=True)
class Actor:
    """The worker signed in (None before anyone has), the machine's name and the door used."""

    worker_id: uuid.UUID | None = None
    worker_name: str = ""
    machine: str = ""
    via: str = WINDOW

    @property
    def signed_in(self) -> bool:
        """True once a worker has signed in."""
        return self.worker_id is not None


def this_machine() -> str:
    """This computer's network name, as the audit trail records it."""
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def nobody(via: str = WINDOW) -> Actor:
    """The actor before a worker signs in: only the machine and the door are known."""
    return Actor(machine=this_machine(), via=via)
