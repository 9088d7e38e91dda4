"""Link Worker: a desktop application for social prescribing link workers."""

__version__ = "0.1.0"
