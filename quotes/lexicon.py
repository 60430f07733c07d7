"""Inflected verb forms generated from the lemmas in ``rules/`` (German conjugation rules).

Weak verbs need only their lemma; strong and irregular verbs give their principal
parts in the rule file. Separable verbs (``mitteilen``) yield the bare finite forms
(``teilte``), which count only with their particle later in the clause, and the joined
forms of verb-final clauses (``mitteilte``, ``mitgeteilt``, ``mitzuteilen``).

>>> forms = verb_forms(VerbEntry(lemma="mitteilen", particle="mit", medium="writing"))
>>> sorted(f.text for f in forms if f.tag == "past")
['mitteilte', 'mitteilten', 'teilte', 'teilten']
"""

from __future__ import annotations

from functools import lru_cache

import attrs

from .ruleset import Rules, VerbEntry

INSEPARABLE_PREFIXES = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer")
_VOWELS = set("aeiouäöüy")


@attrs.frozen
class VerbForm:
    """One inflected form: ``tag`` is present, past, participle, infinitive, subj1 or subj2."""

    text: str
    verb: VerbEntry
    tag: str
    plural: bool = False
    needs_particle: bool = False  # the bare finite form of a separable verb


def _stem(base: str) -> str:
    return base[:-2] if base.endswith("en") else base[:-1]  # sagen -> sag, äußern -> äußer


def _needs_linking_e(stem: str) -> bool:
    """arbeit-e-t, rechn-e-t, zeichn-e-t, atm-e-t: stems in d/t, or in m/n after a consonant
    other than l, r, m, n or a lengthening h (lehn-t, wohn-t, qualm-t)."""
    if stem.endswith(("d", "t")):
        return True
    if len(stem) < 3 or stem[-1] not in "mn" or stem[-2] in _VOWELS or stem[-2] in "lrmn":
        return False
    return not (stem[-2] == "h" and stem[-3] in _VOWELS)


def _has_inseparable_prefix(base: str) -> bool:
    return any(base.startswith(p) and len(base) > len(p) + 3 for p in INSEPARABLE_PREFIXES)


def verb_forms(verb: VerbEntry) -> list[VerbForm]:
    """Every form of ``verb`` the cue and mood rules look for."""
    particle = verb.particle
    base = verb.lemma[len(particle):]
    stem = _stem(base)
    linking = "e" if _needs_linking_e(stem) else ""
    present_sg = verb.present or (stem + linking + "t")
    past_sg = verb.preterite or (stem + linking + "te")
    past_pl = past_sg + ("n" if past_sg.endswith("e") else "en")
    if verb.participle:
        participle = verb.participle
    else:
        ge = "" if _has_inseparable_prefix(base) or stem.endswith("ier") else "ge"
        participle = ge + stem + linking + "t"
    subj1 = "sei" if base == "sein" else stem + "e"
    subj2 = verb.subjunctive2 or (past_sg if not verb.preterite else "")
    present_pl2 = stem + linking + "t"

    finite = [
        (present_sg, "present", False), (present_pl2, "present", True), (verb.plural or base, "present", True),
        (stem + "e", "present", False), (past_sg, "past", False), (past_pl, "past", True),
        (subj1, "subj1", False),
    ]
    if subj2:
        finite.append((subj2, "subj2", False))
        finite.append((subj2 + ("n" if subj2.endswith("e") else "en"), "subj2", True))
    forms: list[VerbForm] = []
    for text, tag, plural in finite:
        if particle:
            forms.append(VerbForm(text, verb, tag, plural, needs_particle=True))
            forms.append(VerbForm(particle + text, verb, tag, plural))
        else:
            forms.append(VerbForm(text, verb, tag, plural))
    forms.append(VerbForm(particle + participle, verb, "participle"))
    forms.append(VerbForm(verb.lemma, verb, "infinitive", True))
    if particle:
        forms.append(VerbForm(particle + "zu" + base, verb, "infinitive"))
    return forms


@attrs.frozen
class VerbLexicon:
    """Lower-case form -> the verb forms it may be; built once per rule set."""

    cue_forms: dict[str, tuple[VerbForm, ...]] = attrs.field(hash=False)
    all_forms: dict[str, tuple[VerbForm, ...]] = attrs.field(hash=False)

    def cues(self, word: str) -> tuple[VerbForm, ...]:
        return self.cue_forms.get(word.lower(), ())

    def forms(self, word: str) -> tuple[VerbForm, ...]:
        return self.all_forms.get(word.lower(), ())


@lru_cache(maxsize=8)
def lexicon_for(rules: Rules) -> VerbLexicon:
    """The verb lexicon of a rule set (cached: rules are immutable)."""
    cue: dict[str, list[VerbForm]] = {}
    every: dict[str, list[VerbForm]] = {}
    for verb in rules.cue_verbs + rules.verbs:
        seen: set[tuple[str, str, bool, bool]] = set()
        for form in verb_forms(verb):
            key = (form.text.lower(), form.tag, form.plural, form.needs_particle)
            if key in seen:
                continue
            seen.add(key)
            every.setdefault(key[0], []).append(form)
            if verb.cue:
                cue.setdefault(key[0], []).append(form)
    return VerbLexicon(cue_forms={k: tuple(v) for k, v in cue.items()},
                       all_forms={k: tuple(v) for k, v in every.items()})
