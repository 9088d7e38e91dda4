"""The Reports area: a period, one of the five reports, shown on screen and saved."""
