"""One module per resource; each holds the sync and the async class."""
