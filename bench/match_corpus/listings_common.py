"""Accessibility notes many of the listings share, as a feed would repeat them."""

from __future__ import annotations

STEP_FREE = "Step-free access from the car park. Accessible toilet."
STEPS = "There are three steps up to the hall and no ramp."
