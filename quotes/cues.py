"""Stage 3: cues in a sentence — reporting verbs (with separable particles), prepositional
phrases (laut, zufolge, nach Angaben, so), impersonal phrases (hieß es) and statement nouns.

Words inside quotation marks are never cues. The result lists word indices into the
sentence's words, so later stages can read the clause around each cue.

>>> from quotes.ruleset import load_rules
>>> from quotes.words import tokenize
>>> words = tokenize("Das Ministerium teilte am Montag mit, alles sei gut.", 0)
>>> [(c.lemma, c.kind, words[c.particle].text) for c in find_cues(words, frozenset(), load_rules())]
[('mitteilen', 'verb', 'mit')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import AbstractSet

import attrs

from .lexicon import VerbForm, VerbLexicon, lexicon_for
from .ruleset import Rules
from .words import Vocabulary, Word, vocabulary_for

# Punctuation that ends a clause for the purpose of finding a separable particle.
CLAUSE_BREAKS = frozenset(",;:.!?–—()„“”\"»«")


@attrs.frozen
class CueHit:
    """A cue found in a sentence: word indices ``start``..``end`` (exclusive)."""

    kind: str  # verb | preposition | noun | impersonal
    start: int
    end: int
    lemma: str
    medium: str
    source: str = "subject"  # subject (verbs) | right | left | none
    tag: str = ""  # verb forms: present, past, participle, infinitive, subj1, subj2
    plural: bool = False
    particle: int | None = None  # word index of a separated particle
    preposition: str = ""  # the verb is a cue only with this preposition after it
    gap_source: int | None = None  # nach *seiner* Meinung: the possessive or genitive in the gap
    clause: bool = True  # the verb can introduce a reported clause (not: bezeichnen … als)


def clause_end(words: list[Word], index: int) -> int:
    """Index of the first clause break at or after ``index`` (or len(words))."""
    for position in range(index, len(words)):
        if words[position].text in CLAUSE_BREAKS:
            return position
    return len(words)


# Quotation marks as words (opening and closing); a clause does not end at them.
QUOTE_MARKS = frozenset("„“”\"»«")


def _verb_clause_end(words: list[Word], index: int, quoted: AbstractSet[int]) -> int:
    """Like :func:`clause_end`, but a quoted fragment inside the clause does not end it
    (*warfen der Regierung „Wortbruch“ vor*)."""
    for position in range(index, len(words)):
        text = words[position].text
        if position in quoted or text in QUOTE_MARKS and (position + 1 in quoted or position - 1 in quoted):
            continue
        if text in CLAUSE_BREAKS:
            return position
    return len(words)


def _verb_hit(words: list[Word], index: int, forms: tuple[VerbForm, ...], vocab: Vocabulary,
              lexicon: VerbLexicon, quoted: AbstractSet[int] = frozenset()) -> CueHit | None:
    word = words[index]
    nxt = words[index + 1] if index + 1 < len(words) else None
    if word.lower in vocab.determiners and nxt is not None and nxt.is_cap:
        return None  # "meinen Freund": a determiner, not the verb
    if attributive(words, index, vocab):
        return None  # "in der bereits erwähnten Botschaft": a participle used as an adjective
    end = _verb_clause_end(words, index + 1, quoted)
    last = words[end - 1] if end - 1 > index else None
    if last is not None and any(f.needs_particle and f.verb.particle == last.lower and not f.verb.cue
                                for f in lexicon.forms(word.lower)):
        return None  # "fand … statt": another, separable verb
    best: CueHit | None = None
    for form in forms:
        verb = form.verb
        if verb.reflexive and not any(w.lower in _REFLEXIVES for w in words[_clause_begin(words, index):end]):
            continue  # "stellte ein Handy vor" is no "sich vorstellen"
        if form.needs_particle:
            if last is None or last.lower != verb.particle:
                continue
            return CueHit("verb", index, index + 1, verb.lemma, verb.medium, tag=form.tag,
                          plural=form.plural, particle=end - 1, preposition=verb.preposition,
                          clause=verb.clause)
        if verb.preposition and not any(_is_preposition(w.lower, verb.preposition) for w in words[index + 1:end]) \
                and not _fronted(words, index, verb.preposition):
            continue  # "sprach … von": a cue only with its preposition
        if best is None:
            best = CueHit("verb", index, index + 1, verb.lemma, verb.medium, tag=form.tag,
                          plural=form.plural, preposition=verb.preposition, clause=verb.clause)
    return best


def attributive(words: list[Word], index: int, vocab: Vocabulary) -> bool:
    """The verb-like word at ``index`` is an adjective before a noun, after an article
    (*der bereits erwähnten Videobotschaft*): weak past forms equal inflected participles."""
    if index + 1 >= len(words) or not words[index + 1].is_cap or not words[index].lower.endswith(("te", "ten")):
        return False
    for position in range(index - 1, max(-1, index - 4), -1):
        lower = words[position].lower
        if lower in ("das", "dies") and (position == 0 or words[position - 1].text in CLAUSE_BREAKS):
            return False  # "Das erklärte General X": a pronoun in front of the verb
        if lower in vocab.articles or lower in vocab.determiners or lower in ("im", "am", "zum", "zur", "vom", "beim"):
            return True
        if lower not in vocab.adverbs:
            return False
    return False


_REFLEXIVES = frozenset({"sich", "mich", "dich", "uns", "euch"})


def _clause_begin(words: list[Word], index: int) -> int:
    for position in range(index - 1, -1, -1):
        if words[position].text in CLAUSE_BREAKS and words[position].text not in QUOTE_MARKS:
            return position + 1
    return 0


def _is_preposition(lower: str, preposition: str) -> bool:
    """The preposition, or its pronominal adverb (*verwies darauf, dass …*; *sprach davon, …*)."""
    return lower == preposition or lower in ("da" + preposition, "dar" + preposition)


def _fronted(words: list[Word], index: int, preposition: str) -> bool:
    """The verb's preposition opens the clause before it (*Von einer „Krise“ sprach X*)."""
    begin = _clause_begin(words, index)
    return begin < index and _is_preposition(words[begin].lower, preposition)


