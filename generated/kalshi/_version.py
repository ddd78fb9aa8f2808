"""Versions of this client and of the Kalshi spec it was generated from."""

__version__ = "0.1.0"
SPEC_VERSION = "3.34.0"
