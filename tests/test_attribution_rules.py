"""Unit tests with real German sentences for the attribution rules added for news text:
speakers with partitives and attributes, anaphoric and postposition cues, relative
reports, naming verbs, titles, and where a reported clause starts and ends."""

from __future__ import annotations

import pytest

from quotes import Extractor, Quote


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def only(quotes: list[Quote]) -> Quote:
    quotes = [q for q in quotes if q.confidence >= 0.3]  # quoted names in the cue are terms (0.2)
    assert len(quotes) == 1, [(q.type, q.text, q.rule) for q in quotes]
    return quotes[0]


@pytest.mark.parametrize("text, speaker, entity", [
    # partitive: one of a group
    ("Einer der 13 beteiligten Feuerwehrleute sagte: „So etwas habe ich noch nie gesehen.“",
     "Einer der 13 beteiligten Feuerwehrleute", "Einer der 13 beteiligten Feuerwehrleute"),
    # a prepositional attribute in the field before the verb is not part of the name
    ("Jonas Weber vom Bankhaus Lindner sagte dazu: „Solche Zahlungen gibt es überall.“",
     "Jonas Weber", "Jonas Weber"),
    # "Als Begründung" is an adverbial, the subject follows the verb
    ("Als Begründung sagte ein Wissenschaftler: „Das Feld ist sehr breit.“",
     "ein Wissenschaftler", "ein Wissenschaftler"),
    # a role with a name apposition resolves to the name
    ("Die Präsidentin des Verbandes, Maria Schulte, sagte: „Wir sind zufrieden.“",
     "Die Präsidentin des Verbandes, Maria Schulte", "Maria Schulte"),
])
def test_speaker_in_the_field_before_the_verb(extractor: Extractor, text: str, speaker: str, entity: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.speaker.entity) == (speaker, entity)


def test_an_indefinite_role_is_a_new_person(extractor: Extractor) -> None:
    text = "Peter Krause leitet das Institut. Ein Wissenschaftler sagte: „Das ist neu.“"
    assert only(extractor.extract(text)).speaker.entity == "Ein Wissenschaftler"


def test_coordinated_verbs_share_the_subject(extractor: Extractor) -> None:
    text = "Als die Polizei kam, schlug der Mann um sich und rief: „Lasst mich raus!“"
    assert only(extractor.extract(text)).speaker.text == "der Mann"


def test_a_cue_after_und_joins_the_cue_clause_not_the_report(extractor: Extractor) -> None:
    text = "Er sagte, Europa brauche die Briten und fügte hinzu: „Wir warten.“"
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker.text) for q in quotes] == [("Europa brauche die Briten", "Er"), ("Wir warten.", "Er")]


def test_anaphoric_cue_makes_the_sentence_before_a_quote(extractor: Extractor) -> None:
    text = "Im Wagen saß auch eine weitere Mitarbeiterin. Das bestätigte die Organisation in Bonn."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text, quote.rule) == (
        "Im Wagen saß auch eine weitere Mitarbeiterin", "die Organisation in Bonn", "indirect.anaphoric")


def test_anaphoric_cue_attributes_a_direct_quote(extractor: Extractor) -> None:
    quote = only(extractor.extract("„Wir sind erschüttert.“ Dies sagte der Sprecher der Feuerwehr am Montag."))
    assert (quote.speaker.text, quote.rule) == ("der Sprecher der Feuerwehr", "direct.anaphoric")


@pytest.mark.parametrize("text, content, speaker", [
    ("Seiner Meinung nach hätte die Aufsicht die Landung verbieten müssen.",
     "hätte die Aufsicht die Landung verbieten müssen", "Seiner"),
    ("Nach einer Stellungnahme der Armee befand sich der Hubschrauber auf einem Übungsflug.",
     "befand sich der Hubschrauber auf einem Übungsflug", "der Armee"),
    ("Laut „Tagesspiegel“ soll er sich in Haft befinden.", "soll er sich in Haft befinden", "„Tagesspiegel“"),
    ("Laut spiegel.de wurden 53.000 Exemplare verkauft.", "wurden 53.000 Exemplare verkauft", "spiegel.de"),
])
def test_prepositional_and_postposition_cues(extractor: Extractor, text: str, content: str, speaker: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text if quote.speaker else None) == (content, speaker)


