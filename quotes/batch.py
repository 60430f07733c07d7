"""Running the extractor over a stream of documents: in order, in one or many processes.

At most a bounded number of documents is read ahead, so memory stays flat however long the stream;
results come back in input order. A document whose extraction raises is reported as a
:class:`Failure` with its id, and the run goes on.

>>> from quotes.documents import Document
>>> [type(r).__name__ for r in run([Document("a", "„Ja“, sagte er.")])]
['Result']
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from typing import IO, Any, Callable, Iterable, Iterator, Union

import attrs

from .documents import Document, InputProblem
from .backbone import load_backbone
from .extract import Extractor
from .model import Quote

IN_FLIGHT_PER_JOB = 256


@attrs.frozen
class Result:
    document: Document
    quotes: tuple[Quote, ...]
    output: Any = None  # what the ``formatter`` made of it, computed in the worker


Formatter = Callable[[Document, tuple[Quote, ...]], Any]


@attrs.frozen
class Failure:
    document: Document
    message: str

    def __str__(self) -> str:
        return f"{self.document.id}: extraction failed: {self.message}"


Outcome = Union[Result, Failure, InputProblem]

# One extractor (and formatter) per worker process, set up by _init_worker.
_worker: tuple[Extractor, Formatter | None] | None = None


def _init_worker(rules_dirs: tuple[str, ...], formatter: Formatter | None, backbone: str) -> None:
    global _worker
    _worker = (Extractor(rules_dirs=rules_dirs, backbone=load_backbone(backbone)), formatter)


def _extract_one(extractor: Extractor, document: Document, formatter: Formatter | None) -> Result | Failure:
    try:
        quotes = tuple(extractor.extract(document.text))
        if formatter is None:
            return Result(document, quotes)
        # formatted in the worker: send back only the output, not the text and quotes
        return Result(Document(document.id, ""), (), formatter(document, quotes))
    except Exception as error:  # a bug must not stop a corpus run; report it with the id
        return Failure(document, f"{type(error).__name__}: {error}")


def _work(item: Document | InputProblem) -> Outcome:
    if isinstance(item, InputProblem):
        return item
    assert _worker is not None
    return _extract_one(_worker[0], item, _worker[1])


def resolve_jobs(jobs: int) -> int:
    """``0`` means all cores."""
    return os.cpu_count() or 1 if jobs <= 0 else jobs


def run(items: Iterable[Document | InputProblem], jobs: int = 1, rules_dirs: Iterable[str] = (),
        formatter: Formatter | None = None, backbone: str = "rules") -> Iterator[Outcome]:
    """Extract quotes from every document of ``items``, in order; problems pass through.

    With ``jobs > 1`` the documents go to worker processes; at most
    ``jobs * IN_FLIGHT_PER_JOB`` of them are read ahead, so memory stays bounded. A
    picklable ``formatter(document, quotes)`` runs in the worker too (``Result.output``),
    so the parent process only writes; such a result carries the output and the
    document's id only (no text, no quotes). ``backbone`` is a spec for
    :func:`quotes.backbone.load_backbone` (each worker loads its own).
    """
    rules_dirs = tuple(rules_dirs)
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        extractor = Extractor(rules_dirs=rules_dirs, backbone=load_backbone(backbone))
        for item in items:
            yield item if isinstance(item, InputProblem) else _extract_one(extractor, item, formatter)
        return
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    slots = threading.BoundedSemaphore(jobs * IN_FLIGHT_PER_JOB)

    def feed() -> Iterator[Document | InputProblem]:
        for item in items:
            slots.acquire()  # blocks the pool's feeder thread, not the caller
            yield item

    with context.Pool(jobs, initializer=_init_worker, initargs=(rules_dirs, formatter, backbone)) as pool:
        for outcome in pool.imap(_work, feed(), chunksize=32):
            slots.release()
            yield outcome


class Progress:
    """A one-line progress report on a terminal: documents, documents/s and, if known, ETA."""

    def __init__(self, stream: IO[str], total: int | None = None, enabled: bool = True) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled and stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and now - self.shown >= 0.2:
            self.shown = now
            self._show(now)

    def _show(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        line = f"{self.done} documents, {rate:,.0f} documents/s"
        if self.total:
            remaining = max(self.total - self.done, 0) / max(rate, 1e-9)
            line = f"{self.done}/{self.total} documents, {rate:,.0f} documents/s, ETA {remaining:,.0f} s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._show(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
