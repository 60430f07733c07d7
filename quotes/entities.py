"""Stage 6: speaker mentions resolved to one entity per source within a document.

*Putin*, *Wladimir Putin*, *Kremlchef Putin* and *Putins* become ``Wladimir Putin``;
spelling variants of transliterated names (Selenski/Selenskyj) share a key; a pronoun
(*er*, *sie*) or a role noun (*die Expertin*) takes the most recent earlier person or
organisation that agrees in gender and number.

>>> key("Selenskyj") == key("Selenski")
True
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

import attrs
import regex

from .frames import Frame, Mention
from .model import Speaker
from .ruleset import Rules
from .words import Vocabulary, vocabulary_for

# How far back a pronoun or role noun looks for the person it refers to.
LOOKBACK = 4000

# Runs of capitalised words (names, role nouns): a single space joins them. Linear:
# the separator and the word characters are disjoint classes.
_CAPITALISED_RUN = regex.compile(r"\p{Lu}[\w’'-]*(?:[ ]\p{Lu}[\w’'-]*)*")
_TRANSLITERATION = (("yj", "i"), ("ij", "i"), ("yi", "i"), ("y", "i"), ("w", "v"), ("ck", "k"),
                    ("kh", "ch"), ("ff", "f"), ("ss", "s"), ("ß", "s"))


@lru_cache(maxsize=65536)
def key(name_word: str) -> str:
    """A spelling-insensitive key for a name word (lower case, no accents, y/i, w/v)."""
    folded = unicodedata.normalize("NFKD", name_word.lower().strip("’'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    for old, new in _TRANSLITERATION:
        folded = folded.replace(old, new)
    return folded


@attrs.frozen
class _Person:
    position: int
    entity: str
    gender: str
    kind: str = "person"  # person | organisation | group
    role: str = ""  # lower-case role head mentioned with the person


class _Index:
    """The persons and organisations a document mentions, by surname key and position."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.vocab = vocab
        self.full_names: dict[str, str] = {}  # surname key -> fullest name
        self.genders: dict[str, str] = {}
        self.occurrences: list[_Person] = []  # kept sorted by position (see add)
        self.positions: list[int] = []
        runs = [(m.start(), m.group()) for m in _CAPITALISED_RUN.finditer(text)]
        for start, run in runs:
            self._add_run(start, run)
        # second pass: a surname alone (Lukaschenko erklärte …) is a mention of that person
        named = {o.position for o in self.occurrences}
        for start, run in runs if self.full_names else ():
            if start in named:
                continue
            offset = start
            for part in run.split(" "):
                surname = key(part)
                if surname.endswith("s") and surname not in self.full_names:
                    surname = surname[:-1]
                if surname in self.full_names:
                    self.add(_Person(offset, self.full_names[surname], self.genders.get(surname, "")))
                offset += len(part) + 1

    def _add_run(self, start: int, run: str) -> None:
        parts = run.split(" ")
        for index, part in enumerate(parts):
            gender = self.vocab.first_name_gender(part)
            if gender and index + 1 < len(parts) and not self.vocab.role(parts[index + 1]):
                last = index + 1
                while last + 1 < len(parts) and not self.vocab.role(parts[last + 1]) \
                        and parts[last + 1] not in self.vocab.time_words:
                    last += 1
                name = " ".join(parts[index:last + 1])
                self.register(name, gender, start + len(" ".join(parts[:index])) + (1 if index else 0))
                return

    def register(self, name: str, gender: str, position: int, role: str = "") -> str:
        """Record a person's name; returns the fullest name known for it."""
        surname = key(name.split()[-1])
        known = self.full_names.get(surname)
        if known is None or len(name.split()) > len(known.split()):
            self.full_names[surname] = name
        if gender:
            self.genders.setdefault(surname, gender)
        entity = self.full_names[surname]
        self.add(_Person(position, entity, self.genders.get(surname, ""), role=role))
        return entity

    def fullest(self, name: str) -> str:
        words = name.split()
        if not words:
            return name
        surname = key(words[-1])
        if surname in self.full_names:
            return self.full_names[surname]
        if surname.endswith("s") and surname[:-1] in self.full_names:  # genitive: Putins
            return self.full_names[surname[:-1]]
        return name

    def gender_of(self, entity: str) -> str:
        return self.genders.get(key(entity.split()[-1]), "")

    def add(self, person: _Person) -> None:
        at = bisect_right(self.positions, person.position)
        self.positions.insert(at, person.position)
        self.occurrences.insert(at, person)

    def antecedent(self, position: int, gender: str, plural: bool, role: str = "") -> _Person | None:
        """The most recent earlier mention that agrees (by role head, or by gender and number),
        looking back at most :data:`LOOKBACK` characters."""
        for at in range(bisect_left(self.positions, position) - 1, -1, -1):
            person = self.occurrences[at]
            if person.position < position - LOOKBACK:
                break
            if role:
                fits = person.role == role
            elif plural:
                fits = person.kind == "group" or person.gender == "p"
            elif gender:
                fits = person.gender == gender
            else:
                fits = person.kind == "person"
            if fits:
                return person
        return None


