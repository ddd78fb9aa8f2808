"""Tests of the committed generated client (generated/kalshi), as its users call it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated")  # as tests/testing

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))
