"""Unit tests with real German sentences for the clause-structure rules that find the
speaker: quoted names, participle attributes, fronted objects and adverbials, passive
agents, verbs after a quote, cue verbs split around quoted fragments, and the sources
of Konjunktiv sentences without a cue."""

from __future__ import annotations

import pytest

from quotes import Extractor, Quote
from quotes.cues import find_cues
from quotes.ruleset import load_rules
from quotes.speakers import noun_phrase
from quotes.words import tokenize


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def spoken(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.confidence >= 0.3]  # quoted names and terms have 0.2


def only(quotes: list[Quote]) -> Quote:
    found = spoken(quotes)
    assert len(found) == 1, [(q.type, q.text, q.rule) for q in found]
    return found[0]


@pytest.mark.parametrize("text, speaker", [
    # a newspaper in quotation marks is the subject after the verb
    ("„Der Markt ist leer gefegt“, schreibt die „Süddeutsche Zeitung“ in ihrer Montagsausgabe.",
     "die „Süddeutsche Zeitung“"),
    ("„Das Angebot bleibt knapp“, meldete „Reuters“ am Abend.", "„Reuters“"),
    # a quoted name after a role noun belongs to the speaker
    ("„Wir liefern pünktlich“, so der Sprecher der Reederei „Nordlicht“ gegenüber der Presse.",
     "der Sprecher der Reederei „Nordlicht“"),
    # an extended participle attribute between article and noun
    ("„Ich hatte großes Glück“, sagte die in Hamburg geborene Sängerin nach dem Konzert.",
     "die in Hamburg geborene Sängerin"),
    ("Der das Unglück überlebende Fischer erzählte im Krankenhaus: „Die Wellen waren riesig.“",
     "Der das Unglück überlebende Fischer"),
])
def test_speaker_phrases(extractor: Extractor, text: str, speaker: str) -> None:
    assert only(extractor.extract(text)).speaker.text == speaker


def test_a_prepositional_attribute_before_an_apposition_belongs_to_the_speaker(extractor: Extractor) -> None:
    text = "Auch die Delegationsleiterin beim Gipfel, Karin Vogt, äußerte sich zufrieden: „Das ist ein guter Tag.“"
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.speaker.entity) == ("die Delegationsleiterin beim Gipfel, Karin Vogt", "Karin Vogt")


@pytest.mark.parametrize("text, speaker", [
    # fronted adverbials and participles are no speakers
    ("Offiziell geht die Stadtverwaltung davon aus, dass die Brücke bis Mai gesperrt bleibt.", "die Stadtverwaltung"),
    ("Relativierend fügte der Trainer hinzu: „Wir haben noch viel Arbeit vor uns.“", "der Trainer"),
    ("Verärgert reagierte die Gewerkschaft: „Das ist ein Schlag ins Gesicht.“", "die Gewerkschaft"),
    ("Hierzu erklärte der Bürgermeister, die Kosten seien gestiegen.", "der Bürgermeister"),
    # a fronted object before "er": the pronoun is the subject
    ("Die Arbeit der neuen Regierung lobte er ausdrücklich: „Sie handelt pragmatisch.“", "er"),
    # a fronted abstract noun, a masculine person after the verb
    ("Die Umsetzung der Reform stellte der Vorsitzende Jan Keller in Frage: „Das ist so nicht machbar.“",
     "der Vorsitzende Jan Keller"),
])
def test_the_subject_after_a_fronted_field(extractor: Extractor, text: str, speaker: str) -> None:
    assert only(extractor.extract(text)).speaker.text == speaker


@pytest.mark.parametrize("text, speaker", [
    # the agent of a passive cue speaks
    ("Von den Behörden wird angenommen, dass der Brand absichtlich gelegt wurde.", "den Behörden"),
    ("Die Pläne wurden von der Opposition kritisiert, weil sie zu teuer seien.", "der Opposition"),
    # a passive cue with a document names the document
    ("In einer Presseerklärung wurde mitgeteilt, dass das Werk geschlossen werde.", "einer Presseerklärung"),
])
def test_passive_cues(extractor: Extractor, text: str, speaker: str) -> None:
    assert [q.speaker.text for q in spoken(extractor.extract(text))] == [speaker]


def test_es_wird_vermutet_has_an_unnamed_source(extractor: Extractor) -> None:
    quote = only(extractor.extract("Es wird vermutet, dass die Explosion ferngezündet wurde."))
    assert quote.speaker is None and quote.text == "die Explosion ferngezündet wurde"


def test_a_colon_after_a_subordinate_clause_gives_the_main_clause_subject(extractor: Extractor) -> None:
    text = "Der Innenminister zeigte sich besorgt, dass die Fehden nun ins Ausland getragen würden: " \
           "„Das hat es so noch nicht gegeben.“"
    assert extractor.extract(text)[-1].speaker.text == "Der Innenminister"


