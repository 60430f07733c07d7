"""The optional backbones: a trained spaCy pipeline (tags, parse, entities) and HanTa.

No trained German pipeline can be installed here, so a fake pipeline stands in: it
returns documents with hand-written TIGER-style annotations, exactly what
``de_core_news_*`` would give (``sb`` subjects on the finite verb, PER/ORG entities).
"""

from __future__ import annotations

import importlib.util

import pytest
import spacy
from spacy.tokens import Doc

import quotes.component  # noqa: F401  (registers the "quotes" factory)
from quotes import Extractor
from quotes.analysis import analyse
from quotes.backbone import HanTaBackbone, SpacyBackbone, backbone_for, load_backbone
from quotes.frames import verb_subject
from quotes.ruleset import load_rules

# (words, spaces, heads, deps, tags, entities) for each sentence the fake "parses"
ANNOTATED = {
    "Den Bericht nannte der Sprecher der Firma Quellwerk falsch, sagte Vorstand Jens Ahlers.": (
        ["Den", "Bericht", "nannte", "der", "Sprecher", "der", "Firma", "Quellwerk", "falsch", ",", "sagte",
         "Vorstand", "Jens", "Ahlers", "."],
        [True, True, True, True, True, True, True, True, False, True, True, True, True, False, False],
        [1, 2, 10, 4, 2, 6, 4, 6, 2, 10, 10, 13, 13, 10, 10],
        ["nk", "oa", "oc", "nk", "sb", "nk", "ag", "nk", "mo", "punct", "ROOT", "nk", "pnc", "sb", "punct"],
        ["ART", "NN", "VVFIN", "ART", "NN", "ART", "NN", "NE", "ADJD", "$,", "VVFIN", "NN", "NE", "NE", "$."],
        ["O", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "B-PER", "I-PER", "O"]),
    "Die Umsätze seien gesunken, erklärte am Montag Quellwerk.": (
        ["Die", "Umsätze", "seien", "gesunken", ",", "erklärte", "am", "Montag", "Quellwerk", "."],
        [True, True, True, False, True, True, True, True, False, False],
        [1, 2, 5, 2, 5, 5, 5, 6, 5, 5],
        ["nk", "sb", "oc", "oc", "punct", "ROOT", "mo", "nk", "sb", "punct"],
        ["ART", "NN", "VAFIN", "VVPP", "$,", "VVFIN", "APPRART", "NN", "NE", "$."],
        ["O", "O", "O", "O", "O", "O", "O", "O", "B-ORG", "O"]),
}


class FakeTrainedPipeline:
    """Behaves like ``spacy.load("de_core_news_lg")`` on the sentences above."""

    def __init__(self) -> None:
        self.vocab = spacy.blank("de").vocab
        self.calls = 0

    def __call__(self, text: str) -> Doc:
        self.calls += 1
        words, spaces, heads, deps, tags, ents = ANNOTATED[text]
        return Doc(self.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, ents=ents)


def test_the_fake_reproduces_its_text():
    for text in ANNOTATED:
        assert FakeTrainedPipeline()(text).text == text


def test_words_carry_the_annotations_of_the_pipeline():
    text = "Die Umsätze seien gesunken, erklärte am Montag Quellwerk."
    analysis = analyse(text, load_rules(), SpacyBackbone(FakeTrainedPipeline()))
    words = {w.text: w for w in analysis.sentences[0].words}
    assert words["Quellwerk"].ent == "ORG"
    assert words["Quellwerk"].dep == "sb"
    assert words["Quellwerk"].head == text.index("erklärte")
    assert words["seien"].tag == "VAFIN"


def test_the_parser_subject_wins_over_the_word_order_rules():
    # The rules alone take the noun phrase after the verb ("der Sprecher ..."); the
    # (fake) parse says the subject of "nannte" is "Vorstand Jens Ahlers" - an artificial
    # parse, so that the test shows which source the speaker comes from.
    text = "Den Bericht nannte der Sprecher der Firma Quellwerk falsch, sagte Vorstand Jens Ahlers."
    words, spaces, heads, deps, tags, ents = ANNOTATED[text]
    heads = list(heads)
    deps = list(deps)
    deps[4], deps[13] = "oa", "sb"
    heads[13] = 2
    vocab = spacy.blank("de").vocab
    backbone = SpacyBackbone(lambda _: Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps,
                                           tags=tags, ents=ents))
    rules = load_rules()
    parsed = list(analyse(text, rules, backbone).sentences[0].words)
    plain = list(analyse(text, rules).sentences[0].words)
    verb = [w.text for w in plain].index("nannte")
    by_rules = verb_subject(plain, verb, rules)
    by_parse = verb_subject(parsed, verb, rules)
    assert " ".join(w.text for w in plain[by_rules.start:by_rules.end]).startswith("der Sprecher")
    assert " ".join(w.text for w in parsed[by_parse.start:by_parse.end]) == "Vorstand Jens Ahlers"


