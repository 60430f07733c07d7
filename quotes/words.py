"""Words of a sentence and the closed-class vocabulary the rules classify them with.

The engine tokenizes only the sentences that can hold a quote (they contain a mark or
a cue word), with one compiled pattern; :class:`Vocabulary` turns ``rules/`` into fast
look-ups (sets and suffix tables) once per rule set.

>>> [w.text for w in tokenize("Kremlsprecher Dmitri Peskow sagte: „Nein.“", 0)]
['Kremlsprecher', 'Dmitri', 'Peskow', 'sagte', ':', '„', 'Nein', '.', '“']
"""

from __future__ import annotations

from functools import lru_cache

import attrs
import regex

from .ruleset import Rules

# A word: letters/digits, joined by hyphens or apostrophes (Russland-Expertin, geht’s).
# The joiners are not word characters, so the pattern is linear.
# Numbers with separators (53.000, 2,5) and web addresses (spiegel.de) are one word each.
WORD = regex.compile(r"\d++(?:[.,]\d++)+|\w+(?:[-’'‐]\w+)*+(?:\.(?:de|com|org|net|at|ch|eu|info)\b)?|\S",
                     regex.UNICODE)


@attrs.frozen(slots=True)
class Word:
    text: str
    start: int
    end: int
    lower: str
    is_cap: bool  # begins with an upper-case letter
    is_word: bool  # letters or digits, not punctuation
    # Filled only by an optional backbone (quotes.backbone): STTS tag, entity type,
    # dependency label and the character offset where the head word starts.
    tag: str = ""
    ent: str = ""
    dep: str = ""
    head: int = -1


def tokenize(text: str, offset: int) -> list[Word]:
    """The words of ``text`` (a slice of the document beginning at ``offset``)."""
    words = []
    append = words.append
    for match in WORD.finditer(text):
        token = match.group()
        start, end = match.span()
        first = token[0]
        append(Word(token, offset + start, offset + end, token.lower(), first.isupper(), first.isalnum()))
    return words


@attrs.frozen
class RoleInfo:
    head: str
    gender: str  # m | f | n | p (plural)
    kind: str  # person | organisation | group


@attrs.frozen
class Vocabulary:
    """Closed-class words, role nouns and first names of a rule set."""

    articles: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    subordinators: frozenset[str]
    conjunctions: frozenset[str]
    adverbs: frozenset[str]
    time_words: frozenset[str]
    oblique_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    subject_pronouns: dict[str, str] = attrs.field(hash=False)  # word -> gender m/f/n/p/1
    honorifics: dict[str, str] = attrs.field(hash=False)  # Herr -> m, Frau -> f, Dr -> ""
    name_particles: frozenset[str] = frozenset()
    roles: dict[str, RoleInfo] = attrs.field(hash=False, factory=dict)  # lower-case suffix -> role
    male_names: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    before_numbers: frozenset[str] = frozenset()
    ordinal_context: frozenset[str] = frozenset()
    possessives: dict[str, str] = attrs.field(hash=False, factory=dict)  # seiner -> m, ihrer -> f
    focus_particles: frozenset[str] = frozenset()
    boilerplate_prefixes: tuple[str, ...] = ()
    temporal_before_nach: frozenset[str] = frozenset()
    abstract_endings: tuple[str, ...] = ()
    infinitive_adverbials: frozenset[str] = frozenset()
    separable_particles: tuple[str, ...] = ()  # longest first
    surname_endings: frozenset[str] = frozenset()

    def role(self, word: str) -> RoleInfo | None:
        """The role noun ``word`` is or ends with (Kremlsprecher -> Sprecher), if any."""
        lower = word.lower()
        found = self.roles.get(lower)
        if found is not None:
            return found
        for cut in range(1, len(lower) - 3):
            suffix = lower[cut:]
            found = self.roles.get(suffix.lstrip("-"))
            if found is not None and (len(suffix) >= 5 or lower[cut - 1] == "-"
                                      or len(suffix) == 4 and found.kind == "person"  # Kremlchef
                                      and suffix not in self.surname_endings):  # not Hartmann
                return found
        return None

    def first_name_gender(self, word: str) -> str:
        """``m``, ``f`` or ``""``."""
        if word in self.male_names:
            return "m"
        if word in self.female_names:
            return "f"
        return ""

    def is_function_word(self, lower: str) -> bool:
        return (lower in self.articles or lower in self.determiners or lower in self.prepositions
                or lower in self.subordinators or lower in self.conjunctions or lower in self.adverbs)


