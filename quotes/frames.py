"""Stage 4: quote frames — which span is a quote, which cue introduces it, which
noun phrase is its source. Direct quotes here; reported speech in :mod:`quotes.reported`.

A direct quote is attributed by the first rule that fits, in this order:

1. ``direct.cue-after``: „…“, sagte X. / „…“, so X. / „…“, hieß es (in X). / „…“, wie X sagte.
   ``direct.verb-after``: „…“, zeigte sich X zufrieden — any finite verb after a quote that
   fills the field before it, with a person after the verb
2. ``direct.dash``: „…“ – X
3. ``direct.cue-before``: X sagte (am Montag vor Journalisten): „…“ / Am Montag sagte X: „…“
4. ``direct.colon``: X: „…“ (headlines and captions); ``direct.colon-clause``: a clause with
   no cue verb before a colon (*X sieht darin eine Bestätigung: „…“*) gives its subject
5. ``direct.interrupted``: „A“, sagte X, „B“ — B is X's too
6. ``direct.embedded``: X nannte das Treffen „sehr ergebnisreich“ (a cue in the clause)
7. ``direct.continuation`` (in :func:`quotes.reported.continue_speakers`): a
   sentence-level quote with no cue of its own keeps the speaker before it.

Quotes nobody is said to have spoken (titles, scare quotes) keep ``speaker=None``
and a low confidence.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs

from .analysis import Analysis, Sentence
from .backbone import FINITE_TAGS
from .cues import CueHit, attributive, clause_end
from .lexicon import lexicon_for
from .marks import MarkSpan
from .model import Cue
from .mood import word_mood
from .ruleset import Rules
from .speakers import (CLOSING_MARK, NounPhrase, genitive_end, noun_phrase, quoted_name_end, subject_after,
                       subject_before)
from .words import WORD, Vocabulary, Word, vocabulary_for

_AUXILIARIES = frozenset("hat haben habe hatte hatten hätte hätten ist sind sei war waren wäre wird werde "
                         "wurde wurden würde würden".split())
_DASHES = frozenset("–—-")
_TERMINAL = frozenset(".!?…")
_FINITE_TAGS = frozenset({"present", "past", "subj1", "subj2"})

CONFIDENCE = {
    "direct.cue-after": 0.95, "direct.cue-before": 0.9, "direct.dash": 0.8, "direct.colon": 0.85,
    "direct.interrupted": 0.85, "direct.verb-after": 0.75, "direct.anaphoric": 0.8, "direct.colon-clause": 0.7,
    "direct.embedded": 0.65, "direct.continuation": 0.6, "direct.context": 0.5,
    "direct.unattributed": 0.45, "direct.term": 0.2, "direct.nested": 0.2,
}


@attrs.frozen
class Mention:
    """A source as written, before it is resolved to an entity (character offsets)."""

    start: int
    end: int
    kind: str  # name | role | organisation | group | pronoun | thing | reference (Demnach)
    gender: str = ""
    name_start: int | None = None
    plural: bool = False
    refers_to: Mention | None = None  # what a reference (*Demnach*) stands for, named before


@attrs.frozen
class Frame:
    """A quote as the rules found it: span, cue, source mention, confidence and rule."""

    type: str
    start: int
    end: int
    mention: Mention | None
    cue: Cue | None
    confidence: float
    rule: str
    paragraph: int
    sentence_level: bool = True
    mark: MarkSpan | None = None
    unnamed_source: bool = False  # "hieß es": a source exists but is not named
    fragments: tuple[tuple[int, int], ...] = ()


# ---------------------------------------------------------------------------
# Helpers on words and cues


def mention_of(sentence: Sentence, phrase: NounPhrase | None, plural: bool = False) -> Mention | None:
    if phrase is None:
        return None
    words = sentence.words
    name_start = words[phrase.name_start].start if phrase.name_start is not None else None
    return Mention(words[phrase.start].start, words[phrase.end - 1].end, phrase.kind, phrase.gender,
                   name_start, plural or phrase.gender == "p")


def cue_of(sentence: Sentence, hit: CueHit, text: str) -> Cue:
    words = sentence.words
    start, end = words[hit.start].start, words[hit.end - 1].end
    return Cue(text=text[start:end], start=start, end=end, lemma=hit.lemma,
               kind="verb" if hit.kind == "verb" else hit.kind, medium=hit.medium)


# Articles that cannot begin a genitive attribute (nach Angaben *der* Polizei, not *die* Gruppe).
_NOT_GENITIVE = frozenset({"die", "das", "den", "dem", "ein", "eine", "einen", "einem"})


def cue_subject(sentence: Sentence, hit: CueHit, rules: Rules, floor: int = 0,
                limit: int | None = None) -> NounPhrase | None:
    """The source of a cue: the subject of a verb, the phrase after laut/so, before zufolge."""
    words = list(sentence.words)
    if hit.kind == "verb":
        participle = hit.tag in ("participle", "infinitive")
        if not participle and passive_auxiliary_before(words, hit, rules, floor):
            participle = True  # "es wird vermutet": "vermutet" is a participle here
        phrase = verb_subject(words, hit.start, rules, floor, limit, participle=participle)
        if phrase is None and not participle and any(
                f.tag == "participle" for f in lexicon_for(rules).cues(words[hit.start].lower)):
            # "betont" is present tense or participle: "Stoiber hatte … betont"
            phrase = verb_subject(words, hit.start, rules, floor, limit, participle=True)
        return phrase
    if hit.source in ("self", "own"):  # "Demnach", "nach eigenen Angaben": a reference to a source
        leading_preposition = hit.end - hit.start > 1 and words[hit.start].lower in vocabulary_for(rules).prepositions
        return NounPhrase(hit.start + leading_preposition, hit.end, "reference")
    if hit.gap_source is not None:  # nach seiner Meinung / nach Grupps Meinung
        word = words[hit.gap_source]
        possessive = vocabulary_for(rules).possessives.get(word.lower)
        if possessive is not None:
            return NounPhrase(hit.gap_source, hit.gap_source + 1, "pronoun", possessive)
        return NounPhrase(hit.gap_source, hit.gap_source + 1, "name")
    if hit.source == "right":
        phrase = _source_after(words, hit.end, rules)
        if phrase is not None and hit.end - hit.start > 1 and words[phrase.start].lower in _NOT_GENITIVE:
            phrase = None  # "nach palästinensischen Medien die Gruppe X": the clause's subject, no source
        if phrase is None and hit.lemma.startswith("nach-"):
            # "nach ersten Angaben": no source named, the phrase itself is what the text gives
            return NounPhrase(hit.start + 1, hit.end, "group", "p")
        if hit.lemma == "so" and phrase is not None:
            after = words[phrase.end] if phrase.end < len(words) else None
            if after is not None and after.text not in (",", ".", ":", ";", "!", "?", "–", "—") \
                    and after.lower not in ("in", "im", "am", "zufolge", "laut", "gegenüber") \
                    and after.lower not in vocabulary_for(rules).adverbs:  # "…, so X weiter."
                return None
        return phrase
    if hit.source == "left":
        phrase = _source_before(words, hit.start, rules)
        if phrase is None and hit.end - hit.start > 1 and hit.start > 0:
            # a postposition phrase: *seiner Meinung nach* (the possessive is the source)
            possessive = vocabulary_for(rules).possessives.get(words[hit.start - 1].lower)
            if possessive is not None:
                return NounPhrase(hit.start - 1, hit.start, "pronoun", possessive)
        return phrase
    return None


def passive_auxiliary_before(words: list[Word], hit: CueHit, rules: Rules, floor: int) -> bool:
    """A passive auxiliary stands before a cue that may also be a participle (*wird … vermutet*)."""
    if not any(f.tag == "participle" for f in lexicon_for(rules).cues(words[hit.start].lower)):
        return False
    auxiliary = _auxiliary_before(words, hit.start, clause_start_before(words, hit.start, floor))
    return auxiliary is not None and words[auxiliary].lower in PASSIVE_AUXILIARIES


def verb_subject(words: list[Word], verb: int, rules: Rules, floor: int = 0, limit: int | None = None,
                 participle: bool = False) -> NounPhrase | None:
    """The subject of the verb at ``verb`` in its clause: V2 fields, verb-final subordinate and
    relative clauses, and coordinated verbs that share the subject of the clause before."""
    vocab = vocabulary_for(rules)
    parsed = _parsed_subject(words, verb, rules, floor, limit)
    if parsed is not None:
        return parsed
    start = clause_start_before(words, verb, floor)
    end = clause_end(words, verb + 1) if limit is None else limit
    first = words[start] if start < len(words) else None
    verb_final = verb + 1 >= end or all(not w.is_word or w.lower in ("an", "mit", "aus", "zu", "hin", "ab", "vor",
                                                                    "fest", "bekannt", "hinzu", "ein", "zurück")
                                        for w in words[verb + 1:end])
    if first is not None and start < verb:
        if first.lower in vocab.subordinators and first.lower not in ("da",) \
                and (first.lower not in ("als", "wie") and first.lower not in vocab.prepositions
                     or _finite_last(words, start, end, rules)):
            # a subordinate clause ends with its finite verb; "Als Begründung wurde angegeben" and
            # "Seit August vertritt er" (seit, bis, während: also prepositions) are V2
            return subject_after(words, start, rules, limit=verb)
        if first.lower in vocab.relative_pronouns and verb_final and start > 0 and words[start - 1].text == ",":
            return antecedent(words, start - 1, rules)
    finite = verb
    if participle:
        finite = _auxiliary_before(words, verb, start)
        if finite is None:
            return None
        if words[finite].lower in PASSIVE_AUXILIARIES or (verb + 1 < len(words) and words[verb + 1].lower == "worden"):
            # "X wurde von Y als … bezeichnet": the agent speaks, the subject is spoken about
            return _passive_agent(words, start, end, rules)
    phrase = subject_before(words, finite, rules, start)
    if phrase is not None and phrase.end <= finite:
        after = subject_after(words, finite, rules, limit=end)
        if after is not None and _plainly_nominative(words, after, vocab) \
                and (phrase.kind == "thing" or after.kind == "pronoun"):
            phrase = after  # "Die Arbeit der Koalition lobte er": the field before the verb is the object
    if phrase is None and start > floor and words[start - 1].text == ",":
        # "Serhij Najew, Kommandant der Streitkräfte, sagte": the field holds an apposition
        phrase = subject_before(words, finite, rules, floor)
    if phrase is None:
        phrase = subject_after(words, finite, rules, limit=end)
    if phrase is None and finite - 1 > start and words[finite - 1].lower in ("und", "oder"):
        # "biss der Mann den Gast und rief": the verbs share the subject
        previous = finite_verb(words, start, finite - 1, rules)
        if previous is not None and word_mood(words[previous].text, rules) in ("subj1", "subj2") \
                and word_mood(words[finite].text, rules) not in ("subj1", "subj2"):
            # "Er sagte, Europa brauche X und fügte hinzu": the verb joins the cue clause, not the report
            previous = finite_verb(words, floor, start, rules)
        elif previous is None and start > floor and not words[start].is_cap and words[start].is_word:
            previous = start  # "Als …, biss der Mann …": the clause opens with its verb
        if previous is not None:
            return verb_subject(words, previous, rules, floor, limit=finite - 1)
    if phrase is None and start > floor and (start == finite or words[start].lower in vocab.conjunctions):
        # "…, verwies aber auf …": a coordinated verb shares the subject of the clause before
        previous = finite_verb(words, floor, start, rules)
        if previous is not None and previous < start:
            return verb_subject(words, previous, rules, floor, limit=start)
    return phrase


SPEAKING_KINDS = frozenset({"name", "role", "pronoun", "organisation", "group"})


def can_speak(phrase: NounPhrase) -> bool:
    """A name, role, organisation or group, or a pronoun that can stand for one (not *es*)."""
    return phrase.kind in SPEAKING_KINDS and not (phrase.kind == "pronoun" and phrase.gender not in ("m", "f", "p"))


def person_like(words: list[Word], phrase: NounPhrase, vocab: Vocabulary) -> bool:
    """The phrase names someone who can speak: a pronoun, a role, an organisation, a group, or a
    name (after an article only with a first name or role in it: not *die Devise*)."""
    if not can_speak(phrase):
        return False
    if phrase.kind != "name":
        return True
    inside = words[phrase.start:phrase.end]
    return words[phrase.start].lower not in vocab.articles or any(
        vocab.first_name_gender(w.text) or vocab.role(w.text) for w in inside)


_NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir"})


def _plainly_nominative(words: list[Word], phrase: NounPhrase, vocab: Vocabulary) -> bool:
    """The phrase can only be a subject: *er*, *ich*, *wir*, or *der* + a masculine person."""
    first = words[phrase.start].lower
    if phrase.kind == "pronoun":
        return first in _NOMINATIVE_PRONOUNS
    if first == "der" and phrase.kind in ("name", "role") and phrase.gender == "m":
        return True
    return phrase.kind == "name" and first not in vocab.articles and any(
        vocab.first_name_gender(w.text) for w in words[phrase.start:phrase.end])


_SUBJECT_LABELS = frozenset({"sb", "nsubj", "nsubj:pass", "sp"})


def _parsed_subject(words: list[Word], verb: int, rules: Rules, floor: int, limit: int | None) -> NounPhrase | None:
    """The subject a dependency parser gave the verb (or its auxiliary), as a noun phrase."""
    if words[verb].head < 0:
        return None  # no parse
    heads = {words[verb].start}
    head_word = words[verb].head
    if words[verb].dep in ("oc", "xcomp", "aux", "ccomp") or words[verb].tag == "VVPP":
        heads.add(head_word)  # "hat … gesagt": the subject hangs on the auxiliary
    stop = len(words) if limit is None else limit
    vocab = vocabulary_for(rules)
    for position in range(floor, stop):
        word = words[position]
        if word.dep not in _SUBJECT_LABELS or word.head not in heads:
            continue
        for begin in range(max(floor, position - 6), position + 1):
            phrase = noun_phrase(words, begin, rules)
            if phrase is not None and phrase.start <= position < phrase.end:
                return phrase
        if word.lower in vocab.subject_pronouns:
            return NounPhrase(position, position + 1, "pronoun", vocab.subject_pronouns[word.lower])
        return NounPhrase(position, position + 1, "name" if word.ent == "PER" or word.tag == "NE" else "thing")
    return None


def _finite_last(words: list[Word], start: int, end: int, rules: Rules) -> bool:
    """The first finite verb of words[start:end] stands at the end of the clause (verb-final)."""
    finite = finite_verb(words, start + 1, end, rules)
    return finite is None or all(not w.is_word for w in words[finite + 1:end])


def antecedent(words: list[Word], comma: int, rules: Rules) -> NounPhrase | None:
    """The noun phrase a relative clause after ``comma`` refers to; with an apposition
    chain (*Dmitri Peskow, der Sprecher des Präsidenten, der …*) the first of the chain."""
    found = None
    end = comma
    for _ in range(2):
        best = None
        for start in range(max(0, end - 10), end):
            phrase = noun_phrase(words, start, rules)
            if phrase is not None and phrase.end == end and phrase.kind != "pronoun":
                best = phrase
                break
        if best is None:
            break
        found = best
        if best.start == 0 or words[best.start - 1].text != ",":
            break
        end = best.start - 1
    return found


def finite_verb(words: list[Word], start: int, end: int, rules: Rules) -> int | None:
    """Index of the first finite verb form in words[start:end] (lower-case words only)."""
    lexicon = lexicon_for(rules)
    vocab = vocabulary_for(rules)
    for position in range(start, min(end, len(words))):
        word = words[position]
        if word.tag in FINITE_TAGS:
            return position
        if word.is_cap or not word.is_word:
            continue
        if (any(f.tag in _FINITE_TAGS and not f.needs_particle for f in lexicon.forms(word.lower))
                or _weak_ieren_past(word)) and not attributive(words, position, vocab):
            return position
    return None


def _weak_ieren_past(word: Word) -> bool:
    """A past form of an *-ieren* verb the lexicon does not list (*definierte*, *dementierten*):
    the ending is regular, so no list is needed."""
    return word.lower.endswith(("ierte", "ierten")) and len(word.lower) > 8


def _source_after(words: list[Word], index: int, rules: Rules) -> NounPhrase | None:
    """After laut / nach Angaben (von|des|der): the source phrase."""
    if index < len(words) and words[index].lower in ("von", "vom", "aus"):
        index += 1
    phrase = noun_phrase(words, index, rules)
    if phrase is None:
        return _named_source(words, index, rules) if index < len(words) else None
    return _with_genitive(words, phrase, rules)


def _with_genitive(words: list[Word], phrase: NounPhrase, rules: Rules) -> NounPhrase:
    """The phrase with a der/des attribute after it, where no dative can stand (*laut Vorschlag der
    CDU*, *heißt es in dem Schreiben des Verbandes*)."""
    return attrs.evolve(phrase, end=genitive_end(words, phrase.end, rules))


def _named_source(words: list[Word], index: int, rules: Rules) -> NounPhrase | None:
    """A source that is no ordinary noun phrase: a quoted title (*laut „Die Welt“*) or a web
    address or lower-case brand (*laut bildblog.de*, *laut dpa*)."""
    word = words[index]
    if word.text in CLOSING_MARK:
        end = quoted_name_end(words, index, longest=6)
        return NounPhrase(index, end, "organisation", "") if end is not None else None
    if word.is_word and not vocabulary_for(rules).is_function_word(word.lower) and (
            "." in word.text.strip(".") or word.text.islower() and len(word.text) <= 4
            and not lexicon_for(rules).forms(word.lower)):  # "laut dpa", not "nach Erfahrungen geht"
        return NounPhrase(index, index + 1, "organisation", "")
    return None


def _source_before(words: list[Word], index: int, rules: Rules) -> NounPhrase | None:
    """Before zufolge: the longest noun phrase that ends right before it."""
    for start in range(max(0, index - 8), index):
        phrase = noun_phrase(words, start, rules)
        if phrase is not None and phrase.end == index:
            return phrase
    return None


PASSIVE_AUXILIARIES = frozenset({"wird", "werden", "wurde", "wurden", "worden", "würde", "würden"})


def _passive_agent(words: list[Word], start: int, end: int, rules: Rules) -> NounPhrase | None:
    """The *von*/*vom*/*seitens* phrase of a passive clause (*von den Behörden wird angenommen*)."""
    for position in range(start, min(end, len(words))):
        lower = words[position].lower
        if lower in ("von", "vom", "seitens"):
            begin = position + 1
            if lower == "von" and begin + 1 < len(words) and words[begin].lower == "seiten":
                begin += 1  # von Seiten der Delegation
            phrase = noun_phrase(words, begin, rules)
            if phrase is not None and phrase.kind != "pronoun":
                return phrase
    return None


_DOCUMENT_PREPOSITIONS = frozenset({"in", "im", "von", "vom", "aus", "seitens"})


def document_source(sentence: Sentence, hit: CueHit, floor: int, rules: Rules) -> NounPhrase | None:
    """The source an impersonal or passive cue names with a preposition: *In der Mitteilung heißt
    es*, *…, hieß es im Bericht*, *hieß es vom Abgeordneten X*, *Aus Paris hieß es*. The phrase
    stands in the cue's clause or opens the sentence (*In dem Bericht, der …, heißt es*)."""
    words = list(sentence.words)
    vocab = vocabulary_for(rules)
    start = clause_start_before(words, hit.start, floor)
    end = clause_end(words, hit.end)
    positions = list(range(start, end))
    if start > floor:
        positions.insert(0, floor)
    for position in positions:
        if words[position].lower in _DOCUMENT_PREPOSITIONS and position + 1 < end \
                and position + 1 not in sentence.quoted and position != hit.start:
            if words[position].lower == "in" and not (words[position + 1].lower in vocab.articles
                                                       or words[position + 1].lower in vocab.determiners):
                continue  # "In Hamburg heißt es": a place, not a document
            phrase = noun_phrase(words, position + 1, rules)
            if phrase is not None and phrase.kind != "pronoun":
                return _with_genitive(words, phrase, rules)
    return None