def find_cues(words: list[Word], quoted: AbstractSet[int], rules: Rules) -> list[CueHit]:
    """All cues among ``words``; ``quoted`` holds the indices of words inside quotes."""
    lexicon = lexicon_for(rules)
    vocab = vocabulary_for(rules)
    phrases = _phrase_table(rules)
    nouns = _noun_table(rules)
    hits: list[CueHit] = []
    index = 0
    while index < len(words):
        if index in quoted:
            index += 1
            continue
        word = words[index]
        matched = False
        group = phrases.get(word.lower)
        for phrase in _candidates(words, index, group) if group is not None else ():
            hit = _match_phrase(words, index, phrase, quoted, vocab)
            if hit is not None:
                hits.append(hit)
                index = hit.end
                matched = True
                break
        if matched:
            continue
        if word.is_cap:
            medium = nouns.get(word.text)
            if medium:
                hits.append(CueHit("noun", index, index + 1, word.text, medium, source="none"))
        else:
            forms = lexicon.cues(word.lower)
            if forms and not any(h.particle == index for h in hits):  # "gab … bekannt": a particle
                hit = _verb_hit(words, index, forms, vocab, lexicon, quoted)
                if hit is not None:
                    hits.append(hit)
        index += 1
    return hits


def _word_matches(word: Word, expected: str, last: bool) -> bool:
    if word.lower == expected:
        return True
    return last and len(expected) >= 6 and word.is_cap and word.lower.endswith(expected)


def _match_phrase(words: list[Word], index: int, phrase, quoted: AbstractSet[int], vocab: Vocabulary) -> CueHit | None:
    """The phrase at ``index``, with up to ``phrase.gap`` words after its first word."""
    rest = phrase.words[1:]
    for gap in range(0, phrase.gap + 1 if rest else 1):
        start = index + 1 + gap
        if start + len(rest) > len(words):
            break
        gap_words = words[index + 1:start]
        if any(w.is_cap and not w.lower.endswith("s") or not w.is_word for w in gap_words):
            break  # a gap holds only possessives, adjectives and genitive names
        if all(start + k not in quoted and _word_matches(words[start + k], rest[k], k == len(rest) - 1)
               for k in range(len(rest))) and index not in quoted:
            source = None
            for position in range(index + 1, start):
                if words[position].is_cap or words[position].lower in vocab.possessives:
                    source = position
            last = start + len(rest) - 1
            if rest and words[last].lower != rest[-1]:
                source = last  # a compound names its source: Polizeiangaben
            return CueHit(phrase.kind, index, start + len(rest), phrase.id, phrase.medium,
                          source="gap" if source is not None else phrase.source, gap_source=source)
    return None


@attrs.frozen
class _PhraseGroup:
    """The phrase cues that begin with one word, and a quick test on the word after the gap."""

    phrases: tuple  # longest first
    seconds: frozenset[str]  # their second words
    compound_ends: frozenset[str]  # second words that may end a compound (Polizeiangaben)
    max_gap: int


def _candidates(words: list[Word], index: int, group: _PhraseGroup) -> tuple:
    """The phrases of ``group`` worth matching at ``index``: one-word phrases, and those whose
    second word occurs within the gap (most *nach* are not *nach Angaben*)."""
    window = words[index + 1:index + 2 + group.max_gap]
    seen = {w.lower for w in window}
    ends = [w.lower for w in window if w.is_cap and len(w.lower) >= 6]
    if ends:  # a compound ending in a second word: Polizeiangaben
        seen.update(e[-k:] for e in ends for k in range(6, len(e) + 1) if e[-k:] in group.compound_ends)
    if not seen & group.seconds:
        return tuple(p for p in group.phrases if len(p.words) == 1)
    return tuple(p for p in group.phrases if len(p.words) == 1 or p.words[1] in seen)


@lru_cache(maxsize=8)
def _phrase_table(rules: Rules) -> dict[str, _PhraseGroup]:
    """First word -> the phrase cues beginning with it."""
    table: dict[str, list] = {}
    for phrase in rules.phrase_cues:
        table.setdefault(phrase.words[0], []).append(phrase)
    groups = {}
    for first, phrases in table.items():
        seconds = frozenset(p.words[1] for p in phrases if len(p.words) > 1)
        groups[first] = _PhraseGroup(tuple(sorted(phrases, key=lambda p: -len(p.words))), seconds,
                                     frozenset(w for w in seconds if len(w) >= 6),
                                     max(p.gap for p in phrases))
    return groups


@lru_cache(maxsize=8)
def _noun_table(rules: Rules) -> dict[str, str]:
    return dict(rules.noun_cues)