@pytest.mark.parametrize("text, speaker, lemma", [
    ("„Wir brauchen nur noch einen Punkt“, zeigte sich der Trainer Otto Brandt nach dem Spiel zufrieden.",
     "der Trainer Otto Brandt", "zeigen"),
    ("„Ich trete als Konservativer an“, strich Romney in seiner Rede heraus.", "Romney", "streichen"),
])
def test_a_quote_in_front_of_any_verb_takes_the_subject_after_it(extractor: Extractor, text: str, speaker: str,
                                                                  lemma: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.rule) == (speaker, "direct.verb-after")
    assert quote.cue.lemma in (lemma, quote.cue.text.lower())


def test_a_fronted_quote_before_a_thing_is_no_speech(extractor: Extractor) -> None:
    assert all(q.rule != "direct.verb-after" for q in extractor.extract("„Sicher ist sicher“, bleibt die Devise."))


@pytest.mark.parametrize("text, fragment, speaker", [
    # the particle of a separable cue stands after a quoted fragment
    ("Die Umweltverbände wiesen den Plan als „Etikettenschwindel“ zurück.", "Etikettenschwindel",
     "Die Umweltverbände"),
    ("Die Ministerin wies das am Rande der Sitzung als „Unverschämtheit“ zurück.", "Unverschämtheit",
     "Die Ministerin"),
    # the cue's preposition opens the clause
    ("Von einer „gezielten Kampagne“ sprach der Abgeordnete Paul Hinz.", "gezielten Kampagne",
     "der Abgeordnete Paul Hinz"),
])
def test_cue_verbs_around_quoted_fragments(extractor: Extractor, text: str, fragment: str, speaker: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == (fragment, speaker)


def test_a_reflexive_cue_needs_its_pronoun(extractor: Extractor) -> None:
    rules = load_rules()
    presented = tokenize("Der Konzern stellte auf der Messe ein neues Gerät vor.", 0)
    assert [c.lemma for c in find_cues(presented, frozenset(), rules)] == []
    imagined = only(extractor.extract("Die Ministerin stellt sich vor, dass die Schulen früher öffnen."))
    assert imagined.speaker.text == "Die Ministerin"


def test_a_weak_past_form_after_an_article_is_an_adjective(extractor: Extractor) -> None:
    text = "Der Kandidat sagte in der bereits erwähnten Videobotschaft, der Verzicht sei ihm schwergefallen."
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.cue.lemma) == ("Der Kandidat", "sagen")


def test_a_subordinate_clause_with_its_own_cue_is_not_reported_by_the_cue_before(extractor: Extractor) -> None:
    text = "Der Präsident bestritt das indirekt, indem er sagte, eine engere Zusammenarbeit würde nichts ersetzen."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == ("eine engere Zusammenarbeit würde nichts ersetzen", "er")


def test_a_konjunktiv_sentence_takes_the_source_of_the_cue_before(extractor: Extractor) -> None:
    text = "Die Vorschläge wurden von Verkehrsministerin Eva Roth als unrealistisch bezeichnet. " \
           "Heutige Fahrzeuge seien dafür gar nicht gebaut."
    quote = only(extractor.extract(text))
    assert (quote.rule, quote.speaker.text) == ("indirect.konjunktiv", "Verkehrsministerin Eva Roth")


@pytest.mark.parametrize("text, speaker", [
    # a compound source noun names the source itself
    ("Nach dem Gesetzentwurf der Koalition sollen auch die Jugendämter Zugriff erhalten.", "Gesetzentwurf"),
    ("Nach bisherigen Erfahrungen steigt die Zahl der Gebote kurz vor Schluss.", "bisherigen Erfahrungen"),
    # the nominative after the source noun is the clause's subject, not the source
    ("Zu dem Anschlag bekannte sich nach lokalen Medien die Gruppe Rote Hand.", "lokalen Medien"),
])
def test_nach_sources(extractor: Extractor, text: str, speaker: str) -> None:
    assert only(extractor.extract(text)).speaker.text == speaker


def test_an_article_never_starts_a_name_particle() -> None:
    rules = load_rules()
    closure = noun_phrase(tokenize("die Schließung der Oper sagte", 0), 0, rules)
    assert (closure.end, closure.kind) == (4, "thing")  # a thing with a genitive, no name "Schließung der Oper"
    minister = noun_phrase(tokenize("Ursula von der Leyen sagte", 0), 0, rules)
    assert (minister.end, minister.kind) == (4, "name")


@pytest.mark.parametrize("text, speaker", [
    # an impersonal cue after or before a direct quote names its document
    ("„Wir bitten Sie dringend, das Konzert abzusagen“, heißt es in dem Schreiben des Verbandes.",
     "dem Schreiben des Verbandes"),
    ("„Alle Anzeichen deuten auf einen Anschlag“, hieß es vom Abgeordneten Peter Lang.", "Abgeordneten Peter Lang"),
    ("In dem Antrag heißt es wörtlich: „Die Einstufung wäre ein Beitrag zum Frieden.“", "dem Antrag"),
    # a document opening the sentence before a relative clause
    ("In dem Bericht, der am Montag veröffentlicht wurde, heißt es, die Zahl der Straftaten sei gestiegen.",
     "dem Bericht"),
])
def test_impersonal_cues_name_their_document(extractor: Extractor, text: str, speaker: str) -> None:
    assert only(extractor.extract(text)).speaker.text == speaker


