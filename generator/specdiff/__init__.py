"""`kalshi-codegen diff`: what changed between two documents, and the report."""
