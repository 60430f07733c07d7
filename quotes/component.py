"""spaCy integration: the ``quotes`` pipeline component.

After ``pip install zitate`` spaCy finds the factory through the ``spacy_factories`` entry
point, so no import is needed (``import quotes.component`` registers it by hand)::

    >>> import spacy
    >>> import quotes.component
    >>> nlp = spacy.blank("de")
    >>> _ = nlp.add_pipe("quotes")
    >>> doc = nlp("„Wir sind bereit“, sagte die Ministerin.")
    >>> [(q.type, q.text, q.speaker.text) for q in doc._.quotes]
    [('direct', 'Wir sind bereit', 'die Ministerin')]
    >>> span = doc.spans["quotes"][0]
    >>> (span.label_, span._.speaker.text, span._.cue.lemma)
    ('direct', 'die Ministerin', 'sagen')
    >>> [t.text for t in doc if t._.in_quote]
    ['Wir', 'sind', 'bereit']

``spacy.blank("de")`` leaves some marks inside tokens (``›Nein‹``, ``sagte:„Ja“``), so a
quote's span can be wider than the quote (``alignment_mode="expand"``); with
:func:`quotes.tokens.blank_german` each mark is a token and the spans match the quote offsets.

Config (``nlp.add_pipe("quotes", config={...})``):

``rules_dirs``
    user rule folders added to the packaged rules (``Extractor(rules_dirs=...)``). They are
    stored in the pipeline's config as paths, not copied: use absolute paths and make the
    folders available wherever the saved pipeline is loaded.
``min_confidence``
    leave out quotes below this confidence (``parent`` indices are renumbered).
``spans_key``
    the key of the span group in ``doc.spans`` (default ``"quotes"``).

What the component sets:

* ``doc._.quotes`` — the :class:`~quotes.model.Quote` objects, sorted by position;
* ``doc.spans[spans_key]`` — one span per quote, labelled with its type, from
  ``doc.char_span(q.start, q.end, alignment_mode="expand")`` (a quote that covers no token is
  left out of the group but stays in ``doc._.quotes``);
* ``span._.quote``, ``span._.speaker``, ``span._.cue`` — for spans of that group (and for any
  span whose characters are exactly a quote's), else ``None``;
* ``token._.in_quote`` — the token overlaps the content of a quote (the quotation marks
  themselves are outside the content).

All extensions are getters reading one plain, JSON-able list stored in
``doc.user_data[("zitate", "quotes")]``, so they survive ``DocBin(store_user_data=True)``,
``doc.to_bytes()`` and ``nlp.pipe(texts, n_process=2)``; the getters rebuild the objects on
each access (keep the list from ``doc._.quotes`` if you use it in a loop). If a pipeline holds
several ``quotes`` components, the extensions show the last one's quotes.

The component needs no other component: offsets are indices into ``doc.text``, it works on
``spacy.blank("de")`` and after any other components, and does not need the
``quotes_sentences`` component. Placed after the tagger, parser and NER of a trained pipeline,
it uses their annotations for the speakers (see :mod:`quotes.backbone`).
"""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from .backbone import ParsedDoc
from .extract import Extractor, filter_quotes
from .model import Cue, Quote, Speaker

#: Where the component keeps its quotes in ``doc.user_data`` (a list of dicts, see :func:`quote_to_data`).
USER_DATA_KEY = ("zitate", "quotes")


# --- plain data <-> model objects --------------------------------------------------------

def quote_to_data(quote: Quote, span: Optional[Span] = None) -> Dict[str, Any]:
    """``quote.to_dict()`` plus what it leaves out (the exact confidence, ``marks``) and the
    character offsets of the quote's span in the doc (or ``None``). JSON- and msgpack-able."""
    data = quote.to_dict()
    data["confidence"] = quote.confidence
    data["marks"] = [[start, end] for start, end in quote.marks]
    data["span"] = None if span is None else [span.start_char, span.end_char]
    return data


def quote_from_data(data: Mapping[str, Any]) -> Quote:
    """The :class:`Quote` of ``quote.to_dict()`` or :func:`quote_to_data` output.

    Accepts lists or tuples for the nested sequences (``DocBin`` reads them back as tuples).
    From ``to_dict()`` alone ``marks`` is empty and the confidence is rounded to 3 decimals.
    """
    speaker = data.get("speaker")
    cue = data.get("cue")
    return Quote(
        type=data["type"], start=data["start"], end=data["end"], text=data["text"],
        speaker=None if speaker is None else Speaker(
            text=speaker["text"], start=speaker["start"], end=speaker["end"],
            entity=speaker.get("entity"), kind=speaker.get("kind", "pronoun")),
        cue=None if cue is None else Cue(
            text=cue["text"], start=cue["start"], end=cue["end"], lemma=cue["lemma"],
            kind=cue.get("kind", "verb"), medium=cue.get("medium", "speech")),
        confidence=data.get("confidence", 0.5), rule=data.get("rule", ""), parent=data.get("parent"),
        marks=tuple((int(start), int(end)) for start, end in data.get("marks") or ()),
    )