def _auxiliary_before(words: list[Word], index: int, clause_start: int) -> int | None:
    for position in range(index - 1, clause_start - 1, -1):
        if words[position].lower in _AUXILIARIES:
            return position
    return None


def clause_start_before(words: list[Word] | tuple[Word, ...], index: int, floor: int = 0) -> int:
    """Index just after the last clause break before ``index``."""
    depth = 0
    for position in range(index - 1, floor - 1, -1):
        text = words[position].text
        if text == ")":
            depth += 1
        elif text == "(":
            if depth == 0:
                return position + 1
            depth -= 1
        elif depth == 0 and (text in (",", ";", ":", "–", "—") or text in _TERMINAL):
            return position + 1
    return floor


# ---------------------------------------------------------------------------
# Direct quotes


def _right_frame(analysis: Analysis, sentence: Sentence, close_index: int, rules: Rules):
    """„…“, sagte X. — the cue and source after the closing mark, if any."""
    words = sentence.words
    position = close_index + 1
    if position < len(words) and words[position].text == ",":
        position += 1
    if position >= len(words):
        return None
    vocab = vocabulary_for(rules)
    lower = words[position].lower
    for hit in sentence.cues:
        if hit.start != position:
            continue
        if hit.kind == "verb" and hit.tag not in ("participle", "infinitive"):
            limit = clause_end(list(words), position + 1)
            limit = quoted_name_end(list(words), limit, longest=6) or limit  # meldete „Reuters“
            phrase = subject_after(list(words), position, rules, limit=limit)
            return "direct.cue-after", hit, phrase
        if hit.kind in ("preposition",) and hit.source == "right":
            return "direct.cue-after", hit, cue_subject(sentence, hit, rules)
        if hit.kind == "impersonal":
            return "direct.cue-after", hit, document_source(sentence, hit, 0, rules)
    if lower in _AUXILIARIES:  # „…“, hat er gesagt.
        end = clause_end(list(words), position + 1)
        lexicon = lexicon_for(rules)
        for hit in sentence.cues:
            if hit.kind == "verb" and position < hit.start < end and any(
                    f.tag == "participle" for f in lexicon.cues(words[hit.start].lower)):
                return "direct.cue-after", hit, subject_after(list(words), position, rules, limit=hit.start)
    if lower == "wie":  # „…“, wie X sagte.
        end = clause_end(list(words), position + 1)
        for hit in sentence.cues:
            if hit.kind == "verb" and position < hit.start < end:
                return "direct.cue-after", hit, noun_phrase(list(words), position + 1, rules)
    if not words[position].is_cap and lower not in vocab.subordinators and lower not in vocab.conjunctions \
            and finite_verb(list(words), position, position + 1, rules) == position:
        # „…“, zeigte sich X zufrieden / strich X heraus: the quote fills the field before any verb
        phrase = subject_after(list(words), position, rules, limit=clause_end(list(words), position + 1))
        if phrase is not None and person_like(list(words), phrase, vocab):
            forms = lexicon_for(rules).forms(lower)
            lemma = forms[0].verb.lemma if forms else lower
            return "direct.verb-after", CueHit("verb", position, position + 1, lemma, "speech"), phrase
    if words[close_index + 1].text in _DASHES and lower not in vocab.subordinators:
        phrase = noun_phrase(list(words), close_index + 2, rules)
        if phrase is not None and phrase.end >= len(words) - 1:
            return "direct.dash", None, phrase
    return None


