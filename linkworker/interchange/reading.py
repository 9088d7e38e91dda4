"""Reading a source record by record, in a helper process when it is big.

Parsing, mapping and checking a record (:func:`.checking.check_record`) costs
about as much as deciding what to do with it and writing it. For a big file
on disk both halves run at once: a helper process reads and checks, this
process places and writes, and the records pass between them in batches.
The pipe between the two holds a batch or so, so neither side runs far ahead
and memory stays flat however big the file is.

Small sources, and feeds not yet downloaded, are read here: starting a
helper takes longer than they do. Both ways give the same records in the
same order, the same source notes and the same errors.

The helper is started with ``spawn`` (a fresh interpreter, as on Windows),
never ``fork``: this process may be running Qt and a database pool. The
packaged app calls :func:`multiprocessing.freeze_support` first thing, which
is how a frozen app becomes the helper when started as one.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import datetime as dt
import gc
import io
import logging
import multiprocessing
import operator
import os
import pickle
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from linkworker import errors
from linkworker.domain.directory import AssetDraft, Contact, Location, OpeningTime
from linkworker.domain.directory_exchange import LookalikeKeys
from linkworker.domain.taxonomy_map import DEFAULT_TABLE, TaxonomyTable
from linkworker.interchange.checking import CheckedRecord, check_record
from linkworker.interchange.records import (
    Cancelled,
    DirectorySource,
    Progress,
    ReadCancelled,
    SourceInfo,
    never,
)

log = logging.getLogger(__name__)

#: Sources with at least this many bytes on disk are read in a helper process.
HELPER_FROM_BYTES = 2_000_000
#: Records per message from the helper.
BATCH = 100
#: The helper's process name, as process lists show it.
HELPER_NAME = "linkworker-source-reader"
#: How often (seconds) Cancel is looked at while waiting for the helper.
POLL_S = 0.1

_BATCH, _DONE, _FAILED, _CRASHED = "batch", "done", "failed", "crashed"

STOPPED = (
    "Nothing was imported. Try again; if it happens again, restart Link Worker "
    "and keep a copy of the file for the team who support it."
)


def read_checked(
    source: DirectorySource,
    today: dt.date,
    progress: Progress | None = None,
    cancelled: Cancelled = never,
    *,
    helper: bool | None = None,
    table: TaxonomyTable = DEFAULT_TABLE,
) -> Iterator[CheckedRecord]:
    """Every record of ``source``, checked as of ``today``, in the source's order.

    Taxonomy terms are read through ``table`` (the team's mapping).
    ``helper`` True or False forces the choice; None reads in a helper process
    when the source is on disk, at least :data:`HELPER_FROM_BYTES` big, and
    there is a second core for the helper to run on (on one, it only adds the
    cost of passing the records across). A
    helper that cannot start, or stops before sending anything, is not an
    error: the source is then read here.
    """
    on_disk = source.on_disk()
    if helper is None:
        helper = on_disk is not None and on_disk.size >= HELPER_FROM_BYTES and cores() > 1
    if helper and on_disk is not None:
        try:
            yield from _from_helper(on_disk.source, today, progress, cancelled, table)
            return
        except _NoHelper as exc:
            log.warning("Reading %s in this process: the helper %s.", source.info.name, exc)
    name = source.info.name
    for record in source.records(progress, cancelled):
        yield check_record(record, today, name, table)


def cores() -> int:
    """How many processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Windows or macOS
        return os.cpu_count() or 1


class _NoHelper(Exception):
    """The helper process could not start, or stopped before it sent anything."""


def _from_helper(
    source: DirectorySource,
    today: dt.date,
    progress: Progress | None,
    cancelled: Cancelled,
    table: TaxonomyTable,
) -> Iterator[CheckedRecord]:
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(
        target=_helper_main,
        args=(source, today, sending, table),
        name=HELPER_NAME,
        daemon=True,
    )
    try:
        process.start()
    except OSError as exc:
        receiving.close()
        raise _NoHelper(f"could not start ({exc})") from None
    finally:
        sending.close()  # the helper holds the only writing end: its exit ends the pipe
    heard, count = False, 0
    try:
        while True:
            message = _next_message(receiving, cancelled)
            if message is None:
                process.join(timeout=5)
                if not heard:
                    raise _NoHelper(f"stopped before it began (exit code {process.exitcode})")
                raise errors.ImportFailed(
                    "The reading of the source stopped part way through.", STOPPED
                )
            heard = True
            what = message[0]
            if what == _BATCH:
                _, records, done_total = message
                count += len(records)
                yield from records
                if progress is not None and done_total is not None:
                    progress(*done_total)
            elif what == _DONE:
                _copy_info(message[1], source.info)
                log.info("Read %s in a helper process: %d records.", source.info.name, count)
                return
            elif what == _FAILED:
                raise errors.ImportFailed(message[1], message[2])
            else:
                log.error("The source reader failed:\n%s", message[1])
                raise errors.ImportFailed(
                    f"Reading {source.info.name} failed unexpectedly "
                    f"({message[1].strip().splitlines()[-1]}).",
                    STOPPED,
                )
    finally:
        receiving.close()
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)


def _next_message(receiving: Connection, cancelled: Cancelled) -> Any:
    """The helper's next message; None once it has gone without a word."""
    while True:
        if cancelled():
            raise ReadCancelled()
        try:
            if receiving.poll(POLL_S):
                return pickle.loads(receiving.recv_bytes())
        except (EOFError, OSError):
            return None


def _by_fields(cls: type[Any]) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    """Pickle a dataclass as its constructor and field values.

    The default for a slotted dataclass looks its fields up again for every
    object, on both sides; this is a third of the cost of passing records.
    """
    names = [f.name for f in dataclasses.fields(cls)]
    values = operator.attrgetter(*names)
    return lambda obj: (cls, values(obj))


_DISPATCH: dict[type[Any], Any] = {
    **copyreg.dispatch_table,
    **{
        cls: _by_fields(cls)
        for cls in (CheckedRecord, AssetDraft, Location, OpeningTime, Contact, LookalikeKeys)
    },
}


def _packed(message: tuple[Any, ...]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(message)
    return buffer.getvalue()


def _copy_info(read: SourceInfo, into: SourceInfo) -> None:
    """What the helper learnt about the source while reading it."""
    into.kind = read.kind
    into.complete = read.complete
    into.changes_since = read.changes_since
    into.notes = list(read.notes)


def _helper_main(
    source: DirectorySource, today: dt.date, sending: Connection, table: TaxonomyTable
) -> None:
    """The helper process: read, check and send every record, then what it learnt."""
    gc.disable()  # this process only reads records, which hold no cycles to collect
    latest: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        latest[:] = [(done, total)]

    try:
        batch: list[CheckedRecord] = []
        name = source.info.name
        for record in source.records(progress):
            batch.append(check_record(record, today, name, table))
            if len(batch) >= BATCH:
                sending.send_bytes(_packed((_BATCH, batch, latest[0] if latest else None)))
                batch = []
        sending.send_bytes(_packed((_BATCH, batch, latest[0] if latest else None)))
        sending.send_bytes(_packed((_DONE, source.info)))
    except errors.UserFacingError as exc:
        _send_quietly(sending, (_FAILED, exc.message, exc.advice))
    except Exception:
        _send_quietly(sending, (_CRASHED, traceback.format_exc()))
    finally:
        sending.close()


def _send_quietly(sending: Connection, message: tuple[Any, ...]) -> None:
    """Tell the importer what went wrong, unless it has stopped listening."""
    with contextlib.suppress(OSError, EOFError):
        sending.send_bytes(_packed(message))
