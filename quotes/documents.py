"""Reading documents for the command line: text files, JSONL files, folders, globs, stdin.

Documents are streamed one at a time, so memory stays flat however large the input.
Problems (a bad JSONL line, invalid UTF-8, an unreadable file) are yielded as
:class:`InputProblem` values in input order, so a caller reports them and goes on.

>>> import io
>>> [d.id for d in read_jsonl_lines(io.StringIO('{"id": "a", "text": "x"}\\n'), "s.jsonl")]
['a']
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Union

import attrs


@attrs.frozen
class Document:
    id: str
    text: str
    meta: dict = attrs.field(factory=dict, hash=False)


@attrs.frozen
class InputProblem:
    """An input that could not be read; ``where`` names the file and line."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Union[Document, InputProblem]


def decode(data: bytes, where: str, errors: str = "strict") -> str | InputProblem:
    """UTF-8 text, or a problem naming the byte offset of the first invalid byte."""
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as error:
        return InputProblem(where, f"invalid UTF-8 at byte {error.start} "
                                   "(use --errors replace to decode it with replacement characters)")


def parse_jsonl_line(line: str, where: str, fallback_id: str) -> Item | None:
    """One JSONL record ``{"id": ..., "text": ...}`` as a document, a problem, or None if blank."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return InputProblem(where, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputProblem(where, 'expected an object with a string field "text"')
    doc_id = record.get("id")
    meta = {k: v for k, v in record.items() if k not in ("id", "text")}
    return Document(fallback_id if doc_id is None else str(doc_id), record["text"], meta)


def read_jsonl_lines(lines: Iterable[str], name: str) -> Iterator[Item]:
    """Documents from JSONL lines; bad lines become problems naming the line."""
    for number, line in enumerate(lines, 1):
        item = parse_jsonl_line(line, f"{name}:{number}", f"{Path(name).stem}:{number}")
        if item is not None:
            yield item


def read_jsonl_file(path: Path, errors: str = "strict") -> Iterator[Item]:
    """Stream a JSONL file line by line (never read whole)."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield InputProblem(str(path), f"cannot be read: {error.strerror or error}")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            text = decode(raw, where, errors)
            item = text if isinstance(text, InputProblem) else parse_jsonl_line(text, where, f"{path.stem}:{number}")
            if item is not None:
                yield item


def read_text_file(path: Path, errors: str = "strict") -> Item:
    try:
        data = path.read_bytes()
    except OSError as error:
        return InputProblem(str(path), f"cannot be read: {error.strerror or error}")
    text = decode(data, str(path), errors)
    return text if isinstance(text, InputProblem) else Document(path.stem, text)


def _expand(spec: str) -> list[Path] | None:
    path = Path(spec)
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in (".txt", ".jsonl")]
        return found
    if any(c in spec for c in "*?["):
        return [Path(p) for p in sorted(glob.glob(spec, recursive=True)) if os.path.isfile(p)]
    return None


def read_inputs(specs: Iterable[str], errors: str = "strict", stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Documents from every input: ``-`` (stdin), .txt/.jsonl files, folders, globs."""
    for spec in specs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            text = decode(data, "<stdin>", errors)
            if isinstance(text, InputProblem):
                yield text
            elif text.lstrip().startswith("{"):
                yield from read_jsonl_lines(text.splitlines(), "<stdin>")
            else:
                yield Document("stdin", text)
            continue
        expanded = _expand(spec)
        paths = expanded if expanded is not None else [Path(spec)]
        if expanded == []:
            yield InputProblem(spec, "no .txt or .jsonl files found")
        for path in paths:
            if not path.exists():
                yield InputProblem(str(path), "no such file")
            elif path.suffix == ".jsonl":
                yield from read_jsonl_file(path, errors)
            else:
                yield read_text_file(path, errors)


def count_documents(specs: Iterable[str]) -> int | None:
    """How many documents the inputs hold (for a progress ETA), or None when unknown (stdin).

    JSONL files are counted by their line breaks in 1 MB blocks, so memory stays flat.
    """
    total = 0
    for spec in specs:
        if spec == "-":
            return None
        expanded = _expand(spec)
        for path in expanded if expanded is not None else [Path(spec)]:
            if path.suffix != ".jsonl":
                total += 1
                continue
            try:
                with path.open("rb") as handle:
                    total += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
            except OSError:
                continue
    return total