def _left_frame(analysis: Analysis, sentence: Sentence, open_index: int, rules: Rules):
    """X sagte: „…“ / X: „…“ — the cue and source before the opening mark, if any."""
    words = sentence.words
    position = open_index - 1
    if position < 0 or words[position].text not in (":", ","):
        return None
    colon = words[position].text == ":"
    if not colon and not _quote_ends_sentence(sentence, open_index):
        return None  # "…, „weitgehend störungsfrei“ verlaufen": a fragment inside the clause
    start = clause_start_before(words, position)
    # skip back over an apposition: Serhij Najew, Kommandant der Streitkräfte, sagte:
    cues = [h for h in sentence.cues if start <= h.start < position or
            (h.kind == "verb" and h.start < position and h.start >= _sentence_floor(words, position))]
    verbs = [h for h in cues if h.kind in ("verb", "impersonal", "noun")]
    if verbs:
        hit = verbs[-1]
        floor = _sentence_floor(words, hit.start)
        if hit.kind == "impersonal":
            return "direct.cue-before", hit, document_source(sentence, hit, floor, rules)
        if hit.kind == "noun":
            subject = _clause_subject(sentence, hit.start, rules, floor)
            return "direct.cue-before", hit, subject
        return "direct.cue-before", hit, cue_subject(sentence, hit, rules, floor, limit=position)
    if colon and start == _sentence_floor(words, position) and position - start <= 6:
        phrase = noun_phrase(list(words), start, rules)
        if phrase is not None and (phrase.end == position or finite_verb(list(words), start, position, rules) is None):
            return "direct.colon", None, phrase
    if colon and _quote_ends_sentence(sentence, open_index) and _quoted_words_after(sentence, open_index) >= 4:
        # "Zypries sieht darin eine Bestätigung: „…“": a colon after a clause introduces its subject's words
        floor = _sentence_floor(words, position)
        subject = _clause_subject(sentence, position, rules, floor)
        opener = words[clause_start_before(words, position, floor)].lower
        vocab = vocabulary_for(rules)
        if opener in vocab.subordinators or opener in vocab.relative_pronouns:
            # "X zeigte sich besorgt, dass …: „…“": the speaker is the main clause's subject
            main_verb = finite_verb(list(words), floor, position, rules)
            subject = verb_subject(list(words), main_verb, rules, floor, limit=position) \
                if main_verb is not None else None
        if subject is not None and subject.kind in SPEAKING_KINDS:
            return "direct.colon-clause", None, subject
    return None


