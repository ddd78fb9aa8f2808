"""The overrides files: their schema, and the tracker that reports stale entries."""
