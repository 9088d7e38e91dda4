"""Saving a PDF a command made: whole or not at all, and how many pages it has."""

from __future__ import annotations

from pathlib import Path

from linkworker import errors
from linkworker.paths import export_mode


def pages(pdf: bytes) -> str:
    """``1 page`` or ``N pages``: how long the PDF is."""
    from linkworker.services.documents import page_count

    count = page_count(pdf)
    return "1 page" if count == 1 else f"{count} pages"


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    The bytes go to a temporary file in the same folder, which replaces
    ``path`` only once complete; on any failure it is removed, and a file
    already at ``path`` is left as it was.
    """
    import contextlib
    import errno
    import os
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        raise errors.ExportFailed(
            f"{path} was not saved: the folder {folder} does not exist.",
            "Create the folder first, or choose another.",
        )
    if path.is_dir():
        raise errors.ExportFailed(
            f"{path} was not saved: it is a folder.", "Give a file name, such as plan.pdf."
        )
    temp_name = ""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        export_mode(handle)
        with open(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if exc.errno == errno.ENOSPC:
            raise errors.DiskFull(
                f"The disk is full, so {path} was not saved. Any file already there "
                "was left as it was.",
                "Free some space (empty the recycle bin, remove large downloads) and try again.",
            ) from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise errors.ExportFailed(
                f"{path} was not saved: you may not save files in {folder}.",
                "Choose a folder you can write to, such as your Documents folder.",
            ) from exc
        reason = exc.strerror or str(exc)
        raise errors.ExportFailed(
            f"{path} could not be saved ({reason}). Any file already there was left as it was.",
            "Close the file if a PDF viewer has it open, check the folder, then try again.",
        ) from exc
    except BaseException:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        raise
