"""Entry script for the PyInstaller bundle (see build.spec): the same main() as ``linkworker``."""

from linkworker.app import main

raise SystemExit(main())
