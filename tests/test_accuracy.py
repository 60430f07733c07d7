"""Accuracy regression on the seed articles' gold (scored with the FORMAT.md rules).

The thresholds sit just below the measured figures so that a change that loses
accuracy fails here; raise them when the rules improve.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes import Extractor
from quotes.formats import document_record
from quotes.evaluate import Report, score

GOLD = Path(__file__).resolve().parent.parent / "seeds" / "gold.jsonl"


@pytest.fixture(scope="module")
def report() -> Report:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    extractor = Extractor()
    predicted = [document_record(doc["id"], extractor.extract(doc["text"])) for doc in gold]
    return score(gold, predicted)


def test_direct_quotes(report: Report) -> None:
    assert report.detection["direct"].f1 >= 0.95
    assert report.attribution_rate("direct") >= 0.95


def test_all_quotes(report: Report) -> None:
    assert report.detection["all"].f1 >= 0.90
    assert report.detection["indirect+mixed"].f1 >= 0.85
    assert report.attribution_rate("all") >= 0.94


def test_end_to_end(report: Report) -> None:
    assert report.end_to_end["all"].f1 >= 0.86