def test_a_place_after_in_is_no_document(extractor: Extractor) -> None:
    quote = only(extractor.extract("In Hamburg heißt es, dass die Zahl der Übertritte steige."))
    assert quote.speaker is None


@pytest.mark.parametrize("text, speaker", [
    ("Von Seiten der Delegation war kritisiert worden, dass der Text verwässert worden sei.", "der Delegation"),
    ("Das kritisierte dieser Tage die Vorsitzende des Lehrerverbands, die Reform sei zu teuer.",
     "die Vorsitzende des Lehrerverbands"),
])
def test_agents_and_time_phrases(extractor: Extractor, text: str, speaker: str) -> None:
    assert spoken(extractor.extract(text))[-1].speaker.text == speaker


def test_art_at_the_end_of_a_sentence_ends_it(extractor: Extractor) -> None:
    text = "Es war die erste Warnung dieser Art. Offiziell geht die Stadt davon aus, dass die Brücke hält."
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.text) == ("die Stadt", "die Brücke hält")


@pytest.mark.parametrize("text, speaker", [
    ("„Ja, es gibt Zumutungen.“ Das musste der Finanzminister Paul Berg zu Beginn der Debatte zugeben.",
     "der Finanzminister Paul Berg"),
    ("Im Wagen saß auch eine weitere Mitarbeiterin. Das hat die Organisation in Bonn bestätigt.",
     "die Organisation in Bonn"),
])
def test_anaphoric_cues_after_an_auxiliary(extractor: Extractor, text: str, speaker: str) -> None:
    quote = only(extractor.extract(text))
    assert quote.rule.endswith(".anaphoric") and quote.speaker.text == speaker


def test_an_anaphoric_auxiliary_needs_the_cue_at_the_end_of_its_clause(extractor: Extractor) -> None:
    text = "Sie beendete die Beziehung. Dies wollte er nicht akzeptieren und gab vor, reden zu wollen."
    assert all(not q.rule.endswith(".anaphoric") for q in extractor.extract(text))


def test_quoted_name_in_a_prepositional_attribute_of_the_speaker(extractor: Extractor) -> None:
    text = "Der Geschäftsführer von „Nordwind“ sagte, das Investment sei mit der Strategie vereinbar."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == ("das Investment sei mit der Strategie vereinbar", "Der Geschäftsführer")


def test_quoted_name_between_speaker_and_cue_is_a_term(extractor: Extractor) -> None:
    text = "Lena Brandt von der „Aktion Hilfe jetzt“ sagte, es sei ein falscher Eindruck entstanden."
    quotes = extractor.extract(text)
    assert [(q.rule, q.text) for q in quotes] == [("direct.term", "Aktion Hilfe jetzt"),
                                                  ("indirect.cue-before", "es sei ein falscher Eindruck entstanden")]
    text = "Die Regierung hatte den Bericht der Zeitung umgehend als „falsch“ zurückgewiesen."
    assert [q.rule for q in extractor.extract(text)] == ["direct.embedded"]  # the middle field is no attribute


def test_colon_after_a_cue_clause_introduces_a_reported_clause(extractor: Extractor) -> None:
    text = "Der Abgeordnete Jan Roth bezweifelte offen die Eignung der Ministerin: Sie habe „keinen Plan“."
    quote = only(extractor.extract(text))
    assert (quote.type, quote.text, quote.speaker.text) == ("mixed", "Sie habe „keinen Plan“",
                                                            "Der Abgeordnete Jan Roth")


def test_statement_of_a_person_before_a_colon(extractor: Extractor) -> None:
    text = "Das Fazit von Sandra Berger nach fünf Jahren überrascht daher nicht: „Die Zahlen zeigen, dass es wirkt.“"
    quote = only(extractor.extract(text))
    assert (quote.rule, quote.speaker.entity) == ("direct.colon-clause", "Sandra Berger")


@pytest.mark.parametrize("text, speaker", [
    # a cue two sentences back; "Armeeleitung" is an organisation (compound of Leitung)
    ("Die Armeeleitung sprach von einem normalen Absturz der Maschine. Die Konferenz dauerte zwei Tage. "
     "Die Maschine sei abgestürzt, nachdem die Munition explodierte.", "Die Armeeleitung"),
    # the sentence before names a thing, not a person: no speaker
    ("Der Verkauf der Wohnungen wurde am Mittwoch erörtert. Das Präsidium halte das Verfahren für "
     "einen schnellen Weg.", None),
    # an unlisted -ieren verb is still the finite verb of the sentence before
    ("Der Innenminister definierte am Montag in Dakar das Ziel. Es gehe nicht darum, die Wanderung "
     "zu verhindern.", "Der Innenminister"),
])
def test_sources_of_konjunktiv_sentences_without_a_cue(extractor: Extractor, text: str, speaker: str | None) -> None:
    quote = only(extractor.extract(text))
    assert quote.rule == "indirect.konjunktiv"
    assert (quote.speaker.text if quote.speaker else None) == speaker
