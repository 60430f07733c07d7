"""Stage 2: pair quotation marks into quote spans (nested, unclosed and stray marks handled).

A pure function of the text: :func:`find_marks` scans the marks once, left to right,
with a stack per paragraph, so its cost is linear in the length of the text whatever
the input (closers look at most :data:`CLOSE_SEARCH_DEPTH` entries down the stack).

Decisions, all driven by the pairs in ``rules/marks.toml``:

- Pairs of one *family* compete: a document uses the one whose marks stand in
  opening and closing positions most often (»…« vs «…«, „…“ vs “…”).
- A *symmetric* mark (``"``) opens where it leans on the following word and closes
  where it leans on the preceding one; between two words it closes an open quote.
- Apostrophes are not quotes: a single mark between letters (geht’s, Putin's), or
  before digits (’90er), is skipped; a single closer with no opener is ignored
  (Belarus’ Hauptstadt).
- A quote never crosses a blank line, except by the multi-paragraph convention: the
  next paragraph opens with the same opening mark, so the closing mark was left out.
- A double opener left open at the end of its paragraph yields an *unclosed* span to the
  end of the paragraph with a low confidence; stray closers and unclosed single marks
  are ignored.

>>> spans = find_marks("Er sagte: „Das ist ‚gut‘.“ Dann ging er.")
>>> [(s.content_start, s.content_end, s.level, s.parent) for s in spans]
[(11, 25, 'double', None), (20, 23, 'single', 0)]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import attrs
import regex

from .ruleset import MarkPair, Rules, load_rules
from .segment import paragraph_spans

# How far down the stack a closing mark looks for its opener; bounds the work per mark.
CLOSE_SEARCH_DEPTH = 4

CONFIDENCE = {"double": 0.9, "single": 0.75, "symmetric": 0.8, "continued": 0.8, "unclosed": 0.3}

# Characters a mark may lean on without counting as a word: brackets and dashes open.
_OPENING_CONTEXT = set("([{<–—-/")
# Characters after a mark that show it closes: punctuation that cannot begin a word.
_CLOSING_CONTEXT = set(",.;:!?)]}…")


@attrs.frozen
class MarkSpan:
    """A paired (or unclosed) quotation: the marks and the content between them.

    ``content_start``/``content_end`` exclude the marks; for an unclosed span the
    content ends at the end of its paragraph (trailing white space excluded).
    """

    open_start: int
    open_end: int
    close_start: int
    close_end: int
    pair: str
    level: str
    closed: bool
    confidence: float
    parent: int | None = None

    @property
    def content_start(self) -> int:
        return self.open_end

    @property
    def content_end(self) -> int:
        return self.close_start


@attrs.frozen
class MarkEngine:
    """The mark pairs of a rule set, compiled once; call :meth:`find` per document."""

    pairs: tuple[MarkPair, ...]
    pattern: regex.Pattern
    openers: dict[str, tuple[MarkPair, ...]] = attrs.field(hash=False)
    closers: dict[str, tuple[MarkPair, ...]] = attrs.field(hash=False)

    @classmethod
    def from_pairs(cls, pairs: Iterable[MarkPair]) -> "MarkEngine":
        pairs = tuple(pairs)
        openers: dict[str, list[MarkPair]] = {}
        closers: dict[str, list[MarkPair]] = {}
        for pair in pairs:
            openers.setdefault(pair.open, []).append(pair)
            for close in pair.close:
                closers.setdefault(close, []).append(pair)
        strings = sorted(set(openers) | set(closers), key=lambda s: (-len(s), s))
        pattern = regex.compile("|".join(regex.escape(s) for s in strings)) if strings else regex.compile(r"(?!)")
        return cls(pairs=pairs, pattern=pattern,
                   openers={k: tuple(v) for k, v in openers.items()},
                   closers={k: tuple(v) for k, v in closers.items()})

    def find(self, text: str, styles: dict[str, str] | None = None) -> tuple[MarkSpan, ...]:
        """All quote spans of ``text``, sorted by position, with parents set.

        ``styles`` maps a family to the pair id to use; by default each document
        decides by the positions of its marks (see :meth:`choose_styles`).
        """
        occurrences = [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(text)]
        if not occurrences:
            return ()
        chosen = self.choose_styles(text, occurrences) if styles is None else styles
        active = {p.id for p in self.pairs if not p.family or chosen.get(p.family, p.id) == p.id}
        spans = _pair_marks(text, occurrences, self, active)
        return _with_parents(spans)

    def choose_styles(self, text: str, occurrences: list[tuple[int, int, str]]) -> dict[str, str]:
        """For each family, the pair whose marks sit in opening/closing position most often."""
        votes: dict[str, int] = {}
        symmetric = {p.open for p in self.pairs if p.symmetric}
        for start, end, mark in occurrences:
            if mark in symmetric:
                continue  # a straight " closes „ as well as "…": it tells nothing of the style
            leans_right, leans_left = _leans(text, start, end)
            for pair in self.openers.get(mark, ()):
                if pair.family and leans_right and not leans_left:
                    votes[pair.id] = votes.get(pair.id, 0) + 1
            for pair in self.closers.get(mark, ()):
                if pair.family and leans_left and not leans_right:
                    votes[pair.id] = votes.get(pair.id, 0) + 1
        chosen: dict[str, str] = {}
        for pair in self.pairs:  # ties go to the pair listed first
            if pair.family and votes.get(pair.id, 0) > votes.get(chosen.get(pair.family, ""), -1):
                chosen[pair.family] = pair.id
        return chosen


def _leans(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(leans on the next word, leans on the previous word) for the mark at start:end."""
    after = text[end] if end < len(text) else " "
    before = text[start - 1] if start > 0 else " "
    leans_right = not after.isspace() and after not in _CLOSING_CONTEXT
    leans_left = not before.isspace() and before not in _OPENING_CONTEXT
    return leans_right, leans_left