def _quoted_words_after(sentence: Sentence, open_index: int) -> int:
    words = sentence.words
    count = 0
    for position in range(open_index + 1, len(words)):
        if position not in sentence.quoted:
            break
        count += words[position].is_word
    return count


def _quote_ends_sentence(sentence: Sentence, open_index: int) -> bool:
    """After the quote that opens at ``open_index`` only punctuation follows in the sentence."""
    words = sentence.words
    for position in range(open_index + 1, len(words)):
        if position not in sentence.quoted and words[position].is_word:
            return False
    return True


def _sentence_floor(words: tuple[Word, ...], index: int) -> int:
    """Start of the stretch of the sentence outside earlier quotes (after a closing mark)."""
    for position in range(index - 1, -1, -1):
        if words[position].text in _TERMINAL and position + 1 < len(words):
            return position + 1
    return 0


def _clause_subject(sentence: Sentence, index: int, rules: Rules, floor: int) -> NounPhrase | None:
    """The subject of the clause around word ``index``, read from its finite verb."""
    words = list(sentence.words)
    start = clause_start_before(words, index, floor)
    verb = finite_verb(words, start, index, rules)
    if verb is None:
        verb = finite_verb(words, floor, index, rules)
    if verb is None:
        return None
    return verb_subject(words, verb, rules, floor, limit=index)


