"""JSON Schema -> Python types and pydantic models, shared by every input kind."""
