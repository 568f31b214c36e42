"""The code is ruff clean (the configuration is in pyproject.toml)."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.skipif(shutil.which("ruff") is None and sys.prefix == sys.base_prefix, reason="ruff not installed")
def test_ruff_clean():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
