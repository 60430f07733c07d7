"""Load and validate the rule files in ``rules/`` (marks, verbs, cues, roles, names, words).

Every rule file is TOML. Each file has a schema below; a file that breaks it raises
:class:`RuleError` naming the file, the entry and what is wrong. Users extend the rules
by passing extra rule directories: their entries are added to (or, for words, merged
with) the packaged ones.

>>> rules = load_rules()
>>> "sagen" in {v.lemma for v in rules.cue_verbs}
True
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import attrs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class RuleError(ValueError):
    """A rule file is broken: the message names the file, the entry and the reason."""


# ---------------------------------------------------------------------------
# Typed, immutable rule objects


@attrs.frozen
class MarkPair:
    id: str
    open: str
    close: tuple[str, ...]
    level: str  # double | single
    family: str = ""  # pairs of one family compete; each document uses one
    symmetric: bool = False  # the same character opens and closes ("…")


@attrs.frozen
class VerbEntry:
    lemma: str
    particle: str = ""
    medium: str = "speech"
    present: str = ""  # 3rd person singular present, if irregular (spricht)
    plural: str = ""  # 3rd person plural present, if it is not the infinitive (sind)
    preterite: str = ""  # 1st/3rd person singular preterite, if strong (sprach)
    participle: str = ""  # if irregular (gesprochen)
    subjunctive2: str = ""  # if strong (spräche)
    reflexive: bool = False
    preposition: str = ""  # the object's preposition that makes it a cue (sprechen *von*)
    clause: bool = True  # False: names or judges an object (bezeichnen … als); no reported clause
    cue: bool = True  # False: a general verb, used for mood only


@attrs.frozen
class PhraseCue:
    id: str
    words: tuple[str, ...]  # lower-case words of the cue phrase, in order
    kind: str  # preposition | noun | impersonal
    source: str  # where the source stands: right | left | none | self (Demnach: named before) | own (the subject)
    medium: str = "speech"
    gap: int = 0  # words allowed between the first word and the rest (nach *seiner* Meinung)


@attrs.frozen
class Role:
    masculine: str
    feminine: str = ""
    kind: str = "person"  # person | organisation | group
    gender: str = ""  # grammatical gender of organisations: m | f | n


@attrs.frozen(cache_hash=True)  # rules key many caches: hash them once
class Rules:
    """Everything in ``rules/``, typed and immutable."""

    marks: tuple[MarkPair, ...]
    cue_verbs: tuple[VerbEntry, ...]
    verbs: tuple[VerbEntry, ...]
    phrase_cues: tuple[PhraseCue, ...]
    noun_cues: tuple[tuple[str, str], ...]  # (noun, medium)
    roles: tuple[Role, ...]
    male_names: frozenset[str]
    female_names: frozenset[str]
    words: Mapping[str, frozenset[str]] = attrs.field(hash=False)  # read-only
    subjunctive: Mapping[str, frozenset[str]] = attrs.field(hash=False)
    clause_nouns: frozenset[str] = frozenset()  # nouns that open a reported clause (der Ansicht, dass)


# ---------------------------------------------------------------------------
# Schemas: field -> (type, required, allowed values or None)

_MEDIA = ("speech", "writing", "thought")
_SCHEMAS: dict[str, dict[str, dict[str, tuple[type, bool, tuple[Any, ...] | None]]]] = {
    "marks.toml": {
        "pair": {
            "id": (str, True, None),
            "open": (str, True, None),
            "close": (list, True, None),
            "level": (str, True, ("double", "single")),
            "family": (str, False, None),
            "symmetric": (bool, False, None),
        },
    },
    "cue_verbs.toml": {
        "verb": {
            "lemma": (str, True, None),
            "medium": (str, True, _MEDIA),
            "particle": (str, False, None),
            "present": (str, False, None),
            "plural": (str, False, None),
            "preterite": (str, False, None),
            "participle": (str, False, None),
            "subjunctive2": (str, False, None),
            "reflexive": (bool, False, None),
            "preposition": (str, False, None),
            "clause": (bool, False, None),
        },
    },
    "verbs.toml": {
        "verb": {
            "lemma": (str, True, None),
            "particle": (str, False, None),
            "present": (str, False, None),
            "plural": (str, False, None),
            "preterite": (str, False, None),
            "participle": (str, False, None),
            "subjunctive2": (str, False, None),
        },
    },
    "cues.toml": {
        "phrase": {
            "id": (str, True, None),
            "words": (list, True, None),
            "kind": (str, True, ("preposition", "noun", "impersonal")),
            "source": (str, True, ("right", "left", "none", "self", "own")),
            "medium": (str, False, _MEDIA),
            "gap": (int, False, (0, 1, 2, 3)),
        },
        "noun": {
            "noun": (str, True, None),
            "medium": (str, True, _MEDIA),
            "clause": (bool, False, None),
        },
    },
    "roles.toml": {
        "role": {
            "masculine": (str, True, None),
            "feminine": (str, False, None),
            "kind": (str, False, ("person", "organisation", "group")),
            "gender": (str, False, ("m", "f", "n")),
        },
    },
}
# Files whose top-level tables are named word lists: table -> list of strings.
_WORD_LIST_FILES = ("names.toml", "words.toml", "mood.toml")
_KEYS = {"marks.toml": "id", "cue_verbs.toml": "lemma", "verbs.toml": "lemma",
         "roles.toml": "masculine"}


def packaged_rules_dir() -> Path:
    """The folder of the rule files shipped with the package (``quotes/rules`` when installed,
    ``rules/`` beside the package in a source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if (installed / "marks.toml").is_file() else here.parent / "rules"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise RuleError(f"{path}: cannot be read: {error.strerror or error}") from None


def _describe(table: str, index: int, entry: Any, key: str | None) -> str:
    name = entry.get(key) if key and isinstance(entry, dict) else None
    return f"[[{table}]] entry {index + 1}" + (f" ({name!r})" if name else "")


def _validate_tables(path: Path, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    schema = _SCHEMAS[path.name]
    key = _KEYS.get(path.name)
    for table in data:
        if table not in schema:
            raise RuleError(f"{path}: unknown table {table!r} (expected one of {sorted(schema)})")
    out: dict[str, list[dict[str, Any]]] = {}
    for table, fields in schema.items():
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise RuleError(f"{path}: {table!r} must be an array of tables ([[{table}]])")
        seen: set[Any] = set()
        for index, entry in enumerate(entries):
            where = f"{path}: {_describe(table, index, entry, key)}"
            if not isinstance(entry, dict):
                raise RuleError(f"{where}: must be a table")
            for name in entry:
                if name not in fields:
                    raise RuleError(f"{where}: unknown field {name!r} (allowed: {', '.join(fields)})")
            for name, (kind, required, allowed) in fields.items():
                if name not in entry:
                    if required:
                        raise RuleError(f"{where}: missing required field {name!r}")
                    continue
                value = entry[name]
                if not isinstance(value, kind):
                    raise RuleError(f"{where}: field {name!r} must be {kind.__name__}, got {type(value).__name__}")
                if kind is str and not value.strip() and required:
                    raise RuleError(f"{where}: field {name!r} is empty")
                if kind is list and (not value or not all(isinstance(v, str) and v for v in value)):
                    raise RuleError(f"{where}: field {name!r} must be a non-empty list of strings")
                if allowed is not None and value not in allowed:
                    raise RuleError(f"{where}: field {name!r} is {value!r}, expected one of {list(allowed)}")
            if table == "verb":
                _check_verb_entry(where, entry)
            identity = entry.get(key) if key else (entry.get("id") or entry.get("noun"))
            if identity is not None:
                if identity in seen:
                    raise RuleError(f"{where}: duplicate entry {identity!r}")
                seen.add(identity)
        out[table] = entries
    return out


def _validate_word_lists(path: Path, data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, body in data.items():
        if not isinstance(body, dict):
            raise RuleError(f"{path}: [{table}] must be a table of word lists")
        for name, words in body.items():
            where = f"{path}: [{table}] {name}"
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise RuleError(f"{where}: must be a list of non-empty strings")
            seen: set[str] = set()
            for word in words:
                if word in seen:
                    raise RuleError(f"{where}: duplicate entry {word!r}")
                seen.add(word)
            out[f"{table}.{name}"] = words
    return out


def _load_dir(folder: Path, tables: dict[str, dict[str, list[dict[str, Any]]]],
              lists: dict[str, dict[str, list[str]]]) -> None:
    for name in _SCHEMAS:
        path = folder / name
        if path.is_file():
            for table, entries in _validate_tables(path, _read_toml(path)).items():
                tables.setdefault(name, {}).setdefault(table, []).extend(entries)
    for name in _WORD_LIST_FILES:
        path = folder / name
        if path.is_file():
            for table, words in _validate_word_lists(path, _read_toml(path)).items():
                lists.setdefault(name, {}).setdefault(table, []).extend(words)
    known = set(_SCHEMAS) | set(_WORD_LIST_FILES)
    for path in sorted(folder.glob("*.toml")):
        if path.name not in known:
            raise RuleError(f"{path}: unknown rule file (expected one of {sorted(known)})")


def _verb(entry: dict[str, Any], cue: bool) -> VerbEntry:
    return VerbEntry(
        lemma=entry["lemma"], particle=entry.get("particle", ""), medium=entry.get("medium", "speech"),
        present=entry.get("present", ""), plural=entry.get("plural", ""), preterite=entry.get("preterite", ""),
        participle=entry.get("participle", ""), subjunctive2=entry.get("subjunctive2", ""),
        reflexive=entry.get("reflexive", False), preposition=entry.get("preposition", ""),
        clause=entry.get("clause", True), cue=cue)


def _check_verb_entry(where: str, entry: dict[str, Any]) -> None:
    lemma, particle = entry["lemma"], entry.get("particle", "")
    if particle and not lemma.startswith(particle):
        raise RuleError(f"{where}: particle {particle!r} must begin the lemma")
    if not lemma.endswith("n") or not lemma.isalpha():
        raise RuleError(f"{where}: lemma {lemma!r} is not an infinitive (letters ending in -n)")


def load_rules(extra_dirs: Iterable[str | Path] | str | Path = ()) -> Rules:
    """Load the packaged rules plus any user rule folders.

    A user folder adds entries; an entry with the same key as an earlier one (a verb's
    lemma, a pair's or phrase's id, a role's masculine form) replaces it. Rules are
    cached per list of folders for the life of the process.

    >>> len(load_rules().marks) > 5
    True
    """
    if isinstance(extra_dirs, (str, Path)):
        extra_dirs = [extra_dirs]
    return _load_rules_cached(tuple(str(Path(d)) for d in extra_dirs))


@lru_cache(maxsize=8)
def _load_rules_cached(extra_dirs: tuple[str, ...]) -> Rules:
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {}
    lists: dict[str, dict[str, list[str]]] = {}
    folders = [packaged_rules_dir(), *map(Path, extra_dirs)]
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder does not exist")
        _load_dir(folder, tables, lists)

    def entries(file: str, table: str) -> list[dict[str, Any]]:
        merged: dict[Any, dict[str, Any]] = {}
        key = _KEYS.get(file) or ("noun" if table == "noun" else "id")
        for entry in tables.get(file, {}).get(table, []):
            merged[entry.get(key)] = entry  # a later folder's entry replaces an earlier one
        return list(merged.values())

    marks = tuple(MarkPair(id=e["id"], open=e["open"], close=tuple(e["close"]), level=e["level"],
                           family=e.get("family", ""), symmetric=e.get("symmetric", False))
                  for e in entries("marks.toml", "pair"))
    cue_verbs = tuple(_verb(e, True) for e in entries("cue_verbs.toml", "verb"))
    verbs = tuple(_verb(e, False) for e in entries("verbs.toml", "verb"))
    phrases = tuple(PhraseCue(id=e["id"], words=tuple(w.lower() for w in e["words"]), kind=e["kind"],
                              source=e["source"], medium=e.get("medium", "speech"), gap=e.get("gap", 0))
                    for e in entries("cues.toml", "phrase"))
    nouns = tuple((e["noun"], e["medium"]) for e in entries("cues.toml", "noun"))
    clause_nouns = frozenset(e["noun"] for e in entries("cues.toml", "noun") if e.get("clause", False))
    roles = tuple(Role(masculine=e["masculine"], feminine=e.get("feminine", ""),
                       kind=e.get("kind", "person"), gender=e.get("gender", ""))
                  for e in entries("roles.toml", "role"))
    names = lists.get("names.toml", {})
    return Rules(
        marks=marks, cue_verbs=cue_verbs, verbs=verbs, phrase_cues=phrases, noun_cues=nouns,
        roles=roles,
        male_names=frozenset(names.get("first_names.male", ())),
        female_names=frozenset(names.get("first_names.female", ())),
        words=MappingProxyType({k: frozenset(v) for k, v in lists.get("words.toml", {}).items()}),
        subjunctive=MappingProxyType({k: frozenset(v) for k, v in lists.get("mood.toml", {}).items()}),
        clause_nouns=clause_nouns,
    )