def names_in_speakers(frames: list[Frame], text: str) -> list[Frame]:
    """A quotation in another quote's speaker field, a short attribute between the speaker and the
    cue, is a name, not speech (*Moritz Wohlrab von der „Aktion Deutschland hilft“ sagte, …*; not
    *X hatte den Bericht als „falsch“ zurückgewiesen*): it becomes a ``direct.term``."""
    fields = sorted({(f.mention.start, f.cue.start) for f in frames
                     if f.mention is not None and f.cue is not None and f.mention.end <= f.cue.start})
    if not fields:
        return frames
    starts = [start for start, _ in fields]
    result = []
    for frame in frames:
        mark = frame.mark
        if mark is not None and frame.rule != "direct.term":
            at = bisect_right(starts, mark.open_start) - 1
            between = text[fields[at][0]:mark.open_start] if at >= 0 else ""
            if at >= 0 and mark.close_end <= fields[at][1] and len(between.split()) <= 5 \
                    and not any(c in between for c in ",:;.!?") and not text[mark.close_end:fields[at][1]].strip():
                frame = attrs.evolve(frame, rule="direct.term", confidence=CONFIDENCE["direct.term"],
                                     mention=None, cue=None, unnamed_source=False)
        result.append(frame)
    return result


def direct_frames(analysis: Analysis, rules: Rules) -> list[Frame]:
    """A frame for every quotation-mark span (see the module docstring for the rules)."""
    text = analysis.text
    frames: list[Frame] = []
    by_mark: dict[int, Frame] = {}
    for mark_index, mark in enumerate(analysis.marks):
        paragraph = analysis.paragraph_of(mark.open_start)
        if mark.parent is not None:
            frames.append(Frame("direct", mark.content_start, mark.content_end, None, None,
                                min(CONFIDENCE["direct.nested"], mark.confidence), "direct.nested",
                                paragraph, sentence_level=False, mark=mark))
            continue
        frame = _attribute_direct(analysis, mark, rules, text, paragraph, frames)
        by_mark[mark_index] = frame
        frames.append(frame)
    return frames


