"""The ``quotes`` command: ``extract``, ``index``, ``render``, ``schema`` and ``evaluate``.

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
from functools import partial
from pathlib import Path
from typing import IO, Iterator, Sequence

from . import __version__
from .batch import Formatter, Outcome, Progress, Result, run
from .documents import Document, count_documents, read_inputs
from .backbone import load_backbone
from .extract import Extractor, filter_quotes
from .formats import CsvWriter, document_record, format_text
from .index import IndexBuilder, dumps
from .model import Quote
from .render import render_html
from .schema import SCHEMA_NAMES, schema_text
from .ruleset import RuleError

EXIT_OK, EXIT_INPUT_PROBLEM, EXIT_USAGE = 0, 1, 2


@contextmanager
def atomic_output(path: str | None, newline: str | None = None) -> Iterator[IO[str]]:
    """Standard output, or a file written under a temporary name and renamed when complete,
    so an interrupted run never leaves a truncated file that looks finished."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline=newline, dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".part", delete=False)
    try:
        with handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # temporary files are private; the result is not
        os.replace(handle.name, target)
    except BaseException:
        os.unlink(handle.name)
        raise


def _outcomes(args: argparse.Namespace, formatter: Formatter | None = None) -> Iterator[Outcome]:
    """Documents of the inputs run through the extractor (in order, ``--jobs`` processes)."""
    items = read_inputs(args.inputs or ["-"], errors=args.errors)
    return run(items, jobs=args.jobs, rules_dirs=args.rules or (), formatter=formatter, backbone=args.backbone)


def format_document(fmt: str, min_confidence: float, document: Document, quotes: Sequence[Quote]) -> str:
    """One document in the ``text`` or ``jsonl``/``json`` format (runs in the worker processes)."""
    kept = filter_quotes(quotes, min_confidence)
    if fmt == "text":
        return format_text(document.id, kept)
    return json.dumps(document_record(document.id, kept), ensure_ascii=False)


def _report(outcome: Outcome) -> bool:
    """Print a problem on standard error; True when the outcome is a result."""
    if isinstance(outcome, Result):
        return True
    print(f"quotes: {outcome}", file=sys.stderr)
    return False


def _progress(args: argparse.Namespace) -> Progress:
    """A progress line on standard error when it is a terminal (and not ``--quiet``)."""
    enabled = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.inputs or ["-"]) if enabled else None
    return Progress(sys.stderr, total=total, enabled=enabled)


def _extract(args: argparse.Namespace) -> int:
    status = EXIT_OK
    first = True
    csv_writer = None
    progress = _progress(args)
    with atomic_output(args.output, newline="" if args.format == "csv" else None) as out:
        if args.format == "json":
            out.write("[")
        formatter = None if args.format == "csv" else partial(format_document, args.format, args.min_confidence)
        for outcome in _outcomes(args, formatter):
            progress.step()
            if not _report(outcome):
                status = EXIT_INPUT_PROBLEM
                continue
            if args.format == "csv":
                csv_writer = csv_writer or CsvWriter(out)
                csv_writer.write(outcome.document.id, filter_quotes(outcome.quotes, args.min_confidence))
            elif args.format == "json":
                out.write(("\n" if first else ",\n") + outcome.output)
            else:
                out.write(outcome.output + ("\n" if args.format == "jsonl" else ""))
            first = False
        if args.format == "json":
            out.write("\n]\n")
    progress.close()
    return status


def _collect(args: argparse.Namespace) -> Iterator[tuple[str, str, list[Quote]] | None]:
    """(id, text, quotes) of each document in order; None for an input that failed (reported)."""
    progress = _progress(args)
    for outcome in _outcomes(args):
        progress.step()
        yield (outcome.document.id, outcome.document.text,
               filter_quotes(outcome.quotes, args.min_confidence)) if _report(outcome) else None
    progress.close()


