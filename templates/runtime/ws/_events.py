"""What a subscription's iterator yields besides frames: what happened to the stream."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Event", "Reconnected", "Resynced", "SequenceGap"]

GapKind = Literal["gap", "duplicate", "reset"]


@dataclass(frozen=True, slots=True)
class SequenceGap:
    """`seq` on a non-book channel did not follow on: frames were missed (`gap`), one came
    again or out of order (`duplicate`, delivered anyway), or numbering restarted (`reset`).
    Yielded just before the frame that showed it; iteration goes on."""

    channel: str
    sid: int
    expected: int
    got: int
    kind: GapKind = "gap"


@dataclass(frozen=True, slots=True)
class Resynced:
    """A subscription's stream restarted from a consistent state. On an order book channel
    the books were reset and are rebuilt from the fresh snapshots that follow; frames queued
    before it may have been dropped (`reason` "overflow").

    reason: "gap", "reset", "delta_before_snapshot", "decode_error", "overflow", "reconnect".
    """

    channel: str
    reason: str


@dataclass(frozen=True, slots=True)
class Reconnected:
    """The connection was lost and re-established; the subscription was subscribed again
    with the same parameters (a new `sid`). Frames sent while disconnected are lost."""

    attempt: int  # reconnect attempts this took (1 = the first try worked)


Event = SequenceGap | Resynced | Reconnected