def _attribute_direct(analysis: Analysis, mark: MarkSpan, rules: Rules, text: str, paragraph: int,
                      earlier: list[Frame]) -> Frame:
    opening = analysis.sentence_of(mark.open_start)
    closing = analysis.sentence_of(max(mark.close_start, mark.open_end))
    content = text[mark.content_start:mark.content_end]
    found = None
    rule = "direct.unattributed"
    open_index = opening.word_at(mark.open_start) if opening is not None and opening.words else None
    left_words = 0
    after_colon = False
    if open_index is not None:
        floor = _sentence_floor(opening.words, open_index)
        left_words = sum(1 for w in opening.words[floor:open_index] if w.is_word)
        after_colon = open_index > 0 and opening.words[open_index - 1].text == ":"
    if closing is not None and closing.words and mark.closed and (left_words == 0 or after_colon):
        # „…“, sagte X. — only when the quote fills the field before the verb
        close_index = closing.word_at(mark.close_start)
        if close_index is not None:
            right = _right_frame(analysis, closing, close_index, rules)
            if right is not None:
                found = (closing, right)
    if open_index is not None:
        if found is None:
            interrupted = _interrupted(analysis, opening, open_index, earlier, mark)
            if interrupted is not None:
                return interrupted
            left = _left_frame(analysis, opening, open_index, rules)
            if left is not None:
                found = (opening, left)
        if found is None and left_words > 0:
            embedded = _embedded(opening, open_index, rules)
            if embedded is not None:
                found = (opening, embedded)
    words_in = len(content.split())
    title = _looks_like_a_name(content) or _looks_like_a_title(content, rules)
    if found is not None and found[1][0] == "direct.embedded" and title \
            and not _named_by_cue(opening, open_index, found[1][1]):
        found = None  # „The Guardian“, „Atemschaukel“: a title or name, not speech
    if found is not None and found[1][2] is not None:
        phrase = found[1][2]
        words = found[0].words
        if words[phrase.start].start <= mark.open_start and mark.close_end <= words[phrase.end - 1].end:
            found = None  # "wie „heise online“ berichtet": the quoted words name the speaker
    sentence_level = left_words == 0 or (found is not None and found[1][0] == "direct.cue-before") \
        or content.rstrip()[-1:] in _TERMINAL or words_in >= 6 and not title
    cue = mention = None
    unnamed = False
    if found is not None:
        sentence, (rule, hit, phrase) = found
        if hit is not None:
            cue = cue_of(sentence, hit, text)
            unnamed = hit.kind == "impersonal"
        elif rule in ("direct.colon", "direct.colon-clause"):
            colon = text.rfind(":", 0, mark.open_start)
            cue = Cue(text=":", start=colon, end=colon + 1, lemma=":", kind="colon")
        elif rule == "direct.dash":
            dash = sentence.words[sentence.word_at(mark.close_start) + 1]
            cue = Cue(text=dash.text, start=dash.start, end=dash.end, lemma="–", kind="dash")
        mention = mention_of(sentence, phrase, plural=hit.plural if hit is not None else False)
    elif not sentence_level:
        rule = "direct.term"
    confidence = CONFIDENCE[rule]
    if not mark.closed:
        confidence = min(confidence, mark.confidence)
    return Frame("direct", mark.content_start, mark.content_end, mention, cue, confidence, rule, paragraph,
                 sentence_level=sentence_level, mark=mark, unnamed_source=unnamed)


