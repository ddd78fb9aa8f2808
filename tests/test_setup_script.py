"""scripts/setup.sh stops at once, in one line, on a Python it cannot use."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_an_old_python_is_refused_in_one_line_before_anything_is_installed(tmp_path: Path) -> None:
    old = tmp_path / "python3.9"
    old.write_text(
        '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.18"; exit 0; fi\nexit 1\n'
    )
    old.chmod(0o755)
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh"), "--no-generate"],
        env={**os.environ, "PYTHON": str(old)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    expected = (
        f"setup: error: {old} is Python 3.9.18; Python >= 3.10 is needed "
        "(set PYTHON=python3.11 or similar)"
    )
    assert done.stderr.strip().splitlines() == [expected]
