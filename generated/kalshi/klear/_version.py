"""Versions of this client and of the Kalshi spec it was generated from."""

__version__ = "3.34.0.post3"
SPEC_VERSION = "0.0.1"
