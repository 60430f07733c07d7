"""Stage 5: the speaker noun phrase of a cue, read from German clause structure.

In a main clause the finite verb stands second: the speaker is the field before the
verb (*Serhij Najew, Kommandant der Streitkräfte, sagte*) or, when that field is an
adverbial (*Am Montag sagte Putin*), the first noun phrase after the verb. Datives and
addressees (*sagte er der Agentur*, *vor Journalisten*) are not speakers; appositions
and genitive attributes of a role noun (*Sprecher des Ministeriums*) belong to it.

>>> from quotes.ruleset import load_rules
>>> from quotes.words import tokenize
>>> words = tokenize("Am Montag sagte der belarussische Oppositionspolitiker Pawel Latuschka dem Sender", 0)
>>> np = subject_after(words, 2, load_rules())
>>> " ".join(w.text for w in words[np.start:np.end])
'der belarussische Oppositionspolitiker Pawel Latuschka'
"""

from __future__ import annotations

import attrs
import regex

from .cues import QUOTE_MARKS
from .lexicon import lexicon_for
from .ruleset import Rules
from .words import Vocabulary, Word, vocabulary_for

_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_OBLIQUE_ARTICLES = frozenset({"dem", "den", "einem", "einen", "des", "eines"})


@attrs.frozen
class NounPhrase:
    """Word indices ``start``..``end`` (exclusive) and what the phrase names."""

    start: int
    end: int
    kind: str  # name | role | organisation | group | pronoun | thing (no person: die Schließung) | reference
    gender: str = ""  # m | f | n | p (plural) | "" unknown
    name_start: int | None = None  # where a person's name begins inside the phrase


# The closing mark of a quoted name or title inside a clause (*laut „Welt“*, *sagte der „Zeit“*).
CLOSING_MARK = {"„": "“", "»": "«", "«": "»", "\"": "\""}


def quoted_name_end(words: list[Word], index: int, longest: int = 8) -> int | None:
    """End (exclusive) of a short quoted name opening at ``index`` (*„Die Zeit“*, *„heise online“*)."""
    if index >= len(words):
        return None
    closing = CLOSING_MARK.get(words[index].text)
    if closing is None:
        return None
    for position in range(index + 1, min(len(words), index + 2 + longest)):
        text = words[position].text
        if text == closing:
            return position + 1 if position > index + 1 else None
        if text in ".!?:;":
            return None
    return None


# Lower-case name prefixes joined by a hyphen: el-Baradei, al-Assad, bin-Salman.
_NAME_PREFIX = regex.compile(r"(?:al|el|ul|bin|ben|ibn|abu|de|di|da|du|van|von|ter|le|la)-\p{Lu}")


# A compound after a lower-case abbreviation: dpa-Meldung, ai-Bericht, iPhone-Nutzer.
_LOWER_COMPOUND = regex.compile(r"\p{Ll}{1,5}-\p{Lu}\p{Ll}")


def _is_noun(word: Word, vocab: Vocabulary) -> bool:
    if not word.is_cap and (_NAME_PREFIX.match(word.text) or _LOWER_COMPOUND.match(word.text)):
        return True
    return (word.is_cap and word.is_word and not vocab.is_function_word(word.lower)
            and word.text not in vocab.time_words and not word.text.isupper() or
            (word.is_cap and word.is_word and word.text.isupper() and len(word.text) > 1))


def _is_adjective(word: Word, vocab: Vocabulary, rules: Rules) -> bool:
    if word.is_cap or not word.is_word or vocab.is_function_word(word.lower):
        return False
    if word.text.isdigit():
        return False
    if not word.lower.endswith(_ADJECTIVE_ENDINGS) or word.lower.endswith("weise"):
        return False  # "möglicherweise" is an adverb
    forms = lexicon_for(rules).forms(word.lower)
    return not any(f.tag in ("present", "past", "subj1", "subj2") for f in forms)


