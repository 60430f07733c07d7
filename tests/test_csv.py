"""CSV output for spreadsheets: header, one row per quote, and a lossless round trip
through csv.reader (commas, newlines and quotation marks inside quotes included)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import Cue, Extractor, Quote, Speaker
from quotes.formats import CSV_COLUMNS, CsvWriter, csv_rows, write_csv

NEWLINE = "„Hallo, Welt,\nwie geht's“, sagte Putin."
INNER = '»Er sagte "nein", basta«, sagte sie. Der Film heißt „Das Boot“.'


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_columns() -> None:
    assert CSV_COLUMNS == ("document", "type", "start", "end", "text", "speaker", "entity", "speaker_start",
                           "speaker_end", "cue", "cue_lemma", "confidence", "rule")


def test_newline_and_comma_round_trip(extractor: Extractor) -> None:
    quotes = extractor.extract(NEWLINE)
    assert [q.text for q in quotes] == ["Hallo, Welt,\nwie geht's"]
    out = io.StringIO(newline="")
    assert write_csv(out, "doc-1", quotes, header=True) == 1
    header, row = read(out.getvalue())
    assert header == list(CSV_COLUMNS)
    record = dict(zip(header, row))
    assert record == {"document": "doc-1", "type": "direct", "start": "1", "end": "24",
                      "text": "Hallo, Welt,\nwie geht's", "speaker": "Putin", "entity": "Putin",
                      "speaker_start": "33", "speaker_end": "38", "cue": "sagte", "cue_lemma": "sagen",
                      "confidence": "0.95", "rule": "direct.cue-after"}
    assert NEWLINE[int(record["start"]):int(record["end"])] == record["text"]


def test_one_row_per_quote_with_empty_cells_for_missing_parts(extractor: Extractor) -> None:
    quotes = extractor.extract(INNER)
    out = io.StringIO(newline="")
    writer = CsvWriter(out)
    assert writer.write("inner", quotes) == len(quotes) == 3
    rows = read(out.getvalue())
    assert rows[0] == list(CSV_COLUMNS) and len(rows) == 1 + len(quotes)
    by_text = {row[4]: dict(zip(CSV_COLUMNS, row)) for row in rows[1:]}
    assert set(by_text) == {q.text for q in quotes}
    assert 'Er sagte "nein", basta' in by_text  # quotation marks inside a cell survive
    title = by_text["Das Boot"]
    assert (title["speaker"], title["entity"], title["speaker_start"], title["cue"], title["cue_lemma"]) == \
        ("", "", "", "", "")
    assert title["rule"] == "direct.term" and float(title["confidence"]) == pytest.approx(0.2)
    assert by_text['Er sagte "nein", basta']["entity"] == ""  # unresolved pronoun: entity None


def test_header_once_over_several_documents_and_no_header_on_request(extractor: Extractor) -> None:
    out = io.StringIO(newline="")
    writer = CsvWriter(out)
    writer.write("a", extractor.extract(NEWLINE))
    writer.write("b", [])
    writer.write("c", extractor.extract(INNER))
    assert writer.rows == 4
    rows = read(out.getvalue())
    assert [row[0] for row in rows] == ["document", "a", "c", "c", "c"]
    plain = io.StringIO(newline="")
    write_csv(plain, "a", extractor.extract(NEWLINE))
    assert [row[0] for row in read(plain.getvalue())] == ["a"]


def test_text_cells_quoted_numbers_not(extractor: Extractor) -> None:
    out = io.StringIO(newline="")
    write_csv(out, "0042", extractor.extract(NEWLINE))
    line = out.getvalue()
    assert line.startswith('"0042","direct",1,24,"Hallo, Welt,\nwie geht\'s","Putin","Putin",33,38,')
    assert line.endswith(',0.95,"direct.cue-after"\r\n')
    typed = list(csv.reader(io.StringIO(line, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    assert typed[0][:4] == ["0042", "direct", 1.0, 24.0]  # the id stays text for spreadsheets


def test_file_round_trip(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(handle, "n", extractor.extract(NEWLINE), header=True)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["text"] for row in rows] == ["Hallo, Welt,\nwie geht's"]


def test_csv_rows_values() -> None:
    quote = Quote(type="indirect", start=5, end=9, text="a,b", speaker=Speaker("er", 0, 2, "Max Berg", "pronoun"),
                  cue=Cue("sagte", 2, 7, "sagen"), confidence=0.83333, rule="indirect.cue-before")
    assert list(csv_rows("d", [quote])) == [["d", "indirect", 5, 9, "a,b", "er", "Max Berg", 0, 2, "sagte", "sagen",
                                            0.833, "indirect.cue-before"]]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), min_size=1, max_size=5))
def test_any_text_round_trips(texts: list[str]) -> None:
    quotes = [Quote(type="direct", start=0, end=len(t), text=t, speaker=Speaker(t or "x", 0, len(t or "x"), t, "name"),
                    confidence=0.5, rule="direct.cue-after") for t in texts]
    out = io.StringIO(newline="")
    write_csv(out, "doc,\n\"id\"", quotes, header=True)
    rows = read(out.getvalue())
    assert len(rows) == 1 + len(texts)
    assert [row[4] for row in rows[1:]] == texts
    assert all(row[0] == "doc,\n\"id\"" for row in rows[1:])
