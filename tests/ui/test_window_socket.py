"""The window's socket: no other local account can take it first or talk to it."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from linkworker import paths as paths_module
from linkworker.paths import AppPaths
from linkworker.ui.single_instance import SingleInstance

posix_only = pytest.mark.skipif(os.name != "posix", reason="socket paths are POSIX's")
NOBODY = 65534


def _as_another_account(path: str) -> str:
    """What happens when another account tries to listen at ``path`` first (a real process)."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        outcome = b"bound"
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            with socket.socket(socket.AF_UNIX) as listener:
                listener.bind(path)
        except OSError as exc:
            outcome = type(exc).__name__.encode()
        os.write(write, outcome)
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read, "rb") as answer:
        return answer.read().decode()


@posix_only
def test_the_socket_lies_in_a_folder_only_this_account_opens(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "data")
    socket_path = Path(paths.lock_name)
    assert socket_path.is_absolute()
    folder = socket_path.parent.stat()
    assert stat.S_IMODE(folder.st_mode) == 0o700
    assert folder.st_uid == os.getuid()


@posix_only
def test_a_data_folder_too_deep_for_a_socket_gets_a_private_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="lw", dir="/tmp"))  # short, as /run/user/N is
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 6)
    socket_path = Path(AppPaths.under(deep).lock_name)
    assert socket_path.parent.parent == runtime
    assert len(os.fsencode(socket_path)) <= 100
    assert stat.S_IMODE(socket_path.parent.stat().st_mode) == 0o700
    # The same folder always gives the same socket; another folder, another one.
    assert AppPaths.under(deep).lock_name == str(socket_path)
    assert AppPaths.under(deep / "other").lock_name != str(socket_path)
    subprocess.run(["rm", "-rf", str(runtime)], check=False)


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="needs another account")
def test_another_account_cannot_listen_first_nor_plant_the_runtime_folder(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tmp_path's own folders are private to this account, so another account could not
    # reach anything under them anyway: the test makes room it can reach.
    shared = Path("/tmp") / f"lw-socket-{uuid.uuid4().hex[:8]}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o1777)  # like /tmp: anyone may make files
    try:
        paths = AppPaths.under(shared / "data")
        name = paths.lock_name
        assert _as_another_account(name) == "PermissionError"
        first = SingleInstance(name)
        assert first.listen()
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert SingleInstance(name).notify_running_copy()
        first.close()

        # A runtime folder made beforehand by someone else is refused, not used.
        runtime = shared / "run"
        runtime.mkdir(mode=0o777)
        runtime.chmod(0o1777)
        planted = runtime / f"linkworker-{os.getuid()}"
        planted.mkdir(mode=0o777)
        os.chown(planted, NOBODY, NOBODY)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        deep = shared.joinpath(*["a-rather-long-folder-name"] * 6)
        with pytest.raises(PermissionError):
            _ = AppPaths.under(deep).lock_name
    finally:
        subprocess.run(["rm", "-rf", str(shared)], check=False)


def test_a_named_socket_carries_a_secret_kept_private(tmp_path: Path) -> None:
    """Where sockets have names, not paths: the name holds a token only this account reads."""
    key = tmp_path / "logs" / "window.key"
    token = paths_module._token(key)
    assert len(token) == 32 and token == paths_module._token(key)
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.write_text("short", encoding="ascii")  # damaged: a new token is made
    assert len(paths_module._token(key)) == 32
