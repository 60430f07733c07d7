"""Konjunktiv I and II by rule, from the verb forms generated out of ``rules/``.

- Konjunktiv I: the 3rd person singular in -e (*habe, werde, könne, gebe*) and *sei,
  seien*. In third-person narration these forms are unambiguous; the 1st person
  singular indicative looks the same, so a clause with *ich* is not counted.
- Konjunktiv II of strong and irregular verbs (*wäre, hätte, würde, käme, ergäben*)
  is distinct; a weak verb's Konjunktiv II equals its preterite (*sagte, sollte*), so
  those forms count only as ``"past-or-subj2"``.
- The plural Konjunktiv I equals the indicative (*sie haben*) except *seien*; such
  forms give no evidence either way.

>>> from quotes.ruleset import load_rules
>>> [word_mood(w, load_rules()) for w in ("sei", "hätten", "sagte", "sagt", "Haus")]
['subj1', 'subj2', 'past-or-subj2', 'indicative', None]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from .lexicon import lexicon_for
from .ruleset import Rules
from .words import vocabulary_for

SUBJUNCTIVE = frozenset({"subj1", "subj2"})


def word_mood(word: str, rules: Rules) -> str | None:
    """``subj1``, ``subj2``, ``past-or-subj2``, ``indicative``, or None for a non-verb."""
    return _word_mood(word, rules)


@lru_cache(maxsize=65536)
def _word_mood(word: str, rules: Rules) -> str | None:
    lower = word.lower()
    if word[:1].isupper() and lower not in ("sei", "seien", "habe", "werde", "hätte", "wäre", "würde"):
        return None  # capitalised: a noun, or a sentence-initial verb we do not need
    extra = rules.subjunctive
    if lower in extra.get("subjunctive.indicative", ()):
        return "indicative"
    lexicon = lexicon_for(rules)
    forms = lexicon.forms(lower)
    if not forms:
        if lower in extra.get("subjunctive.konjunktiv1", ()):
            return "subj1"
        if lower in extra.get("subjunctive.konjunktiv2", ()):
            return "subj2"
        return None
    if lower in vocabulary_for(rules).determiners:
        return None  # meine, seine: determiners that look like verbs
    tags = {f.tag for f in forms}
    if "subj1" in tags:
        return "subj1"
    strong_subj2 = any(f.tag == "subj2" and f.verb.subjunctive2 for f in forms)
    if strong_subj2 and not (tags & {"past"}):
        return "subj2"
    if "subj2" in tags:
        return "past-or-subj2"
    if tags & {"present", "past"}:
        return "indicative"
    return None


def clause_mood(words: Iterable[str], rules: Rules) -> str:
    """``subj1`` if any word is Konjunktiv I, else ``subj2`` if any is a distinct
    Konjunktiv II, else ``indicative`` (also for clauses with no finite verb found).

    >>> from quotes.ruleset import load_rules
    >>> clause_mood("Belarus habe industrielle Anlagen".split(), load_rules())
    'subj1'
    """
    words = list(words)
    if _possible_subjunctives(rules).isdisjoint(map(str.lower, words)):
        return "indicative"  # the common case, decided at C speed
    found = "indicative"
    first_person = False
    for word in words:
        if word in ("ich", "Ich"):
            first_person = True
        mood = _word_mood(word, rules)
        if mood == "subj1":
            found = "subj1"
        elif mood == "subj2" and found != "subj1":
            found = "subj2"
    if first_person and found == "subj1":
        return "indicative"
    return found


@lru_cache(maxsize=8)
def _possible_subjunctives(rules: Rules) -> frozenset[str]:
    """Every lower-case word that :func:`word_mood` may call Konjunktiv."""
    forms = {text for text, verb_forms in lexicon_for(rules).all_forms.items()
             if any(f.tag in ("subj1", "subj2") for f in verb_forms)}
    forms.update(rules.subjunctive.get("subjunctive.konjunktiv1", ()))
    forms.update(rules.subjunctive.get("subjunctive.konjunktiv2", ()))
    return frozenset(forms)
