"""Stage 2b (optional): a linguistic backbone that annotates the words the rules read.

The default engine needs none: closed-class lists, name heuristics and the verb lexicons
in ``rules/`` classify words. A backbone adds what a statistical model knows:

- :class:`HanTaBackbone` (``pip install zitate[hanta]``): STTS part-of-speech tags from
  the HanTa tagger (proper noun ``NE`` against common noun ``NN``, finite verbs).
- :class:`SpacyBackbone`: any trained spaCy pipeline the user passes
  (``Extractor(nlp=spacy.load("de_core_news_lg"))``); it uses the tagger, the parser
  (subject ``sb`` of the cue verb) and the named entities, each only when present.

The rules use an annotation where it exists and fall back to their own reading where
it does not, so a backbone can improve attribution but never removes a rule.

>>> backbone = SpacyBackbone(_fake_pipeline())
>>> annotate = backbone.document("Anna Berg sagte dies.")
>>> from quotes.words import tokenize
>>> [(w.text, w.tag, w.ent) for w in annotate(tokenize("Anna Berg sagte dies.", 0))][:3]
[('Anna', 'NE', 'PER'), ('Berg', 'NE', 'PER'), ('sagte', 'VVFIN', '')]
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Any, Callable, Protocol

import attrs
import regex

from .words import Word

Annotate = Callable[[list[Word]], list[Word]]


class Backbone(Protocol):
    """Annotates the words of one document (see the module docstring)."""

    name: str

    def document(self, text: str) -> Annotate:
        """A function that returns the words of a sentence of ``text`` with annotations."""


FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})


@attrs.frozen
class SpacyBackbone:
    """A trained spaCy pipeline: its tags, dependency parse and entities, where it has them."""

    nlp: Any
    name: str = "spacy"

    def document(self, text: str) -> Annotate:
        tokens: dict[int, tuple[str, str, str, int]] = {}
        for offset, chunk in _chunks(text, getattr(self.nlp, "max_length", 1_000_000)):
            _collect(self.nlp(chunk), offset, tokens)
        return _annotator(tokens)


@attrs.frozen
class ParsedDoc:
    """A document that earlier components of a pipeline already annotated (the spaCy
    component's case): its annotations, without running anything again."""

    doc: Any
    name: str = "spacy-doc"

    def document(self, text: str) -> Annotate:
        tokens: dict[int, tuple[str, str, str, int]] = {}
        _collect(self.doc, 0, tokens)
        return _annotator(tokens)


def _collect(doc: Any, offset: int, tokens: dict[int, tuple[str, str, str, int]]) -> None:
    """Character offset -> (tag, entity type, dependency label, head offset) of each token."""
    has_tags, has_deps, has_ents = (doc.has_annotation(a) for a in ("TAG", "DEP", "ENT_IOB"))
    for token in doc:
        tokens[offset + token.idx] = (token.tag_ if has_tags else "", token.ent_type_ if has_ents else "",
                                      token.dep_ if has_deps else "", offset + token.head.idx if has_deps else -1)


def _annotator(tokens: dict[int, tuple[str, str, str, int]]) -> Annotate:
    """Our words with the annotations of the token each starts in."""
    starts = sorted(tokens)

    def annotate(words: list[Word]) -> list[Word]:
        annotated = []
        for word in words:
            found = tokens.get(word.start)
            if found is None:  # our word starts inside a spaCy token: take that token
                at = bisect_left(starts, word.start + 1) - 1
                found = tokens[starts[at]] if at >= 0 else None
            if found is None:
                annotated.append(word)
                continue
            tag, ent, dep, head = found
            annotated.append(attrs.evolve(word, tag=tag, ent=ent, dep=dep, head=head))
        return annotated

    return annotate


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    r"""``text`` in pieces below a pipeline's ``max_length``, cut at blank lines where possible
    (at line ends, else hard), with the offset of each piece.

    >>> _chunks("ab\n\ncd\n\nef", 5)
    [(0, 'ab\n\n'), (4, 'cd\n\n'), (8, 'ef')]
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit - 1)
        if cut <= start:
            cut = text.rfind("\n", start, start + limit)
        end = cut + 2 if cut > start and text.startswith("\n\n", cut) else cut + 1 if cut > start else start + limit
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


@attrs.frozen
class HanTaBackbone:
    """STTS tags from HanTa (LGPL; ``pip install zitate[hanta]``), sentence by sentence."""

    name: str = "hanta"

    def __attrs_post_init__(self) -> None:
        _hanta_tagger()  # fail at once, with the install hint, not at the first document

    def document(self, text: str) -> Annotate:
        tagger = _hanta_tagger()

        def annotate(words: list[Word]) -> list[Word]:
            if not words:
                return words
            # long words cost HanTa time quadratic in their length; a compound's class is at its end
            tags = tagger.tag_sent([w.text[-40:] for w in words], taglevel=0)
            return [attrs.evolve(word, tag=_stts(tag)) for word, tag in zip(words, tags)]

        return annotate


_HANTA_TAG = regex.compile(r"([A-Z]+)\(([A-Z]+)\)")
_HANTA_EXTRA = {"NNA": "NN", "NNI": "NN", "UNKNOWN": "XY", "PROAV": "PAV"}


def _stts(tag: str) -> str:
    """HanTa's TIGER variant as STTS: "VV(FIN)" -> "VVFIN", "NNA" -> "NN"; "$(" stays."""
    match = _HANTA_TAG.fullmatch(tag)
    if match:
        return match.group(1) + match.group(2)
    return _HANTA_EXTRA.get(tag, tag)


@lru_cache(maxsize=1)
def _hanta_tagger() -> Any:
    try:
        from HanTa import HanoverTagger
    except ImportError as error:  # pragma: no cover - depends on the optional extra
        raise ImportError("the HanTa backbone needs the optional extra: pip install 'zitate[hanta]'") from error
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def backbone_for(name_or_nlp: Any) -> Backbone | None:
    """The backbone for ``"hanta"``, ``"rules"``/None, or a spaCy pipeline object.

    >>> backbone_for(None) is None and backbone_for("rules") is None
    True
    """
    if name_or_nlp is None or name_or_nlp == "rules":
        return None
    if hasattr(name_or_nlp, "document"):
        return name_or_nlp  # already a backbone
    if name_or_nlp == "hanta":
        return HanTaBackbone()
    if isinstance(name_or_nlp, str):
        raise ValueError(f"unknown backbone {name_or_nlp!r} (expected 'rules', 'hanta' or a spaCy pipeline)")
    return SpacyBackbone(name_or_nlp)


def load_backbone(spec: str) -> Backbone | None:
    """The backbone a command-line spec names: ``rules`` (none, the default), ``hanta``,
    or ``spacy:NAME`` (a trained pipeline loaded with ``spacy.load(NAME)``).

    >>> load_backbone("rules") is None
    True
    """
    if spec.startswith("spacy:"):
        import spacy

        return SpacyBackbone(spacy.load(spec[len("spacy:"):]))
    return backbone_for(spec)


def _fake_pipeline() -> Any:
    """A stand-in pipeline for the doctest: a blank German pipeline whose docs get
    hand-set tags and entities (no trained model needed)."""
    import spacy
    from spacy.tokens import Span

    blank = spacy.blank("de")

    def run(text: str) -> Any:
        doc = blank(text)
        for token in doc:
            token.tag_ = "NE" if token.text[:1].isupper() else ("VVFIN" if token.text == "sagte" else "XY")
        doc.ents = [Span(doc, 0, 2, label="PER")]
        return doc

    return run
