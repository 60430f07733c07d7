"""Unit tests with real German sentences for sources written as references: *Demnach*
(according to what the sentence before reported), *nach eigenen Angaben* (the clause's own
subject), an inserted *so X*, statement nouns (*X ist der Ansicht, dass …*), and the verb forms
these rules lean on (*darauf*, *sind*)."""

from __future__ import annotations

import pytest

from quotes import Extractor, Quote
from quotes.cues import find_cues
from quotes.frames import finite_verb
from quotes.ruleset import load_rules
from quotes.words import tokenize


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def reported(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.type != "direct" and q.confidence >= 0.3]


def test_demnach_after_a_report_refers_to_its_source(extractor: Extractor) -> None:
    text = ("Die Wahlkommission gab am Donnerstag ein vorläufiges Ergebnis bekannt. "
            "Demnach hat die Regierungskoalition ihre Mehrheit verloren.")
    [quote] = reported(extractor.extract(text))
    assert quote.text == "hat die Regierungskoalition ihre Mehrheit verloren"
    assert quote.cue.lemma == "demnach"
    assert quote.speaker.text == "Demnach"  # the source as written: a reference
    assert quote.speaker.entity == "Die Wahlkommission"


def test_demnach_after_narration_means_accordingly(extractor: Extractor) -> None:
    text = ("Das Parlament zieht Konsequenzen aus den Anschlägen. "
            "Demnach sollen Täter härter bestraft werden.")
    assert reported(extractor.extract(text)) == []


def test_demnach_with_konjunktiv_is_reported_without_a_cue_before(extractor: Extractor) -> None:
    text = "Der Brief liegt der Redaktion vor. Demnach habe der Vorstand die Zahlen gekannt."
    [quote] = reported(extractor.extract(text))
    assert quote.text == "habe der Vorstand die Zahlen gekannt"
    assert quote.speaker.text == "Demnach"


@pytest.mark.parametrize("text, content, entity", [
    ("Die Feuerwehr hat nach eigenen Angaben den Brand unter Kontrolle gebracht.",
     "Die Feuerwehr hat nach eigenen Angaben den Brand unter Kontrolle gebracht", "Die Feuerwehr"),
    ("Nach eigenen Angaben hat die Firma einen neuen Werbepartner gefunden.",
     "hat die Firma einen neuen Werbepartner gefunden", "die Firma"),
])
def test_nach_eigenen_angaben_names_the_clause_subject(extractor: Extractor, text: str, content: str,
                                                       entity: str) -> None:
    [quote] = reported(extractor.extract(text))
    assert quote.text == content
    assert quote.speaker.text == "eigenen Angaben"
    assert quote.speaker.entity == entity


def test_verb_with_preposition_counts_its_pronominal_adverb() -> None:
    rules = load_rules()
    words = tokenize("Der Minister verwies darauf, dass der Haushalt verfassungskonform sei.", 0)
    assert [c.lemma for c in find_cues(words, frozenset(), rules)] == ["verweisen"]
    words = tokenize("Der Minister verwies den Gast des Saales.", 0)
    assert find_cues(words, frozenset(), rules) == []


def test_verweisen_darauf_reports_the_dass_clause(extractor: Extractor) -> None:
    text = "Des Weiteren verwies der Finanzminister darauf, dass der Entwurf verfassungskonform sei."
    [quote] = reported(extractor.extract(text))
    assert quote.text == "der Entwurf verfassungskonform sei"
    assert quote.speaker.text == "der Finanzminister"


def test_sind_is_a_finite_verb() -> None:
    words = tokenize("Nach offiziellen Angaben sind in der Stadt viele Menschen erkrankt.", 0)
    assert finite_verb(words, 3, len(words), load_rules()) == 3


def test_nach_angaben_before_sind_is_not_a_speaker(extractor: Extractor) -> None:
    text = "Nach offiziellen Angaben sind in der Hauptstadt mehr als 13.000 Menschen erkrankt."
    [quote] = reported(extractor.extract(text))
    assert quote.text == "sind in der Hauptstadt mehr als 13.000 Menschen erkrankt"
    assert quote.speaker.text == "offiziellen Angaben"


def test_so_inserted_into_one_clause_gives_one_quote(extractor: Extractor) -> None:
    text = "Alles in allem sei es für alle Parteien, so der Bericht der Beobachter, möglich gewesen, frei zu werben."
    [quote] = reported(extractor.extract(text))
    assert quote.text == text[:-1]
    assert quote.speaker.text == "der Bericht der Beobachter"


def test_so_between_two_clauses_gives_two_quotes(extractor: Extractor) -> None:
    text = "Die Gespräche seien schwierig gewesen, so der Sprecher, aber eine Einigung sei möglich."
    quotes = reported(extractor.extract(text))
    assert [q.text for q in quotes] == ["Die Gespräche seien schwierig gewesen", "aber eine Einigung sei möglich"]
    assert {q.speaker.text for q in quotes} == {"der Sprecher"}


@pytest.mark.parametrize("text, content, speaker", [
    ("Die Aktionärsvereinigung ist der Ansicht, dass das Gesetz den Konzern schwäche.",
     "das Gesetz den Konzern schwäche", "Die Aktionärsvereinigung"),
    # "Seit" opens a V2 clause here (a preposition), not a subordinate clause
    ("Seit August vertritt er die These, die Reform sei gescheitert.", "die Reform sei gescheitert", "er"),
    ("Der Bericht kommt zu dem Schluss, dass die Kämpfe abnähmen.", "die Kämpfe abnähmen", "Der Bericht"),
])
def test_statement_nouns_introduce_a_reported_clause(extractor: Extractor, text: str, content: str,
                                                     speaker: str) -> None:
    [quote] = reported(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == (content, speaker)


@pytest.mark.parametrize("text", [
    "Die Forderung, die Steuern zu senken, stieß auf Kritik.",  # the noun is the subject
    "Die Anlagen stünden im Zusammenhang mit der Befürchtung, das Land betreibe ein Programm.",
])
def test_statement_nouns_without_a_holder_report_nothing(extractor: Extractor, text: str) -> None:
    assert [q for q in reported(extractor.extract(text)) if q.rule == "indirect.cue-before"] == []


def test_nach_inside_a_relative_clause_reports_that_clause(extractor: Extractor) -> None:
    text = ("Die festgenommenen Männer, die nach den bisherigen Ermittlungen für zehn Anschläge verantwortlich "
            "sein dürften, hatten Kontakte ins Ausland.")
    [quote] = reported(extractor.extract(text))
    assert quote.text == "die nach den bisherigen Ermittlungen für zehn Anschläge verantwortlich sein dürften"
    assert quote.speaker.text == "den bisherigen Ermittlungen"