# --- extension getters (module-level functions: picklable for spawned processes) ----------

def _stored(doc: Doc) -> Sequence[Mapping[str, Any]]:
    return doc.user_data.get(USER_DATA_KEY) or ()


def _doc_quotes(doc: Doc) -> List[Quote]:
    return [quote_from_data(data) for data in _stored(doc)]


def _span_quote_data(span: Span) -> Optional[Mapping[str, Any]]:
    chars = (span.start_char, span.end_char)
    label = span.label_
    fallback = None
    for data in _stored(span.doc):
        stored_span = data.get("span")
        if (stored_span is not None and tuple(stored_span) == chars) or (data["start"], data["end"]) == chars:
            if not label or data["type"] == label:
                return data
            fallback = fallback or data
    return fallback


def _span_quote(span: Span) -> Optional[Quote]:
    data = _span_quote_data(span)
    return None if data is None else quote_from_data(data)


def _span_speaker(span: Span) -> Optional[Speaker]:
    quote = _span_quote(span)
    return None if quote is None else quote.speaker


def _span_cue(span: Span) -> Optional[Cue]:
    quote = _span_quote(span)
    return None if quote is None else quote.cue


def _token_in_quote(token: Token) -> bool:
    start = token.idx
    end = start + len(token.text)
    return any(data["start"] < end and start < data["end"] for data in _stored(token.doc))


def _register_extensions() -> None:
    for cls, name, getter in ((Doc, "quotes", _doc_quotes), (Span, "quote", _span_quote),
                              (Span, "speaker", _span_speaker), (Span, "cue", _span_cue),
                              (Token, "in_quote", _token_in_quote)):
        if not cls.has_extension(name):
            cls.set_extension(name, getter=getter)


_register_extensions()


# --- the component -----------------------------------------------------------------------

class QuotesComponent:
    """Finds the quotes of each Doc with one :class:`~quotes.extract.Extractor` (see the module doc).

    Pickling keeps the settings and rebuilds the extractor (the rules are cached per process).
    There is no ``to_disk``/``from_disk``: the settings live in the pipeline's config.
    """

    def __init__(self, nlp: Optional[Language], name: str = "quotes", *, rules_dirs: Iterable[str] = (),
                 min_confidence: float = 0.0, spans_key: str = "quotes") -> None:
        self.name = name
        self.rules_dirs: Tuple[str, ...] = tuple(str(d) for d in rules_dirs)
        self.min_confidence = float(min_confidence)
        self.spans_key = spans_key
        self.extractor = Extractor(rules_dirs=self.rules_dirs)

    def find_quotes(self, doc: Doc) -> List[Quote]:
        """The quotes of ``doc`` to store. When earlier components of a trained pipeline
        tagged, parsed or found entities, the speaker rules use them (no second run)."""
        backbone = None
        if any(doc.has_annotation(a) for a in ("TAG", "DEP", "ENT_IOB")):
            backbone = ParsedDoc(doc)
        return filter_quotes(self.extractor.extract(doc.text, backbone=backbone), self.min_confidence)

    def __call__(self, doc: Doc) -> Doc:
        quotes = self.find_quotes(doc)
        spans: List[Span] = []
        stored: List[Dict[str, Any]] = []
        for quote in quotes:
            span = doc.char_span(quote.start, quote.end, label=quote.type, alignment_mode="expand")
            if span is not None and len(span) == 0:
                span = None
            if span is not None:
                spans.append(span)
            stored.append(quote_to_data(quote, span))
        doc.user_data[USER_DATA_KEY] = stored
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        return doc

    def __getstate__(self) -> Dict[str, Any]:
        return {"name": self.name, "rules_dirs": self.rules_dirs, "min_confidence": self.min_confidence,
                "spans_key": self.spans_key}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__init__(None, state["name"], rules_dirs=state["rules_dirs"],  # type: ignore[misc]
                      min_confidence=state["min_confidence"], spans_key=state["spans_key"])

    def __repr__(self) -> str:
        return (f"QuotesComponent(name={self.name!r}, rules_dirs={list(self.rules_dirs)!r}, "
                f"min_confidence={self.min_confidence!r}, spans_key={self.spans_key!r})")


@Language.factory(
    "quotes",
    default_config={"rules_dirs": [], "min_confidence": 0.0, "spans_key": "quotes"},
    assigns=["doc._.quotes", "doc.spans", "span._.quote", "span._.speaker", "span._.cue", "token._.in_quote"],
)
def make_quotes_component(nlp: Language, name: str, rules_dirs: List[str], min_confidence: float,
                          spans_key: str) -> QuotesComponent:
    """The ``quotes`` factory (also the ``spacy_factories`` entry point)."""
    return QuotesComponent(nlp, name, rules_dirs=rules_dirs, min_confidence=min_confidence, spans_key=spans_key)
