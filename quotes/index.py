"""A quote index over a corpus: who said what, in which document, with which cue.

The index has one :class:`SpeakerEntry` per entity across all documents and one
:class:`DocumentStats` per document. Entities of different documents are merged by
*name* (never by pronoun):

* two speakers merge when their normalised names are equal — case-insensitive, one
  leading article (der, die, das, den, dem, des) dropped, whitespace folded — so
  ``die Polizei``, ``Die Polizei`` and ``Polizei`` are one entry;
* a shorter name merges into a person name of at least two words when their last words
  are equal after normalisation and the shorter name's words occur in the longer one in
  order (``Putin`` and ``Wladimir Putin`` → ``Wladimir Putin``). A short name that fits
  several different full names (``Müller`` with ``Anna Müller`` and ``Hans Müller``) is
  ambiguous and keeps its own entry; organisations and groups never merge this way.
  A name is a person name when some quote mentions it by name (speaker kind ``name``),
  or, with no organisation or group mention, when it is two or more capitalised words
  without an article (``Wladimir Putin`` reached only through *er*).

The entry is named with the fullest form: most words after normalisation, then with its
article (``die Polizei`` over ``Polizei``), a lower-case article over a capitalised one
(sentence-initial ``Die Polizei``), then the most frequent form, then alphabetically.

A quote whose speaker is an unresolved pronoun (``entity`` is None, kind ``pronoun``:
*sie sagte* with no antecedent, *man*, *wir*) is not merged with anyone: all of them go
under the single entry named :data:`UNRESOLVED` (``"(unresolved)"``), so every quote that
has a speaker is in exactly one entry. A speaker of another kind without an entity is
indexed under its mention text. Quotes without a speaker are in no entry; each document
counts them as ``unattributed``.

The index is canonical: documents are sorted by id, speakers by number of quotes
(descending) then name, quotes by document and offsets, so the same documents give an
equal index in any order, and ``QuoteIndex.from_json(ix.to_json()) == ix``.

>>> from quotes import Extractor
>>> ix = index_texts(Extractor(), [("a", "„Wir sind bereit“, sagte Wladimir Putin."),
...                                ("b", "Putin sagte, der Westen habe die Lage verschärft.")])
>>> [(s.name, s.variants, s.counts) for s in ix.speakers]
[('Wladimir Putin', ('Putin', 'Wladimir Putin'), {'direct': 1, 'indirect': 1, 'mixed': 0})]
>>> [(q.document, q.type, q.text) for q in ix.quotes_by("putin")]
[('a', 'direct', 'Wir sind bereit'), ('b', 'indirect', 'der Westen habe die Lage verschärft')]
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Iterable, Sequence

import attrs

from .model import QUOTE_TYPES, Quote

INDEX_VERSION = 1
UNRESOLVED = "(unresolved)"
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})
_NOT_PERSONS = frozenset({"organisation", "group", "thing"})


def normalise_name(name: str) -> str:
    """The key two names must share to be one entity: case-folded, one leading article
    dropped, whitespace folded.

    >>> normalise_name("  Die   Polizei ")
    'polizei'
    >>> normalise_name("der Sprecher der Polizei")
    'sprecher der polizei'
    """
    words = name.casefold().split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _confidence(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


@attrs.frozen
class IndexedQuote:
    """One quote in the index: where it is, what it says, how it was introduced.

    ``mention`` is the speaker as written in the document (``"er"``); ``cue`` and
    ``cue_lemma`` are None for a quote without a cue.

    >>> q = IndexedQuote(document="a", type="direct", start=1, end=5, text="Nein", mention="er",
    ...                  cue="sagte", cue_lemma="sagen", confidence=0.95, rule="direct.cue-after")
    >>> IndexedQuote.from_json(q.to_json()) == q
    True
    """

    document: str = attrs.field(converter=_str)
    type: str = attrs.field(validator=attrs.validators.in_(QUOTE_TYPES))
    start: int = attrs.field(converter=_int)
    end: int = attrs.field(converter=_int)
    text: str = attrs.field(converter=_str)
    mention: str = attrs.field(converter=_str)
    cue: str | None = attrs.field(default=None, converter=_optional_str)
    cue_lemma: str | None = attrs.field(default=None, converter=_optional_str)
    confidence: float = attrs.field(default=0.5, converter=_confidence)
    rule: str = attrs.field(default="", converter=_str)

    @classmethod
    def of(cls, doc_id: str, quote: Quote) -> IndexedQuote:
        """The index form of an extracted quote that has a speaker.

        >>> from quotes import extract
        >>> IndexedQuote.of("a", extract("„Ja“, sagte sie.")[0]).mention
        'sie'
        """
        if quote.speaker is None:
            raise ValueError("a quote without a speaker has no place in a speaker entry")
        return cls(document=doc_id, type=quote.type, start=quote.start, end=quote.end, text=quote.text,
                   mention=quote.speaker.text, cue=quote.cue.text if quote.cue else None,
                   cue_lemma=quote.cue.lemma if quote.cue else None,
                   confidence=round(quote.confidence, 3), rule=quote.rule)

    def sort_key(self) -> tuple:
        return (self.document, self.start, self.end, self.type, self.rule, self.mention, self.text,
                self.cue or "", self.cue_lemma or "", self.confidence)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of this quote (the keys of ``index.schema.json``)."""
        return {"document": self.document, "type": self.type, "start": self.start, "end": self.end,
                "text": self.text, "mention": self.mention, "cue": self.cue, "cue_lemma": self.cue_lemma,
                "confidence": self.confidence, "rule": self.rule}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexedQuote:
        """The quote of a :meth:`to_json` object."""
        return cls(**{field.name: data[field.name] for field in attrs.fields(cls)})