def test_entities_of_the_pipeline_make_an_organisation_speaker():
    text = "Die Umsätze seien gesunken, erklärte am Montag Quellwerk."
    plain = Extractor().extract(text)
    guided = Extractor(nlp=FakeTrainedPipeline()).extract(text)
    assert [q.text for q in plain] == [q.text for q in guided] == ["Die Umsätze seien gesunken"]
    assert guided[0].speaker.text == "Quellwerk"
    assert guided[0].speaker.kind == "organisation"  # from the ORG entity
    assert plain[0].speaker.kind == "name"  # the rules alone cannot tell


def test_the_pipeline_runs_once_per_document():
    pipeline = FakeTrainedPipeline()
    extractor = Extractor(nlp=pipeline)
    extractor.extract("Die Umsätze seien gesunken, erklärte am Montag Quellwerk.")
    assert pipeline.calls == 1


def test_the_spacy_component_uses_the_annotations_of_earlier_components():
    nlp = spacy.blank("de")
    text = "Die Umsätze seien gesunken, erklärte am Montag Quellwerk."
    component = nlp.add_pipe("quotes")
    doc = component(FakeTrainedPipeline()(text))
    assert doc._.quotes[0].speaker.kind == "organisation"


def test_a_blank_pipeline_changes_nothing():
    text = "Die Umsätze seien gesunken, erklärte am Montag Quellwerk. „Wir sind zufrieden“, sagte sie."
    plain = [q.to_dict() for q in Extractor().extract(text)]
    blank = [q.to_dict() for q in Extractor(nlp=spacy.blank("de")).extract(text)]
    assert plain == blank


def test_backbone_specs():
    assert backbone_for(None) is None and load_backbone("rules") is None
    assert isinstance(backbone_for("hanta"), HanTaBackbone)
    with pytest.raises(ValueError, match="unknown backbone"):
        backbone_for("treetagger")


@pytest.mark.skipif(importlib.util.find_spec("HanTa") is None, reason="the hanta extra is not installed")
def test_hanta_tags_the_words():
    text = "Kremlsprecher Dmitri Peskow sagte, die Schließung sei falsch."
    words = {w.text: w for w in analyse(text, load_rules(), HanTaBackbone()).sentences[0].words}
    assert words["Peskow"].tag == "NE"
    assert words["sagte"].tag == "VVFIN"
    found = Extractor(backbone="hanta").extract(text)
    assert [(q.text, q.speaker.entity) for q in found] == [("die Schließung sei falsch", "Dmitri Peskow")]


def test_a_document_longer_than_the_pipeline_max_length_is_cut_at_blank_lines():
    nlp = spacy.blank("de")
    nlp.max_length = 60
    text = "„Wir sind bereit“, sagte die Ministerin.\n\n" * 5 + "Er sagte, man werde handeln."
    found = Extractor(nlp=nlp).extract(text)
    assert [q.text for q in found] == [q.text for q in Extractor().extract(text)]
    assert len(found) == 6


# --- a real (tiny) trained pipeline -----------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_german():
    """A German pipeline with tagger, morphologizer, parser and NER, trained here in ~2 s on
    15 hand-written sentences (tests/tiny_german.py). It only knows those sentences."""
    from tiny_german import train_tiny_german

    return train_tiny_german()


def test_a_trained_pipeline_annotates_the_words(tiny_german):
    text = "Thomas Keller, der Sprecher der Stadtwerke, erklärte, man habe den Fehler gefunden."
    words = {w.text: w for w in analyse(text, load_rules(), SpacyBackbone(tiny_german)).sentences[0].words}
    assert words["Keller"].dep == "sb" and words["Keller"].head == text.index("erklärte")
    assert words["Keller"].ent == "PER" and words["Stadtwerke"].ent == "ORG"
    assert words["habe"].tag == "VAFIN"


def test_a_trained_pipeline_gives_the_same_quotes_with_parsed_speakers(tiny_german):
    text = ("Thomas Keller, der Sprecher der Stadtwerke, erklärte, man habe den Fehler gefunden. "
            "Der Minister sagte am Montag, die Lage sei ernst.")
    plain = Extractor().extract(text)
    guided = Extractor(nlp=tiny_german).extract(text)
    assert [q.text for q in guided] == [q.text for q in plain] == ["man habe den Fehler gefunden",
                                                                    "die Lage sei ernst"]
    assert [q.speaker.text for q in guided] == ["Thomas Keller", "Der Minister"]  # the parser's subjects
    assert guided[0].speaker.entity == "Thomas Keller"
