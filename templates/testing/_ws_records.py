"""What FakeKalshiWS records (commands, frames sent, handshakes, subscriptions), and the error
a push the document refuses raises. Plain frozen dataclasses: tests compare and print them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._schema import Problem

__all__ = ["Handshake", "InvalidFrameError", "RecordedCommand", "SentFrame", "SubscriptionInfo"]


@dataclass(frozen=True)
class RecordedCommand:
    """One text frame a client sent, and how the fake answered it."""

    connection: int
    raw: str
    json: Any  # decoded; None when not JSON
    id: int | None
    cmd: str | None
    params: dict[str, Any]
    error: int | None  # the error code answered; None when the command was accepted
    detail: str = ""  # why it was refused

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class SentFrame:
    """One thing the fake sent (or did) on a connection, in order."""

    connection: int
    kind: Literal["text", "ping", "close", "drop", "freeze"]
    text: str = ""  # the text frame, the ping payload or the close reason
    code: int | None = None  # the close code

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.kind == "text" else None


@dataclass(frozen=True)
class Handshake:
    """One opening handshake: accepted (status 101) or refused with an HTTP status."""

    connection: int | None  # the connection number when accepted
    path: str
    headers: dict[str, str]
    status: int
    authenticated: bool
    detail: str = ""


@dataclass(frozen=True)
class SubscriptionInfo:
    """A subscription the fake holds, as of when it was asked."""

    connection: int
    sid: int
    channel: str
    params: dict[str, Any]
    market_tickers: tuple[str, ...]
    market_ids: tuple[str, ...]
    seq: int  # the last seq used (0: none yet)


class InvalidFrameError(ValueError):
    """A frame to push is not valid against the document (`problems` names each field)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
