"""Nothing typed is ever lost: a real process is killed mid-typing and its notes come back.

A driver script, run as its own process over a data folder, records a
conversation and keeps typing into the notes. Once the autosave has written,
the test kills it with SIGKILL (no clean-up, no close events, as in a crash or
a flat battery), then opens the same folder here and finds the notes offered
back and shown again in the form.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from linkworker.domain.people import ConversationType
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.draft_recovery import offer_saved_drafts

ROOT = Path(__file__).resolve().parents[2]
TYPED = "She said the allotment is the only place she feels like herself"

DRIVER = """
import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from linkworker.domain.people import ConversationType, EpisodeDraft, PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.ui.people.conversation_dialog import ConversationDialog
from tests.data.people_helpers import AGREED

app = QApplication([])
services = open_services(AppPaths.under(Path(sys.argv[1])))
person = services.people.save_person(
    PersonDraft(given_name="Mary", family_name="Jones", nhs_number="9990000018")
)
episode = services.people.save_episode(
    EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=dt.date.today())
)
dialog = ConversationDialog(
    services.people.save_conversation,
    services.drafts,
    episode.id,
    "Mary Jones",
    "Priya Shah",
    kind=ConversationType.FIRST,
)
dialog.show()
QTest.qWaitForWindowExposed(dialog)
dialog.answer_edits["what_matters"].setFocus()
QTest.keyClicks(dialog.answer_edits["what_matters"], "Being outdoors")
dialog.notes_edit.setFocus()
QTest.keyClicks(dialog.notes_edit, sys.argv[2])
for _ in range(200):  # the autosave runs every few seconds; wait for it, up to 20 s
    kept = services.drafts.get(dialog.draft_key)
    if kept is not None and kept.payload["notes"] == sys.argv[2]:
        break
    QTest.qWait(100)
else:
    sys.exit("the autosave never wrote")
print("typed", dialog.draft_key, flush=True)

# Carry on typing, a letter every 50 ms, until the process is killed.
more = QTimer()
more.timeout.connect(lambda: QTest.keyClicks(dialog.notes_edit, "."))
more.start(50)
app.exec()
"""


def _wait_for_line(proc: subprocess.Popen[str], timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def test_notes_typed_before_a_kill_are_offered_back(tmp_path: Path, qtbot: Any) -> None:
    data = tmp_path / "data"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ)  # HOME and the XDG folders already point into tmp_path
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",
    )
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data), TYPED],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _wait_for_line(proc, timeout=60)
        assert line.startswith("typed "), f"driver said {line!r}; stderr: {proc.stderr!r}"
        key = line.split()[1]
        assert proc.poll() is None  # still running, still typing
        proc.kill()  # SIGKILL: nothing gets to save or close
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -9 if os.name == "posix" else proc.returncode != 0

    services = open_services(AppPaths.under(data))
    try:
        (pending,) = services.drafts.pending()
        assert pending.key == key
        assert pending.title.startswith("Conversation with Mary Jones, ")
        assert pending.payload["notes"].startswith(TYPED)
        assert pending.payload["answers"]["what_matters"] == "Being outdoors"

        shown: list[ConversationDialog] = []

        def reopen(saved: Any) -> None:
            dialog = ConversationDialog.from_draft(
                saved, services.people.save_conversation, services.drafts, "Priya Shah"
            )
            qtbot.addWidget(dialog)
            shown.append(dialog)

        opened = offer_saved_drafts(
            None, services, reopen, ask=lambda parent, drafts, discard: drafts[0]
        )

        assert opened == 1
        (dialog,) = shown
        assert dialog.notes_edit.toPlainText().startswith(TYPED)
        assert dialog.answer_edits["what_matters"].toPlainText() == "Being outdoors"
        assert dialog.kind() is ConversationType.FIRST
        assert dialog.draft_key == key
    finally:
        services.close()
