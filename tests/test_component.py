"""The spaCy component ``quotes``: factory and entry point, extensions, serialisation, processes."""

from __future__ import annotations

import importlib.metadata
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import quotes.component  # registers the factory (installed, spaCy finds it through the entry point)
from quotes import Extractor, Quote
from quotes.component import (USER_DATA_KEY, QuotesComponent, filter_quotes, make_quotes_component,
                              quote_from_data, quote_to_data)
from quotes.tokens import blank_german

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "„Wir sind bereit“, sagte die Ministerin am Montag. Sie betonte, man werde handeln.",
    "Putin sagte, Belarus habe industrielle Anlagen aus der Sowjetära. "
    "Lukaschenko meinte: „Der Krieg würde ein völlig anderer sein.“",
    "Der Sprecher erklärte: „Wir nennen das ‚Zeitenwende‘, und das bleibt so.“ Das Wort „Wende“ fiel oft.",
    "Laut Innenminister Karl Weber ist die Lage ernst. »Wir handeln«, sagte er.",
    "Kein Zitat in diesem Satz.",
    "Er sagte:„Ja“ und ›Nein‹, sagte sie.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("quotes")
    return nlp


@pytest.fixture(scope="module")
def nlp_fixed() -> Language:
    """The project's tokenizer fixes and sentence component, then ``quotes``."""
    nlp = blank_german()
    nlp.add_pipe("quotes")
    return nlp


def summary(doc: Doc, key: str = "quotes") -> tuple:
    """Everything the component sets, as plain values."""
    return ([q.to_dict() for q in doc._.quotes], [q.marks for q in doc._.quotes],
            [(s.start_char, s.end_char, s.label_) for s in doc.spans[key]],
            [(s._.speaker, s._.cue) for s in doc.spans[key]],
            [t._.in_quote for t in doc])


# --- factory and entry point --------------------------------------------------------------

def test_factory_is_registered_with_its_default_config() -> None:
    assert Language.has_factory("quotes")
    assert spacy.registry.factories.get("quotes") is make_quotes_component
    meta = Language.get_factory_meta("quotes")
    assert meta.default_config == {"rules_dirs": [], "min_confidence": 0.0, "spans_key": "quotes"}
    component = spacy.blank("de").add_pipe("quotes")
    assert isinstance(component, QuotesComponent)
    assert (component.rules_dirs, component.min_confidence, component.spans_key) == ((), 0.0, "quotes")


def test_entry_point_of_the_installed_distribution() -> None:
    try:
        importlib.metadata.distribution("zitate")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("the zitate distribution is not installed in this environment (running from the "
                    "source tree); test_entry_point_declared_in_pyproject covers the declaration")
    found = [ep for ep in importlib.metadata.entry_points(group="spacy_factories") if ep.name == "quotes"]
    assert [ep.value for ep in found] == ["quotes.component:make_quotes_component"]
    assert found[0].load() is make_quotes_component


def _pyproject_entry_point() -> str:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    with open(ROOT / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    return project["entry-points"]["spacy_factories"]["quotes"]


def test_entry_point_declared_in_pyproject(tmp_path: Path) -> None:
    """spaCy finds the factory through the declared entry point with no import of ``quotes``.

    A minimal ``.dist-info`` folder carrying pyproject's entry point stands in for an installed
    distribution, in a fresh interpreter (nothing is installed into the environment).
    """
    value = _pyproject_entry_point()
    assert value == "quotes.component:make_quotes_component"
    dist_info = tmp_path / "site" / "zitate_entrypoint_probe-0.0.0.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: zitate-entrypoint-probe\nVersion: 0.0.0\n")
    (dist_info / "entry_points.txt").write_text(f"[spacy_factories]\nquotes = {value}\n")
    script = textwrap.dedent("""
        import json, sys
        import spacy
        before = sorted(m for m in sys.modules if m == "quotes" or m.startswith("quotes."))
        nlp = spacy.blank("de")
        nlp.add_pipe("quotes")
        doc = nlp("„Wir sind bereit“, sagte die Ministerin.")
        print(json.dumps({"before": before, "pipe": nlp.pipe_names,
                          "quotes": [[q.text, q.speaker.text] for q in doc._.quotes]}))
    """)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), str(ROOT)]))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["before"] == []
    assert out["pipe"] == ["quotes"]
    assert out["quotes"] == [["Wir sind bereit", "die Ministerin"]]


# --- what the component sets ----------------------------------------------------------------

