"""Value objects of the pipeline: what a quote, a speaker and a cue are.

All classes are frozen ``attrs`` classes. Offsets are Python ``str`` indices into
the original text, so ``text[obj.start:obj.end] == obj.text`` always holds.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

QuoteType = Literal["direct", "indirect", "mixed"]
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")


def _span_is_ordered(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < instance.start:
        raise ValueError(f"{type(instance).__name__}: end {value} lies before start {instance.start}")


@attrs.frozen
class Cue:
    """The word or phrase that introduces a quote: ``sagte``, ``laut``, ``:``.

    >>> Cue(text="sagte", start=10, end=15, lemma="sagen", kind="verb")
    Cue(text='sagte', start=10, end=15, lemma='sagen', kind='verb', medium='speech')
    """

    text: str
    start: int
    end: int = attrs.field(validator=_span_is_ordered)
    lemma: str
    kind: str = "verb"  # verb | preposition | noun | colon | dash | impersonal
    medium: str = "speech"  # speech | writing | thought


@attrs.frozen
class Speaker:
    """The mention of a quote's source as written, and the entity it refers to.

    ``entity`` is the fullest name of that source in the document
    (``"Alexander Lukaschenko"`` for the mention ``"er"``).

    >>> Speaker(text="er", start=3, end=5, entity="Alexander Lukaschenko")
    Speaker(text='er', start=3, end=5, entity='Alexander Lukaschenko', kind='pronoun')
    """

    text: str
    start: int
    end: int = attrs.field(validator=_span_is_ordered)
    entity: str | None = None
    kind: str = "pronoun"  # name | role | organisation | pronoun | group | thing

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "entity": self.entity, "kind": self.kind}


@attrs.frozen
class Quote:
    """One reported act of speech, writing or thought.

    ``start``/``end`` delimit the quoted content (for a direct quote: inside its
    marks). ``parent`` is the index of the quote that contains this one, if any.
    ``rule`` names the rule that attributed it, so a user can ask why.

    >>> q = Quote(type="direct", start=1, end=5, text="Nein")
    >>> (q.type, q.text, q.speaker)
    ('direct', 'Nein', None)
    """

    type: str = attrs.field(validator=attrs.validators.in_(QUOTE_TYPES))
    start: int
    end: int = attrs.field(validator=_span_is_ordered)
    text: str
    speaker: Speaker | None = None
    cue: Cue | None = None
    confidence: float = 0.5
    rule: str = ""
    parent: int | None = None
    marks: tuple[tuple[int, int], ...] = ()  # the quotation marks' spans (direct) or of fragments (mixed)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form used by ``quotes extract --format jsonl``."""
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": None if self.cue is None else {
                "text": self.cue.text, "start": self.cue.start, "end": self.cue.end,
                "lemma": self.cue.lemma, "kind": self.cue.kind, "medium": self.cue.medium},
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "parent": self.parent,
        }
