"""Tests of the scorer in quotes.evaluate (rules of the gold FORMAT.md)."""

from __future__ import annotations

import doctest
import json
import random
import time
from pathlib import Path

import pytest

import quotes.evaluate as ev
from quotes.evaluate import (
    PRF,
    Report,
    gold_as_prediction,
    match_quotes,
    read_jsonl,
    score,
    speaker_is_right,
    trim_span,
)

SEEDS = Path(__file__).parent.parent / "seeds" / "gold.jsonl"


# --------------------------------------------------------------------------- helpers


def span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def gold_quote(text: str, part: str, qtype: str = "direct", *, speaker: str | None = None,
               entity: str | None = None, optional: bool = False, occurrence: int = 0) -> dict:
    start, end = span(text, part, occurrence)
    q = {"type": qtype, "start": start, "end": end, "content": text[start:end],
         "speaker": None, "speaker_start": None, "speaker_end": None,
         "entity": None, "optional": optional}
    if speaker is not None:
        s, e = span(text, speaker)
        q.update(speaker=speaker, speaker_start=s, speaker_end=e, entity=entity or speaker)
    return q


def pred_quote(text: str, part: str, qtype: str = "direct", *, speaker: str | None = None,
               entity: str | None = None, occurrence: int = 0) -> dict:
    start, end = span(text, part, occurrence)
    sp = None
    if speaker is not None:
        s, e = span(text, speaker)
        sp = {"text": speaker, "start": s, "end": e, "entity": entity}
    return {"type": qtype, "start": start, "end": end, "text": text[start:end], "speaker": sp}


def pred_at(start: int, end: int, qtype: str = "direct") -> dict:
    return {"type": qtype, "start": start, "end": end, "speaker": None}


def one_doc(text: str, gold: list[dict], predicted: list[dict]) -> Report:
    return score([{"id": "d", "text": text, "quotes": gold}], [{"id": "d", "quotes": predicted}])


def counts(prf: PRF) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


# --------------------------------------------------------------------------- PRF / trimming