def resolve(text: str, frames: list[Frame], rules: Rules) -> list[Speaker | None]:
    """Speakers with entities for ``frames`` (in the same order)."""
    speakers: list[Speaker | None] = [None] * len(frames)
    if not any(frame.mention is not None for frame in frames):
        return speakers
    vocab = vocabulary_for(rules)
    index = _Index(text, vocab)
    order = sorted(range(len(frames)), key=lambda i: frames[i].mention.start if frames[i].mention else -1)
    resolved: dict[tuple[int, int], Speaker] = {}
    for i in order:
        mention = frames[i].mention
        if mention is None:
            continue
        span = (mention.start, mention.end)
        if span not in resolved:
            resolved[span] = _resolve_mention(text, mention, index, vocab)
        speakers[i] = resolved[span]
    return speakers


_INDEFINITE = frozenset({"ein", "eine", "einer", "eines", "einem", "einen", "keiner", "keine", "viele", "einige",
                         "mehrere", "manche", "zwei", "drei"})


def _role_head(text: str, vocab: Vocabulary) -> str:
    for word in reversed(text.split()):
        info = vocab.role(word.strip(",.;:"))
        if info is not None:
            return info.head.lower()
    return ""


def _resolve_mention(text: str, mention: Mention, index: _Index, vocab: Vocabulary) -> Speaker:
    written = text[mention.start:mention.end]
    kind = mention.kind
    if kind == "reference":  # "Demnach": the entity of the source it refers to, if one was found
        referent = _resolve_mention(text, mention.refers_to, index, vocab) if mention.refers_to else None
        return Speaker(written, mention.start, mention.end, referent.entity if referent else None, "pronoun")
    if kind == "pronoun":
        lower = written.lower()
        plural = mention.plural or (lower == "sie" and mention.plural)
        gender = {"er": "m", "sie": "f", "es": "n"}.get(lower) or vocab.possessives.get(lower, "")
        if lower in ("ich", "wir", "man"):
            return Speaker(written, mention.start, mention.end, None, "pronoun")
        person = index.antecedent(mention.start, "" if plural else gender, plural)
        return Speaker(written, mention.start, mention.end, person.entity if person else None, "pronoun")
    if kind == "name":
        name_start = mention.name_start if mention.name_start is not None else mention.start
        name = text[name_start:mention.end]
        name = _strip_tail(name)
        role = _role_head(text[mention.start:name_start], vocab) if name_start > mention.start else ""
        gender = mention.gender or index.gender_of(name)
        entity = index.register(name, gender, mention.start, role)
        return Speaker(written, mention.start, mention.end, index.fullest(entity), "name")
    if kind == "role":
        first = written.split(maxsplit=1)[0].lower()
        if first in _INDEFINITE:  # "ein Wissenschaftler", "einer der Männer": someone new
            return Speaker(written, mention.start, mention.end, written, "role")
        role = _role_head(written, vocab)
        person = index.antecedent(mention.start, "", False, role=role)
        if person is None and not mention.plural:
            person = index.antecedent(mention.start, mention.gender, False)
        entity = person.entity if person else written
        return Speaker(written, mention.start, mention.end, entity, "role")
    # organisations and groups: the noun phrase is the entity; later pronouns may refer to it
    index.add(_Person(mention.start, written, "p" if mention.plural else mention.gender,
                                     kind="group" if mention.plural or kind == "group" else "organisation"))
    return Speaker(written, mention.start, mention.end, written, kind)


def _strip_tail(name: str) -> str:
    """Drop brackets and appositions after a name: 'Mohammed el-Baradei (IAEO)' -> the name."""
    for stop in (" (", ","):
        if stop in name:
            name = name.split(stop)[0]
    return name.strip()
