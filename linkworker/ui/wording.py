"""Messages as people read them: a name in a message is set in “curly quotes”.

Some messages come from below the window (checks, imports, saving) with a name in
straight quotes, the way a program prints a value: ``'Walk' is already in this plan``.
The window shows them as ``“Walk” is already in this plan``. Apostrophes are left
alone: ``they'll``, ``Carers' Centre`` and ``St Hilda's`` are not quotes.
"""

from __future__ import annotations

import re

# An opening quote after the start, a space or a bracket; inside, apostrophes that are
# followed by a letter (St Hilda's); a closing quote not followed by a letter.
_QUOTED = re.compile(r"(?<![\w'’])'(?=\S)((?:[^'\n]|'(?=\w))*?[^\s'])'(?![\w'])")


def plain_quotes(text: str) -> str:
    """``'Walk' is full`` -> ``“Walk” is full``; everything else as it was."""
    return _QUOTED.sub(r"“\1”", text)
