"""Tests of the HTML view (``quotes.render.render_html``).

1. Structure, without a browser: the page is parsed with the stdlib ``html.parser`` and checked
   for well-formedness (every opened tag closed, in order), one ``quote-*`` element (with an id)
   per quote, nested quotes inside their parent, speaker and cue elements linked to their quotes,
   the article text recovered exactly from the markup, escaping of ``<script>`` and ``&``, and no
   external references.
2. A hypothesis property: random texts with random (nested, crossing, out-of-range, empty)
   spans always give well-formed HTML whose text is the input and whose highlights cover
   exactly their spans.
3. Headless Chromium (skipped when it is not installed): a screenshot that is not blank and
   shows the highlight colours, the DOM after load with quotes, speakers, cues and the side list,
   and the click/anchor script marking a quote's speaker and cue.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes import Cue, Extractor, Quote, Speaker
from quotes.render import UNATTRIBUTED, render_html

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ARTICLE = SEEDS / "000_13bad7d7c0daec19.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
KINDS = ("quote", "speaker", "cue")


# --------------------------------------------------------------------------- page checker

class Page(HTMLParser):
    """Parses a rendered page: checks nesting, records elements (with their ancestors) and the
    text of each ``div.article-text`` together with the highlight elements around each piece."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.elements: list[tuple[str, dict[str, str], tuple[dict[str, str], ...]]] = []
        self.articles: list[list[tuple[str, tuple[dict[str, str], ...]]]] = []
        self.scripts: list[str] = []
        self._article_depth: int | None = None
        self.feed(source)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed at end: {[tag for tag, _ in self.stack]}")

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes, tuple(a for _, a in self.stack)))
        if tag in VOID:
            return
        self.stack.append((tag, attributes))
        if tag == "div" and "article-text" in classes(attributes) and self._article_depth is None:
            self._article_depth = len(self.stack)
            self.articles.append([])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closing non-void <{tag}/>")
        self.elements.append((tag, {n: v or "" for n, v in attrs}, tuple(a for _, a in self.stack)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
            return
        if not self.stack:
            self.errors.append(f"</{tag}> with nothing open")
            return
        if self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1][0]}> (open: {[t for t, _ in self.stack]})")
            return
        self.stack.pop()
        if self._article_depth is not None and len(self.stack) < self._article_depth:
            self._article_depth = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
        if self._article_depth is not None:
            self.articles[-1].append((data, tuple(a for _, a in self.stack)))

    # queries
    def texts(self) -> list[str]:
        return ["".join(data for data, _ in article) for article in self.articles]

    def with_class(self, name: str) -> list[tuple[dict[str, str], tuple[dict[str, str], ...]]]:
        return [(attrs, ancestors) for _, attrs, ancestors in self.elements if name in classes(attrs)]

    def coverage(self, doc: int) -> dict[tuple[str, str], set[int]]:
        """(kind, quote id) -> the character offsets of the document inside such elements."""
        covered: dict[tuple[str, str], set[int]] = {}
        offset = 0
        for data, ancestors in self.articles[doc]:
            for attrs in ancestors:
                kind = next((k for k in KINDS if k in classes(attrs)), None)
                if kind is None:
                    continue
                for token in attrs.get("data-quote", "").split():
                    covered.setdefault((kind, token), set()).update(range(offset, offset + len(data)))
            offset += len(data)
        return covered


def classes(attrs: dict[str, str]) -> list[str]:
    return attrs.get("class", "").split()


def parse(page: str) -> Page:
    parsed = Page(page)
    assert not parsed.errors, parsed.errors[:5]
    return parsed


