"""Output formats of extracted quotes: the stable JSON record, the readable text list and CSV.

>>> from quotes import extract
>>> document_record("a", extract("„Ja“, sagte er."))["quotes"][0]["text"]
'Ja'
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, Iterator

from .model import Quote


def document_record(doc_id: str, quotes: list[Quote]) -> dict:
    """The JSON record of one document (the stable ``--format jsonl`` contract)."""
    return {"id": doc_id, "quotes": [q.to_dict() for q in quotes]}


def format_text(doc_id: str, quotes: list[Quote]) -> str:
    """A readable list: speaker — quote (type, cue), one quote per line."""
    lines = [f"# {doc_id}: {len(quotes)} quote(s)"]
    for quote in quotes:
        who = quote.speaker.entity or quote.speaker.text if quote.speaker else "(unknown)"
        if quote.speaker and quote.speaker.entity and quote.speaker.text != quote.speaker.entity:
            who = f"{quote.speaker.entity} [{quote.speaker.text}]"
        cue = f", cue {quote.cue.text!r}" if quote.cue else ""
        body = " ".join(quote.text.split())
        lines.append(f"{who} — „{body}“ ({quote.type}{cue}, {quote.start}-{quote.end})")
    return "\n".join(lines) + "\n"


CSV_COLUMNS: tuple[str, ...] = ("document", "type", "start", "end", "text", "speaker", "entity",
                                "speaker_start", "speaker_end", "cue", "cue_lemma", "confidence", "rule")


def csv_rows(doc_id: str, quotes: Iterable[Quote]) -> Iterator[list[Any]]:
    """One row per quote in the order of :data:`CSV_COLUMNS`; a missing speaker or cue gives
    empty cells (None), the confidence is rounded as in the JSON record.

    >>> from quotes import extract
    >>> next(csv_rows("a", extract("„Ja“, sagte er.")))
    ['a', 'direct', 1, 3, 'Ja', 'er', None, 12, 14, 'sagte', 'sagen', 0.95, 'direct.cue-after']
    """
    for quote in quotes:
        speaker, cue = quote.speaker, quote.cue
        yield [doc_id, quote.type, quote.start, quote.end, quote.text,
               speaker.text if speaker else None, speaker.entity if speaker else None,
               speaker.start if speaker else None, speaker.end if speaker else None,
               cue.text if cue else None, cue.lemma if cue else None,
               round(quote.confidence, 3), quote.rule]


class CsvWriter:
    """Writes quotes as CSV for spreadsheets: a header row (:data:`CSV_COLUMNS`) before the
    first row, then one row per quote, document after document.

    Text cells are always quoted and numbers are not (``csv.QUOTE_NONNUMERIC``), rows end with
    CRLF (RFC 4180), and newlines, commas and quotation marks inside a quote survive a
    round trip through ``csv.reader``. Open a file with ``newline=""`` so that newlines
    inside cells are not translated.

    >>> import io
    >>> from quotes import extract
    >>> out = io.StringIO()
    >>> writer = CsvWriter(out)
    >>> writer.write("a", extract("„Ja, gut“, sagte er."))
    1
    >>> out.getvalue().split("\\r\\n")[1]
    '"a","direct",1,8,"Ja, gut","er","",17,19,"sagte","sagen",0.95,"direct.cue-after"'
    """

    def __init__(self, out: Any, *, header: bool = True) -> None:
        self._writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
        self._header_due = header
        self.rows = 0

    def write(self, doc_id: str, quotes: Iterable[Quote]) -> int:
        """Write the rows of one document; returns how many quotes it wrote."""
        if self._header_due:
            self._writer.writerow(CSV_COLUMNS)
            self._header_due = False
        written = 0
        for row in csv_rows(doc_id, quotes):
            self._writer.writerow(row)
            written += 1
        self.rows += written
        return written


def write_csv(out: Any, doc_id: str, quotes: Iterable[Quote], header: bool = False) -> int:
    """Write one document's quotes as CSV rows to ``out`` (a text file opened with
    ``newline=""``), after the header row if ``header``; returns the number of quote rows.

    >>> import io
    >>> from quotes import extract
    >>> out = io.StringIO()
    >>> write_csv(out, "a", extract("„Ja“, sagte er. „Nein“, sagte sie."), header=True)
    2
    >>> len(out.getvalue().splitlines())
    3
    """
    return CsvWriter(out, header=header).write(doc_id, quotes)