def _attributive(words: list[Word], position: int, vocab: Vocabulary) -> bool:
    """After an article: a numeral, or a participle-like word before a noun (*der 13 beteiligten Männer*)."""
    word = words[position]
    if word.text.isdigit():
        return True
    return (not word.is_cap and word.is_word and word.lower.endswith(_ADJECTIVE_ENDINGS)
            and not vocab.is_function_word(word.lower)
            and position + 1 < len(words) and _is_noun(words[position + 1], vocab))


def noun_phrase(words: list[Word], index: int, rules: Rules, *, allow_genitive: bool = True) -> NounPhrase | None:
    """The noun phrase beginning at ``index``, or None when none begins there."""
    vocab = vocabulary_for(rules)
    n = len(words)
    if index >= n:
        return None
    first = words[index]
    if first.lower in vocab.subject_pronouns and not (index + 1 < n and _is_noun(words[index + 1], vocab)):
        return NounPhrase(index, index + 1, "pronoun", vocab.subject_pronouns[first.lower])
    position = index
    articled = first.lower in vocab.articles or first.lower in vocab.determiners
    if articled:
        partitive = _partitive(words, index, rules)
        if partitive is not None:
            return partitive
        position += 1
        quoted_end = quoted_name_end(words, position)
        if quoted_end is not None:
            return NounPhrase(index, quoted_end, "organisation")  # die „Computerwoche“
    while position < n and (_is_adjective(words[position], vocab, rules)
                            or position > index and _attributive(words, position, vocab)):
        position += 1
    if articled and position == index + 1 and position < n and not _is_noun(words[position], vocab):
        position = _participial_attribute(words, position, vocab)
    nouns_start = position
    while position < n and _is_noun(words[position], vocab):
        position += 1
        # a lower-case name particle inside a name: Ursula von der Leyen
        probe = position
        if probe < n and words[probe].lower in vocab.articles and words[probe].lower not in ("der", "des"):
            continue  # "der Mann den Gast": an object, not a name particle (von der Leyen)
        while probe < n and words[probe].lower in vocab.name_particles and not words[probe].is_cap \
                and (probe > position or words[probe].lower not in vocab.articles):
            probe += 1  # "von der Leyen", but not "die Schließung der Operette"
        if probe > position and probe < n and _is_noun(words[probe], vocab) and probe - position <= 2 \
                and vocab.role(words[position - 1].text) is None:  # not "die Ministerin von Queensland"
            position = probe
    if position == nouns_start:
        return None
    end = position
    head_info = _describe(words, nouns_start, end, vocab)
    kind, gender, name_start = head_info
    # Genitive attribute of a role or organisation noun: Sprecher des Ministeriums.
    if allow_genitive and kind != "name":
        end = genitive_end(words, end, rules)
    # A quoted name after the noun: die Nachrichtenseite „Golem“, der Firma „Shui Jing Shi“
    quoted_end = quoted_name_end(words, end, longest=5)
    if quoted_end is not None and kind != "name" and words[end + 1].is_cap:
        end = quoted_end
    # Short abbreviation in brackets: Internationale Atomenergie-Organisation (IAEO)
    if end + 2 < n and words[end].text == "(" and words[end + 2].text == ")" and words[end + 1].is_cap:
        end += 3
    # Place of an institution or role: das Außenministerium in Moskau.
    if (kind in ("organisation", "role", "group") and end + 1 < n and words[end].lower in ("in", "aus")
            and _is_noun(words[end + 1], vocab)
            and not (end + 2 < n and _is_noun(words[end + 2], vocab))):
        end += 2
    return NounPhrase(index, end, kind, gender, name_start)


def genitive_end(words: list[Word], end: int, rules: Rules) -> int:
    """The end of a *der*/*des* attribute that begins at ``end`` (*des Ministeriums*), else ``end``."""
    if end < len(words) and words[end].lower in ("des", "der"):
        attribute = noun_phrase(words, end, rules, allow_genitive=False)
        if attribute is not None and attribute.kind != "pronoun":
            return attribute.end
    return end


