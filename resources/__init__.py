"""Files the application ships: the sample directory, icons, fonts (installed as linkworker.resources)."""