def visible(text: str, start: int, end: int) -> set[int]:
    """Offsets in [start, end) that a highlight must cover: all but the whitespace of
    paragraph breaks (which lies between ``<p>`` elements)."""
    size = len(text)
    start, end = max(0, min(start, size)), max(0, min(end, size))
    gaps: set[int] = set()
    for match in re.finditer(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+", text):
        gaps.update(range(match.start(), match.end()))
    return {i for i in range(start, end) if i not in gaps}


def clamp(start: int, end: int, size: int) -> set[int]:
    return set(range(max(0, min(start, size)), max(0, min(end, size))))


def check_document(parsed: Page, doc: int, text: str, found: list[Quote]) -> None:
    """The invariants of one rendered document."""
    assert parsed.texts()[doc] == text
    ids = {attrs["id"]: attrs for attrs, _ in parsed.with_class("quote")
           if "id" in attrs and attrs["id"].startswith(f"d{doc}-")}
    placed = [i for i, q in enumerate(found) if clamp(q.start, q.end, len(text))]
    assert sorted(ids) == sorted(f"d{doc}-q{i}" for i in placed)
    for attrs, _ in parsed.with_class("quote"):
        if attrs["data-quote"].startswith(f"d{doc}-"):
            assert attrs["data-quote"] in ids
            assert "id" in attrs or attrs.get("data-cont") == "1"
    coverage = parsed.coverage(doc)
    for index, quote in enumerate(found):
        qid = f"d{doc}-q{index}"
        spans = {"quote": (quote.start, quote.end),
                 "speaker": (quote.speaker.start, quote.speaker.end) if quote.speaker else (0, 0),
                 "cue": (quote.cue.start, quote.cue.end) if quote.cue else (0, 0)}
        for kind, (start, end) in spans.items():
            got = coverage.get((kind, qid), set())
            assert visible(text, start, end) <= got <= clamp(start, end, len(text)), (kind, qid, start, end)


# --------------------------------------------------------------------------- fixtures

def make_quote(text: str, kind: str, content: str, *, after: int = 0, speaker: tuple[str, str | None] | None = None,
               speaker_after: int = 0, cue: str | None = None, cue_after: int = 0, parent: int | None = None,
               rule: str = "test.rule", confidence: float = 0.8) -> Quote:
    start = text.index(content, after)
    who = None
    if speaker is not None:
        s = text.index(speaker[0], speaker_after)
        who = Speaker(text=speaker[0], start=s, end=s + len(speaker[0]), entity=speaker[1], kind="name")
    how = None
    if cue is not None:
        c = text.index(cue, cue_after)
        how = Cue(text=cue, start=c, end=c + len(cue), lemma=cue.lower(), kind="verb")
    return Quote(type=kind, start=start, end=start + len(content), text=content, speaker=who, cue=how,
                 confidence=confidence, rule=rule, parent=parent)


HAND = ("„Wir sind bereit“, sagte Ministerin Anna Berg.\n\n"
        "Sie betonte, die Regierung werde „alles Nötige“ tun & mehr <script>alert(1)</script>.\r\n"
        "Zweite Zeile.\n   \n"
        "Ein Titel „Krieg und Frieden“ ohne Sprecher. Laut Berg gilt: „Ende“")


def hand_quotes() -> list[Quote]:
    t = HAND
    return [
        make_quote(t, "direct", "Wir sind bereit", speaker=("Ministerin Anna Berg", "Anna Berg"), cue="sagte",
                   rule="direct.cue-after", confidence=0.95),
        make_quote(t, "mixed", "die Regierung werde „alles Nötige“ tun", speaker=("Sie", "Anna Berg"),
                   cue="betonte", rule="indirect.cue-before", confidence=0.75),
        make_quote(t, "direct", "alles Nötige", speaker=("Sie", "Anna Berg"), cue="betonte", parent=1),
        make_quote(t, "direct", "Krieg und Frieden", rule="direct.unattributed", confidence=0.2),
        make_quote(t, "direct", "Ende", speaker=("Berg", None), speaker_after=t.index("Laut"), cue="Laut"),
        # crosses the ends of quotes 1 and 2 and a line break: its element must be split
        make_quote(t, "indirect", "Nötige“ tun & mehr <script>alert(1)</script>.\r\nZweite",
                   speaker=("Regierung", "die Regierung"), cue="werde"),
        # across a paragraph break; its speaker lies inside quote 1
        make_quote(t, "indirect", "Zeile.\n   \nEin Titel", speaker=("Regierung", None), cue="Zweite"),
        Quote(type="indirect", start=5, end=5, text=""),  # zero-length: not highlighted
    ]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def seed_documents(extractor: Extractor) -> list[tuple[str, str, list[Quote]]]:
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        documents.append((path.stem, text, extractor.extract(text)))
    assert documents and any(found for _, _, found in documents)
    return documents


# --------------------------------------------------------------------------- 1. structure

def test_seed_articles_render_well_formed_with_one_element_per_quote(seed_documents) -> None:
    page = render_html(seed_documents, title="Seeds")
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert len(parsed.articles) == len(seed_documents)
    for doc, (_, text, found) in enumerate(seed_documents):
        check_document(parsed, doc, text, found)
        for kind in ("direct", "indirect", "mixed"):
            elements = [a for a, _ in parsed.with_class(f"quote-{kind}")
                        if a["data-quote"].startswith(f"d{doc}-") and "data-cont" not in a]
            assert len(elements) == sum(1 for q in found if q.type == kind and q.end > q.start)
    quotes_total = sum(len(found) for _, _, found in seed_documents)
    assert len([a for a, _ in parsed.with_class("quote") if "id" in a]) == quotes_total
    assert parsed.with_class("speaker") and parsed.with_class("cue")
    ids = [attrs["id"] for _, attrs, _ in parsed.elements if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_quote_elements_carry_type_speaker_rule_confidence(seed_documents) -> None:
    _, text, found = seed_documents[0]
    parsed = parse(render_html([seed_documents[0]]))
    by_id = {a["id"]: a for a, _ in parsed.with_class("quote") if "id" in a}
    for index, quote in enumerate(found):
        attrs = by_id[f"d0-q{index}"]
        assert f"quote-{quote.type}" in classes(attrs)
        assert attrs["data-type"] == quote.type and attrs["data-rule"] == quote.rule
        assert attrs["data-confidence"] == f"{quote.confidence:.2f}"
        for shown in (quote.type, quote.rule, f"{quote.confidence:.2f}"):
            assert shown in attrs["title"]
        if quote.speaker is not None:
            name = quote.speaker.entity or quote.speaker.text
            assert attrs["data-speaker"] == name and name in attrs["title"]


def test_handmade_document_nesting_crossing_escaping() -> None:
    found = hand_quotes()
    page = render_html([("hand", HAND, found), ("empty", "", []), ("plain", "Kein Zitat.\nZweite Zeile.", [])])
    parsed = parse(page)
    assert parsed.texts() == [HAND, "", "Kein Zitat.\nZweite Zeile."]
    check_document(parsed, 0, HAND, found)
    quotes_with_ids = {a["id"]: (a, anc) for a, anc in parsed.with_class("quote") if "id" in a}
    assert len(quotes_with_ids) == 7  # eight quotes, one of them empty
    # the nested direct fragment lies inside its mixed parent and says so
    attrs, ancestors = quotes_with_ids["d0-q2"]
    assert attrs["data-parent"] == "d0-q1" and "quote-direct" in classes(attrs)
    assert any(a.get("data-quote") == "d0-q1" and "quote-mixed" in classes(a) for a in ancestors)
    # the crossing quote and the one across the paragraph break are split
    assert any(a.get("data-cont") == "1" and a["data-quote"] == "d0-q5" for a, _ in parsed.with_class("quote"))
    assert any(a.get("data-cont") == "1" and a["data-quote"] == "d0-q6" for a, _ in parsed.with_class("quote"))
    # a speaker inside another quote, shared by two quotes, and linked to both
    speakers = {a["data-quote"] for a, _ in parsed.with_class("speaker")}
    assert "d0-q1 d0-q2" in speakers and "d0-q5 d0-q6" in speakers
    assert {a["data-quote"] for a, _ in parsed.with_class("cue")} >= {"d0-q0", "d0-q1 d0-q2", "d0-q4"}
    # paragraphs and line breaks
    assert page.count("<br>") == 2 and page.count("<p>") == 4  # \r\n and \n; three paragraphs + one
    # escaping
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "tun &amp; mehr" in page
    assert [tag for tag, _, _ in parsed.elements].count("script") == 1
    assert not any("alert" in script for script in parsed.scripts)
    # the side list: groups by entity, mention text for no entity, unattributed last
    side = [(tag, a) for tag, a, anc in parsed.elements if any(x.get("id") == "speakers" for x in anc)]
    links = [a["href"] for tag, a in side if tag == "a" and "quote-link" in classes(a)]
    assert sorted(links) == sorted(f"#{q}" for q in quotes_with_ids)
    assert page.index('speaker-name">Anna Berg<') < page.index(f'speaker-name">{UNATTRIBUTED}<')
    assert 'speaker-name">Berg<' in page and 'speaker-name">die Regierung<' in page
    assert "keine Zitate" in page  # the documents without quotes


def test_page_is_self_contained(seed_documents) -> None:
    page = render_html(seed_documents + [("x", "a < b & c > d", [])], title="<b>T&T</b>")
    parsed = parse(page)
    assert "http://" not in page and "https://" not in page
    assert "url(" not in page and "@import" not in page
    for tag, attrs, _ in parsed.elements:
        assert tag not in {"img", "link", "iframe", "object", "embed"}
        assert "src" not in attrs
        assert not attrs.get("href", "#").startswith(("//", "http", "file", "data")), attrs
    assert "<title>&lt;b&gt;T&amp;T&lt;/b&gt;</title>" in page


@pytest.mark.parametrize("text, found", [
    ("", []),
    ("   \n\n  ", []),
    ("Ja", [Quote(type="direct", start=0, end=2, text="Ja")]),  # the whole text
    ("x\n\n„Nein“", [Quote(type="direct", start=4, end=8, text="Nein")]),  # ends at the end
    ("abc", [Quote(type="direct", start=1, end=1, text="",
                   speaker=Speaker(text="", start=2, end=2), cue=Cue(text="", start=0, end=0, lemma=""))]),
    ("abc", [Quote(type="mixed", start=2, end=40, text="c",
                   speaker=Speaker(text="?", start=50, end=60, entity="Fern"))]),  # past the end: clamped
    ("a\x00b\rc", [Quote(type="indirect", start=0, end=5, text="a\x00b\rc")]),
    # spans holding nothing but a paragraph break still get their element (and id)
    ("a\n\n\nb", [Quote(type="direct", start=1, end=4, text="\n\n\n"),
                   Quote(type="indirect", start=2, end=3, text="\n", speaker=Speaker(text="\n", start=2, end=3)),
                   Quote(type="mixed", start=0, end=5, text="a\n\n\nb")]),
])
def test_edge_cases(text: str, found: list[Quote]) -> None:
    page = render_html([("edge", text, found)])
    parsed = parse(page)
    assert parsed.texts() == [text.replace("\x00", "\ufffd")]
    if "\x00" not in text:
        check_document(parsed, 0, text, found)


def test_no_documents() -> None:
    parsed = parse(render_html([]))
    assert parsed.articles == [] and any(a.get("id") == "speakers" for _, a, _ in parsed.elements)


def test_one_megabyte(seed_documents) -> None:
    _, text, found = seed_documents[0]
    copies = 1_000_000 // len(text) + 1
    big = text * copies
    shifted = []
    for k in range(copies):
        offset = k * len(text)
        for q in found:
            shifted.append(Quote(type=q.type, start=q.start + offset, end=q.end + offset, text=q.text,
                                 speaker=q.speaker and Speaker(text=q.speaker.text, start=q.speaker.start + offset,
                                                               end=q.speaker.end + offset, entity=q.speaker.entity),
                                 cue=q.cue and Cue(text=q.cue.text, start=q.cue.start + offset,
                                                   end=q.cue.end + offset, lemma=q.cue.lemma),
                                 confidence=q.confidence, rule=q.rule))
    assert len(big) >= 1_000_000
    parsed = parse(render_html([("big", big, shifted)]))
    assert parsed.texts() == [big]
    assert len([a for a, _ in parsed.with_class("quote") if "id" in a]) == len(shifted)


# --------------------------------------------------------------------------- 2. property

_chars = st.one_of(st.sampled_from(list("ab „“»«<>&;#\n\n\r\t ")),
                   st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[Quote]]:
    text = draw(st.text(_chars, max_size=80))
    size = len(text)

    def span() -> tuple[int, int]:
        start = draw(st.integers(0, size + 2))
        return start, draw(st.integers(start, size + 3))

    found = []
    for _ in range(draw(st.integers(0, 7))):
        start, end = span()
        speaker = cue = None
        if draw(st.booleans()):
            s, e = span()
            speaker = Speaker(text=text[s:e], start=s, end=e,
                              entity=draw(st.one_of(st.none(), st.text(_chars, max_size=5))))
        if draw(st.booleans()):
            s, e = span()
            cue = Cue(text=text[s:e], start=s, end=e, lemma=draw(st.text(_chars, max_size=5)))
        found.append(Quote(type=draw(st.sampled_from(["direct", "indirect", "mixed"])), start=start, end=end,
                           text=text[start:end], speaker=speaker, cue=cue,
                           confidence=draw(st.floats(0, 1)), rule=draw(st.text(_chars, max_size=6)),
                           parent=draw(st.one_of(st.none(), st.integers(0, 8)))))
    return text, found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(), min_size=1, max_size=3), st.text(_chars, max_size=10))
