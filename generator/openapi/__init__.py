"""The OpenAPI input: check, overlay, build the REST IR, customize (overrides.yaml)."""
