"""The JSON Schemas shipped in quotes/schemas describe the real outputs, and reject broken ones."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes import Cue, Extractor, Quote, Speaker, schema
from quotes.formats import document_record
from quotes.index import index_texts
from quotes.schema import SCHEMA_NAMES, errors, load_schema, schema_text, validate

jsonschema = pytest.importorskip("jsonschema")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_13bad7d7c0daec19.txt"
TEXTS = {
    "minister": "„Wir sind bereit“, sagte die Ministerin. Sie betonte, man werde handeln.",
    "putin": "„Wir sind zu Gesprächen bereit“, sagte Wladimir Putin. Er betonte, Russland habe keine Angst.",
    "mixed": "Die Kanzlerin sagte, sie sei „tief besorgt“ über die Lage. Der Film heißt „Das Boot“.",
    "laut": "Laut Polizei gab es zwei Festnahmen. Expertin: „Die Lage ist ernst“",
    "empty": "",
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def records(extractor: Extractor) -> list[dict]:
    docs = dict(TEXTS, seed=SEED.read_text(encoding="utf-8"))
    # exactly what `quotes extract --format jsonl` writes: a JSON line per document
    return [json.loads(json.dumps(document_record(doc_id, extractor.extract(text)), ensure_ascii=False))
            for doc_id, text in docs.items()]


def test_schemas_are_valid_draft_2020_12() -> None:
    for name in SCHEMA_NAMES:
        loaded = load_schema(name)
        assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(loaded)
        assert json.loads(schema_text(name)) == loaded


def test_load_schema_returns_a_fresh_copy_and_rejects_unknown_names() -> None:
    load_schema("extract")["required"].append("nonsense")
    assert "nonsense" not in load_schema("extract")["required"]
    with pytest.raises(ValueError, match="unknown schema"):
        load_schema("gold")


def test_schema_files_sit_next_to_the_module() -> None:
    folder = Path(schema.__file__).resolve().parent / "schemas"
    assert sorted(p.name for p in folder.glob("*.schema.json")) == ["extract.schema.json", "index.schema.json"]
    assert not (folder / "__init__.py").exists()


def test_real_extract_records_validate(records: list[dict]) -> None:
    seed = [r for r in records if r["id"] == "seed"][0]
    assert len(seed["quotes"]) >= 10  # the seed article is a real test, not an empty record
    assert any(q["speaker"] is None for r in records for q in r["quotes"])  # null speaker and cue covered
    assert {q["type"] for r in records for q in r["quotes"]} == {"direct", "indirect", "mixed"}
    for record in records:
        validate(record, "extract")
        assert errors(record, "extract") == []


def test_all_seed_articles_validate(extractor: Extractor) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        validate(document_record(path.stem, extractor.extract(path.read_text(encoding="utf-8"))), "extract")


def test_quote_schema_lists_exactly_the_fields_of_to_dict() -> None:
    quote = Quote(type="direct", start=1, end=3, text="Ja", speaker=Speaker("er", 10, 12, "Max Berg", "pronoun"),
                  cue=Cue("sagte", 5, 10, "sagen"), confidence=0.9, rule="direct.cue-after")
    defs = load_schema("extract")["$defs"]
    record = quote.to_dict()
    assert set(defs["quote"]["properties"]) == set(defs["quote"]["required"]) == set(record)
    assert set(defs["speaker"]["properties"]) == set(record["speaker"])
    assert set(defs["cue"]["properties"]) == set(record["cue"])


@pytest.mark.parametrize("breakage, path", [
    (lambda q: q.pop("start"), "start"),
    (lambda q: q.__setitem__("speaker", "Wladimir Putin"), "speaker"),
    (lambda q: q.__setitem__("type", "paraphrase"), "type"),
    (lambda q: q.__setitem__("confidence", 1.5), "confidence"),
    (lambda q: q.__setitem__("end", "16"), "end"),
    (lambda q: q["cue"].pop("lemma"), "cue"),
    (lambda q: q.__setitem__("parent", -1), "parent"),
    (lambda q: q.__setitem__("extra", 1), "extra"),  # quote objects are closed
])
def test_broken_extract_records_fail(records: list[dict], breakage, path: str) -> None:
    record = copy.deepcopy([r for r in records if r["id"] == "putin"][0])
    breakage(record["quotes"][0])
    with pytest.raises(jsonschema.ValidationError):
        validate(record, "extract")
    problems = errors(record, "extract")
    assert problems and all(line.startswith("quotes/0") for line in problems)
    assert any(path in line for line in problems), problems


def test_document_record_may_carry_extra_fields(records: list[dict]) -> None:
    record = dict(records[0], meta={"source": "dpa"})
    validate(record, "extract")
    with pytest.raises(jsonschema.ValidationError):
        validate({"quotes": []}, "extract")  # the id is required


def test_real_index_validates(extractor: Extractor) -> None:
    docs = [(doc_id, text) for doc_id, text in TEXTS.items()] + [("seed", SEED.read_text(encoding="utf-8"))]
    index = index_texts(extractor, docs)
    data = index.to_json()
    assert data["speakers"] and data["documents"]
    validate(data, "index")
    validate(json.loads(json.dumps(data)), "index")
    properties = load_schema("index")["$defs"]["quote"]["properties"]
    assert set(properties) == set(data["speakers"][0]["quotes"][0])


def test_broken_index_fails(extractor: Extractor) -> None:
    data = index_texts(extractor, list(TEXTS.items())).to_json()
    for breakage in (lambda d: d["speakers"][0].pop("counts"),
                     lambda d: d["speakers"][0]["quotes"][0].__setitem__("start", None),
                     lambda d: d["documents"][0].__setitem__("length", -1),
                     lambda d: d.__setitem__("version", 2)):
        broken = copy.deepcopy(data)
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            validate(broken, "index")


def test_validate_without_jsonschema_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    schema._validator.cache_clear()
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # makes `import jsonschema` fail
    try:
        with pytest.raises(ImportError, match="pip install jsonschema"):
            validate({"id": "a", "quotes": []}, "extract")
        assert load_schema("extract")["type"] == "object"  # loading still works
    finally:
        schema._validator.cache_clear()


FRAGMENTS = ["„Wir sind bereit“, sagte die Ministerin.", "Sie betonte, man werde handeln.",
             "Putin sagte, Belarus habe gute Anlagen.", "Laut Polizei gab es Festnahmen.",
             "Der Film heißt »Das Boot«.", "Er sagte: „Das ist „gut“ so.“", "„Unklar", "Anna Weber:",
             "„Nein“, so der Sprecher,", "\n\n", " ", "Die Kanzlerin sagte, sie sei „tief besorgt“."]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_any_extract_output_validates(extractor: Extractor, parts: list[str]) -> None:
    text = " ".join(parts)
    record = document_record("doc", extractor.extract(text))
    validate(record, "extract")