def test_prf_scores_and_zero_division():
    s = PRF(tp=8, fp=2, fn=8)
    assert s.precision == pytest.approx(0.8)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    empty = PRF(0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("raw, inner", [
    ("„Nein.“", "Nein"),
    ("»Wir schaffen das!«", "Wir schaffen das"),
    ("‚gut abgeschnitten‘", "gut abgeschnitten"),
    ("  – Frieden? – ", "Frieden"),
    ("›Ja‹, ", "Ja"),
])
def test_trim_span_strips_marks_dashes_punctuation_and_space(raw, inner):
    text = f"Er sagte {raw} und ging."
    s, e = span(text, raw)
    ts, te = trim_span(text, s, e)
    assert text[ts:te] == inner


def test_trim_span_keeps_span_that_would_become_empty_and_clamps():
    text = "Er sagte: „…“"
    s, e = span(text, "„…“")
    assert trim_span(text, s, e) == (s, e)
    s, e = trim_span(text, 3, 1000)  # end clamped, then „…“ and the colon trimmed
    assert text[s:e] == "sagte"


# --------------------------------------------------------------------------- matching


def test_exact_match():
    text = "Scholz sagte: „Wir stehen an der Seite der Ukraine.“"
    gold = [gold_quote(text, "Wir stehen an der Seite der Ukraine.")]
    pred = [pred_quote(text, "Wir stehen an der Seite der Ukraine.")]
    assert match_quotes(text, gold, pred) == [(0, 0)]
    r = one_doc(text, gold, pred)
    assert counts(r.detection["all"]) == (1, 0, 0)
    assert r.detection["all"].f1 == 1.0


def test_trimmed_marks_and_punctuation_match_nein():
    # gold „Nein.“ including marks and full stop vs a prediction of the bare word
    text = "Auf die Frage antwortete Merz: „Nein.“ Dann ging er."
    gold = [gold_quote(text, "„Nein.“")]
    pred = [pred_quote(text, "Nein")]
    assert match_quotes(text, gold, pred) == [(0, 0)]
    # without trimming "Nein" (4) against „Nein.“ (7) would still overlap > half;
    # a shorter word shows the trimming matters: untrimmed, "Ja" (2) would
    # overlap „Ja!“ (5) by less than half of the longer span
    text2 = "Die Antwort der Ministerin: „Ja!“"
    assert match_quotes(text2, [gold_quote(text2, "„Ja!“")], [pred_quote(text2, "Ja")]) == [(0, 0)]


# 42 letters, no white space or punctuation, so trimming changes nothing
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän"


@pytest.mark.parametrize("pred_span, matches", [
    ((4, 14), True),    # overlap 6 of 10: above half
    ((5, 15), True),    # overlap 5 of 10: exactly half ("at least half")
    ((6, 16), False),   # overlap 4 of 10: below half
    ((0, 20), True),    # longer prediction: overlap 10 of 20 = half
    ((0, 21), False),   # overlap 10 of 21: just below half of the longer span
    ((2, 7), True),     # shorter prediction inside: overlap 5 of the longer 10
    ((2, 6), False),    # overlap 4 of the longer 10
])
def test_half_overlap_boundary(pred_span, matches):
    gold = [{"type": "direct", "start": 0, "end": 10, "optional": False}]
    pred = [pred_at(*pred_span)]
    assert (match_quotes(LONG_WORD, gold, pred) == [(0, 0)]) is matches


def test_half_overlap_uses_trimmed_lengths():
    # gold "Nein" (4 letters inside marks); prediction covers "„Nein“, sagte er" (16)
    text = "„Nein“, sagte er"
    gold = [gold_quote(text, "Nein")]
    assert match_quotes(text, gold, [pred_at(0, len(text))]) == []   # 4 < 16/2 ("er" is not trimmed)
    assert match_quotes(text, gold, [pred_at(0, 8)]) == [(0, 0)]     # „Nein“,  trims to Nein


def test_one_to_one_greedy_by_largest_overlap():
    text = "Habeck sagte: „Wir sparen Gas. Wir sparen Strom.“"
    gold = [gold_quote(text, "Wir sparen Gas."), gold_quote(text, "Wir sparen Strom.")]
    # one prediction covering both gold quotes can take only one of them
    s, e = span(text, "Wir sparen Gas. Wir sparen Strom.")
    pairs = match_quotes(text, gold, [pred_at(s, e)])
    assert pairs == [(1, 0)]  # "Wir sparen Strom" (16) overlaps more than "Wir sparen Gas" (14)
    r = one_doc(text, gold, [pred_at(s, e)])
    assert counts(r.detection["all"]) == (1, 0, 1)


def test_greedy_two_predictions_compete_for_one_gold():
    text = "Baerbock erklärte: „Das ist ein Angriff auf unsere Werte.“"
    gold = [gold_quote(text, "Das ist ein Angriff auf unsere Werte.")]
    exact = pred_quote(text, "Das ist ein Angriff auf unsere Werte.")
    partial = pred_quote(text, "ein Angriff auf unsere Werte")
    assert match_quotes(text, gold, [partial, exact]) == [(0, 1)]
    r = one_doc(text, gold, [partial, exact])
    assert counts(r.detection["all"]) == (1, 1, 0)


def test_greedy_order_lets_second_gold_take_remaining_prediction():
    # p0 overlaps g0 most; p1 overlaps g0 a little less and g1 too: g0-p0, g1-p1
    text = "abcdefghijklmnopqrstuvwxyzäöüß"
    gold = [{"start": 0, "end": 10}, {"start": 8, "end": 18}]
    pred = [pred_at(0, 10), pred_at(4, 14)]
    assert match_quotes(text, gold, pred) == [(0, 0), (1, 1)]


def test_ties_are_broken_by_position_deterministically():
    text = "Wahlkampfauftakt"
    # the prediction overlaps both gold spans by 3 of 4: the earlier gold wins
    gold = [{"start": 0, "end": 4}, {"start": 2, "end": 6}]
    assert match_quotes(text, gold, [pred_at(1, 5)]) == [(0, 0)]
    assert match_quotes(text, gold[::-1], [pred_at(1, 5)]) == [(1, 0)]
    # two predictions overlap one gold by 3 of 4: the earlier prediction wins
    gold = [{"start": 1, "end": 5}]
    assert match_quotes(text, gold, [pred_at(2, 6), pred_at(0, 4)]) == [(0, 1)]
    # identical spans: the lower index wins
    assert match_quotes(text, [{"start": 0, "end": 4}] * 2, [pred_at(0, 4)]) == [(0, 0)]
    assert match_quotes(text, [{"start": 0, "end": 4}], [pred_at(0, 4)] * 2) == [(0, 0)]


def _brute_force_matching(text, gold, predicted):
    g = [trim_span(text, q["start"], q["end"]) for q in gold]
    p = [trim_span(text, q["start"], q["end"]) for q in predicted]
    cands = []
    for gi, a in enumerate(g):
        for pi, b in enumerate(p):
            ov = max(0, min(a[1], b[1]) - max(a[0], b[0]))
            if ov and 2 * ov >= max(a[1] - a[0], b[1] - b[0]):
                cands.append((-ov, a[0], b[0], gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for *_, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def test_pruned_matching_equals_brute_force_on_random_spans():
    rng = random.Random(20240217)
    text = ("Der Kanzler sagte, man werde „alles tun“, um zu helfen. " * 40)
    for _ in range(30):
        def spans(n):
            out = []
            for _ in range(n):
                s = rng.randrange(len(text) - 1)
                out.append({"type": "direct", "start": s, "end": min(len(text), s + rng.randrange(1, 120))})
            return out
        gold, pred = spans(rng.randrange(0, 60)), spans(rng.randrange(0, 60))
        assert match_quotes(text, gold, pred) == _brute_force_matching(text, gold, pred)


def test_matching_many_quotes_is_fast():
    text = "„Nein“, sagte er. " * 3000
    gold = [{"start": i * 18 + 1, "end": i * 18 + 5} for i in range(3000)]
    pred = [pred_at(i * 18, i * 18 + 6) for i in range(3000)]
    t0 = time.perf_counter()
    pairs = match_quotes(text, gold, pred)
    assert time.perf_counter() - t0 < 2.0
    assert pairs == [(i, i) for i in range(3000)]


# --------------------------------------------------------------------------- optional / FP / FN


def test_optional_gold_neither_rewarded_nor_punished():
    text = "Die sogenannten „Eisenbahnpartisanen“ seien aktiv, sagte Lukaschenko: „Wir sind bereit.“"
    opt = gold_quote(text, "Eisenbahnpartisanen", optional=True)
    real = gold_quote(text, "Wir sind bereit.", speaker="Lukaschenko")
    p_real = pred_quote(text, "Wir sind bereit.", speaker="Lukaschenko")
    with_opt = one_doc(text, [opt, real], [pred_quote(text, "Eisenbahnpartisanen"), p_real])
    without_opt = one_doc(text, [opt, real], [p_real])
    for r in (with_opt, without_opt):
        assert counts(r.detection["all"]) == (1, 0, 0)
        assert counts(r.end_to_end["all"]) == (1, 0, 0)
        assert r.attribution["all"] == (1, 1)


def test_reported_type_is_optional_even_without_flag():
    text = "Putin habe mit Lukaschenko über Sicherheitsfragen gesprochen."
    gold = [gold_quote(text, "über Sicherheitsfragen gesprochen", "reported")]
    assert counts(one_doc(text, gold, []).detection["all"]) == (0, 0, 0)
    r = one_doc(text, gold, [pred_quote(text, "über Sicherheitsfragen gesprochen", "indirect")])
    assert counts(r.detection["all"]) == (0, 0, 0)
    assert counts(r.detection["indirect+mixed"]) == (0, 0, 0)


def test_unmatched_prediction_is_false_positive_of_its_predicted_type():
    text = "Der Kreml meldete Gespräche. Peskow sagte, man sei offen."
    gold = [gold_quote(text, "man sei offen", "indirect", speaker="Peskow")]
    pred = [pred_quote(text, "man sei offen", "indirect", speaker="Peskow"),
            pred_quote(text, "Der Kreml meldete Gespräche", "direct")]
    r = one_doc(text, gold, pred)
    assert counts(r.detection["all"]) == (1, 1, 0)
    assert counts(r.detection["direct"]) == (0, 1, 0)
    assert counts(r.detection["indirect+mixed"]) == (1, 0, 0)
    assert r.detection["all"].precision == 0.5


def test_missing_and_unknown_documents():
    text = "Sie sagte: „Nein.“"
    gold_docs = [{"id": "a", "text": text, "quotes": [gold_quote(text, "Nein.")]},
                 {"id": "b", "text": text, "quotes": [gold_quote(text, "Nein.")]}]
    preds = [{"id": "a", "quotes": [pred_quote(text, "Nein.")]},
             {"id": "zzz", "quotes": [pred_quote(text, "Nein.")] * 3}]
    r = score(gold_docs, preds)
    assert r.documents == 2
    assert counts(r.detection["all"]) == (1, 0, 1)  # "b" all missed, "zzz" ignored


def test_duplicate_gold_ids_are_rejected():
    doc = {"id": "a", "text": "x", "quotes": []}
    with pytest.raises(ValueError, match="duplicate"):
        score([doc, doc], [])


def test_types_restricts_scope():
    text = "Scholz sagte: „Ja.“ Merz erklärte, er sei dagegen."
    gold = [gold_quote(text, "Ja.", speaker="Scholz"),
            gold_quote(text, "er sei dagegen", "indirect", speaker="Merz")]
    pred = [pred_quote(text, "Ja.", speaker="Scholz"),
            pred_quote(text, "Merz erklärte", "indirect")]
    full = score([{"id": "d", "text": text, "quotes": gold}], [{"id": "d", "quotes": pred}])
    assert counts(full.detection["all"]) == (1, 1, 1)
    direct_only = score([{"id": "d", "text": text, "quotes": gold}], [{"id": "d", "quotes": pred}],
                        types={"direct"})
    assert counts(direct_only.detection["all"]) == (1, 0, 0)
    with pytest.raises(ValueError):
        score([], [], types={"reported"})


# --------------------------------------------------------------------------- attribution rules

PUTIN_TEXT = "Wladimir Putin sagte, Russland sei bereit. Der Kremlchef fügte hinzu, man werde siegen."


def putin_gold(**overrides) -> dict:
    q = gold_quote(PUTIN_TEXT, "Russland sei bereit", "indirect", speaker="Wladimir Putin",
                   entity="Wladimir Putin")
    q.update(overrides)
    return q


def with_speaker(text: str | None, start: int | None = None, end: int | None = None,
                 entity: str | None = None) -> dict:
    return {"type": "indirect", "start": 22, "end": 41,
            "speaker": {"text": text, "start": start, "end": end, "entity": entity}}


def test_speaker_span_overlap_is_right():
    s, e = span(PUTIN_TEXT, "Putin")
    assert speaker_is_right(putin_gold(), with_speaker("Putin", s, e, entity="Jemand Anderes"), PUTIN_TEXT)
    assert not speaker_is_right(putin_gold(), with_speaker("Russland", 22, 30), PUTIN_TEXT)


def test_last_word_of_entity_matches_predicted_entity():
    s, e = span(PUTIN_TEXT, "Der Kremlchef")
    assert speaker_is_right(putin_gold(), with_speaker("Der Kremlchef", s, e, entity="Putin"), PUTIN_TEXT)
    assert not speaker_is_right(putin_gold(), with_speaker("Der Kremlchef", s, e, entity="Wladimir"),
                                PUTIN_TEXT)


def test_predicted_mention_used_when_no_resolved_name():
    s, e = span(PUTIN_TEXT, "Der Kremlchef")
    # no entity: the mention "Der Kremlchef" is compared, it lacks "putin"
    assert not speaker_is_right(putin_gold(), with_speaker("Der Kremlchef", s, e, entity=None), PUTIN_TEXT)
    assert speaker_is_right(putin_gold(), with_speaker("Präsident Putin", 500, 515, entity=""), PUTIN_TEXT)


def test_compound_contains_last_word_of_four_letters_or_more():
    assert speaker_is_right(putin_gold(), with_speaker("er", 500, 502, entity="Kremlchef-Putin"), PUTIN_TEXT)
    assert speaker_is_right(putin_gold(), with_speaker("er", 500, 502, entity="Kremlchefputin"), PUTIN_TEXT)


def test_three_letter_last_word_needs_whole_word():
    text = "Xi Jinping hat gesagt, China wolle Frieden. Staatschef Lee sagte, Korea sei bereit."
    gold = gold_quote(text, "Korea sei bereit", "indirect", speaker="Lee", entity="Präsident Lee")
    assert speaker_is_right(gold, with_speaker("er", 500, 502, entity="Staatschef Lee"), text)
    assert speaker_is_right(gold, with_speaker("er", 500, 502, entity="Lee-Regierung"), text)  # word boundary
    assert not speaker_is_right(gold, with_speaker("er", 500, 502, entity="Leeds"), text)
    assert not speaker_is_right(gold, with_speaker("er", 500, 502, entity="Staatschefslee"), text)
    # four letters suffice for a compound match
    gold["entity"] = "Präsident Moon"
    assert speaker_is_right(gold, with_speaker("er", 500, 502, entity="Staatschefmoon"), text)


def test_articles_are_dropped_and_case_ignored():
    text = "Der Sprecher Dmitri Peskow teilte mit, man sei besorgt."
    gold = gold_quote(text, "man sei besorgt", "indirect", speaker="Der Sprecher", entity="Dmitri Peskow")
    # equal to the gold mention once articles are dropped and case ignored
    assert speaker_is_right(gold, with_speaker("SPRECHER", 500, 508), text)
    assert speaker_is_right(gold, with_speaker("des Sprechers", 500, 513, entity="dem Sprecher"), text)
    assert not speaker_is_right(gold, with_speaker("ein Sprecher der Regierung", 500, 526), text)
    # last word "verteidigung" of an organisation; articles inside do not matter
    gold_ministry = dict(gold, entity="das Ministerium der Verteidigung", speaker="es")
    assert speaker_is_right(gold_ministry, with_speaker("er", 500, 502, entity="Verteidigung"), text)
    # "Der Spiegel" is compared as "spiegel"; an article alone is no name
    gold_paper = dict(gold, entity="Der Spiegel", speaker="Der Spiegel")
    assert speaker_is_right(gold_paper, with_speaker("DER SPIEGEL", 500, 511), text)
    assert not speaker_is_right(gold_paper, with_speaker("der", 500, 503), text)


def test_equal_to_gold_mention_pronoun():
    text = "Lukaschenko sprach lange. Er sagte, Belarus sei bereit."
    gold = gold_quote(text, "Belarus sei bereit", "indirect", speaker="Er", entity="Alexander Lukaschenko")
    assert speaker_is_right(gold, with_speaker("er", 500, 502), text)
    assert not speaker_is_right(gold, with_speaker("sie", 500, 503), text)


def test_null_source_right_only_without_predicted_speaker():
    text = "Es hieß, die Verhandlungen seien gescheitert."
    gold = gold_quote(text, "die Verhandlungen seien gescheitert", "indirect")
    assert gold["speaker"] is None and gold["entity"] is None
    assert speaker_is_right(gold, {"speaker": None}, text)
    assert not speaker_is_right(gold, with_speaker("Es", 0, 2), text)
    # and a gold quote with a source is never right with no predicted speaker
    assert not speaker_is_right(putin_gold(), {"speaker": None}, PUTIN_TEXT)


def test_null_source_not_in_attribution_but_in_end_to_end():
    text = "Es hieß, die Verhandlungen seien gescheitert. Scholz sagte: „Nein.“"
    gold = [gold_quote(text, "die Verhandlungen seien gescheitert", "indirect"),
            gold_quote(text, "Nein.", speaker="Scholz")]
    right = [pred_quote(text, "die Verhandlungen seien gescheitert", "indirect"),
             pred_quote(text, "Nein.", speaker="Scholz")]
    r = one_doc(text, gold, right)
    assert r.attribution["all"] == (1, 1)
    assert counts(r.end_to_end["all"]) == (2, 0, 0)
    wrong = [pred_quote(text, "die Verhandlungen seien gescheitert", "indirect", speaker="Scholz"),
             pred_quote(text, "Nein.", speaker="Scholz")]
    r = one_doc(text, gold, wrong)
    assert r.attribution["all"] == (1, 1)
    assert counts(r.end_to_end["indirect+mixed"]) == (0, 1, 1)
    assert counts(r.detection["indirect+mixed"]) == (1, 0, 0)


# --------------------------------------------------------------------------- end-to-end / groups


def test_end_to_end_counts_wrong_speaker_as_fp_and_fn():
    text = "Scholz sagte: „Wir helfen.“ Merz sagte: „Zu spät.“ Habeck meinte, es reiche nicht."
    gold = [gold_quote(text, "Wir helfen.", speaker="Scholz", entity="Olaf Scholz"),
            gold_quote(text, "Zu spät.", speaker="Merz", entity="Friedrich Merz"),
            gold_quote(text, "es reiche nicht", "indirect", speaker="Habeck", entity="Robert Habeck")]
    pred = [pred_quote(text, "Wir helfen.", speaker="Scholz"),
            pred_quote(text, "Zu spät.", speaker="Scholz", entity="Olaf Scholz"),  # wrong speaker
            pred_quote(text, "Habeck meinte", "indirect", speaker="Habeck")]       # no match
    r = one_doc(text, gold, pred)
    assert counts(r.detection["all"]) == (2, 1, 1)
    assert counts(r.end_to_end["all"]) == (1, 2, 2)
    assert counts(r.end_to_end["direct"]) == (1, 1, 1)
    assert counts(r.end_to_end["indirect+mixed"]) == (0, 1, 1)
    assert r.attribution["all"] == (1, 2)
    assert r.attribution["direct"] == (1, 2)
    assert r.attribution["indirect+mixed"] == (0, 0)
    assert r.attribution_rate() == 0.5
    assert r.end_to_end["all"].f1 == pytest.approx(2 / 6)


def test_groups_attribute_tp_to_gold_type_and_fp_to_predicted_type():
    text = ("Selenski sagte: „Wir kämpfen weiter.“ Macron erklärte, Europa stehe zusammen. "
            "Biden meinte, die Hilfe sei „unerschütterlich“.")
    gold = [gold_quote(text, "Wir kämpfen weiter.", "direct", speaker="Selenski"),
            gold_quote(text, "Europa stehe zusammen", "indirect", speaker="Macron"),
            gold_quote(text, "die Hilfe sei „unerschütterlich“", "mixed", speaker="Biden")]
    pred = [pred_quote(text, "Wir kämpfen weiter.", "indirect", speaker="Selenski"),  # type wrong
            pred_quote(text, "Europa stehe zusammen", "direct", speaker="Macron"),     # type wrong
            pred_quote(text, "Selenski sagte", "indirect")]                             # FP
    r = one_doc(text, gold, pred)
    # one matching over all predictions; TP and FN by gold type, FP by predicted type
    assert counts(r.detection["direct"]) == (1, 0, 0)
    assert counts(r.detection["indirect+mixed"]) == (1, 1, 1)
    assert counts(r.detection["all"]) == (2, 1, 1)
    assert r.type_agreement["all"] == (0, 2)
    assert r.type_accuracy() == 0.0
    assert r.attribution["direct"] == (1, 1)
    assert r.attribution["indirect+mixed"] == (1, 1)
    # mixed and indirect share a group: a "mixed" prediction of indirect gold agrees by group only
    r2 = one_doc(text, gold[1:2], [pred_quote(text, "Europa stehe zusammen", "mixed", speaker="Macron")])
    assert counts(r2.detection["indirect+mixed"]) == (1, 0, 0)
    assert r2.type_agreement["indirect+mixed"] == (0, 1)


# --------------------------------------------------------------------------- report


def _sample_report() -> Report:
    text = "Scholz sagte: „Wir helfen.“ Merz sagte: „Zu spät.“ Habeck meinte, es reiche nicht."
    gold = [gold_quote(text, "Wir helfen.", speaker="Scholz"),
            gold_quote(text, "Zu spät.", speaker="Merz"),
            gold_quote(text, "es reiche nicht", "indirect", speaker="Habeck")]
    pred = [pred_quote(text, "Wir helfen.", speaker="Scholz"),
            pred_quote(text, "es reiche nicht", "indirect", speaker="Merz")]
    return one_doc(text, gold, pred)


def test_format_ends_with_six_summary_lines():
    r = _sample_report()
    last = r.format().splitlines()[-6:]
    assert last == [
        "direct F1 0.667 (P 1.000 R 0.500)",
        "indirect+mixed F1 1.000 (P 1.000 R 1.000)",
        "all F1 0.800 (P 1.000 R 0.667)",
        "attribution 0.500 (1/2)",
        "end-to-end F1 all 0.400",
        "end-to-end F1 direct 0.667 indirect+mixed 0.000",
    ]


def test_to_dict_is_json_serialisable_with_scores():
    d = json.loads(json.dumps(_sample_report().to_dict()))
    assert d["documents"] == 1
    assert d["detection"]["all"] == {"tp": 2, "fp": 0, "fn": 1, "precision": 1.0,
                                     "recall": pytest.approx(2 / 3), "f1": pytest.approx(0.8)}
    assert d["attribution"]["all"] == {"right": 1, "total": 2, "rate": 0.5}
    assert set(d["end_to_end"]) == {"all", "direct", "indirect+mixed"}


# --------------------------------------------------------------------------- loading


def test_read_jsonl_reads_objects_and_skips_blank_lines(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text('{"id": "a", "quotes": []}\n\n{"id": "ä"}\n', encoding="utf-8")
    assert [d["id"] for d in read_jsonl(path)] == ["a", "ä"]


def test_read_jsonl_names_file_and_line_of_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a"}\n{"id": "b"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:3"):
        list(read_jsonl(path))
    path.write_text('{"id": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: expected a JSON object"):
        list(read_jsonl(path))


# --------------------------------------------------------------------------- self-check


def test_seed_gold_scored_against_itself_is_perfect():
    gold = list(read_jsonl(SEEDS))
    assert gold, "seed gold must not be empty"
    r = score(gold, [gold_as_prediction(doc) for doc in gold])
    assert r.documents == len(gold)
    for group in ("all", "direct", "indirect+mixed"):
        assert r.detection[group].f1 == 1.0, group
        assert r.end_to_end[group].f1 == 1.0, group
        assert r.attribution_rate(group) == 1.0, group
    n_scored = sum(1 for d in gold for q in d["quotes"]
                   if not q["optional"] and q["type"] in ("direct", "indirect", "mixed"))
    assert r.detection["all"].tp == n_scored
    assert r.attribution["all"][1] == sum(1 for d in gold for q in d["quotes"]
                                          if not q["optional"] and q["entity"])


def test_seed_gold_without_speakers_loses_attribution_only():
    gold = list(read_jsonl(SEEDS))
    preds = [gold_as_prediction(doc) for doc in gold]
    for doc in preds:
        for q in doc["quotes"]:
            q["speaker"] = None
    r = score(gold, preds)
    assert r.detection["all"].f1 == 1.0
    assert r.attribution["all"][0] == 0
    # only gold quotes without a source stay right end to end
    assert r.end_to_end["all"].tp == sum(1 for d in gold for q in d["quotes"]
                                         if not q["optional"] and q["speaker"] is None)


def test_module_doctests_pass():
    result = doctest.testmod(ev)
    assert result.attempted > 0
    assert result.failed == 0