def _role_variants(form: str, gender: str, kind: str) -> list[tuple[str, RoleInfo]]:
    lower = form.lower()
    info = RoleInfo(head=form, gender=gender, kind=kind)
    if kind == "group":
        return [(lower, RoleInfo(head=form, gender="p", kind=kind))]
    plural = RoleInfo(head=form, gender="p", kind=kind)
    variants = [(lower, info), (lower + "s", info)]
    if lower.endswith("in"):
        variants.append((lower + "nen", plural))
    elif kind == "person":
        variants += [(lower + "en", plural), (lower + "n", plural), (lower + "e", plural),
                     (lower + "s", plural) if lower.endswith(("chef", "boss")) else (lower + "s", info)]
    else:
        variants += [(lower + "en", plural)]
    return variants


@lru_cache(maxsize=8)
def vocabulary_for(rules: Rules) -> Vocabulary:
    """The vocabulary of a rule set (cached: rules are immutable)."""
    w = rules.words

    def words(name: str) -> frozenset[str]:
        return w.get(name, frozenset())

    subject_pronouns: dict[str, str] = {}
    for gender, name in (("p", "function.pronouns_plural"), ("m", "function.pronouns_masculine"),
                         ("n", "function.pronouns_neuter"), ("f", "function.pronouns_feminine"),
                         ("1", "function.pronouns_first")):
        for word in words(name):
            subject_pronouns[word] = gender  # "sie": feminine wins over plural; number decided later
    honorifics = {h: "m" for h in words("function.honorifics_masculine")}
    honorifics.update({h: "f" for h in words("function.honorifics_feminine")})
    honorifics.update({h: "" for h in words("function.honorifics_neutral")})
    roles: dict[str, RoleInfo] = {}
    for role in rules.roles:
        if role.kind == "person":
            for suffix, info in _role_variants(role.masculine, "m", "person"):
                roles.setdefault(suffix, info)
            if role.feminine:
                for suffix, info in _role_variants(role.feminine, "f", "person"):
                    roles.setdefault(suffix, info)
        else:
            for suffix, info in _role_variants(role.masculine, role.gender or "n", role.kind):
                roles.setdefault(suffix, info)
    return Vocabulary(
        articles=words("function.articles"), determiners=words("function.determiners"),
        prepositions=words("function.prepositions"), subordinators=words("function.subordinators"),
        conjunctions=words("function.conjunctions"), adverbs=words("function.adverbs"),
        time_words=words("function.time_words"), oblique_pronouns=words("function.pronouns_oblique"),
        relative_pronouns=words("function.relative_pronouns"),
        possessives={**{p: "m" for p in words("function.possessives_masculine")},
                     **{p: "f" for p in words("function.possessives_feminine")}},
        focus_particles=words("function.focus_particles"),
        boilerplate_prefixes=tuple(sorted(words("sentences.boilerplate_prefixes"))),
        subject_pronouns=subject_pronouns, honorifics=honorifics,
        name_particles=words("function.name_particles"), roles=roles,
        male_names=rules.male_names, female_names=rules.female_names,
        abbreviations=words("sentences.abbreviations"), before_numbers=words("sentences.before_numbers"),
        ordinal_context=words("sentences.ordinal_context"),
        temporal_before_nach=words("function.temporal_before_nach"),
        abstract_endings=tuple(sorted(words("nouns.abstract_endings"))),
        infinitive_adverbials=words("function.infinitive_adverbials"),
        surname_endings=words("nouns.surname_endings"),
        separable_particles=tuple(sorted(words("function.separable_particles"), key=lambda p: (-len(p), p))),
    )
