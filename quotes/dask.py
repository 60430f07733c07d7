"""Dask integration: extract quotes from a :class:`dask.bag.Bag` of documents in parallel.

Needs dask with its bag extra (``pip install "zitate[dask]"``); dask is imported only when
:func:`extract_bag` is called.

>>> import json
>>> import dask.bag as db
>>> from quotes.dask import extract_bag
>>> texts = ["„Wir sind bereit“, sagte die Ministerin.", "Kein Zitat.", "»Nein«, sagte er."]
>>> records = extract_bag(db.from_sequence(texts, npartitions=2))
>>> [(r["id"], [q["text"] for q in r["quotes"]]) for r in records.compute(scheduler="sync")]
[(0, ['Wir sind bereit']), (1, []), (2, ['Nein'])]
>>> docs = db.from_sequence([{"id": "a", "text": "Sie sagte: »Ja.«"}], npartitions=1)
>>> extract_bag(docs).compute(scheduler="sync")[0]["quotes"][0]["speaker"]["text"]
'Sie'

``compute()`` without a scheduler uses dask's default for bags (worker processes).

Write JSONL, one file per partition (the records are the lines of ``quotes extract --format jsonl``)::

    extract_bag(db.read_text("articles/*.jsonl").map(json.loads)).map(json.dumps).to_textfiles("out/*.jsonl")
"""

from __future__ import annotations

import operator
from typing import Any, Iterable, Mapping

from .component import filter_quotes
from .extract import Extractor

_INSTALL_HINT = 'quotes.dask needs dask with its bag extra: pip install "zitate[dask]"'


def _import_dask() -> tuple[Any, Any]:
    try:
        import dask.bag as db
        from dask import delayed
    except ImportError as error:
        raise ImportError(f"{_INSTALL_HINT} ({error})") from error
    return db, delayed


def extract_bag(bag: Any, *, rules_dirs: Iterable[str] = (), min_confidence: float = 0.0,
                text_key: str = "text", id_key: str = "id") -> Any:
    """A lazy bag of ``{"id": ..., "quotes": [quote.to_dict(), ...]}`` records, one per input, in order.

    ``bag`` holds strings or mappings with ``text_key`` (the text) and ``id_key`` (the id, kept
    as it is). The id of a string, or of a mapping without an id, is its position in ``bag``
    (0-based, counted across partitions, so the same for any scheduler and number of workers;
    a mapping's id is never changed to a string).

    Each partition is processed by one :class:`~quotes.extract.Extractor` built inside the
    partition function (rules are loaded once per worker process), so only the settings travel
    to the workers. ``min_confidence`` leaves out less certain quotes and renumbers ``parent``.
    The output has the input's partitions; counting the positions adds one cheap ``len`` task per
    partition. A mapping without a text string raises :class:`ValueError` naming its position.
    """
    db, delayed = _import_dask()
    settings = {"rules_dirs": tuple(str(d) for d in rules_dirs), "min_confidence": float(min_confidence),
                "text_key": text_key, "id_key": id_key}
    listed = bag.map_partitions(list)  # concrete lists: counted and processed without re-reading
    parts = listed.to_delayed(optimize_graph=False)
    if not parts:
        return listed
    starts: list[Any] = [0]
    for part in parts[:-1]:
        starts.append(delayed(operator.add, pure=True)(starts[-1], delayed(len, pure=True)(part)))
    offsets = db.from_delayed([delayed(_singleton, pure=True)(start) for start in starts])
    return listed.map_partitions(_extract_partition, offsets, **settings)


def _singleton(value: Any) -> list[Any]:
    return [value]


def _extract_partition(records: Iterable[Any], offset: list[int], *, rules_dirs: tuple[str, ...],
                       min_confidence: float, text_key: str, id_key: str) -> list[dict[str, Any]]:
    extractor = Extractor(rules_dirs=rules_dirs)
    results: list[dict[str, Any]] = []
    for position, record in enumerate(records, offset[0]):
        doc_id, text = _id_and_text(record, position, text_key, id_key)
        found = filter_quotes(extractor.extract(text), min_confidence)
        results.append({"id": doc_id, "quotes": [quote.to_dict() for quote in found]})
    return results


def _id_and_text(record: Any, position: int, text_key: str, id_key: str) -> tuple[Any, str]:
    if isinstance(record, str):
        return position, record
    if isinstance(record, Mapping):
        text = record.get(text_key)
        if not isinstance(text, str):
            raise ValueError(f"record {position}: no {text_key!r} string (got {type(text).__name__})")
        doc_id = record.get(id_key)
        return (position if doc_id is None else doc_id), text
    raise TypeError(f"record {position}: expected a string or a mapping, got {type(record).__name__}")