def test_dem_vernehmen_nach_names_no_source(extractor: Extractor) -> None:
    quote = only(extractor.extract("Dem Vernehmen nach soll der Minister noch bis zum Frühjahr bleiben."))
    assert quote.speaker is None and quote.text == "soll der Minister noch bis zum Frühjahr bleiben"


@pytest.mark.parametrize("text, content, speaker", [
    ("Es gibt eine Schätzung, wonach im Jahr 2002 rund 53.000 Kinder getötet wurden.",
     "im Jahr 2002 rund 53.000 Kinder getötet wurden", "eine Schätzung"),
    ("Es gab Gerüchte, denen zufolge der Sänger schwer krank war, doch das stimmte nicht.",
     "der Sänger schwer krank war", "Gerüchte"),
])
def test_relative_reports(extractor: Extractor, text: str, content: str, speaker: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text, quote.rule) == (content, speaker, "indirect.relative")


def test_naming_verbs_attribute_one_word_quotes(extractor: Extractor) -> None:
    text = "Die Vorsitzende Eva Brandt nannte den Beschluss einen „Wortbruch“."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.entity, quote.rule) == ("Wortbruch", "Eva Brandt", "direct.embedded")


def test_a_naming_verb_takes_no_reported_clause(extractor: Extractor) -> None:
    text = ("Der Sprecher bezeichnete Berichte, Moskau wolle den Beitritt, als „dumme Erfindungen“.")
    assert [q.type for q in extractor.extract(text)] == ["direct"]


def test_names_of_parties_and_prizes_are_terms(extractor: Extractor) -> None:
    text = "Die „Nationale Front für Demokratie und Freiheit im Land“ rief zu Protesten auf."
    assert [(q.rule, q.confidence < 0.3) for q in extractor.extract(text)] == [("direct.term", True)]


def test_cue_after_needs_a_clause_before_it(extractor: Extractor) -> None:
    text = "Der Sprecher der Regierung, Stefan Maurer, würdigte die Arbeit des Papstes."
    assert extractor.extract(text) == []


def test_wie_clause_with_an_apposition(extractor: Extractor) -> None:
    text = "Wie die Regierungschefin des Landes, Anna Vogt, erklärte, habe sie den Zivilschutz alarmiert."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == ("habe sie den Zivilschutz alarmiert", "die Regierungschefin des Landes")


def test_a_second_cue_ends_the_first_report(extractor: Extractor) -> None:
    text = "Der Präsident sagte, der General sei tot, doch ein Sprecher der UN erklärte, das sei falsch."
    assert [(q.text, q.speaker.text) for q in extractor.extract(text)] == [
        ("der General sei tot", "Der Präsident"), ("das sei falsch", "ein Sprecher der UN")]


def test_a_quoted_name_in_the_cue_clause(extractor: Extractor) -> None:
    text = "Der Staatssekretär sagte der „Berliner Zeitung“, dass an jeder Tankstelle Biodiesel angeboten werden solle."
    quote = only(extractor.extract(text))
    assert quote.text == "an jeder Tankstelle Biodiesel angeboten werden solle"
    assert quote.speaker.text == "Der Staatssekretär"


def test_sentences_inside_a_long_direct_quote_are_not_continuations(extractor: Extractor) -> None:
    text = "Maurer sagte: „Das war knapp. Man hätte früher handeln müssen.“ Danach ging er."
    assert [q.rule for q in extractor.extract(text)] == ["direct.cue-before"]


def test_moechte_is_not_reported_speech(extractor: Extractor) -> None:
    text = "„Das ist gut“, sagte Bush. Diesen Druck möchte er vermeiden."
    assert [q.text for q in extractor.extract(text)] == ["Das ist gut"]


