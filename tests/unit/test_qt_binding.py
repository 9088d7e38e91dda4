"""The Qt binding the app runs on keeps Python's own reference counts honest.

PySide6 6.12.0 on Python 3.11 gives away references to None and True it does
not own, once for every setObjectName and every signal emitted; after some
tens of thousands the interpreter aborts ("none_dealloc", "bool_dealloc"), so
a long working day would end in a crash. pyproject.toml keeps that release out;
this test fails if a binding with the fault is installed. It runs in a process
of its own, so a binding with the fault aborts that process, not the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import sys
from PySide6.QtCore import QObject, Signal

class Probe(QObject):
    said = Signal(object)

probe = Probe()
probe.said.connect(lambda value: None)
none, true = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(300):
    probe.setObjectName("probe")
    probe.said.emit(1)
print(sys.getrefcount(None) - none, sys.getrefcount(True) - true)
"""


def test_emitting_and_naming_leave_none_and_true_alone() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    none_change, true_change = (int(n) for n in done.stdout.split())
    # A few references may come and go with the interpreter's own caches; the fault
    # takes one away for every call (300 here).
    assert abs(none_change) < 50 and abs(true_change) < 50, done.stdout
