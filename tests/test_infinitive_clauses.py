"""Unit tests with real German sentences for reported *zu*-infinitive clauses: the object of a
cue verb (*kündigte an, … zu prüfen*) is what the speaker announced, demanded or claimed."""

from __future__ import annotations

import pytest

from quotes import Extractor, Quote


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def reported(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.type != "direct" and q.confidence >= 0.3]


@pytest.mark.parametrize("text, content, speaker", [
    ("Der Übergangsrat kündigte an, die Todesumstände untersuchen zu lassen.",
     "die Todesumstände untersuchen zu lassen", "Der Übergangsrat"),
    # a separable verb takes zu inside; two coordinated infinitives form one clause
    ("Die Regierung forderte die Bürger auf, ihre Häuser zu verlassen und Vorräte anzulegen.",
     "ihre Häuser zu verlassen und Vorräte anzulegen", "Die Regierung"),
    ("Vertreter der Armee werfen den Rebellen vor, Zivilisten als Schutzschilde zu missbrauchen.",
     "Zivilisten als Schutzschilde zu missbrauchen", "Vertreter der Armee"),
    # a subordinate clause after the infinitive belongs to the report
    ("Die Partei drohte, vor das Verfassungsgericht zu ziehen, falls das Gesetz beschlossen werde.",
     "vor das Verfassungsgericht zu ziehen, falls das Gesetz beschlossen werde", "Die Partei"),
])
def test_infinitive_object_of_a_cue_is_reported(extractor: Extractor, text: str, content: str,
                                                speaker: str) -> None:
    [quote] = reported(extractor.extract(text))
    assert (quote.text, quote.rule, quote.speaker.text) == (content, "indirect.infinitive", speaker)


def test_passive_cue_with_infinitive_has_an_unnamed_source(extractor: Extractor) -> None:
    [quote] = reported(extractor.extract("Dem Manager wird vorgeworfen, Gelder veruntreut zu haben."))
    assert quote.text == "Gelder veruntreut zu haben"
    assert quote.speaker is None


@pytest.mark.parametrize("text", [
    "Der Minister erklärte die Lage ausführlich, um die Preise zu senken.",  # purpose, no object
    "Die Sprecherin bestätigte den Vorfall, ohne Einzelheiten zu nennen.",
    "Der Konzern kündigte an, zu hohen Preisen werde nicht mehr eingekauft.",  # zu + adjective
])
def test_adverbial_infinitives_and_zu_phrases_are_no_infinitive_reports(extractor: Extractor, text: str) -> None:
    assert [q.rule for q in reported(extractor.extract(text)) if q.rule == "indirect.infinitive"] == []


def test_v2_clause_with_an_infinitive_is_judged_by_its_mood(extractor: Extractor) -> None:
    [quote] = reported(extractor.extract("Der Sprecher sagte, das sei schwer zu beurteilen."))
    assert quote.rule == "indirect.cue-before"
    assert extractor.extract("Der Sprecher sagte, das ist schwer zu beurteilen.") == []


def test_decisions_and_offers_are_reported(extractor: Extractor) -> None:
    [quote] = reported(extractor.extract("Die Bahngesellschaft beschloss, die Beleuchtung in den Zügen zu reduzieren."))
    assert (quote.text, quote.speaker.text, quote.cue.lemma) == (
        "die Beleuchtung in den Zügen zu reduzieren", "Die Bahngesellschaft", "beschließen")


def test_a_personal_choice_is_not_reported(extractor: Extractor) -> None:
    assert reported(extractor.extract("Dann hatten sie sich dafür entschieden, sich die Arbeit zu teilen.")) == []
