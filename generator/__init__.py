"""kalshi-codegen: the Kalshi OpenAPI document + overrides.yaml -> the typed `kalshi` client."""

__version__ = "0.1.0"
