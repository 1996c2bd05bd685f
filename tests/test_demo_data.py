"""data/sopo/ is what scripts/make_demo_data.py writes: the script is deterministic and
calibrates on the generator's own computation, so a change to either that moves a demo
figure shows here (then run the script and commit data/sopo/ with the change)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import tree_hash

REPO = Path(__file__).resolve().parent.parent


def test_the_script_writes_data_sopo_byte_for_byte(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "make_demo_data.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert tree_hash(tmp_path / "sopo") == tree_hash(REPO / "data" / "sopo")
    assert "2021-T3: plan cumplimiento" in run.stdout  # the figures the site publishes
