"""Stage 1: paragraphs and quote-aware sentences, as character spans of the text.

Pure functions on text, linear in its length. Paragraphs break at blank lines.
Sentences also break at every line break (headlines, captions), after a full stop,
question or exclamation mark followed by a capitalised word, a digit or an opening
mark, and they keep their marks: an opening mark after a full stop starts the next
sentence, a closing mark after a full stop ends the current one. Abbreviations and
ordinal numbers (``am 13. Februar``) do not end a sentence.

>>> text = "Er sagte: „Wir kommen.“ „Gut.“ Dann ging er."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Er sagte: „Wir kommen.“', '„Gut.“', 'Dann ging er.']
"""

from __future__ import annotations

from typing import AbstractSet

import regex

_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n\s*")
_TERMINATOR = regex.compile(r"[.!?…]+|\n")
_CLOSERS = set("“”«»‹›‘’\"')]")
_OPENERS = set("„»«‚›‹\"'(–—-“‘[")
def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split at blank lines; the spans cover the whole text (separators stay with the paragraph before).

    >>> paragraph_spans("a\\n\\nb")
    [(0, 3), (3, 4)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BLANK_LINE.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".’'"):
        start -= 1
    return text[start:position]


def _previous_word(text: str, position: int) -> str:
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end].lower()


def _ends_sentence(text: str, dot: int, word: str, abbreviations: AbstractSet[str],
                   ordinal_context: AbstractSet[str]) -> bool:
    """Whether the full stop at ``dot`` after ``word`` ends a sentence."""
    if not word:
        return True
    if word.isdigit():
        # "am 13. Februar", "zum 40. Geburtstag": an ordinal after an article or preposition
        return _previous_word(text, dot - len(word)) not in ordinal_context
    bare = word.lower().rstrip(".")
    if len(bare) == 1 and bare.isalpha():  # initials: John F. Kennedy
        return False
    return bare not in abbreviations


def sentence_spans(text: str, abbreviations: AbstractSet[str] = frozenset(),
                   ordinal_context: AbstractSet[str] = frozenset(),
                   before_numbers: AbstractSet[str] = frozenset()) -> list[tuple[int, int]]:
    """Quote-aware sentence spans, white space trimmed; see the module docstring.

    ``abbreviations`` and ``ordinal_context`` come from ``rules/words.toml`` (section
    ``sentences``): words after which a full stop does not end the sentence;
    ``before_numbers`` are abbreviations only before a number (*Art. 5*, but *dieser Art. Sie*).
    """
    boundaries: list[int] = [0]
    length = len(text)
    for match in _TERMINATOR.finditer(text):
        end = match.end()
        if match.group() == "\n":
            boundaries.append(end)
            continue
        while end < length and text[end] in _CLOSERS:
            end += 1
        if end >= length:
            continue
        if not text[end].isspace():
            continue
        following = end
        while following < length and text[following].isspace() and text[following] != "\n":
            following += 1
        if following >= length or text[following] == "\n":
            boundaries.append(end)
            continue
        nxt = text[following]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        word = _word_before(text, match.start()) if match.group() == "." else ""
        if word and word.lower() in before_numbers and not nxt.isdigit():
            boundaries.append(end)
            continue
        if match.group() == "." and not _ends_sentence(text, match.start(), word, abbreviations, ordinal_context):
            continue
        boundaries.append(end)
    boundaries.append(length)
    spans: list[tuple[int, int]] = []
    for start, end in zip(boundaries, boundaries[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
