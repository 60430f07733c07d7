"""The quote index: entities merged by name across documents, pronouns never merged,
deterministic JSON, round trips, and properties over random corpora."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes import Cue, Extractor, Quote, Speaker
from quotes.index import (UNRESOLVED, DocumentStats, IndexBuilder, IndexedQuote, QuoteIndex, SpeakerEntry,
                          build_index, dumps, index_texts, loads, normalise_name)

PUTIN = ("a", "„Wir sind zu Gesprächen bereit“, sagte Wladimir Putin am Freitag in Moskau. "
              "Er betonte, Russland habe keine Angst. „Das ist unsere Linie“, sagte er.")
POLICE = ("b", "Putin sagte, der Westen habe die Lage verschärft. „Wir warten ab“, sagte die Polizei. "
               "Die Polizei erklärte, es gebe keine Verletzten. Der Film heißt „Das Boot“.")
LOOSE = ("c", "„Das reicht“, sagte sie. Er sagte, das sei falsch. Laut Polizei gab es zwei Festnahmen.")
CORPUS = [PUTIN, POLICE, LOOSE]


@lru_cache(maxsize=None)
def extractor() -> Extractor:
    return Extractor()


@lru_cache(maxsize=None)
def extracted(text: str) -> tuple[Quote, ...]:
    return tuple(extractor().extract(text))


def index_of(docs: list[tuple[str, str]]) -> QuoteIndex:
    return build_index((doc_id, text, extracted(text)) for doc_id, text in docs)


@pytest.fixture(scope="module")
def index() -> QuoteIndex:
    return index_of(CORPUS)


def entry(ix: QuoteIndex, name: str) -> SpeakerEntry:
    found = [s for s in ix.speakers if s.name == name]
    assert len(found) == 1, [s.name for s in ix.speakers]
    return found[0]


def speaker_quote(mention: str, entity: str | None, kind: str, qtype: str = "direct") -> Quote:
    """A hand-made quote for merging rules that do not depend on the extractor."""
    return Quote(type=qtype, start=0, end=4, text="Nein", speaker=Speaker(mention, 10, 10 + len(mention), entity, kind),
                 cue=Cue("sagte", 5, 10, "sagen"), confidence=0.9, rule="direct.cue-after")


# ------------------------------------------------------------------------- merging by name


def test_full_name_surname_and_pronoun_merge_across_documents(index: QuoteIndex) -> None:
    putin = entry(index, "Wladimir Putin")
    assert putin.variants == ("Er", "Putin", "Wladimir Putin", "er")
    assert putin.counts == {"direct": 2, "indirect": 2, "mixed": 0}
    assert {(q.document, q.mention) for q in putin.quotes} == {("a", "Wladimir Putin"), ("a", "Er"), ("a", "er"),
                                                               ("b", "Putin")}
    assert not any(s.name == "Putin" for s in index.speakers)


def test_organisation_merges_with_and_without_article(index: QuoteIndex) -> None:
    police = entry(index, "die Polizei")  # fullest form, lower-case article preferred
    assert police.variants == ("Die Polizei", "Polizei", "die Polizei")
    assert police.counts == {"direct": 1, "indirect": 2, "mixed": 0}
    assert [q.document for q in police.quotes] == ["b", "b", "c"]
    laut = [q for q in police.quotes if q.document == "c"][0]
    assert (laut.text, laut.cue, laut.cue_lemma, laut.rule) == ("gab es zwei Festnahmen", "Laut", "laut",
                                                                "indirect.preposition")


def test_unresolved_pronouns_are_not_merged_with_anyone(index: QuoteIndex) -> None:
    # document c: "sie" and "Er" have no antecedent; Putin's entry has the variant "er" but
    # the pronoun rule keeps them apart, under the single "(unresolved)" entry
    unresolved = entry(index, UNRESOLVED)
    assert unresolved.unresolved
    assert unresolved.variants == ("Er", "sie")
    assert {q.document for q in unresolved.quotes} == {"c"}
    assert all(q.document != "c" for q in entry(index, "Wladimir Putin").quotes)
    texts = {q.text for q in unresolved.quotes}
    assert texts == {"Das reicht", "das sei falsch"}


def test_quotes_without_speaker_are_counted_but_not_indexed(index: QuoteIndex) -> None:
    stats = {d.id: d for d in index.documents}
    assert stats["b"] == DocumentStats(id="b", length=len(POLICE[1]), quotes=4, unattributed=1)
    assert stats["a"].unattributed == 0 and stats["a"].quotes == 3
    indexed_texts = {q.text for s in index.speakers for q in s.quotes}
    assert "Das Boot" not in indexed_texts
    assert index.quote_count == sum(d.quotes - d.unattributed for d in index.documents) == 9


def test_ambiguous_surname_keeps_its_own_entry() -> None:
    docs = [("anna", "Anna Müller sagte: „Ja.“"), ("hans", "Hans Müller sagte: „Nein.“"),
            ("kurz", "Müller sagte, das sei gut.")]
    ix = index_of(docs)
    assert sorted(s.name for s in ix.speakers) == ["Anna Müller", "Hans Müller", "Müller"]
    # with one full name only, the surname joins it
    ix = index_of([docs[0], docs[2]])
    assert [(s.name, s.variants) for s in ix.speakers] == [("Anna Müller", ("Anna Müller", "Müller"))]


def test_organisations_do_not_merge_by_last_word() -> None:
    ix = build_index([
        ("a", "x", [speaker_quote("Anna Polizei", "Anna Polizei", "name")]),
        ("b", "x", [speaker_quote("Polizei", "Polizei", "organisation")]),
        ("c", "x", [speaker_quote("der Sprecher der Polizei", "der Sprecher der Polizei", "organisation")]),
    ])
    assert sorted(s.name for s in ix.speakers) == ["Anna Polizei", "Polizei", "der Sprecher der Polizei"]


def test_longer_names_chain_to_the_fullest() -> None:
    ix = build_index([
        ("a", "x", [speaker_quote("Putin", "Putin", "name")]),
        ("b", "x", [speaker_quote("Wladimir Putin", "Wladimir Putin", "name")]),
        ("c", "x", [speaker_quote("er", "Wladimir Wladimirowitsch Putin", "pronoun")]),
    ])
    assert [(s.name, len(s.quotes)) for s in ix.speakers] == [("Wladimir Wladimirowitsch Putin", 3)]


def test_speaker_without_entity_is_indexed_under_its_mention() -> None:
    ix = build_index([("a", "x", [speaker_quote("die Expertin", None, "role")])])
    assert [(s.name, s.variants) for s in ix.speakers] == [("die Expertin", ("die Expertin",))]


def test_normalise_name() -> None:
    assert normalise_name("Die  Polizei") == normalise_name("polizei") == "polizei"
    assert normalise_name("des Kremls") == "kremls"
    assert normalise_name("Die") == "die"  # a lone article is kept, not emptied
    assert normalise_name("Wladimir\n Putin") == "wladimir putin"


# ------------------------------------------------------------------------------ lookup


def test_quotes_by_name_or_variant_case_insensitive(index: QuoteIndex) -> None:
    by_name = index.quotes_by("wladimir putin")
    assert len(by_name) == 4
    assert index.quotes_by("PUTIN") == by_name  # a variant finds the whole entity
    assert [q.text for q in index.quotes_by("Polizei")] == [q.text for q in index.quotes_by("die polizei")]
    assert index.quotes_by("Olaf Scholz") == []
    # a pronoun variant is ambiguous: every entry that lists it
    assert {s.name for s in index.find("er")} == {"Wladimir Putin", UNRESOLVED}


def test_counts_match_quotes(index: QuoteIndex) -> None:
    for speaker in index.speakers:
        assert sum(speaker.counts.values()) == len(speaker.quotes)
        assert speaker.counts == {t: sum(q.type == t for q in speaker.quotes) for t in ("direct", "indirect", "mixed")}


def test_mixed_quotes_are_counted() -> None:
    ix = index_of([("m", "Die Kanzlerin sagte, sie sei „tief besorgt“ über die Lage.")])
    assert ix.speakers[0].counts == {"direct": 0, "indirect": 0, "mixed": 1}


def test_indexed_quote_fields_slice_the_document(index: QuoteIndex) -> None:
    texts = dict(CORPUS)
    for speaker in index.speakers:
        for quote in speaker.quotes:
            assert texts[quote.document][quote.start:quote.end] == quote.text
            assert quote.mention in speaker.variants
            assert 0 <= quote.confidence <= 1


# --------------------------------------------------------------------------------- JSON


def test_json_order_is_deterministic(index: QuoteIndex) -> None:
    data = index.to_json()
    assert [s["name"] for s in data["speakers"]] == ["Wladimir Putin", "die Polizei", UNRESOLVED]
    assert [d["id"] for d in data["documents"]] == ["a", "b", "c"]
    shuffled = index_of([LOOSE, PUTIN, POLICE])
    assert dumps(shuffled) == dumps(index)
    assert json.loads(json.dumps(data)) == data  # plain JSON types only


def test_ties_are_sorted_by_name() -> None:
    ix = build_index([("a", "x", [speaker_quote("Zora Xu", "Zora Xu", "name"),
                                  speaker_quote("anna Berg", "anna Berg", "name")])])
    assert [s.name for s in ix.speakers] == ["anna Berg", "Zora Xu"]


def test_round_trip(index: QuoteIndex) -> None:
    assert QuoteIndex.from_json(index.to_json()) == index
    assert loads(dumps(index, indent=2)) == index
    assert "Gesprächen" in dumps(index)  # not ASCII-escaped


def test_from_json_rejects_malformed_data(index: QuoteIndex) -> None:
    data = index.to_json()
    with pytest.raises(ValueError, match="version"):
        QuoteIndex.from_json({**data, "version": 99})
    broken = json.loads(json.dumps(data))
    del broken["speakers"][0]["quotes"][0]["start"]
    with pytest.raises(ValueError, match="malformed"):
        QuoteIndex.from_json(broken)
    lying = json.loads(json.dumps(data))
    lying["speakers"][0]["counts"]["direct"] += 1
    with pytest.raises(ValueError, match="counts"):
        QuoteIndex.from_json(lying)
    with pytest.raises(ValueError):
        QuoteIndex.from_json([])


# ------------------------------------------------------------------------------ builder


def test_builder_is_incremental_and_rejects_duplicate_ids() -> None:
    builder = IndexBuilder()
    builder.add(PUTIN[0], PUTIN[1], extracted(PUTIN[1]))
    first = builder.build()
    assert [s.name for s in first.speakers] == ["Wladimir Putin"]
    builder.add(POLICE[0], POLICE[1], extracted(POLICE[1]))
    assert len(builder) == 2
    assert builder.build() == index_of([PUTIN, POLICE])
    with pytest.raises(ValueError, match="already"):
        builder.add("a", "", [])
    assert len(builder) == 2


def test_build_index_consumes_a_generator_once() -> None:
    consumed = []

    def stream():
        for doc_id, text in CORPUS:
            consumed.append(doc_id)
            yield doc_id, text, extracted(text)

    ix = build_index(stream())
    assert consumed == ["a", "b", "c"]
    assert [d.id for d in ix.documents] == ["a", "b", "c"]


def test_index_texts_with_min_confidence() -> None:
    ix = index_texts(extractor(), [POLICE], min_confidence=0.3)
    assert ix.documents[0].quotes == 3 and ix.documents[0].unattributed == 0
    assert index_texts(extractor(), [POLICE]) == index_of([POLICE])


def test_indexed_quote_of_rejects_quote_without_speaker() -> None:
    with pytest.raises(ValueError):
        IndexedQuote.of("a", Quote(type="direct", start=0, end=1, text="x"))


# ---------------------------------------------------------------------------- properties

POOL = [
    PUTIN, POLICE, LOOSE,
    ("d", "Anna Müller sagte: „Ja.“ Müller sagte, das sei gut."),
    ("e", "Hans Müller sagte: „Nein.“"),
    ("f", "„Wir sind bereit“, sagte die Ministerin. Sie betonte, man werde handeln."),
    ("g", "Die Kanzlerin sagte, sie sei „tief besorgt“ über die Lage."),
    ("h", "Laut Polizei gab es zwei Festnahmen. Das Buch „Krieg und Frieden“ liegt auf dem Tisch."),
    ("i", "Wladimir Putin empfing den Gast. Er sagte, Russland sei stark."),
    ("j", ""),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(POOL), st.integers(min_value=0, max_value=len(POOL)))
def test_index_properties_over_random_corpora(order: list[tuple[str, str]], size: int) -> None:
    docs = order[:size]
    ix = index_of(docs)
    all_quotes = [q for _, text in docs for q in extracted(text)]
    attributed = [q for q in all_quotes if q.speaker is not None]
    # every quote with a speaker is in exactly one entry; the others only in the counts
    assert ix.quote_count == len(attributed)
    assert sum(d.quotes for d in ix.documents) == len(all_quotes)
    assert sum(d.unattributed for d in ix.documents) == len(all_quotes) - len(attributed)
    assert sorted((q.document, q.start, q.end) for s in ix.speakers for q in s.quotes) == \
        sorted((doc_id, q.start, q.end) for doc_id, text in docs for q in extracted(text) if q.speaker)
    # an unresolved pronoun lands in "(unresolved)"; any other speaker in the entry of its
    # entity: the same normalised name, or a person whose last name word is the same
    entry_of = {(q.document, q.start, q.end, q.type): s for s in ix.speakers for q in s.quotes}
    for doc_id, text in docs:
        for q in extracted(text):
            if q.speaker is None:
                continue
            speaker = entry_of[(doc_id, q.start, q.end, q.type)]
            assert q.speaker.text in speaker.variants
            if q.speaker.entity is None and q.speaker.kind == "pronoun":
                assert speaker.unresolved
            else:
                own = normalise_name(q.speaker.entity or q.speaker.text)
                assert not speaker.unresolved
                assert own == normalise_name(speaker.name) or \
                    own.split()[-1] == normalise_name(speaker.name).split()[-1]
    # round trips and independence of the input order
    assert QuoteIndex.from_json(ix.to_json()) == ix
    assert loads(dumps(ix)) == ix
    assert ix == index_of(sorted(docs))
    # lookup by name finds each entry's quotes
    for speaker in ix.speakers:
        assert set(speaker.quotes) <= set(ix.quotes_by(speaker.name))
