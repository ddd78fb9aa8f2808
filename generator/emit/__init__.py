"""Output: render the IR with templates/, format with ruff, write atomically."""
