"""Unit tests with real German sentences, one or more per rule family."""

from __future__ import annotations

import pytest

import quotes
from quotes import Extractor, Quote


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def only(found: list[Quote], kind: str | None = None) -> Quote:
    chosen = [q for q in found if kind is None or q.type == kind]
    assert len(chosen) == 1, [(q.type, q.text, q.rule) for q in found]
    return chosen[0]


def test_offsets_slice_the_input(extractor: Extractor) -> None:
    text = "„Wir sind bereit“, sagte die Ministerin am Montag. Sie betonte, man werde handeln."
    for quote in extractor.extract(text):
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
        if quote.cue:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("„Das ist ein Fehler“, sagte Kanzler Olaf Berger am Montag.", "Das ist ein Fehler", "Kanzler Olaf Berger", "sagte"),
    ("„Wir verhandeln nicht“, so der Minister.", "Wir verhandeln nicht", "der Minister", "so"),
    ("„Das wird teuer“, erklärte die Sprecherin des Ministeriums in Berlin.", "Das wird teuer",
     "die Sprecherin des Ministeriums in Berlin", "erklärte"),
    ("»Nein«, sagte sie.", "Nein", "sie", "sagte"),
    ("«Wir bleiben», sagte der Bundesrat.", "Wir bleiben", "der Bundesrat", "sagte"),
    ("„Das hat er so gesagt“, hat der Sprecher betont.", "Das hat er so gesagt", "der Sprecher", "betont"),
])
def test_direct_cue_after(extractor: Extractor, text: str, content: str, speaker: str, cue: str) -> None:
    quote = only(extractor.extract(text), "direct")
    assert (quote.text, quote.speaker.text, quote.cue.text) == (content, speaker, cue)
    assert quote.rule == "direct.cue-after"


@pytest.mark.parametrize("text, speaker", [
    ("Die Ministerin sagte: „Wir sind vorbereitet.“", "Die Ministerin"),
    ("Am Montag sagte Anna Weber vor Journalisten: „Wir sind vorbereitet.“", "Anna Weber"),
    ("Der Bürgermeister sagte am Montag vor Journalisten: „Wir sind vorbereitet.“", "Der Bürgermeister"),
])
def test_direct_cue_before(extractor: Extractor, text: str, speaker: str) -> None:
    quote = only(extractor.extract(text), "direct")
    assert quote.speaker.text == speaker
    assert quote.rule == "direct.cue-before"


def test_colon_headline_and_dash(extractor: Extractor) -> None:
    colon = only(extractor.extract("Expertin: „Die Lage ist ernst“"))
    assert (colon.speaker.text, colon.cue.kind, colon.rule) == ("Expertin", "colon", "direct.colon")
    dash = only(extractor.extract("„Die Lage ist ernst“ – Thomas Müller"))
    assert (dash.speaker.text, dash.rule) == ("Thomas Müller", "direct.dash")


def test_interrupted_quote_is_two_quotes_with_one_speaker(extractor: Extractor) -> None:
    found = extractor.extract("„Wir kommen“, sagte die Trainerin, „und wir gewinnen.“")
    assert [q.text for q in found] == ["Wir kommen", "und wir gewinnen."]
    assert {q.speaker.text for q in found} == {"die Trainerin"}
    assert found[1].rule == "direct.interrupted"


def test_pronoun_resolves_to_the_last_fitting_person(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Angela Berger traf den Präsidenten Michael Roth. "
            "„Wir haben viel erreicht“, sagte sie.")
    quote = only(extractor.extract(text), "direct")
    assert quote.speaker.text == "sie"
    assert quote.speaker.entity == "Angela Berger"


def test_surname_resolves_to_the_fullest_name(extractor: Extractor) -> None:
    text = "Innenminister Peter Schulz besuchte Hamburg. „Wir handeln“, sagte Schulz."
    quote = only(extractor.extract(text), "direct")
    assert quote.speaker.entity == "Peter Schulz"


def test_continuation_keeps_the_speaker(extractor: Extractor) -> None:
    text = "„Wir kommen“, sagte die Trainerin. „Und wir werden gewinnen.“"
    found = extractor.extract(text)
    assert [q.rule for q in found] == ["direct.cue-after", "direct.continuation"]
    assert found[1].speaker.text == "die Trainerin"


def test_scare_quotes_have_no_speaker_and_low_confidence(extractor: Extractor) -> None:
    quote = only(extractor.extract("Die sogenannten „Eisenbahnpartisanen“ sabotieren Strecken."))
    assert quote.speaker is None
    assert quote.confidence < 0.3