_PARTICIPLE_ENDINGS = ("nde", "nden", "ndes", "nder", "ene", "enen", "ener", "te", "ten", "ter")


def _participial_attribute(words: list[Word], position: int, vocab: Vocabulary) -> int:
    """After an article, skip an extended participle attribute (*die in New York geborene Lopez*,
    *die das Unglück überlebende Alice K.*): the index of the noun after the participle, or
    ``position`` when there is none."""
    for probe in range(position, min(len(words) - 1, position + 7)):
        word = words[probe]
        if not word.is_word or word.lower in vocab.subordinators or word.lower in vocab.conjunctions:
            return position
        if probe > position and not word.is_cap and word.lower.endswith(_PARTICIPLE_ENDINGS) \
                and not vocab.is_function_word(word.lower) and _is_noun(words[probe + 1], vocab):
            return probe + 1
    return position


_PARTITIVE_GENDER = {"einer": "m", "eine": "f", "keiner": "m", "keine": "f", "jeder": "m", "jede": "f"}


def _partitive(words: list[Word], index: int, rules: Rules) -> NounPhrase | None:
    """*Einer der Feuerwehrmänner*, *viele von ihnen*: a pronoun with a genitive or *von* group."""
    position = index + 1
    if position >= len(words) or words[position].lower not in ("der", "von", "vom", "aus"):
        return None
    if words[position].lower in ("von", "aus"):
        position += 1
        if position < len(words) and words[position].lower in ("ihnen", "uns"):
            return NounPhrase(index, position + 1, "group", "p")
    inner = noun_phrase(words, position, rules, allow_genitive=False)
    if inner is None or inner.kind == "pronoun":
        return None
    return NounPhrase(index, inner.end, "group" if inner.kind == "group" else "role",
                      _PARTITIVE_GENDER.get(words[index].lower, "p"))


def _describe(words: list[Word], start: int, end: int, vocab: Vocabulary) -> tuple[str, str, int | None]:
    """(kind, gender, name start) of the noun sequence words[start:end]."""
    last_role = None
    role_info = None
    name_start = None
    gender = ""
    for position in range(start, end):
        word = words[position]
        honorific = vocab.honorifics.get(word.text.rstrip("."))
        if honorific is not None:
            gender = honorific or gender
            name_start = None
            continue
        first = vocab.first_name_gender(word.text)
        if first and name_start is None and position + 1 < end:
            name_start = position
            gender = gender or first
            continue
        info = vocab.role(word.text)
        if info is not None and (name_start is None or position < name_start):
            last_role = position
            role_info = info
    if role_info is not None and last_role is not None and last_role + 1 < end:
        # nouns after the last role noun are the name: Präsident Wolodimir Selenski
        if role_info.kind == "person":
            gender = gender or role_info.gender
        return "name", gender if gender != "p" else "", name_start if name_start is not None else last_role + 1
    if name_start is not None:
        return "name", gender, name_start
    if role_info is not None and last_role == end - 1:
        return ("role" if role_info.kind == "person" else role_info.kind), role_info.gender, None
    entities = {words[p].ent for p in range(start, end)} - {""}
    if "PER" in entities:
        return "name", gender, start
    if entities & {"ORG", "LOC", "GPE", "NORP"}:
        return "organisation", "", None
    if words[start].tag and not any(words[p].tag in ("NE", "PROPN") for p in range(start, end)):
        return "thing", "", None  # a tagger saw only common nouns: die Schließung, Probleme
    if len(words[end - 1].text) >= 6 and words[end - 1].lower.endswith(vocab.abstract_endings):
        return "thing", "", None  # die Schließung, Besondere Probleme: no person, not a name
    return "name", gender, start


# Endings of adjectives and adverbs that start sentences (Offiziell, Wahrscheinlich, Bislang).
_ADVERBIAL_ENDINGS = ("lich", "ig", "isch", "weise", "mals", "falls", "ens", "bar", "sam", "haft", "lang",
                      "iell", "uell", "gemäß")