@pytest.mark.parametrize("text", TEXTS)
def test_doc_quotes_are_the_extractors_quotes(nlp: Language, nlp_fixed: Language, extractor: Extractor,
                                              text: str) -> None:
    expected = extractor.extract(text)
    for pipeline in (nlp, nlp_fixed):
        found = pipeline(text)._.quotes
        assert found == expected
        assert all(isinstance(q, Quote) for q in found)


def test_texts_cover_the_interesting_cases(extractor: Extractor) -> None:
    found = [q for text in TEXTS for q in extractor.extract(text)]
    assert {q.type for q in found} == {"direct", "indirect"}
    assert any(q.parent is not None for q in found)       # nested quote
    assert any(q.speaker is None for q in found)          # scare quote
    assert any(q.confidence < 0.3 for q in found)
    assert extractor.extract(TEXTS[4]) == []


@pytest.mark.parametrize("text", TEXTS)
def test_spans_align_exactly_with_the_fixed_tokenizer(nlp_fixed: Language, text: str) -> None:
    doc = nlp_fixed(text)
    group = doc.spans["quotes"]
    assert group.name == "quotes"
    assert len(group) == len(doc._.quotes)
    for quote, span in zip(doc._.quotes, group):
        assert span.label_ == quote.type
        assert span.start_char <= quote.start and quote.end <= span.end_char
        if quote.marks and quote.type == "direct":
            assert (span.start_char, span.end_char) == (quote.start, quote.end)
            assert span.text == quote.text


def test_spacy_blank_spans_expand_over_glued_marks(nlp: Language) -> None:
    doc = nlp("Er sagte:„Ja“ und ›Nein‹, sagte sie.")
    assert [q.text for q in doc._.quotes] == ["Ja", "Nein"]
    assert [s.text for s in doc.spans["quotes"]] == ["sagte:„Ja", "›Nein‹"]  # tokens of spacy.blank("de")
    assert [s._.quote.text for s in doc.spans["quotes"]] == ["Ja", "Nein"]
    assert (doc.spans["quotes"][0]._.speaker.text, doc.spans["quotes"][0]._.cue.text) == ("Er", "sagte")


def test_span_extensions(nlp_fixed: Language) -> None:
    text = TEXTS[0]
    doc = nlp_fixed(text)
    direct, indirect = doc.spans["quotes"]
    assert direct._.quote == doc._.quotes[0]
    assert (direct._.speaker.text, direct._.speaker.entity) == ("die Ministerin", "die Ministerin")
    assert (direct._.cue.text, direct._.cue.lemma) == ("sagte", "sagen")
    assert text[direct._.cue.start:direct._.cue.end] == "sagte"
    assert (indirect.text, indirect._.speaker.text, indirect._.cue.lemma) == ("man werde handeln", "Sie", "betonen")
    # a span made by hand with a quote's exact offsets finds it; other spans find nothing
    by_hand = doc.char_span(doc._.quotes[1].start, doc._.quotes[1].end)
    assert by_hand._.quote == doc._.quotes[1]
    assert doc[:2]._.quote is None and doc[:2]._.speaker is None and doc[:2]._.cue is None


def test_scare_quote_span_has_no_speaker(nlp_fixed: Language) -> None:
    doc = nlp_fixed(TEXTS[2])
    by_text = {s.text: s for s in doc.spans["quotes"]}
    assert by_text["Zeitenwende"]._.speaker is None and by_text["Zeitenwende"]._.cue is None
    assert by_text["Zeitenwende"]._.quote.parent == 0
    assert by_text["Wir nennen das ‚Zeitenwende‘, und das bleibt so."]._.speaker.text == "Der Sprecher"


def test_token_in_quote(nlp_fixed: Language) -> None:
    doc = nlp_fixed("„Wir sind bereit“, sagte die Ministerin. Sie betonte, man werde handeln.")
    assert [t.text for t in doc if t._.in_quote] == ["Wir", "sind", "bereit", "man", "werde", "handeln"]
    assert not doc[0]._.in_quote  # the opening mark is not part of the content


def test_doc_without_the_component(extractor: Extractor) -> None:
    doc = spacy.blank("de")("„Ja“, sagte sie.")
    assert doc._.quotes == []
    assert not any(t._.in_quote for t in doc)
    assert doc[:3]._.speaker is None


def test_empty_and_quoteless_docs(nlp: Language) -> None:
    for text in ("", "   ", "Kein Zitat."):
        doc = nlp(text)
        assert doc._.quotes == []
        assert len(doc.spans["quotes"]) == 0
        assert doc.user_data[USER_DATA_KEY] == []


