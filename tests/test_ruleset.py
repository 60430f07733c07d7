"""Tests of the rule loader in quotes.ruleset: the packaged rules, user rule folders and
the errors that broken rule files raise (file, entry and reason in the message)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import attrs
import pytest

from quotes.ruleset import (
    _MEDIA,
    _SCHEMAS,
    _WORD_LIST_FILES,
    MarkPair,
    Role,
    RuleError,
    Rules,
    VerbEntry,
    load_rules,
    packaged_rules_dir,
)

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"

# Word lists the engine looks up (quotes/words.py, quotes/segment.py, ...).
ENGINE_WORD_LISTS = (
    "function.articles",
    "function.determiners",
    "function.prepositions",
    "function.subordinators",
    "function.conjunctions",
    "function.adverbs",
    "function.time_words",
    "function.relative_pronouns",
    "function.pronouns_oblique",
    "function.pronouns_masculine",
    "function.pronouns_feminine",
    "function.pronouns_neuter",
    "function.pronouns_plural",
    "function.pronouns_first",
    "function.honorifics_masculine",
    "function.honorifics_feminine",
    "function.honorifics_neutral",
    "function.name_particles",
    "sentences.abbreviations",
    "sentences.ordinal_context",
)
ENGINE_SUBJUNCTIVE_LISTS = ("subjunctive.konjunktiv1", "subjunctive.konjunktiv2")

NEW_VERB = '[[verb]]\nlemma = "wispern"\nmedium = "speech"\n'
# Made-up infinitives that the packaged rules can never contain (wispern, raunen may be added).
NEW_LEMMA = "quakwispern"
OTHER_LEMMA = "quakraunen"


# --------------------------------------------------------------------------- helpers


def rule_folder(base: Path, files: dict[str, str], name: str = "rules") -> Path:
    """A fresh user rule folder under ``base`` holding ``files`` (name -> TOML text)."""
    folder = base / name
    folder.mkdir()
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def rule_error(folder: Path) -> str:
    """The message of the RuleError that loading ``folder`` raises."""
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    return str(info.value)


def lemmas(verbs: tuple[VerbEntry, ...]) -> set[str]:
    return {verb.lemma for verb in verbs}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


# --------------------------------------------------------------------------- 1. packaged rules


def test_packaged_rules_dir_holds_only_known_rule_files():
    folder = packaged_rules_dir()
    assert folder.is_dir()
    assert (folder / "marks.toml").is_file()
    known = set(_SCHEMAS) | set(_WORD_LIST_FILES)
    present = {path.name for path in folder.glob("*.toml")}
    assert present, "no rule files in the packaged rules folder"
    assert present <= known, f"unknown packaged rule files: {sorted(present - known)}"


def test_load_rules_returns_rules_and_is_cached(rules):
    assert isinstance(rules, Rules)
    assert load_rules() is rules
    assert load_rules([]) is rules


def test_at_least_300_cue_verbs_each_with_a_medium(rules):
    assert len(rules.cue_verbs) >= 300
    for verb in rules.cue_verbs:
        assert isinstance(verb, VerbEntry)
        assert verb.medium in ("speech", "writing", "thought"), verb
        assert verb.cue is True, verb
    # every medium is represented, and the core reporting verbs are there
    assert {verb.medium for verb in rules.cue_verbs} == {"speech", "writing", "thought"}
    assert {"sagen", "erklären", "schreiben", "mitteilen"} <= lemmas(rules.cue_verbs)


def test_cue_verb_lemmas_are_unique_and_not_general_verbs(rules):
    counts = Counter(verb.lemma for verb in rules.cue_verbs)
    assert [lemma for lemma, n in counts.items() if n > 1] == []
    assert rules.verbs, "verbs.toml loaded no verbs"
    assert all(verb.cue is False for verb in rules.verbs)
    assert lemmas(rules.cue_verbs) & lemmas(rules.verbs) == set()


def test_separable_particles_begin_their_lemma(rules):
    with_particle = [v for v in rules.cue_verbs + rules.verbs if v.particle]
    assert with_particle, "no separable verbs at all"
    for verb in with_particle:
        assert verb.lemma.startswith(verb.particle) and verb.lemma != verb.particle, verb


def test_every_mark_pair_has_open_and_close(rules):
    assert len(rules.marks) >= 5
    ids = [mark.id for mark in rules.marks]
    assert len(ids) == len(set(ids))
    for mark in rules.marks:
        assert isinstance(mark, MarkPair)
        assert isinstance(mark.open, str) and mark.open, mark
        assert isinstance(mark.close, tuple) and mark.close, mark
        assert all(isinstance(close, str) and close for close in mark.close), mark
        assert mark.level in ("double", "single"), mark
        if mark.symmetric:
            assert mark.open in mark.close, mark
    opens = {mark.open for mark in rules.marks}
    assert {"„", "»", "«", '"'} <= opens


def test_first_names_are_non_empty_and_disjoint(rules):
    assert rules.male_names, "no male first names (rules/names.toml [first_names] male)"
    assert rules.female_names, "no female first names (rules/names.toml [first_names] female)"
    both = rules.male_names & rules.female_names
    assert both == frozenset(), f"names listed as male and female: {sorted(both)[:20]}"


def test_every_role_loads(rules):
    assert rules.roles, "no [[role]] entries loaded (rules/roles.toml)"
    for role in rules.roles:
        assert isinstance(role, Role)
        assert role.masculine.strip(), role
        assert role.kind in ("person", "organisation", "group"), role
        assert role.gender in ("", "m", "f", "n"), role
    assert len({role.masculine for role in rules.roles}) == len(rules.roles)


@pytest.mark.parametrize("name", ENGINE_WORD_LISTS)
def test_word_lists_used_by_the_engine_exist(rules, name):
    assert name in rules.words, f"word list {name!r} missing from rules/words.toml"
    words = rules.words[name]
    assert isinstance(words, frozenset) and words
    assert all(isinstance(word, str) and word.strip() for word in words)


def test_every_word_list_named_in_the_engine_exists(rules):
    """Each "function.x"/"sentences.x"/"subjunctive.x" the code looks up is in rules/
    (a missing list silently becomes an empty set in the engine)."""
    named: set[str] = set()
    for source in PACKAGE.glob("*.py"):
        if source.name == "ruleset.py":
            continue
        named |= set(re.findall(r"[\"']((?:function|sentences|subjunctive)\.\w+)[\"']",
                                source.read_text(encoding="utf-8")))
    assert {"function.articles", "sentences.abbreviations"} <= named  # the scan works
    available = set(rules.words) | set(rules.subjunctive)
    assert sorted(named - available) == []


@pytest.mark.parametrize("name", ENGINE_SUBJUNCTIVE_LISTS)
def test_subjunctive_lists_exist(rules, name):
    assert rules.subjunctive.get(name), f"{name!r} missing from rules/mood.toml"


def test_phrase_and_noun_cues_load(rules):
    assert rules.phrase_cues and rules.noun_cues
    assert "laut" in {phrase.id for phrase in rules.phrase_cues}
    for phrase in rules.phrase_cues:
        assert phrase.words and all(word == word.lower() for word in phrase.words), phrase
        assert phrase.medium in _MEDIA
    for noun, medium in rules.noun_cues:
        assert noun and medium in _MEDIA
    assert {"Ansicht", "These"} <= rules.clause_nouns <= {noun for noun, _ in rules.noun_cues}


def test_a_user_clause_noun_is_loaded_and_a_bad_flag_is_named(tmp_path):
    folder = rule_folder(tmp_path, {"cues.toml": '[[noun]]\nnoun = "Prognose"\nmedium = "thought"\nclause = true\n'})
    assert "Prognose" in load_rules([folder]).clause_nouns
    bad = rule_folder(tmp_path, {"cues.toml": '[[noun]]\nnoun = "Prognose"\nmedium = "thought"\nclause = "ja"\n'},
                      name="bad")
    message = rule_error(bad)
    assert "cues.toml" in message and "entry 1" in message and "clause" in message


# --------------------------------------------------------------------------- 2. user folders


def test_user_folder_adds_a_cue_verb(tmp_path):
    folder = rule_folder(tmp_path, {"cue_verbs.toml": f'[[verb]]\nlemma = "{NEW_LEMMA}"\nmedium = "speech"\n'})
    base = load_rules()
    extended = load_rules([folder])
    assert NEW_LEMMA not in lemmas(base.cue_verbs)
    assert NEW_LEMMA in lemmas(extended.cue_verbs)
    added = [verb for verb in extended.cue_verbs if verb.lemma == NEW_LEMMA]
    assert added == [VerbEntry(lemma=NEW_LEMMA, medium="speech")]
    # the packaged verbs are kept, and nothing else changes
    assert len(extended.cue_verbs) == len(base.cue_verbs) + 1
    assert lemmas(base.cue_verbs) <= lemmas(extended.cue_verbs)
    assert extended.marks == base.marks and extended.verbs == base.verbs
    # the cache is keyed by the folder: str and Path give the same rules, load_rules() stays unchanged
    assert load_rules([str(folder)]) is extended
    assert NEW_LEMMA not in lemmas(load_rules().cue_verbs)


def test_user_folder_with_all_verb_fields(tmp_path):
    text = ('[[verb]]\nlemma = "zurückquakrufen"\nparticle = "zurück"\nmedium = "speech"\n'
            'present = "quakruft"\npreterite = "quakrief"\nparticiple = "quakgerufen"\n'
            'subjunctive2 = "quakriefe"\nreflexive = false\npreposition = "zu"\n')
    folder = rule_folder(tmp_path, {"cue_verbs.toml": text})
    (verb,) = [v for v in load_rules([folder]).cue_verbs if v.lemma == "zurückquakrufen"]
    assert verb == VerbEntry(lemma="zurückquakrufen", particle="zurück", medium="speech",
                             present="quakruft", preterite="quakrief", participle="quakgerufen",
                             subjunctive2="quakriefe", reflexive=False, preposition="zu", cue=True)


def test_later_folders_add_to_earlier_ones(tmp_path):
    first = rule_folder(tmp_path, {"cue_verbs.toml": f'[[verb]]\nlemma = "{NEW_LEMMA}"\nmedium = "speech"\n'},
                        "first")
    second = rule_folder(tmp_path, {"verbs.toml": f'[[verb]]\nlemma = "{OTHER_LEMMA}"\n'}, "second")
    rules = load_rules([first, second])
    assert {NEW_LEMMA, "sagen"} <= lemmas(rules.cue_verbs)
    assert OTHER_LEMMA in lemmas(rules.verbs) and OTHER_LEMMA not in lemmas(rules.cue_verbs)
    assert OTHER_LEMMA not in lemmas(load_rules([first]).verbs)


def test_user_word_lists_are_merged(tmp_path):
    base = load_rules()
    folder = rule_folder(tmp_path, {
        "words.toml": '[function]\nadverbs = ["xyzzyweise"]\n[custom]\nthings = ["a", "b"]\n',
        "mood.toml": '[subjunctive]\nkonjunktiv1 = ["xyzzyest"]\n',
    })
    rules = load_rules([folder])
    assert rules.words["function.adverbs"] == base.words["function.adverbs"] | {"xyzzyweise"}
    assert rules.words["custom.things"] == frozenset({"a", "b"})
    assert rules.words["function.articles"] == base.words["function.articles"]
    assert "xyzzyest" in rules.subjunctive["subjunctive.konjunktiv1"]
    assert "xyzzyweise" not in base.words["function.adverbs"]


def test_user_names_and_roles_load(tmp_path):
    folder = rule_folder(tmp_path, {
        "names.toml": '[first_names]\nmale = ["Xaverius"]\nfemale = ["Xaveria"]\n',
        "roles.toml": ('[[role]]\nmasculine = "Oberwispersprecher"\nfeminine = "Oberwispersprecherin"\n\n'
                       '[[role]]\nmasculine = "Wisperamt"\nkind = "organisation"\ngender = "n"\n'),
    })
    rules = load_rules([folder])
    assert "Xaverius" in rules.male_names and "Xaverius" not in rules.female_names
    assert "Xaveria" in rules.female_names
    assert Role(masculine="Oberwispersprecher", feminine="Oberwispersprecherin") in rules.roles
    assert Role(masculine="Wisperamt", kind="organisation", gender="n") in rules.roles


def test_empty_user_folder_changes_nothing(tmp_path):
    folder = rule_folder(tmp_path, {"README.md": "not a rule file, ignored\n"})
    assert load_rules([folder]) == load_rules()


def test_a_fixed_folder_loads_after_an_error(tmp_path):
    """Errors are not cached: once the file is repaired the same folder loads."""
    folder = rule_folder(tmp_path, {"cue_verbs.toml": '[[verb]]\nlemma = "wispern"\n'})
    assert "missing required field 'medium'" in rule_error(folder)
    (folder / "cue_verbs.toml").write_text(f'[[verb]]\nlemma = "{NEW_LEMMA}"\nmedium = "speech"\n',
                                           encoding="utf-8")
    assert NEW_LEMMA in lemmas(load_rules([folder]).cue_verbs)


# --------------------------------------------------------------------------- 3. broken rules

# (case id, file name, TOML text, parts naming the entry, parts naming the reason)
BROKEN = [
    ("bad-toml", "cue_verbs.toml",
     '[[verb]]\nlemma = "wispern"\nmedium = "speech\n',
     ["line 3"], ["not valid TOML"]),
    ("unknown-field", "cue_verbs.toml",
     '[[verb]]\nlemma = "wispern"\nmedium = "speech"\ncolour = "red"\n',
     ["[[verb]] entry 1", "'wispern'"], ["unknown field", "'colour'"]),
    ("wrong-type-medium", "cue_verbs.toml",
     '[[verb]]\nlemma = "wispern"\nmedium = 3\n',
     ["[[verb]] entry 1", "'wispern'"], ["'medium'", "must be str", "got int"]),
    ("wrong-type-close", "marks.toml",
     '[[pair]]\nid = "angle"\nopen = "<"\nclose = "x"\nlevel = "double"\n',
     ["[[pair]] entry 1", "'angle'"], ["'close'", "must be list", "got str"]),
    ("wrong-type-symmetric", "marks.toml",
     '[[pair]]\nid = "angle"\nopen = "<"\nclose = [">"]\nlevel = "double"\nsymmetric = "yes"\n',
     ["[[pair]] entry 1", "'angle'"], ["'symmetric'", "must be bool", "got str"]),
    ("wrong-type-later-entry", "cue_verbs.toml",
     NEW_VERB + '\n[[verb]]\nlemma = "raunen"\nmedium = "speech"\nreflexive = "ja"\n',
     ["[[verb]] entry 2", "'raunen'"], ["'reflexive'", "must be bool"]),
    ("bad-value-medium", "cue_verbs.toml",
     '[[verb]]\nlemma = "wispern"\nmedium = "gesture"\n',
     ["[[verb]] entry 1", "'wispern'"], ["'medium'", "'gesture'", "expected one of", "speech"]),
    ("bad-value-level", "marks.toml",
     '[[pair]]\nid = "angle"\nopen = "<"\nclose = [">"]\nlevel = "triple"\n',
     ["[[pair]] entry 1", "'angle'"], ["'level'", "'triple'", "expected one of", "double"]),
    ("bad-value-role-kind", "roles.toml",
     '[[role]]\nmasculine = "Sprecher"\nkind = "robot"\n',
     ["[[role]] entry 1", "'Sprecher'"], ["'kind'", "'robot'", "expected one of"]),
    ("missing-field", "cue_verbs.toml",
     '[[verb]]\nlemma = "wispern"\n',
     ["[[verb]] entry 1", "'wispern'"], ["missing required field", "'medium'"]),
    ("missing-lemma", "cue_verbs.toml",
     '[[verb]]\nmedium = "speech"\n',
     ["[[verb]] entry 1"], ["missing required field", "'lemma'"]),
    ("empty-close-list", "marks.toml",
     '[[pair]]\nid = "angle"\nopen = "<"\nclose = []\nlevel = "double"\n',
     ["[[pair]] entry 1", "'angle'"], ["'close'", "non-empty list of strings"]),
    ("duplicate-verb", "cue_verbs.toml",
     NEW_VERB + "\n" + NEW_VERB,
     ["[[verb]] entry 2", "'wispern'"], ["duplicate entry"]),
    ("duplicate-phrase", "cues.toml",
     '[[phrase]]\nid = "x"\nwords = ["x"]\nkind = "preposition"\nsource = "right"\n' * 2,
     ["[[phrase]] entry 2"], ["duplicate entry", "'x'"]),
    ("unknown-table", "cue_verbs.toml",
     '[[verbs]]\nlemma = "wispern"\nmedium = "speech"\n',
     ["'verbs'"], ["unknown table", "'verb'"]),
    ("single-table", "cue_verbs.toml",
     '[verb]\nlemma = "wispern"\nmedium = "speech"\n',
     ["'verb'"], ["must be an array of tables"]),
    ("unknown-file", "extra.toml",
     NEW_VERB,
     ["extra.toml"], ["unknown rule file", "cue_verbs.toml"]),
    ("word-list-duplicate", "words.toml",
     '[function]\narticles = ["der", "die", "der"]\n',
     ["[function] articles"], ["duplicate entry", "'der'"]),
    ("word-list-non-string", "words.toml",
     '[function]\narticles = ["der", 3]\n',
     ["[function] articles"], ["must be a list of non-empty strings"]),
    ("word-list-not-a-table", "words.toml",
     'articles = ["der"]\n',
     ["[articles]"], ["must be a table of word lists"]),
    ("names-non-string", "names.toml",
     '[first_names]\nmale = ["Max", true]\n',
     ["[first_names] male"], ["must be a list of non-empty strings"]),
]


@pytest.mark.parametrize("file_name, text, entry, reason",
                         [pytest.param(*case[1:], id=case[0]) for case in BROKEN])
def test_broken_rule_file_names_file_entry_and_reason(tmp_path, file_name, text, entry, reason):
    folder = rule_folder(tmp_path, {file_name: text})
    message = rule_error(folder)
    assert message.startswith(f"{folder / file_name}: "), message  # the FILE, by its path
    for part in entry:  # the ENTRY
        assert part in message, f"entry {part!r} not named in: {message}"
    for part in reason:  # the REASON
        assert part in message, f"reason {part!r} not named in: {message}"


def test_missing_rule_folder(tmp_path):
    folder = tmp_path / "does-not-exist"
    message = rule_error(folder)
    assert message.startswith(f"{folder}: "), message
    assert "rule folder does not exist" in message


def test_broken_file_in_second_folder_is_named(tmp_path):
    good = rule_folder(tmp_path, {"cue_verbs.toml": NEW_VERB}, "good")
    bad = rule_folder(tmp_path, {"cue_verbs.toml": NEW_VERB + "\n" + NEW_VERB}, "bad")
    with pytest.raises(RuleError) as info:
        load_rules([good, bad])
    message = str(info.value)
    assert message.startswith(f"{bad / 'cue_verbs.toml'}: ")
    assert "[[verb]] entry 2 ('wispern')" in message and "duplicate entry" in message


# Verb-form checks (particle, infinitive) run after the files are merged.
VERB_FORM_CASES = [
    pytest.param("cue_verbs.toml", '[[verb]]\nlemma = "sagen"\nparticle = "mit"\nmedium = "speech"\n',
                 "'sagen'", ["particle 'mit'", "must begin the lemma"], id="particle-not-prefix"),
    pytest.param("cue_verbs.toml", '[[verb]]\nlemma = "sagte"\nmedium = "speech"\n',
                 "'sagte'", ["infinitive"], id="not-infinitive"),
    pytest.param("verbs.toml", '[[verb]]\nlemma = "machte"\n',
                 "'machte'", ["infinitive"], id="not-infinitive-general-verb"),
]


@pytest.mark.parametrize("file_name, text, lemma, reason", VERB_FORM_CASES)
def test_bad_verb_forms_are_rejected_with_lemma_and_reason(tmp_path, file_name, text, lemma, reason):
    folder = rule_folder(tmp_path, {file_name: text})
    message = rule_error(folder)
    assert file_name in message
    assert "[[verb]]" in message and lemma in message
    for part in reason:
        assert part in message, message


@pytest.mark.parametrize("file_name, text, lemma, reason", VERB_FORM_CASES)
def test_bad_verb_forms_name_file_path_and_entry(tmp_path, file_name, text, lemma, reason):
    folder = rule_folder(tmp_path, {file_name: text})
    message = rule_error(folder)
    assert message.startswith(f"{folder / file_name}: "), message
    assert f"[[verb]] entry 1 ({lemma})" in message, message
    for part in reason:
        assert part in message, message


def test_a_single_path_string_is_not_split_into_characters(tmp_path):
    folder = rule_folder(tmp_path, {"cue_verbs.toml": f'[[verb]]\nlemma = "{NEW_LEMMA}"\nmedium = "speech"\n'})
    try:
        rules = load_rules(str(folder))
    except TypeError:  # refusing a bare string is fine too
        return
    assert NEW_LEMMA in lemmas(rules.cue_verbs)


# --------------------------------------------------------------------------- 4. immutability


def test_rules_are_frozen(rules):
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rules.cue_verbs = ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rules.words = {}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rules.cue_verbs[0].medium = "thought"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rules.marks[0].open = "<"
    assert isinstance(rules.cue_verbs, tuple) and isinstance(rules.marks, tuple)
    assert isinstance(rules.male_names, frozenset) and isinstance(rules.female_names, frozenset)
    assert all(isinstance(words, frozenset) for words in rules.words.values())
    assert hash(rules) == hash(load_rules())  # usable as a cache key (vocabulary_for)


def test_word_list_tables_cannot_be_changed(tmp_path):
    # a private copy (its own cache key), so that a mutable dict cannot leak into other tests
    rules = load_rules([rule_folder(tmp_path, {})])
    with pytest.raises(TypeError):
        rules.words["function.articles"] = frozenset()
    with pytest.raises(TypeError):
        rules.subjunctive["subjunctive.konjunktiv1"] = frozenset()
