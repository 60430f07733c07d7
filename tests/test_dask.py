"""``quotes.dask.extract_bag``: same records as the extractor, in order, with any scheduler."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

db = pytest.importorskip("dask.bag")

import quotes.dask  # noqa: E402
from quotes import Extractor  # noqa: E402
from quotes.dask import extract_bag  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "„Wir sind bereit“, sagte die Ministerin am Montag. Sie betonte, man werde handeln.",
    "Kein Zitat in diesem Satz.",
    "Der Sprecher erklärte: „Wir nennen das ‚Zeitenwende‘, und das bleibt so.“ Das Wort „Wende“ fiel oft.",
    "Laut Innenminister Karl Weber ist die Lage ernst. »Wir handeln«, sagte er.",
]
SCHEDULERS = ["sync", "processes"]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def expected(extractor: Extractor, ids: list, texts: list[str], min_confidence: float = 0.0) -> list[dict]:
    return [{"id": doc_id, "quotes": [q.to_dict() for q in extractor.extract(text) if q.confidence >= min_confidence]}
            for doc_id, text in zip(ids, texts)]


def test_texts_have_quotes(extractor: Extractor) -> None:
    counts = [len(extractor.extract(text)) for text in TEXTS]
    assert counts[1] == 0 and sum(counts) >= 6


@pytest.mark.parametrize("scheduler", SCHEDULERS)
def test_bag_of_strings(extractor: Extractor, scheduler: str) -> None:
    bag = db.from_sequence(TEXTS, npartitions=2)
    assert bag.npartitions == 2
    result = extract_bag(bag)
    assert result.npartitions == 2
    records = result.compute(scheduler=scheduler)
    assert records == expected(extractor, [0, 1, 2, 3], TEXTS)  # ids: positions across partitions


@pytest.mark.parametrize("scheduler", SCHEDULERS)
def test_bag_of_dicts(extractor: Extractor, scheduler: str) -> None:
    docs = [{"id": f"doc-{i}", "text": text, "source": "test"} for i, text in enumerate(TEXTS)]
    records = extract_bag(db.from_sequence(docs, npartitions=2)).compute(scheduler=scheduler)
    assert records == expected(extractor, ["doc-0", "doc-1", "doc-2", "doc-3"], TEXTS)


def test_other_keys_and_missing_ids(extractor: Extractor) -> None:
    docs = [{"key": 7, "body": TEXTS[0]}, {"body": TEXTS[2]}, TEXTS[3]]
    records = extract_bag(db.from_sequence(docs, npartitions=3), text_key="body", id_key="key").compute(
        scheduler="sync")
    assert records == expected(extractor, [7, 1, 2], [TEXTS[0], TEXTS[2], TEXTS[3]])


def test_positions_are_global_with_uneven_partitions(extractor: Extractor) -> None:
    texts = TEXTS * 3
    bag = db.from_sequence(texts, partition_size=5)  # 5, 5, 2
    assert bag.npartitions == 3
    for scheduler in SCHEDULERS:
        assert extract_bag(bag).compute(scheduler=scheduler) == expected(extractor, list(range(12)), texts)
    filtered = bag.filter(lambda text: "Zitat" not in text)  # lazy partitions of unknown length
    records = extract_bag(filtered).compute(scheduler="sync")
    assert [r["id"] for r in records] == list(range(9))


def test_min_confidence_and_rules_dirs(extractor: Extractor, tmp_path: Path) -> None:
    records = extract_bag(db.from_sequence(TEXTS, npartitions=2), min_confidence=0.3).compute(scheduler="sync")
    assert records == expected(extractor, [0, 1, 2, 3], TEXTS, min_confidence=0.3)
    assert all(q["parent"] is None for r in records for q in r["quotes"])
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cue_verbs.toml").write_text('[[verb]]\nlemma = "quaken"\nmedium = "speech"\n', encoding="utf-8")
    bag = db.from_sequence(["„Nein“, quakte der Frosch."], npartitions=1)
    [plain] = extract_bag(bag).compute(scheduler="sync")
    [ruled] = extract_bag(bag, rules_dirs=[rules]).compute(scheduler="processes")
    assert plain["quotes"][0]["speaker"] is None
    assert ruled["quotes"][0]["speaker"]["text"] == "der Frosch"


def test_bad_records_raise_with_their_position() -> None:
    with pytest.raises(ValueError, match=r"record 2: no 'text' string"):
        extract_bag(db.from_sequence([TEXTS[0], TEXTS[1], {"id": "x"}], npartitions=2)).compute(scheduler="sync")
    with pytest.raises(TypeError, match=r"record 0: expected a string or a mapping, got int"):
        extract_bag(db.from_sequence([3], npartitions=1)).compute(scheduler="sync")


def test_empty_bag() -> None:
    assert extract_bag(db.from_sequence([], npartitions=1)).compute(scheduler="sync") == []


def test_write_jsonl(extractor: Extractor, tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": text} for i, text in enumerate(TEXTS)]
    paths = extract_bag(db.from_sequence(docs, npartitions=2)).map(json.dumps).to_textfiles(
        str(tmp_path / "out-*.jsonl"), scheduler="sync")
    assert len(paths) == 2
    lines = [line for path in sorted(paths) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    assert [json.loads(line) for line in lines] == expected(extractor, ["d0", "d1", "d2", "d3"], TEXTS)


def test_module_doctests_pass() -> None:
    result = doctest.testmod(quotes.dask)
    assert result.attempted >= 5 and result.failed == 0


def test_missing_dask_names_the_extra(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['dask'] = None; sys.modules['dask.bag'] = None\n"
        "from quotes.dask import extract_bag\n"
        "try:\n    extract_bag([])\nexcept ImportError as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert 'pip install "zitate[dask]"' in result.stdout
