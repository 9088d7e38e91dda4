"""One running copy per data folder: a second launch brings the first window forward.

Two copies writing the same database would each think they have the latest
data. The first copy listens on a local socket named after the data folder;
a later copy finds it, asks it to come forward, and exits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from linkworker.paths import let_go_of_lock_name

log = logging.getLogger(__name__)

_MESSAGE = b"activate\n"


class SingleInstance(QObject):
    """Claim the data folder, or hand over to the copy that already has it."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server: QLocalServer | None = None

    def notify_running_copy(self, timeout_ms: int = 1000) -> bool:
        """True if another copy is running (it has been asked to come forward)."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        log.info("Another copy is using this data folder; asked it to come forward")
        return True

    def listen(self) -> bool:
        """Start listening for later copies; clears a socket left by a crashed copy."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            QLocalServer.removeServer(self._name)
            if not server.listen(self._name):
                log.warning("Cannot listen on %s: %s", self._name, server.errorString())
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        log.info("Listening for other copies on %s", self._name)
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The message is a few bytes sent at once; a short wait keeps this simple.
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(1000)
            if arrived and bytes(socket.readAll().data()).strip() == _MESSAGE.strip():
                log.info("A second launch asked this window to come forward")
                self.activation_requested.emit()
            socket.disconnectFromServer()
            socket.deleteLater()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        let_go_of_lock_name(self._name)
