"""Bookkeeping of overrides.yaml: what each entry changed, and which entries went stale.

Every stage that applies an entry reports it here. A stale entry (its target is gone, or the
spec now has the quirk fixed) is collected rather than raised at once, so one run tells the
reviewer every entry to remove or change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import GeneratorError


@dataclass(frozen=True)
class Applied:
    entry: str  # e.g. "operations.CreateOrderGroup.add_params[exchange_index]"
    target: str  # what it touched, e.g. "order_groups.create (POST /portfolio/order_groups/create)"
    change: str  # what it did
    reason: str


@dataclass
class OverrideTracker:
    source: str = "overrides.yaml"
    applied: list[Applied] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def record(self, entry: str, target: str, change: str, reason: str) -> None:
        self.applied.append(Applied(entry, target, change, reason))

    def choose(self, entry: str, target: str, convention: str, chosen: str, reason: str) -> str:
        """An entry that overrides a conventional name; redundant when it picks the same one."""
        if chosen == convention:
            self.stale(
                entry, f"redundant: the convention already gives {convention}; remove the entry"
            )
        else:
            self.record(entry, target, f"{chosen} (convention: {convention})", reason)
        return chosen

    def stale(self, entry: str, message: str) -> None:
        self.problems.append(f"{entry}: {message}")

    def raise_if_stale(self) -> None:
        if not self.problems:
            return
        lines = "\n".join(f"  - {p}" for p in sorted(set(self.problems)))
        raise GeneratorError(
            f"{len(set(self.problems))} override(s) no longer match the spec; "
            f"update {self.source} as each line says:\n{lines}",
            where=self.source,
        )