def _sorted_quotes(quotes: Iterable[IndexedQuote]) -> tuple[IndexedQuote, ...]:
    return tuple(sorted(quotes, key=IndexedQuote.sort_key))


def _sorted_strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({_str(v) for v in values}))


@attrs.frozen
class SpeakerEntry:
    """One entity of the corpus: its name, the mention texts seen, its quotes.

    >>> q = IndexedQuote(document="a", type="direct", start=1, end=5, text="Nein", mention="er")
    >>> entry = SpeakerEntry(name="Wladimir Putin", variants=["er", "Putin"], quotes=[q])
    >>> (entry.variants, entry.counts)
    (('Putin', 'er'), {'direct': 1, 'indirect': 0, 'mixed': 0})
    """

    name: str = attrs.field(converter=_str)
    variants: tuple[str, ...] = attrs.field(converter=_sorted_strings)
    quotes: tuple[IndexedQuote, ...] = attrs.field(converter=_sorted_quotes)

    @property
    def counts(self) -> dict[str, int]:
        """Number of quotes by type: ``{"direct": n, "indirect": n, "mixed": n}``."""
        counts = dict.fromkeys(QUOTE_TYPES, 0)
        for quote in self.quotes:
            counts[quote.type] += 1
        return counts

    @property
    def unresolved(self) -> bool:
        """True for the entry that collects quotes of unresolved pronouns."""
        return self.name == UNRESOLVED

    def to_json(self) -> dict[str, Any]:
        """The JSON object of this entry (``counts`` is derived from ``quotes``)."""
        return {"name": self.name, "variants": list(self.variants), "counts": self.counts,
                "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SpeakerEntry:
        """The entry of a :meth:`to_json` object; ``counts``, if given, must match the quotes."""
        entry = cls(name=data["name"], variants=data["variants"],
                    quotes=[IndexedQuote.from_json(q) for q in data["quotes"]])
        if "counts" in data and data["counts"] != entry.counts:
            raise ValueError(f"speaker {entry.name!r}: counts {data['counts']} do not match "
                             f"its quotes {entry.counts}")
        return entry


@attrs.frozen
class DocumentStats:
    """One indexed document: its id, length in characters, number of quotes (all of them)
    and how many of those have no speaker.

    >>> DocumentStats(id="a", length=120, quotes=3, unattributed=1).to_json()
    {'id': 'a', 'length': 120, 'quotes': 3, 'unattributed': 1}
    """

    id: str = attrs.field(converter=_str)
    length: int = attrs.field(converter=_int)
    quotes: int = attrs.field(converter=_int)
    unattributed: int = attrs.field(default=0, converter=_int)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "length": self.length, "quotes": self.quotes, "unattributed": self.unattributed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentStats:
        return cls(id=data["id"], length=data["length"], quotes=data["quotes"], unattributed=data["unattributed"])


def _sorted_documents(documents: Iterable[DocumentStats]) -> tuple[DocumentStats, ...]:
    return tuple(sorted(documents, key=lambda d: d.id))


def _speaker_order(entry: SpeakerEntry) -> tuple:
    return (-len(entry.quotes), entry.name.casefold(), entry.name)


def _sorted_speakers(speakers: Iterable[SpeakerEntry]) -> tuple[SpeakerEntry, ...]:
    return tuple(sorted(speakers, key=_speaker_order))


@attrs.frozen
class QuoteIndex:
    """Who said what across a corpus (see the module docstring for the merging rules).

    Build it with :func:`build_index`, :func:`index_texts` or :class:`IndexBuilder`.
    Construction sorts documents and speakers, so equal content gives equal indexes.

    >>> ix = build_index([("a", "„Ja“, sagte Anna Weber.", quotes_of("„Ja“, sagte Anna Weber."))])
    >>> ix.speakers[0].name, [d.id for d in ix.documents]
    ('Anna Weber', ['a'])
    >>> QuoteIndex.from_json(ix.to_json()) == ix
    True
    """

    documents: tuple[DocumentStats, ...] = attrs.field(factory=tuple, converter=_sorted_documents)
    speakers: tuple[SpeakerEntry, ...] = attrs.field(factory=tuple, converter=_sorted_speakers)

    def find(self, name: str) -> list[SpeakerEntry]:
        """The entries named ``name``; if none, the entries with ``name`` among their variants.
        Case-insensitive, with the same normalisation as merging (leading article dropped).

        >>> ix = build_index([("a", "„Ja“, sagte Anna Weber.", quotes_of("„Ja“, sagte Anna Weber."))])
        >>> [s.name for s in ix.find("anna  weber")]
        ['Anna Weber']
        """
        key = normalise_name(name)
        named = [s for s in self.speakers if normalise_name(s.name) == key]
        if named:
            return named
        return [s for s in self.speakers if any(normalise_name(v) == key for v in s.variants)]

    def quotes_by(self, name: str) -> list[IndexedQuote]:
        """All quotes of the entity called ``name`` (its name or any variant, case-insensitive).

        A name matches before a variant: ``quotes_by("Putin")`` gives the quotes of the entry
        ``Putin`` if there is one, else those of the entries that list *Putin* as a variant.
        A pronoun variant (``"er"``) gives the quotes of every entry that lists it.

        >>> ix = build_index([("a", "„Ja“, sagte Anna Weber.", quotes_of("„Ja“, sagte Anna Weber."))])
        >>> [q.text for q in ix.quotes_by("Anna Weber")]
        ['Ja']
        """
        return [quote for entry in self.find(name) for quote in entry.quotes]

    @property
    def quote_count(self) -> int:
        """Number of quotes in speaker entries (every quote that has a speaker).

        >>> QuoteIndex().quote_count
        0
        """
        return sum(len(s.quotes) for s in self.speakers)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict in a deterministic order (``index.schema.json``).

        >>> QuoteIndex().to_json()
        {'version': 1, 'documents': [], 'speakers': []}
        """
        return {"version": INDEX_VERSION, "documents": [d.to_json() for d in self.documents],
                "speakers": [s.to_json() for s in self.speakers]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuoteIndex:
        """The index of a :meth:`to_json` dict; a malformed one raises ``ValueError``.

        >>> QuoteIndex.from_json({"version": 1, "documents": [], "speakers": []}) == QuoteIndex()
        True
        """
        if not isinstance(data, dict):
            raise ValueError(f"a quote index is a JSON object, got {type(data).__name__}")
        if data.get("version") != INDEX_VERSION:
            raise ValueError(f"unsupported quote index version {data.get('version')!r} (expected {INDEX_VERSION})")
        try:
            return cls(documents=[DocumentStats.from_json(d) for d in data["documents"]],
                       speakers=[SpeakerEntry.from_json(s) for s in data["speakers"]])
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed quote index: {type(error).__name__}: {error}") from error


# ---------------------------------------------------------------------------------- building


@attrs.define
class _Group:
    """Speakers of one normalised name, while building."""

    words: tuple[str, ...]
    forms: Counter = attrs.field(factory=Counter)  # entity (or mention) as written -> quotes
    variants: set = attrs.field(factory=set)
    kinds: set = attrs.field(factory=set)
    quotes: list = attrs.field(factory=list)

    def is_person(self) -> bool:
        if "name" in self.kinds:
            return True
        return not self.kinds & _NOT_PERSONS and any(_looks_like_name(form) for form in self.forms)


def _looks_like_name(form: str) -> bool:
    words = form.split()
    return len(words) >= 2 and words[0].casefold() not in _ARTICLES and all(w[:1].isupper() for w in words)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


_CAPITALISED_ARTICLES = frozenset(a.capitalize() for a in _ARTICLES)


def _name_choice(form: str, count: int) -> tuple:
    """Sort key of the forms of one entity: the first one names it (fullest first)."""
    normal = normalise_name(form)
    words = form.split()
    capitalised_article = bool(words) and words[0] in _CAPITALISED_ARTICLES
    return (-len(normal.split()), -len(normal), -len(words), capitalised_article, -count, form)


class IndexBuilder:
    """Collects documents one at a time; :meth:`build` merges the entities and returns the
    :class:`QuoteIndex` (it can be called again after more ``add`` calls).

    Document ids must be unique: adding an id twice raises ``ValueError``.

    >>> builder = IndexBuilder()
    >>> builder.add("a", "„Ja“, sagte er.", quotes_of("„Ja“, sagte er."))
    >>> builder.add("b", "Der Titel „Nein“.", quotes_of("Der Titel „Nein“."))
    >>> ix = builder.build()
    >>> [(s.name, s.variants) for s in ix.speakers], [d.unattributed for d in ix.documents]
    ([('(unresolved)', ('er',))], [0, 1])
    """

    def __init__(self) -> None:
        self._documents: dict[str, DocumentStats] = {}
        self._groups: dict[str, _Group] = {}
        self._unresolved: _Group = _Group(words=())

    def __len__(self) -> int:
        """Number of documents added."""
        return len(self._documents)

    def add(self, doc_id: str, text: str, quotes: Iterable[Quote]) -> None:
        """Add one document with its extracted quotes (filter them by confidence first if you wish)."""
        if doc_id in self._documents:
            raise ValueError(f"document id {doc_id!r} was already added to the index")
        total = unattributed = 0
        attributed: list[Quote] = []
        for quote in quotes:
            total += 1
            if quote.speaker is None:
                unattributed += 1
            else:
                attributed.append(quote)
        stats = DocumentStats(id=doc_id, length=len(text), quotes=total, unattributed=unattributed)
        # only now: an iterable that fails half-way leaves the builder unchanged
        for quote in attributed:
            speaker = quote.speaker
            if not speaker.entity and speaker.kind == "pronoun":
                group = self._unresolved
            else:
                form = speaker.entity or speaker.text
                key = normalise_name(form)
                group = self._groups.get(key)
                if group is None:
                    group = self._groups[key] = _Group(words=tuple(key.split()))
                group.forms[form] += 1
                group.kinds.add(speaker.kind)
            group.variants.add(speaker.text)
            group.quotes.append(IndexedQuote.of(doc_id, quote))
        self._documents[doc_id] = stats

    def build(self) -> QuoteIndex:
        """The index of the documents added so far."""
        keys = sorted(self._groups)
        parent = {key: key for key in keys}

        def root(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        by_last: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_last[self._groups[key].words[-1] if self._groups[key].words else ""].append(key)
        for key in keys:
            group = self._groups[key]
            if not group.words or group.kinds & _NOT_PERSONS:
                continue
            longer = [other for other in by_last[group.words[-1]]
                      if len(self._groups[other].words) > len(group.words) >= 1
                      and len(self._groups[other].words) >= 2
                      and self._groups[other].is_person()
                      and _is_subsequence(group.words, self._groups[other].words)]
            fullest = [o for o in longer
                       if not any(p != o and _is_subsequence(self._groups[o].words, self._groups[p].words)
                                  for p in longer)]
            if len(fullest) == 1:
                parent[root(key)] = root(fullest[0])

        components: dict[str, list[_Group]] = defaultdict(list)
        for key in keys:
            components[root(key)].append(self._groups[key])
        speakers = [self._entry(groups) for groups in components.values()]
        if self._unresolved.quotes:
            speakers.append(SpeakerEntry(name=UNRESOLVED, variants=self._unresolved.variants,
                                         quotes=self._unresolved.quotes))
        return QuoteIndex(documents=self._documents.values(), speakers=speakers)

    @staticmethod
    def _entry(groups: list[_Group]) -> SpeakerEntry:
        forms: Counter = Counter()
        for group in groups:
            forms.update(group.forms)
        name = min(forms, key=lambda form: _name_choice(form, forms[form]))
        return SpeakerEntry(name=name, variants=[v for g in groups for v in g.variants],
                            quotes=[q for g in groups for q in g.quotes])


def build_index(docs: Iterable[tuple[str, str, Sequence[Quote]]]) -> QuoteIndex:
    """The index of ``(doc_id, text, quotes)`` triples (the iterable is consumed once).

    >>> text = "„Wir sind bereit“, sagte die Polizei."
    >>> ix = build_index([("a", text, quotes_of(text))])
    >>> [(s.name, s.counts["direct"]) for s in ix.speakers]
    [('die Polizei', 1)]
    """
    builder = IndexBuilder()
    for doc_id, text, quotes in docs:
        builder.add(doc_id, text, quotes)
    return builder.build()


def index_texts(extractor: Any, docs: Iterable[tuple[str, str]], *, min_confidence: float = 0.0) -> QuoteIndex:
    """Extract the quotes of ``(doc_id, text)`` pairs with ``extractor`` (anything with
    ``.extract(text)``) and index them, one document in memory at a time. Quotes below
    ``min_confidence`` are left out (also from the document counts).

    >>> from quotes import Extractor
    >>> index_texts(Extractor(), [("a", "„Ja“, sagte Anna Weber.")]).speakers[0].name
    'Anna Weber'
    """
    builder = IndexBuilder()
    for doc_id, text in docs:
        builder.add(doc_id, text, [q for q in extractor.extract(text) if q.confidence >= min_confidence])
    return builder.build()


def quotes_of(text: str) -> list[Quote]:
    """The quotes of ``text`` with the default extractor (a shorthand for examples).

    >>> [q.text for q in quotes_of("„Ja“, sagte er.")]
    ['Ja']
    """
    from .extract import extract

    return extract(text)


def dumps(index: QuoteIndex, *, indent: int | None = None) -> str:
    """The index as a JSON string (UTF-8 text, not ASCII-escaped).

    >>> dumps(QuoteIndex())
    '{"version": 1, "documents": [], "speakers": []}'
    """
    return json.dumps(index.to_json(), ensure_ascii=False, indent=indent)


def loads(text: str) -> QuoteIndex:
    """The index of a :func:`dumps` string.

    >>> loads(dumps(QuoteIndex())) == QuoteIndex()
    True
    """
    return QuoteIndex.from_json(json.loads(text))