def _index(args: argparse.Namespace) -> int:
    status = EXIT_OK
    builder = IndexBuilder()
    for item in _collect(args):
        if item is None:
            status = EXIT_INPUT_PROBLEM
            continue
        try:
            builder.add(*item)  # streamed: only the index is kept in memory
        except ValueError as error:
            print(f"quotes: {item[0]}: {error}", file=sys.stderr)
            status = EXIT_INPUT_PROBLEM
    with atomic_output(args.output) as out:
        out.write(dumps(builder.build(), indent=2) + "\n")
    return status


def _render(args: argparse.Namespace) -> int:
    collected = list(_collect(args))
    documents = [item for item in collected if item is not None]
    with atomic_output(args.output) as out:
        out.write(render_html(documents, title=args.title))
    return EXIT_OK if len(documents) == len(collected) else EXIT_INPUT_PROBLEM


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text(args.name))
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import read_jsonl, score

    try:
        gold = list(read_jsonl(args.gold))
        if args.predictions:
            predicted = list(read_jsonl(args.predictions))
        else:
            extractor = Extractor(rules_dirs=args.rules or (), backbone=load_backbone(args.backbone))
            predicted = [document_record(str(doc["id"]),
                                         filter_quotes(extractor.extract(doc["text"]), args.min_confidence))
                         for doc in gold]
    except (OSError, ValueError, RuleError, ImportError) as error:
        print(f"quotes: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = score(gold, predicted)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.format())
    return EXIT_OK


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", metavar="DIR", help="an extra rule folder (repeatable)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="worker processes (default 1; 0 = all cores); output keeps the input order")
    parser.add_argument("--quiet", action="store_true", help="no progress bar on standard error")
    _add_backbone_option(parser)


def _add_backbone_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backbone", default="rules", metavar="SPEC",
                        help="rules (default: no model), hanta (pip install 'zitate[hanta]') or "
                             "spacy:NAME (a trained spaCy pipeline, e.g. spacy:de_core_news_lg)")


def _corpus_command(commands: argparse._SubParsersAction, name: str, help_text: str, action,
                    min_confidence: float) -> argparse.ArgumentParser:
    """A command that reads documents, runs the extractor and writes one output."""
    parser = commands.add_parser(name, help=help_text)
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=".txt, .jsonl, folder, glob or - (stdin)")
    parser.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    parser.add_argument("--errors", choices=("strict", "replace"), default="strict",
                        help="invalid UTF-8: report it (strict) or decode with replacement characters")
    parser.add_argument("--min-confidence", type=float, default=min_confidence,
                        help=f"leave out quotes below this confidence (default {min_confidence}; "
                             "unattributed quoted terms are 0.2)")
    _add_run_options(parser)
    parser.set_defaults(run=action)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotes in German news text and who said them.")
    parser.add_argument("--version", action="version", version=f"zitate {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = _corpus_command(commands, "extract", "extract quotes from documents", _extract, 0.0)
    extract.add_argument("--format", choices=("text", "jsonl", "json", "csv"), default="text",
                         help="text (readable), jsonl (one record per document), json (an array), csv (a row per quote)")
    _corpus_command(commands, "index", "a JSON quote index over a corpus: speaker -> quotes", _index, 0.3)
    render = _corpus_command(commands, "render", "a self-contained HTML review page of the quotes found",
                             _render, 0.0)
    render.add_argument("--title", default="zitate")

    schema = commands.add_parser("schema", help="print the JSON Schema of the extract records or of the index")
    schema.add_argument("name", choices=SCHEMA_NAMES)
    schema.set_defaults(run=_schema)

    evaluate = commands.add_parser("evaluate", help="score against a gold JSONL file (FORMAT.md rules)")
    evaluate.add_argument("gold")
    evaluate.add_argument("--predictions", help="a JSONL file from 'quotes extract --format jsonl' "
                                                "(default: run the extractor on the gold texts)")
    evaluate.add_argument("--min-confidence", type=float, default=0.0)
    evaluate.add_argument("--rules", action="append", metavar="DIR")
    _add_backbone_option(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(run=_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quotes`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (RuleError, ImportError) as error:  # a broken rule file, a backbone that is not installed
        print(f"quotes: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
