"""Saving an export so that a failure never leaves half a file where the old one was.

The file is written next to its target under a temporary name, flushed to
disk, and only then moved over the target in one step. An ``OSError`` on the
way becomes :class:`~linkworker.errors.ExportFailed` in plain words, and any
file already at the target is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from linkworker import errors
from linkworker.paths import export_mode


@contextlib.contextmanager
def replaced_when_written(
    path: Path,
    *,
    encoding: str = "utf-8",
    newline: str = "\n",
    finish: Callable[[Path], None] | None = None,
) -> Iterator[TextIO]:
    """A text stream whose contents replace ``path`` only once the block ends without error.

    ``finish(temp)`` runs on the complete temporary file, after it is closed and
    before it is moved into place (to correct a header, say).
    """
    path = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise export_failed(path, exc) from exc
    try:
        with open(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if finish is not None:
            finish(Path(temp_name))
        export_mode(temp_name)  # after finish, which may have rewritten the file
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise export_failed(path, exc) from exc
        raise


def export_failed(path: Path, exc: OSError) -> errors.ExportFailed:
    """An OSError while saving ``path``, in plain words with a way forward."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        reason = "the disk is full, or the file is too big for that place"
        advice = "Free some space or choose another place to save it, then export again."
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "you do not have permission to save there, or another program has the file open"
        advice = (
            "Close the file if it is open, or choose a folder you can save in, then export again."
        )
    elif code == errno.EISDIR or path.is_dir():
        reason = "that name belongs to a folder"
        advice = "Choose a file name inside the folder, such as directory.json."
    elif code == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist"
        advice = "Choose a folder that exists, then export again."
    else:
        reason = exc.strerror or str(exc)
        advice = "Check the folder exists and you may save there, then try again."
    system = exc.strerror or ""
    if system and system.lower() not in reason.lower():
        reason += f" ({system})"  # the system's own words, for whoever helps them
    return errors.ExportFailed(
        f"{path} could not be saved: {reason}. Any file already there was left as it was.",
        advice,
    )