def _is_apostrophe(text: str, start: int, end: int, mark: str) -> bool:
    if mark not in ("'", "’", "‘"):
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() and after.isalnum():  # geht’s, Putin's
        return True
    return after.isdigit() and not before.isalnum()  # ’90er


@attrs.define
class _Open:
    pair: MarkPair
    start: int
    end: int
    continued: bool = False


def _pair_marks(text: str, occurrences: list[tuple[int, int, str]], engine: MarkEngine,
                active: set[str]) -> list[MarkSpan]:
    spans: list[MarkSpan] = []
    paragraphs = paragraph_spans(text)
    para_index = 0
    stack: list[_Open] = []
    skip_until = -1  # an opener absorbed by the multi-paragraph convention
    for start, end, mark in occurrences:
        while para_index + 1 < len(paragraphs) and start >= paragraphs[para_index][1]:
            stack = _close_paragraph(text, stack, paragraphs, para_index, spans)
            para_index += 1
            # a carried quote absorbs the opening mark that starts the next paragraph
            skip_until = _first_mark_end(text, paragraphs[para_index][0], stack[0].pair.open) if stack else -1
        if start >= skip_until:
            _step(text, start, end, mark, stack, spans, engine, active)
    while True:
        stack = _close_paragraph(text, stack, paragraphs, para_index, spans)
        if not stack or para_index + 1 >= len(paragraphs):
            break
        para_index += 1
    return spans


def _first_mark_end(text: str, position: int, mark: str) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position + len(mark)


def _step(text: str, start: int, end: int, mark: str, stack: list[_Open], spans: list[MarkSpan],
          engine: MarkEngine, active: set[str]) -> None:
    if _is_apostrophe(text, start, end, mark):
        return
    leans_right, leans_left = _leans(text, start, end)
    if leans_left:
        closable = {p.id for p in engine.closers.get(mark, ()) if p.id in active}
        if closable:
            depth = min(len(stack), CLOSE_SEARCH_DEPTH)
            for offset in range(1, depth + 1):
                entry = stack[-offset]
                if entry.pair.id in closable:
                    del stack[-offset:]  # marks opened inside and never closed are dropped
                    spans.append(_span(entry, start, end, closed=True))
                    return
    if leans_right:
        for pair in engine.openers.get(mark, ()):
            if pair.id in active:
                stack.append(_Open(pair, start, end))
                return


def _span(entry: _Open, close_start: int, close_end: int, closed: bool) -> MarkSpan:
    if not closed:
        confidence = CONFIDENCE["unclosed"]
    elif entry.continued:
        confidence = CONFIDENCE["continued"]
    elif entry.pair.symmetric:
        confidence = CONFIDENCE["symmetric"]
    else:
        confidence = CONFIDENCE[entry.pair.level]
    return MarkSpan(open_start=entry.start, open_end=entry.end, close_start=close_start,
                    close_end=close_end, pair=entry.pair.id, level=entry.pair.level,
                    closed=closed, confidence=confidence)


def _close_paragraph(text: str, stack: list[_Open], paragraphs: list[tuple[int, int]], index: int,
                     spans: list[MarkSpan]) -> list[_Open]:
    """End a paragraph: carry an open quote on, emit it as unclosed, or drop it."""
    if not stack:
        return []
    bottom = next((entry for entry in stack if entry.pair.level == "double"), None)
    if bottom is None:
        return []
    if index + 1 < len(paragraphs):
        position = paragraphs[index + 1][0]
        while position < len(text) and text[position].isspace():
            position += 1
        if text.startswith(bottom.pair.open, position):
            bottom.continued = True
            return [bottom]
    end = paragraphs[index][1]
    while end > bottom.end and text[end - 1].isspace():
        end -= 1
    if end > bottom.end:
        spans.append(_span(bottom, end, end, closed=False))
    return []


def _with_parents(spans: list[MarkSpan]) -> tuple[MarkSpan, ...]:
    ordered = sorted((s for s in spans if s.content_end > s.content_start),
                     key=lambda s: (s.open_start, -s.close_end))
    result: list[MarkSpan] = []
    open_stack: list[int] = []
    for span in ordered:
        while open_stack and result[open_stack[-1]].close_end <= span.open_start:
            open_stack.pop()
        parent = open_stack[-1] if open_stack else None
        result.append(attrs.evolve(span, parent=parent))
        open_stack.append(len(result) - 1)
    return tuple(result)


@lru_cache(maxsize=8)
def engine_for(rules: Rules) -> MarkEngine:
    """The compiled mark engine of a rule set (cached: rules are immutable)."""
    return MarkEngine.from_pairs(rules.marks)


def find_marks(text: str, rules: Rules | None = None, styles: dict[str, str] | None = None) -> tuple[MarkSpan, ...]:
    """Pair the quotation marks of ``text``; see the module docstring for the rules.

    >>> text = "»Ja«, sagte sie."
    >>> [text[s.content_start:s.content_end] for s in find_marks(text)]
    ['Ja']
    """
    return engine_for(rules or load_rules()).find(text, styles)
