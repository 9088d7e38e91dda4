"""The Today page: who to see or chase today."""
