"""Stage 7: the :class:`Extractor` wires the stages and returns :class:`~quotes.model.Quote` objects.

>>> quotes = extract("„Wir sind bereit“, sagte Kanzlerin Angela Berger am Montag.")
>>> [(q.type, q.text, q.speaker.text, q.speaker.entity, q.cue.lemma) for q in quotes]
[('direct', 'Wir sind bereit', 'Kanzlerin Angela Berger', 'Angela Berger', 'sagen')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

import attrs

from .analysis import analyse
from .backbone import backbone_for
from .entities import resolve
from .frames import Frame, direct_frames, names_in_speakers
from .model import Quote
from .reported import continue_speakers, merge_direct, reported_frames
from .ruleset import Rules, load_rules


@attrs.define
class Extractor:
    """Finds quotes; loads the rules (and an optional spaCy pipeline) once.

    ``rules_dirs`` adds user rule folders to the packaged rules. The default engine needs no
    model (it tokenizes candidate sentences itself). ``nlp`` is an optional trained spaCy
    pipeline whose tagger, parser and entities then guide the speaker rules; ``backbone="hanta"``
    uses the HanTa tagger instead (see :mod:`quotes.backbone`).

    >>> extractor = Extractor()
    >>> [q.text for q in extractor.extract("Sie sagte: »Nein.«")]
    ['Nein.']
    """

    rules_dirs: tuple[str, ...] = attrs.field(default=(), converter=lambda dirs: tuple(str(d) for d in dirs))
    nlp: Any = None
    backbone: Any = None
    rules: Rules = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.rules = load_rules(self.rules_dirs)
        if self.nlp is not None and self.backbone is None:
            self.backbone = self.nlp
        self.backbone = backbone_for(self.backbone)

    def extract(self, text: str, backbone: Any = None) -> list[Quote]:
        """The quotes of one document, sorted by position (``backbone`` overrides the
        extractor's for this call)."""
        if not text.strip():
            return []
        analysis = analyse(text, self.rules, backbone if backbone is not None else self.backbone)
        direct = direct_frames(analysis, self.rules)
        reported = reported_frames(analysis, direct, self.rules)
        frames = continue_speakers(analysis, merge_direct(direct, reported, text) + reported, self.rules)
        return _to_quotes(text, names_in_speakers(frames, text), self.rules)

    def pipe(self, texts: Iterable[str]) -> Iterator[list[Quote]]:
        """Quotes for each text, in order (a generator: one document in memory at a time)."""
        for text in texts:
            yield self.extract(text)


def _to_quotes(text: str, frames: list[Frame], rules: Rules) -> list[Quote]:
    frames = sorted(frames, key=lambda f: (f.start, -f.end, f.type))
    speakers = resolve(text, frames, rules)
    quotes: list[Quote] = []
    open_parents: list[int] = []
    for frame, speaker in zip(frames, speakers):
        while open_parents and quotes[open_parents[-1]].end <= frame.start:
            open_parents.pop()
        parent = open_parents[-1] if open_parents and frame.end <= quotes[open_parents[-1]].end else None
        marks = ()
        if frame.mark is not None:
            marks = ((frame.mark.open_start, frame.mark.open_end), (frame.mark.close_start, frame.mark.close_end))
        quotes.append(Quote(type=frame.type, start=frame.start, end=frame.end, text=text[frame.start:frame.end],
                            speaker=speaker, cue=frame.cue, confidence=frame.confidence, rule=frame.rule,
                            parent=parent, marks=marks or frame.fragments))
        open_parents.append(len(quotes) - 1)
    return quotes


def filter_quotes(quotes: Sequence[Quote], min_confidence: float) -> list[Quote]:
    """The quotes with ``confidence >= min_confidence``; ``parent`` points into the kept list
    (to the nearest kept ancestor, or ``None``)."""
    if min_confidence <= 0:
        return list(quotes)
    new_index: dict[int, int] = {}
    kept: list[Quote] = []
    for i, quote in enumerate(quotes):
        if quote.confidence < min_confidence:
            continue
        parent = quote.parent
        while parent is not None and parent not in new_index:
            parent = quotes[parent].parent if 0 <= parent < i else None
        parent = None if parent is None else new_index[parent]
        new_index[i] = len(kept)
        kept.append(quote if parent == quote.parent else attrs.evolve(quote, parent=parent))
    return kept


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor with the packaged rules, built on first use."""
    return Extractor()


def extract(text: str) -> list[Quote]:
    """The quotes of ``text`` with the default rules (the extractor is built once).

    >>> [q.speaker.entity for q in extract("Alexander Berg: „Ja.“ „Nein“, sagte er.")]
    ['Alexander Berg', 'Alexander Berg']
    """
    return default_extractor().extract(text)
