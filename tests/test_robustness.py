"""No input can hang or crash the extractor: linear-time patterns, fuzzing, huge documents."""

from __future__ import annotations

import re
import time
from typing import Callable

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotes
from quotes import analysis, cues, entities, frames, marks, mood, reported, segment, speakers, words
from quotes.marks import engine_for
from quotes.ruleset import load_rules

MODULES = [analysis, cues, entities, frames, marks, mood, reported, segment, speakers, words]

ADVERSARIAL_UNITS = {
    "one mark": "„",
    "alternating marks": "„“",
    "straight quotes": "\"'",
    "guillemets": "»«",
    "capitalised words": "Wladimir ",
    "hyphenated capitals": "A-B-",
    "commas": ", ",
    "dashes": "– - ",
    "full stops": ". ",
    "newlines": "\n \n",
    "apostrophes": "’s'",
    "mixed": "„Er sagte, “ A. B, ",
}


def compiled_patterns() -> dict[str, regex.Pattern | re.Pattern]:
    """Every compiled regular expression of the package, including the one built from rules."""
    found: dict[str, regex.Pattern | re.Pattern] = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, (regex.Pattern, re.Pattern)):
                found[f"{module.__name__}.{name}"] = value
    found["marks.MarkEngine.pattern (rules/marks.toml)"] = engine_for(load_rules()).pattern
    return found


def best_time(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def growth(work: Callable[[str], object], unit: str) -> float:
    """Time for 100 000 characters over time for 10 000 (linear is about 10)."""
    small = (unit * (10_000 // len(unit) + 1))[:10_000]
    large = (unit * (100_000 // len(unit) + 1))[:100_000]
    return best_time(lambda: work(large)) / max(best_time(lambda: work(small)), 1e-6)


def test_the_package_has_patterns_to_check() -> None:
    assert len(compiled_patterns()) >= 5


@pytest.mark.parametrize("unit_name", sorted(ADVERSARIAL_UNITS))
@pytest.mark.parametrize("pattern_name", sorted(compiled_patterns()))
def test_every_pattern_runs_in_linear_time(pattern_name: str, unit_name: str) -> None:
    pattern = compiled_patterns()[pattern_name]
    ratio = growth(lambda text: sum(1 for _ in pattern.finditer(text)), ADVERSARIAL_UNITS[unit_name])
    assert ratio < 30, f"{pattern_name} on {unit_name!r}: 10x input took {ratio:.1f}x the time"


@pytest.mark.parametrize("unit_name", ["one mark", "alternating marks", "capitalised words", "commas", "mixed"])
def test_the_whole_extractor_runs_in_linear_time(unit_name: str) -> None:
    extractor = quotes.Extractor()
    ratio = growth(extractor.extract, ADVERSARIAL_UNITS[unit_name])
    assert ratio < 30, f"extract on {unit_name!r}: 10x input took {ratio:.1f}x the time"


def test_a_10_mb_document_is_processed() -> None:
    paragraph = ("Putin sagte, Belarus habe Anlagen. „Wir kommen“, sagte Lukaschenko. "
                 "Laut Polizei seien 216 Personen überprüft worden.\n\n"
                 + "Die Stadt liegt an einem Fluss und hat viele alte Häuser. " * 12 + "\n\n")
    text = paragraph * (10_000_000 // len(paragraph))
    found = quotes.Extractor().extract(text)
    assert len(found) == 3 * (len(text) // len(paragraph))
    assert all(text[q.start:q.end] == q.text for q in found[:100] + found[-100:])


def check_invariants(text: str, found: list[quotes.Quote]) -> None:
    for index, quote in enumerate(found):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
        if quote.cue is not None:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text
        if quote.parent is not None:
            parent = found[quote.parent]
            assert quote.parent < index and parent.start <= quote.start and quote.end <= parent.end


ANY_TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=400)
NEWS_LIKE = st.lists(st.sampled_from([
    "„", "“", "»", "«", "\"", "'", "‚", "‘", "’", ", ", ". ", "\n\n", "\n", ": ", " – ", "sagte", "erklärte",
    "laut", "zufolge", "so", "habe", "sei", "er", "sie", "Putin", "Anna Weber", "die Ministerin", "dass",
    "wie", "teilte", "mit", "\x00", "\u202e", "\u0301", "\ud800", "\ufffd", "Am Montag", "der Polizei",
]), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, NEWS_LIKE))
def test_fuzz_no_exception_and_offsets_slice(text: str) -> None:
    extractor = quotes.Extractor()
    found = extractor.extract(text)
    check_invariants(text, found)
    assert found == extractor.extract(text)  # deterministic


def test_lone_surrogates_from_file_decoding() -> None:
    text = b"\xe2\x80\x9eJa\xe2\x80\x9c, sagte er. \xff\xfe".decode("utf-8", errors="surrogateescape")
    found = quotes.extract(text)
    check_invariants(text, found)
    assert [q.text for q in found] == ["Ja"]
