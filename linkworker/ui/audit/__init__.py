"""The audit trail in the window."""
