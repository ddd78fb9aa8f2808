"""The AsyncAPI 3 document of the WebSocket API: its check (check.py) and its IR (build.py)."""
