"""The one error type of the generator: bad input, reported as a single clear line."""

from __future__ import annotations


class GeneratorError(Exception):
    """Bad input (spec, overrides, lock). `where` names the file and the location inside it."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