def test_user_data_is_plain_json(nlp: Language) -> None:
    doc = nlp(TEXTS[2])
    stored = doc.user_data[USER_DATA_KEY]
    assert json.loads(json.dumps(stored)) == stored
    assert [quote_from_data(d) for d in stored] == doc._.quotes
    assert [d["span"] for d in stored] == [[s.start_char, s.end_char] for s in doc.spans["quotes"]]


def test_quote_data_round_trip(extractor: Extractor) -> None:
    for text in TEXTS:
        for quote in extractor.extract(text):
            assert quote_from_data(quote_to_data(quote)) == quote
            plain = quote_from_data(quote.to_dict())  # to_dict() has no marks and a rounded confidence
            assert plain.speaker == quote.speaker and plain.cue == quote.cue and plain.marks == ()


# --- config -----------------------------------------------------------------------------------

def test_min_confidence_and_spans_key(extractor: Extractor) -> None:
    nlp = blank_german()
    nlp.add_pipe("quotes", config={"min_confidence": 0.3, "spans_key": "zitate"})
    text = TEXTS[2]
    doc = nlp(text)
    assert [q.text for q in doc._.quotes] == ["Wir nennen das ‚Zeitenwende‘, und das bleibt so."]
    assert [q.text for q in extractor.extract(text) if q.confidence >= 0.3] == [q.text for q in doc._.quotes]
    assert "quotes" not in doc.spans
    assert [s.text for s in doc.spans["zitate"]] == ["Wir nennen das ‚Zeitenwende‘, und das bleibt so."]
    assert not any(t._.in_quote for t in doc if t.text == "Wende")


def test_filter_quotes_points_parents_at_kept_quotes() -> None:
    outer = Quote(type="direct", start=0, end=40, text="x" * 40, confidence=0.2)
    middle = Quote(type="direct", start=1, end=30, text="x" * 29, confidence=0.9, parent=0)
    inner = Quote(type="direct", start=2, end=20, text="x" * 18, confidence=0.1, parent=1)
    innermost = Quote(type="direct", start=3, end=10, text="x" * 7, confidence=0.8, parent=2)
    kept = filter_quotes([outer, middle, inner, innermost], 0.5)
    assert [(q.start, q.parent) for q in kept] == [(1, None), (3, 0)]
    assert filter_quotes([outer, middle], 0.0) == [outer, middle]


