"""Stages 1–3 for one document: paragraphs, sentences, marks, words and cues.

Only sentences that can hold a quote are tokenized and searched for cues: those that
touch a quotation mark or contain a cue word. Everything else is skipped, which keeps
the cost of a document close to one pass of a compiled pattern over its text.

>>> doc = analyse("Lukaschenko sagte: „Wir kommen.“\\n\\nDas Wetter war schön.")
>>> [(s.start, s.end, len(s.words)) for s in doc.sentences]
[(0, 32, 8), (34, 55, 0)]
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import attrs

from .backbone import Backbone
from .cues import CueHit, find_cues
from .lexicon import lexicon_for
from .marks import MarkSpan, find_marks
from .ruleset import Rules, load_rules
from .segment import paragraph_spans, sentence_spans
from .words import WORD, Word, tokenize, vocabulary_for


@attrs.frozen
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    words: tuple[Word, ...] = ()
    quoted: frozenset[int] = frozenset()  # indices of words inside quotation marks
    cues: tuple[CueHit, ...] = ()

    def word_at(self, position: int) -> int | None:
        """Index of the word starting at character ``position``."""
        starts = [w.start for w in self.words]
        index = bisect_right(starts, position) - 1
        if index >= 0 and self.words[index].start == position:
            return index
        return None


@attrs.frozen
class Analysis:
    text: str
    marks: tuple[MarkSpan, ...]
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    sentence_starts: tuple[int, ...] = attrs.field(init=False)
    paragraph_starts: tuple[int, ...] = attrs.field(init=False)
    top_marks: tuple[MarkSpan, ...] = attrs.field(init=False)  # marks with no parent, by position
    top_mark_starts: tuple[int, ...] = attrs.field(init=False)

    @sentence_starts.default
    def _starts(self) -> tuple[int, ...]:
        return tuple(s.start for s in self.sentences)

    @paragraph_starts.default
    def _paragraph_starts(self) -> tuple[int, ...]:
        return tuple(p[0] for p in self.paragraphs)

    @top_marks.default
    def _top_marks(self) -> tuple[MarkSpan, ...]:
        return tuple(m for m in self.marks if m.parent is None)

    @top_mark_starts.default
    def _top_mark_starts(self) -> tuple[int, ...]:
        return tuple(m.open_start for m in self.top_marks)

    def marks_near(self, start: int, end: int) -> tuple[MarkSpan, ...]:
        """Top-level marks that overlap [start, end) (top-level spans do not overlap each other)."""
        first = max(0, bisect_right(self.top_mark_starts, start) - 1)
        last = bisect_right(self.top_mark_starts, end)
        return tuple(m for m in self.top_marks[first:last] if m.open_start < end and m.close_end > start)

    def sentence_of(self, position: int) -> Sentence | None:
        """The sentence holding character ``position`` (or ending just before it)."""
        index = bisect_right(self.sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index].end + 1:
            return self.sentences[index]
        return None

    def paragraph_of(self, position: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, position) - 1)


@lru_cache(maxsize=8)
def _trigger_words(rules: Rules) -> frozenset[str]:
    """Lower-case words whose presence makes a sentence worth analysing."""
    lexicon = lexicon_for(rules)
    words = set(lexicon.cue_forms)
    for phrase in rules.phrase_cues:
        words.update(phrase.words)
    words.update(noun.lower() for noun in rules.clause_nouns)  # X ist der Ansicht, dass …
    return frozenset(words)


def analyse(text: str, rules: Rules | None = None, backbone: Backbone | None = None) -> Analysis:
    """Segment ``text`` and find its marks, words and cues (see the module docstring);
    a ``backbone`` (:mod:`quotes.backbone`) adds tags, entities and a parse to the words."""
    rules = rules or load_rules()
    annotate = backbone.document(text) if backbone is not None else None
    vocab = vocabulary_for(rules)
    marks = find_marks(text, rules)
    paragraphs = tuple(paragraph_spans(text))
    spans = sentence_spans(text, vocab.abbreviations, vocab.ordinal_context, vocab.before_numbers)
    triggers = _trigger_words(rules)
    mark_edges = sorted({m.open_start for m in marks} | {m.close_start for m in marks})
    quoted_ranges = [(m.content_start, m.content_end) for m in marks if m.parent is None]
    paragraph_starts = [p[0] for p in paragraphs]
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(spans):
        paragraph = max(0, bisect_right(paragraph_starts, start) - 1)
        has_mark = bisect_right(mark_edges, end) > bisect_right(mark_edges, start - 1)
        chunk = text[start:end]
        if not has_mark and not any(w.lower() in triggers for w in WORD.findall(chunk)):
            sentences.append(Sentence(index, start, end, paragraph))
            continue
        words = tokenize(chunk, start)
        if annotate is not None:
            words = annotate(words)
        quoted = frozenset(i for i, w in enumerate(words) if _inside(w, quoted_ranges)) if has_mark \
            or _inside(words[0], quoted_ranges) else frozenset()
        cues = tuple(find_cues(words, quoted, rules))
        sentences.append(Sentence(index, start, end, paragraph, tuple(words), quoted, cues))
    return Analysis(text, marks, paragraphs, tuple(sentences))


def _inside(word: Word, ranges: list[tuple[int, int]]) -> bool:
    # ranges are few per sentence in practice; a linear scan over the top-level quotes
    # is bounded by bisecting to the first range that could contain the word
    index = bisect_right(ranges, (word.start, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= word.start and word.end <= ranges[index][1]
