"""Score predicted quotes against gold annotations.

Implements the scoring rules of the gold format (``FORMAT.md``):

* spans are trimmed of white space and punctuation (quotation marks, dashes, …)
  at both ends before they are compared;
* a prediction matches a gold quote when their trimmed spans overlap by at least
  half of the longer one; matching is one-to-one and greedy by overlap;
* a prediction matched to an optional gold quote counts neither way; an
  unmatched prediction is a false positive, an unmatched non-optional gold
  quote a false negative;
* attribution is the share of matched non-optional gold quotes with an entity
  whose predicted speaker is right; end-to-end scores count a match as a true
  positive only when its speaker is right as well (or both are null).

Groups: ``"all"``, ``"direct"`` and ``"indirect+mixed"``. One matching is made
over all predictions of a document; a true positive and a false negative count
for the group of the gold type, a false positive for the group of the predicted
type.

The module depends on the standard library and ``attrs`` only; apart from
:func:`read_jsonl` it does no I/O.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from os import PathLike
from typing import Any

import attrs

__all__ = [
    "GROUPS",
    "PRF",
    "Report",
    "gold_as_prediction",
    "match_quotes",
    "read_jsonl",
    "score",
    "speaker_is_right",
    "trim_span",
]

#: The groups every figure is reported for.
GROUPS: tuple[str, ...] = ("all", "direct", "indirect+mixed")
#: The quote types that are scored; gold quotes of any other type (for example
#: ``"reported"``) are optional.
SCORED_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
_TYPE_GROUP: dict[str, str] = {"direct": "direct", "indirect": "indirect+mixed", "mixed": "indirect+mixed"}

#: Articles dropped before names are compared.
GERMAN_ARTICLES: frozenset[str] = frozenset(
    "der die das den dem des ein eine einer eines einem einen".split())

# Characters trimmed besides white space and Unicode punctuation (category P*,
# which already covers all quotation marks and dashes): marks that are symbols
# in Unicode, and invisible format characters.
_EXTRA_TRIM = frozenset("`´<>\u00ad\u200b\u200c\u200d\u2060\ufeff")
_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------- results


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@attrs.frozen
class PRF:
    """True positives, false positives and false negatives with derived scores.

    Scores are 0.0 where undefined (zero denominator).

    >>> s = PRF(tp=3, fp=1, fn=2)
    >>> (s.precision, s.recall, round(s.f1, 3))
    (0.75, 0.6, 0.667)
    >>> PRF(0, 0, 0).f1
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, int | float]:
        """Counts and scores as a JSON-serialisable dict."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@attrs.frozen
class Report:
    """The scores of a set of predicted documents against gold.

    ``attribution`` and ``type_agreement`` map a group to ``(hits, total)``:
    attribution counts matched non-optional gold quotes that have an entity
    (hits: predicted speaker right); type agreement counts all matched
    non-optional gold quotes (hits: predicted type equals gold type).

    >>> r = Report(detection={g: PRF(1, 0, 0) for g in GROUPS},
    ...            end_to_end={g: PRF(1, 0, 0) for g in GROUPS},
    ...            attribution={g: (1, 1) for g in GROUPS}, documents=1)
    >>> r.attribution_rate("direct")
    1.0
    >>> r.format().splitlines()[-1]
    'end-to-end F1 direct 1.000 indirect+mixed 1.000'
    """

    detection: dict[str, PRF]
    end_to_end: dict[str, PRF]
    attribution: dict[str, tuple[int, int]]
    documents: int
    type_agreement: dict[str, tuple[int, int]] = attrs.field(factory=dict)

    def attribution_rate(self, group: str = "all") -> float:
        """Share of right speakers in ``group`` (0.0 when it has no quotes)."""
        right, total = self.attribution.get(group, (0, 0))
        return _ratio(right, total)

    def type_accuracy(self, group: str = "all") -> float:
        """Share of matches whose predicted type equals the gold type."""
        agreed, total = self.type_agreement.get(group, (0, 0))
        return _ratio(agreed, total)

    def to_dict(self) -> dict[str, Any]:
        """All figures as a JSON-serialisable dict."""
        return {
            "documents": self.documents,
            "detection": {g: s.to_dict() for g, s in self.detection.items()},
            "end_to_end": {g: s.to_dict() for g, s in self.end_to_end.items()},
            "attribution": {g: {"right": r, "total": t, "rate": _ratio(r, t)}
                            for g, (r, t) in self.attribution.items()},
            "type_agreement": {g: {"agreed": a, "total": t, "rate": _ratio(a, t)}
                               for g, (a, t) in self.type_agreement.items()},
        }

    def format(self) -> str:
        """A readable table; its last six lines are a compact summary."""
        lines = [f"Quote evaluation over {self.documents} document(s)", ""]
        header = f"{'':<28}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}"
        for title, table in (("detection", self.detection), ("end-to-end", self.end_to_end)):
            lines.append(header.replace(" " * 28, f"{title:<28}", 1))
            for group in GROUPS:
                s = table.get(group, PRF())
                lines.append(f"  {group:<26}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                             f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
            lines.append("")
        for title, table in (("attribution", self.attribution), ("type agreement", self.type_agreement)):
            lines.append(title)
            for group in GROUPS:
                hits, total = table.get(group, (0, 0))
                lines.append(f"  {group:<26}{_ratio(hits, total):>8.3f}  ({hits}/{total})")
            lines.append("")
        det, e2e = self.detection, self.end_to_end
        right, total = self.attribution.get("all", (0, 0))
        for group in ("direct", "indirect+mixed", "all"):
            s = det.get(group, PRF())
            lines.append(f"{group} F1 {s.f1:.3f} (P {s.precision:.3f} R {s.recall:.3f})")
        lines.append(f"attribution {self.attribution_rate():.3f} ({right}/{total})")
        lines.append(f"end-to-end F1 all {e2e.get('all', PRF()).f1:.3f}")
        lines.append(f"end-to-end F1 direct {e2e.get('direct', PRF()).f1:.3f} "
                     f"indirect+mixed {e2e.get('indirect+mixed', PRF()).f1:.3f}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- spans


def _trimmable(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_TRIM or unicodedata.category(ch).startswith("P")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past white space and punctuation at both ends.

    Offsets are clamped to ``text``. A span that would become empty is
    returned unchanged (clamped), so it can still match itself.

    >>> text = 'Er sagte: „Nein.“'
    >>> s, e = trim_span(text, 10, 17)
    >>> text[s:e]
    'Nein'
    """
    n = len(text)
    start = min(max(int(start), 0), n)
    end = min(max(int(end), start), n)
    s, e = start, end
    while s < e and _trimmable(text[s]):
        s += 1
    while e > s and _trimmable(text[e - 1]):
        e -= 1
    return (s, e) if s < e else (start, end)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_quotes(text: str, gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """Match predicted to gold quotes one-to-one; return ``(gold, predicted)`` index pairs.

    Spans are trimmed first. A pair qualifies when the overlap is at least half
    of the longer span; qualifying pairs are taken greedily, largest overlap
    first, ties by gold position, then predicted position. Pairs come sorted
    by gold index.

    >>> text = 'Er sagte: „Nein.“ Sie sagte: „Ja.“'
    >>> gold = [{"start": 11, "end": 16}, {"start": 30, "end": 33}]
    >>> match_quotes(text, gold, [{"start": 29, "end": 34}, {"start": 0, "end": 8}])
    [(1, 0)]
    """
    g_spans = [trim_span(text, q["start"], q["end"]) for q in gold]
    p_spans = [trim_span(text, q["start"], q["end"]) for q in predicted]
    order = sorted(range(len(p_spans)), key=lambda i: p_spans[i])
    p_starts = [p_spans[i][0] for i in order]

    candidates: list[tuple[int, int, int, int, int]] = []
    for gi, g in enumerate(g_spans):
        g_len = g[1] - g[0]
        # A match needs len(p) <= 2 * overlap <= 2 * len(g) and p.start < g.end,
        # p.end > g.start, hence g.start - 2 * len(g) < p.start < g.end.
        lo = bisect_left(p_starts, g[0] - 2 * g_len)
        hi = bisect_left(p_starts, g[1])
        for k in range(lo, hi):
            pi = order[k]
            p = p_spans[pi]
            ov = _overlap(g, p)
            if ov > 0 and 2 * ov >= max(g_len, p[1] - p[0]):
                candidates.append((-ov, g[0], p[0], gi, pi))
    candidates.sort()

    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    pairs.sort()
    return pairs


# --------------------------------------------------------------------------- speakers


def _present(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _words(name: str) -> list[str]:
    """Lower-cased words of ``name`` without German articles."""
    return [w for w in _WORD.findall(name.casefold()) if w not in GERMAN_ARTICLES]


def _gold_has_source(q: Mapping[str, Any]) -> bool:
    return _present(q.get("speaker")) or _present(q.get("entity")) or q.get("speaker_start") is not None


def _predicted_speaker(q: Mapping[str, Any], text: str) -> dict[str, Any] | None:
    """The predicted speaker as a dict with text/start/end/entity, or None."""
    sp = q.get("speaker")
    if sp is None:
        return None
    if isinstance(sp, str):
        return {"text": sp, "start": None, "end": None, "entity": None} if sp.strip() else None
    start, end = sp.get("start"), sp.get("end")
    sp_text = sp.get("text")
    if sp_text is None and start is not None and end is not None:
        sp_text = text[start:end]
    return {"text": sp_text or "", "start": start, "end": end, "entity": sp.get("entity")}


def speaker_is_right(gold_quote: dict, predicted_quote: dict, text: str) -> bool:
    """Whether the predicted quote's speaker is right for the gold quote.

    Right when the predicted speaker span overlaps the gold speaker span; or
    when its resolved name (``entity``, else its ``text``), lower-cased and
    without articles, contains the gold entity's last word as a word (as a
    substring for last words of 4+ letters, e.g. in compounds) or equals the
    gold mention. A gold quote without source is right only when the
    prediction has no speaker either.

    >>> text = "Wladimir Putin sagte, er komme."
    >>> gold = {"speaker": "Wladimir Putin", "speaker_start": 0,
    ...         "speaker_end": 14, "entity": "Wladimir Putin"}
    >>> speaker_is_right(gold, {"speaker": {"text": "der Kremlchef", "start": 40,
    ...                  "end": 53, "entity": "Kremlchef-Putin"}}, text)
    True
    >>> speaker_is_right(gold, {"speaker": None}, text)
    False
    """
    pred = _predicted_speaker(predicted_quote, text)
    if not _gold_has_source(gold_quote):
        return pred is None
    if pred is None:
        return False

    g_start, g_end = gold_quote.get("speaker_start"), gold_quote.get("speaker_end")
    p_start, p_end = pred["start"], pred["end"]
    if None not in (g_start, g_end, p_start, p_end):
        if _overlap(trim_span(text, g_start, g_end), trim_span(text, p_start, p_end)) > 0:
            return True

    resolved = pred["entity"] if _present(pred["entity"]) else pred["text"]
    resolved_words = _words(resolved or "")
    if not resolved_words:
        return False
    entity = gold_quote.get("entity")
    if _present(entity):
        entity_words = _words(entity)
        if entity_words:
            last = entity_words[-1]
            if last in resolved_words:
                return True
            if sum(ch.isalpha() for ch in last) >= 4 and last in "".join(resolved_words):
                return True
    mention = gold_quote.get("speaker")
    return _present(mention) and _words(mention) == resolved_words


# --------------------------------------------------------------------------- scoring


def _is_optional(q: Mapping[str, Any], scope: frozenset[str] | None) -> bool:
    qtype = q.get("type")
    return bool(q.get("optional")) or qtype not in _TYPE_GROUP or (scope is not None and qtype not in scope)


def _group_keys(qtype: Any) -> tuple[str, ...]:
    group = _TYPE_GROUP.get(qtype)
    return ("all", group) if group else ("all",)


def gold_as_prediction(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Convert a gold document into the predicted form (for self-checks).

    >>> gold = {"id": "d", "text": "Er sagte: „Nein.“", "quotes": [{"type": "direct",
    ...         "start": 11, "end": 16, "content": "Nein.", "speaker": "Er",
    ...         "speaker_start": 0, "speaker_end": 2, "entity": "Olaf Scholz"}]}
    >>> gold_as_prediction(gold)["quotes"][0]["speaker"]
    {'text': 'Er', 'start': 0, 'end': 2, 'entity': 'Olaf Scholz'}
    """
    quotes = []
    for q in doc.get("quotes") or []:
        speaker = None
        if _gold_has_source(q):
            speaker = {"text": q.get("speaker"), "start": q.get("speaker_start"),
                       "end": q.get("speaker_end"), "entity": q.get("entity")}
        quotes.append({"type": q.get("type"), "start": q["start"], "end": q["end"],
                       "text": q.get("content", doc["text"][q["start"]:q["end"]]),
                       "speaker": speaker})
    return {"id": doc["id"], "quotes": quotes}


def score(gold_docs: Iterable[dict], predicted_docs: Iterable[dict], *,
          types: Collection[str] | str | None = None) -> Report:
    """Score predicted documents against gold documents.

    ``types`` restricts scoring to some quote types: gold quotes of other types
    become optional and unmatched predictions of other types are ignored.
    Predictions for unknown ids are ignored; gold documents without a
    prediction count as all missed. Duplicate ids raise ``ValueError``.

    >>> gold = [{"id": "d", "text": "Er sagte: „Nein.“", "quotes": [{"type": "direct",
    ...          "start": 11, "end": 16, "speaker": "Er", "speaker_start": 0,
    ...          "speaker_end": 2, "entity": "Olaf Scholz", "optional": False}]}]
    >>> pred = [{"id": "d", "quotes": [{"type": "direct", "start": 10, "end": 17,
    ...          "speaker": {"text": "Er", "start": 0, "end": 2, "entity": None}}]}]
    >>> r = score(gold, pred)
    >>> (r.detection["all"].f1, r.attribution["all"], r.end_to_end["direct"].tp)
    (1.0, (1, 1), 1)
    """
    if isinstance(types, str):
        types = (types,)
    scope = None if types is None else frozenset(types)
    if scope is not None and not scope <= set(SCORED_TYPES):
        raise ValueError(f"unknown quote types {sorted(scope - set(SCORED_TYPES))}; use {SCORED_TYPES}")

    gold_by_id: dict[Any, dict] = {}
    for doc in gold_docs:
        if doc["id"] in gold_by_id:
            raise ValueError(f"duplicate gold document id {doc['id']!r}")
        gold_by_id[doc["id"]] = doc
    pred_by_id: dict[Any, dict] = {}
    for doc in predicted_docs:
        if doc.get("id") not in gold_by_id:
            continue
        if doc["id"] in pred_by_id:
            raise ValueError(f"duplicate predicted document id {doc['id']!r}")
        pred_by_id[doc["id"]] = doc

    det = {g: [0, 0, 0] for g in GROUPS}
    e2e = {g: [0, 0, 0] for g in GROUPS}
    attribution = {g: [0, 0] for g in GROUPS}
    agreement = {g: [0, 0] for g in GROUPS}

    def in_scope(q: Mapping[str, Any]) -> bool:
        return scope is None or q.get("type") in scope

    for doc_id, gdoc in gold_by_id.items():
        text = gdoc["text"]
        gold = list(gdoc.get("quotes") or [])
        predicted = list((pred_by_id.get(doc_id) or {}).get("quotes") or [])
        pairs = match_quotes(text, gold, predicted)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}

        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            if _is_optional(g, scope):
                continue
            g_keys = _group_keys(g.get("type"))
            right = speaker_is_right(g, p, text)
            for key in g_keys:
                det[key][0] += 1
                agreement[key][1] += 1
                agreement[key][0] += p.get("type") == g.get("type")
                if _present(g.get("entity")):
                    attribution[key][1] += 1
                    attribution[key][0] += right
                if right:
                    e2e[key][0] += 1
                else:
                    e2e[key][2] += 1
            if not right and in_scope(p):
                for key in _group_keys(p.get("type")):
                    e2e[key][1] += 1

        for pi, p in enumerate(predicted):
            if pi not in matched_p and in_scope(p):
                for key in _group_keys(p.get("type")):
                    det[key][1] += 1
                    e2e[key][1] += 1
        for gi, g in enumerate(gold):
            if gi not in matched_g and not _is_optional(g, scope):
                for key in _group_keys(g.get("type")):
                    det[key][2] += 1
                    e2e[key][2] += 1

    return Report(
        detection={g: PRF(*c) for g, c in det.items()},
        end_to_end={g: PRF(*c) for g, c in e2e.items()},
        attribution={g: (r, t) for g, (r, t) in attribution.items()},
        documents=len(gold_by_id),
        type_agreement={g: (a, t) for g, (a, t) in agreement.items()},
    )


# --------------------------------------------------------------------------- loading


def read_jsonl(path: str | PathLike[str]) -> Iterator[dict]:
    """Yield one dict per non-blank line of a UTF-8 JSONL file.

    A line that is not a JSON object raises ``ValueError`` naming file and line.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    ...     _ = f.write('{"id": "a"}\\n\\n{"id": "b"}\\n')
    >>> [d["id"] for d in read_jsonl(f.name)]
    ['a', 'b']
    >>> os.unlink(f.name)
    """
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {err.msg} (column {err.colno})") from err
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
            yield obj