# Pronominal adverbs (Hierzu, Darauf, Dabei) and participles (Relativierend, Besorgt, Verärgert).
_PRONOMINAL_ADVERB = regex.compile(
    r"(?:hier|da|dar|wo|wor)(?:an|auf|aus|bei|durch|für|gegen|in|mit|nach|neben|über|um|unter|von|vor|zu|zwischen)")
_PARTICIPLE = regex.compile(r"\p{L}{3,}(?:ier|[^aeiou]e|[^aeiou]er|el)nd|(?:be|ge|er|ver|ent|zer|emp)\p{L}{3,}t")


def _looks_adverbial(word: Word, vocab: Vocabulary, rules: Rules) -> bool:
    lower = word.lower
    if lower in vocab.adverbs or lower in vocab.focus_particles:
        return True  # "Insbesondere", "Derzeit"
    if any(f.tag == "participle" for f in lexicon_for(rules).forms(lower)):
        return True  # "Besorgt äußerte sich X": a participle, not a subject
    if _PRONOMINAL_ADVERB.fullmatch(lower) or (_PARTICIPLE.fullmatch(lower) and not vocab.role(word.text)
                                               and not vocab.first_name_gender(word.text)):
        return True
    return (lower.endswith(_ADVERBIAL_ENDINGS) and not vocab.role(word.text)
            and not vocab.first_name_gender(word.text) and lower not in vocab.subject_pronouns)


def subject_after(words: list[Word], verb: int, rules: Rules, limit: int | None = None) -> NounPhrase | None:
    """The subject in the middle field after the finite verb at index ``verb``."""
    vocab = vocabulary_for(rules)
    position = verb + 1
    stop = len(words) if limit is None else limit
    while position < stop:
        word = words[position]
        lower = word.lower
        if lower in vocab.subject_pronouns:
            return NounPhrase(position, position + 1, "pronoun", vocab.subject_pronouns[lower])
        if lower in vocab.oblique_pronouns or lower in vocab.adverbs or word.text in vocab.time_words:
            position += 1
            continue
        if (lower in vocab.determiners or lower in vocab.articles or _is_adjective(word, vocab, rules)) \
                and position + 1 < stop and words[position + 1].text in vocab.time_words:
            position += 2  # "dieser Tage", "vergangenen Montag": time, not the subject
            continue
        if lower in vocab.prepositions:
            phrase = noun_phrase(words, position + 1, rules, allow_genitive=False)
            position = phrase.end if phrase is not None else position + 2
            continue
        if lower in _OBLIQUE_ARTICLES:
            phrase = noun_phrase(words, position, rules, allow_genitive=False)
            position = phrase.end if phrase is not None else position + 1
            continue
        if not word.is_word:
            end = quoted_name_end(words, position, longest=6)
            return NounPhrase(position, end, "organisation") if end is not None else None  # schrieb „Die Zeit“
        return noun_phrase(words, position, rules)
    return None


# Prepositions that attach to a noun inside the field before the verb (*X vom Bankhaus Y*);
# postpositions end an adverbial instead (*Berichten zufolge*, *Seiner Meinung nach*).
_ATTRIBUTE_PREPOSITIONS = frozenset({"von", "vom", "aus", "bei", "beim", "der", "des", "für", "im", "am", "an",
                                     "mit", "unter", "auf", "in", "zur", "zum", "gegen", "ohne", "nach", "über",
                                     "seit"})
_POSTPOSITIONS = frozenset({"zufolge", "nach", "gegenüber", "entsprechend", "zuliebe", "wegen", "halber"})


def _prepositional_attribute(words: list[Word], start: int, end: int, vocab: Vocabulary) -> bool:
    """words[start:end] is one prepositional (or genitive) attribute chain of the noun before it."""
    if start >= end or words[start].lower not in _ATTRIBUTE_PREPOSITIONS or end - start > 8:
        return False
    if words[end - 1].lower in _POSTPOSITIONS:
        return False
    # a quoted name may stand in it (*der Geschäftsführer von „Ener1“*)
    return all(w.is_word or w.text in ("-", ".") or w.text in QUOTE_MARKS for w in words[start:end]) and not any(
        w.lower in vocab.subordinators or w.lower in vocab.conjunctions for w in words[start + 1:end])


