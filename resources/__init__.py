"""Files the application ships (installed as the package linkworker.resources)."""