def test_rules_dirs(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cue_verbs.toml").write_text('[[verb]]\nlemma = "quaken"\nmedium = "speech"\n', encoding="utf-8")
    text = "„Nein“, quakte der Frosch."
    plain = spacy.blank("de")
    plain.add_pipe("quotes")
    assert plain(text)._.quotes[0].speaker is None
    nlp = spacy.blank("de")
    nlp.add_pipe("quotes", config={"rules_dirs": [str(rules)]})
    doc = nlp(text)
    assert (doc.spans["quotes"][0]._.speaker.text, doc.spans["quotes"][0]._.cue.lemma) == ("der Frosch", "quaken")


# --- serialisation and processes ---------------------------------------------------------------

def test_docbin_round_trip_keeps_quotes_and_spans(nlp_fixed: Language) -> None:
    docs = list(nlp_fixed.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin(store_user_data=True).from_bytes(data).get_docs(spacy.blank("de").vocab))
    assert [summary(doc) for doc in restored] == [summary(doc) for doc in docs]
    assert restored[0].spans["quotes"][0]._.speaker.text == "die Ministerin"


def test_docbin_without_user_data_keeps_the_spans_only(nlp_fixed: Language) -> None:
    doc = nlp_fixed(TEXTS[0])
    restored = next(DocBin(docs=[doc]).get_docs(spacy.blank("de").vocab))
    assert [s.text for s in restored.spans["quotes"]] == ["Wir sind bereit", "man werde handeln"]
    assert restored._.quotes == [] and restored.spans["quotes"][0]._.speaker is None


def test_doc_bytes_and_pickle_round_trip(nlp_fixed: Language) -> None:
    doc = nlp_fixed(TEXTS[1])
    from_bytes = Doc(spacy.blank("de").vocab).from_bytes(doc.to_bytes())
    assert summary(from_bytes) == summary(doc)
    assert summary(pickle.loads(pickle.dumps(doc))) == summary(doc)


def test_component_pickles_with_its_settings(tmp_path: Path) -> None:
    component = QuotesComponent(None, "zitate", min_confidence=0.3, spans_key="z")
    copy = pickle.loads(pickle.dumps(component))
    assert (copy.name, copy.rules_dirs, copy.min_confidence, copy.spans_key) == ("zitate", (), 0.3, "z")
    assert len(pickle.dumps(component)) < 1000  # settings only: the rules are rebuilt
    text = TEXTS[2]
    assert copy(spacy.blank("de")(text))._.quotes == component(spacy.blank("de")(text))._.quotes


@pytest.mark.parametrize("make", [pytest.param(lambda: spacy.blank("de"), id="blank"),
                                  pytest.param(blank_german, id="blank_german")])
def test_pipe_with_two_processes_matches_one(make) -> None:
    nlp = make()
    nlp.add_pipe("quotes")
    texts = TEXTS * 2
    one = [summary(doc) for doc in nlp.pipe(texts, n_process=1)]
    two = [summary(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert sum(len(s[0]) for s in one) > 10


def test_pipe_with_spawned_processes(tmp_path: Path, extractor: Extractor) -> None:
    """With the "spawn" start method (macOS, Windows) the pipeline is pickled into the workers."""
    script = tmp_path / "spawn_pipe.py"
    script.write_text(textwrap.dedent(f"""
        import json, multiprocessing
        import quotes.component
        from quotes.tokens import blank_german

        TEXTS = {TEXTS!r}

        def run():
            nlp = blank_german()
            nlp.add_pipe("quotes", config={{"min_confidence": 0.3}})
            def dump(docs):
                return [[[q.to_dict() for q in d._.quotes], [(s.start_char, s.end_char, s.label_, s._.speaker and s._.speaker.text)
                         for s in d.spans["quotes"]]] for d in docs]
            one = dump(nlp.pipe(TEXTS))
            two = dump(nlp.pipe(TEXTS, n_process=2, batch_size=2))
            print(json.dumps({{"equal": one == two, "count": sum(len(d[0]) for d in two)}}))

        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn")
            run()
    """), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "W127" not in result.stderr  # spaCy's warning that a worker failed
    out = json.loads(result.stdout.strip().splitlines()[-1])
    expected = sum(1 for text in TEXTS for q in extractor.extract(text) if q.confidence >= 0.3)
    assert out == {"equal": True, "count": expected}


def test_to_disk_and_load_keep_the_config(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cue_verbs.toml").write_text('[[verb]]\nlemma = "quaken"\nmedium = "speech"\n', encoding="utf-8")
    config = {"rules_dirs": [str(rules)], "min_confidence": 0.3, "spans_key": "zitate"}
    nlp = blank_german()
    nlp.add_pipe("quotes", config=config)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["quotes_sentences", "quotes"]
    component = loaded.get_pipe("quotes")
    assert (list(component.rules_dirs), component.min_confidence, component.spans_key) == (
        config["rules_dirs"], 0.3, "zitate")
    assert loaded.config["components"]["quotes"] == {"factory": "quotes", **config}
    for text in [*TEXTS, "„Nein“, quakte der Frosch."]:
        assert summary(loaded(text), "zitate") == summary(nlp(text), "zitate")
    frog = loaded("„Nein“, quakte der Frosch.")
    assert frog.spans["zitate"][0]._.speaker.text == "der Frosch"


# --- other components ------------------------------------------------------------------------

@Language.component("zitate_test_mark_first_token")
def mark_first_token(doc: Doc) -> Doc:
    if len(doc):
        doc[0].norm_ = "FIRST"
    return doc


@Language.component("zitate_test_count_quotes")
def count_quotes(doc: Doc) -> Doc:
    """A later component sees the quotes."""
    doc.user_data["quote_count"] = len(doc._.quotes)
    return doc


def test_with_the_sentence_component_and_other_components(extractor: Extractor) -> None:
    nlp = blank_german()  # quotes_sentences
    nlp.add_pipe("zitate_test_mark_first_token", first=True)
    nlp.add_pipe("quotes")
    nlp.add_pipe("zitate_test_count_quotes", last=True)
    before = spacy.blank("de")
    before.add_pipe("quotes")
    before.add_pipe("quotes_sentences")
    for text in TEXTS:
        doc = nlp(text)
        assert doc._.quotes == extractor.extract(text)
        assert before(text)._.quotes == doc._.quotes
        assert doc[0].norm_ == "FIRST"
        assert doc.user_data["quote_count"] == len(doc._.quotes)
        assert list(doc.sents)
    doc = nlp(TEXTS[0])
    assert [s.text for s in doc.sents] == ["„Wir sind bereit“, sagte die Ministerin am Montag.",
                                           "Sie betonte, man werde handeln."]
    assert [s._.speaker.text for s in doc.spans["quotes"]] == ["die Ministerin", "Sie"]
