"""Throughput of zitate against spaCy's blank German tokenizer on the same documents.

Times, in one process, (1) ``spacy.blank("de").make_doc`` over the documents and (2)
``quotes.Extractor().extract`` over the same documents, and prints tokens/s, MB/s and the
ratio (2)/(1), plus the peak memory of the process. The corpus is the seed articles and,
when it is there, ``../shared/benchmarks/spkatt-news/train.jsonl`` (texts only)::

    python benchmarks/throughput.py                # seeds + spkatt-news texts
    python benchmarks/throughput.py corpus.jsonl    # any JSONL with a "text" field, or .txt files
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "benchmarks" / "spkatt-news" / "train.jsonl"]


def load_texts(sources: list[Path]) -> list[str]:
    texts: list[str] = []
    for source in sources:
        if source.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
        elif source.suffix == ".jsonl" and source.is_file():
            with source.open(encoding="utf-8") as handle:
                texts += [json.loads(line)["text"] for line in handle if line.strip()]
        elif source.is_file():
            texts.append(source.read_text(encoding="utf-8"))
    return texts


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="folders of .txt, .jsonl or .txt files")
    parser.add_argument("--runs", type=int, default=3, help="take the best of this many runs (default 3)")
    parser.add_argument("--backbone", default="rules", help="rules (default), hanta or spacy:NAME")
    args = parser.parse_args(argv)

    import spacy

    import quotes
    from quotes.backbone import load_backbone

    texts = load_texts(args.sources or DEFAULT_SOURCES)
    if not texts:
        print("no texts found", file=sys.stderr)
        return 2
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    nlp = spacy.blank("de")
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    extractor = quotes.Extractor(backbone=load_backbone(args.backbone))
    found = sum(len(extractor.extract(t)) for t in texts)  # warm-up: rules, caches

    tokenize = best_of(args.runs, lambda: [nlp.make_doc(t) for t in texts])
    extract = best_of(args.runs, lambda: [extractor.extract(t) for t in texts])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(texts)} documents, {megabytes:.2f} MB, {tokens} tokens, {found} quotes")
    print(f"(1) spacy.blank('de') tokenizer: {tokenize:.3f} s  {tokens / tokenize:,.0f} tokens/s  "
          f"{megabytes / tokenize:.2f} MB/s")
    print(f"(2) quotes.Extractor().extract:  {extract:.3f} s  {tokens / extract:,.0f} tokens/s  "
          f"{megabytes / extract:.2f} MB/s  {len(texts) / extract:,.0f} documents/s")
    print(f"ratio (2)/(1): {extract / tokenize:.2f}")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