_NAMING_WORDS = frozenset({"als", "von", "vor", "einen", "eine", "einem", "einer", "ein"})


def _named_by_cue(sentence: Sentence, open_index: int, hit: CueHit | None) -> bool:
    """*nannte dies einen „Militärputsch“*, *sprach von „Wortbruch“*: a verb that names or judges
    introduces the quoted word, so it is the speaker's word, not a title."""
    if hit is None or hit.kind != "verb" or open_index == 0:
        return False
    before = sentence.words[open_index - 1].lower
    return before == "als" or (not hit.clause or bool(hit.preposition)) and before in _NAMING_WORDS | {hit.preposition}


def _looks_like_a_title(content: str, rules: Rules) -> bool:
    """No verb, no closing punctuation, and mostly capitalised words: the name of a party, a
    prize or a work (*Nationale Front für Demokratie*, *Public Library of Science*)."""
    if content.rstrip()[-1:] in _TERMINAL:
        return False
    words = [w for w in WORD.findall(content) if w[:1].isalpha()]
    if not words or any(word_mood(w, rules) is not None for w in words):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= 0.6 * len(words)


def _looks_like_a_name(content: str) -> bool:
    """One word, or a few words all capitalised: a title or a name rather than quoted speech."""
    words = content.split()
    if len(words) == 1:
        return content[:1].isupper()
    return len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _interrupted(analysis: Analysis, sentence: Sentence, open_index: int, earlier: list[Frame],
                 mark: MarkSpan) -> Frame | None:
    """„A“, sagte X, „B“: B takes A's speaker and cue."""
    words = sentence.words
    if open_index == 0 or words[open_index - 1].text != ",":
        return None
    for frame in reversed(earlier):
        if frame.rule == "direct.cue-after" and frame.mark is not None and frame.mark.parent is None \
                and frame.cue is not None and sentence.start <= frame.mark.close_start \
                and frame.cue.start < mark.open_start:
            return attrs.evolve(frame, start=mark.content_start, end=mark.content_end, mark=mark,
                                rule="direct.interrupted", confidence=CONFIDENCE["direct.interrupted"])
        if frame.mark is not None and frame.mark.close_end <= sentence.start:
            break
    return None