def test_property_well_formed_and_text_preserved(docs: list[tuple[str, list[Quote]]], title: str) -> None:
    page = render_html([(f"doc {i} <&>", text, found) for i, (text, found) in enumerate(docs)], title=title)
    parsed = parse(page)
    assert parsed.texts() == [text for text, _ in docs]
    for doc, (text, found) in enumerate(docs):
        check_document(parsed, doc, text, found)


# --------------------------------------------------------------------------- 3. Chromium

def _chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")
    return binary


def _run_chromium(binary: str, tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{name}"
    profile.mkdir()
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                              env={**os.environ, "HOME": str(tmp_path)})
    except subprocess.TimeoutExpired as timeout:
        pytest.fail(f"Chromium did not finish within 60 s: {command}\nstderr:\n{timeout.stderr}")
    assert done.returncode == 0, f"Chromium failed ({done.returncode}): {command}\nstderr:\n{done.stderr[-3000:]}"
    return done


def png_rows(data: bytes, max_rows: int) -> tuple[int, int, int, list[bytes]]:
    """A tiny PNG decoder (8-bit, not interlaced): width, height, channels and the first rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    width = height = depth = color = interlace = -1
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    assert depth == 8 and interlace == 0 and color in (0, 2, 4, 6), (depth, color, interlace)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    stride = width * channels
    rows_wanted = min(height, max_rows)
    raw = zlib.decompressobj().decompress(b"".join(chunks), rows_wanted * (stride + 1))
    previous = bytearray(stride)
    rows = []
    for y in range(rows_wanted):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


@pytest.fixture(scope="module")
def seed_page(extractor: Extractor) -> tuple[str, list[Quote]]:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    found = extractor.extract(text)
    assert found
    return render_html([(SEED_ARTICLE.stem, text, found)], title="zitate: Seed"), found


def test_chromium_screenshot_is_not_blank(seed_page, tmp_path: Path) -> None:
    binary = _chromium()
    page, _ = seed_page
    html_file = tmp_path / "page.html"
    html_file.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = _run_chromium(binary, tmp_path, "shot", f"--screenshot={shot}", "--window-size=1280,2000",
                         html_file.as_uri())
    assert shot.exists(), f"no screenshot written\nstderr:\n{done.stderr[-3000:]}"
    data = shot.read_bytes()
    assert len(data) > 20_000, f"screenshot suspiciously small ({len(data)} bytes)"
    width, height, channels, rows = png_rows(data, max_rows=900)
    assert (width, height) == (1280, 2000)
    pixels = {row[i:i + 3] for row in rows for i in range(0, len(row), channels)}
    assert len(pixels) > 50, f"the screenshot is (almost) one flat colour: {len(pixels)} colours"
    # the highlight colours of the CSS show up in the article column (left of the side list)
    for kind in ("direct", "indirect", "mixed"):
        hex_colour = re.search(rf"--{kind}: #([0-9a-f]{{6}})", page).group(1)
        colour = bytes.fromhex(hex_colour)
        near = any(all(abs(row[i + k] - colour[k]) <= 4 for k in range(3))
                   for row in rows[120:] for i in range(0, 800 * channels, channels))
        assert near, f"no {kind} highlight (#{hex_colour}) in the screenshot's article column"


def test_chromium_dom_has_quotes_speakers_and_list(seed_page, tmp_path: Path) -> None:
    binary = _chromium()
    page, found = seed_page
    html_file = tmp_path / "page.html"
    html_file.write_text(page, encoding="utf-8")
    done = _run_chromium(binary, tmp_path, "dom", "--dump-dom", html_file.as_uri())
    dom = Page(done.stdout)
    message = f"stderr:\n{done.stderr[-3000:]}\nDOM starts:\n{done.stdout[:500]}"
    for name in ("quote-direct", "quote-indirect", "speaker", "cue"):
        assert dom.with_class(name), f"no .{name} element in the DOM\n{message}"
    assert len([a for a, _ in dom.with_class("quote") if "id" in a]) == len(found), message
    side = [(tag, a) for tag, a, anc in dom.elements if any(x.get("id") == "speakers" for x in anc)]
    assert any("speaker-group" in classes(a) for _, a in side), f"#speakers has no entry\n{message}"
    assert any(tag == "a" and a.get("href", "").startswith("#d0-q") for tag, a in side), message
    assert dom.texts() == [SEED_ARTICLE.read_text(encoding="utf-8").replace("\r\n", "\n")], message


def test_chromium_script_marks_speaker_and_cue_of_the_target_quote(seed_page, tmp_path: Path) -> None:
    binary = _chromium()
    page, found = seed_page
    index = next(i for i, q in enumerate(found) if q.speaker is not None and q.cue is not None)
    html_file = tmp_path / "page.html"
    html_file.write_text(page, encoding="utf-8")
    done = _run_chromium(binary, tmp_path, "script", "--dump-dom", f"{html_file.as_uri()}#d0-q{index}")
    dom = Page(done.stdout)
    active = [a for _, a, _ in dom.elements if "active" in classes(a)]
    kinds = {k for a in active for k in ("quote", "speaker", "cue") if k in classes(a)}
    assert kinds == {"quote", "speaker", "cue"}, f"marked: {active}\nstderr:\n{done.stderr[-3000:]}"
    assert all(f"d0-q{index}" in a["data-quote"].split() for a in active)
