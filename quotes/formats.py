"""Output formats of extracted quotes: the stable JSON record and the readable text list.

>>> from quotes import extract
>>> document_record("a", extract("„Ja“, sagte er."))["quotes"][0]["text"]
'Ja'
"""

from __future__ import annotations

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