def test_a_clause_before_a_colon_gives_its_subject(extractor: Extractor) -> None:
    text = "Die Ministerin sieht in dem Urteil eine Bestätigung: „Das Gericht stärkt die Freiheitsrechte.“"
    quote = only(extractor.extract(text))
    assert (quote.speaker.text, quote.rule) == ("Die Ministerin", "direct.colon-clause")


def test_heisst_es_in_a_document_names_the_document(extractor: Extractor) -> None:
    text = "In der Pressemitteilung des Verbandes heißt es, dass die Lage unübersichtlich sei."
    quote = only(extractor.extract(text))
    assert (quote.text, quote.speaker.text) == ("die Lage unübersichtlich sei", "der Pressemitteilung des Verbandes")


def test_a_passive_cue_has_an_unnamed_source(extractor: Extractor) -> None:
    quote = only(extractor.extract("Zur Begründung wurde mitgeteilt, die Kosten seien gestiegen."))
    assert (quote.text, quote.speaker) == ("die Kosten seien gestiegen", None)


def test_a_subordinate_cue_clause_before_the_main_clause_is_no_report(extractor: Extractor) -> None:
    quotes = extractor.extract("Als er gefragt wurde, sagte er, das sei falsch.")
    assert [(q.text, q.cue.text) for q in quotes] == [("das sei falsch", "sagte")]


@pytest.mark.parametrize("text, contents", [
    ("Man sei dankbar – so Meier –, trotzdem suche das Unternehmen neue Investoren.",
     ["Man sei dankbar", "trotzdem suche das Unternehmen neue Investoren"]),
    ("Auch diese Lücke habe Methode, so Meier weiter.", ["Auch diese Lücke habe Methode"]),
])
def test_so_between_dashes_and_with_an_adverb(extractor: Extractor, text: str, contents: list[str]) -> None:
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == contents
    assert {q.speaker.text for q in quotes} == {"Meier"}


@pytest.mark.parametrize("text, content", [
    # the verb stands outside the quoted fragment: mixed, even if the fragment is most of it
    ("Die Ministerin erklärte, sie sei „tief erschüttert von dieser unerwarteten Nachricht“.",
     "sie sei „tief erschüttert von dieser unerwarteten Nachricht“"),
    # a direct quote that ends a reported clause of the same cue is part of the mixed quote
    ("Der Präsident sagte, das Land sei ein „Opfer des Terrors“ und die Täter sollten wissen, "
     "„dass wir sie finden werden.“", "das Land sei ein „Opfer des Terrors“ und die Täter sollten wissen, "
     "„dass wir sie finden werden.“"),
])
def test_mixed_quotes_keep_their_fragments(extractor: Extractor, text: str, content: str) -> None:
    quote = only(extractor.extract(text))
    assert (quote.type, quote.text, quote.rule) == ("mixed", content, "indirect.cue-before")


def test_a_colon_before_a_direct_quote_ends_the_reported_clause(extractor: Extractor) -> None:
    text = ("Der Experte wandte sich gegen die Behauptung, die neue Sorte werde nicht in Lebensmittel gelangen: "
            "„Wo sie angebaut wird, taucht sie auch im Essen auf.“")
    quotes = [q for q in extractor.extract(text) if q.confidence >= 0.3]
    assert [(q.type, q.text) for q in quotes] == [
        ("indirect", "die neue Sorte werde nicht in Lebensmittel gelangen"),
        ("direct", "Wo sie angebaut wird, taucht sie auch im Essen auf.")]


def test_a_surname_in_mann_is_a_name_not_a_role(extractor: Extractor) -> None:
    text = ("Die Abgeordnete Swantje Hartmann trat zurück. Minister Paul Weber sagte, er bedaure das. "
            "Hartmann erklärte, ihr lägen keine Unterlagen vor.")
    quotes = extractor.extract(text)
    assert quotes[-1].speaker.entity == "Swantje Hartmann"
