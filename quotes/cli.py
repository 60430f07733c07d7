"""The ``quotes`` command: ``quotes extract`` and ``quotes evaluate``.

``quotes extract [INPUT ...] [--format text|jsonl|json] [-o OUT]`` — INPUT is a .txt file
(its id is the file name without extension), a .jsonl file with one
``{"id": ..., "text": ...}`` per line, a folder, a glob, or ``-`` for standard input.
A bad input is reported on standard error with its file and line; the other documents
are still processed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Sequence

from . import __version__
from .documents import Document, InputProblem, read_inputs
from .extract import Extractor
from .formats import document_record, format_text
from .ruleset import RuleError

EXIT_OK, EXIT_INPUT_PROBLEM, EXIT_USAGE = 0, 1, 2


@contextmanager
def atomic_output(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or a file written under a temporary name and renamed when complete,
    so an interrupted run never leaves a truncated file that looks finished."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part", delete=False)
    try:
        with handle:
            yield handle
        os.replace(handle.name, target)
    except BaseException:
        os.unlink(handle.name)
        raise


def _extract(args: argparse.Namespace) -> int:
    try:
        extractor = Extractor(rules_dirs=args.rules or ())
    except RuleError as error:
        print(f"quotes: {error}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    first = True
    with atomic_output(args.output) as out:
        if args.format == "json":
            out.write("[")
        for item in read_inputs(args.inputs or ["-"], errors=args.errors):
            if isinstance(item, InputProblem):
                print(f"quotes: {item}", file=sys.stderr)
                status = EXIT_INPUT_PROBLEM
                continue
            quotes = [q for q in extractor.extract(item.text) if q.confidence >= args.min_confidence]
            if args.format == "text":
                out.write(format_text(item.id, quotes))
            else:
                record = json.dumps(document_record(item.id, quotes), ensure_ascii=False)
                if args.format == "jsonl":
                    out.write(record + "\n")
                else:
                    out.write(("\n" if first else ",\n") + record)
            first = False
        if args.format == "json":
            out.write("\n]\n")
    return status


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import read_jsonl, score

    try:
        gold = list(read_jsonl(args.gold))
        if args.predictions:
            predicted = list(read_jsonl(args.predictions))
        else:
            extractor = Extractor(rules_dirs=args.rules or ())
            predicted = [document_record(str(doc["id"]), [q for q in extractor.extract(doc["text"])
                                                          if q.confidence >= args.min_confidence])
                         for doc in gold]
    except (OSError, ValueError, RuleError) as error:
        print(f"quotes: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = score(gold, predicted)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.format())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotes in German news text and who said them.")
    parser.add_argument("--version", action="version", version=f"zitate {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract quotes from documents")
    extract.add_argument("inputs", nargs="*", metavar="INPUT", help=".txt, .jsonl, folder, glob or - (stdin)")
    extract.add_argument("--format", choices=("text", "jsonl", "json"), default="text")
    extract.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    extract.add_argument("--errors", choices=("strict", "replace"), default="strict",
                         help="invalid UTF-8: report it (strict) or decode with replacement characters")
    extract.add_argument("--min-confidence", type=float, default=0.0,
                         help="leave out quotes below this confidence (unattributed quoted terms are 0.2)")
    extract.add_argument("--rules", action="append", metavar="DIR", help="an extra rule folder (repeatable)")
    extract.set_defaults(run=_extract)

    evaluate = commands.add_parser("evaluate", help="score against a gold JSONL file (FORMAT.md rules)")
    evaluate.add_argument("gold")
    evaluate.add_argument("--predictions", help="a JSONL file from 'quotes extract --format jsonl' "
                                                "(default: run the extractor on the gold texts)")
    evaluate.add_argument("--min-confidence", type=float, default=0.0)
    evaluate.add_argument("--rules", action="append", metavar="DIR")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(run=_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quotes`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
