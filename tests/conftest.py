"""Shared fixtures: data cases, the sample captures, the corpus location."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SAMPLES = ROOT / "content" / "captures"
CORPUS = Path(os.environ.get("RECENSION_CORPUS", ROOT.parent / "shared" / "corpus"))
SCORER = Path(os.environ.get("RECENSION_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))


def cases(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_captures():
    from recension.ingest import read_capture

    return [read_capture(p.read_bytes(), p.name, 0.0) for p in sorted(SAMPLES.glob("*.txt"))]


@pytest.fixture(scope="session")
def sample_story(sample_captures):
    from recension.collate import collate

    stories = collate(sample_captures)
    assert len(stories) == 1
    return stories[0]
