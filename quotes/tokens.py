"""spaCy integration of stage 1: tokenizer fixes for quotation marks and a quote-aware
sentence component, for users who run zitate inside a spaCy pipeline.

spaCy's blank German tokenizer leaves ``›Nein‹``, ``„Wir“-Gefühl`` and marks with no
space beside them (``sagte:„Ja“``) in one token; :func:`fix_tokenizer` makes every
quotation mark a token of its own (apostrophes inside words stay: geht’s). Its
sentencizer glues an opening mark after a full stop to the previous sentence and never
breaks at blank lines; the ``quotes_sentences`` component uses :mod:`quotes.segment`
instead.

>>> nlp = blank_german()
>>> [t.text for t in nlp("Das „Wir“-Gefühl und ›Nein‹, sagte:„Ja“")]
['Das', '„', 'Wir', '“', '-Gefühl', 'und', '›', 'Nein', '‹', ',', 'sagte', ':', '„', 'Ja', '“']
"""

from __future__ import annotations

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .ruleset import load_rules
from .segment import sentence_spans
from .words import vocabulary_for

# Marks that never occur inside a word; single marks that double as apostrophes (’ ')
# are split only at the edges of a token, by spaCy's own prefix and suffix rules.
_ALWAYS_SPLIT = "„“”»«›‹‚\""


def fix_tokenizer(nlp: Language) -> Language:
    """Make each quotation mark its own token in ``nlp``'s tokenizer (in place)."""
    marks = [regex.escape(c) for c in _ALWAYS_SPLIT]
    defaults = nlp.Defaults
    prefixes = list(defaults.prefixes or []) + marks
    suffixes = list(defaults.suffixes or []) + marks
    infixes = list(defaults.infixes or []) + [
        "[" + "".join(marks) + "]", r"(?<=\w)[:,;](?=[" + "".join(marks) + "])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@Language.component("quotes_sentences")
def quote_aware_sentences(doc: Doc) -> Doc:
    """Set sentence starts from :func:`quotes.segment.sentence_spans` (quote-aware, blank lines break)."""
    vocab = vocabulary_for(load_rules())
    spans = sentence_spans(doc.text, vocab.abbreviations, vocab.ordinal_context, vocab.before_numbers)
    starts = {start for start, _ in spans}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


def blank_german(sentences: bool = True) -> Language:
    """``spacy.blank("de")`` with the tokenizer fixes and, optionally, the sentence component."""
    nlp = fix_tokenizer(spacy.blank("de"))
    if sentences:
        nlp.add_pipe("quotes_sentences")
    return nlp
