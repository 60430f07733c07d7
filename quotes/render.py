"""An HTML view of extracted quotes: one self-contained page per set of documents.

:func:`render_html` takes ``(doc id, text, quotes)`` triples and returns one HTML5 page
with inline CSS and a little inline JavaScript (no network, no fonts, no images; a
Content-Security-Policy forbids any fetch). For each document it shows the article text
with every quote highlighted by type, its speaker mention and its cue marked, and a
side list (``#speakers``) of the speakers with their quotes, each linking to the quote.

The markup is built from character offsets by a sweep over the span boundaries: between
two consecutive boundaries the set of open spans is constant, and the wanted stack of
elements is that set ordered outer-first (earlier start, then later end, then quote before
speaker before cue). At each boundary the current stack is closed down to the common
prefix with the wanted one and the rest is opened, so tags always nest properly: a span
that crosses another (or a paragraph break) is split, and only its first part carries the
``id``; later parts carry ``data-cont="1"``.

Stable names (a test and the CLI rely on them):

* quote elements: ``<span class="quote quote-direct|quote-indirect|quote-mixed"
  id="d0-q3" data-quote="d0-q3" data-type=… data-speaker=… data-rule=…
  data-confidence=… [data-parent="d0-q2"] title=…>``; ids are ``d{document index}-q{quote index}``;
* speaker and cue mentions: ``<span class="speaker" data-quote="d0-q3 d0-q4">`` and
  ``<span class="cue" data-quote="d0-q3">`` (one element per distinct span, listing all
  quotes that share it);
* each document's text lies in ``<div class="article-text">``; its text content is exactly
  the document's text (blank lines become ``<p>`` breaks, single newlines ``<br>``);
* the side list is ``<aside id="speakers">`` with one ``li.speaker-group`` per speaker entity,
  each holding ``a.quote-link`` entries with a ``span.badge`` type badge.

Zero-length spans are not highlighted; offsets outside the text are clamped. A NUL character
(which HTML cannot carry) is shown as U+FFFD.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Sequence

from .model import QUOTE_TYPES, Quote

__all__ = ["render_html"]

UNATTRIBUTED = "ohne Sprecher / unattributed"

_RANK = {"quote": 0, "speaker": 1, "cue": 2}
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_TYPE_LABELS = {"direct": "direkt", "indirect": "indirekt", "mixed": "gemischt"}


def _escape(text: str) -> str:
    """Text content: ``& < >`` escaped, CR as a character reference (a raw CR would be
    normalised to LF by browsers), NUL replaced (HTML cannot carry it)."""
    text = html.escape(text, quote=False)
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text


def _attr(value: object) -> str:
    return html.escape(str(value).replace("\x00", "\ufffd"), quote=True)


def _text_piece(text: str) -> str:
    """A piece of paragraph text: escaped, every line break shown as ``<br>`` followed by the
    line break itself (so the text content keeps it)."""
    if "\n" not in text and "\r" not in text:
        return _escape(text)
    return _NEWLINE.sub(lambda m: "<br>" + m.group().replace("\r", "&#13;"), html.escape(text, quote=False)) \
        .replace("\x00", "\ufffd")


class _Span:
    __slots__ = ("start", "end", "kind", "ordinal", "open_tag", "cont_tag", "key")

    def __init__(self, start: int, end: int, kind: str, ordinal: int, open_tag: str, cont_tag: str) -> None:
        self.start, self.end, self.kind, self.ordinal = start, end, kind, ordinal
        self.open_tag, self.cont_tag = open_tag, cont_tag
        self.key = (start, -end, _RANK[kind], ordinal)


def _clamp(start: int, end: int, size: int) -> tuple[int, int] | None:
    start, end = max(0, min(start, size)), max(0, min(end, size))
    return (start, end) if start < end else None


def _quote_type(quote: Quote) -> str:
    kind = str(quote.type)
    return kind if kind in QUOTE_TYPES else re.sub(r"[^a-z0-9-]", "", kind.lower()) or "other"


def _speaker_name(quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    name = quote.speaker.entity or quote.speaker.text
    name = " ".join(str(name).split())
    return name or None


def _quote_title(quote: Quote) -> str:
    speaker = _speaker_name(quote) or UNATTRIBUTED
    mention = quote.speaker.text if quote.speaker is not None else ""
    lines = [f"Typ/type: {_quote_type(quote)}",
             f"Sprecher/speaker: {speaker}" + (f" [{mention}]" if mention and mention != speaker else ""),
             f"Regel/rule: {quote.rule or '-'}",
             f"Konfidenz/confidence: {quote.confidence:.2f}"]
    if quote.cue is not None:
        lines.append(f"Cue: {quote.cue.text} ({quote.cue.lemma})")
    return "\n".join(lines)


def _spans(doc_index: int, text: str, quotes: Sequence[Quote]) -> tuple[list[_Span], set[int]]:
    """The elements to place in the text, and the indices of the quotes that got one."""
    size = len(text)
    spans: list[_Span] = []
    placed: set[int] = set()
    speakers: dict[tuple[int, int], list[int]] = {}
    cues: dict[tuple[int, int], list[int]] = {}
    for index, quote in enumerate(quotes):
        qid = f"d{doc_index}-q{index}"
        bounds = _clamp(quote.start, quote.end, size)
        if bounds is not None:
            kind = _quote_type(quote)
            common = (f'class="quote quote-{kind}" data-quote="{qid}" data-type="{_attr(kind)}" '
                      f'data-speaker="{_attr(_speaker_name(quote) or "")}" data-rule="{_attr(quote.rule)}" '
                      f'data-confidence="{quote.confidence:.2f}"')
            if quote.parent is not None and 0 <= quote.parent < len(quotes) and quote.parent != index:
                common += f' data-parent="d{doc_index}-q{quote.parent}"'
            common += f' title="{_attr(_quote_title(quote))}"'
            spans.append(_Span(*bounds, "quote", index, f'<span id="{qid}" {common}>',
                               f'<span {common} data-cont="1">'))
            placed.add(index)
        if quote.speaker is not None:
            bounds = _clamp(quote.speaker.start, quote.speaker.end, size)
            if bounds is not None:
                speakers.setdefault(bounds, []).append(index)
        if quote.cue is not None:
            bounds = _clamp(quote.cue.start, quote.cue.end, size)
            if bounds is not None:
                cues.setdefault(bounds, []).append(index)
    for ordinal, (bounds, indices) in enumerate(sorted(speakers.items())):
        first = quotes[indices[0]].speaker
        assert first is not None
        refs = " ".join(f"d{doc_index}-q{i}" for i in indices)
        name = _speaker_name(quotes[indices[0]]) or ""
        common = (f'class="speaker" data-quote="{refs}" data-entity="{_attr(name)}" '
                  f'data-kind="{_attr(first.kind)}" title="{_attr(f"Sprecher/speaker: {name} ({first.kind})")}"')
        spans.append(_Span(*bounds, "speaker", ordinal, f"<span {common}>", f'<span {common} data-cont="1">'))
    for ordinal, (bounds, indices) in enumerate(sorted(cues.items())):
        cue = quotes[indices[0]].cue
        assert cue is not None
        refs = " ".join(f"d{doc_index}-q{i}" for i in indices)
        label = f"Cue: {cue.text} ({cue.lemma}, {cue.kind}, {cue.medium})"
        common = (f'class="cue" data-quote="{refs}" data-lemma="{_attr(cue.lemma)}" '
                  f'data-kind="{_attr(cue.kind)}" title="{_attr(label)}"')
        spans.append(_Span(*bounds, "cue", ordinal, f"<span {common}>", f'<span {common} data-cont="1">'))
    return spans, placed


def _article(doc_index: int, text: str, quotes: Sequence[Quote]) -> tuple[str, set[int]]:
    """The article text as HTML (``<p>``/``<br>``, highlighted spans) and the placed quotes."""
    spans, placed = _spans(doc_index, text, quotes)
    size = len(text)
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    points = {0, size}
    for span in spans:
        points.add(span.start)
        points.add(span.end)
    for start, end in breaks:
        points.add(start)
        points.add(end)
    ordered = sorted(points)
    starting: dict[int, list[_Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)

    out: list[str] = []
    stack: list[_Span] = []
    active: list[_Span] = []
    opened: set[int] = set()  # id() of spans whose first element was written
    in_paragraph = False
    break_index = 0
    for a, b in zip(ordered, ordered[1:]):
        active = [s for s in active if s.end > a]
        active.extend(starting.get(a, ()))
        while break_index < len(breaks) and breaks[break_index][1] <= a:
            break_index += 1
        in_break = break_index < len(breaks) and breaks[break_index][0] <= a < breaks[break_index][1]
        wanted = sorted(active, key=lambda s: s.key)
        if in_break:
            # Between paragraphs only spans that were not shown yet get an element (so every
            # quote keeps its id even if it holds nothing but a blank line).
            wanted = [s for s in wanted if id(s) not in opened]
            if in_paragraph:
                out.extend("</span>" for _ in stack)
                stack = []
                out.append("</p>")
                in_paragraph = False
        elif not in_paragraph:
            out.extend("</span>" for _ in stack)
            stack = []
            out.append("<p>")
            in_paragraph = True
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</span>" for _ in range(len(stack) - keep))
        del stack[keep:]
        for span in wanted[keep:]:
            out.append(span.cont_tag if id(span) in opened else span.open_tag)
            opened.add(id(span))
            stack.append(span)
        piece = text[a:b]
        out.append(_escape(piece) if in_break else _text_piece(piece))
    out.extend("</span>" for _ in stack)
    if in_paragraph:
        out.append("</p>")
    return "".join(out), placed


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _side_list(doc_index: int, doc_id: str, quotes: Sequence[Quote], placed: set[int]) -> str:
    groups: dict[str, list[int]] = {}
    unattributed: list[int] = []
    for index, quote in enumerate(quotes):
        name = _speaker_name(quote)
        if name is None:
            unattributed.append(index)
        else:
            groups.setdefault(name, []).append(index)
    items = list(groups.items())
    if unattributed:
        items.append((UNATTRIBUTED, unattributed))
    out = [f'<section class="doc-speakers" data-doc="d{doc_index}">',
           f'<h3><a href="#d{doc_index}">{_escape(doc_id)}</a></h3>']
    if not items:
        out.append('<p class="none">keine Zitate / no quotes</p>')
    else:
        out.append("<ul>")
        for name, indices in items:
            extra = " unattributed" if name == UNATTRIBUTED and indices is unattributed else ""
            out.append(f'<li class="speaker-group{extra}"><span class="speaker-name">{_escape(name)}</span> '
                       f'<span class="count">{len(indices)}</span><ul>')
            for index in indices:
                quote = quotes[index]
                kind = _quote_type(quote)
                qid = f"d{doc_index}-q{index}"
                badge = f'<span class="badge badge-{kind}">{_escape(_TYPE_LABELS.get(kind, kind))}</span>'
                body = f'{badge} <span class="snippet">{_escape(_short(quote.text)) or "∅"}</span>'
                title = _attr(_quote_title(quote))
                if index in placed:
                    out.append(f'<li><a class="quote-link" href="#{qid}" data-quote="{qid}" title="{title}">'
                               f"{body}</a></li>")
                else:
                    out.append(f'<li><span class="quote-link empty" title="{title}">{body}</span></li>')
            out.append("</ul></li>")
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


_CSS = """
:root { --direct: #cfe3ff; --direct-line: #2f6fd6; --indirect: #d9f2d0; --indirect-line: #3c8d2f;
  --mixed: #ffe0b8; --mixed-line: #d9822b; --speaker: #b3124e; --cue: #6a3fb5; --ink: #1d1d1f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fafaf7; }
header { padding: 1rem 1.5rem .5rem; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { margin: 0 0 .4rem; font: 600 1.4rem system-ui, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; font: .85rem system-ui, sans-serif; align-items: center; }
.legend span { padding: 0 .35rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.5rem; padding: 1rem 1.5rem; }
main { max-width: 52rem; }
#speakers { position: sticky; top: .5rem; align-self: start; max-height: calc(100vh - 1rem); overflow: auto;
  font: .88rem/1.4 system-ui, sans-serif; background: #fff; border: 1px solid #ddd; border-radius: 6px;
  padding: .6rem .8rem; }
#speakers h2 { font-size: 1rem; margin: .2rem 0 .5rem; }
#speakers h3 { font-size: .9rem; margin: .8rem 0 .3rem; word-break: break-all; }
#speakers ul { list-style: none; margin: 0; padding: 0; }
#speakers ul ul { margin: .2rem 0 .6rem .4rem; }
#speakers li li { margin: .15rem 0; }
.speaker-name { font-weight: 600; color: var(--speaker); }
.unattributed > .speaker-name { color: #666; font-style: italic; }
.count { color: #777; font-size: .8em; }
a.quote-link { color: inherit; text-decoration: none; display: block; border-radius: 3px; padding: .1rem .2rem; }
a.quote-link:hover, a.quote-link.active { background: #f0f0f0; }
.quote-link.empty { color: #888; display: block; padding: .1rem .2rem; }
.badge { display: inline-block; font-size: .72em; padding: 0 .35em; border-radius: 3px; border: 1px solid; }
.badge-direct { background: var(--direct); border-color: var(--direct-line); }
.badge-indirect { background: var(--indirect); border-color: var(--indirect-line); }
.badge-mixed { background: var(--mixed); border-color: var(--mixed-line); }
article.document { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1.5rem 1rem;
  margin-bottom: 1.5rem; }
article.document h2 { font: 600 1.05rem system-ui, sans-serif; margin: .6rem 0; word-break: break-all; }
.stats { font: .8rem system-ui, sans-serif; color: #666; margin: 0 0 .6rem; }
.article-text p { margin: 0 0 .9em; }
.empty-text { color: #888; font-style: italic; }
.quote { cursor: pointer; border-radius: 2px; }
.quote-direct { background: var(--direct); box-shadow: inset 0 -2px 0 var(--direct-line); }
.quote-indirect { background: var(--indirect); box-shadow: inset 0 -2px 0 var(--indirect-line); }
.quote-mixed { background: var(--mixed); box-shadow: inset 0 -2px 0 var(--mixed-line); }
.quote .quote { box-shadow: inset 0 -2px 0 var(--direct-line), 0 0 0 1px rgba(0,0,0,.15); }
.speaker { color: var(--speaker); font-weight: 700; border-bottom: 3px double var(--speaker); }
.cue { color: var(--cue); font-style: italic; outline: 1px dashed var(--cue); outline-offset: 1px; }
.quote.active { outline: 2px solid #222; }
.speaker.active, .cue.active { background: #fff36b; }
.quote:target { outline: 2px solid #222; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } #speakers { position: static; max-height: none; } }
"""

_JS = """
(function () {
  var lit = [];
  function clear() { lit.forEach(function (e) { e.classList.remove('active'); }); lit = []; }
  function show(ids) {
    clear();
    var seen = {};
    ids.forEach(function (id) {
      if (!id || seen[id]) return;
      seen[id] = true;
      document.querySelectorAll('[data-quote~="' + id + '"]').forEach(function (e) {
        e.classList.add('active'); lit.push(e);
      });
    });
  }
  document.addEventListener('click', function (event) {
    var el = event.target.closest ? event.target.closest('.quote, .speaker, .cue, a.quote-link') : null;
    if (!el) { clear(); return; }
    show((el.getAttribute('data-quote') || '').split(/\\s+/));
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (/^d\\d+-q\\d+$/.test(id)) show([id]);
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""


def render_html(documents: Iterable[tuple[str, str, list[Quote]]], title: str = "zitate") -> str:
    """One self-contained HTML5 page showing the quotes of ``documents``.

    ``documents`` yields ``(doc_id, text, quotes)`` with ``quotes`` as returned by
    :meth:`quotes.Extractor.extract` for ``text`` (offsets are ``str`` indices into it).
    The page has inline CSS and JS only. Each quote is a ``span.quote.quote-<type>`` with
    ``id="d<doc>-q<i>"``, data attributes and a tooltip (type, speaker entity, rule,
    confidence); speaker mentions are ``span.speaker`` and cues ``span.cue``, both with
    ``data-quote`` naming their quote(s); ``aside#speakers`` lists the speakers and their
    quotes with links. Clicking a quote highlights its speaker and cue.

    >>> from quotes import Extractor
    >>> text = "„Wir sind bereit“, sagte die Ministerin."
    >>> page = render_html([("a", text, Extractor().extract(text))], title="Demo")
    >>> page.startswith("<!DOCTYPE html>")
    True
    >>> '<span id="d0-q0" class="quote quote-direct"' in page
    True
    >>> '<span class="speaker" data-quote="d0-q0"' in page
    True
    >>> "<script>alert(1)</script>" in render_html([("x", "<script>alert(1)</script>", [])])
    False
    """
    sections: list[str] = []
    lists: list[str] = []
    for doc_index, (doc_id, text, quotes) in enumerate(documents):
        doc_id = str(doc_id)
        text = text or ""
        quotes = list(quotes or ())
        body, placed = _article(doc_index, text, quotes)
        counts = {kind: sum(1 for q in quotes if q.type == kind) for kind in QUOTE_TYPES}
        stats = f"{len(quotes)} Zitat(e) / quote(s): " + ", ".join(f"{n} {k}" for k, n in counts.items())
        sections.append(
            f'<article class="document" id="d{doc_index}" data-doc-id="{_attr(doc_id)}">'
            f"<h2>{_escape(doc_id)}</h2><p class=\"stats\">{_escape(stats)}</p>"
            + ("" if text else '<p class="empty-text">(leerer Text / empty text)</p>')
            + f'<div class="article-text">{body}</div></article>')
        lists.append(_side_list(doc_index, doc_id, quotes, placed))
    if not sections:
        sections.append('<p class="empty-text">(keine Dokumente / no documents)</p>')
    legend = ('<div class="legend" id="legend"><strong>Legende:</strong>'
              '<span class="badge badge-direct">direkt / direct</span>'
              '<span class="badge badge-indirect">indirekt / indirect</span>'
              '<span class="badge badge-mixed">gemischt / mixed</span>'
              '<span class="legend-speaker" style="color:var(--speaker);font-weight:700;'
              'border-bottom:3px double var(--speaker)">Sprecher / speaker</span>'
              '<span class="legend-cue" style="color:var(--cue);font-style:italic;'
              'outline:1px dashed var(--cue)">Cue</span>'
              '<span>Klick auf ein Zitat markiert Sprecher und Cue.</span></div>')
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{_escape(title)}</title><style>{_CSS}</style></head>\n<body>",
        f"<header><h1>{_escape(title)}</h1>{legend}</header>",
        '<div class="layout"><main>', "\n".join(sections), "</main>",
        '<aside id="speakers"><h2>Sprecher / speakers</h2>', "\n".join(lists), "</aside></div>",
        f"<script>{_JS}</script></body></html>\n",
    ])