def _embedded(sentence: Sentence, open_index: int, rules: Rules):
    """X nannte das Treffen „sehr ergebnisreich“: the cue of the clause that holds the quote
    (*…, der die Gerüchte als „Erfindungen“ abtat* takes the verb after it)."""
    words = sentence.words
    floor = _sentence_floor(words, open_index)
    candidates = [h for h in sentence.cues if h.start >= floor and h.kind in ("verb", "noun")]

    def same_clause(hit: CueHit) -> bool:
        low, high = sorted((hit.start, open_index))
        return not any(words[i].text in (",", ";", ":") and i not in sentence.quoted for i in range(low + 1, high))

    before = [h for h in candidates if h.start < open_index]
    after = [h for h in candidates if h.start > open_index]
    # a cue across a clause break counts when its preposition introduces the quote
    # (*bezeichnete …, dass …, als „Erfindungen“*)
    introduced = {w.lower for w in words[max(floor, open_index - 3):open_index]}
    ordered = [h for h in reversed(before) if same_clause(h)] + [h for h in after if same_clause(h)] \
        + [h for h in reversed(before) if (h.preposition or "als") in introduced]
    for best in ordered:
        if best.kind == "noun":
            phrase = _clause_subject(sentence, best.start, rules, floor)
        else:
            phrase = cue_subject(sentence, best, rules, floor)
        if phrase is not None:
            return "direct.embedded", best, phrase
    return None
