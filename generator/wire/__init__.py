"""The wire: recorded server responses and the audit of the spec against them."""