def test_nested_quote_is_a_child(extractor: Extractor) -> None:
    found = extractor.extract("„Er nannte es ‚absurd‘“, sagte die Ärztin.")
    outer, inner = found
    assert inner.parent == 0 and outer.parent is None
    assert inner.text == "absurd"


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("Putin sagte, Belarus habe industrielle Anlagen.", "Belarus habe industrielle Anlagen", "Putin", "sagte"),
    ("Die Ministerin erklärte am Montag, dass die Steuern steigen.", "die Steuern steigen", "Die Ministerin", "erklärte"),
    ("Das Ministerium teilte mit, die Lage sei stabil.", "die Lage sei stabil", "Das Ministerium", "teilte"),
    ("Die Lage sei stabil, sagte ein Sprecher.", "Die Lage sei stabil", "ein Sprecher", "sagte"),
    ("Die Lage sei stabil, so der Sprecher.", "Die Lage sei stabil", "der Sprecher", "so"),
    ("Laut Polizei seien 216 Personen überprüft worden.", "seien 216 Personen überprüft worden", "Polizei", "Laut"),
    ("Der Agentur zufolge wurden fünf Menschen verletzt.", "wurden fünf Menschen verletzt", "Der Agentur", "zufolge"),
    ("Nach Angaben der Polizei wurden drei Menschen festgenommen.", "wurden drei Menschen festgenommen",
     "der Polizei", "Nach Angaben"),
    ("Die Brücke bleibt gesperrt, wie die Stadt mitteilte.", "Die Brücke bleibt gesperrt", "die Stadt", "mitteilte"),
])
def test_indirect(extractor: Extractor, text: str, content: str, speaker: str, cue: str) -> None:
    quote = only(extractor.extract(text))
    assert quote.type == "indirect"
    assert (quote.text, quote.speaker.text, quote.cue.text) == (content, speaker, cue)


def test_unnamed_source_has_no_speaker(extractor: Extractor) -> None:
    quote = only(extractor.extract("Man habe sich geeinigt, hieß es am Abend."))
    assert quote.text == "Man habe sich geeinigt"
    assert quote.speaker is None and quote.cue.kind == "impersonal"


def test_a_document_named_with_hiess_es_is_the_source(extractor: Extractor) -> None:
    quote = only(extractor.extract("In der Mitteilung hieß es, man habe sich geeinigt."))
    assert quote.text == "man habe sich geeinigt"
    assert (quote.speaker.text, quote.speaker.kind, quote.cue.kind) == ("der Mitteilung", "thing", "impersonal")


def test_konjunktiv_continuation(extractor: Extractor) -> None:
    text = ("Die Ministerin sagte, die Reform sei notwendig. Sie werde Arbeitsplätze sichern. "
            "Die Opposition lehnt das Gesetz ab.")
    found = extractor.extract(text)
    assert [q.rule for q in found] == ["indirect.cue-before", "indirect.continuation"]
    assert found[1].text == "Sie werde Arbeitsplätze sichern"
    assert found[1].speaker.text == "Die Ministerin" and found[1].cue is None


def test_mixed_quote_contains_its_fragment(extractor: Extractor) -> None:
    text = "Der Sprecher sagte, die Regierung habe „kein Interesse“ an einer Eskalation."
    quote = only(extractor.extract(text))
    assert quote.type == "mixed"
    assert "„kein Interesse“" in quote.text


def test_indicative_after_thought_verb_is_not_reported(extractor: Extractor) -> None:
    assert extractor.extract("Er glaubt, die Bahn kommt pünktlich.") == []


def test_module_level_extract_and_pipe() -> None:
    text = "„Ja“, sagte er."
    assert [q.text for q in quotes.extract(text)] == ["Ja"]
    assert [[q.text for q in found] for found in Extractor().pipe([text, ""])] == [["Ja"], []]


@pytest.mark.parametrize("text", ["", "   \n\n ", "„", "“„“„", "\x00\ufffd\u202e", "a" * 10000, "„" * 5000])
def test_bad_input_never_crashes(extractor: Extractor, text: str) -> None:
    for quote in extractor.extract(text):
        assert text[quote.start:quote.end] == quote.text


def test_deterministic(extractor: Extractor) -> None:
    text = "„Wir kommen“, sagte die Trainerin. Sie betonte, man werde gewinnen."
    assert extractor.extract(text) == extractor.extract(text)


def test_quote_after_a_sentence_about_a_person_is_theirs(extractor: Extractor) -> None:
    text = "Der Trainer war lange in München. „Ich bin wieder da.“"
    quote = only(extractor.extract(text))
    assert (quote.rule, quote.speaker.text) == ("direct.context", "Der Trainer")


@pytest.mark.parametrize("text, speaker", [
    ("Das Unternehmen gab dazu bekannt: „Der Artikel ist gefragt.“", "Das Unternehmen"),
    ("Stoiber hatte besonders die Rolle der Vorsitzenden betont: „Die Entscheidungen fallen hier.“", "Stoiber"),
])
def test_separable_particle_and_participle_cues(extractor: Extractor, text: str, speaker: str) -> None:
    quote = only(extractor.extract(text))
    assert quote.rule == "direct.cue-before" and quote.speaker.text == speaker
