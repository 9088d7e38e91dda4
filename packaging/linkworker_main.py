"""Entry script for the PyInstaller bundle (see build.spec): the same main() as ``linkworker``.

A big Open Referral file is read in a helper process (linkworker/interchange/reading.py).
In the bundle that process is this program started again, and freeze_support(),
called before anything else, is what makes it the helper rather than a second app.
"""

import multiprocessing

multiprocessing.freeze_support()

from linkworker.app import main  # noqa: E402

raise SystemExit(main())
