"""Allow ``python -m linkworker``."""

import sys

from linkworker.app import main

if __name__ == "__main__":
    sys.exit(main())
