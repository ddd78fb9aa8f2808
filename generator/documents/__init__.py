"""Reading any document: YAML loading, the on-disk cache, the spec lock."""