def subject_before(words: list[Word], verb: int, rules: Rules, clause_start: int = 0) -> NounPhrase | None:
    """The subject filling the field before the verb at ``verb``, if that field is one.

    The field runs from ``clause_start``; appositions belong to it
    (*Serhij Najew, Kommandant der Streitkräfte, sagte*).
    """
    vocab = vocabulary_for(rules)
    start = clause_start
    while start < verb and not words[start].is_word:
        start += 1
    if start >= verb:
        return None
    if words[start].lower in vocab.focus_particles and start + 1 < verb:
        start += 1  # "Auch Winfried Hassemer glaubt …"
    first = words[start]
    if first.lower in vocab.prepositions or first.lower in vocab.subordinators or first.lower in vocab.adverbs \
            or first.lower in vocab.conjunctions and start + 1 < verb and words[start + 1].lower in vocab.adverbs:
        return None
    if first.lower in vocab.conjunctions:
        start += 1
    if start < verb and words[start].lower in _OBLIQUE_ARTICLES:
        return None  # "Den Angaben …", "Dem Sender …": not a subject
    phrase = noun_phrase(words, start, rules)
    if phrase is None:
        return None
    if phrase.end - phrase.start == 1 and start == 0 and (phrase.end == verb or words[phrase.end].text == ",") \
            and _looks_adverbial(words[start], vocab, rules):
        return None  # "Offiziell geht die Regierung davon aus": an adverb, capitalised at the start
    end = verb
    while end > phrase.end and not words[end - 1].is_word:
        end -= 1
    tail = phrase.end
    if tail + 1 < end and words[tail].lower in ("in", "aus") and _is_noun(words[tail + 1], vocab):
        tail += 2  # Sein Gastgeber in Minsk sprach …
    while tail < end and words[tail].lower in vocab.adverbs:
        tail += 1  # Lukaschenko wiederum erklärte …
    if tail == end:
        return attrs.evolve(phrase, end=phrase.end if words[phrase.end].lower not in ("in", "aus")
                            or tail == phrase.end else phrase.end + 2)
    if phrase.end < end:
        # anything between the phrase and the verb must be an apposition in commas
        if words[phrase.end].lower in ("und", "sowie"):
            other = noun_phrase(words, phrase.end + 1, rules)
            if other is not None and other.end == end:  # Putin und Lukaschenko sagten
                return NounPhrase(phrase.start, end, "group", "p")
            return None
        if words[phrase.end].text == "(" and words[end - 1].text == ")":
            return attrs.evolve(phrase, end=end)  # Valery X (der oberste General) sagte
        if _prepositional_attribute(words, phrase.end, end, vocab):
            return phrase  # Theo Kitz vom Bankhaus X sagte: the attribute is not part of the name
        comma = next((p for p in range(phrase.end, end) if words[p].text == ","), None)
        if comma is not None and comma > phrase.end and words[verb - 1].text == "," \
                and _prepositional_attribute(words, phrase.end, comma, vocab):
            phrase = attrs.evolve(phrase, end=comma)  # die Delegationsleiterin beim Gipfel, Sharon H., sagte
        if words[phrase.end].text != "," or words[verb - 1].text != ",":
            return None
        apposition = noun_phrase(words, phrase.end + 1, rules)
        if phrase.kind in ("role", "organisation", "group", "thing") and apposition is not None \
                and apposition.kind == "name" and apposition.end == end:
            # "Der Präsident der Kommission, Alpha Konaré, sagte": the apposition is the name
            start_of_name = apposition.name_start if apposition.name_start is not None else apposition.start
            return NounPhrase(phrase.start, end, "name", apposition.gender or phrase.gender, start_of_name)
        phrase = attrs.evolve(phrase, end=end)
    return phrase
